import ArgumentParser
import BPVDimacs
import BPVSynthetic

/// `bpv generate`: write a synthetic instance as DIMACS.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic matching instance as a DIMACS min-cost-flow file.",
        discussion: """
            Students live in clustered towns and wish for one to three sectors; internships have \
            1 to 7 places, some with support capacity. A pair is a candidate when the sector fits, \
            the level is accepted, the travel time is within the student's limit and, for a student \
            who needs support, the internship has support capacity. Costs rank sector wishes and \
            travel time; students are unplaced at an exact penalty that places as many as possible, \
            urgent and supported students first. See SyntheticRegion in the BPVSynthetic module. \
            The same options and seed always write the same file.
            """
    )

    @Option(help: "Number of students.") var students: Int
    @Option(help: "Number of internships (a region; a square assignment has as many as students).")
    var internships: Int?
    @Option(help: ArgumentHelp(
        "region: students and internships in a synthetic region (the default); square: the NETGEN assignment family's shape, n students, n one-place internships, everyone placed, --degree pairs each, costs 1 to 10,000.",
        valueName: "SHAPE"))
    var shape: Shape = .region
    @Option(help: "Pairs per student in a square assignment.") var degree: Int = 10
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Where to write the DIMACS file.", valueName: "FILE")) var out: String
    @Option(name: .customLong("area-km"), help: "Side of the square region in km; smaller means more candidates.")
    var areaKm: Double = 100
    @Option(name: .customLong("mean-capacity"), help: "Mean places per internship.")
    var meanCapacity: Double = 3
    @Option(name: .customLong("support-share"), help: "Share of students who need intensive support (0 to 1).")
    var supportShare: Double = 0.2
    @Option(
        name: .customLong("places-ratio"),
        help: "Places of all internships together as a multiple of the students (replaces --mean-capacity).")
    var placesRatio: Double?

    func validate() throws {
        guard students >= 0, (internships ?? 0) >= 0, degree >= 1 else {
            throw ValidationError("counts must not be negative, --degree at least 1")
        }
        if shape == .region, internships == nil { throw ValidationError("a region needs --internships") }
        let internships = internships ?? students
        guard areaKm > 0 else { throw ValidationError("--area-km must be positive") }
        guard (0 ... 1).contains(supportShare) else { throw ValidationError("--support-share must be between 0 and 1") }
        if let placesRatio {
            let most = Double(internships * SyntheticRegion.maximumCapacity), least = Double(internships)
            let places = placesRatio * Double(students)
            guard placesRatio > 0, places <= most, places >= least || students == 0 else {
                throw ValidationError(
                    "--places-ratio \(placesRatio) needs \(Int(places.rounded())) places; \(internships) internships hold 1 to \(SyntheticRegion.maximumCapacity) each")
            }
        }
    }

    enum Shape: String, ExpressibleByArgument, CaseIterable { case region, square }

    func run() throws {
        if shape == .square {
            let square = SquareAssignment(students: students, degree: degree, seed: seed)
            let problem = try square.makeProblem()
            try DimacsWriter.write(problem, to: out, comments: [
                "square assignment (NETGEN assignment shape): bpv generate --shape square --students \(students) --degree \(degree) --seed \(seed)"])
            print("wrote \(out): \(problem.studentCount) students, \(problem.internshipCount) internships, \(problem.arcCount) arcs")
            return
        }
        let internships = internships ?? students
        let region = SyntheticRegion(
            students: students, internships: internships, seed: seed, areaKm: areaKm, meanCapacity: meanCapacity,
            supportShare: supportShare, placesRatio: placesRatio)
        let problem = try region.makeProblem()
        try DimacsWriter.write(
            problem, to: out,
            comments: ["synthetic instance: bpv generate --students \(students) --internships \(internships)"
                + " --seed \(seed) --area-km \(areaKm) --mean-capacity \(meanCapacity) --support-share \(supportShare)"
                + (placesRatio.map { " --places-ratio \($0)" } ?? "")])
        print("wrote \(out): \(problem.studentCount) students, \(problem.internshipCount) internships, \(problem.arcCount) arcs")
    }
}

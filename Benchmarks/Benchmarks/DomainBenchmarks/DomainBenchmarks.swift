import Benchmark
import BPVDomain
import BPVSynthetic
import BPVWorkspace
import Foundation

/// A national-scale round: students and internships spread over 200 towns in the Netherlands'
/// bounding box, six sectors, every travel mode, 20% needing a job coach.
func nationalRound(students: Int, internships: Int, seed: UInt64) -> ([Student], [Internship]) {
    var rng = SeededGenerator(seed: seed)
    let towns = (0 ..< 200).map { _ in
        (Double.random(in: 51.5 ... 53.2, using: &rng), Double.random(in: 4.2 ... 6.8, using: &rng))
    }
    func near() -> Location {
        let t = towns.randomElement(using: &rng)!
        return try! Location(
            latitude: t.0 + Double.random(in: -0.04 ... 0.04, using: &rng),
            longitude: t.1 + Double.random(in: -0.06 ... 0.06, using: &rng))
    }
    let ss = (0 ..< students).map { k in
        Student(
            id: try! PseudonymousID("S-\(k)"), level: [.entree, .two].randomElement(using: &rng)!,
            sectors: Array(Sector.allCases.shuffled(using: &rng).prefix(Int.random(in: 1 ... 3, using: &rng))),
            home: near(), travelMode: TravelMode.allCases.randomElement(using: &rng)!,
            maxTravelMinutes: Int.random(in: 20 ... 60, using: &rng),
            needs: AccommodationSet(Int.random(in: 0 ..< 5, using: &rng) == 0 ? [.jobcoach] : []),
            priority: UInt8.random(in: 0 ... 1, using: &rng))
    }
    let ii = (0 ..< internships).map { k in
        let cap = Int.random(in: 1 ... 6, using: &rng)
        return Internship(
            id: try! PseudonymousID("I-\(k)"), employer: "E\(k)", sector: Sector.allCases.randomElement(using: &rng)!,
            location: near(), capacity: cap, supportCapacity: Int.random(in: 0 ... cap, using: &rng),
            offers: AccommodationSet([.jobcoach, .quiet]), levels: [.entree, .two])
    }
    return (ss, ii)
}

/// A live round for the tweak benchmark (used by one benchmark thread only).
final class Live: @unchecked Sendable {
    let session: RoundSession
    let ids: [StudentID]
    var rng = SeededGenerator(seed: 42)
    init(session: RoundSession, ids: [StudentID]) {
        self.session = session
        self.ids = ids
    }
}

/// A workspace's register with a live draft, for the persisted tweak benchmark (one thread only).
final class LiveRegister: @unchecked Sendable {
    let register: Register
    let ids: [StudentID]
    var rng = SeededGenerator(seed: 42)
    init(register: Register, ids: [StudentID]) {
        self.register = register
        self.ids = ids
    }

    /// The national round of 30,000 students imported into a workspace on disk and matched.
    static func matched() throws -> LiveRegister {
        let (students, internships) = nationalRound(students: 30_000, internships: 9_000, seed: 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-bench-\(UUID().uuidString).sqlite").path
        let ws = try Workspace(path: path, user: "benchmark")
        try ws.importStudents(students, from: "benchmark")
        try ws.importInternships(internships, from: "benchmark")
        let register = Register(workspace: ws)
        try register.match()
        return LiveRegister(register: register, ids: students.map(\.studentID))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("candidate graph 30k students x 9k internships") { benchmark, round in
        for _ in benchmark.scaledIterations {
            blackHole(try CandidateGraph(students: round.0, internships: round.1, settings: MatchSettings()))
        }
    } setup: {
        nationalRound(students: 30_000, internships: 9_000, seed: 1)
    }

    // A coach's tweak in the shell, end to end in the domain: the student's arcs rebuilt against
    // all 9,000 internships, the repair, and the outcome brought up to date (who moved).
    Benchmark(
        "round session 30k: ban the student's own place",
        configuration: .init(timeUnits: .microseconds, warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 200)
    ) { (benchmark: Benchmark, state: Live) in
        for _ in benchmark.scaledIterations {
            let (session, ids) = (state.session, state.ids)
            while true {
                let id = ids[Int.random(in: 0 ..< ids.count, using: &state.rng)]
                guard let here = session.outcome.internshipOf[id] else { continue }
                blackHole(try session.apply(.ban(student: id, internship: here)))
                break
            }
        }
    } setup: {
        let (students, internships) = nationalRound(students: 30_000, internships: 9_000, seed: 1)
        let session = try RoundSession(model: RoundModel(students: students, internships: internships, settings: MatchSettings()))
        return Live(session: session, ids: students.map(\.studentID))
    }

    // `gaps` on the live round (issue 22): one search from every unplaced student prices every
    // extra place and new internship; the offers that can lead to room get a what-if each.
    Benchmark(
        "round session 30k: gaps",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 5)
    ) { (benchmark: Benchmark, state: Live) in
        for _ in benchmark.scaledIterations {
            blackHole(try state.session.gaps())
        }
    } setup: {
        let (students, internships) = nationalRound(students: 30_000, internships: 9_000, seed: 1)
        let session = try RoundSession(model: RoundModel(students: students, internships: internships, settings: MatchSettings()))
        return Live(session: session, ids: students.map(\.studentID))
    }

    // The same tweak through the workspace's register, as the shell makes it: checked by the
    // domain, repaired, and stored (the ban, its audit entry and the moved students' draft rows
    // in one IMMEDIATE SQLite transaction, on disk).
    Benchmark(
        "register 30k: ban the student's own place, stored",
        configuration: .init(timeUnits: .microseconds, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 300)
    ) { (benchmark: Benchmark, state: LiveRegister) in
        for _ in benchmark.scaledIterations {
            let register = state.register
            let session = try register.current()
            while true {
                let id = state.ids[Int.random(in: 0 ..< state.ids.count, using: &state.rng)]
                guard let here = session.outcome.internshipOf[id] else { continue }
                blackHole(try register.ban(student: id, internship: here, reason: "benchmark"))
                break
            }
        }
    } setup: {
        try LiveRegister.matched()
    }

    // An employer's no, as the coordinator records it: the proposal ends, the pair is banned and
    // the student is placed again at once, stored. Each sample first proposes a random draft
    // student at their place (not measured), then measures the decline.
    Benchmark(
        "register 30k: decline by employer, stored",
        configuration: .init(timeUnits: .microseconds, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 300)
    ) { (benchmark: Benchmark, state: LiveRegister) in
        let register = state.register
        var student: StudentID?
        while student == nil {
            let id = state.ids[Int.random(in: 0 ..< state.ids.count, using: &state.rng)]
            let model = try register.currentModel()
            if model.heldStatus(of: id) == nil, try register.current().outcome.internshipOf[id] != nil { student = id }
        }
        guard let student else { return }
        try register.propose(student: student)
        benchmark.startMeasurement()
        blackHole(try register.decline(student: student, by: .employer, reason: "benchmark"))
        benchmark.stopMeasurement()
    } setup: {
        try LiveRegister.matched()
    }
}

import BPVGeography
import BPVSolver
import BPVSynthetic
import Testing
@testable import BPVDomain

@Suite("Candidate graph")
struct CandidateGraphTests {
    /// Random students and internships around the towns of both regions.
    func randomRound(seed: UInt64, students: Int, internships: Int) -> ([Student], [Internship]) {
        var rng = SeededGenerator(seed: seed)
        let towns = sampleTowns
        func jitter(_ t: Place) -> Location {
            try! Location(
                latitude: t.latitude + Double.random(in: -0.03 ... 0.03, using: &rng),
                longitude: t.longitude + Double.random(in: -0.05 ... 0.05, using: &rng))
        }
        let ss = (0 ..< students).map { k in
            Student(
                id: id("S-\(k)"), level: Level.allCases.randomElement(using: &rng)!,
                sectors: Array(Sector.allCases.shuffled(using: &rng).prefix(Int.random(in: 1 ... 3, using: &rng))),
                home: jitter(towns.randomElement(using: &rng)!), travelMode: TravelMode.allCases.randomElement(using: &rng)!,
                maxTravelMinutes: Int.random(in: 10 ... 90, using: &rng),
                needs: AccommodationSet(Accommodation.allCases.filter { _ in Int.random(in: 0 ..< 6, using: &rng) == 0 }),
                certificates: CertificateSet(Certificate.allCases.filter { _ in Bool.random(using: &rng) }),
                priority: UInt8.random(in: 0 ... 2, using: &rng))
        }
        let ii = (0 ..< internships).map { k in
            let cap = Int.random(in: 0 ... 5, using: &rng)
            return Internship(
                id: id("I-\(k)"), employer: "E\(k)", sector: Sector.allCases.randomElement(using: &rng)!,
                location: jitter(towns.randomElement(using: &rng)!), capacity: cap,
                supportCapacity: Int.random(in: 0 ... max(cap, 0), using: &rng),
                offers: AccommodationSet(Accommodation.allCases.filter { _ in Bool.random(using: &rng) }),
                requires: CertificateSet(Certificate.allCases.filter { _ in Int.random(in: 0 ..< 4, using: &rng) == 0 }),
                levels: Set(Level.allCases.filter { _ in Int.random(in: 0 ..< 4, using: &rng) != 0 }))
        }
        return (ss, ii)
    }

    @Test("the grid finds exactly the pairs a check of every pair finds, with the same costs", arguments: 0 ..< 30)
    func gridMatchesExhaustiveCheck(seed: Int) throws {
        let settings = MatchSettings()
        let (students, internships) = randomRound(seed: UInt64(seed), students: 60, internships: 80)
        let graph = try CandidateGraph(students: students, internships: internships, settings: settings)
        let p = graph.problem
        for (s, student) in students.enumerated() {
            var expected: [Int32: Int64] = [:]
            for (j, i) in internships.enumerated() where settings.exclusions(student, i).isEmpty {
                expected[Int32(j)] = Int64(settings.score(student, i).total)
            }
            var got: [Int32: Int64] = [:]
            for a in p.arcs(of: s) { got[p.arcInternship[a]] = p.arcCost[a] }
            #expect(got == expected, "student \(s), seed \(seed)")
        }
        #expect(p.objective == .maximizePlacements(tiers: students.map(\.priority)))
        let result = try AssignmentSolver().solve(p)
        try OptimalityCertificate.verify(result, for: p)
    }
}

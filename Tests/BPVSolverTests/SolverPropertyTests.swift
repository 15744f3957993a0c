import Testing
@testable import BPVSolver

/// Random instances, each solved and certified; the tiny ones also against exhaustive search.
@Suite("Solver on random instances")
struct SolverPropertyTests {
    /// Both search directions: from the students (as before shortage mode) and from the places
    /// whenever anyone waits, which is far more often than `.automatic` would choose it; and both
    /// at once on two threads (the race `.automatic` runs on large rounds), whenever anyone waits.
    static let modes: [ShortageMode] = [.never, .always, .race]
    static let tiny = InstanceShape(
        students: 0 ... 7, internships: 1 ... 4, arcsPerStudent: 0 ... 3, capacity: 0 ... 2, cost: 0 ... 5)

    /// Solves, certifies, and compares with exhaustive search; an infeasible instance must be
    /// reported as such by both.
    func checkAgainstBruteForce(_ p: AssignmentProblem, seed: UInt64, mode: ShortageMode) throws {
        let expected = bruteForce(p)
        do {
            let result = try AssignmentSolver(shortageMode: mode).solve(p)
            try OptimalityCertificate.verify(result, for: p)
            let got = result.measures(p)
            if case .unplacedCosts = p.objective {
                // Only the total is defined; how many are placed at that total may tie.
                #expect(expected?.cost == got.cost, "seed \(seed), \(mode)")
            } else {
                #expect(expected == got, "seed \(seed), \(mode)")
            }
        } catch SolverError.infeasible {
            #expect(expected == nil, "seed \(seed): solver says infeasible, brute force found \(String(describing: expected))")
        }
    }

    @Test("matches exhaustive search: maximise placements, one tier", arguments: Self.modes, 0 ..< 1000)
    func tinyLexicographic(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        try checkAgainstBruteForce(randomProblem(Self.tiny, rng: &rng), seed: UInt64(seed), mode: mode)
    }

    @Test("matches exhaustive search: priority tiers and support capacity", arguments: Self.modes, 0 ..< 1000)
    func tinyTiersAndSupport(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: 10_000 + UInt64(seed))
        var shape = Self.tiny
        shape.tiers = 3
        shape.support = seed % 2 == 0
        try checkAgainstBruteForce(randomProblem(shape, rng: &rng), seed: UInt64(seed), mode: mode)
    }

    @Test("matches exhaustive search: explicit unplaced costs, some students must be placed", arguments: Self.modes, 0 ..< 1000)
    func tinyExplicit(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: 20_000 + UInt64(seed))
        var shape = Self.tiny
        shape.explicitUnplaced = true
        shape.support = seed % 3 == 0
        try checkAgainstBruteForce(randomProblem(shape, rng: &rng), seed: UInt64(seed), mode: mode)
    }

    /// Costs up to 2^36: most slots' keys span more than the keyed index holds (2^32), so the
    /// places' side searches through the index by arc instead.
    @Test("matches exhaustive search: costs too wide for the keyed index", arguments: [ShortageMode.always], 0 ..< 500)
    func tinyWideCosts(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: 25_000 + UInt64(seed))
        var shape = Self.tiny
        shape.cost = 0 ... (1 << 36)
        shape.explicitUnplaced = seed % 2 == 0
        shape.tiers = seed % 2 == 0 ? 1 : 3
        shape.support = seed % 3 == 0
        try checkAgainstBruteForce(randomProblem(shape, rng: &rng), seed: UInt64(seed), mode: mode)
    }

    @Test("certified optimal on larger random instances", arguments: Self.modes, 0 ..< 400)
    func largerCertified(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: 30_000 + UInt64(seed))
        let shape = InstanceShape(
            students: 20 ... 300, internships: 1 ... 60, arcsPerStudent: 0 ... 10, capacity: 0 ... 4,
            cost: seed % 2 == 0 ? 0 ... 3 : 0 ... 1000, tiers: seed % 4, support: seed % 3 == 0,
            explicitUnplaced: seed % 5 == 0, mustPlaceShare: 0.05)
        let p = randomProblem(shape, rng: &rng)
        do {
            let result = try AssignmentSolver(shortageMode: mode).solve(p)
            try OptimalityCertificate.verify(result, for: p)
        } catch SolverError.infeasible {
            // Only explicit instances with must-place students can be infeasible.
            #expect(shape.explicitUnplaced)
        }
    }

    /// The race keeps the side that needs less work, not the one that finishes first: repeated
    /// solves of one round give the same placements whichever thread the machine runs faster.
    @Test("a race gives the same placements every time", arguments: 0 ..< 20)
    func raceIsDeterministic(seed: Int) throws {
        var rng = SplitMix64(seed: 45_000 + UInt64(seed))
        let shape = InstanceShape(
            students: 200 ... 400, internships: 10 ... 40, arcsPerStudent: 1 ... 8, capacity: 1 ... 3,
            cost: 0 ... 4, tiers: 2, support: seed % 2 == 0)
        let p = randomProblem(shape, rng: &rng)
        let first = try AssignmentSolver(shortageMode: .race).solve(p)
        try OptimalityCertificate.verify(first, for: p)
        for _ in 0 ..< 4 { #expect(try AssignmentSolver(shortageMode: .race).solve(p) == first) }
    }

    @Test("same input, same output", arguments: 0 ..< 20)
    func deterministic(seed: Int) throws {
        var rng = SplitMix64(seed: 40_000 + UInt64(seed))
        let shape = InstanceShape(
            students: 100 ... 200, internships: 10 ... 30, arcsPerStudent: 1 ... 6, capacity: 1 ... 3,
            cost: 0 ... 4, tiers: 2, support: true)
        let p = randomProblem(shape, rng: &rng)
        let a = try AssignmentSolver().solve(p)
        let b = try AssignmentSolver().solve(p)
        #expect(a == b)
    }
}

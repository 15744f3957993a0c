import BPVSynthetic
import Testing
@testable import BPVSolver

/// The auction price start of perfect assignments (`ShortestPathEngine+Auction.swift`): the
/// same optimum as without it and as exhaustive search, certified, and a clean fallback when the
/// auction gives up.
@Suite("Auction price start")
struct AuctionStartTests {
    /// A random square instance: `n` students who must all be placed, `n` single-place
    /// internships, 1 to `n` arcs per student (duplicates allowed), so some have no perfect
    /// assignment.
    static func randomSquare(n: Int, maxDegree: Int, cost: ClosedRange<Int64>, rng: inout SplitMix64) -> AssignmentProblem {
        var start: [Int32] = [0], target: [Int32] = [], costs: [Int64] = []
        for _ in 0 ..< n {
            for _ in 0 ..< Int.random(in: 1 ... maxDegree, using: &rng) {
                target.append(Int32.random(in: 0 ..< Int32(n), using: &rng))
                costs.append(Int64.random(in: cost, using: &rng))
            }
            start.append(Int32(target.count))
        }
        // Valid by construction: offsets ascend, targets in range, capacities 1.
        return try! AssignmentProblem(
            capacities: [Int32](repeating: 1, count: n), arcStart: start, arcInternship: target, arcCost: costs,
            objective: .unplacedCosts([Int64?](repeating: nil, count: n)))
    }

    @Test("matches exhaustive search on tiny square instances, with and without the auction", arguments: 0 ..< 1500)
    func tinyAgainstBruteForce(seed: Int) throws {
        var rng = SplitMix64(seed: 70_000 + UInt64(seed))
        // Narrow costs make ties (plateaus of equal prices), wide ones long bidding wars.
        let p = Self.randomSquare(
            n: Int.random(in: 2 ... 7, using: &rng), maxDegree: 4, cost: seed % 2 == 0 ? 0 ... 3 : -500 ... 1000, rng: &rng)
        let expected = bruteForce(p)
        for auction in [true, false] {
            do {
                let result = try AssignmentSolver(auctionStart: auction).solve(p)
                try OptimalityCertificate.verify(result, for: p)
                #expect(result.measures(p) == expected, "seed \(seed), auction \(auction)")
                #expect((result.statistics.auctionBids > 0) == auction, "seed \(seed): the auction ran only when asked")
            } catch SolverError.infeasible {
                #expect(expected == nil, "seed \(seed): infeasible, but brute force found \(String(describing: expected))")
            }
        }
    }

    @Test("NETGEN-shaped squares: the auction start gives the cost of the plain searches, certified", arguments: 0 ..< 12)
    func netgenSquares(seed: Int) throws {
        let p = try SquareAssignment(students: 200 + 150 * seed, degree: 2 + seed % 9, seed: UInt64(seed)).makeProblem()
        let plain = try AssignmentSolver(auctionStart: false).solve(p)
        let started = try AssignmentSolver().solve(p)
        try OptimalityCertificate.verify(started, for: p)
        #expect(started.arcCost == plain.arcCost)
        #expect(started.placedCount == p.studentCount)
        #expect(started.statistics.auctionBids > 0)
    }

    @Test("an auction that gives up leaves a clean engine: the searches find the optimum from zero prices")
    func givingUpFallsBack() throws {
        let p = try SquareAssignment(students: 80, degree: 5, seed: 71).makeProblem()
        let plain = try AssignmentSolver(auctionStart: false).solve(p)
        // A budget of one bid per student and phase is spent long before prices settle.
        var solver = AssignmentSolver()
        solver.auctionBudget = 1
        let result = try solver.solve(p)
        try OptimalityCertificate.verify(result, for: p)
        #expect(result.statistics.auctionBids == 0)
        #expect(result.arcCost == plain.arcCost)
    }

    @Test("costs too wide for the auction's prices: it does not run, and the searches solve it")
    func wideCostsSkipTheAuction() throws {
        let wide = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 4], arcInternship: [0, 1, 0, 1], arcCost: [0, 1 << 39, 1, 1 << 40],
            objective: .unplacedCosts([nil, nil]))
        let result = try AssignmentSolver().solve(wide)
        #expect(result.statistics.auctionBids == 0)
        #expect(result.internshipOfStudent == [1, 0] && result.arcCost == (1 << 39) + 1)
    }

    @Test("no perfect assignment: the auction gives up and the solver reports the student it cannot place")
    func infeasibleSquare() {
        // Students 0 and 1 both want only internship 0; internship 1 is wanted by nobody.
        let p = try! AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [5, 7],
            objective: .unplacedCosts([nil, nil]))
        do {
            _ = try AssignmentSolver().solve(p)
            Issue.record("solved an instance without a perfect assignment")
        } catch {
            guard case .infeasible = error else {
                Issue.record("expected infeasible, got \(error)")
                return
            }
        }
    }

    @Test("not a perfect assignment: more internships than students, optional students, or capacities; no auction")
    func onlyPerfectAssignmentsStartWithTheAuction() throws {
        // With a spare internship a free place's price would matter: the exactness argument of
        // the auction start does not hold, so it must not run.
        let spare = try AssignmentProblem(
            capacities: [1, 1, 1], arcStart: [0, 2, 4], arcInternship: [0, 1, 1, 2], arcCost: [1, 2, 1, 9],
            objective: .unplacedCosts([nil, nil]))
        let optional = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 4], arcInternship: [0, 1, 0, 1], arcCost: [1, 2, 1, 9],
            objective: .unplacedCosts([nil, 50]))
        let shared = try AssignmentProblem(
            capacities: [2, 0], arcStart: [0, 2, 4], arcInternship: [0, 1, 0, 1], arcCost: [1, 2, 1, 9],
            objective: .unplacedCosts([nil, nil]))
        let square = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 4], arcInternship: [0, 1, 0, 1], arcCost: [1, 2, 1, 9],
            objective: .unplacedCosts([nil, nil]))
        for p in [spare, optional, shared] {
            let result = try AssignmentSolver().solve(p)
            #expect(result.statistics.auctionBids == 0)
            #expect(result.arcCost == (try AssignmentSolver(auctionStart: false).solve(p)).arcCost)
        }
        let result = try AssignmentSolver().solve(square)
        #expect(result.statistics.auctionBids > 0)
        #expect(result.internshipOfStudent == [1, 0])
    }

    @Test("an incremental session started by the auction repairs bans and re-costs exactly", arguments: 0 ..< 6)
    func incrementalOnSquare(seed: Int) throws {
        let p = try SquareAssignment(students: 300, degree: 6, seed: 100 + UInt64(seed)).makeProblem()
        let session = try IncrementalAssignment(p)
        #expect(session.assignment.statistics.auctionBids > 0)
        var rng = SplitMix64(seed: 72_000 + UInt64(seed))
        for _ in 0 ..< 20 {
            let s = Int.random(in: 0 ..< p.studentCount, using: &rng)
            let current = session.problem()
            let arcs = Array(current.arcs(of: s)).map { Arc(internship: current.arcInternship[$0], cost: current.arcCost[$0]) }
            // Re-cost one arc (a ban would often leave no perfect assignment).
            var changed = arcs
            let k = Int.random(in: 0 ..< changed.count, using: &rng)
            changed[k].cost = Int64.random(in: 1 ... 10_000, using: &rng)
            try session.apply([.setArcs(student: s, arcs: changed)])
            let now = session.problem()
            try OptimalityCertificate.verify(session.assignment, for: now)
            #expect(session.assignment.arcCost == (try AssignmentSolver(auctionStart: false).solve(now)).arcCost)
        }
    }
}

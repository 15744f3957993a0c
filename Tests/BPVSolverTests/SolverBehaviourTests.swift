import Testing
@testable import BPVSolver

@Suite("Solver behaviour")
struct SolverBehaviourTests {
    func solveCertified(_ p: AssignmentProblem) throws -> Assignment {
        let r = try AssignmentSolver().solve(p)
        try OptimalityCertificate.verify(r, for: p)
        return r
    }

    @Test(arguments: 0 ..< 50)
    func aProblemListsEachStudentsArcsCheapestFirstThenByInternship(seed: Int) throws {
        // Students in order and out of order side by side: the first out of order and every
        // one after it are sorted, those before are kept; the arcs as a multiset are unchanged.
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let given = randomProblem(InstanceShape(students: 1 ... 12, internships: 1 ... 6, arcsPerStudent: 0 ... 6,
                                                capacity: 1 ... 2, cost: 0 ... 4), rng: &rng)
        var target = given.arcInternship, cost = given.arcCost
        for s in 0 ..< given.studentCount where Bool.random(using: &rng) {
            let range = Int(given.arcStart[s]) ..< Int(given.arcStart[s + 1])
            let shuffled = range.map { ($0, UInt64.random(in: 0 ... 1000, using: &rng)) }.sorted { $0.1 < $1.1 }.map(\.0)
            let (t, c) = (shuffled.map { target[$0] }, shuffled.map { cost[$0] })
            for (k, a) in range.enumerated() { target[a] = t[k]; cost[a] = c[k] }
        }
        let problem = try AssignmentProblem(capacities: given.capacities, arcStart: given.arcStart, arcInternship: target, arcCost: cost,
                                            objective: given.objective, support: given.support)
        for s in 0 ..< problem.studentCount {
            let range = Int(problem.arcStart[s]) ..< Int(problem.arcStart[s + 1])
            let pairs = range.map { (problem.arcCost[$0], problem.arcInternship[$0]) }
            #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0 <= $1 }, "seed \(seed), student \(s)")
            let before = range.map { "\(cost[$0]):\(target[$0])" }.sorted(), after = pairs.map { "\($0.0):\($0.1)" }.sorted()
            #expect(before == after, "seed \(seed), student \(s)")
        }
    }

    @Test func cheaperStudentWinsTheOnlyPlace() throws {
        let p = try AssignmentProblem(capacities: [1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [7, 3])
        let r = try solveCertified(p)
        #expect(r.internship(of: 1) == 0)
        #expect(r.internship(of: 0) == nil)
        #expect(r.placedCount == 1 && r.arcCost == 3)
    }

    @Test func aStudentMovesToAWorseArcSoAnotherCanBePlaced() throws {
        // Greedy would give internship 0 to student 0 and leave student 1 out.
        let p = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 3], arcInternship: [0, 1, 0], arcCost: [1, 5, 2])
        let r = try solveCertified(p)
        #expect(r.internshipOfStudent == [1, 0])
        #expect(r.placedCount == 2 && r.arcCost == 7)
    }

    @Test func placingMoreStudentsBeatsAnyCostSaving() throws {
        // Student 0 alone at internship 0 costs 0; placing both costs 2,000,000 but places two.
        let p = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 3], arcInternship: [0, 1, 0], arcCost: [0, 1_000_000, 1_000_000])
        let r = try solveCertified(p)
        #expect(r.placedCount == 2)
    }

    @Test func higherTierIsPlacedWhenNotAllFit() throws {
        // Three students, two places; student 1 (tier 0) is cheapest but is the one left out.
        let p = try AssignmentProblem(
            capacities: [2], arcStart: [0, 1, 2, 3], arcInternship: [0, 0, 0], arcCost: [9, 0, 9],
            objective: .maximizePlacements(tiers: [2, 0, 1]))
        let r = try solveCertified(p)
        #expect(r.internship(of: 1) == nil)
        #expect(r.placedCount == 2)
    }

    @Test func equalTiersLeaveTheCostliestOut() throws {
        let p = try AssignmentProblem(
            capacities: [2], arcStart: [0, 1, 2, 3], arcInternship: [0, 0, 0], arcCost: [9, 0, 4])
        let r = try solveCertified(p)
        #expect(r.internship(of: 0) == nil)
        #expect(r.arcCost == 4)
    }

    @Test func supportCapacityLimitsFlaggedStudentsOnly() throws {
        // One internship with 3 places, of which 1 can take a student who needs support.
        let p = try AssignmentProblem(
            capacities: [3], arcStart: [0, 1, 2, 3, 4], arcInternship: [0, 0, 0, 0], arcCost: [0, 0, 0, 0],
            support: SupportLimits(capacities: [1], needsSupport: [true, true, false, false]))
        let r = try solveCertified(p)
        #expect(r.placedCount == 3)
        let flaggedPlaced = [0, 1].filter { r.internship(of: $0) != nil }.count
        #expect(flaggedPlaced == 1)
        #expect(r.internship(of: 2) == 0 && r.internship(of: 3) == 0)
    }

    @Test func zeroCapacityAndNoArcsLeaveStudentsUnplaced() throws {
        let p = try AssignmentProblem(capacities: [0, 1], arcStart: [0, 1, 1, 2], arcInternship: [0, 1], arcCost: [1, 1])
        let r = try solveCertified(p)
        #expect(r.internshipOfStudent == [-1, -1, 1])
    }

    @Test func emptyProblemSolves() throws {
        let p = try AssignmentProblem(capacities: [], arcStart: [0], arcInternship: [], arcCost: [])
        let r = try solveCertified(p)
        #expect(r.placedCount == 0 && r.totalCost == 0)
    }

    @Test func explicitUnplacedCostCanBeCheaperThanPlacing() throws {
        let p = try AssignmentProblem(
            capacities: [1], arcStart: [0, 1], arcInternship: [0], arcCost: [10], objective: .unplacedCosts([4]))
        let r = try solveCertified(p)
        #expect(r.placedCount == 0 && r.totalCost == 4)
    }

    @Test func mustPlaceStudentWithoutRoomIsInfeasible() throws {
        let p = try AssignmentProblem(
            capacities: [1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [1, 1],
            objective: .unplacedCosts([nil, nil]))
        #expect(throws: SolverError.infeasible(student: 1)) { try AssignmentSolver().solve(p) }
    }

    @Test func negativeCostsAreSolvedExactly() throws {
        let p = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 4], arcInternship: [0, 1, 0, 1], arcCost: [-5, -1, -4, 3])
        let r = try solveCertified(p)
        #expect(r.arcCost == -4 + -1)
    }

    @Test func invalidInputIsRefusedWithAReason() {
        #expect(throws: AssignmentProblemError.internshipOutOfRange(arc: 0, internship: 3)) {
            try AssignmentProblem(capacities: [1], arcStart: [0, 1], arcInternship: [3], arcCost: [0])
        }
        #expect(throws: AssignmentProblemError.negativeCapacity(internship: 0, capacity: -1)) {
            try AssignmentProblem(capacities: [-1], arcStart: [0], arcInternship: [], arcCost: [])
        }
        #expect(throws: AssignmentProblemError.costOutOfRange(arc: 0, cost: 1 << 41)) {
            try AssignmentProblem(capacities: [1], arcStart: [0, 1], arcInternship: [0], arcCost: [1 << 41])
        }
        #expect(throws: AssignmentProblemError.self) {
            try AssignmentProblem(capacities: [1], arcStart: [0, 2, 1], arcInternship: [0], arcCost: [0])
        }
    }

    @Test func cancellationStopsASolve() throws {
        var rng = SplitMix64(seed: 7)
        // Everyone wants internship 0 first, so nearly all students need a search.
        let n = 2000
        var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
        for _ in 0 ..< n {
            target += [0, Int32.random(in: 1 ..< 100, using: &rng)]
            cost += [0, 5]
            start.append(Int32(target.count))
        }
        let p = try AssignmentProblem(
            capacities: Array(repeating: 30, count: 100), arcStart: start, arcInternship: target, arcCost: cost)
        #expect(throws: SolverError.cancelled) { try AssignmentSolver(shouldCancel: { true }).solve(p) }
    }
}

@Suite("Penalty bound at the extremes")
struct PenaltyBoundTests {
    /// 100,000 students, every arc cost near the largest that keeps the bound, four tiers, and
    /// one place fewer than students: exactly one student is left out, and it is of the lowest tier.
    @Test func hundredThousandStudentsWithCostsNearTheMaximumLoseNoStudent() throws {
        let n = 100_000, m = 1_000
        var rng = SplitMix64(seed: 99)
        // The largest cost accepted at all; the penalty for tier 3 is then 4 * (1 + n * 2^40) ≈ 2^58.6.
        let maxCost = AssignmentProblem.maximumAbsoluteCost
        var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
        start.reserveCapacity(n + 1)
        for s in 0 ..< n {
            for k in 0 ..< 3 {
                target.append(Int32((s + k * 7) % m))
                cost.append(maxCost - Int64.random(in: 0 ... 3, using: &rng))
            }
            start.append(Int32(target.count))
        }
        var capacities = [Int32](repeating: Int32(n / m), count: m)
        capacities[0] -= 1
        let tiers = (0 ..< n).map { UInt8($0 % 4) }
        let p = try AssignmentProblem(
            capacities: capacities, arcStart: start, arcInternship: target, arcCost: cost,
            objective: .maximizePlacements(tiers: tiers))
        let r = try AssignmentSolver().solve(p)
        try OptimalityCertificate.verify(r, for: p)
        #expect(r.placedCount == n - 1)
        let left = (0 ..< n).filter { r.internshipOfStudent[$0] < 0 }
        #expect(left.count == 1 && tiers[left[0]] == 0)
    }

    @Test func costsBeyondTheBoundAreRefusedNotOverflowed() throws {
        // 20,000 students at 2^40 in tier 255: the penalty 256 * (1 + n * 2^40) ≈ 2^62.3 is too large.
        let n = 20_000
        let start = (0 ... n).map { Int32($0) }
        let p = try AssignmentProblem(
            capacities: [1], arcStart: start, arcInternship: Array(repeating: 0, count: n),
            arcCost: Array(repeating: AssignmentProblem.maximumAbsoluteCost, count: n),
            objective: .maximizePlacements(tiers: Array(repeating: 255, count: n)))
        #expect(throws: SolverError.self) { try AssignmentSolver().solve(p) }
        do {
            _ = try AssignmentSolver().solve(p)
        } catch {
            guard case .invalidProblem(.costRangeTooLarge) = error else {
                Issue.record("expected costRangeTooLarge, got \(error)")
                return
            }
        }
    }
}

/// Random arcs of `students` into `slots` slots (each pair with probability 1/2, costs in
/// `0 ... costRange`), cheapest-first order not needed; two tiers of unplaced costs and, with
/// `mustPlace`, every eleventh student must be placed. For the incoming indexes' tests.
func randomIncomingArcs(students: Int, slots: Int, costRange: Int64, mustPlace: Bool, rng: inout SplitMix64)
    -> (begin: [Int32], end: [Int32], target: [Int32], cost: [Int64], unplaced: [Int64])
{
    var begin: [Int32] = [], end: [Int32] = [], target: [Int32] = [], cost: [Int64] = []
    for _ in 0 ..< students {
        begin.append(Int32(target.count))
        for j in 0 ..< slots where Bool.random(using: &rng) {
            target.append(Int32(j))
            cost.append(Int64.random(in: 0 ... costRange, using: &rng))
        }
        end.append(Int32(target.count))
    }
    let unplaced: [Int64] = (0 ..< students).map { s in
        mustPlace && s % 11 == 0 ? UnplacedPricing.forbidden : s % 3 == 0 ? 2 * (costRange + 1) : costRange + 1
    }
    return (begin, end, target, cost, unplaced)
}

/// The shortage index orders each slot's arcs by `cost - unplaced cost`, ties by arc, whichever
/// sort it uses (comparison for small slots or wide keys, radix otherwise).
@Suite("Incoming arc index")
struct IncomingArcIndexTests {
    /// Small slots, radix-sorted slots (keys within 2^32), and wide keys (must-place students,
    /// costs near the limit), which take the comparison sort.
    @Test("each slot is scanned in key order, ties by arc",
          arguments: [(40, 7, true), (300, 7, false), (300, 4_000, false), (300, 7, true), (300, 1 << 40, false)])
    func scansInKeyOrder(students: Int, costRange: Int64, mustPlace: Bool) {
        var rng = SplitMix64(seed: UInt64(students) &+ UInt64(costRange))
        let m = 3
        let (begin, end, target, cost, unplaced) = randomIncomingArcs(students: students, slots: m, costRange: costRange,
                                                                      mustPlace: mustPlace, rng: &rng)
        let poolShift = [Int32](repeating: 0, count: students)
        begin.withUnsafeBufferPointer { b in end.withUnsafeBufferPointer { e in
            target.withUnsafeBufferPointer { t in cost.withUnsafeBufferPointer { c in
                poolShift.withUnsafeBufferPointer { shift in unplaced.withUnsafeBufferPointer { u in
                    let arcs = ArcView(begin: b.baseAddress!, end: e.baseAddress!, target: t.baseAddress!, cost: c.baseAddress!)
                    let index = SortedIncomingIndex(arcs: arcs, studentCount: students, slotCount: m, poolShift: shift.baseAddress!,
                                                    unplacedCost: u.baseAddress!)
                    for j in 0 ..< m {
                        var seen: [(Int64, Int32)] = []
                        index.scan(into: j) { entry in
                            let a = Int(entry.arc), s = entry.student
                            #expect(target[a] == Int32(j) && Int(begin[s]) <= a && a < Int(end[s]))
                            #expect(entry.cost == cost[a] && entry.key == index.key(arc: a, student: s))
                            seen.append((entry.key, entry.arc))
                            return true
                        }
                        #expect(seen.count == target.filter { $0 == Int32(j) }.count)
                        for (x, y) in zip(seen, seen.dropFirst()) { #expect(x.0 < y.0 || (x.0 == y.0 && x.1 < y.1)) }
                    }
                }}
            }}
        }}
    }
}

/// The keyed index holds each arc as its key and student: it must yield every arc into a slot
/// once, with its true cost, must-place students first, then by key, ties by student; and refuse
/// (nil) keys too wide for its entries, so that the solve takes the index by arc.
@Suite("Keyed incoming index")
struct KeyedIncomingIndexTests {
    @Test("each slot yields its arcs with their costs, must-place first, then in key order, ties by student",
          arguments: [(40, 7, false), (40, 7, true), (300, 7, false), (300, 4_000, false), (300, 4_000, true)])
    func scansInKeyOrder(students: Int, costRange: Int64, mustPlace: Bool) throws {
        var rng = SplitMix64(seed: UInt64(students) &+ UInt64(costRange) &+ (mustPlace ? 1 : 0))
        let m = 3
        let (begin, end, target, cost, unplaced) = randomIncomingArcs(students: students, slots: m, costRange: costRange,
                                                                      mustPlace: mustPlace, rng: &rng)
        // Every fourth student's arcs enter the support pools (slots m ..< 2m).
        let poolShift: [Int32] = (0 ..< students).map { $0 % 4 == 0 ? Int32(m) : 0 }
        try begin.withUnsafeBufferPointer { b in try end.withUnsafeBufferPointer { e in
            try target.withUnsafeBufferPointer { t in try cost.withUnsafeBufferPointer { c in
                try poolShift.withUnsafeBufferPointer { shift in try unplaced.withUnsafeBufferPointer { u in
                    let arcs = ArcView(begin: b.baseAddress!, end: e.baseAddress!, target: t.baseAddress!, cost: c.baseAddress!)
                    let index = try #require(KeyedIncomingIndex(arcs: arcs, studentCount: students, slotCount: 2 * m,
                                                                poolShift: shift.baseAddress!, unplacedCost: u.baseAddress!))
                    for slot in 0 ..< 2 * m {
                        // What the slot must yield: (must-place first, key, student, cost), from the arcs themselves.
                        var expected: [(Bool, Int64, Int, Int64)] = []
                        for s in 0 ..< students where Int(poolShift[s]) == (slot < m ? 0 : m) {
                            for a in Int(begin[s]) ..< Int(end[s]) where Int(target[a]) + Int(poolShift[s]) == slot {
                                let forbidden = unplaced[s] == UnplacedPricing.forbidden
                                expected.append((!forbidden, forbidden ? cost[a] : cost[a] - unplaced[s], s, cost[a]))
                            }
                        }
                        expected.sort { ($0.0 ? 1 : 0, $0.1, $0.2) < ($1.0 ? 1 : 0, $1.1, $1.2) }
                        var seen: [(Bool, Int64, Int, Int64)] = []
                        index.scan(into: slot) { entry in
                            let forbidden = unplaced[entry.student] == UnplacedPricing.forbidden
                            #expect(entry.arc == -1)
                            #expect(entry.key == (forbidden ? SortedIncomingIndex.mustPlaceKey : entry.cost - unplaced[entry.student]))
                            seen.append((!forbidden, forbidden ? entry.cost : entry.key, entry.student, entry.cost))
                            return true
                        }
                        #expect(seen.count == expected.count)
                        for (x, y) in zip(seen, expected) { #expect(x == y) }
                    }
                }}
            }}
        }}
    }

    @Test("keys spanning 2^32 or more in one slot are refused")
    func refusesWideKeys() {
        // Two students into one slot whose keys differ by 2^32: 0 - 1 and 2^32 - 1.
        let begin: [Int32] = [0, 1], end: [Int32] = [1, 2], target: [Int32] = [0, 0], cost: [Int64] = [0, 1 << 32]
        let unplaced: [Int64] = [1, 1], poolShift: [Int32] = [0, 0]
        begin.withUnsafeBufferPointer { b in end.withUnsafeBufferPointer { e in
            target.withUnsafeBufferPointer { t in cost.withUnsafeBufferPointer { c in
                poolShift.withUnsafeBufferPointer { shift in unplaced.withUnsafeBufferPointer { u in
                    let arcs = ArcView(begin: b.baseAddress!, end: e.baseAddress!, target: t.baseAddress!, cost: c.baseAddress!)
                    #expect(KeyedIncomingIndex(arcs: arcs, studentCount: 2, slotCount: 1, poolShift: shift.baseAddress!,
                                               unplacedCost: u.baseAddress!) == nil)
                    let narrower: [Int64] = [0, (1 << 32) - 1]
                    narrower.withUnsafeBufferPointer { c2 in
                        let arcs2 = ArcView(begin: b.baseAddress!, end: e.baseAddress!, target: t.baseAddress!, cost: c2.baseAddress!)
                        #expect(KeyedIncomingIndex(arcs: arcs2, studentCount: 2, slotCount: 1, poolShift: shift.baseAddress!,
                                                   unplacedCost: u.baseAddress!) != nil)
                    }
                }}
            }}
        }}
    }
}

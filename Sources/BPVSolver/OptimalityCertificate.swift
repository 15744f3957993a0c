/// Verifies, in O(arcs), that an ``Assignment`` is feasible and optimal for its problem.
///
/// The checker shares no code with the solver: it recomputes occupancy, the unplaced penalties
/// and every residual arc from the problem and the returned assignment and potentials alone, so
/// a bug in the solver cannot hide itself here. It checks:
///
/// 1. **Feasibility**: every arc used belongs to its student, no capacity or support capacity is
///    exceeded, every student that must be placed is placed, and the reported counts and costs
///    add up.
/// 2. **Optimality**: every residual arc of the flow network (see ``Duals``) has a non-negative
///    reduced cost under the returned potentials, which proves the flow has minimum cost.
/// 3. For ``Objective/maximizePlacements(tiers:)``, independently of the potentials and of the
///    penalty argument: no augmenting path would place one more student, and no alternating path
///    would let an unplaced student displace a placed student of a lower tier. One breadth-first
///    search per distinct tier among the unplaced students.
///
/// ```swift
/// let result = try AssignmentSolver().solve(problem)
/// try OptimalityCertificate.verify(result, for: problem)   // throws a CertificateViolation if not optimal
/// ```
public enum OptimalityCertificate {
    /// - Throws: ``CertificateViolation`` describing the first failed check.
    /// - Complexity: O(students + internships + arcs), times the number of distinct tiers among
    ///   unplaced students for check 3.
    public static func verify(_ result: Assignment, for problem: AssignmentProblem) throws(CertificateViolation) {
        let n = problem.studentCount, m = problem.internshipCount
        func fail(_ message: String) -> CertificateViolation { CertificateViolation(message: message) }
        guard result.arcOfStudent.count == n, result.internshipOfStudent.count == n else {
            throw fail("assignment has \(result.arcOfStudent.count) entries for \(n) students")
        }
        let flagged: [Bool] = problem.support?.needsSupport ?? []
        let supportCap: [Int32] = problem.support?.capacities ?? []
        let hasSupport = problem.support != nil

        // 1. Feasibility and bookkeeping.
        var load = [Int64](repeating: 0, count: m)       // students at the internship, pool included
        var poolLoad = [Int64](repeating: 0, count: m)   // flagged students at the internship
        var placed = 0
        var arcCost: Int64 = 0
        let unplaced = try unplacedCosts(problem)
        var unplacedCost: Int64 = 0
        let chargesUnplaced = if case .unplacedCosts = problem.objective { true } else { false }
        for s in 0 ..< n {
            let a = Int(result.arcOfStudent[s])
            if a < 0 {
                guard result.internshipOfStudent[s] == -1 else {
                    throw fail("student \(s) has no arc but internship \(result.internshipOfStudent[s])")
                }
                guard let u = unplaced[s] else { throw fail("student \(s) must be placed but is unplaced") }
                if chargesUnplaced { unplacedCost = try add(unplacedCost, u) }
                continue
            }
            guard problem.arcs(of: s).contains(a) else { throw fail("student \(s) uses arc \(a), which is not theirs") }
            let j = Int(problem.arcInternship[a])
            guard Int(result.internshipOfStudent[s]) == j else {
                throw fail("student \(s) uses arc \(a) to internship \(j) but reports \(result.internshipOfStudent[s])")
            }
            load[j] += 1
            if hasSupport, flagged[s] { poolLoad[j] += 1 }
            placed += 1
            arcCost = try add(arcCost, problem.arcCost[a])
        }
        for j in 0 ..< m {
            guard load[j] <= Int64(problem.capacities[j]) else {
                throw fail("internship \(j) holds \(load[j]) students, capacity \(problem.capacities[j])")
            }
            if hasSupport, poolLoad[j] > Int64(supportCap[j]) {
                throw fail("internship \(j) holds \(poolLoad[j]) students needing support, support capacity \(supportCap[j])")
            }
        }
        guard placed == result.placedCount else { throw fail("reports \(result.placedCount) placed, counted \(placed)") }
        guard arcCost == result.arcCost else { throw fail("reports arc cost \(result.arcCost), summed \(arcCost)") }
        guard unplacedCost == result.unplacedCost else {
            throw fail("reports unplaced cost \(result.unplacedCost), summed \(unplacedCost)")
        }

        // 2. Reduced costs of every residual arc.
        let d = result.duals
        guard d.students.count == n, d.internships.count == m, d.supportPools.count == (hasSupport ? m : 0) else {
            throw fail("potentials have the wrong shape")
        }
        func node(_ s: Int, _ a: Int) -> Int64 {
            let j = Int(problem.arcInternship[a])
            return hasSupport && flagged[s] ? d.supportPools[j] : d.internships[j]
        }
        func requireNonNegative(_ c: Int64, _ from: Int64, _ to: Int64, _ what: @autoclosure () -> String)
            throws(CertificateViolation)
        {
            let (x, o1) = c.addingReportingOverflow(from)
            let (r, o2) = x.subtractingReportingOverflow(to)
            guard !o1, !o2 else { throw fail("reduced cost of \(what()) overflows") }
            guard r >= 0 else { throw fail("reduced cost of \(what()) is \(r) < 0") }
        }
        for s in 0 ..< n {
            let used = Int(result.arcOfStudent[s])
            let ps = d.students[s]
            for a in problem.arcs(of: s) {
                let c = problem.arcCost[a]
                if a == used {
                    try requireNonNegative(-c, node(s, a), ps, "backward arc \(a) of student \(s)")
                } else {
                    try requireNonNegative(c, ps, node(s, a), "arc \(a) of student \(s)")
                }
            }
            if let u = unplaced[s] {
                if used < 0 {
                    try requireNonNegative(-u, d.sink, ps, "backward unplaced arc of student \(s)")
                } else {
                    try requireNonNegative(u, ps, d.sink, "unplaced arc of student \(s)")
                }
            }
        }
        for j in 0 ..< m {
            if load[j] < Int64(problem.capacities[j]) {
                try requireNonNegative(0, d.internships[j], d.sink, "internship \(j) to sink")
            }
            if load[j] > 0 {
                try requireNonNegative(0, d.sink, d.internships[j], "sink back to internship \(j)")
            }
            if hasSupport {
                if poolLoad[j] < Int64(supportCap[j]) {
                    try requireNonNegative(0, d.supportPools[j], d.internships[j], "support pool \(j) to internship")
                }
                if poolLoad[j] > 0 {
                    try requireNonNegative(0, d.internships[j], d.supportPools[j], "internship \(j) back to its pool")
                }
            }
        }

        // 3. Maximum placement with tier priority, by search rather than by potentials.
        if case .maximizePlacements(let tiers) = problem.objective {
            try verifyPriorityPlacement(result, problem, tiers: tiers, load: load, poolLoad: poolLoad)
        }
    }

    /// The unplaced cost of each student as the problem defines it (`nil`: must be placed),
    /// recomputed here rather than taken from the solver.
    private static func unplacedCosts(_ p: AssignmentProblem) throws(CertificateViolation) -> [Int64?] {
        switch p.objective {
        case .unplacedCosts(let costs):
            return costs
        case .maximizePlacements(let tiers):
            var scale: Int64 = 1
            for s in 0 ..< p.studentCount {
                var lo: Int64 = 0, hi: Int64 = 0
                for a in p.arcs(of: s) {
                    lo = min(lo, p.arcCost[a])
                    hi = max(hi, p.arcCost[a])
                }
                scale = try add(scale, hi - lo)
            }
            var out = [Int64?](repeating: nil, count: p.studentCount)
            for s in 0 ..< p.studentCount {
                let w = Int64(tiers.isEmpty ? 1 : Int(tiers[s]) + 1)
                let (u, o) = w.multipliedReportingOverflow(by: scale)
                guard !o else { throw CertificateViolation(message: "unplaced penalty overflows") }
                out[s] = u
            }
            return out
        }
    }

    private static func add(_ a: Int64, _ b: Int64) throws(CertificateViolation) -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        guard !o else { throw CertificateViolation(message: "a total overflows Int64") }
        return r
    }

    /// Check 3 on its own (internal so that tests can give it placements whose potentials would
    /// fail check 2 first): no augmenting path places one more student of a tier at or above an
    /// unplaced student's, and no alternating path lets one displace a lower tier.
    static func verifyPriorityPlacement(
        _ result: Assignment, _ p: AssignmentProblem, tiers: [UInt8], load: [Int64], poolLoad: [Int64]
    ) throws(CertificateViolation) {
        let n = p.studentCount, m = p.internshipCount
        let hasSupport = p.support != nil
        let flagged: [Bool] = p.support?.needsSupport ?? []
        let supportCap: [Int32] = p.support?.capacities ?? []
        func tier(_ s: Int) -> Int { tiers.isEmpty ? 0 : Int(tiers[s]) }
        // Search nodes: internship j is j, its support pool is m + j.
        let slots = hasSupport ? 2 * m : m
        func slot(of s: Int) -> Int {
            let j = Int(result.internshipOfStudent[s])
            return hasSupport && flagged[s] ? m + j : j
        }
        // Students per slot, as CSR.
        var start = [Int](repeating: 0, count: slots + 1)
        for s in 0 ..< n where result.internshipOfStudent[s] >= 0 { start[slot(of: s) + 1] += 1 }
        for k in 0 ..< slots { start[k + 1] += start[k] }
        var fill = start
        var members = [Int](repeating: 0, count: start[slots])
        for s in 0 ..< n where result.internshipOfStudent[s] >= 0 {
            members[fill[slot(of: s)]] = s
            fill[slot(of: s)] += 1
        }
        var thresholds: [Int] = []
        for s in 0 ..< n where result.internshipOfStudent[s] < 0 { thresholds.append(tier(s)) }
        thresholds = Array(Set(thresholds)).sorted()
        for theta in thresholds {
            var seenSlot = [Bool](repeating: false, count: slots)
            var seenStudent = [Bool](repeating: false, count: n)
            var students: [Int] = []
            for s in 0 ..< n where result.internshipOfStudent[s] < 0 && tier(s) >= theta {
                seenStudent[s] = true
                students.append(s)
            }
            var slotStack: [Int] = []
            func reach(_ k: Int) {
                if !seenSlot[k] {
                    seenSlot[k] = true
                    slotStack.append(k)
                }
            }
            while !students.isEmpty || !slotStack.isEmpty {
                if let s = students.popLast() {
                    let used = Int(result.arcOfStudent[s])
                    for a in p.arcs(of: s) where a != used {
                        let j = Int(p.arcInternship[a])
                        reach(hasSupport && flagged[s] ? m + j : j)
                    }
                    continue
                }
                let k = slotStack.removeLast()
                if k < m {
                    if load[k] < Int64(p.capacities[k]) {
                        throw CertificateViolation(
                            message: "an augmenting path reaches internship \(k) with a free place: one more student of tier >= \(theta) fits")
                    }
                    if hasSupport, poolLoad[k] > 0 { reach(m + k) }
                } else if poolLoad[k - m] < Int64(supportCap[k - m]) {
                    reach(k - m)
                }
                for i in start[k] ..< start[k + 1] {
                    let t = members[i]
                    if tier(t) < theta {
                        throw CertificateViolation(
                            message: "an unplaced student of tier >= \(theta) could displace student \(t) of tier \(tier(t))")
                    }
                    if !seenStudent[t] {
                        seenStudent[t] = true
                        students.append(t)
                    }
                }
            }
        }
    }
}

/// A failed ``OptimalityCertificate`` check.
public struct CertificateViolation: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "certificate violated: \(message)" }
}

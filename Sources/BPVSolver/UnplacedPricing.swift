/// The price of leaving each student unplaced, as the solver's min-cost-flow sees it.
///
/// ## Why the lexicographic objective is exact
///
/// For ``Objective/maximizePlacements(tiers:)`` student `s` gets weight `w(s) = tier(s) + 1` and
/// unplaced cost `U(s) = w(s) * M`, where `M = 1 + sum over s of R(s)` and
/// `R(s) = max(0, largest arc cost of s) - min(0, smallest arc cost of s)`.
///
/// Write a solution `x` as `F(x) = M * (W - W(x)) + C(x)`, with `W(x)` the total weight placed,
/// `W` the weight of all students, and `C(x)` the arc cost. Any two solutions differ in arc cost
/// by at most `sum R(s) < M`, so if `W(x) < W(y)` then `F(x) - F(y) >= M - sum R(s) > 0`: a
/// minimiser of `F` maximises placed weight, and among those minimises arc cost.
///
/// The sets of students that can be placed together form a matroid (a gammoid: unit sources
/// routed through a capacitated network). In a matroid every maximum-weight independent set is
/// a basis (so the number placed is maximum), and for every tier `t` it places the most possible
/// students of tier `>= t` (the greedy property). So maximising `W(x)` with any weights that grow
/// with the tier is exactly "place as many as possible, dropping lower tiers first"; `tier + 1`
/// keeps the numbers small.
///
/// ## Why nothing overflows
///
/// A simple path in the residual network passes each student at most once (one arc in, one
/// out) and enters or leaves the sink at most once, so it carries at most one unplaced cost.
/// Every path cost, and so every potential (anchored at the sink) and every search distance, is
/// bounded by `pathBound = 2 * sum over s of maxArc(s) + max over s of |U(s)|`, with `maxArc(s)`
/// the largest absolute arc cost of `s`. Totals are bounded by `sum over s of max(maxArc(s), |U(s)|)`.
/// The solver refuses instances where either bound, `M` or a penalty exceeds 2^61; reduced costs
/// and distances then stay below `3 * 2^61 < Int64.max`. The checks use overflow-reporting
/// arithmetic, so they cannot wrap themselves.
///
/// With 100,000 students in four tiers this accepts arc costs up to the 2^40 input limit.
struct UnplacedPricing {
    /// Sentinel in ``costs`` for a student who must be placed.
    static let forbidden = Int64.max
    /// The largest `costBound` accepted.
    static let safeBound: Int64 = 1 << 61

    /// Per student: the unplaced cost, or ``forbidden``.
    var costs: [Int64]
    /// The multiplier `M` of the lexicographic objective; `nil` for explicit unplaced costs.
    var penaltyScale: Int64?
    /// The bound on any path cost, `pathBound` in the type's documentation.
    var costBound: Int64

    /// - Complexity: O(students + arcs).
    init(_ problem: AssignmentProblem) throws(AssignmentProblemError) {
        let n = problem.studentCount
        var costs = [Int64](repeating: Self.forbidden, count: n)
        var scale: Int64? = nil
        // Per-student cost extremes over the arcs; these also feed the overflow bound.
        var maxAbs = [Int64](repeating: 0, count: n)
        var range: Int64 = 0
        var rangeOverflow = false
        problem.arcCost.withUnsafeBufferPointer { cost in
            for s in 0 ..< n {
                var lo: Int64 = 0, hi: Int64 = 0
                for a in problem.arcs(of: s) {
                    let c = cost[a]
                    if c < lo { lo = c }
                    if c > hi { hi = c }
                }
                maxAbs[s] = max(hi, -lo)
                let (sum, o) = range.addingReportingOverflow(hi - lo)
                range = sum
                rangeOverflow = rangeOverflow || o
            }
        }
        switch problem.objective {
        case .maximizePlacements(let tiers):
            let (m, o) = range.addingReportingOverflow(1)
            guard !rangeOverflow, !o, m <= Self.safeBound else {
                throw .costRangeTooLarge(bound: "the penalty scale 1 + sum of cost ranges")
            }
            scale = m
            for s in 0 ..< n {
                let w = Int64(tiers.isEmpty ? 1 : Int(tiers[s]) + 1)
                let (u, o2) = w.multipliedReportingOverflow(by: m)
                guard !o2, u <= Self.safeBound else {
                    throw .costRangeTooLarge(bound: "the unplaced cost of student \(s) (tier weight \(w) times \(m))")
                }
                costs[s] = u
            }
        case .unplacedCosts(let given):
            for s in 0 ..< n {
                if let u = given[s] { costs[s] = u }
            }
        }
        // pathBound = 2 * sum maxArc + max |U|; totalBound = sum max(maxArc, |U|), which only
        // matters for explicit unplaced costs: lexicographic penalties are never summed.
        let chargesUnplaced = scale == nil
        var sumArc: Int64 = 0, maxUnplaced: Int64 = 0, total: Int64 = 0
        for s in 0 ..< n {
            var a = maxAbs[s]
            let (sum, o1) = sumArc.addingReportingOverflow(a)
            if costs[s] != Self.forbidden {
                let u = costs[s] < 0 ? -costs[s] : costs[s]
                maxUnplaced = max(maxUnplaced, u)
                a = max(a, u)
            }
            let (t, o2) = chargesUnplaced ? total.addingReportingOverflow(a) : (total, false)
            guard !o1, !o2, sum <= Self.safeBound, t <= Self.safeBound else {
                throw .costRangeTooLarge(bound: "the sum over students of their largest cost")
            }
            sumArc = sum
            total = t
        }
        let (twice, o3) = sumArc.multipliedReportingOverflow(by: 2)
        let (bound, o4) = twice.addingReportingOverflow(maxUnplaced)
        guard !o3, !o4, bound <= Self.safeBound else {
            throw .costRangeTooLarge(bound: "the longest possible path, 2 * sum of largest arc costs + largest unplaced cost")
        }
        self.costs = costs
        self.penaltyScale = scale
        self.costBound = bound
    }
}

extension AssignmentProblem {
    /// The multiplier `M` behind ``Objective/maximizePlacements(tiers:)``: leaving a student of
    /// tier `t` unplaced costs `(t + 1) * M` in the dual potentials. `nil` for explicit unplaced costs.
    ///
    /// - Complexity: O(students + arcs).
    public func penaltyScale() throws(AssignmentProblemError) -> Int64? {
        try UnplacedPricing(self).penaltyScale
    }

    /// The cost the solver charges for leaving each student unplaced; `nil` where the student must
    /// be placed. For ``Objective/maximizePlacements(tiers:)`` these are the exact penalties
    /// described in ``penaltyScale()``.
    ///
    /// - Complexity: O(students + arcs).
    public func effectiveUnplacedCosts() throws(AssignmentProblemError) -> [Int64?] {
        try UnplacedPricing(self).costs.map { $0 == UnplacedPricing.forbidden ? nil : $0 }
    }
}

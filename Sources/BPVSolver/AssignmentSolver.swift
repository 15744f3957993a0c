/// Solves ``AssignmentProblem``s to proven optimality.
///
/// The algorithm is successive shortest paths specialised to this shape (unit-demand students,
/// small capacities, sparse arcs): a greedy pass seats every student whose cheapest arc has
/// room, then each remaining student is placed by one Dijkstra search over the internships in
/// reduced costs, which stops at the first free place and updates only the potentials it
/// explored. Capacities are used as they are, never expanded into one column per place.
///
/// Deterministic: the same problem gives the same assignment and potentials.
///
/// ```swift
/// let problem = try AssignmentProblem(
///     capacities: [1, 1],
///     arcStart: [0, 2, 3], arcInternship: [0, 1, 0], arcCost: [1, 5, 2])
/// let result = try AssignmentSolver().solve(problem)
/// // Student 0 goes to internship 1 so that student 1 can have internship 0: cost 5 + 2 = 7.
/// try OptimalityCertificate.verify(result, for: problem)
/// ```
public struct AssignmentSolver: Sendable {
    /// Polled during a solve; return true to stop it with ``SolverError/cancelled``.
    public var shouldCancel: (@Sendable () -> Bool)?
    /// When to search from the places instead of the students; any mode gives an optimum.
    public var shortageMode: ShortageMode
    /// Whether a perfect assignment (everyone placed, one place per internship, as many of
    /// each) starts from an ε-scaling auction's prices (see ``ScaledAuction``); either way
    /// gives an optimum. Tests turn it off to compare.
    public var auctionStart: Bool
    /// Bids per student and phase before the auction gives up (tests make it give up).
    var auctionBudget = ScaledAuction().bidsPerStudent

    public init(
        shortageMode: ShortageMode = .automatic, auctionStart: Bool = true, shouldCancel: (@Sendable () -> Bool)? = nil
    ) {
        self.shortageMode = shortageMode
        self.auctionStart = auctionStart
        self.shouldCancel = shouldCancel
    }

    /// Computes an optimal assignment and its certifying potentials.
    ///
    /// - Parameter problem: the instance.
    /// - Returns: the assignment, its costs and the dual potentials.
    /// - Throws: ``SolverError/invalidProblem(_:)`` when costs are too large for the instance size,
    ///   ``SolverError/infeasible(student:)`` when a student without an unplaced cost cannot be
    ///   placed, ``SolverError/cancelled``.
    /// - Complexity: O(arcs) plus one bounded Dijkstra search per student the greedy pass could
    ///   not seat; O(students · arcs · log internships) in the worst case.
    public func solve(_ problem: AssignmentProblem) throws(SolverError) -> Assignment {
        let pricing: UnplacedPricing
        do { pricing = try UnplacedPricing(problem) } catch { throw .invalidProblem(error) }
        let engine = ShortestPathEngine(problem: problem, pricing: pricing)
        let groups = Self.seatingGroups(pricing.costs)
        try problem.arcStart.withUnsafeBufferPointer { (start) throws(SolverError) in
            try problem.arcInternship.withUnsafeBufferPointer { (target) throws(SolverError) in
                try problem.arcCost.withUnsafeBufferPointer { (cost) throws(SolverError) in
                    // Empty arrays may have no base address; one dummy element stands in.
                    let dummyTarget: [Int32] = [0], dummyCost: [Int64] = [0]
                    try dummyTarget.withUnsafeBufferPointer { (dt) throws(SolverError) in
                        try dummyCost.withUnsafeBufferPointer { (dc) throws(SolverError) in
                            let arcs = ArcView(
                                begin: start.baseAddress!, end: start.baseAddress! + 1,
                                target: target.baseAddress ?? dt.baseAddress!, cost: cost.baseAddress ?? dc.baseAddress!)
                            try engine.solve(
                                arcs: arcs, groups: groups, shortage: shortageMode,
                                auction: auctionStart ? ScaledAuction(bidsPerStudent: auctionBudget) : nil, shouldCancel: shouldCancel)
                        }
                    }
                }
            }
        }
        let result = Self.result(of: engine, problem: problem, pricing: pricing)
        #if BPV_INTERNAL_CHECKS
        // Debug builds (and so every test) certify every solve, whoever called it.
        do {
            try OptimalityCertificate.verify(result, for: problem)
        } catch {
            preconditionFailure("the solver returned a result its certificate rejects: \(error)")
        }
        #endif
        return result
    }

    /// Students in the order they are seated, in groups: students who must be placed first, then
    /// by unplaced cost, highest first (for the lexicographic objective: by tier, highest first),
    /// stable by index. Each group is seated greedily and searched before the next, so a more
    /// important student never has to push out a less important one that was seated earlier:
    /// the less important one is not there yet. Any order gives the same optimum; this one
    /// avoids most displacement searches.
    static func seatingGroups(_ costs: [Int64]) -> [ArraySlice<Int32>] {
        let order = (0 ..< Int32(costs.count)).sorted { a, b in
            let ca = costs[Int(a)], cb = costs[Int(b)]
            return ca != cb ? ca > cb : a < b
        }
        var groups: [ArraySlice<Int32>] = []
        var start = 0
        for i in 0 ... order.count where i == order.count || costs[Int(order[i])] != costs[Int(order[start])] {
            if i > start { groups.append(order[start ..< i]) }
            start = i
        }
        return groups
    }

    private static func result(of engine: ShortestPathEngine, problem: AssignmentProblem, pricing: UnplacedPricing)
        -> Assignment
    {
        let n = problem.studentCount, m = problem.internshipCount
        var arcOf = [Int32](repeating: -1, count: n)
        var internshipOf = [Int32](repeating: -1, count: n)
        var placed = 0
        var arcCost: Int64 = 0, unplacedCost: Int64 = 0
        let chargesUnplaced = if case .unplacedCosts = problem.objective { true } else { false }
        for s in 0 ..< n {
            let slot = Int(engine.slotOf[s])
            if slot < engine.sink {
                let a = Int(engine.arcOf[s])
                arcOf[s] = Int32(a)
                internshipOf[s] = problem.arcInternship[a]
                placed += 1
                arcCost += problem.arcCost[a]
            } else if chargesUnplaced {
                unplacedCost += pricing.costs[s]
            }
        }
        let duals = Duals(
            students: Array(UnsafeBufferPointer(start: engine.potStudent, count: n)),
            internships: Array(UnsafeBufferPointer(start: engine.potSlot, count: m)),
            supportPools: engine.hasSupport ? Array(UnsafeBufferPointer(start: engine.potSlot + m, count: m)) : [],
            sink: engine.potSlot[engine.sink])
        return Assignment(
            arcOfStudent: arcOf, internshipOfStudent: internshipOf, placedCount: placed,
            arcCost: arcCost, unplacedCost: unplacedCost, duals: duals,
            statistics: SolveStatistics(engine))
    }
}

/// Work counters of one solve, for benchmarks and tuning.
public struct SolveStatistics: Sendable, Equatable {
    /// Dijkstra searches run (students the greedy pass could not seat).
    public let searches: Int
    /// Arcs scanned by those searches.
    public let scannedArcs: Int
    /// Bids of the auction that found the starting prices; 0 when none ran.
    public let auctionBids: Int

    init(_ engine: ShortestPathEngine) {
        searches = engine.searches
        scannedArcs = engine.scannedArcs
        auctionBids = engine.auctionBids
    }
}

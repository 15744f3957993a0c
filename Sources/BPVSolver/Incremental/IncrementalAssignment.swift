/// A solved assignment that stays optimal under changes: pins, bans, new or re-costed arcs,
/// places added or removed, students and internships arriving or leaving. Each change is
/// repaired where it happened, from the previous optimal flow and its dual potentials, instead
/// of solving again from scratch.
///
/// **How.** The engine's searches need every residual arc to have a non-negative reduced cost
/// and every student's own arc to be tight (see `ShortestPathEngine+Repair.swift`). A change
/// breaks that only locally: at the student whose arcs or unplaced cost changed, or at a slot
/// that gained room (its potential must rise to the sink's). Broken students are taken out of
/// the flow; a slot that gained room has its potential raised, and any student that makes
/// negative is taken out too. Every student taken out is then placed again by one shortest
/// augmenting path, exactly as in a cold solve. At the end every residual arc is non-negative
/// and every student is assigned, which is the optimality condition the certificate checks.
///
/// **The lexicographic objective.** Tiers are priced as in a cold solve, `(tier + 1) · M`, with
/// `M` fixed for the session at twice what the first instance needs, so that changes rarely
/// require a larger `M`; any `M` above the sum of cost ranges gives the same optimum. When a
/// change would need more, the session grows `M` and solves cold once (reported in
/// ``RepairStatistics/resolvedCold``).
///
/// Debug builds verify every repair with ``OptimalityCertificate`` on the current instance.
///
/// ```swift
/// let session = try IncrementalAssignment(problem)
/// try session.apply([.removeArc(student: 14, internship: 203)])   // a ban
/// let result = session.assignment    // optimal for the changed instance, with its duals
/// ```
public final class IncrementalAssignment {
    // Arc storage: a student's arcs are `instance.begin[s] ..< instance.end[s]`, cheapest first.
    // Replaced arcs stay behind as garbage until the storage is compacted. Append-only between
    // compactions (edits in place are logged in `arcEdits`), so a snapshot keeps only counts.
    var target: [Int32]
    var cost: [Int64]
    var owner: [Int32]
    /// Everything else that describes the current instance, as one value: a snapshot copies it
    /// whole, so a field added to it can never be forgotten by the snapshot.
    var instance: Instance
    let hasSupport: Bool
    /// Per internship: indices of arcs into it (including stale ones, skipped when scanned).
    /// Built on the first change, not for the cold solve: a session that is never changed (a
    /// plain `match`) does not pay for it, and the first solve stays cancellable throughout.
    var incoming: [[Int32]] = []
    var indexed = false
    /// Entries in `incoming`, stale ones included.
    var incomingEntries: Int
    var engine: ShortestPathEngine
    var shouldCancel: (@Sendable () -> Bool)?
    /// When the repairs and cold solves search from the places (see ``ShortageMode``).
    public var shortageMode: ShortageMode
    /// While a what-if runs, storage is never compacted (its snapshot refers to arc indices).
    var whatIfDepth = 0
    /// Stored arcs (or index entries) beyond twice the live ones that are tolerated before the
    /// storage is rewritten; small sessions never compact with the default. Tests set 0.
    var compactionSlack = 1024
    /// Arcs changed where they are stored (`recost`), oldest first, with what they were; a
    /// snapshot keeps the log's length and a restore undoes the edits after it. Cleared when a
    /// change succeeds outside a what-if.
    var arcEdits: [(index: Int32, target: Int32, cost: Int64)] = []

    public var studentCount: Int { instance.begin.count }
    public var internshipCount: Int { instance.capacities.count }

    /// Solves `problem` and keeps what is needed to repair it.
    /// - Throws: ``SolverError`` as ``AssignmentSolver/solve(_:)`` does.
    /// - Complexity: a cold solve; the first change also indexes the arcs by internship, O(arcs).
    public init(
        _ problem: AssignmentProblem, shortageMode: ShortageMode = .automatic, shouldCancel: (@Sendable () -> Bool)? = nil
    ) throws(SolverError) {
        self.shortageMode = shortageMode
        let n = problem.studentCount
        // The problem's arrays are shared, not copied: a session that is never changed (a plain
        // `match`) then holds one copy of the arcs, not two (100 MB less at 6.4 million arcs).
        // The first change gives them room to grow and builds `owner` (``growStorage()``).
        target = problem.arcInternship
        cost = problem.arcCost
        owner = []
        hasSupport = problem.support != nil
        let tiers: [UInt8]?, explicitCosts: [Int64?]
        switch problem.objective {
        case .maximizePlacements(let t):
            tiers = t.isEmpty ? [UInt8](repeating: 0, count: n) : t
            explicitCosts = [Int64?](repeating: nil, count: n)
        case .unplacedCosts(let c):
            tiers = nil
            explicitCosts = c
        }
        instance = Instance(
            begin: Array(problem.arcStart.dropLast()), end: Array(problem.arcStart.dropFirst()),
            capacities: problem.capacities, supportCapacities: problem.support?.capacities ?? [],
            needsSupport: problem.support?.needsSupport ?? [Bool](repeating: false, count: n),
            tiers: tiers, explicitCosts: explicitCosts,
            mustPlace: [Bool](repeating: false, count: n), removed: [Bool](repeating: false, count: n),
            penaltyScale: 1, rangeOf: [Int64](repeating: 0, count: n), maxAbsOf: [Int64](repeating: 0, count: n),
            liveArcs: problem.arcCount)
        incomingEntries = problem.arcCount
        self.shouldCancel = shouldCancel
        engine = ShortestPathEngine(studentCount: 0, internshipCount: 0, hasSupport: false)
        for s in 0 ..< n { measure(s) }
        if instance.tiers != nil {
            let required: Int64
            do { required = try problem.penaltyScale() ?? 1 } catch { throw .invalidProblem(error) }
            instance.penaltyScale = required <= UnplacedPricing.safeBound / 2 ? 2 * required : required
        }
        try solveCold()
    }

    // MARK: Reading

    /// The current optimal assignment, with its duals; arc indices refer to ``problem()``.
    /// - Complexity: O(students + internships).
    public var assignment: Assignment {
        let n = studentCount, m = internshipCount
        var arcOf = [Int32](repeating: -1, count: n), internshipOf = [Int32](repeating: -1, count: n)
        var placed = 0
        var arcCost: Int64 = 0, unplacedCost: Int64 = 0
        var offset: Int32 = 0
        for s in 0 ..< n {
            let slot = Int(engine.slotOf[s])
            if slot < engine.sink && slot >= 0 {
                let a = Int(engine.arcOf[s])
                arcOf[s] = offset + Int32(a) - instance.begin[s]
                internshipOf[s] = target[a]
                placed += 1
                arcCost += cost[a]
            } else {
                // Charged at the session's unplaced cost, as a cold solve of `problem()` charges it.
                let u = self.unplacedCost(s)
                if u != UnplacedPricing.forbidden { unplacedCost += u }
            }
            offset += instance.end[s] - instance.begin[s]
        }
        let duals = Duals(
            students: Array(UnsafeBufferPointer(start: engine.potStudent, count: n)),
            internships: Array(UnsafeBufferPointer(start: engine.potSlot, count: m)),
            supportPools: hasSupport ? Array(UnsafeBufferPointer(start: engine.potSlot + m, count: m)) : [],
            sink: engine.potSlot[engine.sink])
        return Assignment(
            arcOfStudent: arcOf, internshipOfStudent: internshipOf, placedCount: placed, arcCost: arcCost,
            unplacedCost: unplacedCost, duals: duals,
            statistics: SolveStatistics(engine))
    }

    /// The objective a cold solve of the current instance reports in DIMACS terms: arc costs
    /// plus, for each unplaced student, the unplaced cost priced as a cold solve prices it (for
    /// tiers `(tier + 1) · (1 + Σ cost ranges)`, the smallest scale, not this session's).
    /// - Complexity: O(students).
    public var coldObjective: Int64 {
        // The arrays read once into locals: every tweak of a shell sums 30,000 students, and
        // reading them through the engine and the instance each time cost as much as the repair.
        let slotOf = engine.slotOf, arcOf = engine.arcOf, sink = engine.sink, cost = cost
        let removed = instance.removed, tiers = instance.tiers, explicitCosts = instance.explicitCosts
        let scale = requiredPenaltyScale()
        var total: Int64 = 0
        for s in 0 ..< studentCount {
            let slot = Int(slotOf[s])
            if slot >= 0 && slot < sink {
                total += cost[Int(arcOf[s])]
            } else if !removed[s] {
                if let tiers { total += (Int64(tiers[s]) + 1) * scale } else { total += explicitCosts[s] ?? 0 }
            }
        }
        return total
    }

    /// Where every student is, by position: the internship, or -1 when unplaced (what
    /// ``internship(of:)`` says of each, in one pass).
    /// - Complexity: O(students).
    public func internshipOfEveryStudent() -> [Int] {
        // From the slot, not the arc: a placed student's slot is its arc's internship, shifted
        // into the support pool's slots for those who need support. Reading each arc's target
        // instead touched the 40 MB arc arrays at 30,000 random places (0.7 ms of every tweak).
        let slotOf = engine.slotOf, poolShift = engine.poolShift, sink = engine.sink
        let out = (0 ..< studentCount).map { s in
            let slot = Int(slotOf[s])
            return slot >= 0 && slot < sink ? slot - Int(poolShift[s]) : -1
        }
        assert(out.indices.allSatisfy { out[$0] == (internship(of: $0) ?? -1) }, "a placed student's slot is not its arc's internship")
        return out
    }

    /// Where each student is: the internship, or nil when unplaced.
    /// - Complexity: O(1).
    public func internship(of student: Int) -> Int? {
        let slot = Int(engine.slotOf[student])
        guard slot >= 0, slot < engine.sink else { return nil }
        return Int(target[Int(engine.arcOf[student])])
    }

    /// The arc cost of a placed student, nil when unplaced.
    public func arcCost(of student: Int) -> Int64? {
        let slot = Int(engine.slotOf[student])
        guard slot >= 0, slot < engine.sink else { return nil }
        return cost[Int(engine.arcOf[student])]
    }

    /// The current instance as a problem of its own, with the unplaced costs this session uses
    /// (explicit costs; `(tier + 1) · M` for tiers, nil for students who must be placed, 0 for
    /// removed ones): a cold solve of it has the same optimal objective as ``assignment``.
    /// - Complexity: O(arcs).
    public func problem() -> AssignmentProblem {
        var start: [Int32] = [0], arcTarget: [Int32] = [], arcCost: [Int64] = []
        if isPacked {
            // The arcs as the cold solve got them (no change yet, or none that moved a range):
            // the arrays are shared, not copied (a match certifies its round through here; a
            // copy was 110 MB at 9.5 million arcs, the peak of the whole match).
            start = instance.begin
            start.append(instance.end.last ?? 0)
            arcTarget = target
            arcCost = cost
        } else {
            arcTarget.reserveCapacity(instance.liveArcs)
            arcCost.reserveCapacity(instance.liveArcs)
            for s in 0 ..< studentCount {
                for a in Int(instance.begin[s]) ..< Int(instance.end[s]) {
                    arcTarget.append(target[a])
                    arcCost.append(cost[a])
                }
                start.append(Int32(arcTarget.count))
            }
        }
        let unplaced = (0 ..< studentCount).map { s -> Int64? in
            let u = unplacedCost(s)
            return u == UnplacedPricing.forbidden ? nil : u
        }
        // Built from a consistent session, so the checks cannot fail; a failure is a bug.
        do {
            return try AssignmentProblem(
                capacities: instance.capacities, arcStart: start, arcInternship: consume arcTarget, arcCost: consume arcCost,
                objective: .unplacedCosts(unplaced),
                support: hasSupport ? SupportLimits(capacities: instance.supportCapacities, needsSupport: instance.needsSupport) : nil)
        } catch {
            preconditionFailure("incremental session holds an invalid problem: \(error)")
        }
    }

    /// Whether every student's arcs follow the previous one's with no gap, from 0 to the end of
    /// the arrays: the layout of a problem's CSR arrays, so that they can be handed on as they are.
    /// - Complexity: O(students).
    private var isPacked: Bool {
        let begin = instance.begin, end = instance.end
        guard (begin.first ?? 0) == 0, Int(end.last ?? 0) == target.count, target.count == cost.count else { return false }
        for s in 0 ..< max(begin.count - 1, 0) where begin[s + 1] != end[s] { return false }
        return true
    }

    // MARK: Changing

    /// Applies the changes and restores optimality, all or nothing: when the changed instance is
    /// infeasible (a student who must be placed cannot be) or the work is cancelled, the session
    /// is left exactly as it was and the error is thrown.
    /// - Complexity: the searches of the students the changes take out, usually a small part
    ///   of the graph; a cold solve when the penalty scale must grow.
    @discardableResult
    public func apply(_ changes: [AssignmentChange]) throws(SolverError) -> RepairStatistics {
        if whatIfDepth == 0 { compactIfWasteful() }
        let saved = snapshot()
        do {
            let statistics = try repair(changes)
            if whatIfDepth == 0 { arcEdits.removeAll(keepingCapacity: true) }
            return statistics
        } catch {
            restore(saved)
            throw error
        }
    }

    /// Applies `changes` to see what they would do, hands the repaired session to `body`, then
    /// puts the session back as it was. Used for what-ifs and for the exact cost of forcing a
    /// pair, without a cold solve.
    /// - Complexity: that of ``apply(_:)`` plus O(students + internships) to save and restore.
    public func whatIf<T>(_ changes: [AssignmentChange], _ body: (IncrementalAssignment) throws -> T) throws -> T {
        let saved = snapshot()
        whatIfDepth += 1
        defer {
            whatIfDepth -= 1
            restore(saved)
        }
        _ = try repair(changes)
        return try body(self)
    }

    // MARK: Helpers

    /// The engine's unplaced cost for `s`.
    func unplacedCost(_ s: Int) -> Int64 {
        if instance.removed[s] { return 0 }
        if instance.mustPlace[s] { return UnplacedPricing.forbidden }
        if let tiers = instance.tiers { return (Int64(tiers[s]) + 1) * instance.penaltyScale }
        return instance.explicitCosts[s] ?? UnplacedPricing.forbidden
    }

    /// A student's current arcs, cheapest first.
    /// - Complexity: O(arcs of the student).
    public func arcs(of s: Int) -> [Arc] {
        (Int(instance.begin[s]) ..< Int(instance.end[s])).map { Arc(internship: target[$0], cost: cost[$0]) }
    }

    /// An internship's current places.
    public func capacity(of j: Int) -> Int32 { instance.capacities[j] }

    /// Whether a student takes a support place.
    public func needsSupport(_ s: Int) -> Bool { hasSupport && instance.needsSupport[s] }

    /// Whether a student was removed (dropped out).
    public func isRemoved(_ s: Int) -> Bool { instance.removed[s] }
}

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
    // Arc storage: a student's arcs are `begin[s] ..< end[s]`, cheapest first. Replaced arcs stay
    // behind as garbage until the storage is compacted.
    var target: [Int32]
    var cost: [Int64]
    var owner: [Int32]
    var begin: [Int32]
    var end: [Int32]
    var capacities: [Int32]
    var supportCapacities: [Int32]
    var needsSupport: [Bool]
    let hasSupport: Bool
    /// Tiers of the lexicographic objective; nil for explicit unplaced costs.
    var tiers: [UInt8]?
    var explicitCosts: [Int64?]
    var mustPlace: [Bool]
    var removed: [Bool]
    var penaltyScale: Int64
    /// Per student: the cost range (0 included) and the largest |cost| of its arcs, and their
    /// sums, kept up to date so that a change never rescans every arc.
    var rangeOf: [Int64]
    var maxAbsOf: [Int64]
    var sumRange: Int64 = 0
    var sumMaxAbs: Int64 = 0
    /// Per internship: indices of arcs into it (including stale ones, skipped when scanned).
    /// Built on the first change, not for the cold solve: a session that is never changed (a
    /// plain `match`) does not pay for it, and the first solve stays cancellable throughout.
    var incoming: [[Int32]] = []
    var indexed = false
    var liveArcs: Int
    /// Entries in `incoming`, stale ones included.
    var incomingEntries: Int
    var engine: ShortestPathEngine
    var shouldCancel: (@Sendable () -> Bool)?
    /// When the repairs and cold solves search from the places (see ``ShortageMode``).
    public var shortageMode: ShortageMode
    /// While a what-if runs, storage is never compacted (its snapshot refers to arc indices).
    private var whatIfDepth = 0
    /// Stored arcs (or index entries) beyond twice the live ones that are tolerated before the
    /// storage is rewritten; small sessions never compact with the default. Tests set 0.
    var compactionSlack = 1024
    /// Arcs changed where they are stored (`recost`), oldest first, with what they were; a
    /// snapshot keeps the log's length and a restore undoes the edits after it. Cleared when a
    /// change succeeds outside a what-if.
    private var arcEdits: [(index: Int32, target: Int32, cost: Int64)] = []

    public var studentCount: Int { begin.count }
    public var internshipCount: Int { capacities.count }

    /// Solves `problem` and keeps what is needed to repair it.
    /// - Throws: ``SolverError`` as ``AssignmentSolver/solve(_:)`` does.
    /// - Complexity: a cold solve; the first change also indexes the arcs by internship, O(arcs).
    public init(
        _ problem: AssignmentProblem, shortageMode: ShortageMode = .automatic, shouldCancel: (@Sendable () -> Bool)? = nil
    ) throws(SolverError) {
        self.shortageMode = shortageMode
        let n = problem.studentCount
        target = problem.arcInternship
        cost = problem.arcCost
        owner = [Int32](repeating: 0, count: problem.arcCount)
        begin = Array(problem.arcStart.dropLast())
        end = Array(problem.arcStart.dropFirst())
        for s in 0 ..< n {
            for a in problem.arcs(of: s) { owner[a] = Int32(s) }
        }
        capacities = problem.capacities
        hasSupport = problem.support != nil
        supportCapacities = problem.support?.capacities ?? []
        needsSupport = problem.support?.needsSupport ?? [Bool](repeating: false, count: n)
        mustPlace = [Bool](repeating: false, count: n)
        removed = [Bool](repeating: false, count: n)
        switch problem.objective {
        case .maximizePlacements(let t):
            tiers = t.isEmpty ? [UInt8](repeating: 0, count: n) : t
            explicitCosts = [Int64?](repeating: nil, count: n)
        case .unplacedCosts(let c):
            tiers = nil
            explicitCosts = c
        }
        liveArcs = problem.arcCount
        incomingEntries = problem.arcCount
        rangeOf = [Int64](repeating: 0, count: n)
        maxAbsOf = [Int64](repeating: 0, count: n)
        penaltyScale = 1
        self.shouldCancel = shouldCancel
        engine = ShortestPathEngine(studentCount: 0, internshipCount: 0, hasSupport: false)
        for s in 0 ..< n { measure(s) }
        if tiers != nil {
            let required: Int64
            do { required = try problem.penaltyScale() ?? 1 } catch { throw .invalidProblem(error) }
            penaltyScale = required <= UnplacedPricing.safeBound / 2 ? 2 * required : required
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
                arcOf[s] = offset + Int32(a) - begin[s]
                internshipOf[s] = target[a]
                placed += 1
                arcCost += cost[a]
            } else {
                // Charged at the session's unplaced cost, as a cold solve of `problem()` charges it.
                let u = self.unplacedCost(s)
                if u != UnplacedPricing.forbidden { unplacedCost += u }
            }
            offset += end[s] - begin[s]
        }
        let duals = Duals(
            students: Array(UnsafeBufferPointer(start: engine.potStudent, count: n)),
            internships: Array(UnsafeBufferPointer(start: engine.potSlot, count: m)),
            supportPools: hasSupport ? Array(UnsafeBufferPointer(start: engine.potSlot + m, count: m)) : [],
            sink: engine.potSlot[engine.sink])
        return Assignment(
            arcOfStudent: arcOf, internshipOfStudent: internshipOf, placedCount: placed, arcCost: arcCost,
            unplacedCost: unplacedCost, duals: duals,
            statistics: SolveStatistics(searches: engine.searches, scannedArcs: engine.scannedArcs))
    }

    /// The objective a cold solve of the current instance reports in DIMACS terms: arc costs
    /// plus, for each unplaced student, the unplaced cost priced as a cold solve prices it (for
    /// tiers `(tier + 1) · (1 + Σ cost ranges)`, the smallest scale, not this session's).
    /// - Complexity: O(students).
    public var coldObjective: Int64 {
        var total: Int64 = 0
        for s in 0 ..< studentCount {
            let slot = Int(engine.slotOf[s])
            if slot >= 0 && slot < engine.sink {
                total += cost[Int(engine.arcOf[s])]
            } else if !removed[s] {
                if let tiers { total += (Int64(tiers[s]) + 1) * requiredPenaltyScale() } else { total += explicitCosts[s] ?? 0 }
            }
        }
        return total
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
        arcTarget.reserveCapacity(liveArcs)
        arcCost.reserveCapacity(liveArcs)
        for s in 0 ..< studentCount {
            for a in Int(begin[s]) ..< Int(end[s]) {
                arcTarget.append(target[a])
                arcCost.append(cost[a])
            }
            start.append(Int32(arcTarget.count))
        }
        let unplaced = (0 ..< studentCount).map { s -> Int64? in
            let u = unplacedCost(s)
            return u == UnplacedPricing.forbidden ? nil : u
        }
        // Built from a consistent session, so the checks cannot fail; a failure is a bug.
        do {
            return try AssignmentProblem(
                capacities: capacities, arcStart: start, arcInternship: arcTarget, arcCost: arcCost,
                objective: .unplacedCosts(unplaced),
                support: hasSupport ? SupportLimits(capacities: supportCapacities, needsSupport: needsSupport) : nil)
        } catch {
            preconditionFailure("incremental session holds an invalid problem: \(error)")
        }
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

    private func repair(_ changes: [AssignmentChange]) throws(SolverError) -> RepairStatistics {
        if !indexed { buildIndex() }
        let searchesBefore = engine.searches, scannedBefore = engine.scannedArcs
        var pending: [Int32] = []
        var worklist: [Int] = []
        var needsCold = false
        for change in changes {
            switch change {
            case .setArcs(let s, let arcs):
                try requireStudent(s)
                try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
            case .setArc(let s, let arc):
                try requireStudent(s)
                let existing = (Int(begin[s]) ..< Int(end[s])).filter { target[$0] == arc.internship }
                if existing.count == 1, abs(arc.cost) <= AssignmentProblem.maximumAbsoluteCost {
                    recost(s, arc: existing[0], to: arc.cost, pending: &pending, worklist: &worklist)
                } else {
                    var arcs = arcs(of: s).filter { $0.internship != arc.internship }
                    arcs.append(arc)
                    try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
                }
            case .removeArc(let s, let j):
                try requireStudent(s)
                try replaceArcs(of: s, with: arcs(of: s).filter { $0.internship != j }, pending: &pending, worklist: &worklist)
            case .setTier(let s, let tier):
                try requireStudent(s)
                guard tiers != nil else { throw .invalidChange("tiers belong to the lexicographic objective; use setUnplacedCost") }
                // The same tier again (a round change re-sends every touched student's) changes
                // no cost: the student stays where it is.
                guard tiers?[s] != tier else { continue }
                tiers?[s] = tier
                retake(s, pending: &pending, worklist: &worklist)
            case .setUnplacedCost(let s, let c):
                try requireStudent(s)
                guard tiers == nil else { throw .invalidChange("unplaced costs belong to the explicit objective; use setTier") }
                guard explicitCosts[s] != c else { continue }
                explicitCosts[s] = c
                retake(s, pending: &pending, worklist: &worklist)
            case .setMustPlace(let s, let must):
                try requireStudent(s)
                guard mustPlace[s] != must else { continue }
                mustPlace[s] = must
                retake(s, pending: &pending, worklist: &worklist)
            case .setCapacity(let j, let places):
                try requireInternship(j)
                guard places >= 0 else { throw .invalidChange("internship \(j): negative capacity \(places)") }
                capacities[j] = places
                engine.setCapacity(j, places, worklist: &worklist, pending: &pending)
            case .setSupportCapacity(let j, let places):
                try requireInternship(j)
                guard hasSupport else { throw .invalidChange("this instance has no support limits") }
                guard places >= 0 else { throw .invalidChange("internship \(j): negative support capacity \(places)") }
                supportCapacities[j] = places
                engine.setSupportCapacity(j, places, worklist: &worklist, pending: &pending)
            case .addStudent(let arcs, let tier, let unplaced, let support):
                guard !support || hasSupport else { throw .invalidChange("this instance has no support limits") }
                let s = studentCount
                begin.append(Int32(target.count))
                end.append(Int32(target.count))
                tiers?.append(tier)
                explicitCosts.append(unplaced)
                mustPlace.append(false)
                removed.append(false)
                needsSupport.append(support)
                rangeOf.append(0)
                maxAbsOf.append(0)
                engine = ShortestPathEngine(copying: engine, studentCount: s + 1, internshipCount: internshipCount)
                engine.poolShift[s] = support ? Int32(internshipCount) : 0
                try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
                engine.unplacedCost[s] = unplacedCost(s)
                pending.append(Int32(s))
            case .removeStudent(let s):
                try requireStudent(s)
                removed[s] = true
                try replaceArcs(of: s, with: [], pending: &pending, worklist: &worklist)
                retake(s, pending: &pending, worklist: &worklist)
            case .addInternship(let places, let supportPlaces):
                guard places >= 0, supportPlaces >= 0 else { throw .invalidChange("negative capacity") }
                let j = internshipCount
                capacities.append(places)
                if hasSupport { supportCapacities.append(supportPlaces) }
                incoming.append([])
                engine = ShortestPathEngine(copying: engine, studentCount: studentCount, internshipCount: j + 1)
                // Pools moved up by one: so do the slots waiting to be looked at.
                worklist = worklist.map { $0 >= j ? $0 + 1 : $0 }
                engine.cap[j] = places
                if hasSupport { engine.cap[engine.m + j] = supportPlaces }
            case .removeInternship(let j):
                try requireInternship(j)
                capacities[j] = 0
                engine.setCapacity(j, 0, worklist: &worklist, pending: &pending)
                if hasSupport {
                    supportCapacities[j] = 0
                    engine.setSupportCapacity(j, 0, worklist: &worklist, pending: &pending)
                }
            }
        }
        if tiers != nil {
            let required = requiredPenaltyScale()
            if required > penaltyScale {
                penaltyScale = required <= UnplacedPricing.safeBound / 2 ? 2 * required : required
                needsCold = true
            }
        }
        try validateBounds()
        if needsCold {
            try solveCold()
        } else {
            try withArcView { (arcs) throws(SolverError) in
                try owner.withUnsafeBufferPointer { (owner) throws(SolverError) in
                    let index = IncrementalIncomingIndex(
                        incoming: incoming, owner: owner, arcs: arcs, poolShift: engine.poolShift, m: internshipCount)
                    engine.restoreRoom(&worklist, arcs: arcs, index: index, pending: &pending)
                    // Must-place students first, then by unplaced cost (tier), as a cold solve orders them.
                    var seen = Set<Int32>()
                    var queue = pending.filter { seen.insert($0).inserted && engine.slotOf[Int($0)] == ShortestPathEngine.unassigned }
                    // First whoever can be seated without a search (most important first; a
                    // student displaced on the way ranks lower and gets its turn), then searches.
                    var searchFor: [Int32] = []
                    while !queue.isEmpty {
                        var displaced: [Int32] = []
                        for s in queue.sorted(by: { (engine.unplacedCost[Int($0)], $1) > (engine.unplacedCost[Int($1)], $0) })
                        where !engine.seatWithoutSearch(Int(s), arcs: arcs, displaced: &displaced) {
                            searchFor.append(s)
                        }
                        queue = displaced
                    }
                    let order = searchFor.sorted { (engine.unplacedCost[Int($0)], $1) > (engine.unplacedCost[Int($1)], $0) }
                    let mustPlace = order.prefix { engine.unplacedCost[Int($0)] == UnplacedPricing.forbidden }
                    let rest = Array(order.dropFirst(mustPlace.count))
                    // Repairs search from the students unless told `.always` (which the tests use
                    // to keep both directions exact). A cold solve settles each tier on its own,
                    // into a market the lower tiers have not entered yet; a repair's waiting
                    // students meet a saturated market, and making them unplaced at once outbids
                    // chains of marginal students across it. Measured on the 30k region with
                    // places for three quarters (Benchmarks/RESULTS.md): one ban whose repair
                    // took 91 students out (a support pool's price rose) ran 21,997 backward
                    // searches, 52 s; from the students, the slowest tweaks take 3 to 5 s.
                    let fromPlaces = shortageMode == .always && engine.prefersPlaces(rest, mode: shortageMode)
                    for (k, s) in (fromPlaces ? Array(mustPlace) : order).enumerated() {
                        if k & 7 == 7, let shouldCancel, shouldCancel() { throw .cancelled }
                        try engine.augment(from: Int(s), arcs: arcs)
                    }
                    if fromPlaces {
                        try engine.settleFromPlaces(rest, arcs: arcs, index: index, shouldCancel: shouldCancel)
                    }
                }
            }
        }
        #if BPV_INTERNAL_CHECKS
        do {
            try OptimalityCertificate.verify(assignment, for: problem())
        } catch {
            preconditionFailure("the repaired assignment fails its certificate: \(error)")
        }
        #endif
        return RepairStatistics(
            reaugmented: Set(pending).count, searches: engine.searches - searchesBefore,
            scannedArcs: engine.scannedArcs - scannedBefore, resolvedCold: needsCold)
    }

    // MARK: Helpers

    /// The engine's unplaced cost for `s`.
    func unplacedCost(_ s: Int) -> Int64 {
        if removed[s] { return 0 }
        if mustPlace[s] { return UnplacedPricing.forbidden }
        if let tiers { return (Int64(tiers[s]) + 1) * penaltyScale }
        return explicitCosts[s] ?? UnplacedPricing.forbidden
    }

    /// A student's current arcs, cheapest first.
    /// - Complexity: O(arcs of the student).
    public func arcs(of s: Int) -> [Arc] {
        (Int(begin[s]) ..< Int(end[s])).map { Arc(internship: target[$0], cost: cost[$0]) }
    }

    /// An internship's current places.
    public func capacity(of j: Int) -> Int32 { capacities[j] }

    /// Whether a student takes a support place.
    public func needsSupport(_ s: Int) -> Bool { hasSupport && needsSupport[s] }

    /// Whether a student was removed (dropped out).
    public func isRemoved(_ s: Int) -> Bool { removed[s] }

    /// Takes `s` out and refreshes its unplaced cost (its unplaced arc changed).
    private func retake(_ s: Int, pending: inout [Int32], worklist: inout [Int]) {
        if let v = engine.detach(s) { engine.gainedRoom(v, into: &worklist) }
        engine.unplacedCost[s] = unplacedCost(s)
        pending.append(Int32(s))
    }

    /// Writes `arcs` as `s`'s arcs (cheapest first). The student keeps its place when its arc
    /// there is unchanged and no new arc undercuts it; otherwise it is taken out.
    private func replaceArcs(of s: Int, with arcs: [Arc], pending: inout [Int32], worklist: inout [Int]) throws(SolverError) {
        for a in arcs {
            guard a.internship >= 0, Int(a.internship) < internshipCount else {
                throw .invalidChange("student \(s): arc to internship \(a.internship), which does not exist")
            }
            guard abs(a.cost) <= AssignmentProblem.maximumAbsoluteCost else {
                throw .invalidChange("student \(s): cost \(a.cost) is beyond ±\(AssignmentProblem.maximumAbsoluteCost)")
            }
        }
        let sorted = arcs.sorted { ($0.cost, $0.internship) < ($1.cost, $1.internship) }
        let oldArc = Int(engine.arcOf[s])
        let old = oldArc >= 0 ? Arc(internship: target[oldArc], cost: cost[oldArc]) : nil
        liveArcs += sorted.count - Int(end[s] - begin[s])
        let first = Int32(target.count)
        incomingEntries += sorted.count
        for a in sorted {
            incoming[Int(a.internship)].append(Int32(target.count))
            target.append(a.internship)
            cost.append(a.cost)
            owner.append(Int32(s))
        }
        begin[s] = first
        end[s] = Int32(target.count)
        keepOrRetake(s, placedAt: old?.internship, pending: &pending, worklist: &worklist)
    }

    /// Changes the cost of arc `a` of student `s` where it is stored, moving it to its place in
    /// the student's cheapest-first order; each arc that moved is indexed again under its new
    /// position (the old entries go stale). Every edit is logged, so that a failed change or a
    /// what-if puts the arcs back exactly (see ``restore(_:)``).
    /// - Complexity: O(arcs of the student); no arc storage is appended, unlike ``replaceArcs``.
    private func recost(_ s: Int, arc a: Int, to newCost: Int64, pending: inout [Int32], worklist: inout [Int]) {
        let b = Int(begin[s]), e = Int(end[s])
        let ownArc = Int(engine.arcOf[s])
        let placedAt = ownArc >= 0 ? target[ownArc] : nil
        func edit(_ i: Int, _ t: Int32, _ c: Int64) {
            arcEdits.append((Int32(i), target[i], cost[i]))
            target[i] = t
            cost[i] = c
        }
        var p = a
        let t = target[a]
        // Shift the arcs between the old and the new position by one, then write the arc.
        while p > b, (newCost, t) < (cost[p - 1], target[p - 1]) {
            edit(p, target[p - 1], cost[p - 1])
            p -= 1
        }
        while p + 1 < e, (cost[p + 1], target[p + 1]) < (newCost, t) {
            edit(p, target[p + 1], cost[p + 1])
            p += 1
        }
        edit(p, t, newCost)
        for i in min(a, p) ... max(a, p) where p != a {
            incoming[Int(target[i])].append(Int32(i))
            incomingEntries += 1
        }
        keepOrRetake(s, placedAt: placedAt, pending: &pending, worklist: &worklist)
    }

    /// After `s`'s arcs changed: keeps `s` where it is when it can stay optimal there, or takes
    /// it out. A placed student follows its arc to the internship it holds (`placedAt`): its
    /// potential makes that arc tight (I1), and `staysOptimal` checks every other arc against
    /// it. So a place that got cheaper (a stability bonus after a match, a changed weight)
    /// keeps everyone where they are instead of re-placing them all.
    private func keepOrRetake(_ s: Int, placedAt: Int32?, pending: inout [Int32], worklist: inout [Int]) {
        measure(s)
        let slot = Int(engine.slotOf[s])
        guard slot != Int(ShortestPathEngine.unassigned) else { return }
        if slot < engine.sink {
            guard let placedAt,
                  let k = (Int(begin[s]) ..< Int(end[s])).first(where: { target[$0] == placedAt })
            else {
                retake(s, pending: &pending, worklist: &worklist)
                return
            }
            engine.arcOf[s] = Int32(k)
            engine.potStudent[s] = engine.potSlot[slot] - cost[k]
        }
        let kept = withArcView { arcs in engine.staysOptimal(s, arcs: arcs) }
        if !kept { retake(s, pending: &pending, worklist: &worklist) }
    }

    private func requireStudent(_ s: Int) throws(SolverError) {
        guard s >= 0, s < studentCount else { throw .invalidChange("no student \(s)") }
    }

    private func requireInternship(_ j: Int) throws(SolverError) {
        guard j >= 0, j < internshipCount else { throw .invalidChange("no internship \(j)") }
    }

    /// `1 + Σ` per-student cost ranges (0 included), as ``UnplacedPricing`` computes it.
    private func requiredPenaltyScale() -> Int64 { 1 &+ sumRange }

    /// Records `s`'s cost range and largest |cost| (both 0 for a removed student).
    private func measure(_ s: Int) {
        var lo: Int64 = 0, hi: Int64 = 0
        if !removed[s] {
            for a in Int(begin[s]) ..< Int(end[s]) {
                lo = min(lo, cost[a])
                hi = max(hi, cost[a])
            }
        }
        sumRange = sumRange &- rangeOf[s] &+ (hi - lo)
        sumMaxAbs = sumMaxAbs &- maxAbsOf[s] &+ max(hi, -lo)
        rangeOf[s] = hi - lo
        maxAbsOf[s] = max(hi, -lo)
    }

    /// Refuses instances whose paths could overflow, as a cold solve does.
    /// - Complexity: O(students).
    private func validateBounds() throws(SolverError) {
        var maxUnplaced: Int64 = 0
        for s in 0 ..< studentCount {
            let u = unplacedCost(s)
            if u != UnplacedPricing.forbidden { maxUnplaced = max(maxUnplaced, abs(u)) }
        }
        guard sumRange <= UnplacedPricing.safeBound / 4, sumMaxAbs <= UnplacedPricing.safeBound / 4,
              maxUnplaced <= UnplacedPricing.safeBound / 2
        else {
            throw .invalidChange("the changed instance's costs are too large to solve without overflow")
        }
    }

    func withArcView<T, E: Error>(_ body: (ArcView) throws(E) -> T) throws(E) -> T {
        // Never empty: a dummy element stands in, so every buffer has a base address.
        if target.isEmpty {
            target.append(0)
            cost.append(0)
            owner.append(0)
        }
        return try begin.withUnsafeBufferPointer { (b) throws(E) -> T in
            try end.withUnsafeBufferPointer { (e) throws(E) -> T in
                try target.withUnsafeBufferPointer { (t) throws(E) -> T in
                    try cost.withUnsafeBufferPointer { (c) throws(E) -> T in
                        let dummy: [Int32] = [0]
                        return try dummy.withUnsafeBufferPointer { (d) throws(E) -> T in
                            try body(ArcView(begin: b.baseAddress ?? d.baseAddress!, end: e.baseAddress ?? d.baseAddress!,
                                             target: t.baseAddress!, cost: c.baseAddress!))
                        }
                    }
                }
            }
        }
    }

    /// Solves the current instance from scratch, into a fresh engine.
    private func solveCold() throws(SolverError) {
        let n = studentCount, m = internshipCount
        let fresh = ShortestPathEngine(studentCount: n, internshipCount: m, hasSupport: hasSupport)
        var costs = [Int64](repeating: 0, count: n)
        for s in 0 ..< n {
            costs[s] = unplacedCost(s)
            fresh.unplacedCost[s] = costs[s]
            if hasSupport && needsSupport[s] { fresh.poolShift[s] = Int32(m) }
        }
        for j in 0 ..< m {
            fresh.cap[j] = capacities[j]
            if hasSupport { fresh.cap[m + j] = supportCapacities[j] }
        }
        let groups = AssignmentSolver.seatingGroups(costs)
        try withArcView { (arcs) throws(SolverError) in
            try fresh.solve(arcs: arcs, groups: groups, shortage: shortageMode, shouldCancel: shouldCancel)
        }
        engine = fresh
    }

    /// Indexes every current arc by its internship.
    /// - Complexity: O(arcs).
    private func buildIndex() {
        incoming = [[Int32]](repeating: [], count: internshipCount)
        for s in 0 ..< studentCount {
            for a in Int(begin[s]) ..< Int(end[s]) { incoming[Int(target[a])].append(Int32(a)) }
        }
        incomingEntries = liveArcs
        indexed = true
    }

    /// Rewrites the arc storage without replaced arcs once they outnumber the live ones.
    func compactIfWasteful() {
        let limit = 2 * liveArcs + compactionSlack
        guard target.count > limit || incomingEntries > limit else { return }
        var newTarget: [Int32] = [], newCost: [Int64] = [], newOwner: [Int32] = []
        newTarget.reserveCapacity(liveArcs)
        newCost.reserveCapacity(liveArcs)
        newOwner.reserveCapacity(liveArcs)
        for s in 0 ..< studentCount {
            let b = Int(begin[s]), e = Int(end[s])
            let first = Int32(newTarget.count)
            if engine.arcOf[s] >= 0 { engine.arcOf[s] = first + engine.arcOf[s] - Int32(b) }
            for a in b ..< e {
                newTarget.append(target[a])
                newCost.append(cost[a])
                newOwner.append(Int32(s))
            }
            begin[s] = first
            end[s] = Int32(newTarget.count)
        }
        target = newTarget
        cost = newCost
        owner = newOwner
        if indexed { buildIndex() }
    }

    // MARK: Snapshots

    private struct Snapshot {
        var engine: ShortestPathEngine
        var arcCount: Int
        var begin: [Int32], end: [Int32]
        var capacities: [Int32], supportCapacities: [Int32], needsSupport: [Bool]
        var tiers: [UInt8]?, explicitCosts: [Int64?], mustPlace: [Bool], removed: [Bool]
        var penaltyScale: Int64
        var rangeOf: [Int64], maxAbsOf: [Int64], sumRange: Int64, sumMaxAbs: Int64
        var liveArcs: Int
        var internshipCount: Int
        var arcEdits: Int
    }

    private func snapshot() -> Snapshot {
        Snapshot(
            engine: ShortestPathEngine(copying: engine, studentCount: engine.n, internshipCount: engine.m),
            arcCount: target.count, begin: begin, end: end, capacities: capacities, supportCapacities: supportCapacities,
            needsSupport: needsSupport, tiers: tiers, explicitCosts: explicitCosts, mustPlace: mustPlace, removed: removed,
            penaltyScale: penaltyScale, rangeOf: rangeOf, maxAbsOf: maxAbsOf, sumRange: sumRange, sumMaxAbs: sumMaxAbs,
            liveArcs: liveArcs, internshipCount: internshipCount, arcEdits: arcEdits.count)
    }

    private func restore(_ s: Snapshot) {
        engine = s.engine
        // Edits in place first (newest first), before appended arcs go.
        while arcEdits.count > s.arcEdits, let e = arcEdits.popLast() {
            target[Int(e.index)] = e.target
            cost[Int(e.index)] = e.cost
        }
        // Arcs appended since the snapshot go; stale `incoming` entries are skipped when scanned.
        if target.count > s.arcCount {
            target.removeLast(target.count - s.arcCount)
            cost.removeLast(cost.count - s.arcCount)
            owner.removeLast(owner.count - s.arcCount)
        }
        begin = s.begin
        end = s.end
        capacities = s.capacities
        supportCapacities = s.supportCapacities
        needsSupport = s.needsSupport
        tiers = s.tiers
        explicitCosts = s.explicitCosts
        mustPlace = s.mustPlace
        removed = s.removed
        penaltyScale = s.penaltyScale
        rangeOf = s.rangeOf
        maxAbsOf = s.maxAbsOf
        sumRange = s.sumRange
        sumMaxAbs = s.sumMaxAbs
        liveArcs = s.liveArcs
        // Not restored, on purpose: `incoming` keeps every entry appended since (the restored
        // arcs' entries are still there; the others are stale and skipped when scanned), so
        // `incomingEntries` still counts what it holds, and an index built since stays valid.
        if incoming.count > s.internshipCount { incoming.removeLast(incoming.count - s.internshipCount) }
    }
}

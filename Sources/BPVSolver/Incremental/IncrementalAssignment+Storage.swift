/// Storage of ``IncrementalAssignment``: the arc arrays seen by the engine, the cold solve, the
/// index of arcs by internship, compaction, and the snapshot a failed change or a what-if is
/// undone with.
extension IncrementalAssignment {
    /// The arcs as the engine reads them.
    func withArcView<T, E: Error>(_ body: (ArcView) throws(E) -> T) throws(E) -> T {
        // Never empty: a dummy element stands in, so every buffer has a base address.
        if target.isEmpty {
            target.append(0)
            cost.append(0)
            owner.append(0)
        }
        return try instance.begin.withUnsafeBufferPointer { (b) throws(E) -> T in
            try instance.end.withUnsafeBufferPointer { (e) throws(E) -> T in
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
    func solveCold() throws(SolverError) {
        let n = studentCount, m = internshipCount
        let fresh = ShortestPathEngine(studentCount: n, internshipCount: m, hasSupport: hasSupport)
        var costs = [Int64](repeating: 0, count: n)
        for s in 0 ..< n {
            costs[s] = unplacedCost(s)
            fresh.unplacedCost[s] = costs[s]
            if hasSupport && instance.needsSupport[s] { fresh.poolShift[s] = Int32(m) }
        }
        for j in 0 ..< m {
            fresh.cap[j] = instance.capacities[j]
            if hasSupport { fresh.cap[m + j] = instance.supportCapacities[j] }
        }
        let groups = AssignmentSolver.seatingGroups(costs)
        try withArcView { (arcs) throws(SolverError) in
            try fresh.solve(arcs: arcs, groups: groups, shortage: shortageMode, shouldCancel: shouldCancel)
        }
        engine = fresh
    }

    /// Indexes every current arc by its internship.
    /// - Complexity: O(arcs).
    func buildIndex() {
        growStorage()
        // A counting sort into one flat array, then one copy per internship: appending arc by
        // arc to the nested arrays took 0.65 s at 27 million arcs.
        let m = internshipCount
        var start = [Int](repeating: 0, count: m + 1)
        for s in 0 ..< studentCount {
            for a in Int(instance.begin[s]) ..< Int(instance.end[s]) { start[Int(target[a]) + 1] += 1 }
        }
        for j in 0 ..< m { start[j + 1] += start[j] }
        var fill = start
        var flat = [Int32](repeating: 0, count: start[m])
        flat.withUnsafeMutableBufferPointer { flat in
            for s in 0 ..< studentCount {
                for a in Int(instance.begin[s]) ..< Int(instance.end[s]) {
                    let j = Int(target[a])
                    flat[fill[j]] = Int32(truncatingIfNeeded: a)
                    fill[j] += 1
                }
            }
        }
        incoming = (0 ..< m).map { Array(flat[start[$0] ..< start[$0 + 1]]) }
        incomingEntries = instance.liveArcs
        indexed = true
    }

    /// Gives the arc storage room to grow and builds `owner`, once, before the first change
    /// (the cold solve shares the problem's arrays as they are). With room to grow: a change
    /// appends the arcs it writes, and without slack the first appends would copy all arcs
    /// and then double them (half a second at 27 million arcs). One sixteenth more.
    /// - Complexity: O(arcs), once.
    func growStorage() {
        guard owner.count != target.count else { return }
        let room = target.count + max(1024, target.count / 16)
        target.reserveCapacity(room)
        cost.reserveCapacity(room)
        owner = []
        owner.reserveCapacity(room)
        owner.append(contentsOf: repeatElement(0, count: target.count))
        for s in 0 ..< studentCount {
            for a in Int(instance.begin[s]) ..< Int(instance.end[s]) { owner[a] = Int32(s) }
        }
    }

    /// Rewrites the arc storage without replaced arcs once they outnumber the live ones.
    func compactIfWasteful() {
        let limit = 2 * instance.liveArcs + compactionSlack
        guard target.count > limit || incomingEntries > limit else { return }
        var newTarget: [Int32] = [], newCost: [Int64] = [], newOwner: [Int32] = []
        // With the same slack as a new session, so that the next appends do not copy everything.
        let room = instance.liveArcs + max(1024, instance.liveArcs / 16)
        newTarget.reserveCapacity(room)
        newCost.reserveCapacity(room)
        newOwner.reserveCapacity(room)
        for s in 0 ..< studentCount {
            let b = Int(instance.begin[s]), e = Int(instance.end[s])
            let first = Int32(newTarget.count)
            if engine.arcOf[s] >= 0 { engine.arcOf[s] = first + engine.arcOf[s] - Int32(b) }
            for a in b ..< e {
                newTarget.append(target[a])
                newCost.append(cost[a])
                newOwner.append(Int32(s))
            }
            instance.begin[s] = first
            instance.end[s] = Int32(newTarget.count)
        }
        target = newTarget
        cost = newCost
        owner = newOwner
        if indexed { buildIndex() }
    }

    // MARK: Snapshots

    /// What undoes a failed change or a what-if: the engine's copy, the instance value, and the
    /// lengths of the append-only arc storage and of the edit log.
    struct Snapshot {
        var engine: ShortestPathEngine
        var instance: Instance
        var arcCount: Int
        var arcEdits: Int
    }

    /// - Complexity: O(students + internships) for the engine's buffers; the instance's arrays
    ///   are shared until changed (copy on write).
    func snapshot() -> Snapshot {
        Snapshot(
            engine: ShortestPathEngine(copying: engine, studentCount: engine.n, internshipCount: engine.m),
            instance: instance, arcCount: target.count, arcEdits: arcEdits.count)
    }

    func restore(_ s: Snapshot) {
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
        instance = s.instance
        // Not restored, on purpose: `incoming` keeps every entry appended since (the restored
        // arcs' entries are still there; the others are stale and skipped when scanned), so
        // `incomingEntries` still counts what it holds, and an index built since stays valid.
        if incoming.count > internshipCount { incoming.removeLast(incoming.count - internshipCount) }
    }
}

/// The instance an ``IncrementalAssignment`` holds, apart from its arc arrays: per student,
/// per internship, and the sums kept up to date so that a change never rescans every arc.
struct Instance {
    /// A student's arcs are `begin[s] ..< end[s]` of the session's arc storage.
    var begin: [Int32]
    var end: [Int32]
    var capacities: [Int32]
    var supportCapacities: [Int32]
    var needsSupport: [Bool]
    /// Tiers of the lexicographic objective; nil for explicit unplaced costs.
    var tiers: [UInt8]?
    var explicitCosts: [Int64?]
    var mustPlace: [Bool]
    var removed: [Bool]
    var penaltyScale: Int64
    /// Per student: the cost range (0 included) and the largest |cost| of its arcs, and their
    /// sums.
    var rangeOf: [Int64]
    var maxAbsOf: [Int64]
    var sumRange: Int64 = 0
    var sumMaxAbs: Int64 = 0
    /// Arcs in use (the storage also holds replaced ones).
    var liveArcs: Int
}

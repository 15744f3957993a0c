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
    func solveCold() throws(SolverError) {
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
    func buildIndex() {
        // A counting sort into one flat array, then one copy per internship: appending arc by
        // arc to the nested arrays took 0.65 s at 27 million arcs.
        let m = internshipCount
        var start = [Int](repeating: 0, count: m + 1)
        for s in 0 ..< studentCount {
            for a in Int(begin[s]) ..< Int(end[s]) { start[Int(target[a]) + 1] += 1 }
        }
        for j in 0 ..< m { start[j + 1] += start[j] }
        var fill = start
        var flat = [Int32](repeating: 0, count: start[m])
        flat.withUnsafeMutableBufferPointer { flat in
            for s in 0 ..< studentCount {
                for a in Int(begin[s]) ..< Int(end[s]) {
                    let j = Int(target[a])
                    flat[fill[j]] = Int32(truncatingIfNeeded: a)
                    fill[j] += 1
                }
            }
        }
        incoming = (0 ..< m).map { Array(flat[start[$0] ..< start[$0 + 1]]) }
        incomingEntries = liveArcs
        indexed = true
    }

    /// Rewrites the arc storage without replaced arcs once they outnumber the live ones.
    func compactIfWasteful() {
        let limit = 2 * liveArcs + compactionSlack
        guard target.count > limit || incomingEntries > limit else { return }
        var newTarget: [Int32] = [], newCost: [Int64] = [], newOwner: [Int32] = []
        // With the same slack as a new session, so that the next appends do not copy everything.
        let room = liveArcs + max(1024, liveArcs / 16)
        newTarget.reserveCapacity(room)
        newCost.reserveCapacity(room)
        newOwner.reserveCapacity(room)
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

    struct Snapshot {
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

    func snapshot() -> Snapshot {
        Snapshot(
            engine: ShortestPathEngine(copying: engine, studentCount: engine.n, internshipCount: engine.m),
            arcCount: target.count, begin: begin, end: end, capacities: capacities, supportCapacities: supportCapacities,
            needsSupport: needsSupport, tiers: tiers, explicitCosts: explicitCosts, mustPlace: mustPlace, removed: removed,
            penaltyScale: penaltyScale, rangeOf: rangeOf, maxAbsOf: maxAbsOf, sumRange: sumRange, sumMaxAbs: sumMaxAbs,
            liveArcs: liveArcs, internshipCount: internshipCount, arcEdits: arcEdits.count)
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

/// One search from every unplaced student at once over the residual network, for the question
/// "where would one more place place someone?" (`gaps`).
///
/// Adding one unit of capacity to an optimal flow changes the optimum by at most one cycle
/// through the new unit (the difference of the two optima is a circulation in the old residual
/// network, and every cycle of it that avoids the new unit costs at least 0 there). For a new
/// place at internship `j` that cycle is: the sink, backwards along an unplaced student's
/// unplaced arc, then the residual network to `j`, then the new place back to the sink. So the
/// shortest residual paths from the unplaced students to every slot answer every internship's
/// "one more place" at once, instead of one repair per internship; and the distance to each
/// student answers "one more internship" for every new internship that student could take.
extension ShortestPathEngine {
    /// Labels of a search from every unplaced student (reduced distances, the step that reached
    /// each slot), copied out of the engine's buffers, which are reset.
    struct ReachLabels {
        /// Reduced distance of each slot, `Int64.max` when no unplaced student reaches it.
        var dist: [Int64]
        var predStudent: [Int32]
        var predArc: [Int32]
        var predSlot: [Int32]
    }

    /// Dijkstra from every unplaced student (each at reduced distance 0: its unplaced arc is
    /// tight, I2) over the residual network, to every slot it reaches; no early stop.
    ///
    /// Every residual arc has a non-negative reduced cost (I1–I4), so one search is exact.
    /// Students are scanned at their slot's distance, as in `augment`.
    /// - Complexity: O(arcs of the students reached + heap operations · log m).
    func searchFromUnplaced(arcs: ArcView, shouldCancel: (@Sendable () -> Bool)?) throws(SolverError) -> ReachLabels {
        let target = arcs.target, cost = arcs.cost
        var touchedCount = 0
        func scan(_ t: Int, at d: Int64) {
            let base = d &+ potStudent[t], shift = Int(poolShift[t])
            let tInt32 = Int32(truncatingIfNeeded: t)
            for b in Int(arcs.begin[t]) ..< Int(arcs.end[t]) {
                let k = Int(target[b]) + shift
                let reach = base + cost[b]
                if reach < bound[k] {
                    _ = label(k, reach - potSlot[k], student: tInt32, arc: Int32(truncatingIfNeeded: b), slot: -1,
                              touchedCount: &touchedCount)
                }
            }
            scannedArcs += Int(arcs.end[t]) - Int(arcs.begin[t])
        }
        // An unplaced student is reached backwards along its unplaced arc, at that arc's reduced
        // cost (0 when tight, as the repair leaves it; never negative).
        let sinkPot = potSlot[sink]
        for t in 0 ..< n where Int(slotOf[t]) == sink && unplacedCost[t] != UnplacedPricing.forbidden {
            scan(t, at: max(sinkPot - unplacedCost[t] - potStudent[t], 0))
        }
        var pops = 0
        while let (v, dv) = try popFinal(&pops, touchedCount: touchedCount, shouldCancel: shouldCancel) {
            bound[v] = Int64.min
            let pv = potSlot[v], vInt32 = Int32(truncatingIfNeeded: v)
            if v < m {
                // Backwards along the flow from the support pool into the internship.
                if hasSupport, count[m + v] > 0 {
                    _ = label(m + v, dv + pv - potSlot[m + v], student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
                }
            } else if count[v] < cap[v] {
                _ = label(v - m, dv + pv - potSlot[v - m], student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
            }
            var t = Int(head[v])
            while t >= 0 {
                scan(t, at: dv)
                t = Int(next[t])
            }
        }
        return copyLabels(touchedCount: touchedCount)
    }

    /// Dijkstra backwards from every place with room (each at reduced distance 0: an
    /// internship with room has the sink's potential, I3) over the residual network: for every
    /// slot, the cheapest residual path from it to room, and the step it takes first. A change
    /// that only adds arcs into a slot can place someone more only if that slot is reached
    /// (every path that places one more must leave the slot toward room).
    /// - Complexity: O(arcs into the reached slots + heap operations · log m).
    func searchToRoom<Index: IncomingArcIndex>(arcs: ArcView, index: Index,
                                               shouldCancel: (@Sendable () -> Bool)?) throws(SolverError) -> ReachLabels {
        var touchedCount = 0
        for j in 0 ..< m where load(j) < cap[j] {
            _ = label(j, 0, student: -1, arc: -1, slot: -1, touchedCount: &touchedCount)
        }
        var pops = 0
        while let (v, dv) = try popFinal(&pops, touchedCount: touchedCount, shouldCancel: shouldCancel) {
            let pv = potSlot[v], vInt32 = Int32(truncatingIfNeeded: v)
            if hasSupport {
                if v < m {
                    // A pool with room flows into its internship.
                    if count[m + v] < cap[m + v] {
                        _ = label(m + v, dv + potSlot[m + v] - pv, student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
                    }
                } else if count[v] > 0 {
                    // An internship sends flow back into its pool.
                    _ = label(v - m, dv + potSlot[v - m] - pv, student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
                }
            }
            index.scan(into: v) { entry in
                // t leaves the slot w it holds (its own arc is tight) and moves to v by the arc.
                let t = entry.student
                let w = Int(slotOf[t])
                guard w >= 0, w < sink, w != v else { return true }
                _ = label(w, dv + entry.cost + potStudent[t] - pv, student: Int32(truncatingIfNeeded: t), arc: entry.arc,
                          slot: vInt32, touchedCount: &touchedCount)
                return true
            }
        }
        return copyLabels(touchedCount: touchedCount)
    }

    /// The nearest labelled node, made final; nil when none is left. Polls `shouldCancel`
    /// every 256 pops (both searches run to the end, over much of the graph), resetting the
    /// engine's buffers before it throws.
    @inline(__always)
    private func popFinal(_ pops: inout Int, touchedCount: Int,
                          shouldCancel: (@Sendable () -> Bool)?) throws(SolverError) -> (node: Int, key: Int64)? {
        guard let (v, dv) = heap.popMin() else { return nil }
        pops += 1
        if pops & 255 == 0, let shouldCancel, shouldCancel() {
            reset(touchedCount: touchedCount)
            throw .cancelled
        }
        state[v] = Self.final
        return (v, dv)
    }

    /// The labels of the slots a search touched, copied out; the engine's buffers are reset.
    private func copyLabels(touchedCount: Int) -> ReachLabels {
        var out = ReachLabels(dist: Array(repeating: Self.unlabelled, count: slotCount), predStudent: Array(repeating: -1, count: slotCount),
                              predArc: Array(repeating: -1, count: slotCount), predSlot: Array(repeating: -1, count: slotCount))
        for i in 0 ..< touchedCount {
            let k = Int(touched[i])
            guard k < slotCount else { continue }
            out.dist[k] = dist[k]
            out.predStudent[k] = predStudent[k]
            out.predArc[k] = predArc[k]
            out.predSlot[k] = predSlot[k]
        }
        reset(touchedCount: touchedCount)
        return out
    }
}

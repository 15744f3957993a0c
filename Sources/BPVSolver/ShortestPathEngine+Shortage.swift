/// When a solve searches from the places instead of from the students.
///
/// A search from a waiting student ends at the first free place it reaches. While places are
/// plentiful that is near; once they run out, each of the last students' searches crosses most
/// of the graph to reach one of the last distant free places, and a shortage round has thousands
/// of such students. Searching from the scarce side instead (Ramshaw and Tarjan, "On
/// Minimum-Cost Assignments in Unbalanced Bipartite Graphs", 2012) makes every waiting student
/// unplaced at once and then fills each free place by a search backwards from it, which ends at
/// the nearest unplaced student who wants it.
public enum ShortageMode: Sendable, Equatable {
    /// Per group of equally important students: where more students wait than places are free
    /// in a round of ``ShortestPathEngine/raceArcs`` arcs or more, from both sides at once on two
    /// threads, keeping the side that needs less work (see `ShortestPathEngine+Race.swift`);
    /// otherwise from the students, and from the places for the rest of the group once those
    /// searches have scanned the graph ``ShortestPathEngine/forwardPasses`` times over and more
    /// students wait than places are free (raced, in a large round).
    case automatic
    /// From the places whenever students wait (tests use it to check both directions).
    case always
    /// Always from the students.
    case never
    /// From both sides at once, on two threads, whenever students wait (tests use it to check
    /// the race on small rounds, which ``automatic`` settles on one thread).
    case race
}

extension ShortestPathEngine {
    /// Whether a group whose greedy pass left `waiting` students unseated is settled from the
    /// places: more of them than free places, and none who must be placed.
    /// - Complexity: O(waiting + internships).
    func prefersPlaces(_ waiting: [Int32], mode: ShortageMode) -> Bool {
        guard !waiting.isEmpty, mode != .never else { return false }
        // Students who must be placed cannot be made unplaced, not even for a moment.
        for s in waiting where unplacedCost[Int(s)] == UnplacedPricing.forbidden { return false }
        if mode == .always { return true }
        var free = 0
        for j in 0 ..< m { free += Int(cap[j]) - Int(load(j)) }
        return waiting.count > free
    }

    /// Seats a group's waiting students from the places' side, exactly:
    ///
    /// 1. `unplaceAll` makes every waiting student unplaced and restores non-negative reduced
    ///    costs everywhere except on arcs into the sink, moving out placed students whom the
    ///    waiting ones now outbid.
    /// 2. `restoreRoom` fills every place whose potential fell below the sink's with backward
    ///    searches (`fillPlace`), the cheapest chain ending at an unplaced student each, or
    ///    raises the place's price when no chain is worth it.
    /// 3. Students a support pool's raise took out (rare) are placed by forward searches.
    ///
    /// Afterwards every invariant of `ShortestPathEngine+Repair.swift` holds, as after the
    /// forward searches, so the certificate and later groups see no difference.
    /// - Complexity: one search over the region the waiting students outbid, then one backward
    ///   search per free place, each stopping at the nearest unplaced student's key.
    ///
    /// `shouldStop`, polled after each search, ends the work half done and returns false (a
    /// race drops the engine then); true once every waiting student is settled.
    @discardableResult
    func settleFromPlaces<Index: IncomingArcIndex>(
        _ waiting: [Int32], arcs: ArcView, index: Index, shouldCancel: (@Sendable () -> Bool)?,
        shouldStop: (() -> Bool)? = nil
    ) throws(SolverError) -> Bool {
        var worklist: [Int] = []
        guard unplaceAll(waiting, arcs: arcs, worklist: &worklist, shouldStop: shouldStop) else { return false }
        if let shouldCancel, shouldCancel() { throw .cancelled }
        var pending: [Int32] = []
        guard restoreRoom(&worklist, arcs: arcs, index: index, pending: &pending, shouldStop: shouldStop) else { return false }
        let order = pending.filter { slotOf[Int($0)] == Self.unassigned }
            .sorted { (unplacedCost[Int($0)], $1) > (unplacedCost[Int($1)], $0) }
        for s in order where slotOf[Int(s)] == Self.unassigned {
            guard try augment(from: Int(s), arcs: arcs, shouldStop: shouldStop) else { return false }
        }
        return true
    }

    /// Makes every student of `waiting` unplaced (its unplaced arc tight) and repairs the reduced
    /// costs that breaks: one Dijkstra search from all of them at once, in reduced costs, that
    /// labels only nodes at a negative distance and never the sink. Labelled nodes' potentials
    /// fall by their distance, which keeps every arc the search could use non-negative; the only
    /// arcs left negative enter the sink:
    /// - a free place's arc to the sink (its potential fell below the sink's): appended to
    ///   `worklist` for `restoreRoom`;
    /// - a placed student's unplaced arc (the waiting students outbid it where it sits): that
    ///   student is moved out, unplaced, and its slot appended to `worklist`.
    /// - Complexity: O(arcs of the waiting students + arcs scanned in the outbid region +
    ///   heap operations · log slots).
    ///
    /// `shouldStop`, polled as in ``augment(from:arcs:shouldStop:)``, abandons the search half
    /// done (returning false), the waiting students unplaced but potentials not yet moved: only
    /// for an engine that is dropped then (a race's losing side).
    @discardableResult
    func unplaceAll(_ waiting: [Int32], arcs: ArcView, worklist: inout [Int], shouldStop: (() -> Bool)? = nil) -> Bool {
        searches += 1
        var touchedCount = 0, finalizedCount = 0, visitedCount = 0
        let sinkPot = potSlot[sink]
        for s32 in waiting {
            let s = Int(s32)
            let ps = sinkPot - unplacedCost[s]
            link(s, to: sink, arc: -1)
            potStudent[s] = ps
            labelNegativeArcs(of: s, from: ps, arcs: arcs, touchedCount: &touchedCount)
        }
        while let (v, dv) = heap.popMin() {
            state[v] = Self.final
            bound[v] = Int64.min
            finalized[finalizedCount] = Int32(truncatingIfNeeded: v)
            finalizedCount += 1
            if finalizedCount & Self.pollMask == 0, let shouldStop, shouldStop() {
                reset(touchedCount: touchedCount)
                return false
            }
            let pv = potSlot[v]
            let vInt32 = Int32(truncatingIfNeeded: v)
            if v < m {
                if hasSupport, count[m + v] > 0, dv + pv - potSlot[m + v] < 0 {
                    _ = label(m + v, dv + pv - potSlot[m + v], student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
                }
            } else if count[v] < cap[v], dv + pv - potSlot[v - m] < 0 {
                _ = label(v - m, dv + pv - potSlot[v - m], student: -1, arc: -1, slot: vInt32, touchedCount: &touchedCount)
            }
            var t = Int(head[v])
            while t >= 0 {
                // The arc v -> t is tight: t is reached at v's distance.
                visited[visitedCount] = Int32(truncatingIfNeeded: t)
                visitedDist[visitedCount] = dv
                visitedCount += 1
                labelNegativeArcs(of: t, from: dv + potStudent[t], arcs: arcs, touchedCount: &touchedCount)
                t = Int(next[t])
            }
        }
        for i in 0 ..< finalizedCount {
            let v = Int(finalized[i])
            potSlot[v] += dist[v]
            let hasRoom = v < m ? load(v) < cap[v] : count[v] < cap[v]
            if hasRoom { worklist.append(v) }
        }
        for i in 0 ..< visitedCount {
            let t = Int(visited[i])
            potStudent[t] += visitedDist[i]
        }
        // Students whose unplaced arc went negative are outbid where they sit: they leave.
        for i in 0 ..< visitedCount {
            let t = Int(visited[i])
            let u = unplacedCost[t]
            guard u != UnplacedPricing.forbidden, u + potStudent[t] - sinkPot < 0 else { continue }
            let v = Int(slotOf[t])
            unlink(t)
            link(t, to: sink, arc: -1)
            potStudent[t] = sinkPot - u
            gainedRoom(v, into: &worklist)
        }
        reset(touchedCount: touchedCount)
        return true
    }

    /// Labels the slots that student `s`'s arcs reach at a negative distance, `base + cost - π(slot)`
    /// with `base` the distance of `s` plus its potential. Slot potentials are <= 0, so an arc
    /// reaching 0 or more, and every dearer one after it, cannot label anything.
    /// - Complexity: O(arcs of `s` scanned).
    @inline(__always)
    private func labelNegativeArcs(of s: Int, from base: Int64, arcs: ArcView, touchedCount: inout Int) {
        let shift = Int(poolShift[s]), student = Int32(truncatingIfNeeded: s)
        let begin = Int(arcs.begin[s]), end = Int(arcs.end[s])
        var a = begin
        while a < end {
            let reach = base + arcs.cost[a]
            if reach >= 0 { break }
            let k = Int(arcs.target[a]) + shift
            if reach < min(bound[k], potSlot[k]) {
                _ = label(k, reach - potSlot[k], student: student, arc: Int32(truncatingIfNeeded: a), slot: -1,
                          touchedCount: &touchedCount)
            }
            a += 1
        }
        scannedArcs += a - begin
    }
}

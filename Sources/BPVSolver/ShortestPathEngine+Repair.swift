/// Repairing a solved engine after its instance changed, keeping the invariants every search
/// relies on (see `IncrementalAssignment` for the argument):
///
/// - I1: an assigned student's arc to its slot is tight: `c + π(t) - π(v) = 0`.
/// - I2: every other residual arc out of an assigned student (its other arcs, its unplaced arc)
///   has a non-negative reduced cost, and the unplaced arc of an unplaced student is tight.
/// - I3: an internship with room has `π = π(sink) = 0`; every slot potential is `<= 0`.
/// - I4: a support pool with room has `π(pool) >= π(internship)`; one with students has `<=`.
///
/// A student that is not assigned at all (pending) has no constraint: its potential is chosen
/// when it is augmented. So a change that breaks an invariant at a student is repaired by taking
/// the student out (`detach`) and augmenting it again; a slot that gained room is repaired by
/// raising its potential (`restoreRoom`), which can only lower the reduced costs of arcs *into*
/// it, and the students whose arcs that makes negative are taken out in turn.
extension ShortestPathEngine {
    /// A copy of `other` with room for `studentCount` students and `internshipCount` internships
    /// (at least `other`'s): new students are unassigned, new internships have no places. Pools
    /// and the sink move to their new indices.
    /// - Complexity: O(students + internships).
    convenience init(copying other: ShortestPathEngine, studentCount: Int, internshipCount: Int) {
        precondition(studentCount >= other.n && internshipCount >= other.m)
        self.init(studentCount: studentCount, internshipCount: internshipCount, hasSupport: other.hasSupport)
        let on = other.n, om = other.m
        let poolMove = Int32(internshipCount - om)
        let newSink = Int32(sink), oldSink = Int32(other.sink)
        for s in 0 ..< on {
            let v = other.slotOf[s]
            slotOf[s] = v < Int32(om) ? v : v == oldSink ? newSink : v + poolMove
            poolShift[s] = other.poolShift[s] == 0 ? 0 : Int32(m)
        }
        arcOf.update(from: other.arcOf, count: on)
        next.update(from: other.next, count: on)
        prev.update(from: other.prev, count: on)
        potStudent.update(from: other.potStudent, count: on)
        unplacedCost.update(from: other.unplacedCost, count: on)
        for (to, from) in [(0, 0)] + (hasSupport ? [(m, om)] : []) {
            head.advanced(by: to).update(from: other.head.advanced(by: from), count: om)
            count.advanced(by: to).update(from: other.count.advanced(by: from), count: om)
            cap.advanced(by: to).update(from: other.cap.advanced(by: from), count: om)
            potSlot.advanced(by: to).update(from: other.potSlot.advanced(by: from), count: om)
        }
        potSlot[sink] = other.potSlot[other.sink]
        searches = other.searches
        scannedArcs = other.scannedArcs
    }

    /// Takes `s` out of the flow: it leaves its slot (or its unplaced arc) and becomes pending.
    /// - Returns: the slot it left, or nil when it was unplaced or not assigned.
    @discardableResult
    func detach(_ s: Int) -> Int? {
        let v = Int(slotOf[s])
        guard v != Int(Self.unassigned) else { return nil }
        unlink(s)
        return v < sink ? v : nil
    }

    /// The slots to look at after a student left `v`: `v`, and the internship behind a pool.
    @inline(__always)
    func gainedRoom(_ v: Int, into worklist: inout [Int]) {
        worklist.append(v)
        if v >= m { worklist.append(v - m) }
    }

    /// Sets internship `j`'s places, detaching students beyond them.
    func setCapacity(_ j: Int, _ places: Int32, worklist: inout [Int], pending: inout [Int32]) {
        cap[j] = places
        while load(j) > cap[j] {
            let t = head[j] >= 0 ? Int(head[j]) : Int(head[m + j])
            if let v = detach(t) { gainedRoom(v, into: &worklist) }
            pending.append(Int32(truncatingIfNeeded: t))
        }
        worklist.append(j)
    }

    /// Sets how many of internship `j`'s places take students who need support.
    func setSupportCapacity(_ j: Int, _ places: Int32, worklist: inout [Int], pending: inout [Int32]) {
        let p = m + j
        cap[p] = places
        while count[p] > cap[p] {
            let t = Int(head[p])
            if let v = detach(t) { gainedRoom(v, into: &worklist) }
            pending.append(Int32(truncatingIfNeeded: t))
        }
        worklist.append(p)
    }

    /// Restores I3 and I4 at every slot in `worklist` (and at slots that gain room on the way),
    /// detaching into `pending` the students whose arcs the raised potentials make negative.
    ///
    /// Each raise goes straight to the bound (0 for an internship, the internship's potential for
    /// a pool), and potentials never fall here, so every slot is raised at most twice.
    ///
    /// `shouldStop`, polled within each backward search, ends the repair half done (returning
    /// false): a race between the two sides drops the engine then (see `settleRacing`).
    /// - Complexity: O(arcs into the raised slots).
    @discardableResult
    func restoreRoom<Index: IncomingArcIndex>(
        _ worklist: inout [Int], arcs: ArcView, index: Index, pending: inout [Int32], shouldStop: (() -> Bool)? = nil
    ) -> Bool {
        // Pools first (their raise can take students out, which frees more slots); then each
        // internship with room and a price is filled, or its price dropped, by backward searches,
        // which keep every invariant themselves and so never add work.
        // One support pool that gained room (a student needing support left it) is refilled by
        // a backward search instead of having its price raised: a raise takes out every student
        // who would now prefer the pool, and in a saturated round those re-placements cascade
        // (one ban re-placed 600 students, 3.7 s, on the 30k shortage region). The search stays
        // exact only while no other pool is priced below its internship, hence one.
        let below = worklist.filter { $0 >= m && count[$0] < cap[$0] && potSlot[$0] < potSlot[$0 - m] }
        if Set(below).count == 1, let pool = below.first, load(pool - m) < cap[pool - m] {
            fillPlace(pool - m, arcs: arcs, index: index, poolBelow: true)
        }
        var internships: [Int] = []
        while let v = worklist.popLast() {
            if v < m {
                internships.append(v)
                if hasSupport { worklist.append(m + v) }
                continue
            }
            let j = v - m
            guard count[v] < cap[v], potSlot[v] < potSlot[j] else { continue }
            if load(j) >= cap[j], count[j] == 0 {
                // A full internship whose students all sit in its pool (a place less, taken from
                // the pool): the internship's price drops to the pool's instead. Its only
                // residual arcs out lead to the pool and, backwards, from the sink, and no
                // student's arc is tight into it, so nobody has to move.
                potSlot[j] = potSlot[v]
                continue
            }
            raise(v, to: potSlot[j], arcs: arcs, index: index, worklist: &worklist, pending: &pending)
        }
        for v in internships {
            while load(v) < cap[v], potSlot[v] < potSlot[sink] {
                guard fillPlace(v, arcs: arcs, index: index, shouldStop: shouldStop) else { return false }
            }
        }
        return true
    }

    private func raise<Index: IncomingArcIndex>(
        _ v: Int, to potential: Int64, arcs: ArcView, index: Index, worklist: inout [Int], pending: inout [Int32]
    ) {
        let delta = potential - potSlot[v]
        potSlot[v] = potential
        // Students at v move with it, so their own arcs stay tight (I1) and their others only grow.
        var t = Int(head[v])
        while t >= 0 {
            potStudent[t] += delta
            t = Int(next[t])
        }
        var negative: [Int] = []
        index.scan(into: v) { entry in
            let s = entry.student
            if slotOf[s] != Self.unassigned, entry.cost + potStudent[s] - potential < 0 { negative.append(s) }
            return true
        }
        for s in negative where slotOf[s] != Self.unassigned {
            if let w = detach(s) { gainedRoom(w, into: &worklist) }
            pending.append(Int32(truncatingIfNeeded: s))
        }
    }

    /// Seats pending student `s` without a search when that is exact: at a cheapest arc in
    /// reduced cost (so every other arc of `s` stays non-negative) whose slot has room, or, when
    /// that internship is full, in the place of its occupant with the lowest unplaced cost below
    /// `s`'s, who becomes pending instead. Nothing else changes: the internship's load, every
    /// potential but `s`'s, and so every invariant. A pinned student (a top tier with one arc)
    /// then costs one displacement and the re-placing of the student it displaced, instead of a
    /// search through a saturated market.
    ///
    /// Returns false when `s` is better off unplaced, or the slot is a support pool, or no
    /// occupant ranks below `s`; the caller searches then. A displaced student always has a lower
    /// unplaced cost than the one displacing it, so chains of displacements end.
    /// - Complexity: O(arcs of `s` + students at the slot).
    func seatWithoutSearch(_ s: Int, arcs: ArcView, displaced: inout [Int32]) -> Bool {
        let begin = Int(arcs.begin[s]), end = Int(arcs.end[s])
        guard begin < end else { return false }
        let shift = Int(poolShift[s])
        var best = Int64.max, bestArc = -1
        for a in begin ..< end {
            let v = arcs.cost[a] - potSlot[Int(arcs.target[a]) + shift]
            if v < best {
                best = v
                bestArc = a
            }
        }
        let u = unplacedCost[s]
        if u != UnplacedPricing.forbidden, u - potSlot[sink] <= best { return false }
        let k = Int(arcs.target[bestArc]) + shift
        if !hasRoom(k) {
            guard k < m else { return false }
            var lowest = -1
            var t = Int(head[k])
            while t >= 0 {
                if unplacedCost[t] < u, lowest < 0 || unplacedCost[t] < unplacedCost[lowest] { lowest = t }
                t = Int(next[t])
            }
            guard lowest >= 0 else { return false }
            unlink(lowest)
            displaced.append(Int32(truncatingIfNeeded: lowest))
        }
        link(s, to: k, arc: Int32(truncatingIfNeeded: bestArc))
        potStudent[s] = -best
        return true
    }

    /// Whether `s`, assigned where it is, satisfies I2 for the arcs `begin ..< end` and its
    /// unplaced cost (so a change of its arcs need not take it out).
    func staysOptimal(_ s: Int, arcs: ArcView) -> Bool {
        let v = Int(slotOf[s])
        guard v != Int(Self.unassigned) else { return false }
        let shift = Int(poolShift[s])
        let ps = potStudent[s]
        for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) where arcs.cost[a] + ps - potSlot[Int(arcs.target[a]) + shift] < 0 {
            return false
        }
        let u = unplacedCost[s]
        if v == sink { return u != UnplacedPricing.forbidden && u + ps - potSlot[sink] == 0 }
        return u == UnplacedPricing.forbidden || u + ps - potSlot[sink] >= 0
    }
}

extension ShortestPathEngine {
    /// Fills one free place of internship `j` whose potential is below the sink's (I3 broken):
    /// the cheapest chain of moves that ends with a student entering `j` (someone moves in, whose
    /// old place goes to the next, ... until a place that can stay empty, or an unplaced student
    /// is placed), or, when no chain is worth its price, no move at all and `j`'s potential rises
    /// to the sink's.
    ///
    /// This is one Dijkstra search *backwards* from `j` to the sink over the residual arcs in
    /// reduced costs, the mirror of `augment`: students are reached through the arcs into a slot
    /// (the `incoming` index) and continue at the slot they occupy. The direct arc sink → `j`, of
    /// reduced cost `-π(j)`, bounds the search: only slots closer to `j` than that are explored.
    /// Finalised slots, and the students in them, then rise by `d(sink) - d(v) >= 0`, which keeps
    /// every reduced cost non-negative, the path tight, and every slot potential at most 0.
    /// - Complexity: O(arcs into the explored slots + heap operations · log m).
    ///
    /// With `poolBelow`, `j`'s support pool has room at a price below `j`'s (I4 broken there,
    /// and at no other pool): the pool starts labelled at that negative reduced cost, the only
    /// negative arc, so the search is still exact and leaves the pool priced as `j`.
    ///
    /// `shouldStop`, polled as in ``augment(from:arcs:shouldStop:)``, abandons the search
    /// (returning false) with nothing moved and no potential changed.
    @discardableResult
    func fillPlace<Index: IncomingArcIndex>(
        _ j: Int, arcs: ArcView, index: Index, poolBelow: Bool = false, shouldStop: (() -> Bool)? = nil
    ) -> Bool {
        searches += 1
        var touchedCount = 0, finalizedCount = 0
        let sinkPot = potSlot[sink]
        relaxBack(j, 0, student: -1, arc: -1, toward: -1, touchedCount: &touchedCount)
        if poolBelow {
            relaxBack(m + j, potSlot[m + j] - potSlot[j], student: -1, arc: -1, toward: Int32(truncatingIfNeeded: j),
                      touchedCount: &touchedCount)
        }
        // Keeping the place free and lowering its price to nothing: the arc sink -> j.
        relaxBack(sink, sinkPot - potSlot[j], student: -1, arc: -1, toward: Int32(truncatingIfNeeded: j), touchedCount: &touchedCount)
        var dSink = Int64.max
        while let (v, dv) = heap.popMin() {
            state[v] = Self.final
            if v == sink {
                dSink = dv
                break
            }
            finalized[finalizedCount] = Int32(truncatingIfNeeded: v)
            finalizedCount += 1
            if finalizedCount & Self.pollMask == 0, let shouldStop, shouldStop() {
                reset(touchedCount: touchedCount)
                return false
            }
            let pv = potSlot[v]
            let vInt32 = Int32(truncatingIfNeeded: v)
            if v < m {
                if load(v) > 0 {
                    relaxBack(sink, dv + sinkPot - pv, student: -1, arc: -1, toward: vInt32, touchedCount: &touchedCount)
                }
                if hasSupport, count[m + v] < cap[m + v] {
                    relaxBack(m + v, dv + potSlot[m + v] - pv, student: -1, arc: -1, toward: vInt32, touchedCount: &touchedCount)
                }
            } else if count[v] > 0 {
                relaxBack(v - m, dv + potSlot[v - m] - pv, student: -1, arc: -1, toward: vInt32, touchedCount: &touchedCount)
            }
            // With arcs ordered by unplaced key, `d >= dv + key + sinkPot - pv` (see
            // `SortedIncomingIndex`): the scan stops once that bound reaches the sink's label.
            let keyBase = dv &+ sinkPot &- pv
            var scanned = 0
            index.scan(into: v) { entry in
                scanned += 1
                if Index.ordersByUnplacedKey, keyBase &+ entry.key >= dist[sink] { return false }
                let t = entry.student
                // t's own arc into v leads back to v, which is final.
                let w = Int(slotOf[t])
                guard w != Int(Self.unassigned), w != v else { return true }
                // t -> v, then back to the slot t occupies (its own arc is tight), or to the
                // sink for an unplaced t (its unplaced arc is tight).
                let d = dv + entry.cost + potStudent[t] - pv
                guard d < dist[sink] else { return true }
                relaxBack(w, d, student: Int32(truncatingIfNeeded: t), arc: entry.arc, toward: vInt32, touchedCount: &touchedCount)
                // w holds t, so the arc sink -> w exists: label the sink through w at once (as
                // `augment` does for a free internship), so that the search can stop as soon as
                // nothing left is nearer than the sink.
                if w < m, dist[w] == d {
                    relaxBack(sink, d + sinkPot - potSlot[w], student: -1, arc: -1, toward: Int32(truncatingIfNeeded: w),
                              touchedCount: &touchedCount)
                }
                return true
            }
            scannedArcs += scanned
        }
        // Slots closer to j than the sink, and their students, rise by d(sink) - d(v).
        for i in 0 ..< finalizedCount {
            let v = Int(finalized[i])
            let delta = dSink - dist[v]
            potSlot[v] += delta
            var t = Int(head[v])
            while t >= 0 {
                potStudent[t] += delta
                t = Int(next[t])
            }
        }
        // Walk from the sink to j, collecting who moves where, then apply the moves.
        var moves = 0
        var x = sink
        while x != j {
            let t = Int(predStudent[x])
            let y = Int(predSlot[x])
            if t >= 0 {
                let a = predArc[x]
                recordMove(t, to: y, arc: a >= 0 ? a : arc(of: t, into: y, arcs: arcs), count: &moves)
            }
            x = y
        }
        applyMoves(moves)
        reset(touchedCount: touchedCount)
        return true
    }

    /// Labels `k` at distance `d` to `j`, remembering the step toward `j` (through `student` and
    /// its `arc`, or straight to slot `toward`).
    @inline(__always)
    private func relaxBack(_ k: Int, _ d: Int64, student: Int32, arc: Int32, toward: Int32, touchedCount: inout Int) {
        _ = label(k, d, student: student, arc: arc, slot: toward, touchedCount: &touchedCount)
    }
}

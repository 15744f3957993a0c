/// A student's arcs are `begin[s] ..< end[s]` of `target` and `cost`, cheapest first. A cold
/// solve passes the CSR offsets as `begin` and the same offsets shifted by one as `end`; an
/// incremental session keeps separate ends so that a student's arcs can be replaced in place.
struct ArcView {
    let begin: UnsafePointer<Int32>
    let end: UnsafePointer<Int32>
    let target: UnsafePointer<Int32>
    let cost: UnsafePointer<Int64>
}

/// The mutable state of one solve: successive shortest paths on the residual network, searched
/// over the internship side only (Jonker–Volgenant style).
///
/// Nodes of the search are *slots*: internships `0 ..< m`, then (with support limits) one
/// support pool per internship at `m + j`, then the sink. Students are not heap nodes: a student
/// is reached only through the slot it occupies, at that slot's distance (the backward arc is
/// tight), and is then scanned at once. The heap therefore holds at most `2m + 1` entries, while
/// the per-arc work is a compare and, rarely, a decrease-key.
///
/// Per-node state lives in raw buffers allocated once: the scan loop touches seven arrays per
/// arc, and `Array`'s bounds, uniqueness and exclusivity checks measurably slow it there. The
/// buffers are owned by one `RawColumns`, which frees them all with the engine.
final class ShortestPathEngine {
    static let unassigned: Int32 = -1

    let n: Int
    let m: Int
    let hasSupport: Bool
    let slotCount: Int
    /// Index of the sink among the search nodes.
    let sink: Int

    // Per student.
    let slotOf: UnsafeMutablePointer<Int32>
    let arcOf: UnsafeMutablePointer<Int32>
    let next: UnsafeMutablePointer<Int32>
    let prev: UnsafeMutablePointer<Int32>
    let potStudent: UnsafeMutablePointer<Int64>
    let unplacedCost: UnsafeMutablePointer<Int64>
    /// 0, or `m` for a flagged student whose arcs enter the support pools.
    let poolShift: UnsafeMutablePointer<Int32>
    let visited: UnsafeMutablePointer<Int32>
    let visitedDist: UnsafeMutablePointer<Int64>
    /// Moves collected while walking an augmenting path back from the sink.
    let moveStudent: UnsafeMutablePointer<Int32>
    let moveSlot: UnsafeMutablePointer<Int32>
    let moveArc: UnsafeMutablePointer<Int32>

    // Per search node (slots and sink).
    let head: UnsafeMutablePointer<Int32>
    let count: UnsafeMutablePointer<Int32>
    let cap: UnsafeMutablePointer<Int32>
    let potSlot: UnsafeMutablePointer<Int64>
    let dist: UnsafeMutablePointer<Int64>
    /// `dist + potential` of a labelled node, `Int64.max` when unlabelled, `Int64.min` once final:
    /// the scan loop's only random access per arc (`base + cost < bound` is the relax test).
    let bound: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<UInt8>
    let predStudent: UnsafeMutablePointer<Int32>
    let predArc: UnsafeMutablePointer<Int32>
    let predSlot: UnsafeMutablePointer<Int32>
    let touched: UnsafeMutablePointer<Int32>
    let finalized: UnsafeMutablePointer<Int32>
    var heap: IndexedMinHeap
    /// Owns every buffer above: they are allocated through it and freed with it.
    private let columns: RawColumns

    var searches = 0
    var scannedArcs = 0
    /// Bids of the auction price start (see ``ScaledAuction``), 0 when it did not run.
    var auctionBids = 0

    static let unlabelled = Int64.max
    static let labelled: UInt8 = 1
    static let final: UInt8 = 2

    /// An engine with every student unassigned, every capacity 0 and every potential 0.
    init(studentCount: Int, internshipCount: Int, hasSupport: Bool) {
        n = studentCount
        m = internshipCount
        self.hasSupport = hasSupport
        slotCount = hasSupport ? 2 * m : m
        sink = slotCount
        let nodes = slotCount + 1
        let students = max(n, 1)

        let columns = RawColumns()
        self.columns = columns
        slotOf = columns.make(students, Self.unassigned)
        arcOf = columns.make(students, -1)
        next = columns.make(students, -1)
        prev = columns.make(students, -1)
        potStudent = columns.make(students, 0)
        unplacedCost = columns.make(students, UnplacedPricing.forbidden)
        poolShift = columns.make(students, 0)
        visited = columns.make(students, 0)
        visitedDist = columns.make(students, 0)
        moveStudent = columns.make(students, 0)
        moveSlot = columns.make(students, 0)
        moveArc = columns.make(students, 0)

        head = columns.make(nodes, -1)
        count = columns.make(nodes, 0)
        cap = columns.make(nodes, 0)
        potSlot = columns.make(nodes, 0)
        dist = columns.make(nodes, Self.unlabelled)
        bound = columns.make(nodes, Int64.max)
        state = columns.make(nodes, 0)
        predStudent = columns.make(nodes, -1)
        predArc = columns.make(nodes, -1)
        predSlot = columns.make(nodes, -1)
        touched = columns.make(nodes, 0)
        finalized = columns.make(nodes, 0)
        heap = IndexedMinHeap(capacity: nodes)
    }

    convenience init(problem: AssignmentProblem, pricing: UnplacedPricing) {
        self.init(studentCount: problem.studentCount, internshipCount: problem.internshipCount, hasSupport: problem.support != nil)
        for s in 0 ..< n { unplacedCost[s] = pricing.costs[s] }
        if let support = problem.support {
            for s in 0 ..< n where support.needsSupport[s] { poolShift[s] = Int32(m) }
        }
        for j in 0 ..< m { cap[j] = problem.capacities[j] }
        if let support = problem.support {
            for j in 0 ..< m { cap[m + j] = support.capacities[j] }
        }
    }


    // MARK: Occupancy

    /// Units an internship sends to the sink: its own students plus its pool's.
    /// - Complexity: O(1).
    @inline(__always)
    func load(_ j: Int) -> Int32 { hasSupport ? count[j] + count[m + j] : count[j] }

    /// Whether one more student fits at `slot`, counting the internship behind a pool.
    @inline(__always)
    func hasRoom(_ slot: Int) -> Bool {
        if slot < m { return load(slot) < cap[slot] }
        return count[slot] < cap[slot] && load(slot - m) < cap[slot - m]
    }

    @inline(__always)
    func link(_ t: Int, to slot: Int, arc: Int32) {
        slotOf[t] = Int32(truncatingIfNeeded: slot)
        arcOf[t] = arc
        guard slot < sink else { return }
        let h = head[slot]
        next[t] = h
        prev[t] = -1
        if h >= 0 { prev[Int(h)] = Int32(truncatingIfNeeded: t) }
        head[slot] = Int32(truncatingIfNeeded: t)
        count[slot] += 1
    }

    @inline(__always)
    func unlink(_ t: Int) {
        let slot = Int(slotOf[t])
        slotOf[t] = Self.unassigned
        arcOf[t] = -1
        guard slot >= 0, slot < sink else { return }
        let p = prev[t], q = next[t]
        if p >= 0 { next[Int(p)] = q } else { head[slot] = q }
        if q >= 0 { prev[Int(q)] = p }
        count[slot] -= 1
    }

    // MARK: Solve

    /// How many scans of the whole graph a group's searches from the students may take before
    /// the rest of the group is settled from the places (see ``solve``).
    static let forwardPasses = 16

    /// A search polls its `shouldStop` once every `pollMask + 1` slots it finalises: often
    /// enough that a race's losing side stops within a millisecond (the last searches of a
    /// shortage round each finalise thousands of slots, 0.1-0.4 s of them), rarely enough that
    /// the poll (a lock) costs nothing measurable. Debug builds poll every fourth slot, so that
    /// the races of the tests' small rounds stop their losers inside searches too.
    #if BPV_INTERNAL_CHECKS
    static let pollMask = 3
    #else
    static let pollMask = 63
    #endif

    /// The incoming-arc index of a cold solve's places' side: keyed (``KeyedIncomingIndex``)
    /// when every slot's keys fit its entries, else by arc (``SortedIncomingIndex``).
    enum ColdIncomingIndex {
        case keyed(KeyedIncomingIndex)
        case byArc(SortedIncomingIndex)
    }

    /// Settles `waiting` from the places (``settleFromPlaces(_:arcs:index:shouldCancel:shouldStop:)``),
    /// building the index the first time.
    private func settleFromPlaces(
        _ waiting: [Int32], arcs: ArcView, index: inout ColdIncomingIndex?, shouldCancel: (@Sendable () -> Bool)?
    ) throws(SolverError) {
        let built = coldIndex(index, arcs: arcs)
        index = built
        switch built {
        case .keyed(let keyed): try settleFromPlaces(waiting, arcs: arcs, index: keyed, shouldCancel: shouldCancel)
        case .byArc(let byArc): try settleFromPlaces(waiting, arcs: arcs, index: byArc, shouldCancel: shouldCancel)
        }
    }

    /// Places every student optimally: a greedy pass at zero prices, then, per group, one
    /// shortest augmenting path per student the greedy pass could not seat, or, where places are
    /// scarce (see ``ShortageMode``), the group at once from the places, or both at once.
    ///
    /// - Parameters:
    ///   - order: the order in which deferred students are augmented; any order gives the same
    ///     optimal objective, a good one (higher tiers first) gives shorter searches.
    ///   - shortage: when to search from the places; the index it needs is built the first time.
    ///   - shouldCancel: polled every 8 searches (a search can scan much of the graph near saturation).
    /// - Complexity: O(arcs) for the greedy pass; each search is O(scanned arcs + heap
    ///   operations · log m), usually a small part of the graph.
    func solve(
        arcs: ArcView, groups: [ArraySlice<Int32>], shortage: ShortageMode = .automatic,
        auction: ScaledAuction? = ScaledAuction(), shouldCancel: (@Sendable () -> Bool)?
    ) throws(SolverError) {
        var searchesSinceCheck = 0
        // A perfect assignment starts from an auction's prices; the searches finish it exactly.
        if let auction, ScaledAuction.applies(to: self, groups: groups),
            let outcome = try auction.run(arcs: arcs, n: n, shouldCancel: shouldCancel)
        {
            for s in install(outcome, arcs: arcs) {
                searchesSinceCheck += 1
                if searchesSinceCheck & 7 == 0, let shouldCancel, shouldCancel() { throw .cancelled }
                try augment(from: Int(s), arcs: arcs)
            }
            return
        }
        var index: ColdIncomingIndex?
        var arcCount = 0
        for s in 0 ..< n { arcCount += Int(arcs.end[s]) - Int(arcs.begin[s]) }
        for group in groups {
            var deferred: [Int32] = []
            for si in group {
                if try !seatGreedily(Int(si), arcs: arcs) { deferred.append(si) }
            }
            if shortage == .always, prefersPlaces(deferred, mode: shortage) {
                try settleFromPlaces(deferred, arcs: arcs, index: &index, shouldCancel: shouldCancel)
                continue
            }
            // More waiting than free in a large round (or any waiting, in `.race`): both sides at
            // once, the one that needs less work kept (see `ShortestPathEngine+Race.swift`).
            if shortage == .race ? prefersPlaces(deferred, mode: .always)
                : shortage == .automatic && arcCount >= Self.raceArcs && prefersPlaces(deferred, mode: shortage)
            {
                try settleRacing(deferred, arcs: arcs, index: &index, arcCount: arcCount, shouldCancel: shouldCancel)
                continue
            }
            // Bidding first seats most students of single-place internships without a search
            // (16 bids per waiting student: on the 100k square assignment more bids seat more
            // but save no time, the searches left being the long ones).
            let waiting = reduceRows(deferred, arcs: arcs, budget: 16 * deferred.count)
            // From the students first (small rounds, or as many waiting as free): once their
            // searches have scanned the whole graph `forwardPasses` times over and more students
            // wait than places are free, the rest of the group is settled from the places (raced
            // in a large round). Which side is cheaper is not told by the counts (more waiting
            // than free chose the places' side, and was wrong by 28x and 117x on Utrecht rounds at
            // places 0.9 of 30,000 and 20,000 pupils: backward searches there cross the region),
            // nor by the searches' lengths so far; the budget bounds what a wrong first guess costs.
            let budget = scannedArcs + Self.forwardPasses * arcCount
            var weighed = shortage != .automatic
            for (k, s) in waiting.enumerated() {
                if !weighed, scannedArcs > budget {
                    weighed = true
                    let rest = waiting[k...].filter { slotOf[Int($0)] == Self.unassigned }
                    if prefersPlaces(rest, mode: shortage) {
                        if arcCount >= Self.raceArcs {
                            try settleRacing(rest, arcs: arcs, index: &index, arcCount: arcCount, shouldCancel: shouldCancel)
                        } else {
                            try settleFromPlaces(rest, arcs: arcs, index: &index, shouldCancel: shouldCancel)
                        }
                        break
                    }
                }
                searchesSinceCheck += 1
                if searchesSinceCheck & 7 == 0, let shouldCancel, shouldCancel() { throw .cancelled }
                if slotOf[Int(s)] == Self.unassigned { try augment(from: Int(s), arcs: arcs) }
            }
        }
    }

    /// Seats `s` at a cheapest arc with room, or unplaced when that is cheapest, keeping every
    /// reduced cost non-negative; returns false when a search is needed.
    ///
    /// While an internship's potential is still 0 (it has never been in a search), taking a
    /// cheapest arc leaves every other arc of `s` non-negative. Potentials only ever decrease,
    /// so the check uses the current potentials: `c(s, k) - π(k)` is what `s` pays for `k`.
    @inline(__always)
    private func seatGreedily(_ s: Int, arcs: ArcView) throws(SolverError) -> Bool {
        let target = arcs.target, cost = arcs.cost
        let begin = Int(arcs.begin[s]), end = Int(arcs.end[s])
        let shift = Int(poolShift[s])
        let u = unplacedCost[s]
        let sinkPot = potSlot[sink]
        var best = Int64.max
        for a in begin ..< end {
            let v = cost[a] - potSlot[Int(target[a]) + shift]
            if v < best { best = v }
        }
        let unplacedPrice = u == UnplacedPricing.forbidden ? Int64.max : u - sinkPot
        if unplacedPrice < best {
            link(s, to: sink, arc: -1)
            potStudent[s] = -unplacedPrice
            return true
        }
        guard begin < end else { throw .infeasible(student: s) }
        for a in begin ..< end {
            let k = Int(target[a]) + shift
            if cost[a] - potSlot[k] == best && hasRoom(k) {
                link(s, to: k, arc: Int32(truncatingIfNeeded: a))
                potStudent[s] = -best
                return true
            }
        }
        if unplacedPrice == best {
            link(s, to: sink, arc: -1)
            potStudent[s] = -unplacedPrice
            return true
        }
        return false
    }

    /// Labels node `k` at distance `d` if that is shorter, with the step that reached it (a
    /// student and its arc, or a slot); false when the label did not improve. Both searches,
    /// forward (`augment`) and backward (`fillPlace`), label through here.
    @inline(__always)
    func label(_ k: Int, _ d: Int64, student: Int32, arc: Int32, slot: Int32, touchedCount: inout Int) -> Bool {
        let st = state[k]
        if st == Self.final || d >= dist[k] { return false }
        if st == 0 {
            state[k] = Self.labelled
            touched[touchedCount] = Int32(truncatingIfNeeded: k)
            touchedCount += 1
        }
        dist[k] = d
        bound[k] = d &+ potSlot[k]
        predStudent[k] = student
        predArc[k] = arc
        predSlot[k] = slot
        heap.insertOrDecrease(k, key: d)
        return true
    }

    @inline(__always)
    private func relax(_ k: Int, _ d: Int64, student: Int32, arc: Int32, slot: Int32, touchedCount: inout Int) {
        guard label(k, d, student: student, arc: arc, slot: slot, touchedCount: &touchedCount) else { return }
        // A free internship's potential equals the sink's (potentials start at 0 and only fall,
        // and a free internship needs π >= π(sink) = 0), so its arc to the sink is tight: the
        // sink is reached at the same distance, without waiting for this node to be popped.
        // This ends searches across plateaus of equal distance as soon as a free place is seen.
        if k < m, load(k) < cap[k], d < dist[sink] {
            relaxSink(d, slot: Int32(truncatingIfNeeded: k), touchedCount: &touchedCount)
        }
    }

    @inline(__always)
    private func relaxSink(_ d: Int64, slot: Int32, touchedCount: inout Int) {
        if state[sink] == 0 {
            state[sink] = Self.labelled
            touched[touchedCount] = Int32(truncatingIfNeeded: sink)
            touchedCount += 1
        }
        dist[sink] = d
        predStudent[sink] = -1
        predArc[sink] = -1
        predSlot[sink] = slot
        heap.insertOrDecrease(sink, key: d)
    }

    /// One Dijkstra search from unassigned student `s` to the sink in reduced costs, then the
    /// potential update and the augmentation along the shortest path.
    ///
    /// Only nodes finalised before the sink have their potential changed (by `d(v) - d(sink)`);
    /// every other potential is unchanged. This keeps reduced costs non-negative and the path
    /// tight while touching only the explored part of the graph.
    ///
    /// `shouldStop`, polled once every ``pollMask`` + 1 slots the search finalises, abandons the
    /// search before anything has moved (returning false): a race's losing side stops there,
    /// not after a search that may cross the whole graph (see `settleRacing`).
    @discardableResult
    func augment(from s: Int, arcs: ArcView, shouldStop: (() -> Bool)? = nil) throws(SolverError) -> Bool {
        let target = arcs.target, cost = arcs.cost, arcBegin = arcs.begin, arcEnd = arcs.end
        searches += 1
        var touchedCount = 0, finalizedCount = 0, visitedCount = 0
        let sinkPot = potSlot[sink]
        let shift = Int(poolShift[s])
        let begin = Int(arcBegin[s]), end = Int(arcEnd[s])
        let u = unplacedCost[s]

        // Give s the smallest potential that makes every arc out of it non-negative.
        var ps = Int64.min
        for a in begin ..< end {
            let v = potSlot[Int(target[a]) + shift] - cost[a]
            if v > ps { ps = v }
        }
        if u != UnplacedPricing.forbidden { ps = max(ps, sinkPot - u) }
        guard ps != Int64.min else { throw .infeasible(student: s) }
        potStudent[s] = ps
        let sInt32 = Int32(truncatingIfNeeded: s)
        for a in begin ..< end {
            let k = Int(target[a]) + shift
            relax(k, cost[a] + ps - potSlot[k], student: sInt32, arc: Int32(truncatingIfNeeded: a), slot: -1,
                  touchedCount: &touchedCount)
        }
        scannedArcs += end - begin
        if u != UnplacedPricing.forbidden {
            relax(sink, u + ps - sinkPot, student: sInt32, arc: -1, slot: -1, touchedCount: &touchedCount)
        }

        var dSink = Int64.max
        while true {
            // Everything left in the heap is at least its minimum, so a sink label no larger is final.
            if dist[sink] <= heap.minKey, dist[sink] != Self.unlabelled {
                dSink = dist[sink]
                break
            }
            guard let (v, dv) = heap.popMin() else { break }
            state[v] = Self.final
            bound[v] = Int64.min
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
            // A free internship already passed its label to the sink when it was labelled.
            if v < m {
                if hasSupport, count[m + v] > 0 {
                    relax(m + v, dv + pv - potSlot[m + v], student: -1, arc: -1, slot: vInt32,
                          touchedCount: &touchedCount)
                }
            } else if count[v] < cap[v] {
                relax(v - m, dv + pv - potSlot[v - m], student: -1, arc: -1, slot: vInt32,
                      touchedCount: &touchedCount)
            }
            var t = Int(head[v])
            while t >= 0 {
                let pt = potStudent[t]
                // The backward arc v -> t is always tight (greedy seats, augmentations and the
                // potential update all keep it so), so t is reached at v's distance. Checked in
                // debug builds; release builds skip the cost lookup, a cache miss per student.
                #if BPV_INTERNAL_CHECKS
                precondition(pv - cost[Int(arcOf[t])] - pt == 0, "arc of student \(t) is not tight")
                #endif
                let dt = dv
                visited[visitedCount] = Int32(truncatingIfNeeded: t)
                visitedDist[visitedCount] = dt
                visitedCount += 1
                let tShift = Int(poolShift[t])
                let tInt32 = Int32(truncatingIfNeeded: t)
                let base = dt + pt
                let tb = Int(arcBegin[t]), te = Int(arcEnd[t])
                // Arcs are cheapest first and every slot potential is <= 0, so an arc reaching at
                // least the sink's label, and every arc after it, cannot be popped before the sink.
                // t's own arc leads back to v, which is final (bound = Int64.min), so it never relaxes.
                var b = tb
                while b < te {
                    let reach = base + cost[b]
                    if reach >= dist[sink] { break }
                    let k = Int(target[b]) + tShift
                    if reach < bound[k] {
                        relax(k, reach - potSlot[k], student: tInt32, arc: Int32(truncatingIfNeeded: b), slot: -1,
                              touchedCount: &touchedCount)
                    }
                    b += 1
                }
                scannedArcs += b - tb
                let ut = unplacedCost[t]
                if ut != UnplacedPricing.forbidden {
                    relax(sink, base + ut - sinkPot, student: tInt32, arc: -1, slot: -1, touchedCount: &touchedCount)
                }
                t = Int(next[t])
            }
        }
        guard dSink != Int64.max else {
            reset(touchedCount: touchedCount)
            throw .infeasible(student: s)
        }

        // Potentials of the explored region move by d(v) - d(sink) <= 0.
        for i in 0 ..< finalizedCount {
            let v = Int(finalized[i])
            potSlot[v] += dist[v] - dSink
        }
        for i in 0 ..< visitedCount {
            potStudent[Int(visited[i])] += visitedDist[i] - dSink
        }
        potStudent[s] -= dSink

        // Walk the path back from the sink, collecting who moves where, then apply the moves.
        var moves = 0
        var v = sink
        while true {
            let ps = Int(predStudent[v])
            if ps >= 0 {
                recordMove(ps, to: v, arc: predArc[v], count: &moves)
                if ps == s { break }
                v = Int(slotOf[ps])
            } else {
                v = Int(predSlot[v])
            }
        }
        applyMoves(moves)
        reset(touchedCount: touchedCount)
        #if BPV_INTERNAL_CHECKS
        heap.checkInvariants()
        #endif
        return true
    }

    /// Notes that student `t` moves to `slot` by `arc`, once the path is known.
    @inline(__always)
    func recordMove(_ t: Int, to slot: Int, arc: Int32, count: inout Int) {
        moveStudent[count] = Int32(truncatingIfNeeded: t)
        moveSlot[count] = Int32(truncatingIfNeeded: slot)
        moveArc[count] = arc
        count += 1
    }

    /// Applies the moves recorded along an augmenting path (after the whole path is read, since
    /// moving a student changes the slot lists the walk reads).
    func applyMoves(_ count: Int) {
        for i in 0 ..< count {
            let t = Int(moveStudent[i])
            unlink(t)
            link(t, to: Int(moveSlot[i]), arc: moveArc[i])
        }
    }

    func reset(touchedCount: Int) {
        for i in 0 ..< touchedCount {
            let k = Int(touched[i])
            dist[k] = Self.unlabelled
            bound[k] = Int64.max
            state[k] = 0
            predStudent[k] = -1
            predArc[k] = -1
            predSlot[k] = -1
        }
        heap.removeAll()
    }
}

/// The owner of an engine's raw buffers: each is allocated and initialised through ``make(_:_:)``
/// and all are freed when the owner goes. Plain columns of trivial values (integers), so no
/// element needs deinitialising. Kept apart from the engine so that its initialiser lists each
/// buffer once and nothing lists them again to free them.
final class RawColumns {
    private var buffers: [UnsafeMutableRawPointer] = []

    /// A buffer of `count` elements (at least one, so that it has an address), each `value`.
    /// - Complexity: O(count).
    func make<T: BitwiseCopyable>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        p.initialize(repeating: value, count: max(count, 1))
        buffers.append(UnsafeMutableRawPointer(p))
        return p
    }

    deinit {
        for b in buffers { b.deallocate() }
    }
}

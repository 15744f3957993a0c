/// Where the unplaced students reach in the live round, from one search (see
/// `ShortestPathEngine+Reach.swift` for why one search answers every "one more place").
///
/// Costs are true costs (not reduced): the cheapest change, in objective terms, that frees a
/// place at a slot or frees a student to move, starting by placing an unplaced student. With
/// the lexicographic objective such a change is negative (an unplaced student's penalty is
/// larger than any sum of score differences), so reaching at all means one more placed.
public struct UnplacedReach: Sendable {
    /// A student moving to an internship along a path; the first move places an unplaced student.
    public struct Move: Sendable, Equatable {
        public var student: Int
        public var internship: Int

        public init(student: Int, internship: Int) {
            self.student = student
            self.internship = internship
        }
    }

    let m: Int
    let hasSupport: Bool
    /// True cost of the cheapest path to each slot (internships, then pools), nil when unreached.
    let slotCost: [Int64?]
    let predStudent: [Int32]
    let predArc: [Int32]
    let predSlot: [Int32]
    /// Per student: its slot (internship, pool, or -1 when unplaced) and its potential.
    let slotOfStudent: [Int32]
    /// Per student: the unplaced cost (nil for one who must be placed or was removed).
    let unplaced: [Int64?]
    let potStudent: [Int64]
    let sinkPotential: Int64
    /// Per slot: the internship of the arc that reached it (the move's destination).
    let predInternship: [Int32]
    /// Per slot: whether it is full (internships count their pool's students).
    let full: [Bool]
    /// Per internship: its free places (places minus the students it and its pool hold).
    let freePlaces: [Int32]

    /// Internship `j`'s free places.
    /// - Complexity: O(1).
    public func freePlaces(at j: Int) -> Int { Int(freePlaces[j]) }
    /// Per slot: true cost of the cheapest residual path from it to a place with room (nil when
    /// none), and its first step (a student leaving the slot and where to, or a slot).
    let roomCost: [Int64?]
    let roomPredStudent: [Int32]
    let roomPredInternship: [Int32]
    let roomPredSlot: [Int32]

    /// Whether new arcs into internship `j` (into its support pool for students who need
    /// support, `support`) could place anyone more: only when a path leads on from there to a
    /// place with room. False means exactly that such arcs place nobody more.
    /// - Complexity: O(1).
    public func newArcsCanPlaceMore(into j: Int, support: Bool) -> Bool {
        costToRoom(from: j, support: support) != nil
    }

    /// The cheapest change, in objective terms, that frees one place at internship `j` (in its
    /// support pool with `support`) by moves toward a place with room (0 where it has room);
    /// nil when no residual path leads to room.
    /// - Complexity: O(1).
    public func costToRoom(from j: Int, support: Bool) -> Int64? {
        roomCost[support && hasSupport ? m + j : j]
    }

    /// The moves that free that place, the student leaving `j` (or its pool) first.
    /// - Complexity: O(length of the path).
    public func pathToRoom(from j: Int, support: Bool) -> [Move] {
        var moves: [Move] = []
        var x = support && hasSupport ? m + j : j
        while x >= 0 {
            let t = Int(roomPredStudent[x])
            if t >= 0 { moves.append(Move(student: t, internship: Int(roomPredInternship[x]))) }
            x = Int(roomPredSlot[x])
        }
        return moves
    }

    /// The cheapest change that one more place at internship `j` (`place`), one more support
    /// place there (`support`), or both, would make: its cost (negative when it helps) and the
    /// students who move, the first of them placed from unplaced. Nil when the extra unit opens
    /// no new way (the slot had room already) or no unplaced student reaches it.
    /// - Complexity: O(length of the path).
    public func oneMore(at j: Int, place: Bool, support: Bool) -> (cost: Int64, moves: [Move])? {
        var slots: [Int] = []
        if place, full[j] { slots.append(j) }
        // A support place is a new way only where the pool is full, and leads on only where the
        // internship has room after the change.
        if support, hasSupport, full[m + j], place || !full[j] { slots.append(m + j) }
        guard let best = slots.compactMap({ k in slotCost[k].map { (k, $0) } }).min(by: { $0.1 < $1.1 }) else { return nil }
        return (best.1, path(to: best.0))
    }

    /// The cheapest change that frees student `s` to take a new place elsewhere (an unplaced
    /// student's cost is its unplaced arc, backwards): nil when no unplaced student's path
    /// reaches it. The caller adds `s`'s arc to the new place.
    /// - Complexity: O(1).
    public func costToFree(_ s: Int) -> Int64? {
        let slot = Int(slotOfStudent[s])
        if slot < 0 { return unplaced[s].map { -$0 } }
        guard let d = slotCost[slot] else { return nil }
        // Reached at its slot's reduced distance (its own arc is tight, I1): the true costs of
        // the two differ by their potentials.
        return d - potentialOfSlot[slot] + potStudent[s]
    }

    /// The moves that free student `s` (empty when `s` is unplaced: it is the start itself).
    public func pathFreeing(_ s: Int) -> [Move] {
        let slot = Int(slotOfStudent[s])
        return slot < 0 ? [] : path(to: slot)
    }

    let potentialOfSlot: [Int64]

    /// The moves along the cheapest path to `slot`, the placed student first.
    private func path(to slot: Int) -> [Move] {
        var moves: [Move] = []
        var x = slot
        while true {
            let t = Int(predStudent[x])
            if t >= 0 {
                moves.append(Move(student: t, internship: Int(predInternship[x])))
                let from = Int(slotOfStudent[t])
                if from < 0 { break }
                x = from
            } else {
                let y = Int(predSlot[x])
                if y < 0 { break }
                x = y
            }
        }
        return moves.reversed()
    }
}

extension IncrementalAssignment {
    /// One search from every unplaced student over the residual network of the live round:
    /// what one more place anywhere, or one more internship for any student, would do.
    /// - Throws: ``SolverError/cancelled`` when `shouldCancel` (else the session's own) says so.
    /// - Complexity: O(arcs of the students reached + heap operations · log internships),
    ///   plus O(students + internships) to copy out.
    public func reachFromUnplaced(shouldCancel: (@Sendable () -> Bool)? = nil) throws(SolverError) -> UnplacedReach {
        if !indexed { buildIndex() }
        let e = engine
        let toRoom = try withArcView { (arcs) throws(SolverError) in
            try owner.withUnsafeBufferPointer { (owner) throws(SolverError) in
                try e.searchToRoom(arcs: arcs, index: IncrementalIncomingIndex(incoming: incoming, owner: owner, arcs: arcs,
                                                                                poolShift: e.poolShift, m: internshipCount),
                                   shouldCancel: shouldCancel ?? self.shouldCancel)
            }
        }
        let labels = try withArcView { (arcs) throws(SolverError) in try e.searchFromUnplaced(arcs: arcs, shouldCancel: shouldCancel ?? self.shouldCancel) }
        let slots = e.slotCount, sinkPot = e.potSlot[e.sink]
        let potSlot = Array(UnsafeBufferPointer(start: e.potSlot, count: slots))
        var cost = [Int64?](repeating: nil, count: slots)
        for k in 0 ..< slots where labels.dist[k] != ShortestPathEngine.unlabelled {
            cost[k] = labels.dist[k] - sinkPot + potSlot[k]
        }
        let full = (0 ..< slots).map { k in k < e.m ? e.load(k) >= e.cap[k] : e.count[k] >= e.cap[k] }
        let free = (0 ..< e.m).map { j in max(e.cap[j] - e.load(j), 0) }
        let predInternship = labels.predArc.map { a in a >= 0 ? target[Int(a)] : -1 }
        var roomCost = [Int64?](repeating: nil, count: slots)
        for k in 0 ..< slots where toRoom.dist[k] != ShortestPathEngine.unlabelled {
            // Reduced v -> sink is true + π(v) - π(sink).
            roomCost[k] = toRoom.dist[k] - potSlot[k] + sinkPot
        }
        let slotOf = (0 ..< e.n).map { s -> Int32 in
            let v = e.slotOf[s]
            return v >= 0 && Int(v) < e.sink ? v : -1
        }
        return UnplacedReach(
            m: e.m, hasSupport: e.hasSupport, slotCost: cost, predStudent: labels.predStudent, predArc: labels.predArc,
            predSlot: labels.predSlot, slotOfStudent: slotOf,
            unplaced: (0 ..< e.n).map { s in e.unplacedCost[s] == UnplacedPricing.forbidden || instance.removed[s] ? nil : e.unplacedCost[s] }, potStudent: Array(UnsafeBufferPointer(start: e.potStudent, count: e.n)),
            sinkPotential: sinkPot, predInternship: predInternship, full: full, freePlaces: free, roomCost: roomCost, roomPredStudent: toRoom.predStudent,
            roomPredInternship: toRoom.predArc.map { a in a >= 0 ? target[Int(a)] : -1 }, roomPredSlot: toRoom.predSlot, potentialOfSlot: potSlot)
    }
}

extension IncrementalAssignment {
    /// Which slots of the live round have two ways to room that share no student (see
    /// ``WaysToRoom``): where new arcs could place two students more.
    /// - Complexity: O(arcs) per pass of the dominator algorithm (a few passes).
    public func waysToRoom() -> WaysToRoom {
        if !indexed { buildIndex() }
        let e = engine
        return withArcView { arcs in
            owner.withUnsafeBufferPointer { owner in
                e.waysToRoom(arcs: arcs, index: IncrementalIncomingIndex(incoming: incoming, owner: owner, arcs: arcs,
                                                                         poolShift: e.poolShift, m: internshipCount))
            }
        }
    }
}

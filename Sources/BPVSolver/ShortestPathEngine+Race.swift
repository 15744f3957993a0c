import Dispatch

/// Settling a group from both sides at once, when more students wait than places are free.
///
/// Which side is cheaper cannot be told in advance, and the wrong one costs 3 to 30 times the
/// right one (session 16, `bpv solve` of exported workspace rounds and generated ones, 20,000
/// to 100,000 students): from the places wins where every place is taken in the end and the last
/// free places lie far from the students still waiting (the generated shortage rounds, the
/// national one: 0.2 to 0.6 s against 1 to 8 s); from the students wins where some places stay
/// free (workspace rounds at places 0.9 of the pupils: a backward search that leaves its place
/// free explores everything nearer than the place's price, 0.2 to 0.9 s against 2.5 to 11 s).
/// Neither the counts nor the first searches tell them apart: both sides' costs lie in their
/// last tenth of searches.
///
/// So both run, each on its own engine (this one from the students, a copy from the places),
/// on two threads, and the side that needs less *work* (arcs scanned, a backward one weighing
/// ``backwardWork`` halves, the index's build ``indexWork`` scans of the graph) is kept. Work,
/// not time, decides: the result does not depend on which thread the machine ran faster, so a
/// round always gets the same placements. A side that
/// has done more work than the other needed to finish stops, within its current search (the
/// searches poll the board every ``pollMask`` + 1 slots they finalise: the last searches of a
/// shortage round take 0.1 s and more each), so the race takes about as long as the cheaper
/// side, at up to twice its processor time, as long as work grows at the same rate on both
/// threads (see ``backwardWork``).
extension ShortestPathEngine {
    /// Rounds with at least this many arcs race under ``ShortageMode/automatic``; smaller ones are
    /// solved on one thread, from the students first (a thread costs more than their searches).
    static let raceArcs = 200_000

    /// What an arc scanned backwards weighs against one scanned forwards, in halves: 2, as much.
    ///
    /// Work should grow at the same rate on both threads: when the winner finishes, the loser
    /// runs on until its work passes the winner's, so a side whose work is overweighted makes
    /// the other run on. Timed on both threads of races (session 17, keyed index, lazy sorts
    /// included): 7.5-9.1 ns per backward arc against 8.2-9.9 forwards on the generated shortage
    /// rounds, 11.2 against 10.9 on Utrecht 30k at 0.9. At 3 (session 16's weight, timed with the
    /// index by arc) the students' side ran on 0.15-0.5 s after the places' side had won.
    static let backwardWork = 2
    /// The index's build, in scans of the graph forwards (two: it reads every arc twice).
    static let indexWork = 2

    /// Settles `waiting` (a group's students the greedy pass left, none of whom must be placed)
    /// from both sides at once and keeps the side that needs less work; builds `index` if needed.
    /// - Complexity: the cheaper side's work, on two threads, plus O(students + slots) to copy
    ///   the engine and, when the places win, to take its state.
    func settleRacing(
        _ waiting: [Int32], arcs: ArcView, index: inout ColdIncomingIndex?, arcCount: Int,
        shouldCancel: (@Sendable () -> Bool)?
    ) throws(SolverError) {
        let places = ShortestPathEngine(copying: self, studentCount: n, internshipCount: m)
        let board = RaceBoard()
        let forwardStart = scannedArcs, placesStart = places.scannedArcs
        let indexWork = index == nil ? Self.indexWork * arcCount : 0
        // Both engines and the index are touched by one thread each; the arcs and the students'
        // unplaced costs and pool shifts only read.
        let shared = Unchecked((forward: self, places: places, arcs: arcs))
        let built = Unchecked(Box<ColdIncomingIndex?>(index))
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let (forward, places, arcs) = shared.value
            do throws(SolverError) {
                if side == 0 {
                    let left = forward.reduceRows(waiting, arcs: arcs, budget: 16 * waiting.count)
                    let stop = { board.shouldStop(side: 0, work: forward.scannedArcs - forwardStart) }
                    for s in left where forward.slotOf[Int(s)] == Self.unassigned {
                        guard try forward.augment(from: Int(s), arcs: arcs, shouldStop: stop), !stop() else { return }
                        if let shouldCancel, forward.searches & 7 == 0, shouldCancel() { throw .cancelled }
                    }
                    board.finish(side: 0, work: forward.scannedArcs - forwardStart)
                } else {
                    let index = forward.coldIndex(built.value.value, arcs: arcs)
                    built.value.value = index
                    let work = { (places.scannedArcs - placesStart) * Self.backwardWork / 2 + indexWork }
                    let stop = { board.shouldStop(side: 1, work: work()) }
                    let done = switch index {
                    case .keyed(let keyed):
                        try places.settleFromPlaces(waiting, arcs: arcs, index: keyed, shouldCancel: shouldCancel, shouldStop: stop)
                    case .byArc(let byArc):
                        try places.settleFromPlaces(waiting, arcs: arcs, index: byArc, shouldCancel: shouldCancel, shouldStop: stop)
                    }
                    if done { board.finish(side: 1, work: work()) }
                }
            } catch {
                board.fail(error)
            }
        }
        index = built.value.value
        if let error = board.error { throw error }
        // The work counters are the kept side's: how far the other got before it stopped
        // depends on the threads' timing, and a solve's statistics must not.
        if board.winner == 1 {
            adopt(places)
            searches = places.searches
            scannedArcs = places.scannedArcs
        }
    }

    /// The places' index, built from this engine's arcs, pool shifts and unplaced costs (which
    /// no search changes) unless `index` is one already.
    func coldIndex(_ index: ColdIncomingIndex?, arcs: ArcView) -> ColdIncomingIndex {
        if let index { return index }
        if let keyed = KeyedIncomingIndex(
            arcs: arcs, studentCount: n, slotCount: slotCount, poolShift: poolShift, unplacedCost: unplacedCost)
        {
            return .keyed(keyed)
        }
        return .byArc(SortedIncomingIndex(
            arcs: arcs, studentCount: n, slotCount: slotCount, poolShift: poolShift, unplacedCost: unplacedCost))
    }

    /// Takes `other`'s assignment and potentials (an engine of the same size, copied from this
    /// one): who sits where, the slot lists, every potential.
    /// - Complexity: O(students + slots).
    func adopt(_ other: ShortestPathEngine) {
        precondition(other.n == n && other.slotCount == slotCount)
        slotOf.update(from: other.slotOf, count: n)
        arcOf.update(from: other.arcOf, count: n)
        next.update(from: other.next, count: n)
        prev.update(from: other.prev, count: n)
        potStudent.update(from: other.potStudent, count: n)
        head.update(from: other.head, count: slotCount + 1)
        count.update(from: other.count, count: slotCount + 1)
        potSlot.update(from: other.potSlot, count: slotCount + 1)
    }
}

/// Where the two sides of a race post their work: a side that finished posts what it took; a
/// side still running stops once it has done more than that. Side 0 (from the students) wins ties.
final class RaceBoard: @unchecked Sendable {
    // Guarded by `lock`: posted once per side, read after each search of the other.
    private var finished: [Int?] = [nil, nil]
    private var failure: SolverError?
    private let lock = DispatchSemaphore(value: 1)

    /// Whether `side`, having done `work`, should stop: the other side finished with less, or
    /// with as much and wins the tie, or something failed.
    func shouldStop(side: Int, work: Int) -> Bool {
        lock.wait()
        defer { lock.signal() }
        if failure != nil { return true }
        guard let other = finished[1 - side] else { return false }
        return side == 0 ? work > other : work >= other
    }

    func finish(side: Int, work: Int) {
        lock.wait()
        finished[side] = work
        lock.signal()
    }

    func fail(_ error: SolverError) {
        lock.wait()
        if failure == nil { failure = error }
        lock.signal()
    }

    var error: SolverError? {
        lock.wait()
        defer { lock.signal() }
        return failure
    }

    /// The side that finished with less work (0 on a tie); nil when neither finished.
    var winner: Int? {
        lock.wait()
        defer { lock.signal() }
        switch (finished[0], finished[1]) {
        case let (a?, b?): return b < a ? 1 : 0
        case (.some, nil): return 0
        case (nil, .some): return 1
        case (nil, nil): return nil
        }
    }
}

/// A value handed to the race's two threads, which touch disjoint parts of it (see
/// `settleRacing`); the compiler cannot see that, hence unchecked.
struct Unchecked<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// A mutable cell shared with one of the race's threads.
final class Box<Value> {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// The arcs into each slot for a cold solve's backward searches, each entry one `UInt64`: the
/// arc's unplaced key (`cost - unplacedCost(student)`, see ``SortedIncomingIndex``) above, as an
/// offset from the slot's least key, and its student below.
///
/// Why not the arc, as ``SortedIncomingIndex`` keeps: a backward search reads every entry it
/// scans, and with the arc it must fetch the arc's cost from the arc arrays, a cache miss per
/// entry (the arcs into one slot lie all over them), to find the key that may stop the scan and
/// the label. With the key in the entry the stop costs nothing and the cost is the key plus the
/// student's unplaced cost (a column of students, which stays in cache); sorting a slot is
/// sorting its integers, with no keys to look up and nothing to permute. The arc itself is
/// needed only when a student moves along it, once per step of an augmenting path, and is found
/// again among the student's arcs then (``ShortestPathEngine/arc(of:into:arcs:)``).
///
/// The same 8 bytes an entry as ``SortedIncomingIndex`` (the national round's 24 bytes per arc
/// hold with it), but only while each slot's keys span less than 2^32: the initialiser returns
/// nil otherwise (costs near the 2^40 limit), and the solve takes ``SortedIncomingIndex``.
///
/// A student who must be placed has no unplaced cost and so no key: its entries come first in
/// their slot, by cost (offsets from the slot's least such cost), and never stop a scan.
final class KeyedIncomingIndex: IncomingArcIndex {
    static var ordersByUnplacedKey: Bool { true }

    let slotCount: Int
    /// Entries of slot `k` are `start[k] ..< start[k + 1]`; those before `keyed[k]` belong to
    /// students who must be placed.
    private let start: UnsafeMutablePointer<Int32>
    private let keyed: UnsafeMutablePointer<Int32>
    /// Per slot: the least key of its keyed entries, and the least cost of its must-place ones.
    private let keyBase: UnsafeMutablePointer<Int64>
    private let costBase: UnsafeMutablePointer<Int64>
    /// `offset << 32 | student`.
    private let entry: UnsafeMutablePointer<UInt64>
    private var sorted: [Bool]
    private let unplacedCost: UnsafePointer<Int64>
    private var scratch: [UInt64] = []

    /// Indexes the arcs of `studentCount` students, or nil when some slot's keys (or must-place
    /// costs) span 2^32 or more.
    /// - Complexity: O(students + slots + arcs), two passes over the arcs in order; sorting
    ///   happens later, per slot scanned.
    init?(arcs: ArcView, studentCount: Int, slotCount: Int, poolShift: UnsafePointer<Int32>,
          unplacedCost: UnsafePointer<Int64>) {
        let columns = RawColumns()
        let count = columns.make(slotCount, Int32(0))
        let mustPlace = columns.make(slotCount, Int32(0))
        let least = columns.make(slotCount, Int64.max), most = columns.make(slotCount, Int64.min)
        let leastCost = columns.make(slotCount, Int64.max), mostCost = columns.make(slotCount, Int64.min)
        var entries = 0
        for s in 0 ..< studentCount {
            let shift = Int(poolShift[s])
            let u = unplacedCost[s]
            let begin = Int(arcs.begin[s]), end = Int(arcs.end[s])
            entries += end - begin
            if u == UnplacedPricing.forbidden {
                for a in begin ..< end {
                    let k = Int(arcs.target[a]) + shift, c = arcs.cost[a]
                    count[k] += 1
                    mustPlace[k] += 1
                    leastCost[k] = min(leastCost[k], c)
                    mostCost[k] = max(mostCost[k], c)
                }
            } else {
                for a in begin ..< end {
                    // Costs are within 2^40 and unplaced costs within the pricing's bound: no overflow.
                    let k = Int(arcs.target[a]) + shift, key = arcs.cost[a] - u
                    count[k] += 1
                    least[k] = min(least[k], key)
                    most[k] = max(most[k], key)
                }
            }
        }
        for k in 0 ..< slotCount {
            if count[k] > mustPlace[k], most[k] - least[k] >= 1 << 32 { return nil }
            if mustPlace[k] > 0, mostCost[k] - leastCost[k] >= 1 << 32 { return nil }
        }
        self.slotCount = slotCount
        start = .allocate(capacity: slotCount + 1)
        keyed = .allocate(capacity: max(slotCount, 1))
        keyBase = .allocate(capacity: max(slotCount, 1))
        costBase = .allocate(capacity: max(slotCount, 1))
        entry = .allocate(capacity: max(entries, 1))
        start[0] = 0
        for k in 0 ..< slotCount {
            start[k + 1] = start[k] + count[k]
            keyed[k] = start[k] + mustPlace[k]
            keyBase[k] = least[k]
            costBase[k] = leastCost[k]
        }
        // Where the next entry of each slot goes: must-place ones from the start, the rest after them.
        let fillMustPlace = count, fillKeyed = mustPlace
        for k in 0 ..< slotCount {
            fillMustPlace[k] = start[k]
            fillKeyed[k] = keyed[k]
        }
        // Students in order: each slot's entries come in increasing student order.
        for s in 0 ..< studentCount {
            let shift = Int(poolShift[s])
            let u = unplacedCost[s], student = UInt64(s)
            for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                let k = Int(arcs.target[a]) + shift
                if u == UnplacedPricing.forbidden {
                    entry[Int(fillMustPlace[k])] = UInt64(arcs.cost[a] - costBase[k]) << 32 | student
                    fillMustPlace[k] += 1
                } else {
                    entry[Int(fillKeyed[k])] = UInt64(arcs.cost[a] - u - keyBase[k]) << 32 | student
                    fillKeyed[k] += 1
                }
            }
        }
        sorted = [Bool](repeating: false, count: slotCount)
        self.unplacedCost = unplacedCost
    }

    deinit {
        start.deallocate()
        keyed.deallocate()
        keyBase.deallocate()
        costBase.deallocate()
        entry.deallocate()
    }

    @inline(__always)
    func scan(into slot: Int, _ body: (IncomingArc) -> Bool) {
        if !sorted[slot] { sortSlot(slot) }
        let split = Int(keyed[slot])
        let costBase = costBase[slot]
        for i in Int(start[slot]) ..< split {
            let e = entry[i]
            let cost = costBase + Int64(e >> 32)
            let arc = IncomingArc(arc: -1, student: Int(e & 0xFFFF_FFFF), cost: cost, key: SortedIncomingIndex.mustPlaceKey)
            if !body(arc) { return }
        }
        let keyBase = keyBase[slot]
        for i in split ..< Int(start[slot + 1]) {
            let e = entry[i]
            let t = Int(e & 0xFFFF_FFFF), key = keyBase + Int64(e >> 32)
            if !body(IncomingArc(arc: -1, student: t, cost: key + unplacedCost[t], key: key)) { return }
        }
    }

    /// Orders one slot's entries by key (must-place ones by cost), ties by student: as integers.
    ///
    /// Large slots (a shortage round's hold hundreds of entries) take a radix sort over the
    /// offset's bytes in use, stable, so ties keep the student order the build wrote them in.
    /// - Complexity: O(d · bytes of the span) for the slot's `d` entries, O(d log d) below 64.
    private func sortSlot(_ slot: Int) {
        sorted[slot] = true
        sortEntries(Int(start[slot]), Int(keyed[slot]))
        sortEntries(Int(keyed[slot]), Int(start[slot + 1]))
    }

    private func sortEntries(_ lo: Int, _ hi: Int) {
        let count = hi - lo
        guard count > 1 else { return }
        var entries = UnsafeMutableBufferPointer(start: entry + lo, count: count)
        if count < 64 {
            entries.sort()
            return
        }
        var span: UInt64 = 0
        for e in entries { span |= e >> 32 }
        var bytes = 0
        while span >> (8 * bytes) != 0 { bytes += 1 }
        radixSortByUpperHalf(entries, bytes: bytes, scratch: &scratch)
    }
}

extension ShortestPathEngine {
    /// The arc by which student `t` enters `slot`, for a step an index without arcs
    /// (``KeyedIncomingIndex``) found: its cheapest, the one a search labels through (a dearer
    /// parallel arc never improves a label), or -1 when it has none.
    /// - Complexity: O(arcs of `t`).
    func arc(of t: Int, into slot: Int, arcs: ArcView) -> Int32 {
        let shift = Int(poolShift[t])
        // Arcs are cheapest first: the first into `slot` is the cheapest.
        for a in Int(arcs.begin[t]) ..< Int(arcs.end[t]) where Int(arcs.target[a]) + shift == slot {
            return Int32(truncatingIfNeeded: a)
        }
        return -1
    }
}

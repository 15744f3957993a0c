/// The arcs *into* a slot, for the searches that run backwards from a place (`fillPlace`) and
/// for raising a slot's potential (`raise`). Three kinds exist:
///
/// - ``KeyedIncomingIndex``: built by a cold solve when it enters shortage mode; one list per
///   slot, ordered so that a backward search can stop scanning a slot early, each entry the
///   arc's key and student (no cost to fetch per entry).
/// - ``SortedIncomingIndex``: the same order by arc, for the rare round whose keys are too wide
///   for the keyed entries (costs near the 2^40 limit).
/// - ``IncrementalIncomingIndex``: the incremental session's lists per internship, which keep
///   stale entries (replaced arcs) and skip them when scanned.
///
/// Generic rather than an existential so that each search is specialised for its index and the
/// per-entry closure is inlined.
protocol IncomingArcIndex {
    /// Whether ``scan(into:_:)`` yields arcs in increasing `cost - unplacedCost(owner)`, so that a
    /// backward search may stop at the first arc whose lower bound reaches the sink's label.
    static var ordersByUnplacedKey: Bool { get }

    /// Calls `body` with each current arc into `slot` (an internship, or a support pool at
    /// `m + j` for the arcs of students who need support), until `body` returns false.
    func scan(into slot: Int, _ body: (IncomingArc) -> Bool)
}

/// One arc into a slot, as an ``IncomingArcIndex`` yields it.
struct IncomingArc {
    /// The arc's index, or -1 from an index that keeps no arcs (``KeyedIncomingIndex``): a search
    /// that moves `student` along it finds the arc again with ``ShortestPathEngine/arc(of:into:arcs:)``.
    var arc: Int32
    var student: Int
    var cost: Int64
    /// The unplaced key `cost - unplacedCost(student)` (``SortedIncomingIndex/mustPlaceKey`` for a
    /// student who must be placed) when the index ``IncomingArcIndex/ordersByUnplacedKey``; else 0.
    var key: Int64
}

/// Every arc into each slot, grouped by slot (internships, then support pools for the arcs of
/// students who need support) in one CSR array, each slot's arcs ordered by their *unplaced key*
/// `cost - unplacedCost(student)` the first time the slot is scanned.
///
/// Why that order: a student `t` reached backwards through its arc `a` into slot `v` gets the
/// label `d(v) + c(a) + π(t) - π(v)`. An unplaced `t` has `π(t) = π(sink) - u(t)`, a placed one
/// `π(t) >= π(sink) - u(t)` (its unplaced arc has a non-negative reduced cost), so the label is at
/// least `d(v) + key(a) + π(sink) - π(v)`. Once that bound reaches the sink's label, no later
/// arc can matter, just as a forward search stops at the first arc past the sink's label.
///
/// Memory: two `Int32` per arc (the arc and its student), one per slot; built only when a solve
/// enters shortage mode and ``KeyedIncomingIndex`` cannot hold the keys. Sorting is lazy per
/// slot because a shortage solve's backward searches usually visit a small part of the slots.
final class SortedIncomingIndex: IncomingArcIndex {
    static var ordersByUnplacedKey: Bool { true }

    let slotCount: Int
    /// Entries of slot `k` are `start[k] ..< start[k + 1]`.
    private let start: UnsafeMutablePointer<Int32>
    /// Per entry, side by side so that a scan reads them in order: the arc, then its student.
    private let entry: UnsafeMutablePointer<(arc: Int32, student: Int32)>
    private var sorted: [Bool]
    private let cost: UnsafePointer<Int64>
    private let unplacedCost: UnsafePointer<Int64>
    private var keys: [Int64] = []
    private var packed: [UInt64] = []
    private var radixScratch: [UInt64] = []
    private var scratch: [(key: Int64, arc: Int32, student: Int32)] = []
    private var copy: [(arc: Int32, student: Int32)] = []

    /// The key given to a student who must be placed: below every real key, so their arcs come
    /// first and never stop a scan; small enough that bounds computed from it cannot overflow.
    static let mustPlaceKey: Int64 = -(1 << 62)

    /// Indexes the arcs of `studentCount` students in `arcs`.
    /// - Complexity: O(students + slots + arcs); sorting happens later, per slot scanned.
    init(arcs: ArcView, studentCount: Int, slotCount: Int, poolShift: UnsafePointer<Int32>,
         unplacedCost: UnsafePointer<Int64>) {
        self.slotCount = slotCount
        start = .allocate(capacity: slotCount + 1)
        start.initialize(repeating: 0, count: slotCount + 1)
        var entries = 0
        for s in 0 ..< studentCount {
            let shift = Int(poolShift[s])
            for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                start[Int(arcs.target[a]) + shift + 1] += 1
                entries += 1
            }
        }
        for k in 0 ..< slotCount { start[k + 1] += start[k] }
        entry = .allocate(capacity: max(entries, 1))
        let fill = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
        fill.update(from: start, count: slotCount)
        // Students in order, each's arcs in order: every slot's entries come in increasing arc order.
        for s in 0 ..< studentCount {
            let shift = Int(poolShift[s])
            for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                let k = Int(arcs.target[a]) + shift
                entry[Int(fill[k])] = (Int32(truncatingIfNeeded: a), Int32(truncatingIfNeeded: s))
                fill[k] += 1
            }
        }
        fill.deallocate()
        sorted = [Bool](repeating: false, count: slotCount)
        cost = arcs.cost
        self.unplacedCost = unplacedCost
    }

    deinit {
        start.deallocate()
        entry.deallocate()
    }

    /// The unplaced key of arc `a` of student `t`.
    @inline(__always)
    func key(arc a: Int, student t: Int) -> Int64 {
        let u = unplacedCost[t]
        return u == UnplacedPricing.forbidden ? Self.mustPlaceKey : cost[a] &- u
    }

    @inline(__always)
    func scan(into slot: Int, _ body: (IncomingArc) -> Bool) {
        if !sorted[slot] { sortSlot(slot) }
        for i in Int(start[slot]) ..< Int(start[slot + 1]) {
            let e = entry[i]
            let a = Int(e.arc), t = Int(e.student)
            if !body(IncomingArc(arc: e.arc, student: t, cost: cost[a], key: key(arc: a, student: t))) { return }
        }
    }

    /// Orders one slot's entries by key, ties by arc index (deterministic).
    ///
    /// Keys within one slot usually span less than 2^32 (one tier's costs), and then each entry
    /// is packed into one `UInt64` (key above, position below) and sorted as a plain integer,
    /// much faster than sorting tuples through a closure.
    /// - Complexity: O(d log d) for the slot's `d` entries.
    private func sortSlot(_ slot: Int) {
        sorted[slot] = true
        let lo = Int(start[slot]), hi = Int(start[slot + 1])
        guard hi - lo > 1 else { return }
        keys.removeAll(keepingCapacity: true)
        var least = Int64.max, most = Int64.min
        for i in lo ..< hi {
            let k = key(arc: Int(entry[i].arc), student: Int(entry[i].student))
            keys.append(k)
            least = min(least, k)
            most = max(most, k)
        }
        let (span, overflow) = most.subtractingReportingOverflow(least)
        if !overflow, span < 1 << 32 {
            packed.removeAll(keepingCapacity: true)
            // Entries are in increasing arc order, so the position breaks ties as the arc would.
            for (i, k) in keys.enumerated() { packed.append(UInt64(k - least) << 32 | UInt64(i)) }
            if packed.count < 64 { packed.sort() } else { radixSortByKey(span: span) }
            copy.removeAll(keepingCapacity: true)
            copy.append(contentsOf: UnsafeBufferPointer(start: entry + lo, count: hi - lo))
            for (i, p) in packed.enumerated() { entry[lo + i] = copy[Int(p & 0xFFFF_FFFF)] }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for (i, k) in keys.enumerated() { scratch.append((k, entry[lo + i].arc, entry[lo + i].student)) }
        scratch.sort { $0.key != $1.key ? $0.key < $1.key : $0.arc < $1.arc }
        for (i, e) in scratch.enumerated() { entry[lo + i] = (e.arc, e.student) }
    }

    /// Sorts `packed` by its upper 32 bits (the key), stably, over the bytes the keys' span
    /// uses. Replaces the comparison sort on the slots of a shortage round (hundreds of entries
    /// each), where sorting was about a third of the mode's time.
    /// - Complexity: O(entries · bytes of the span).
    private func radixSortByKey(span: Int64) {
        var bytes = 0
        var rest = span
        while rest > 0 {
            bytes += 1
            rest >>= 8
        }
        packed.withUnsafeMutableBufferPointer { radixSortByUpperHalf($0, bytes: bytes, scratch: &radixScratch) }
    }
}

/// Sorts `values` by their upper 32 bits, stably (equal keys keep their order): a
/// least-significant-digit radix sort over the lowest `bytes` bytes of the upper half, the ones
/// the keys' span uses (0 leaves `values` as they are). Both sorted incoming indexes sort a
/// slot's entries with it. Written here rather than taken from a library: no sort in the
/// standard library or the packages bpv uses is stable by part of an integer.
/// - Complexity: O(values · bytes), and `scratch` grows to `values.count`.
func radixSortByUpperHalf(_ values: UnsafeMutableBufferPointer<UInt64>, bytes: Int, scratch: inout [UInt64]) {
    let count = values.count
    guard bytes > 0, count > 1, let base = values.baseAddress else { return }
    if scratch.count < count { scratch = [UInt64](repeating: 0, count: count) }
    scratch.withUnsafeMutableBufferPointer { other in
        var from = base, to = other.baseAddress!
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 257) { counts in
            for byte in 0 ..< min(bytes, 4) {
                let shift = UInt64(32 + 8 * byte)
                for d in 0 ... 256 { counts[d] = 0 }
                for i in 0 ..< count { counts[Int((from[i] >> shift) & 0xFF) + 1] += 1 }
                for d in 0 ..< 256 { counts[d + 1] += counts[d] }
                for i in 0 ..< count {
                    let d = Int((from[i] >> shift) & 0xFF)
                    to[counts[d]] = from[i]
                    counts[d] += 1
                }
                swap(&from, &to)
            }
        }
        if from != base { base.update(from: from, count: count) }
    }
}

/// The incremental session's index: per internship, every arc ever written into it, stale
/// entries included (replaced arcs, arcs a what-if appended and took back); a scan skips them,
/// and the arcs of the other side (pool or not) than the slot asked for.
struct IncrementalIncomingIndex: IncomingArcIndex {
    static var ordersByUnplacedKey: Bool { false }

    let incoming: [[Int32]]
    let owner: UnsafeBufferPointer<Int32>
    let arcs: ArcView
    let poolShift: UnsafePointer<Int32>
    let m: Int

    @inline(__always)
    func scan(into slot: Int, _ body: (IncomingArc) -> Bool) {
        let j = slot < m ? slot : slot - m
        let shift = Int32(truncatingIfNeeded: slot < m ? 0 : m)
        for a32 in incoming[j] {
            let a = Int(a32)
            guard a < owner.count else { continue }
            let t = Int(owner[a])
            guard a >= Int(arcs.begin[t]), a < Int(arcs.end[t]), arcs.target[a] == Int32(truncatingIfNeeded: j),
                  poolShift[t] == shift
            else { continue }
            if !body(IncomingArc(arc: a32, student: t, cost: arcs.cost[a], key: 0)) { return }
        }
    }
}

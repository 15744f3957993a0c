/// How many students at most new arcs into one internship can place: for `gaps`, which then
/// skips the what-if of an offer that cannot place two.
///
/// The students placed together form a matroid (see ``UnplacedPricing``), so the optimum
/// places as many as can be placed, before and after a change, and an offer's gain in count is
/// the gain of a maximum flow. New arcs into slot `x` add flow only along paths *unplaced
/// student ⇝ entrant → x ⇝ room* in the residual network. The part from `x` to room lies among
/// the slots that reach room, which no unplaced student reaches (else the flow was not
/// maximum), so the gain is at most the number of paths from `x` to room that share no unit of
/// capacity. Every student is such a unit (it holds one place and moves once), and so is the
/// last free place of an internship; a slot may be passed any number of times. By Menger's
/// theorem two such paths exist unless one unit lies on every path from `x` to room: a unit
/// that *dominates* `x` in the graph of moves reversed from room. So one dominator tree (Cooper,
/// Harvey and Kennedy's iterative algorithm, "A Simple, Fast Dominance Algorithm", 2001)
/// answers "at most one more?" for every slot at once.
///
/// A support pool's link to its internship is a unit too where it carries one: a pool with one
/// support place free (entering it), or holding one student (leaving it); links of two or more
/// cannot be the single unit on every path.
public struct WaysToRoom: Sendable {
    /// Immediate dominator of each node of the reversed graph (slots, then students, then the
    /// last free places, then room), -1 where room is not reached.
    let idom: [Int32]
    /// Order of each node in the depth-first search from room (-1 when not reached).
    let order: [Int32]
    let slotCount: Int
    let studentCount: Int
    let internshipCount: Int
    let room: Int

    /// Whether a node is a unit of capacity (a student, a last free place, a pool's last free
    /// support place or its one student); room is at `slotCount`, after the slots.
    func isUnit(_ v: Int) -> Bool { v > slotCount }

    /// Whether new arcs into internship `j` could place two students more: students who need a
    /// job coach enter its support pool (`support` holds true when such a student is among
    /// them), the others the internship itself (false).
    /// - Complexity: as ``atLeastTwo(from:)``.
    public func canPlaceTwo(into j: Int, support: Set<Bool>) -> Bool {
        let hasSupport = slotCount == 2 * internshipCount
        return atLeastTwo(from: support.map { $0 && hasSupport ? internshipCount + j : j })
    }

    /// Whether paths from the slots `from` to room (together, as from one source) can carry two
    /// students: false when no path leads to room or one unit lies on all of them.
    /// - Complexity: O(depth of the dominator tree · `from.count`).
    public func atLeastTwo(from slots: [Int]) -> Bool {
        var common: Int?
        for x in slots {
            guard order[x] >= 0 else { continue }
            guard var a = common else {
                common = x
                continue
            }
            var b = x
            while a != b {
                while order[a] > order[b] { a = Int(idom[a]) }
                while order[b] > order[a] { b = Int(idom[b]) }
            }
            common = a
        }
        guard var d = common else { return false }
        // The common dominators of the sources: their nearest one, and its dominators up to room.
        while d != room {
            if isUnit(d) { return false }
            d = Int(idom[d])
        }
        return true
    }
}

extension ShortestPathEngine {
    /// The dominator tree of the residual moves toward room (see ``WaysToRoom``). Nodes: slots
    /// `0 ..< slotCount`, room at `sink`, students at `sink + 1 + t`, then per internship `j`
    /// its last free place, its pool's last free support place and its pool's one student.
    /// - Complexity: O(arcs) to build the reversed graph, then O(arcs) per pass of the
    ///   iterative algorithm (a few passes: it stops when nothing changes).
    func waysToRoom<Index: IncomingArcIndex>(arcs: ArcView, index: Index) -> WaysToRoom {
        let room = sink, studentBase = sink + 1, lastPlaceBase = sink + 1 + n
        // Units on the links of a pool and its internship: one support place free, one held.
        let poolEntryBase = lastPlaceBase + m, poolExitBase = poolEntryBase + m
        let nodes = poolExitBase + m
        func poolRoom(_ j: Int) -> Int32 { cap[m + j] - count[m + j] }
        // The reversed graph (from room backwards along moves), as CSR: room → an internship
        // with room (through its last free place when it has one), a slot → each student who
        // could move into it (not by the arc it holds), a student → the slot it leaves, and the
        // links between an internship and its pool.
        func successors(_ v: Int, _ body: (Int) -> Void) {
            if v == room {
                for j in 0 ..< m where load(j) < cap[j] { body(cap[j] - load(j) == 1 ? lastPlaceBase + j : j) }
            } else if v >= poolExitBase {
                body(v - poolExitBase)
            } else if v >= poolEntryBase {
                body(m + v - poolEntryBase)
            } else if v >= lastPlaceBase {
                body(v - lastPlaceBase)
            } else if v >= studentBase {
                let w = Int(slotOf[v - studentBase])
                if w >= 0, w < sink { body(w) }
            } else {
                // Forward: a pool with room leads into its internship; an internship leads back
                // into its pool while the pool holds someone.
                if hasSupport {
                    if v < m, poolRoom(v) > 0 { body(poolRoom(v) == 1 ? poolEntryBase + v : m + v) }
                    if v >= m, count[v] > 0 { body(count[v] == 1 ? poolExitBase + v - m : v - m) }
                }
                index.scan(into: v) { entry in
                    let t = entry.student
                    let w = Int(slotOf[t])
                    if w >= 0, w < sink, w != v { body(studentBase + t) }
                    return true
                }
            }
        }
        // Only what room reaches, each node's successors listed once, in the order found (a
        // breadth-first pass): one scan of the arcs into the slots that lead to room.
        var start = [Int32](repeating: -1, count: nodes), stop = [Int32](repeating: -1, count: nodes)
        var edges: [Int32] = []
        var queue: [Int32] = [Int32(room)]
        var seen = [Bool](repeating: false, count: nodes)
        seen[room] = true
        var front = 0
        while front < queue.count {
            let v = Int(queue[front])
            front += 1
            start[v] = Int32(edges.count)
            successors(v) { w in
                edges.append(Int32(truncatingIfNeeded: w))
                if !seen[w] {
                    seen[w] = true
                    queue.append(Int32(truncatingIfNeeded: w))
                }
            }
            stop[v] = Int32(edges.count)
        }
        // Reverse postorder of a depth-first search from room.
        var order = [Int32](repeating: -1, count: nodes)
        var postorder: [Int32] = []
        postorder.reserveCapacity(queue.count)
        var stack: [(node: Int32, edge: Int32)] = [(Int32(room), start[room])]
        var visited = [Bool](repeating: false, count: nodes)
        visited[room] = true
        while let top = stack.last {
            let v = Int(top.node)
            if top.edge < stop[v] {
                stack[stack.count - 1].edge += 1
                let w = Int(edges[Int(top.edge)])
                if !visited[w] {
                    visited[w] = true
                    stack.append((Int32(w), start[w]))
                }
            } else {
                postorder.append(top.node)
                stack.removeLast()
            }
        }
        let rpo = Array(postorder.reversed())
        for (k, v) in rpo.enumerated() { order[Int(v)] = Int32(k) }
        // Predecessors in the reversed graph are the moves forward: what a node leads to.
        func predecessors(_ v: Int, _ body: (Int) -> Void) {
            if v >= poolExitBase {
                body(m + v - poolExitBase)
            } else if v >= poolEntryBase {
                body(v - poolEntryBase)
            } else if v >= lastPlaceBase {
                body(room)
            } else if v >= studentBase {
                let t = v - studentBase, shift = Int(poolShift[t])
                for b in Int(arcs.begin[t]) ..< Int(arcs.end[t]) where Int32(truncatingIfNeeded: b) != arcOf[t] {
                    body(Int(arcs.target[b]) + shift)
                }
            } else if v < sink {
                if v < m, load(v) < cap[v] { body(cap[v] - load(v) == 1 ? lastPlaceBase + v : room) }
                if hasSupport {
                    if v < m, count[m + v] > 0 { body(count[m + v] == 1 ? poolExitBase + v : m + v) }
                    if v >= m, poolRoom(v - m) > 0 { body(poolRoom(v - m) == 1 ? poolEntryBase + v - m : v - m) }
                }
                var t = Int(head[v])
                while t >= 0 {
                    body(studentBase + t)
                    t = Int(next[t])
                }
            }
        }
        var idom = [Int32](repeating: -1, count: nodes)
        idom[room] = Int32(room)
        var changed = true
        while changed {
            changed = false
            for v in rpo.dropFirst() {
                var best = -1
                predecessors(Int(v)) { p in
                    guard order[p] >= 0, idom[p] >= 0 else { return }
                    guard best >= 0 else {
                        best = p
                        return
                    }
                    var a = p, b = best
                    while a != b {
                        while order[a] > order[b] { a = Int(idom[a]) }
                        while order[b] > order[a] { b = Int(idom[b]) }
                    }
                    best = a
                }
                if best >= 0, idom[Int(v)] != Int32(best) {
                    idom[Int(v)] = Int32(best)
                    changed = true
                }
            }
        }
        return WaysToRoom(idom: idom, order: order, slotCount: slotCount, studentCount: n, internshipCount: m, room: room)
    }
}

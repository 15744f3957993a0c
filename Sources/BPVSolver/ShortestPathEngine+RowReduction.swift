/// Augmenting row reduction (Jonker and Volgenant, "A shortest augmenting path algorithm for
/// dense and sparse linear assignment problems", 1987), for internships with one place.
///
/// Where every internship has one place and every student must be placed (the NETGEN and
/// OR-Library shape), the greedy pass seats few students at zero prices, and each remaining
/// student's shortest-path search grows with the prices still to be found: the solve grows
/// like n². Row reduction finds most prices by bidding instead: a waiting student takes its
/// cheapest internship in reduced cost and raises that internship's price by the gap to its
/// second-cheapest, pushing out the student who held it, who bids in turn. Every step keeps the
/// invariants of `ShortestPathEngine+Repair.swift` (the student's arc is tight at the new price,
/// its other arcs are at least the second-cheapest, and other students' arcs into the raised
/// internship only get dearer), so the exact searches that follow start from better prices and
/// the result is the same optimum.
extension ShortestPathEngine {
    /// Seats as many of `waiting` as bidding can within `budget` steps; returns those left for
    /// the searches (pushed-out students included).
    ///
    /// Only single-place internships outside support pools are bid up; a student whose cheapest
    /// internship has more places, all taken, is left for a search.
    /// - Complexity: O(budget · arcs per student).
    func reduceRows(_ waiting: [Int32], arcs: ArcView, budget: Int) -> [Int32] {
        guard !hasSupport else { return waiting }
        var queue = waiting
        var next = 0
        var left: [Int32] = []
        var steps = 0
        let sinkPot = potSlot[sink]
        while next < queue.count {
            let s = Int(queue[next])
            next += 1
            steps += 1
            guard steps <= budget else {
                left.append(Int32(truncatingIfNeeded: s))
                continue
            }
            // The cheapest and second-cheapest choice in reduced price; -2 is "unplaced".
            var u1 = Int64.max, a1 = -1, u2 = Int64.max, a2 = -1
            func consider(_ v: Int64, _ a: Int) {
                if v < u1 {
                    (u2, a2) = (u1, a1)
                    (u1, a1) = (v, a)
                } else if v < u2 {
                    (u2, a2) = (v, a)
                }
            }
            for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                consider(arcs.cost[a] - potSlot[Int(arcs.target[a])], a)
            }
            let u = unplacedCost[s]
            if u != UnplacedPricing.forbidden { consider(u - sinkPot, -2) }
            guard a1 != -1 else {
                left.append(Int32(truncatingIfNeeded: s))
                continue
            }
            if a1 == -2 {
                link(s, to: sink, arc: -1)
                potStudent[s] = -u1
                continue
            }
            var k = Int(arcs.target[a1]), arc = a1, price = u1
            if !hasRoom(k) {
                guard cap[k] == 1, u2 != Int64.max else {
                    left.append(Int32(truncatingIfNeeded: s))
                    continue
                }
                if u1 < u2 {
                    // Outbid the holder: the place now costs the gap more, s pays its second choice.
                    potSlot[k] -= u2 - u1
                    price = u2
                } else if a2 == -2 {
                    // Unplaced is as good as the best place (u1 == u2).
                    link(s, to: sink, arc: -1)
                    potStudent[s] = -u1
                    continue
                } else {
                    // A tie: take the second choice instead, at the same price.
                    k = Int(arcs.target[a2])
                    arc = a2
                    if !hasRoom(k), cap[k] != 1 {
                        left.append(Int32(truncatingIfNeeded: s))
                        continue
                    }
                }
                if !hasRoom(k) {
                    let holder = Int(head[k])
                    unlink(holder)
                    queue.append(Int32(truncatingIfNeeded: holder))
                }
            }
            link(s, to: k, arc: Int32(truncatingIfNeeded: arc))
            potStudent[s] = -price
        }
        return left
    }
}

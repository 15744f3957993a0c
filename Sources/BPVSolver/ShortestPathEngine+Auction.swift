/// A price start for perfect assignments by an ε-scaling auction (Bertsekas, "The auction
/// algorithm: a distributed relaxation method for the assignment problem", 1988; Bertsekas and
/// Eckstein, "Dual coordinate step methods for linear network flow problems", 1988).
///
/// **Why.** Where every student must be placed and every internship has exactly one place (the
/// NETGEN and OR-Library assignment shape), successive shortest paths grow like n²: the greedy
/// pass and row reduction leave a few thousand students whose searches are long, because the
/// prices that would make them short are found one search at a time. An auction finds prices
/// for the whole graph at once, coarse first: with a large ε every student bids for its best
/// internship and raises its price by the gap to its second choice plus ε; each phase divides
/// ε until it is 1. Every phase keeps ε-complementary slackness: each seated student's arc
/// costs at most ε more, at the current prices, than its cheapest arc.
///
/// **Exactness.** The auction is only a start. At ε = 1 and integer costs, a seated student's
/// arc is either tight (reduced cost 0: it keeps its seat) or dearer by exactly 1; the latter
/// are unseated and placed by the engine's exact searches, each of which ends within distance
/// 1. Their internships are left free at their price, which is exact here: every internship
/// will be filled, so a cost on an internship's arc to the sink changes every solution alike,
/// and the one that makes that arc tight (the engine's searches reach the sink at a free
/// internship's distance) changes no optimum. The duals the engine returns are exact and the
/// certificate checks them as for any solve: at the end no internship has room, so no
/// internship-to-sink condition applies.
///
/// **When.** Only for one group of students who must all be placed, as many as the internships,
/// each with one place, without support pools. Anything else (capacities, optional students,
/// tiers) is left to the engine as before. An auction cannot tell that no perfect assignment
/// exists (prices rise for ever), so it gives up after a budget of bids and the engine solves
/// from zero prices, which reports the infeasibility.
struct ScaledAuction {
    /// The phase's ε is divided by this factor until it reaches 1.
    var scaleFactor: Int64 = 5
    /// Bids allowed per student and phase before the auction gives up.
    var bidsPerStudent = 64

    /// Prices and a seat for every student, or nil when the auction gave up.
    struct Outcome {
        var prices: [Int64]
        var arcOf: [Int32]
        var bids: Int
    }

    /// Whether an engine's instance has the auction's shape (see the type's documentation).
    /// - Complexity: O(students + internships).
    static func applies(to engine: ShortestPathEngine, groups: [ArraySlice<Int32>]) -> Bool {
        guard !engine.hasSupport, engine.n == engine.m, engine.n > 1, groups.count == 1 else { return false }
        for j in 0 ..< engine.m where engine.cap[j] != 1 { return false }
        for s in 0 ..< engine.n where engine.unplacedCost[s] != UnplacedPricing.forbidden { return false }
        return true
    }

    /// Runs the auction on `n` students and `n` single-place internships.
    /// - Throws: ``SolverError/cancelled``.
    /// - Complexity: O(bids · arcs per student); at most `bidsPerStudent · n` bids per phase and
    ///   about log(cost range) / log(scaleFactor) phases.
    func run(arcs: ArcView, n: Int, shouldCancel: (@Sendable () -> Bool)?) throws(SolverError) -> Outcome? {
        let target = arcs.target, cost = arcs.cost
        var lowest = Int64.max, highest = Int64.min
        for s in 0 ..< n {
            let b = Int(arcs.begin[s]), e = Int(arcs.end[s])
            guard b < e else { return nil }
            for a in b ..< e {
                lowest = min(lowest, cost[a])
                highest = max(highest, cost[a])
            }
        }
        let range = highest - lowest
        // A student with one arc must have it whatever it costs: it bids a whole range more.
        let soleStep = range + 1
        var epsilon = max(1, range / (scaleFactor * scaleFactor))
        let limit = bidsPerStudent * n
        // Every bid raises a price by at most the step plus ε: prices stay below the bids of
        // all phases times that, which must keep far from overflow (the engine adds costs to them).
        var phases = 1
        var e = epsilon
        while e > 1 { e = max(1, e / scaleFactor); phases += 1 }
        guard range < 1 << 32, Double(limit) * Double(phases) * Double(soleStep + range + epsilon) < 0x1p59 else { return nil }

        var prices = [Int64](repeating: 0, count: n)
        var holder = [Int32](repeating: -1, count: n)
        var arcOf = [Int32](repeating: -1, count: n)
        // Unseated students, first in first out; never more than n at once.
        var ring = [Int32](repeating: 0, count: n + 1)
        var bids = 0
        let finished = try prices.withUnsafeMutableBufferPointer { (price) throws(SolverError) -> Bool in
            try holder.withUnsafeMutableBufferPointer { (holder) throws(SolverError) -> Bool in
                try arcOf.withUnsafeMutableBufferPointer { (arcOf) throws(SolverError) -> Bool in
                    try ring.withUnsafeMutableBufferPointer { (ring) throws(SolverError) -> Bool in
                        var head = 0, tail = 0
                        func push(_ s: Int) {
                            ring[tail] = Int32(truncatingIfNeeded: s)
                            tail = tail == n ? 0 : tail + 1
                        }
                        while true {
                            // Students whose seat breaks the new ε's slackness bid again.
                            for s in 0 ..< n {
                                let own = Int(arcOf[s])
                                if own >= 0 {
                                    var best = Int64.max
                                    for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                                        best = min(best, cost[a] + price[Int(target[a])])
                                    }
                                    if cost[own] + price[Int(target[own])] <= best + epsilon { continue }
                                    holder[Int(target[own])] = -1
                                    arcOf[s] = -1
                                }
                                push(s)
                            }
                            var phaseBids = 0
                            while head != tail {
                                let s = Int(ring[head])
                                head = head == n ? 0 : head + 1
                                var w1 = Int64.max, w2 = Int64.max, a1 = -1
                                for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                                    let v = cost[a] + price[Int(target[a])]
                                    if v < w1 {
                                        w2 = w1
                                        w1 = v
                                        a1 = a
                                    } else if v < w2 {
                                        w2 = v
                                    }
                                }
                                let j = Int(target[a1])
                                price[j] += (w2 == .max ? soleStep : w2 - w1) + epsilon
                                let previous = Int(holder[j])
                                if previous >= 0 {
                                    arcOf[previous] = -1
                                    push(previous)
                                }
                                holder[j] = Int32(truncatingIfNeeded: s)
                                arcOf[s] = Int32(truncatingIfNeeded: a1)
                                phaseBids += 1
                                if phaseBids > limit { return false }
                                if phaseBids & 0xFFFF == 0, let shouldCancel, shouldCancel() { throw .cancelled }
                            }
                            bids += phaseBids
                            if epsilon == 1 { break }
                            epsilon = max(1, epsilon / scaleFactor)
                        }
                        return true
                    }
                }
            }
        }
        return finished ? Outcome(prices: prices, arcOf: arcOf, bids: bids) : nil
    }
}

extension ShortestPathEngine {
    /// Seats the students of a perfect assignment at the auction's prices where their arc is
    /// tight, and returns the others, for the searches. The engine must be fresh (nobody seated).
    /// - Complexity: O(arcs).
    func install(_ outcome: ScaledAuction.Outcome, arcs: ArcView) -> [Int32] {
        for j in 0 ..< m { potSlot[j] = -outcome.prices[j] }
        var waiting: [Int32] = []
        for s in 0 ..< n {
            var best = Int64.max
            for a in Int(arcs.begin[s]) ..< Int(arcs.end[s]) {
                best = min(best, arcs.cost[a] - potSlot[Int(arcs.target[a])])
            }
            let own = Int(outcome.arcOf[s])
            let j = Int(arcs.target[own])
            if arcs.cost[own] - potSlot[j] == best {
                link(s, to: j, arc: Int32(truncatingIfNeeded: own))
                potStudent[s] = -best
            } else {
                waiting.append(Int32(truncatingIfNeeded: s))
            }
        }
        auctionBids += outcome.bids
        return waiting
    }
}

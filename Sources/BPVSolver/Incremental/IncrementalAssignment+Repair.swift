/// The change logic of ``IncrementalAssignment``: each change applied to the instance and the
/// engine, the students it breaks taken out, then the engine's repair (`restoreRoom`, seating
/// without a search, searches) and the bookkeeping of costs and bounds.
extension IncrementalAssignment {
    /// Applies `changes` and restores optimality; the caller (``apply(_:)``, ``whatIf(_:_:)``)
    /// snapshots first and restores on a throw.
    func repair(_ changes: [AssignmentChange]) throws(SolverError) -> RepairStatistics {
        if !indexed { buildIndex() }
        let searchesBefore = engine.searches, scannedBefore = engine.scannedArcs
        var pending: [Int32] = []
        var worklist: [Int] = []
        var needsCold = false
        for change in changes {
            switch change {
            case .setArcs(let s, let arcs):
                try requireStudent(s)
                try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
            case .setArc(let s, let arc):
                try requireStudent(s)
                let existing = (Int(instance.begin[s]) ..< Int(instance.end[s])).filter { target[$0] == arc.internship }
                if existing.count == 1, abs(arc.cost) <= AssignmentProblem.maximumAbsoluteCost {
                    recost(s, arc: existing[0], to: arc.cost, pending: &pending, worklist: &worklist)
                } else {
                    var arcs = arcs(of: s).filter { $0.internship != arc.internship }
                    arcs.append(arc)
                    try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
                }
            case .removeArc(let s, let j):
                try requireStudent(s)
                try replaceArcs(of: s, with: arcs(of: s).filter { $0.internship != j }, pending: &pending, worklist: &worklist)
            case .setTier(let s, let tier):
                try requireStudent(s)
                guard instance.tiers != nil else { throw .invalidChange("tiers belong to the lexicographic objective; use setUnplacedCost") }
                // The same tier again (a round change re-sends every touched student's) changes
                // no cost: the student stays where it is.
                guard instance.tiers?[s] != tier else { continue }
                instance.tiers?[s] = tier
                retake(s, pending: &pending, worklist: &worklist)
            case .setUnplacedCost(let s, let c):
                try requireStudent(s)
                guard instance.tiers == nil else { throw .invalidChange("unplaced costs belong to the explicit objective; use setTier") }
                guard instance.explicitCosts[s] != c else { continue }
                instance.explicitCosts[s] = c
                retake(s, pending: &pending, worklist: &worklist)
            case .setMustPlace(let s, let must):
                try requireStudent(s)
                guard instance.mustPlace[s] != must else { continue }
                instance.mustPlace[s] = must
                retake(s, pending: &pending, worklist: &worklist)
            case .setCapacity(let j, let places):
                try requireInternship(j)
                guard places >= 0 else { throw .invalidChange("internship \(j): negative capacity \(places)") }
                instance.capacities[j] = places
                engine.setCapacity(j, places, worklist: &worklist, pending: &pending)
            case .setSupportCapacity(let j, let places):
                try requireInternship(j)
                guard hasSupport else { throw .invalidChange("this instance has no support limits") }
                guard places >= 0 else { throw .invalidChange("internship \(j): negative support capacity \(places)") }
                instance.supportCapacities[j] = places
                engine.setSupportCapacity(j, places, worklist: &worklist, pending: &pending)
            case .addStudent(let arcs, let tier, let unplaced, let support):
                guard !support || hasSupport else { throw .invalidChange("this instance has no support limits") }
                let s = studentCount
                instance.begin.append(Int32(target.count))
                instance.end.append(Int32(target.count))
                instance.tiers?.append(tier)
                instance.explicitCosts.append(unplaced)
                instance.mustPlace.append(false)
                instance.removed.append(false)
                instance.needsSupport.append(support)
                instance.rangeOf.append(0)
                instance.maxAbsOf.append(0)
                engine = ShortestPathEngine(copying: engine, studentCount: s + 1, internshipCount: internshipCount)
                engine.poolShift[s] = support ? Int32(internshipCount) : 0
                try replaceArcs(of: s, with: arcs, pending: &pending, worklist: &worklist)
                engine.unplacedCost[s] = unplacedCost(s)
                pending.append(Int32(s))
            case .removeStudent(let s):
                try requireStudent(s)
                instance.removed[s] = true
                try replaceArcs(of: s, with: [], pending: &pending, worklist: &worklist)
                retake(s, pending: &pending, worklist: &worklist)
            case .addInternship(let places, let supportPlaces):
                guard places >= 0, supportPlaces >= 0 else { throw .invalidChange("negative capacity") }
                let j = internshipCount
                instance.capacities.append(places)
                if hasSupport { instance.supportCapacities.append(supportPlaces) }
                incoming.append([])
                engine = ShortestPathEngine(copying: engine, studentCount: studentCount, internshipCount: j + 1)
                // Pools moved up by one: so do the slots waiting to be looked at.
                worklist = worklist.map { $0 >= j ? $0 + 1 : $0 }
                engine.cap[j] = places
                if hasSupport { engine.cap[engine.m + j] = supportPlaces }
            case .removeInternship(let j):
                try requireInternship(j)
                instance.capacities[j] = 0
                engine.setCapacity(j, 0, worklist: &worklist, pending: &pending)
                if hasSupport {
                    instance.supportCapacities[j] = 0
                    engine.setSupportCapacity(j, 0, worklist: &worklist, pending: &pending)
                }
            }
        }
        if instance.tiers != nil {
            let required = requiredPenaltyScale()
            if required > instance.penaltyScale {
                instance.penaltyScale = required <= UnplacedPricing.safeBound / 2 ? 2 * required : required
                needsCold = true
            }
        }
        try validateBounds()
        if needsCold {
            try solveCold()
        } else {
            try withArcView { (arcs) throws(SolverError) in
                try owner.withUnsafeBufferPointer { (owner) throws(SolverError) in
                    let index = IncrementalIncomingIndex(
                        incoming: incoming, owner: owner, arcs: arcs, poolShift: engine.poolShift, m: internshipCount)
                    engine.restoreRoom(&worklist, arcs: arcs, index: index, pending: &pending)
                    // Must-place students first, then by unplaced cost (tier), as a cold solve orders them.
                    var seen = Set<Int32>()
                    var queue = pending.filter { seen.insert($0).inserted && engine.slotOf[Int($0)] == ShortestPathEngine.unassigned }
                    // First whoever can be seated without a search (most important first; a
                    // student displaced on the way ranks lower and gets its turn), then searches.
                    var searchFor: [Int32] = []
                    while !queue.isEmpty {
                        var displaced: [Int32] = []
                        for s in queue.sorted(by: { (engine.unplacedCost[Int($0)], $1) > (engine.unplacedCost[Int($1)], $0) })
                        where !engine.seatWithoutSearch(Int(s), arcs: arcs, displaced: &displaced) {
                            searchFor.append(s)
                        }
                        queue = displaced
                    }
                    let order = searchFor.sorted { (engine.unplacedCost[Int($0)], $1) > (engine.unplacedCost[Int($1)], $0) }
                    let mustFirst = order.prefix { engine.unplacedCost[Int($0)] == UnplacedPricing.forbidden }
                    let rest = Array(order.dropFirst(mustFirst.count))
                    // Repairs search from the students unless told `.always` (which the tests use
                    // to keep both directions exact). A cold solve settles each tier on its own,
                    // into a market the lower tiers have not entered yet; a repair's waiting
                    // students meet a saturated market, and making them unplaced at once outbids
                    // chains of marginal students across it. Measured on the 30k region with
                    // places for three quarters (Benchmarks/RESULTS.md): one ban whose repair
                    // took 91 students out (a support pool's price rose) ran 21,997 backward
                    // searches, 52 s; from the students, the slowest tweaks take 3 to 5 s.
                    let fromPlaces = shortageMode == .always && engine.prefersPlaces(rest, mode: shortageMode)
                    for (k, s) in (fromPlaces ? Array(mustFirst) : order).enumerated() {
                        if k & 7 == 7, let shouldCancel, shouldCancel() { throw .cancelled }
                        try engine.augment(from: Int(s), arcs: arcs)
                    }
                    if fromPlaces {
                        try engine.settleFromPlaces(rest, arcs: arcs, index: index, shouldCancel: shouldCancel)
                    }
                }
            }
        }
        #if BPV_INTERNAL_CHECKS
        do {
            try OptimalityCertificate.verify(assignment, for: problem())
        } catch {
            preconditionFailure("the repaired assignment fails its certificate: \(error)")
        }
        #endif
        return RepairStatistics(
            reaugmented: Set(pending).count, searches: engine.searches - searchesBefore,
            scannedArcs: engine.scannedArcs - scannedBefore, resolvedCold: needsCold)
    }

    /// Takes `s` out and refreshes its unplaced cost (its unplaced arc changed).
    private func retake(_ s: Int, pending: inout [Int32], worklist: inout [Int]) {
        if let v = engine.detach(s) { engine.gainedRoom(v, into: &worklist) }
        engine.unplacedCost[s] = unplacedCost(s)
        pending.append(Int32(s))
    }

    /// Writes `arcs` as `s`'s arcs (cheapest first). The student keeps its place when its arc
    /// there is unchanged and no new arc undercuts it; otherwise it is taken out.
    private func replaceArcs(of s: Int, with arcs: [Arc], pending: inout [Int32], worklist: inout [Int]) throws(SolverError) {
        for a in arcs {
            guard a.internship >= 0, Int(a.internship) < internshipCount else {
                throw .invalidChange("student \(s): arc to internship \(a.internship), which does not exist")
            }
            guard abs(a.cost) <= AssignmentProblem.maximumAbsoluteCost else {
                throw .invalidChange("student \(s): cost \(a.cost) is beyond ±\(AssignmentProblem.maximumAbsoluteCost)")
            }
        }
        let sorted = arcs.sorted { ($0.cost, $0.internship) < ($1.cost, $1.internship) }
        let oldArc = Int(engine.arcOf[s])
        let old = oldArc >= 0 ? Arc(internship: target[oldArc], cost: cost[oldArc]) : nil
        instance.liveArcs += sorted.count - Int(instance.end[s] - instance.begin[s])
        let first = Int32(target.count)
        incomingEntries += sorted.count
        for a in sorted {
            incoming[Int(a.internship)].append(Int32(target.count))
            target.append(a.internship)
            cost.append(a.cost)
            owner.append(Int32(s))
        }
        instance.begin[s] = first
        instance.end[s] = Int32(target.count)
        keepOrRetake(s, placedAt: old?.internship, pending: &pending, worklist: &worklist)
    }

    /// Changes the cost of arc `a` of student `s` where it is stored, moving it to its place in
    /// the student's cheapest-first order; each arc that moved is indexed again under its new
    /// position (the old entries go stale). Every edit is logged, so that a failed change or a
    /// what-if puts the arcs back exactly (see ``restore(_:)``).
    /// - Complexity: O(arcs of the student); no arc storage is appended, unlike ``replaceArcs``.
    private func recost(_ s: Int, arc a: Int, to newCost: Int64, pending: inout [Int32], worklist: inout [Int]) {
        let b = Int(instance.begin[s]), e = Int(instance.end[s])
        let ownArc = Int(engine.arcOf[s])
        let placedAt = ownArc >= 0 ? target[ownArc] : nil
        func edit(_ i: Int, _ t: Int32, _ c: Int64) {
            arcEdits.append((Int32(i), target[i], cost[i]))
            target[i] = t
            cost[i] = c
        }
        var p = a
        let t = target[a]
        // Shift the arcs between the old and the new position by one, then write the arc.
        while p > b, (newCost, t) < (cost[p - 1], target[p - 1]) {
            edit(p, target[p - 1], cost[p - 1])
            p -= 1
        }
        while p + 1 < e, (cost[p + 1], target[p + 1]) < (newCost, t) {
            edit(p, target[p + 1], cost[p + 1])
            p += 1
        }
        edit(p, t, newCost)
        for i in min(a, p) ... max(a, p) where p != a {
            incoming[Int(target[i])].append(Int32(i))
            incomingEntries += 1
        }
        keepOrRetake(s, placedAt: placedAt, pending: &pending, worklist: &worklist)
    }

    /// After `s`'s arcs changed: keeps `s` where it is when it can stay optimal there, or takes
    /// it out. A placed student follows its arc to the internship it holds (`placedAt`): its
    /// potential makes that arc tight (I1), and `staysOptimal` checks every other arc against
    /// it. So a place that got cheaper (a stability bonus after a match, a changed weight)
    /// keeps everyone where they are instead of re-placing them all.
    private func keepOrRetake(_ s: Int, placedAt: Int32?, pending: inout [Int32], worklist: inout [Int]) {
        measure(s)
        let slot = Int(engine.slotOf[s])
        guard slot != Int(ShortestPathEngine.unassigned) else { return }
        if slot < engine.sink {
            guard let placedAt,
                  let k = (Int(instance.begin[s]) ..< Int(instance.end[s])).first(where: { target[$0] == placedAt })
            else {
                retake(s, pending: &pending, worklist: &worklist)
                return
            }
            engine.arcOf[s] = Int32(k)
            engine.potStudent[s] = engine.potSlot[slot] - cost[k]
        }
        let kept = withArcView { arcs in engine.staysOptimal(s, arcs: arcs) }
        if !kept { retake(s, pending: &pending, worklist: &worklist) }
    }

    private func requireStudent(_ s: Int) throws(SolverError) {
        guard s >= 0, s < studentCount else { throw .invalidChange("no student \(s)") }
    }

    private func requireInternship(_ j: Int) throws(SolverError) {
        guard j >= 0, j < internshipCount else { throw .invalidChange("no internship \(j)") }
    }

    /// `1 + Σ` per-student cost ranges (0 included), as ``UnplacedPricing`` computes it.
    func requiredPenaltyScale() -> Int64 { 1 &+ instance.sumRange }

    /// Records `s`'s cost range and largest |cost| (both 0 for a removed student).
    func measure(_ s: Int) {
        var lo: Int64 = 0, hi: Int64 = 0
        if !instance.removed[s] {
            for a in Int(instance.begin[s]) ..< Int(instance.end[s]) {
                lo = min(lo, cost[a])
                hi = max(hi, cost[a])
            }
        }
        instance.sumRange = instance.sumRange &- instance.rangeOf[s] &+ (hi - lo)
        instance.sumMaxAbs = instance.sumMaxAbs &- instance.maxAbsOf[s] &+ max(hi, -lo)
        instance.rangeOf[s] = hi - lo
        instance.maxAbsOf[s] = max(hi, -lo)
    }

    /// Refuses instances whose paths could overflow, as a cold solve does.
    /// - Complexity: O(students).
    private func validateBounds() throws(SolverError) {
        var maxUnplaced: Int64 = 0
        for s in 0 ..< studentCount {
            let u = unplacedCost(s)
            if u != UnplacedPricing.forbidden { maxUnplaced = max(maxUnplaced, abs(u)) }
        }
        guard instance.sumRange <= UnplacedPricing.safeBound / 4, instance.sumMaxAbs <= UnplacedPricing.safeBound / 4,
              maxUnplaced <= UnplacedPricing.safeBound / 2
        else {
            throw .invalidChange("the changed instance's costs are too large to solve without overflow")
        }
    }

}

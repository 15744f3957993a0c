@testable import BPVSolver
import Testing

/// The incremental session against cold solves: after every change, the repaired assignment
/// has the cold optimum of the changed instance and passes the certificate.
@Suite("Incremental re-solve")
struct IncrementalTests {
    static let shapes: [InstanceShape] = [
        InstanceShape(students: 1 ... 14, internships: 1 ... 6, arcsPerStudent: 0 ... 4, capacity: 0 ... 3, cost: 0 ... 30),
        InstanceShape(students: 5 ... 30, internships: 2 ... 10, arcsPerStudent: 1 ... 5, capacity: 0 ... 3, cost: -10 ... 40, tiers: 3),
        InstanceShape(students: 5 ... 30, internships: 2 ... 10, arcsPerStudent: 1 ... 5, capacity: 1 ... 3, cost: 0 ... 40,
                      tiers: 2, support: true),
        InstanceShape(students: 3 ... 20, internships: 2 ... 8, arcsPerStudent: 1 ... 4, capacity: 1 ... 4, cost: 0 ... 50,
                      explicitUnplaced: true, mustPlaceShare: 0.1),
    ]

    /// A random change that fits the session's instance.
    static func randomChange(_ session: IncrementalAssignment, explicit: Bool, leaving: Set<Int>, rng: inout SplitMix64) -> AssignmentChange {
        let n = session.studentCount, m = session.internshipCount
        // A student who dropped out is not changed again (as in the shell); their index stays.
        let active = (0 ..< n).filter { !session.instance.removed[$0] && !leaving.contains($0) }
        let j = Int32.random(in: 0 ..< Int32(m), using: &rng)
        let arc = Arc(internship: j, cost: Int64.random(in: -5 ... 60, using: &rng))
        guard let s = active.randomElement(using: &rng) else {
            return .addStudent(arcs: [arc], tier: 0, unplacedCost: explicit ? 40 : nil, needsSupport: false)
        }
        switch Int.random(in: 0 ..< 13, using: &rng) {
        case 0:
            // Half the time an arc the student has: its cost changes where it is stored.
            let own = session.arcs(of: s).randomElement(using: &rng)
            guard let own, Bool.random(using: &rng) else { return .setArc(student: s, arc: arc) }
            return .setArc(student: s, arc: Arc(internship: own.internship, cost: Int64.random(in: -5 ... 60, using: &rng)))
        case 1: return .removeArc(student: s, internship: session.arcs(of: s).randomElement(using: &rng)?.internship ?? j)
        case 2:
            let k = Int.random(in: 0 ... 4, using: &rng)
            return .setArcs(student: s, arcs: (0 ..< k).map { _ in
                Arc(internship: Int32.random(in: 0 ..< Int32(m), using: &rng), cost: Int64.random(in: 0 ... 50, using: &rng))
            })
        case 3:  // a pin: one arc, must place
            return .setArcs(student: s, arcs: [arc])
        case 4: return .setMustPlace(student: s, Bool.random(using: &rng))
        case 5: return .setCapacity(internship: Int(j), places: Int32.random(in: 0 ... 4, using: &rng))
        case 6:
            return session.hasSupport
                ? .setSupportCapacity(internship: Int(j), places: Int32.random(in: 0 ... 3, using: &rng))
                : .setCapacity(internship: Int(j), places: session.instance.capacities[Int(j)] + 1)
        case 7:
            return .addStudent(
                arcs: [arc, Arc(internship: Int32.random(in: 0 ..< Int32(m), using: &rng), cost: Int64.random(in: 0 ... 40, using: &rng))],
                tier: UInt8.random(in: 0 ... 2, using: &rng), unplacedCost: explicit ? Int64.random(in: 0 ... 80, using: &rng) : nil,
                needsSupport: session.hasSupport && Bool.random(using: &rng))
        case 8: return .removeStudent(s)
        case 9: return .addInternship(places: Int32.random(in: 1 ... 3, using: &rng), supportPlaces: Int32.random(in: 0 ... 1, using: &rng))
        case 10: return .removeInternship(Int(j))
        case 11:
            return explicit
                ? .setUnplacedCost(student: s, cost: Bool.random(using: &rng) ? nil : Int64.random(in: 0 ... 90, using: &rng))
                : .setTier(student: s, tier: UInt8.random(in: 0 ... 3, using: &rng))
        default:  // a travel-limit change: a few more arcs
            var arcs = session.arcs(of: s)
            arcs.append(arc)
            arcs.append(Arc(internship: Int32.random(in: 0 ..< Int32(m), using: &rng), cost: Int64.random(in: 20 ... 70, using: &rng)))
            return .setArcs(student: s, arcs: arcs)
        }
    }

    @Test(arguments: 0 ..< 200)
    func aFreshSessionHandsOnItsProblemAsItWasGivenAndAChangedOneAsItIsNow(seed: Int) throws {
        // A session never changed hands on the problem's own arrays (a match certifies through
        // here without a copy); once changed, the arcs as they are now.
        var rng = SplitMix64(seed: UInt64(seed) &* 0x2545_F491)
        let shape = Self.shapes[seed % Self.shapes.count]
        let initial = randomProblem(shape, rng: &rng)
        guard let session = try? IncrementalAssignment(initial) else { return }
        let given = session.problem()
        #expect(given.arcStart == initial.arcStart && given.arcInternship == initial.arcInternship && given.arcCost == initial.arcCost)
        #expect(given.capacities == initial.capacities && given.studentCount == initial.studentCount)
        try OptimalityCertificate.verify(session.assignment, for: given)
        let change = Self.randomChange(session, explicit: shape.explicitUnplaced, leaving: [], rng: &rng)
        guard (try? session.apply([change])) != nil else { return }
        let now = session.problem()
        try OptimalityCertificate.verify(session.assignment, for: now)
        for s in 0 ..< now.studentCount {
            let listed = (Int(now.arcStart[s]) ..< Int(now.arcStart[s + 1])).map { "\(now.arcInternship[$0]):\(now.arcCost[$0])" }
            #expect(listed.sorted() == session.arcs(of: s).map { "\($0.internship):\($0.cost)" }.sorted(), "seed \(seed), student \(s), \(change)")
        }
    }

    @Test(arguments: [ShortageMode.never, .always, .race], 0 ..< 1200)
    func randomTweakSequencesKeepTheColdOptimum(mode: ShortageMode, seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9)
        let shape = Self.shapes[seed % Self.shapes.count]
        // Must-place students can make a start infeasible; draw again until it is not, so every
        // seed runs a full sequence.
        var initial = randomProblem(shape, rng: &rng)
        var start = try? IncrementalAssignment(initial, shortageMode: mode)
        while start == nil {
            initial = randomProblem(shape, rng: &rng)
            start = try? IncrementalAssignment(initial, shortageMode: mode)
        }
        let session = try #require(start)
        var shadow = ShadowInstance(initial)
        for _ in 0 ..< 8 {
            var batch: [AssignmentChange] = [], leaving = Set<Int>()
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
                let change = Self.randomChange(session, explicit: shape.explicitUnplaced, leaving: leaving, rng: &rng)
                if case .removeStudent(let s) = change { leaving.insert(s) }
                batch.append(change)
            }
            let before = session.assignment, beforeProblem = session.problem()
            // A what-if of another batch first, as the shell's `try` and `gaps` do between
            // changes: whatever it does, the session must come back exactly as it was.
            if Bool.random(using: &rng) {
                var probe: [AssignmentChange] = [], probeLeaving = Set<Int>()
                for _ in 0 ..< Int.random(in: 1 ... 2, using: &rng) {
                    let change = Self.randomChange(session, explicit: shape.explicitUnplaced, leaving: probeLeaving, rng: &rng)
                    if case .removeStudent(let s) = change { probeLeaving.insert(s) }
                    probe.append(change)
                }
                do {
                    try session.whatIf(probe) { try OptimalityCertificate.verify($0.assignment, for: $0.problem()) }
                } catch SolverError.infeasible {
                    // An infeasible what-if changes nothing either.
                }
                #expect(session.assignment == before, "seed \(seed), what-if \(probe)")
                #expect(session.problem() == beforeProblem, "seed \(seed), what-if \(probe)")
            }
            var next = shadow
            for change in batch { next.apply(change) }
            var failure: SolverError?
            do {
                try session.apply(batch)
            } catch {
                failure = error
            }
            if let failure {
                guard case .infeasible = failure else { throw failure }
                // All or nothing: the session is exactly as it was, and the changed instance is
                // infeasible for a cold solve too.
                #expect(session.assignment == before)
                #expect(session.problem() == beforeProblem)
                #expect(throws: SolverError.self) { try AssignmentSolver().solve(next.problem(scale: session.instance.penaltyScale)) }
                continue
            }
            shadow = next
            let changed = session.problem()
            // The session's instance is the changed instance, kept independently here.
            #expect(changed == shadow.problem(scale: session.instance.penaltyScale), "seed \(seed), batch \(batch)")
            let repaired = session.assignment
            try OptimalityCertificate.verify(repaired, for: changed)
            let cold = try AssignmentSolver().solve(changed)
            #expect(repaired.totalCost == cold.totalCost, "seed \(seed), batch \(batch)")
            if !shape.explicitUnplaced {
                // Tiers are lexicographic, so the number placed is the same in every optimum;
                // explicit unplaced costs can tie with a placement.
                #expect(repaired.placedCount == cold.placedCount, "seed \(seed), batch \(batch)")
            }
        }
    }

    @Test func aWhatIfLeavesTheSessionExactlyAsItWas() throws {
        var rng = SplitMix64(seed: 7)
        let problem = randomProblem(Self.shapes[1], rng: &rng)
        let session = try IncrementalAssignment(problem)
        let before = session.assignment
        let moved = try session.whatIf([.setArcs(student: 0, arcs: [Arc(internship: 0, cost: 0)]), .setMustPlace(student: 0, true)]) {
            $0.internship(of: 0)
        }
        #expect(moved == 0)
        #expect(session.assignment == before)
        try session.apply([.removeStudent(1)])
        try OptimalityCertificate.verify(session.assignment, for: session.problem())
    }

    /// Replaced arcs stay behind until they outnumber the live ones; then the storage is
    /// rewritten, and the session must be the same instance, still optimal, before and after.
    @Test func compactingTheArcStorageKeepsTheInstanceAndItsOptimum() throws {
        var rng = SplitMix64(seed: 77)
        let shape = InstanceShape(students: 30 ... 30, internships: 8 ... 8, arcsPerStudent: 2 ... 5, capacity: 1 ... 3, cost: 0 ... 20,
                                  tiers: 2, support: true)
        let session = try IncrementalAssignment(randomProblem(shape, rng: &rng))
        session.compactionSlack = 0
        var compactions = 0
        for round in 0 ..< 40 {
            let s = Int.random(in: 0 ..< session.studentCount, using: &rng)
            let arcs = (0 ..< Int.random(in: 1 ... 4, using: &rng)).map { _ in
                Arc(internship: Int32.random(in: 0 ..< 8, using: &rng), cost: Int64.random(in: 0 ... 20, using: &rng))
            }
            let stored = session.target.count
            let problem = session.problem()
            session.compactIfWasteful()
            if session.target.count < stored { compactions += 1 }
            // Compaction alone changes nothing a caller can see.
            #expect(session.problem() == problem, "round \(round)")
            try OptimalityCertificate.verify(session.assignment, for: problem)
            try session.apply([.setArcs(student: s, arcs: arcs)])
            #expect(session.assignment.totalCost == (try AssignmentSolver().solve(session.problem())).totalCost)
        }
        #expect(compactions > 0)
    }

    @Test func aBanOfAnUnusedPairTouchesNobody() throws {
        var rng = SplitMix64(seed: 11)
        let problem = randomProblem(InstanceShape(students: 40 ... 40, internships: 12 ... 12, arcsPerStudent: 3 ... 5,
                                                  capacity: 2 ... 3, cost: 0 ... 40), rng: &rng)
        let session = try IncrementalAssignment(problem)
        let s = (0 ..< 40).first { session.internship(of: $0) != nil && session.arcs(of: $0).count > 1 }!
        let unused = session.arcs(of: s).first { Int($0.internship) != session.internship(of: s) }!
        let stats = try session.apply([.removeArc(student: s, internship: unused.internship)])
        #expect(stats.reaugmented == 0 && stats.searches == 0)
    }

    @Test func growingCostsBeyondThePenaltyScaleSolvesColdOnce() throws {
        let problem = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [1, 2])
        let session = try IncrementalAssignment(problem)
        let stats = try session.apply([.setArc(student: 1, arc: Arc(internship: 1, cost: 1_000))])
        #expect(stats.resolvedCold)
        #expect(session.internship(of: 0) == 0 && session.internship(of: 1) == 1)
        #expect(try session.apply([.setArc(student: 1, arc: Arc(internship: 1, cost: 999))]).resolvedCold == false)
    }

    @Test func changesNamingNothingAreRefused() throws {
        let problem = try AssignmentProblem(capacities: [1], arcStart: [0, 1], arcInternship: [0], arcCost: [1])
        let session = try IncrementalAssignment(problem)
        #expect(throws: SolverError.invalidChange("no student 3")) { try session.apply([.removeStudent(3)]) }
        #expect(throws: SolverError.self) { try session.apply([.setArc(student: 0, arc: Arc(internship: 4, cost: 1))]) }
        #expect(throws: SolverError.self) { try session.apply([.setUnplacedCost(student: 0, cost: 3)]) }
        #expect(session.internship(of: 0) == 0)
    }
}

/// The instance a session should hold, kept the plain way (no solver) from the same changes.
struct ShadowInstance {
    var arcs: [[Arc]]
    var capacities: [Int32]
    var support: [Int32]?
    var needs: [Bool]
    var tiers: [UInt8]?
    var explicit: [Int64?]
    var must: [Bool]
    var removed: [Bool]

    init(_ p: AssignmentProblem) {
        arcs = (0 ..< p.studentCount).map { s in p.arcs(of: s).map { Arc(internship: p.arcInternship[$0], cost: p.arcCost[$0]) } }
        capacities = p.capacities
        support = p.support?.capacities
        needs = p.support?.needsSupport ?? [Bool](repeating: false, count: p.studentCount)
        switch p.objective {
        case .maximizePlacements(let t):
            tiers = t.isEmpty ? [UInt8](repeating: 0, count: p.studentCount) : t
            explicit = [Int64?](repeating: nil, count: p.studentCount)
        case .unplacedCosts(let c):
            tiers = nil
            explicit = c
        }
        must = [Bool](repeating: false, count: p.studentCount)
        removed = must
    }

    mutating func apply(_ c: AssignmentChange) {
        switch c {
        case .setArcs(let s, let a): arcs[s] = a
        case .setArc(let s, let a): arcs[s] = arcs[s].filter { $0.internship != a.internship } + [a]
        case .removeArc(let s, let j): arcs[s] = arcs[s].filter { $0.internship != j }
        case .setTier(let s, let t): tiers?[s] = t
        case .setUnplacedCost(let s, let u): explicit[s] = u
        case .setMustPlace(let s, let m): must[s] = m
        case .setCapacity(let j, let p): capacities[j] = p
        case .setSupportCapacity(let j, let p): support?[j] = p
        case .addStudent(let a, let t, let u, let n):
            arcs.append(a)
            needs.append(n)
            tiers?.append(t)
            explicit.append(u)
            must.append(false)
            removed.append(false)
        case .removeStudent(let s):
            removed[s] = true
            arcs[s] = []
        case .addInternship(let p, let sp):
            capacities.append(p)
            support?.append(sp)
        case .removeInternship(let j):
            capacities[j] = 0
            support?[j] = 0
        }
    }

    /// The explicit-cost form a session uses: removed students 0, must-place nil, tiers `(t + 1) · scale`.
    func problem(scale: Int64) -> AssignmentProblem {
        var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
        for a in arcs {
            for x in a {
                target.append(x.internship)
                cost.append(x.cost)
            }
            start.append(Int32(target.count))
        }
        let costs = (0 ..< arcs.count).map { s -> Int64? in
            if removed[s] { return 0 }
            if must[s] { return nil }
            if let tiers { return (Int64(tiers[s]) + 1) * scale }
            return explicit[s]
        }
        return try! AssignmentProblem(
            capacities: capacities, arcStart: start, arcInternship: target, arcCost: cost, objective: .unplacedCosts(costs),
            support: support.map { SupportLimits(capacities: $0, needsSupport: needs) })
    }
}

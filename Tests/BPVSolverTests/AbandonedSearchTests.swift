import Testing
@testable import BPVSolver

/// A race's losing side stops inside its current search (`ShortestPathEngine+Race.swift`): the
/// students' side runs on the engine the solve keeps when the places' side loses, so a search
/// abandoned by its poll must leave that engine exactly as it was before the search began.
@Suite("Abandoned searches")
struct AbandonedSearchTests {
    /// A chain of `k` one-place internships: student `i` wants internship `i` (cost 0) or
    /// `i + 1` (cost 1); a last student wants internship 0 only, so its search moves everyone one
    /// place along and finalises every internship of the chain, polling several times.
    static func chain(_ k: Int) throws -> AssignmentProblem {
        var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
        for i in 0 ..< k {
            target += [Int32(i), Int32(i + 1)]
            cost += [0, 1]
            start.append(Int32(target.count))
        }
        target.append(0)
        cost.append(0)
        start.append(Int32(target.count))
        return try AssignmentProblem(capacities: [Int32](repeating: 1, count: k + 1), arcStart: start,
                                     arcInternship: target, arcCost: cost)
    }

    /// Who sits where and every potential.
    struct EngineState: Equatable {
        var slotOf: [Int32], arcOf: [Int32], potStudent: [Int64], potSlot: [Int64], count: [Int32]

        init(_ e: ShortestPathEngine) {
            slotOf = Array(UnsafeBufferPointer(start: e.slotOf, count: e.n))
            arcOf = Array(UnsafeBufferPointer(start: e.arcOf, count: e.n))
            potStudent = Array(UnsafeBufferPointer(start: e.potStudent, count: e.n))
            potSlot = Array(UnsafeBufferPointer(start: e.potSlot, count: e.slotCount + 1))
            count = Array(UnsafeBufferPointer(start: e.count, count: e.slotCount + 1))
        }
    }

    /// Runs `body` with an engine for `problem` and its arcs.
    func withEngine(_ problem: AssignmentProblem, _ body: (ShortestPathEngine, ArcView) throws -> Void) throws {
        let engine = ShortestPathEngine(problem: problem, pricing: try UnplacedPricing(problem))
        try problem.arcStart.withUnsafeBufferPointer { start in
            try problem.arcInternship.withUnsafeBufferPointer { target in
                try problem.arcCost.withUnsafeBufferPointer { cost in
                    let arcs = ArcView(begin: start.baseAddress!, end: start.baseAddress! + 1,
                                       target: target.baseAddress!, cost: cost.baseAddress!)
                    try body(engine, arcs)
                }
            }
        }
    }

    @Test func aSearchStoppedByItsPollLeavesTheEngineAsItWasAndTheNextSearchAsIfItNeverRan() throws {
        let k = 300
        let problem = try Self.chain(k)
        // The same solve without the abandoned search, for comparison.
        var expected: EngineState?
        try withEngine(problem) { engine, arcs in
            for s in 0 ... k { try engine.augment(from: s, arcs: arcs) }
            expected = EngineState(engine)
        }
        try withEngine(problem) { engine, arcs in
            for s in 0 ..< k { try engine.augment(from: s, arcs: arcs) }
            let before = EngineState(engine)
            var polls = 0
            let finished = try engine.augment(from: k, arcs: arcs, shouldStop: {
                polls += 1
                return polls == 3
            })
            #expect(!finished)
            #expect(polls == 3, "the search polls every \(ShortestPathEngine.pollMask + 1) slots it finalises")
            #expect(EngineState(engine) == before)
            #expect(engine.slotOf[k] == ShortestPathEngine.unassigned)
            try engine.augment(from: k, arcs: arcs)
            #expect(EngineState(engine) == expected)
        }
        // Not vacuous: the last search moved every student of the chain one place along.
        let moved = try #require(expected)
        #expect((0 ..< k).allSatisfy { moved.slotOf[$0] == Int32($0 + 1) } && moved.slotOf[k] == 0)
    }
}

import Testing
@testable import BPVSolver

@Suite("IndexedMinHeap")
struct IndexedMinHeapTests {
    @Test func popsInKeyOrderWithDecreaseKey() {
        var rng = SplitMix64(seed: 1)
        var heap = IndexedMinHeap(capacity: 500)
        var best = [Int64](repeating: .max, count: 500)
        for _ in 0 ..< 3000 {
            let node = Int.random(in: 0 ..< 500, using: &rng)
            let key = Int64.random(in: -1000 ... 1000, using: &rng)
            heap.insertOrDecrease(node, key: key)
            best[node] = min(best[node], key)
            heap.checkInvariants()
        }
        var last = Int64.min
        var popped = 0
        while let (node, key) = heap.popMin() {
            #expect(key >= last)
            #expect(key == best[node])
            last = key
            popped += 1
        }
        #expect(popped == best.filter { $0 != .max }.count)
    }

    @Test func removeAllEmptiesTheIndex() {
        var heap = IndexedMinHeap(capacity: 10)
        for i in 0 ..< 10 { heap.insertOrDecrease(i, key: Int64(10 - i)) }
        heap.removeAll()
        let empty = heap.isEmpty
        #expect(empty)
        for i in 0 ..< 10 {
            let present = heap.contains(i)
            #expect(!present)
        }
        heap.checkInvariants()
    }
}

extension IndexedMinHeap {
    /// Verifies heap order and the node-to-position index. Compiled in for debug builds, where
    /// the solver calls it after every search; a no-op in release builds.
    ///
    /// - Complexity: O(capacity) when enabled.
    func checkInvariants() {
        #if BPV_INTERNAL_CHECKS
        var present = 0
        for node in 0 ..< capacity where contains(node) { present += 1 }
        precondition(present == count, "heap index lists \(present) nodes but the heap holds \(count)")
        for i in 0 ..< count {
            precondition(Int(position[Int(nodes[i])]) == i, "heap index out of sync at \(i)")
            if i > 0 {
                precondition(keys[(i - 1) >> 1] <= keys[i], "heap order violated at \(i)")
            }
        }
        #endif
    }

    /// The key of the entry at heap index `i`; for the invariant checks and tests.
    func key(atHeapIndex i: Int) -> Int64 { keys[i] }
}

/// A binary min-heap of node ids `0 ..< capacity` keyed by `Int64`, with decrease-key.
///
/// Written by hand rather than using `Heap` from swift-collections because Dijkstra needs
/// decrease-key by node id, and because the solver's inner loop wants the keys inline next to
/// the ids (one cache line holds four entries) with no bounds or uniqueness checks.
struct IndexedMinHeap: ~Copyable {
    /// Heap entries in heap order: key and node id side by side.
    let keys: UnsafeMutablePointer<Int64>
    let nodes: UnsafeMutablePointer<Int32>
    /// Per node: its index in the heap, or -1 when absent.
    let position: UnsafeMutablePointer<Int32>
    let capacity: Int
    private(set) var count = 0

    /// - Complexity: O(capacity).
    init(capacity: Int) {
        self.capacity = capacity
        keys = .allocate(capacity: max(capacity, 1))
        nodes = .allocate(capacity: max(capacity, 1))
        position = .allocate(capacity: max(capacity, 1))
        position.initialize(repeating: -1, count: max(capacity, 1))
    }

    deinit {
        keys.deallocate()
        nodes.deallocate()
        position.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Whether `node` is in the heap.
    /// - Complexity: O(1).
    @inline(__always)
    func contains(_ node: Int) -> Bool { position[node] >= 0 }

    /// Inserts `node` with `key`, or lowers its key if it is present with a larger one.
    /// - Complexity: O(log count).
    @inline(__always)
    mutating func insertOrDecrease(_ node: Int, key: Int64) {
        var i = Int(position[node])
        if i < 0 {
            i = count
            count += 1
        } else if keys[i] <= key {
            return
        }
        // Sift up with a hole instead of swaps.
        while i > 0 {
            let parent = (i - 1) >> 1
            let pk = keys[parent]
            if pk <= key { break }
            keys[i] = pk
            let pn = nodes[parent]
            nodes[i] = pn
            position[Int(pn)] = Int32(truncatingIfNeeded: i)
            i = parent
        }
        keys[i] = key
        nodes[i] = Int32(truncatingIfNeeded: node)
        position[node] = Int32(truncatingIfNeeded: i)
    }

    /// The smallest key, or `Int64.max` when empty.
    /// - Complexity: O(1).
    @inline(__always)
    var minKey: Int64 { count > 0 ? keys[0] : .max }

    /// Removes and returns the node with the smallest key, or nil when empty.
    /// - Complexity: O(log count).
    @inline(__always)
    mutating func popMin() -> (node: Int, key: Int64)? {
        guard count > 0 else { return nil }
        let top = Int(nodes[0]), topKey = keys[0]
        position[top] = -1
        count -= 1
        if count > 0 {
            let key = keys[count], node = nodes[count]
            var i = 0
            while true {
                let left = 2 * i + 1
                if left >= count { break }
                var child = left
                var ck = keys[left]
                let right = left + 1
                if right < count, keys[right] < ck {
                    child = right
                    ck = keys[right]
                }
                if ck >= key { break }
                keys[i] = ck
                let cn = nodes[child]
                nodes[i] = cn
                position[Int(cn)] = Int32(truncatingIfNeeded: i)
                i = child
            }
            keys[i] = key
            nodes[i] = node
            position[Int(node)] = Int32(truncatingIfNeeded: i)
        }
        return (top, topKey)
    }

    /// Empties the heap.
    /// - Complexity: O(count).
    mutating func removeAll() {
        for i in 0 ..< count { position[Int(nodes[i])] = -1 }
        count = 0
    }
}

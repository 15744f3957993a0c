import Dispatch
import Glibc

/// The arc lines of the second half of a large DIMACS body, read on a second thread while the
/// parser reads the first (``DimacsLineParser/parse(split:)``): the read was a third of
/// `bpv solve`'s time on the 7-million-arc rounds of `make peers`.
///
/// It reads its part twice. The first pass only counts the arc lines and posts the count, so
/// that both threads know where the second half's arcs go: at the top of the arrays, in file
/// order, `declared - count ..< declared`, the first half's below them. The second pass parses
/// and stores them. Why not one pass: where the second half's arcs begin depends on how many
/// the first half holds, which is not known until it is parsed; counting lines costs a fraction
/// of parsing their numbers.
///
/// Only plain lines are taken: arc lines of six fields with single blanks (as bpv, LEMON and
/// NETGEN write them), comments and empty lines. At anything else (a node line, a line led by
/// a blank, a carriage return, a malformed or out-of-range number) it gives up, and the parser
/// reads the second half itself, as one thread would, so every error and its line are the same
/// either way.
///
/// Nothing is stored before the count is posted, and the first half stores nothing at or above
/// `declared - mostArcs` until it has the count; so the two threads never write the same place.
final class DimacsSecondHalf: @unchecked Sendable {
    /// The file, read by offset (`pread`), so that it can be read beside the parser's own reads.
    struct Source {
        let size: Int
        /// Reads at an absolute offset, returning the bytes read (0 at the end).
        let readAt: (Int, UnsafeMutableRawBufferPointer) throws -> Int
        /// Bodies shorter than this are read on one thread (a thread costs more than they do).
        var minimumBody = 32 << 20
        /// The chunk size of the second thread's reads (tests make it small).
        var bufferSize = DimacsLineParser.bufferSize

        /// The offset of the first line that starts after `offset`, or nil when none starts
        /// within 64 KiB after it, or a read fails.
        func lineStart(after offset: Int) -> Int? {
            var window = [UInt8](repeating: 0, count: 1 << 16)
            guard offset > 0, offset < size,
                let got = try? window.withUnsafeMutableBytes({ try readAt(offset, $0) }),
                let newline = window.prefix(got).firstIndex(of: 10)
            else { return nil }
            let start = offset + newline + 1
            return start < size ? start : nil
        }
    }

    /// The shortest arc line, `a 1 2 0 1 0` and its newline.
    static let shortestArcLine = 12

    let source: Source
    /// Where the second half starts: a line's first byte.
    let start: Int
    private let nodeCount: Int
    private let declaredArcs: Int

    // Guarded by `lock`.
    private var count: Int?
    private var cancelled = false
    private let lock = DispatchSemaphore(value: 1)
    private let countPosted = DispatchSemaphore(value: 0)

    /// Once run: the second half's arc count and its arcs of capacity other than 1 (by their
    /// index in the arrays), when it stored every arc of its half; nil when it gave up.
    private(set) var arcs: (count: Int, capacityExceptions: [(arc: Int32, capacity: Int64)])?

    init(source: Source, start: Int, nodeCount: Int, declaredArcs: Int) {
        self.source = source
        self.start = start
        self.nodeCount = nodeCount
        self.declaredArcs = declaredArcs
    }

    /// At most as many arcs as the second half's bytes can hold: the first half stays below
    /// `declared - mostArcs` until the count is posted.
    var mostArcs: Int { (source.size - start) / Self.shortestArcLine + 1 }

    /// How many arcs the first half may store: all but the second half's once they are counted
    /// (waiting for the count), all when the second thread gave up before storing any.
    func roomForFirstHalf() -> Int {
        countPosted.wait()
        countPosted.signal()
        lock.wait()
        defer { lock.signal() }
        return declaredArcs - (count ?? 0)
    }

    /// Asks the second thread to stop at its next chunk (the first half failed or needs the
    /// second half read by one thread after all).
    func cancel() {
        lock.wait()
        cancelled = true
        lock.signal()
    }

    /// Counts, posts the count, then parses and stores the second half's arcs.
    /// - Complexity: O(bytes of the second half), read twice.
    func run(tail: UnsafeMutablePointer<Int32>, head: UnsafeMutablePointer<Int32>, cost: UnsafeMutablePointer<Int64>) {
        let counted = countArcLines().flatMap { $0 <= declaredArcs ? $0 : nil }
        lock.wait()
        count = counted
        lock.signal()
        countPosted.signal()
        guard let count = counted else { return }

        let base = declaredArcs - count
        let n = Int64(nodeCount)
        var k = 0
        var exceptions: [(arc: Int32, capacity: Int64)] = []
        let whole = forEachChunk { p, end in
            var i = 0
            while i < end {
                switch p[i] {
                case UInt8(ascii: "a"):
                    var j = i + 1
                    guard k < count, let u = DimacsLineParser.field(p, &j, end), let v = DimacsLineParser.field(p, &j, end),
                        let low = DimacsLineParser.field(p, &j, end), let capacity = DimacsLineParser.field(p, &j, end),
                        let c = DimacsLineParser.field(p, &j, end), j < end, p[j] == 10,
                        u >= 1, u <= n, v >= 1, v <= n, low == 0, capacity >= 0, capacity <= Int64(Int32.max),
                        c >= -1 << 40, c <= 1 << 40
                    else { return false }
                    tail[base + k] = Int32(truncatingIfNeeded: u)
                    head[base + k] = Int32(truncatingIfNeeded: v)
                    cost[base + k] = c
                    if capacity != 1 { exceptions.append((Int32(truncatingIfNeeded: base + k), capacity)) }
                    k += 1
                    i = j + 1
                case UInt8(ascii: "c"):
                    i = Self.lineEnd(p, i, end) + 1
                case 10:
                    i += 1
                default:
                    return false
                }
            }
            return true
        }
        guard whole, k == count else { return }
        arcs = (count, exceptions)
    }

    /// The arc lines of the second half, or nil at any line but an arc line of at least the
    /// shortest length, a comment or an empty line (so the count never exceeds ``mostArcs``).
    private func countArcLines() -> Int? {
        var arcs = 0
        let whole = forEachChunk { p, end in
            var i = 0
            while i < end {
                let first = p[i]
                let next = Self.lineEnd(p, i, end) + 1
                switch first {
                case UInt8(ascii: "a"):
                    guard next - i >= Self.shortestArcLine else { return false }
                    arcs += 1
                case UInt8(ascii: "c"), 10:
                    break
                default:
                    return false
                }
                i = next
            }
            return true
        }
        return whole ? arcs : nil
    }

    /// The offset of the newline ending the line at `i` (every chunk ends with one).
    @inline(__always)
    private static func lineEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard let found = memchr(p + i, 10, end - i) else { return end - 1 }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
    }

    /// Hands `body` the second half in chunks of whole lines (each chunk's last byte a
    /// newline) until it returns false; false then, or when a read fails, a line does not fit
    /// a chunk, the file does not end with a newline, or the work is cancelled.
    private func forEachChunk(_ body: (UnsafePointer<UInt8>, Int) -> Bool) -> Bool {
        let size = source.bufferSize
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var offset = start, carried = 0
        while offset < source.size || carried > 0 {
            lock.wait()
            let stop = cancelled
            lock.signal()
            if stop { return false }
            var valid = carried
            while valid < size, offset < source.size {
                let got: Int
                do {
                    got = try source.readAt(offset, UnsafeMutableRawBufferPointer(start: buffer + valid, count: min(size - valid, source.size - offset)))
                } catch {
                    return false
                }
                guard got > 0 else { return false }
                valid += got
                offset += got
            }
            var lines = valid
            while lines > 0, buffer[lines - 1] != 10 { lines -= 1 }
            // A line longer than a chunk, or a last line without its newline.
            guard lines > 0 else { return false }
            if !body(buffer, lines) { return false }
            carried = valid - lines
            if carried > 0 { buffer.update(from: buffer + lines, count: carried) }
            if offset >= source.size, carried > 0 { return false }
        }
        return true
    }
}

import Dispatch
import SystemPackage

/// Everything on the lines of a DIMACS min-cost-flow file, before any meaning is given to it.
struct RawNetwork {
    var nodeCount = 0
    var declaredArcs = 0
    var problemLine = 0
    var tail: [Int32] = []
    var head: [Int32] = []
    var cost: [Int64] = []
    /// Arcs whose capacity is not 1, as (arc index, capacity). Student arcs all have capacity 1,
    /// so this stays about as long as the number of internships.
    var capacityExceptions: [(arc: Int32, capacity: Int64)] = []
    /// `n` lines: node, supply, line number.
    var supplies: [(node: Int32, supply: Int64, line: Int)] = []
}

/// Reads DIMACS lines in fixed-size chunks so that the whole file is never in memory: peak use is
/// the arc arrays (16 bytes per arc) plus the 4 MiB buffer (two, when a second thread reads the
/// second half of the arc lines, see ``parse(split:)``).
///
/// Hand-written rather than built on a general text reader because it parses about 7 million
/// arc lines in the time budget of a whole solve; each byte is looked at once.
final class DimacsLineParser {
    static let bufferSize = 1 << 22
    /// Refuses `p` lines whose node count could not be connected by the declared arcs, so that a
    /// corrupt header cannot make the reader allocate gigabytes.
    static let isolatedNodeAllowance = 1_000_000

    private let fileName: String
    private let readInto: (UnsafeMutableRawBufferPointer) throws -> Int
    private let fileSize: Int?
    private let bufferSize: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Bytes taken from `readInto` so far, and how many it may give in all (the first half's
    /// end, while a second thread reads the rest).
    private var bytesRead = 0
    private var readLimit = Int.max
    /// Arcs this parser may store: the declared count, or while a second thread stores the
    /// second half's arcs at the top of the arrays, what lies below them.
    private var arcLimit = 0
    /// Whether the second thread's arcs were kept (tests check that it is not always given up).
    private(set) var secondHalfTaken = false
    private var valid = 0
    private var pos = 0
    private var linesEnd = 0
    private var eof = false
    private var line = 1
    var network = RawNetwork()
    private var arcsRead = 0
    private var seenSupply: Set<Int32> = []

    /// - Parameters:
    ///   - readInto: fills a buffer, returning the bytes read (0 at end of input).
    ///   - fileSize: when known, bounds the arc count a `p` line may declare.
    ///   - bufferSize: the chunk size (tests make it small to cut lines often).
    init(fileName: String, fileSize: Int?, bufferSize: Int = DimacsLineParser.bufferSize,
         readInto: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.fileName = fileName
        self.fileSize = fileSize
        self.bufferSize = bufferSize
        self.readInto = readInto
        buffer = .allocate(capacity: bufferSize)
    }

    deinit { buffer.deallocate() }

    func error(_ line: Int, _ column: Int, _ message: String) -> DimacsError {
        DimacsError(file: fileName, line: line, column: column, message: message)
    }

    /// Reads the whole input; with `split`, a large file's second half of arc lines on a second
    /// thread (``DimacsSecondHalf``), giving the same network and the same errors.
    /// - Complexity: O(bytes).
    func parse(split: DimacsSecondHalf.Source? = nil) throws(DimacsError) -> RawNetwork {
        try parseUntilProblemLine()
        let arcs = network.declaredArcs
        arcLimit = arcs
        // Not zeroed: every element is written before it is read (the arcs are counted before
        // the arrays leave), and zeroing them first cost 60 ms of a 7-million-arc read, a pass
        // over 113 MB of fresh pages on one thread before the parse wrote them again.
        var tail = Self.unfilled(Int32.self, arcs)
        var head = Self.unfilled(Int32.self, arcs)
        var cost = Self.unfilled(Int64.self, arcs)
        var failure: DimacsError?
        tail.withUnsafeMutableBufferPointer { t in
            head.withUnsafeMutableBufferPointer { h in
                cost.withUnsafeMutableBufferPointer { c in
                    do throws(DimacsError) {
                        let (t, h, c) = (t.baseAddress, h.baseAddress, c.baseAddress)
                        if let split, let t, let h, let c, let second = secondHalf(split) {
                            try parseHalves(second, tail: t, head: h, cost: c)
                        } else {
                            _ = try parseBody(tail: t, head: h, cost: c)
                        }
                    } catch {
                        failure = error
                    }
                }
            }
        }
        if let failure { throw failure }
        guard arcsRead == arcs else {
            throw error(network.problemLine, 1, "the p line declares \(arcs) arcs but the file has \(arcsRead)")
        }
        // Move the arrays out, so the caller holds the only reference and can edit them in place.
        var result = network
        network = RawNetwork()
        result.tail = tail
        result.head = head
        result.cost = cost
        return result
    }

    /// An array of `count` integers whose storage is not written here: the parse writes every
    /// one it keeps.
    private static func unfilled<T: FixedWidthInteger>(_: T.Type, _ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    // MARK: Chunks

    /// Moves the unparsed tail of the buffer to the front and reads more after it, up to
    /// `readLimit` bytes in all (the end of input, for this parser, once reached).
    private func refill() throws(DimacsError) {
        let rest = valid - pos
        if rest > 0, pos > 0 { buffer.update(from: buffer + pos, count: rest) }
        valid = rest
        pos = 0
        while !eof && valid < bufferSize {
            let want = min(bufferSize - valid, readLimit - bytesRead)
            guard want > 0 else {
                eof = true
                break
            }
            let got: Int
            do {
                got = try readInto(UnsafeMutableRawBufferPointer(start: buffer + valid, count: want))
            } catch {
                throw self.error(0, 0, "cannot read: \(error)")
            }
            if got == 0 { eof = true } else { valid += got }
            bytesRead += got
        }
        if eof {
            linesEnd = valid
        } else {
            var e = valid
            while e > 0 && buffer[e - 1] != 10 { e -= 1 }
            guard e > 0 else { throw error(line, 1, "line is longer than \(bufferSize) bytes") }
            linesEnd = e
        }
    }

    private func parseUntilProblemLine() throws(DimacsError) {
        while true {
            if pos >= linesEnd {
                if eof { throw error(line, 1, "no problem line: expected 'p min NODES ARCS' before any n or a line") }
                try refill()
                continue
            }
            if try parseLine(tail: nil, head: nil, cost: nil) { return }
        }
    }

    /// Parses lines to the end of input. With `atArcLimit` (while a second thread reads the
    /// second half), an arc line beyond ``arcLimit`` asks it for more room; when it gives none,
    /// parsing stops before that line and returns false.
    private func parseBody(
        tail: UnsafeMutablePointer<Int32>?, head: UnsafeMutablePointer<Int32>?, cost: UnsafeMutablePointer<Int64>?,
        atArcLimit: (() -> Int)? = nil
    ) throws(DimacsError) -> Bool {
        while true {
            if let tail, let head, let cost { fastArcLines(tail: tail, head: head, cost: cost) }
            while pos < linesEnd {
                if let atArcLimit, arcsRead >= arcLimit, buffer[pos] == UInt8(ascii: "a") {
                    arcLimit = atArcLimit()
                    if arcsRead >= arcLimit { return false }
                }
                _ = try parseLine(tail: tail, head: head, cost: cost)
                if let tail, let head, let cost { fastArcLines(tail: tail, head: head, cost: cost) }
            }
            if eof { return true }
            try refill()
        }
    }

    /// The second thread for the arc lines of the last 5/12 of the body, or nil when the body
    /// is too short to be worth one or no line starts near that point. Not half: the second
    /// thread reads its part twice (on 30k-shortage's halves it counted in 33 ms and parsed in
    /// 103, while the first half parsed in 97).
    private func secondHalf(_ source: DimacsSecondHalf.Source) -> DimacsSecondHalf? {
        let bodyStart = bytesRead - (valid - pos)
        guard source.size - bodyStart >= source.minimumBody,
            let start = source.lineStart(after: bodyStart + (source.size - bodyStart) * 7 / 12), start > bytesRead
        else { return nil }
        return DimacsSecondHalf(source: source, start: start, nodeCount: network.nodeCount, declaredArcs: network.declaredArcs)
    }

    /// Parses the first half here and the second on another thread, which stores its arcs at
    /// the top of the arrays; then, if the second gave up (any line but a plain arc line, a
    /// comment or an empty line) or the halves hold more arcs than declared, parses the second
    /// half here after all, exactly as one thread would (so every error is the same).
    private func parseHalves(
        _ second: DimacsSecondHalf, tail: UnsafeMutablePointer<Int32>, head: UnsafeMutablePointer<Int32>,
        cost: UnsafeMutablePointer<Int64>
    ) throws(DimacsError) {
        readLimit = second.start
        // Until the second half's arcs are counted, room for as many as its bytes could hold.
        arcLimit = max(0, network.declaredArcs - second.mostArcs)
        // The arrays' top part is touched by the other thread only, below the count it posts
        // before storing anything; this parser and the rest by this one. A thread of its own (a
        // global queue's, never this one), so that this side may wait for the count.
        nonisolated(unsafe) let arrays = (tail, head, cost)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { second.run(tail: arrays.0, head: arrays.1, cost: arrays.2) }
        let finishedFirstHalf: Bool
        do throws(DimacsError) {
            finishedFirstHalf = try parseBody(tail: tail, head: head, cost: cost) { second.roomForFirstHalf() }
        } catch {
            second.cancel()
            done.wait()
            throw error
        }
        // After a stop the second half is read here once more: the other thread need not go on.
        if !finishedFirstHalf { second.cancel() }
        done.wait()
        if finishedFirstHalf, let arcs = second.arcs {
            secondHalfTaken = true
            arcsRead += arcs.count
            // Fewer arcs than declared leave a gap below the second half's: `parse` refuses the count.
            network.capacityExceptions += arcs.capacityExceptions
            return
        }
        // The second half once more, here: what the other thread stored is overwritten in order.
        readLimit = .max
        arcLimit = network.declaredArcs
        eof = false
        _ = try parseBody(tail: tail, head: head, cost: cost)
    }

    /// Consumes well-formed arc lines (`a U V 0 1 C`, single blanks, values in range) with all
    /// state in locals; class properties would cost a runtime exclusivity check per access.
    /// Stops at the first line of any other form, leaving it to ``parseLine`` and its precise errors.
    private func fastArcLines(tail: UnsafeMutablePointer<Int32>, head: UnsafeMutablePointer<Int32>, cost: UnsafeMutablePointer<Int64>) {
        let p = UnsafePointer(buffer)
        let end = linesEnd
        var i = pos
        var line = self.line
        var arcs = arcsRead
        let limit = arcLimit
        let n = Int64(network.nodeCount)
        while i < end, p[i] == 97, arcs < limit {
            var j = i + 1
            guard let u = Self.field(p, &j, end), let v = Self.field(p, &j, end), let low = Self.field(p, &j, end),
                let capacity = Self.field(p, &j, end), let c = Self.field(p, &j, end),
                j < end, p[j] == 10,
                u >= 1, u <= n, v >= 1, v <= n, low == 0, capacity == 1, c >= -1 << 40, c <= 1 << 40
            else { break }
            tail[arcs] = Int32(truncatingIfNeeded: u)
            head[arcs] = Int32(truncatingIfNeeded: v)
            cost[arcs] = c
            arcs += 1
            line += 1
            i = j + 1
        }
        pos = i
        self.line = line
        arcsRead = arcs
    }

    /// One field of a plain arc line: a single blank, then an optionally negative integer of at
    /// most 18 digits; nil for anything else (the line is then left to the precise parser).
    @inline(__always)
    static func field(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> Int64? {
        guard i < end, p[i] == 32 else { return nil }
        i += 1
        let (value, digits) = signedDigits(p, &i, end)
        guard digits > 0, digits <= 18 else { return nil }
        return value
    }

    /// An optional minus and the decimal digits after it at `i`, as many as there are (the
    /// callers bound their count): the value and the number of digits.
    @inline(__always)
    static func signedDigits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> (value: Int64, digits: Int) {
        var negative = false
        if i < end, p[i] == 45 {
            negative = true
            i += 1
        }
        let start = i
        var v: Int64 = 0
        while i < end {
            let d = p[i] &- 48
            if d > 9 { break }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return (negative ? -v : v, i - start)
    }

    // MARK: Lines

    /// Parses the line at `pos`, advancing past its newline. Returns true for the `p` line.
    @inline(__always)
    private func parseLine(
        tail: UnsafeMutablePointer<Int32>?, head: UnsafeMutablePointer<Int32>?, cost: UnsafeMutablePointer<Int64>?
    ) throws(DimacsError) -> Bool {
        let p = UnsafePointer(buffer)
        let end = linesEnd
        let lineStart = pos
        var i = pos
        switch p[i] {
        case UInt8(ascii: "a"):
            i += 1
            let u = try number(p, &i, end, lineStart, "the tail node")
            let uEnd = i
            let v = try number(p, &i, end, lineStart, "the head node")
            let vEnd = i
            let low = try number(p, &i, end, lineStart, "the lower bound")
            let lowEnd = i
            let capacity = try number(p, &i, end, lineStart, "the capacity")
            let capEnd = i
            let c = try number(p, &i, end, lineStart, "the cost")
            try endOfLine(p, &i, end, lineStart)
            guard network.problemLine > 0 else { throw error(line, 1, "arc before the problem line 'p min NODES ARCS'") }
            guard arcsRead < arcLimit, let tail, let head, let cost else {
                throw error(line, 1, "more arcs than the \(network.declaredArcs) declared on the p line")
            }
            let n = Int64(network.nodeCount)
            guard u >= 1, u <= n else { throw error(line, column(uEnd, lineStart), "tail node \(u) is not in 1...\(n)") }
            guard v >= 1, v <= n else { throw error(line, column(vEnd, lineStart), "head node \(v) is not in 1...\(n)") }
            guard low == 0 else {
                throw error(line, column(lowEnd, lineStart), "lower bound \(low): only 0 is supported in the assignment shape")
            }
            guard capacity >= 0, capacity <= Int64(Int32.max) else {
                throw error(line, column(capEnd, lineStart), "capacity \(capacity) is not in 0...\(Int32.max)")
            }
            guard c >= -1 << 40, c <= 1 << 40 else {
                throw error(line, column(i, lineStart) - 1, "cost \(c) is outside ±2^40")
            }
            tail[arcsRead] = Int32(truncatingIfNeeded: u)
            head[arcsRead] = Int32(truncatingIfNeeded: v)
            cost[arcsRead] = c
            if capacity != 1 { network.capacityExceptions.append((Int32(truncatingIfNeeded: arcsRead), capacity)) }
            arcsRead += 1
        case UInt8(ascii: "c"):
            while i < end && p[i] != 10 { i += 1 }
            if i < end { i += 1 }
        case UInt8(ascii: "n"):
            i += 1
            let node = try number(p, &i, end, lineStart, "the node id")
            let nodeEnd = i
            let supply = try number(p, &i, end, lineStart, "the supply")
            try endOfLine(p, &i, end, lineStart)
            guard network.problemLine > 0 else { throw error(line, 1, "node line before the problem line 'p min NODES ARCS'") }
            guard node >= 1, node <= Int64(network.nodeCount) else {
                throw error(line, column(nodeEnd, lineStart), "node \(node) is not in 1...\(network.nodeCount)")
            }
            guard seenSupply.insert(Int32(node)).inserted else {
                throw error(line, 1, "node \(node) has a second n line")
            }
            if supply != 0 { network.supplies.append((Int32(node), supply, line)) }
        case UInt8(ascii: "p"):
            i += 1
            while i < end && (p[i] == 32 || p[i] == 9) { i += 1 }
            let wordStart = i
            while i < end && p[i] > 32 { i += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: p + wordStart, count: i - wordStart), as: UTF8.self)
            guard word == "min" else {
                throw error(line, column(wordStart, lineStart),
                            "problem type '\(word)': only 'p min' (minimum-cost flow) files are supported")
            }
            let nodes = try number(p, &i, end, lineStart, "the node count")
            let arcs = try number(p, &i, end, lineStart, "the arc count")
            try endOfLine(p, &i, end, lineStart)
            guard network.problemLine == 0 else { throw error(line, 1, "second problem line; the first is on line \(network.problemLine)") }
            guard arcs >= 0, arcs <= Int64(Int32.max) else { throw error(line, 1, "arc count \(arcs) is not in 0...\(Int32.max)") }
            // The shortest arc line, "a 1 2 0 1 0\n", has 12 bytes.
            if let fileSize, arcs > Int64(fileSize / 12 + 1) {
                throw error(line, 1, "the p line declares \(arcs) arcs, more than a \(fileSize)-byte file can hold")
            }
            guard nodes >= 0, nodes <= 2 * arcs + Int64(Self.isolatedNodeAllowance), nodes < Int64(Int32.max) else {
                throw error(line, 1, "the p line declares \(nodes) nodes, far more than \(arcs) arcs can connect")
            }
            network.nodeCount = Int(nodes)
            network.declaredArcs = Int(arcs)
            network.problemLine = line
            pos = i
            line += 1
            return true
        case 10:
            i += 1
        case 13, 32, 9:
            try endOfLine(p, &i, end, lineStart)
        default:
            let c = p[i]
            let shown = c >= 32 && c < 127 ? "'\(Character(Unicode.Scalar(c)))'" : "byte \(c)"
            throw error(line, 1, "a line must start with c, p, n or a, not \(shown)")
        }
        pos = i
        line += 1
        return false
    }

    @inline(__always)
    private func column(_ offset: Int, _ lineStart: Int) -> Int { offset - lineStart + 1 }

    /// Parses an optionally negative decimal integer of at most 18 digits after blanks.
    @inline(__always)
    private func number(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ lineStart: Int, _ what: StaticString
    ) throws(DimacsError) -> Int64 {
        while i < end && (p[i] == 32 || p[i] == 9) { i += 1 }
        let start = i
        let (value, digits) = Self.signedDigits(p, &i, end)
        if digits == 0 {
            let found = i >= end || p[i] == 10 || p[i] == 13 ? "the end of the line" : "'\(Character(Unicode.Scalar(p[i])))'"
            throw error(line, column(start, lineStart), "expected \(what), found \(found)")
        }
        if digits > 18 { throw error(line, column(start, lineStart), "\(what) has too many digits") }
        if i < end {
            let c = p[i]
            if c != 32 && c != 9 && c != 10 && c != 13 {
                throw error(line, column(i, lineStart), "unexpected '\(Character(Unicode.Scalar(c)))' in \(what)")
            }
        }
        return value
    }

    /// Skips trailing blanks and the newline; anything else is an error.
    @inline(__always)
    private func endOfLine(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ lineStart: Int) throws(DimacsError) {
        while i < end && (p[i] == 32 || p[i] == 9 || p[i] == 13) { i += 1 }
        if i < end {
            guard p[i] == 10 else { throw error(line, column(i, lineStart), "unexpected text at the end of the line") }
            i += 1
        }
    }
}

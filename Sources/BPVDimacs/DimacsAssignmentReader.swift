import BPVSolver

/// Reads the DIMACS *assignment* format (`p asn`), in which public benchmark sets of square
/// assignment problems are published:
///
/// ```
/// c a comment
/// p asn NODES ARCS
/// n ID            one line per row node (a student)
/// a ROW COL COST  a pair; COL is any node without an n line (an internship with one place)
/// ```
///
/// Every row must be assigned (a perfect assignment when rows and columns are as many), at
/// minimum total cost; no row may stay unplaced. The rows become students in ascending node
/// order, every other node an internship with one place.
///
/// A reader of its own rather than a mode of `DimacsLineParser`: that parser's arc loop is tuned
/// for five-field lines of the min-cost-flow format, and these files are read whole (they are
/// at most a few tens of megabytes for the largest published sets).
enum DimacsAssignmentReader {
    /// Parses a whole `p asn` file held in `bytes`.
    /// - Throws: ``DimacsError`` with the line and column of the first problem.
    /// - Complexity: O(bytes + nodes + arcs).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String) throws(DimacsError) -> DimacsInstance {
        var cursor = Cursor(bytes: bytes, fileName: fileName)
        var nodeCount = 0, declaredArcs = 0, problemLine = 0
        var isRow: [Bool] = []
        var rowLine: [Int] = []
        var tail: [Int32] = [], head: [Int32] = [], cost: [Int64] = []
        while !cursor.atEnd {
            cursor.skipBlanks()
            guard let kind = cursor.peek() else { break }
            switch kind {
            case UInt8(ascii: "c"), 10:
                cursor.skipLine()
                continue
            case UInt8(ascii: "p"):
                cursor.advance()
                let word = cursor.word()
                guard word == "asn" else {
                    throw cursor.error("problem type '\(word)': this reader takes 'p asn' files")
                }
                guard problemLine == 0 else { throw cursor.error("second problem line; the first is on line \(problemLine)") }
                let nodes = try cursor.number("the node count")
                let arcs = try cursor.number("the arc count")
                guard nodes >= 0, nodes < Int64(Int32.max), arcs >= 0, arcs < Int64(Int32.max),
                      arcs <= Int64(bytes.count / 8 + 1)
                else { throw cursor.error("node count \(nodes) or arc count \(arcs) is impossible for a \(bytes.count)-byte file") }
                // As for min-cost-flow files: nodes beyond what the arcs can connect would only
                // cost memory (a fuzzed header asked for 1.6 billion).
                guard nodes <= 2 * arcs + Int64(DimacsLineParser.isolatedNodeAllowance) else {
                    throw cursor.error("the p line declares \(nodes) nodes, far more than \(arcs) arcs can connect")
                }
                problemLine = cursor.line
                nodeCount = Int(nodes)
                declaredArcs = Int(arcs)
                isRow = [Bool](repeating: false, count: nodeCount + 1)
                rowLine = [Int](repeating: 0, count: nodeCount + 1)
                tail.reserveCapacity(declaredArcs)
                head.reserveCapacity(declaredArcs)
                cost.reserveCapacity(declaredArcs)
            case UInt8(ascii: "n"):
                guard problemLine > 0 else { throw cursor.error("node line before the problem line 'p asn NODES ARCS'") }
                cursor.advance()
                let at = cursor.i
                let node = try cursor.node(nodeCount, "the node id")
                guard !isRow[node] else { throw cursor.error("node \(node) has a second n line (line \(rowLine[node]))", at: at) }
                isRow[node] = true
                rowLine[node] = cursor.line
            case UInt8(ascii: "a"):
                guard problemLine > 0 else { throw cursor.error("arc before the problem line 'p asn NODES ARCS'") }
                guard tail.count < declaredArcs else {
                    throw cursor.error("more arcs than the \(declaredArcs) declared on the p line")
                }
                cursor.advance()
                let u = try cursor.node(nodeCount, "the row node")
                let v = try cursor.node(nodeCount, "the column node")
                let c = try cursor.number("the cost")
                guard c >= -AssignmentProblem.maximumAbsoluteCost, c <= AssignmentProblem.maximumAbsoluteCost else {
                    throw cursor.error("cost \(c) is outside ±2^40")
                }
                // Rows may be declared after their arcs; checked once all lines are read.
                tail.append(Int32(u))
                head.append(Int32(v))
                cost.append(c)
            default:
                throw cursor.error("a line must start with c, p, n or a")
            }
            try cursor.endOfLine()
        }
        guard problemLine > 0 else { throw DimacsError(file: fileName, line: 1, column: 1, message: "no problem line 'p asn NODES ARCS'") }
        guard tail.count == declaredArcs else {
            throw DimacsError(file: fileName, line: problemLine, column: 1,
                              message: "the p line declares \(declaredArcs) arcs but the file has \(tail.count)")
        }
        // Students and internships in ascending node order.
        var index = [Int32](repeating: -1, count: nodeCount + 1)
        var studentNodes: [Int32] = [], internshipNodes: [Int32] = []
        for v in 1 ... max(nodeCount, 1) where v <= nodeCount {
            if isRow[v] {
                index[v] = Int32(studentNodes.count)
                studentNodes.append(Int32(v))
            } else {
                index[v] = Int32(internshipNodes.count)
                internshipNodes.append(Int32(v))
            }
        }
        let n = studentNodes.count
        var start = [Int32](repeating: 0, count: n + 1)
        for (a, u) in tail.enumerated() {
            guard isRow[Int(u)] else {
                throw DimacsError(file: fileName, line: 0, column: 0,
                                  message: "arc \(a + 1) starts at node \(u), which has no n line (rows are the nodes with one)")
            }
            guard !isRow[Int(head[a])] else {
                throw DimacsError(file: fileName, line: 0, column: 0,
                                  message: "arc \(a + 1) joins two rows, \(u) and \(head[a])")
            }
            start[Int(index[Int(u)]) + 1] += 1
        }
        for s in 0 ..< n { start[s + 1] += start[s] }
        var fill = Array(start.dropLast())
        var target = [Int32](repeating: 0, count: tail.count), arcCost = [Int64](repeating: 0, count: tail.count)
        for a in 0 ..< tail.count {
            let s = Int(index[Int(tail[a])])
            let k = Int(fill[s])
            target[k] = index[Int(head[a])]
            arcCost[k] = cost[a]
            fill[s] += 1
        }
        let problem: AssignmentProblem
        do {
            problem = try AssignmentProblem(
                capacities: [Int32](repeating: 1, count: internshipNodes.count), arcStart: start,
                arcInternship: consume target, arcCost: consume arcCost, objective: .unplacedCosts([Int64?](repeating: nil, count: n)))
        } catch {
            throw DimacsError(file: fileName, line: problemLine, column: 1, message: "not an assignment problem: \(error)")
        }
        return DimacsInstance(
            problem: problem, constantCost: 0, studentNodes: studentNodes, internshipNodes: internshipNodes,
            declaredNodes: nodeCount, declaredArcs: declaredArcs)
    }

    /// Whether the first problem line within `bytes` (the start of a file) is `p asn`.
    static func isAssignmentFormat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = Cursor(bytes: bytes, fileName: "")
        while !cursor.atEnd {
            cursor.skipBlanks()
            if cursor.peek() == UInt8(ascii: "p") {
                cursor.advance()
                return cursor.word() == "asn"
            }
            cursor.skipLine()
        }
        return false
    }

    /// A position in the text, with its line and column for errors.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        let fileName: String
        var i = 0
        var line = 1
        var lineStart = 0

        var atEnd: Bool { i >= bytes.count }

        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }
        mutating func advance() { i += 1 }

        mutating func skipBlanks() {
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 { i += 1 }
        }

        mutating func skipLine() {
            while i < bytes.count, bytes[i] != 10 { i += 1 }
            if i < bytes.count { newLine() }
        }

        private mutating func newLine() {
            i += 1
            line += 1
            lineStart = i
        }

        mutating func word() -> String {
            skipBlanks()
            let from = i
            while i < bytes.count, bytes[i] > 32 { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from ..< i]), as: UTF8.self)
        }

        mutating func number(_ what: String) throws(DimacsError) -> Int64 {
            skipBlanks()
            let from = i
            var negative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            var value: Int64 = 0, digits = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int64(bytes[i] - 48))
                guard !o1, !o2 else { throw error("\(what) is too large", at: from) }
                value = plus
                digits += 1
                i += 1
            }
            guard digits > 0, i >= bytes.count || bytes[i] <= 32 else { throw error("expected \(what), an integer", at: from) }
            return negative ? -value : value
        }

        mutating func node(_ count: Int, _ what: String) throws(DimacsError) -> Int {
            let from = i
            let v = try number(what)
            guard v >= 1, v <= Int64(count) else { throw error("node \(v) is not in 1...\(count)", at: from) }
            return Int(v)
        }

        mutating func endOfLine() throws(DimacsError) {
            skipBlanks()
            guard i < bytes.count else { return }
            guard bytes[i] == 10 else { throw error("unexpected text at the end of the line") }
            newLine()
        }

        func error(_ message: String, at position: Int? = nil) -> DimacsError {
            var p = position ?? i
            while p < bytes.count, bytes[p] == 32 || bytes[p] == 9 { p += 1 }
            return DimacsError(file: fileName, line: line, column: p - lineStart + 1, message: message)
        }
    }
}

import BPVFiles
import BPVSolver
import SystemPackage

/// Writes an ``AssignmentProblem`` as a DIMACS minimum-cost-flow file of the assignment shape
/// (see ``DimacsReader``), so any min-cost-flow solver can solve the very same instance.
///
/// Node numbering: the source is 1, students are `2 ... n+1`, internships follow, then one
/// support pool per internship when the problem has ``SupportLimits``, and the sink is last.
/// For ``Objective/maximizePlacements(tiers:)`` every student gets an unplaced arc at the exact
/// penalty of ``AssignmentProblem/effectiveUnplacedCosts()``, so the file's optimal cost is the
/// solver's `arcCost` plus the penalties of the students left unplaced.
///
/// The file is created with mode 0600: instances derived from real rounds describe real students.
public enum DimacsWriter {
    /// - Parameters:
    ///   - problem: the instance.
    ///   - path: where to write; an existing file is replaced.
    ///   - comments: lines written as `c` comments at the top.
    /// - Throws: ``DimacsError`` when the file cannot be written or the penalties cannot be formed.
    /// - Complexity: O(students + internships + arcs).
    public static func write(_ problem: AssignmentProblem, to path: String, comments: [String] = []) throws(DimacsError) {
        // Through the one file seam: never over a database (`--dimacs W.sqlite`), whole or not at all.
        var failure: DimacsError?
        do {
            try OutputFile.write(to: path) { fd in
                do throws(DimacsError) {
                    try render(problem, comments: comments, name: path) { bytes in _ = try fd.writeAll(bytes) }
                } catch {
                    failure = error
                    throw error
                }
            }
        } catch {
            throw failure ?? DimacsError(file: path, line: 0, column: 0, message: "cannot write: \(error.reason)")
        }
    }

    /// The file's text, for tests and small instances.
    public static func text(of problem: AssignmentProblem, comments: [String] = []) throws(DimacsError) -> String {
        var bytes: [UInt8] = []
        try render(problem, comments: comments, name: "<text>") { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the file's bytes to `sink` in 1 MiB pieces; any failure becomes a ``DimacsError``
    /// naming `name`.
    private static func render(
        _ problem: AssignmentProblem, comments: [String], name: String, sink: @escaping ([UInt8]) throws -> Void
    ) throws(DimacsError) {
        var out = ByteWriter(sink: sink)
        do {
            try write(problem, into: &out, comments: comments)
            try out.flush()
        } catch let error as DimacsError {
            throw error
        } catch {
            throw DimacsError(file: name, line: 0, column: 0, message: "cannot write: \(error)")
        }
    }

    static func write(_ p: AssignmentProblem, into out: inout ByteWriter, comments: [String]) throws {
        let n = p.studentCount, m = p.internshipCount
        let unplaced: [Int64?]
        do {
            unplaced = try p.effectiveUnplacedCosts()
        } catch {
            throw DimacsError(file: "<problem>", line: 0, column: 0, message: "\(error)")
        }
        let pools = p.support != nil ? m : 0
        let source = 1, firstStudent = 2, firstInternship = 2 + n, firstPool = 2 + n + m
        let sink = 2 + n + m + pools
        let unplacedArcs = unplaced.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        let arcs = n + p.arcCount + unplacedArcs + pools + m
        for c in comments { try out.line("c ", c) }
        try out.line("c bpv assignment shape: source 1, students 2..\(n + 1), internships \(firstInternship)..\(firstInternship + m - 1)"
            + (pools > 0 ? ", support pools \(firstPool)..\(firstPool + m - 1)" : "") + ", sink \(sink)")
        try out.line("p min \(sink) \(arcs)")
        try out.line("n \(source) \(n)")
        try out.line("n \(sink) \(-n)")
        for s in 0 ..< n { try out.arc(source, firstStudent + s, 1, 0) }
        let flagged = p.support?.needsSupport
        try p.arcInternship.withUnsafeBufferPointer { target in
            try p.arcCost.withUnsafeBufferPointer { cost in
                for s in 0 ..< n {
                    let base = flagged?[s] == true ? firstPool : firstInternship
                    for a in p.arcs(of: s) { try out.arc(firstStudent + s, base + Int(target[a]), 1, cost[a]) }
                    if let u = unplaced[s] { try out.arc(firstStudent + s, sink, 1, u) }
                }
            }
        }
        if let support = p.support {
            for j in 0 ..< m { try out.arc(firstPool + j, firstInternship + j, Int64(support.capacities[j]), 0) }
        }
        for j in 0 ..< m { try out.arc(firstInternship + j, sink, Int64(p.capacities[j]), 0) }
    }
}

/// Buffered byte output with hand-rolled integer formatting: string interpolation per number
/// costs several times more, and these files run to millions of lines.
struct ByteWriter {
    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void

    init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(1 << 20)
    }

    mutating func line(_ parts: String...) throws {
        for part in parts { buffer.append(contentsOf: part.utf8) }
        buffer.append(10)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// `a TAIL HEAD 0 CAP COST`.
    @inline(__always)
    mutating func arc(_ tail: Int, _ head: Int, _ capacity: Int64, _ cost: Int64) throws {
        buffer.append(UInt8(ascii: "a"))
        buffer.append(32)
        number(Int64(tail))
        buffer.append(32)
        number(Int64(head))
        buffer.append(contentsOf: [32, UInt8(ascii: "0"), 32])
        number(capacity)
        buffer.append(32)
        number(cost)
        buffer.append(10)
        if buffer.count >= 1 << 20 { try flush() }
    }

    @inline(__always)
    mutating func number(_ value: Int64) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(truncatingIfNeeded: v % 10) + 48
                v /= 10
                count += 1
            } while v > 0
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

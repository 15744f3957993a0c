import Foundation
import Testing
@testable import BPVDimacs
import BPVSolver
import BPVSynthetic

/// A large file's last arc lines are read on a second thread (`DimacsSecondHalf`): whatever the
/// file holds, the network read, or the error and its line and column, must be exactly what one
/// thread reads. Small chunks and no minimum size make every test file split, at lines that
/// fall anywhere in its chunks.
@Suite("DIMACS read on two threads")
struct SplitReadTests {
    /// What a parse gives, comparable: the arrays, the capacity exceptions, the supplies, or the error.
    enum Outcome: Equatable {
        case network(tail: [Int32], head: [Int32], cost: [Int64], exceptions: [[Int64]], supplies: [[Int64]], nodes: Int, problemLine: Int)
        case error(DimacsError)
    }

    static func parse(_ text: String, split: Bool, chunk: Int = 256) -> Outcome { parseNoting(text, split: split, chunk: chunk).0 }

    /// The outcome, and whether the second thread's arcs were kept.
    static func parseNoting(_ text: String, split: Bool, chunk: Int = 256) -> (Outcome, Bool) {
        let bytes = Array(text.utf8)
        var offset = 0
        let parser = DimacsLineParser(fileName: "t.dimacs", fileSize: bytes.count, bufferSize: chunk) { buffer in
            let n = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + n])) }
            offset += n
            return n
        }
        let source = DimacsSecondHalf.Source(size: bytes.count, readAt: { at, buffer in
            let n = max(0, min(buffer.count, bytes.count - at))
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[at ..< at + n])) }
            return n
        }, minimumBody: 0, bufferSize: chunk)
        do {
            let raw = try parser.parse(split: split ? source : nil)
            return (.network(tail: raw.tail, head: raw.head, cost: raw.cost,
                             exceptions: raw.capacityExceptions.map { [Int64($0.arc), $0.capacity] },
                             supplies: raw.supplies.map { [Int64($0.node), $0.supply, Int64($0.line)] },
                             nodes: raw.nodeCount, problemLine: raw.problemLine), parser.secondHalfTaken)
        } catch {
            return (.error(error), parser.secondHalfTaken)
        }
    }

    /// A written instance: pools, internships of several places (capacity exceptions at the end).
    static func written(_ seed: Int) throws -> String {
        let region = SyntheticRegion(students: 40 + seed * 7, internships: 8 + seed, seed: UInt64(seed), areaKm: 30,
                                     supportShare: seed % 2 == 0 ? 0.3 : 0)
        return try DimacsWriter.text(of: try region.makeProblem())
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test("written files read the same on two threads", arguments: 0 ..< 30)
    func writtenFilesReadTheSame(seed: Int) throws {
        let text = try Self.written(seed)
        let one = Self.parse(text, split: false)
        guard case .network(let tail, _, _, let exceptions, _, _, _) = one else {
            Issue.record("the written file did not read: \(one)")
            return
        }
        // Not vacuous: arcs and capacity exceptions to compare.
        #expect(tail.count > 100 && !exceptions.isEmpty)
        let (two, taken) = Self.parseNoting(text, split: true)
        #expect(two == one)
        #expect(taken, "the second thread's arcs were not kept")
        // Comments and empty lines anywhere in the arcs are taken by the second thread too.
        let sprinkled = Self.lines(text).enumerated().map { k, line in
            (k * 7 + seed) % 11 == 0 ? "c between arcs\n\n" + line : String(line)
        }.joined(separator: "\n")
        let (sprinkledTwo, sprinkledTaken) = Self.parseNoting(sprinkled, split: true)
        #expect(sprinkledTwo == Self.parse(sprinkled, split: false))
        #expect(sprinkledTaken, "the second thread's arcs were not kept")
    }

    /// Edits of one line near the end (in the second thread's part), and whether one thread
    /// accepts the file after it: an arc line rewritten (its fields kept), or a line put in.
    static let edits: [(name: String, valid: Bool, edit: @Sendable (inout [Substring], Int) -> Void)] = [
        ("a tab after the a", true, { l, k in l[k] = Substring(l[k].replacingOccurrences(of: "a ", with: "a\t")) }),
        ("two blanks between fields", true, { l, k in l[k] = Substring(l[k].replacingOccurrences(of: " ", with: "  ")) }),
        ("a carriage return", true, { l, k in l[k] += "\r" }),
        ("a node line", true, { l, k in l.insert("n 2 0", at: k) }),
        ("a blank line of spaces", true, { l, k in l.insert("  ", at: k) }),
        ("a node out of range", false, { l, k in l[k] = Substring(fields(l[k], replacing: 2, with: "99999999")) }),
        ("a cost that is not a number", false, { l, k in l[k] = Substring(fields(l[k], replacing: 5, with: "zz")) }),
        ("a lower bound of 1", false, { l, k in l[k] = Substring(fields(l[k], replacing: 3, with: "1")) }),
        ("a cost beyond 2^40", false, { l, k in l[k] = Substring(fields(l[k], replacing: 5, with: "2000000000000")) }),
        ("a negative capacity", false, { l, k in l[k] = Substring(fields(l[k], replacing: 4, with: "-1")) }),
        ("a bare a", false, { l, k in l.insert("a", at: k) }),
        ("an unknown line", false, { l, k in l.insert("x", at: k) }),
        ("a second p line", false, { l, k in l.insert("p min 3 3", at: k) }),
    ]

    static func fields(_ line: Substring, replacing index: Int, with value: String) -> String {
        var parts = line.split(separator: " ").map(String.init)
        parts[index] = value
        return parts.joined(separator: " ")
    }

    /// Lines the second thread does not take make the first read the second half after all:
    /// the same network, or the same error at the same line and column.
    @Test("lines the second thread gives up on read as on one thread", arguments: 0 ..< 13)
    func givingUpReadsAsOneThread(edit: Int) throws {
        let (name, valid, change) = Self.edits[edit]
        var lines = Self.lines(try Self.written(3))
        change(&lines, lines.count - 5)
        let edited = lines.joined(separator: "\n")
        let one = Self.parse(edited, split: false)
        if case .network = one { #expect(valid, "\(name): accepted") } else { #expect(!valid, "\(name): \(one)") }
        let (two, taken) = Self.parseNoting(edited, split: true)
        #expect(two == one, "\(name)")
        #expect(!taken, "\(name): the second thread kept its arcs")
    }

    /// More or fewer arc lines than the p line declares, in either part, and a file without its
    /// last newline: the same error as on one thread.
    @Test("arc counts that do not match the p line give the same error", arguments: 0 ..< 6)
    func countMismatches(kind: Int) throws {
        let text = try Self.written(5)
        var lines = Self.lines(text)
        let firstArc = try #require(lines.firstIndex { $0.hasPrefix("a ") })
        switch kind {
        case 0: lines.insert("a 2 40 0 1 5", at: lines.count - 3)       // one more, at the end
        case 1: lines.insert("a 2 40 0 1 5", at: firstArc + 1)           // one more, at the start
        case 2: lines.remove(at: lines.count - 3)                        // one fewer, at the end
        case 3: lines.remove(at: firstArc + 2)                           // one fewer, at the start
        case 4: lines.append(contentsOf: ["a 2 40 0 1 5", "a 2 41 0 1 5"])  // two more, after the last
        default: while lines.last == "" { lines.removeLast() }            // no newline at the end
        }
        let edited = lines.joined(separator: "\n")
        let one = Self.parse(edited, split: false)
        if kind < 5, case .network = one { Issue.record("kind \(kind): a wrong arc count was accepted") }
        #expect(Self.parse(edited, split: true) == one, "kind \(kind)")
    }
}

import Foundation
import Testing
@testable import BPVDimacs
import BPVSolver

/// The twelve linear assignment problems of J. E. Beasley's OR-Library (Fixtures/orlib, with
/// their README), read through the DIMACS assignment format (`p asn`) and solved to their
/// published optima: instances nobody here wrote, with answers nobody here computed.
@Suite("Public benchmark sets")
struct PublicBenchmarkTests {
    static let published: [(file: String, optimum: Int64)] = [
        ("assign100", 305), ("assign200", 475), ("assign300", 626), ("assign400", 804),
        ("assign500", 991), ("assign600", 1176), ("assign700", 1362), ("assign800", 1552),
        ("assignp800", 2239), ("assignp1500", 5839), ("assignp3000", 18696), ("assignp5000", 48533),
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/orlib")

    /// An OR-Library file as `p asn` text: rows are nodes 1...n, columns n+1...2n. Dense files
    /// list n x n costs row by row; sparse ones (`assignp`) `row column cost` triples.
    static func asDimacs(_ file: String) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent("\(file).txt"), encoding: .utf8)
        let numbers = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" }).compactMap { Int64($0) }
        let n = Int(try #require(numbers.first))
        var arcs: [String] = []
        if file.hasPrefix("assignp") {
            var i = 1
            while i + 2 < numbers.count {
                arcs.append("a \(numbers[i]) \(Int64(n) + numbers[i + 1]) \(numbers[i + 2])")
                i += 3
            }
        } else {
            try #require(numbers.count == 1 + n * n, "\(file): \(numbers.count - 1) costs for \(n) x \(n)")
            for r in 0 ..< n {
                for c in 0 ..< n { arcs.append("a \(r + 1) \(n + c + 1) \(numbers[1 + r * n + c])") }
            }
        }
        let rows = (1 ... n).map { "n \($0)" }
        return (["c OR-Library \(file)", "p asn \(2 * n) \(arcs.count)"] + rows + arcs).joined(separator: "\n") + "\n"
    }

    @Test("each OR-Library problem solves to its published optimum, certified", arguments: published)
    func orLibraryOptimum(file: String, optimum: Int64) throws {
        let instance = try DimacsReader.parse(try Self.asDimacs(file), fileName: "\(file).asn")
        let result = try AssignmentSolver().solve(instance.problem)
        try OptimalityCertificate.verify(result, for: instance.problem)
        #expect(result.placedCount == instance.problem.studentCount)
        #expect(instance.dimacsCost(of: result) == optimum)
    }

    @Test func theAssignmentFormatNamesRowsAndColumnsByNode() throws {
        // Rows 2 and 4 (declared after an arc), columns 1 and 3: 2->1 costs 5, 2->3 costs 1,
        // 4->3 costs 1, so 4 must give column 3 up: 2->3 and 4->... only 3, so 2->1 (5) + 4->3 (1).
        let text = "c tiny\np asn 4 3\na 2 1 5\nn 2\nn 4\na 2 3 1\na 4 3 1\n"
        let instance = try DimacsReader.parse(text, fileName: "tiny.asn")
        #expect(instance.studentNodes == [2, 4])
        #expect(instance.internshipNodes == [1, 3])
        let result = try AssignmentSolver().solve(instance.problem)
        #expect(instance.dimacsCost(of: result) == 6)
        #expect(result.internshipOfStudent == [0, 1])
    }

    @Test("a malformed assignment file is refused at its line and column", arguments: [
        ("p asn 4 1\nn 1\na 1 9 3\n", "bad.asn:3:5: node 9 is not in 1...4"),
        ("p asn 4 1\nn 1\na 1 2 x\n", "bad.asn:3:7: expected the cost, an integer"),
        ("p asn 4 2\nn 1\na 1 2 3\n", "bad.asn:1:1: the p line declares 2 arcs but the file has 1"),
        ("p asn 4 1\nn 1\nn 1\na 1 2 3\n", "bad.asn:3:3: node 1 has a second n line (line 2)"),
        ("p asn 4 1\na 1 2 3\nq\n", "bad.asn:3:1: a line must start with c, p, n or a"),
    ])
    func malformedAssignmentFile(text: String, expected: String) {
        #expect(throws: DimacsError.self) { try DimacsReader.parse(text, fileName: "bad.asn") }
        do {
            _ = try DimacsReader.parse(text, fileName: "bad.asn")
        } catch {
            #expect(error.description == expected)
        }
    }
}

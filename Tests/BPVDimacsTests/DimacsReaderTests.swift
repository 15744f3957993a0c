import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import BPVDimacs
import BPVSolver
import BPVSynthetic

@Suite("DIMACS reading")
struct DimacsReaderTests {
    /// Two students, two internships (capacity 1 each), costs on every kind of arc.
    static let small = """
        c a comment
        p min 6 9
        n 1 2
        n 6 -2
        a 1 2 0 1 5
        a 1 3 0 1 0
        a 2 4 0 1 1
        a 2 5 0 1 5
        a 3 4 0 1 2
        a 2 6 0 1 100
        a 3 6 0 1 100
        a 4 6 0 1 10
        a 5 6 0 1 0
        """

    @Test func readsTheAssignmentShapeAndFoldsArcCosts() throws {
        let instance = try DimacsReader.parse(Self.small)
        let p = instance.problem
        #expect(p.studentCount == 2 && p.internshipCount == 2)
        #expect(instance.studentNodes == [2, 3] && instance.internshipNodes == [4, 5])
        #expect(p.capacities == [1, 1])
        // The internship -> sink cost 10 is folded into arcs into node 4; each student's arcs
        // are stored cheapest first.
        #expect(p.arcCost == [5, 11, 12])
        #expect(p.arcInternship == [1, 0, 0])
        #expect(p.objective == .unplacedCosts([100, 100]))
        #expect(instance.constantCost == 5)
        let r = try AssignmentSolver().solve(p)
        // Student 2 -> 5 (5), student 3 -> 4 (2 + 10), source arc 5: 22.
        #expect(instance.dimacsCost(of: r) == 22)
    }

    @Test func lineOrderDoesNotChangeTheOptimum() throws {
        var lines = Self.small.split(separator: "\n").map(String.init)
        let header = Array(lines.prefix(4))
        var body = Array(lines.dropFirst(4))
        var rng = SeededGenerator(seed: 3)
        body.shuffle(using: &rng)
        lines = header + body
        let shuffled = try DimacsReader.parse(lines.joined(separator: "\n"))
        let r = try AssignmentSolver().solve(shuffled.problem)
        #expect(shuffled.dimacsCost(of: r) == 22)
    }

    @Test func supportPoolsBecomeSupportLimits() throws {
        // Internship 4 (capacity 2) with pool 5 (support capacity 1); students 2 and 3 need support.
        let text = """
            p min 6 8
            n 1 2
            n 6 -2
            a 1 2 0 1 0
            a 1 3 0 1 0
            a 2 5 0 1 1
            a 3 5 0 1 1
            a 2 6 0 1 50
            a 3 6 0 1 60
            a 5 4 0 1 0
            a 4 6 0 2 0
            """
        let instance = try DimacsReader.parse(text)
        #expect(instance.problem.support == SupportLimits(capacities: [1], needsSupport: [true, true]))
        let r = try AssignmentSolver().solve(instance.problem)
        try OptimalityCertificate.verify(r, for: instance.problem)
        #expect(r.placedCount == 1)
        #expect(instance.dimacsCost(of: r) == 1 + 50)
    }

    @Test("written and read back, any instance solves to the same total", arguments: 0 ..< 40)
    func roundTrip(seed: Int) throws {
        let region = SyntheticRegion(
            students: 20 + seed * 5, internships: 5 + seed, seed: UInt64(seed), areaKm: 30,
            supportShare: seed % 2 == 0 ? 0.3 : 0)
        let p = try region.makeProblem()
        let direct = try AssignmentSolver().solve(p)
        let text = try DimacsWriter.text(of: p)
        let instance = try DimacsReader.parse(text)
        let viaFile = try AssignmentSolver().solve(instance.problem)
        try OptimalityCertificate.verify(viaFile, for: instance.problem)
        let penalties = try p.effectiveUnplacedCosts()
        let expected = direct.arcCost + (0 ..< p.studentCount)
            .filter { direct.internshipOfStudent[$0] < 0 }
            .reduce(Int64(0)) { $0 + penalties[$1]! }
        #expect(instance.dimacsCost(of: viaFile) == expected)
        #expect(viaFile.placedCount == direct.placedCount)
    }

    @Test func writtenFilesAreOwnerOnly() throws {
        let p = try SyntheticRegion(students: 30, internships: 10, seed: 1).makeProblem()
        let path = "/tmp/bpv-test-\(UInt64.random(in: 0 ... .max)).dimacs"
        defer { _ = path.withCString { unlink($0) } }
        try DimacsWriter.write(p, to: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let back = try DimacsReader.read(path: path)
        #expect(back.problem.studentCount == 30)
    }
}

@Suite("DIMACS errors name the line and column")
struct DimacsErrorTests {
    func error(_ text: String) -> DimacsError? {
        do {
            _ = try DimacsReader.parse(text, fileName: "x.dimacs")
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ text: String, line: Int, column: Int? = nil, containing words: String) {
        guard let e = error(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(e.file == "x.dimacs")
        #expect(e.line == line, "\(e)")
        if let column { #expect(e.column == column, "\(e)") }
        #expect(e.message.contains(words), "\(e)")
        #expect(e.description.hasPrefix("x.dimacs:\(line):"))
    }

    let ok = "p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 3 4 0 1 0\n"

    @Test func theValidBaseFileIsAccepted() throws {
        #expect(error(ok) == nil)
    }

    @Test func unknownLineType() {
        expectError("p min 2 0\nx 1 2\n", line: 2, column: 1, containing: "must start with c, p, n or a")
    }

    @Test func missingOrWrongProblemLine() {
        expectError("c nothing\n", line: 2, containing: "no problem line")
        expectError("a 1 2 0 1 0\n", line: 1, containing: "before the problem line")
        expectError("p max 2 1\n", line: 1, column: 3, containing: "only 'p min'")
        expectError("p min 4 0\np min 4 0\n", line: 2, containing: "second problem line")
    }

    @Test func badNumbers() {
        expectError("p min 4 1\na 1 2x 0 1 0\n", line: 2, column: 6, containing: "unexpected 'x'")
        expectError("p min 4 1\na 1 2 0 1\n", line: 2, containing: "expected the cost")
        expectError("p min 4 1\na 1 2 0 1 12345678901234567890\n", line: 2, containing: "too many digits")
        expectError("p min 4 1\na 1 2 0 1 5 9\n", line: 2, column: 13, containing: "unexpected text")
    }

    @Test func outOfRangeValues() {
        expectError("p min 4 1\na 1 9 0 1 0\n", line: 2, containing: "head node 9 is not in 1...4")
        expectError("p min 4 1\na 1 2 1 1 0\n", line: 2, containing: "lower bound 1")
        expectError("p min 4 1\na 1 2 0 -1 0\n", line: 2, containing: "capacity -1")
        expectError("p min 4 1\na 1 2 0 1 2000000000000\n", line: 2, containing: "outside ±2^40")
        expectError("p min 4 1\nn 7 1\n", line: 2, containing: "node 7 is not in 1...4")
    }

    @Test func arcCountMustMatchTheProblemLine() {
        expectError("p min 4 1\na 1 2 0 1 0\na 2 3 0 1 0\n", line: 3, containing: "more arcs than the 1 declared")
        expectError("p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 0\n", line: 1, containing: "declares 3 arcs but the file has 1")
    }

    @Test func sourceAndSinkMustBeUnique() {
        expectError("p min 4 0\n", line: 1, containing: "no source")
        // Several supply nodes are the source-less shape: each must then be a student, supply 1.
        expectError("p min 4 0\nn 1 2\nn 2 1\nn 4 -3\n", line: 2, containing: "node 1 has supply 2; with several supply nodes each must be a student")
        expectError("p min 4 0\nn 1 2\nn 4 -1\n", line: 3, containing: "differs from source supply")
        expectError("p min 4 3\nn 1 2\nn 4 -2\na 1 2 0 1 0\na 2 3 0 1 7\na 3 4 0 1 0\n", line: 2,
                    containing: "source supply 2 but 1 arcs leave the source")
    }

    @Test func arcsOutsideTheShape() {
        expectError("p min 4 4\nn 1 1\nn 4 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 3 4 0 1 0\na 4 2 0 1 0\n", line: 7,
                    containing: "arc leaves the sink")
        expectError("p min 6 5\nn 1 1\nn 4 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 3 4 0 1 0\na 5 3 0 1 0\na 6 3 0 1 0\n", line: 8,
                    containing: "second support pool")
        expectError("p min 5 4\nn 1 1\nn 5 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 3 5 0 1 0\na 3 4 0 1 0\n", line: 7,
                    containing: "an internship's only arc goes to the sink")
        expectError("p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 2 0\na 2 3 0 1 7\na 3 4 0 1 0\n", line: 4,
                    containing: "it must be 1")
        expectError("p min 5 4\nn 1 1\nn 5 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 3 5 0 1 0\na 2 1 0 1 0\n", line: 7,
                    containing: "arc into the source")
    }

    /// The reader takes the file in 4 MiB chunks: a line cut by a chunk's end must read as if
    /// whole, and an error past the cut must keep its line and column. The arc lines of `small`
    /// are shifted across the boundary one byte at a time by a comment that pads the file.
    @Test("a line split across the 4 MiB chunk boundary reads as a whole", arguments: 0 ..< 24)
    func chunkBoundary(shift: Int) throws {
        let chunk = DimacsLineParser.bufferSize
        let lines = DimacsReaderTests.small.split(separator: "\n", omittingEmptySubsequences: false)
        let head = lines.prefix(4).joined(separator: "\n") + "\n"      // comment, p, two n lines
        let arcs = lines.dropFirst(4).joined(separator: "\n") + "\n"
        // A comment line that ends `shift` bytes before the boundary ("c " + padding + newline).
        let pad = chunk - head.utf8.count - shift - 3
        let text = head + "c " + String(repeating: "x", count: pad) + "\n" + arcs
        let expected = try DimacsReader.parse(DimacsReaderTests.small)
        let padded = try DimacsReader.parse(text)
        #expect(padded.problem == expected.problem)
        #expect(padded.constantCost == expected.constantCost)
        // A bad arc after the boundary: reported at its own line (head 4 lines, the pad, then the arcs).
        let bad = head + "c " + String(repeating: "x", count: pad) + "\n" + "a 2 4 0 1 1\na 2 5 0 zz 5\n"
        do {
            _ = try DimacsReader.parse(bad, fileName: "pad.dimacs")
            Issue.record("a malformed arc line was accepted")
        } catch let error as DimacsError {
            #expect(error.line == 7 && error.column == 9, "\(error)")
        }
    }

    /// NETGEN writes assignment problems without a source or a sink: students are supply-1
    /// nodes, internships demand nodes. Read as must-place students; LEMON's optimum of the
    /// same file is the cost of the cheapest perfect assignment.
    @Test func readsSupplyOneStudentsWithoutASourceOrSink() throws {
        let text = """
            p min 5 5
            n 1 1
            n 2 1
            n 3 1
            n 4 -2
            n 5 -1
            a 1 4 0 1 3
            a 1 5 0 1 1
            a 2 5 0 1 2
            a 2 4 0 1 4
            a 3 4 0 1 5

            """
        let instance = try DimacsReader.parse(text)
        #expect(instance.studentNodes == [1, 2, 3] && instance.internshipNodes == [4, 5])
        #expect(instance.problem.capacities == [2, 1])
        #expect(instance.problem.objective == .unplacedCosts([nil, nil, nil]))
        let r = try AssignmentSolver().solve(instance.problem)
        // 3 must go to 4 (5); then 1->5 (1) + 2->4 (4) = 5 beats 1->4 (3) + 2->5 (2) = 5: a tie at 10.
        #expect(instance.dimacsCost(of: r) == 10)
        expectError("p min 3 2\nn 1 1\nn 2 1\nn 3 -1\na 1 3 0 1 0\na 2 3 0 1 0\n", line: 1, column: 1,
                    containing: "2 students (supply 1) but 1 places demanded")
    }

    /// An internship with no places takes nobody: it and the arcs into it are dropped on reading.
    @Test func dropsInternshipsWithoutPlaces() throws {
        // small, with internship node 5's arc to the sink closed (capacity 0).
        let text = DimacsReaderTests.small.replacing("a 5 6 0 1 0", with: "a 5 6 0 0 0")
        let instance = try DimacsReader.parse(text)
        #expect(instance.internshipNodes == [4])
        #expect(instance.problem.arcInternship == [0, 0])
        let r = try AssignmentSolver().solve(instance.problem)
        #expect(r.placedCount == 1)
    }

    /// Found by `make fuzz` (FuzzDimacs, an out-of-memory): a `p asn` line declaring 1.6 billion
    /// nodes made the reader allocate gigabytes before reading anything else. Refused at the line.
    @Test func aProblemLineWithMoreNodesThanArcsCanConnectIsRefusedNotAllocated() {
        let fuzzed = "\t\t\t\t\t\t\t\t\t\t\np asn \t\t\t\t\t\t\t\t\t\t\t0001657525216 1\t\t\t11"
        do {
            _ = try DimacsReader.parse(fuzzed, fileName: "oom.dimacs")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "oom.dimacs:2:36: the p line declares 1657525216 nodes, far more than 1 arcs can connect")
        }
        // A min-cost-flow file with the same header is refused the same way.
        do {
            _ = try DimacsReader.parse("p min 1657525216 1\na 1 2 0 1 5\n", fileName: "oom.dimacs")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasSuffix("the p line declares 1657525216 nodes, far more than 1 arcs can connect"))
        }
    }
}


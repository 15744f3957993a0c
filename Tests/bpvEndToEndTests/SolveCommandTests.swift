import Foundation
import Testing

@Suite("bpv generate and bpv solve, end to end")
struct SolveCommandTests {
    @Test func generatedInstanceSolvesAndReportsJSON() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("g.dimacs").path
        let gen = try BPVBinary.run(["generate", "--students", "300", "--internships", "90", "--seed", "5", "--out", file])
        #expect(gen.status == 0, "\(gen.stderr)")
        #expect(gen.stdout.contains("300 students, 90 internships"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let solved = try BPVBinary.run(["solve", "--dimacs", file, "--json"])
        #expect(solved.status == 0, "\(solved.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any]
        let placed = json?["placed"] as? Int, unplaced = json?["unplaced"] as? Int
        #expect(placed != nil && unplaced != nil && placed! + unplaced! == 300)
        #expect(json?["cost"] is Int)
        #expect(json?["solve_ms"] is Double || json?["solve_ms"] is Int)
        #expect(json?["certified"] as? Bool == true)

        let text = try BPVBinary.run(["solve", "--dimacs", file])
        #expect(text.status == 0)
        #expect(text.stdout.contains("cost"))
        #expect(text.stdout.contains("certified optimal"))
    }

    @Test func sameSeedWritesTheSameFile() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.dimacs").path, b = dir.appendingPathComponent("b.dimacs").path
        _ = try BPVBinary.run(["generate", "--students", "200", "--internships", "50", "--seed", "9", "--out", a])
        _ = try BPVBinary.run(["generate", "--students", "200", "--internships", "50", "--seed", "9", "--out", b])
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    }

    @Test func knownOptimumIsPrinted() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("k.dimacs").path
        // Two students, one place: student 2 costs 7, student 3 costs 3; unplaced costs 100.
        try """
            p min 5 7
            n 1 2
            n 5 -2
            a 1 2 0 1 0
            a 1 3 0 1 0
            a 2 4 0 1 7
            a 3 4 0 1 3
            a 2 5 0 1 100
            a 3 5 0 1 100
            a 4 5 0 1 0
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BPVBinary.run(["solve", "--dimacs", file, "--json"])
        #expect(r.stdout.contains("\"cost\":103"))
        #expect(r.stdout.contains("\"placed\":1"))
    }

    @Test func badFileFailsWithFileLineAndColumn() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.dimacs").path
        try "p min 4 1\na 1 2 0 1 x\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BPVBinary.run(["solve", "--dimacs", file])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(file):2:11: expected the cost"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func wrongShapeAndMissingFileAreRefused() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("shape.dimacs").path
        try "p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 0\na 2 3 0 1 7\na 4 3 0 1 0\n".write(toFile: file, atomically: true, encoding: .utf8)
        let shape = try BPVBinary.run(["solve", "--dimacs", file])
        #expect(shape.status != 0)
        #expect(shape.stderr.contains("\(file):5:1: arc from student node 2 to node 3, which is not an internship"), "\(shape.stderr)")
        let missing = try BPVBinary.run(["solve", "--dimacs", dir.appendingPathComponent("nope").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("bpv: ") && missing.stderr.contains("cannot open"), "\(missing.stderr)")
    }

    @Test func infeasibleInstanceSaysWhichStudent() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("inf.dimacs").path
        try "p min 5 5\nn 1 2\nn 5 -2\na 1 2 0 1 0\na 1 3 0 1 0\na 2 4 0 1 1\na 3 4 0 1 1\na 4 5 0 1 0\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BPVBinary.run(["solve", "--dimacs", file])
        #expect(r.status != 0)
        #expect(r.stderr.contains("infeasible: student node"), "\(r.stderr)")
    }
}

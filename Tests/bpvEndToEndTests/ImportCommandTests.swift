import Foundation
import Testing

@Suite("bpv import, end to end")
struct ImportCommandTests {
    let good = "id;level;sectors;town;travel_mode;max_travel_min\nS-1;entree;retail;Hilversum;fiets;30\nS-2;2;zorg;Haarlem;ov;45\n"

    @Test func aGoodFileIsImportedAndAReimportUpdates() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("students.csv").path, db = dir.appendingPathComponent("ws.sqlite").path
        try good.write(toFile: csv, atomically: true, encoding: .utf8)
        let first = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 added, 0 updated"))
        #expect((try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int) == 0o600)
        let second = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(second.stdout.contains("0 added, 2 updated"))
    }

    @Test func aBadFileIsRefusedWholeWithEveryProblemLocated() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("students.csv").path, bad = dir.appendingPathComponent("bad.csv").path
        let db = dir.appendingPathComponent("ws.sqlite").path
        try good.write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try BPVBinary.run(["import", "students", csv, "--db", db])
        // Row 2 is fine and changes S-1; row 3 has an unknown sector, row 4 a duplicate id.
        try "id;level;sectors;town;travel_mode;max_travel_min\nS-1;2;zorg;Haarlem;ov;60\nS-3;2;bakery;Haarlem;ov;45\nS-1;2;zorg;Haarlem;ov;45\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try BPVBinary.run(["import", "students", bad, "--db", db])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(bad):3:7: unknown sector 'bakery'"), "\(r.stderr)")
        #expect(r.stderr.contains("\(bad):4:1: duplicate id S-1 (first on line 2)"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was imported"))
        // The workspace is as it was: re-importing the good file updates both, adds none.
        let check = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(check.stdout.contains("0 added, 2 updated"))
    }
}

import BPVDomain
import Foundation
import GRDB
import Testing
@testable import BPVWorkspace

@Suite("Workspace store")
struct WorkspaceStoreTests {
    func scratchPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bpv-ws-\(UUID().uuidString).sqlite").path
    }

    let csvStudents = """
        id;name;level;sectors;town;travel_mode;max_travel_min;needs;certificates;priority;coach
        S-1;Noë;entree;retail|logistiek;Hilversum;fiets;30;quiet|jobcoach;heftruck;1;Jan
        S-2;;2;zorg;Haarlem;ov;45;;vog;;

        """

    @Test func theFileIsCreatedOwnerOnly() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The write-ahead log and its index, present while the workspace is open, are owner-only too.
        try ws.set("travel_minute_weight", to: "2")
        for suffix in ["-wal", "-shm"] {
            defer { try? FileManager.default.removeItem(atPath: path + suffix) }
            let m = try FileManager.default.attributesOfItem(atPath: path + suffix)[.posixPermissions] as? Int
            #expect(m == 0o600, "\(suffix)")
        }
    }

    @Test func aBulkLoadKeepsEveryCellAsItWasNullEmptyTextAndNumbersApart() throws {
        // The bulk path binds straight into SQLite (``BulkInsert``): an empty text must stay
        // text, not become NULL; text keeps its bytes; integers and reals keep their type.
        let db = try DatabaseQueue()
        try db.write { db in try db.execute(sql: "CREATE TABLE t (k INTEGER PRIMARY KEY, a, b)") }
        let rows: [[WorkspaceTables.Value]] = [
            [.integer(1), .text(""), .null],
            [.integer(2), .text("Noë 'x' \u{1F600}"), .real(2.5)],
            [.integer(3), .integer(-7), .text("a\0b")],
        ]
        try db.write { db in
            try Workspace.insert(WorkspaceTables(tables: [.init(name: "t", columns: ["k", "a", "b", "gone"], rows: rows.map { $0 + [.text("x")] })]), into: db)
        }
        let back = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT typeof(a) || ':' || hex(a) || ' ' || typeof(b) || ':' || hex(b) FROM t ORDER BY k").map { $0[0] as String }
        }
        // Exact bytes: "Noë 'x' 😀" in UTF-8, and a NUL inside a text kept whole.
        #expect(back == [
            "text: null:",
            "text:4E6FC3AB2027782720F09F9880 real:" + "2.5".utf8.map { String(format: "%02X", $0) }.joined(),
            "integer:" + "-7".utf8.map { String(format: "%02X", $0) }.joined() + " text:610062",
        ])
        // A refused row is an error with SQLite's words, not a crash, and the statement is usable after.
        #expect(throws: DatabaseError.self) {
            try db.write { db in try Workspace.insert(WorkspaceTables(tables: [.init(name: "t", columns: ["k"], rows: [[.integer(1)]])]), into: db) }
        }
        try db.write { db in try Workspace.insert(WorkspaceTables(tables: [.init(name: "t", columns: ["k"], rows: [[.integer(4)]])]), into: db) }
        #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 4)
        // Read back the bulk way (``BulkRead``, a mirror's changes): every cell as it went in.
        let read = try db.read { db in
            let rows = try BulkRead(db, sql: "SELECT k, a, b FROM t WHERE k < ? ORDER BY k", arguments: [4])
            var out: [[WorkspaceTables.Value]] = []
            while let row = try rows.next() { out.append(row) }
            return out
        }
        #expect(read == rows)
        // A step that fails is an error with SQLite's words.
        #expect(throws: DatabaseError.self) {
            try db.read { db in _ = try BulkRead(db, sql: "SELECT json_extract(a, '$') FROM t WHERE k = 2").next() }
        }
    }

    @Test func importedStudentsSurviveAReopenUnchanged() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let students = try StudentImport.parse(Array(csvStudents.utf8), fileName: "s.csv")
        let summary = try Workspace(path: path).importStudents(students, from: "s.csv")
        #expect(summary == .init(added: 2, updated: 0))
        let again = try Workspace(path: path).students()
        #expect(again == students)
    }

    @Test func reimportUpdatesByID() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path)
        var students = try StudentImport.parse(Array(csvStudents.utf8), fileName: "s.csv")
        try ws.importStudents(students, from: "s.csv")
        students[1].maxTravelMinutes = 60
        let summary = try ws.importStudents([students[1]], from: "s2.csv")
        #expect(summary == .init(added: 0, updated: 1))
        #expect(try ws.students().map(\.maxTravelMinutes) == [30, 60])
    }

    @Test func internshipsRoundTrip() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "id,employer,sector,town,capacity,support_capacity,offers,requires,levels,leerbedrijf_id\nI-1,Bakkerij,retail,Haarlem,3,1,jobcoach|quiet,vca,entree|2,100200300\n"
        let internships = try InternshipImport.parse(Array(text.utf8), fileName: "i.csv")
        try Workspace(path: path).importInternships(internships, from: "i.csv")
        #expect(try Workspace(path: path).internships() == internships)
    }

    @Test func everyChangeIsInTheAuditLogWithTheUser() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path, user: "coordinator")
        let students = try StudentImport.parse(Array(csvStudents.utf8), fileName: "s.csv")
        try ws.importStudents(students, from: "leerlingen.csv")
        try ws.importStudents(students, from: "leerlingen.csv")
        let log = try ws.auditLog()
        #expect(log.count == 2)
        #expect(log[0].user == "coordinator" && log[0].action == "import students" && log[0].subject == "leerlingen.csv")
        #expect(log[0].detail == "2 added, 0 updated" && log[1].detail == "0 added, 2 updated")
        #expect(log[0].at.hasSuffix("Z"))
        #expect(Workspace.osUser().isEmpty == false)
    }

    @Test func theAuditLogIsAppendOnly() throws {
        let path = scratchPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path)
        try ws.importStudents([], from: "empty.csv")
        let db = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "UPDATE audit SET user = 'someone else'") } }
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(try ws.auditLog().count == 1)
    }

    @Test func anUnwritableLocationIsAClearError() {
        #expect(throws: WorkspaceError.self) { try Workspace(path: "/nonexistent-dir/bpv.sqlite") }
    }
}

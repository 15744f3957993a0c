import BPVDomain
import Foundation
import GRDB
import Testing
@testable import BPVWorkspace

/// What a mirror hands its home (``RegisterHome``) for each change: the rows it touched, each
/// once, whether the change made it, and a match's placements before its draft.
@Suite("a mirror's changes as its home gets them")
struct MirrorTests {
    /// A home of nothing that keeps what it is sent, a `send` at a time.
    final class RecordingHome: RegisterHome, @unchecked Sendable {
        // @unchecked: the tests call it from one thread.
        var sends: [[ChangedRow]] = []
        var location: String { "recording" }
        var user: String { "coordinator" }
        var hasNews: Bool { false }
        func snapshot(_ take: (WorkspaceTables.Table) -> Void) throws(WorkspaceError) {}
        func beginChange() throws(WorkspaceError) -> HomeCatchUp { HomeCatchUp() }
        func send(_ rows: [ChangedRow]) throws(WorkspaceError) { sends.append(rows) }
        func finishChange() throws(WorkspaceError) {}
        func abandonChange() {}
        func catchUp() throws(WorkspaceError) -> HomeCatchUp { HomeCatchUp() }
        func heldElsewhere(_ internship: String, supportPlaces: Bool) -> Int { 0 }

        /// The rows of `table` sent since the last call, as `key value new`.
        func take(_ table: String) -> [String] {
            defer { sends = [] }
            return sends.joined().filter { $0.table == table }.map { row in
                let value = row.values.map { "\($0[row.columns.firstIndex(of: "value") ?? 0])" } ?? "gone"
                return "\(row.key) \(value) \(row.isNew ? "new" : "old")"
            }
        }
    }

    /// The server inserts a row the change made without asking whether it has it, so a row
    /// that was there before the change, also one deleted and made again, must never be sent
    /// as new (the insert would be refused), and a made one always is.
    @Test func aRowIsSentAsNewOnlyWhenTheChangeMadeIt() throws {
        let home = RecordingHome()
        let mirror = try Workspace(home: home)
        func change(_ sql: String) throws { try mirror.writeImmediate { db in try db.execute(sql: sql) } }
        try change("INSERT INTO setting (name, value) VALUES ('a', '1'), ('b', '2')")
        #expect(home.take("setting") == [#"["a"] text("1") new"#, #"["b"] text("2") new"#])
        try change("""
            UPDATE setting SET value = '3' WHERE name = 'a';
            DELETE FROM setting WHERE name = 'b'; INSERT INTO setting (name, value) VALUES ('b', '4');
            INSERT INTO setting (name, value) VALUES ('c', '5'); UPDATE setting SET value = '6' WHERE name = 'c';
            """)
        #expect(home.take("setting") == [#"["a"] text("3") old"#, #"["b"] text("4") old"#, #"["c"] text("6") new"#])
        try change("DELETE FROM setting WHERE name = 'c'; INSERT INTO setting (name, value) VALUES ('d', '7'); DELETE FROM setting WHERE name = 'd'")
        #expect(home.take("setting") == [#"["c"] gone old"#, #"["d"] gone old"#])
    }

    /// A match hands its round and placements on before it writes the draft, so a server
    /// writes the bulk of the match while the register rows are made; every row goes once.
    @Test func aMatchHandsItsPlacementsOnBeforeItsDraftAndEachRowOnce() throws {
        let home = RecordingHome()
        let mirror = try Workspace(home: home)
        try mirror.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min,priority
            S-1,2,retail,Hilversum,bike,30,0
            S-2,2,retail,Hilversum,bike,30,1
            S-3,2,retail,Hilversum,bike,30,0

            """.utf8), fileName: "s.csv"), from: "s.csv")
        try mirror.importInternships(try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity
            I-1,Winkel Een,retail,Hilversum,1
            I-2,Winkel Twee,retail,Hilversum,1

            """.utf8), fileName: "i.csv"), from: "i.csv")
        home.sends = []
        _ = try Register(workspace: mirror).match()
        let tables = home.sends.map { Array(Set($0.map(\.table))).sorted() }
        #expect(tables == [["round"], ["placement"], ["internship"], ["register"], ["audit"]])
        let rows = home.sends.joined()
        #expect(rows.filter { $0.table == "placement" }.map(\.key) == [#"[1,"S-1"]"#, #"[1,"S-2"]"#, #"[1,"S-3"]"#])
        #expect(rows.filter { $0.table == "register" }.map { "\($0.key) \($0.isNew)" } == [#"["S-1",0] true"#, #"["S-2",0] true"#])
    }

    /// A large draft goes to the home a part at a time while the rest is written (the server
    /// writes one part while the next is made): every pupil's row once, in parts of
    /// `Register.draftPart` pupils.
    @Test func aLargeDraftIsHandedOnInPartsEachRowOnce() throws {
        let home = RecordingHome()
        let mirror = try Workspace(home: home)
        let pupils = Register.draftPart + 1
        let students = (1 ... pupils).map { String(format: "S-%05d,2,retail,Hilversum,bike,30,0\n", $0) }.joined()
        try mirror.importStudents(try StudentImport.parse(Array(("id,level,sectors,town,travel_mode,max_travel_min,priority\n" + students).utf8),
                                                          fileName: "s.csv"), from: "s.csv")
        // Room for every pupil (an internship has at most 1,000 places).
        let internships = (1 ... pupils / 1_000 + 1).map { "I-\($0),Winkel \($0),retail,Hilversum,1000\n" }.joined()
        try mirror.importInternships(try InternshipImport.parse(Array(("id,employer,sector,town,capacity\n" + internships).utf8),
                                                                fileName: "i.csv"), from: "i.csv")
        home.sends = []
        _ = try Register(workspace: mirror).match()
        let parts = home.sends.filter { $0.first?.table == "register" }
        #expect(parts.map(\.count) == [Register.draftPart, 1])
        #expect(parts.joined().map(\.key) == (1 ... pupils).map { String(format: #"["S-%05d",0]"#, $0) })
    }
}

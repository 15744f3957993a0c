import Foundation
import GRDB
import Testing

/// Issue 24: nothing a user types destroys or wedges the register.
@Suite("the register survives what a user types, end to end")
struct RegisterSafetyTests {
    static let samples = WorkspaceCommandTests.samples

    /// A Gooi workspace with one match done, in a fresh folder.
    static func gooi() throws -> (dir: URL, db: String) {
        let dir = try BPVBinary.scratch()
        let db = dir.appendingPathComponent("W.sqlite").path
        for kind in ["students", "employers", "internships"] {
            let r = try BPVBinary.run(["import", kind, samples.appendingPathComponent("gooi-\(kind).csv").path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
        return (dir, db)
    }

    @Test func anOutputNamingTheWorkspaceOrItsLogIsRefusedAndTheWorkspaceStillOpens() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let refusal = "bpv: \(db): cannot write: it is a database (a bpv workspace?), which this would destroy; name another file, for example one ending in .csv, .xlsx or .html\n"
        for arguments in [["report", db], ["export", "placements", db], ["export", "student", "GV-001", db], ["export", "dimacs", db]] {
            let r = try BPVBinary.run(arguments + ["--db", db])
            #expect(r.status == 1 && r.stderr == refusal && r.stdout.isEmpty, "\(arguments): \(r.stderr)")
        }
        let wal = try BPVBinary.run(["export", "placements", db + "-wal", "--db", db])
        #expect(wal.status == 1 && wal.stderr == "bpv: \(db)-wal: cannot write: it belongs to the database \(db) (its wal file), which this would destroy; name another file\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let after = try BPVBinary.run(["match", "--db", db])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") } == [])
    }

    @Test func aDbThatIsNoWorkspaceIsRefusedUntouchedModeIncluded() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("notes.csv").path, text = dir.appendingPathComponent("n.csv").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data(), attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: text, contents: Data("id;name\n".utf8), attributes: [.posixPermissions: 0o644])
        let cases = [
            (empty, "bpv: \(empty): cannot open the workspace: it is an empty file, not a workspace; nothing was changed. Name the workspace file, or a new file name to start one\n"),
            (text, "bpv: \(text): cannot open the workspace: this is not a bpv workspace (not a database at all); nothing was changed. Check --db\n"),
            (dir.path, "bpv: \(dir.path): cannot open the workspace: it is a folder; name the workspace file, for example \(dir.path)/bpv.sqlite\n"),
        ]
        for (db, message) in cases {
            let r = try BPVBinary.run(["match", "--db", db])
            #expect(r.status == 1 && r.stderr == message, "\(db): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "id;name\n")
        for file in [empty, text] {
            #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o644)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["n.csv", "notes.csv"])
    }

    @Test func textStoredWithTerminalEscapesIsShownNotObeyedAndTabsKeepTheColumns() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Today a reason with a control character is kept as its escaped text: shown, never obeyed.
        let pinned = try BPVBinary.run(["pin", "GV-001", "GVI-001", "a\u{1B}]0;pwned\u{7}b", "--db", db])
        #expect(pinned.status == 0 && !pinned.stdout.contains("\u{1B}"), "\(pinned.stderr)")
        #expect(try BPVBinary.run(["unpin", "GV-001", "--db", db]).status == 0)
        // What an earlier release stored raw (a screen clear, a retitle, a tab, a line break) is escaped.
        #expect(try BPVBinary.run(["propose", "GV-002", "GVI-017", "--db", db]).status == 0)
        #expect(try BPVBinary.run(["decline", "GV-002", "by", "employer", "no room", "--db", db]).status == 0)
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit SET reason = ? WHERE action = 'decline'", arguments: ["\u{1B}[2J\u{1B}]0;x\u{7}\tnext\r\nline"])
            try db.execute(sql: "UPDATE history SET reason = ? WHERE student_id = 'GV-002'", arguments: ["\u{1B}[2J\u{1B}]0;x\u{7}\tnext\r\nline"])
        }
        try queue.close()
        let escaped = #"\u{1B}[2J\u{1B}]0;x\u{7}\u{9}next\u{D}\u{A}line"#
        let history = try BPVBinary.run(["history", "GV-002", "--db", db])
        #expect(history.status == 0 && !history.stdout.contains("\u{1B}") && !history.stdout.contains("\r"))
        let declined = try #require(history.stdout.split(separator: "\n").first { $0.contains("declined_by_employer") })
        #expect(declined.hasSuffix(escaped))
        let log = try BPVBinary.run(["log", "--db", db])
        #expect(log.stdout.split(separator: "\n").contains { $0.contains("decline") && $0.hasSuffix(escaped) }, "\(log.stdout)")
        #expect(log.stdout.contains(#"a\u{1B}]0;pwned\u{7}b"#))
        #expect(!log.stdout.contains("\u{1B}") && !log.stdout.contains("\u{7}"))
        // And in the shell, whose table keeps its columns.
        let shell = try BPVBinary.run(["--db", db], stdin: "history GV-002\nlog 3\n")
        #expect(shell.status == 0 && !shell.stdout.contains("\u{1B}") && shell.stdout.contains(escaped))
    }
}

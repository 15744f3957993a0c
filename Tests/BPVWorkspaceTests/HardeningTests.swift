import BPVDomain
import BPVSpreadsheet
import Foundation
import GRDB
import Testing
@testable import BPVWorkspace

/// Files that must not harm: exports a spreadsheet cannot run and a link cannot redirect, and
/// a workspace that stays owner-only.
@Suite("exports and files that cannot harm")
struct HardeningTests {
    func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bpv-hard-\(UUID().uuidString)-\(name)").path
    }

    func workspace(employer: String) throws -> (Workspace, String) {
        let path = scratch("ws.sqlite")
        let ws = try Workspace(path: path, user: "coordinator")
        try ws.importStudents(try StudentImport.parse(Array("id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,retail,Hilversum,bike,30\n".utf8),
                                                      fileName: "s.csv"), from: "s.csv")
        try ws.importInternships([Internship(id: try PseudonymousID("I-1"), employer: employer, sector: .retail,
                                             location: try Location(latitude: 52.22, longitude: 5.17), capacity: 1)], from: "test")
        try ws.match()
        return (ws, path)
    }

    @Test(arguments: ["=HYPERLINK(\"http://x\")", "@SUM(1+1)", "-2+3", "+1", "\tTab"])
    func aFormulaInATextFieldIsExportedAsText(employer: String) throws {
        let (ws, path) = try workspace(employer: employer)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = scratch("p.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try ws.exportPlacements(to: out)
        let row = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")[1]
        let employerField = row.split(separator: ",", omittingEmptySubsequences: false)[2...].dropLast(3).joined(separator: ",")
        #expect(employerField.hasPrefix("'") || employerField.hasPrefix("\"'"), "\(row)")
    }

    @Test func everyTextCellOfEverySheetOfTheWorkbookIsDefusedAlike() throws {
        let path = scratch("ws.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path, user: "coordinator")
        try ws.importStudents(try StudentImport.parse(Array("id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,retail,Hilversum,bike,30\n-2,2,zorg,Hilversum,bike,30\n".utf8),
                                                      fileName: "s.csv"), from: "s.csv")
        try ws.importInternships([Internship(id: try PseudonymousID("I-1"), employer: "-2+3", sector: .retail,
                                             location: try Location(latitude: 52.22, longitude: 5.17), capacity: 1)], from: "test")
        try ws.match()
        let out = scratch("p.xlsx")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let unplaced = try #require(try ws.placements().first { $0.internship == nil }?.student)
        try ws.exportPlacements(to: out, unplacedReasons: [unplaced: "-1 place short at =I-1"])
        let book = try WorkbookReader(data: try Data(contentsOf: URL(fileURLWithPath: out)))
        var texts: [String] = []
        for sheet in book.sheetNames { texts += try book.cells(of: sheet).cells.filter { $0.row > 1 }.map(\.text) }
        // The unplaced pupil's id (-2: ids may start with a hyphen) too.
        #expect(unplaced == "-2" && texts.contains("'-2") && texts.contains("'-2+3") && texts.contains("'-1 place short at =I-1"))
        #expect(!texts.contains { ["=", "+", "-", "@"].contains($0.first) }, "\(texts)")
    }

    @Test func anExportReplacesALinkWithoutTouchingItsTarget() throws {
        let (ws, path) = try workspace(employer: "Winkel")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = scratch("precious.txt"), link = scratch("link.csv")
        defer { try? FileManager.default.removeItem(atPath: target); try? FileManager.default.removeItem(atPath: link) }
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try ws.exportPlacements(to: link)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        #expect((try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int) == 0o644)
        #expect((try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType) == .typeRegular)
        #expect((try FileManager.default.attributesOfItem(atPath: link)[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: link, encoding: .utf8).hasPrefix("student,internship,employer,"))
        // No temporary file is left beside it.
        let dir = (link as NSString).deletingLastPathComponent
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasSuffix(".tmp") && $0.contains("link.csv") }))
    }

    @Test func aWorkspaceFileMadeReadableByOthersIsMadeOwnerOnlyOnOpen() throws {
        let path = scratch("ws.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Workspace(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        _ = try Workspace(path: path)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anIdThatLooksLikeAnotherOrHidesACitizenNumberIsRefusedAtItsLine() throws {
        do {
            _ = try StudentImport.parse(Array("id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,retail,Hilversum,bike,30\nBSN123456782,2,retail,Hilversum,bike,30\nI-\u{212B},2,retail,Hilversum,bike,30\n".utf8),
                                        fileName: "s.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("""
                s.csv:3:1: id 'BSN123456782' looks like a citizen service (BSN) or education number; use a pseudonymous id such as S-0042
                s.csv:4:1: id 'I-\u{212B}' may contain only the letters A to Z, digits, '-' and '_'
                """))
        }
    }

    @Test func aTerminalEscapeOrANulInAFieldIsRefusedAtItsColumn() {
        do {
            _ = try StudentImport.parse(Array("id,name,level,sectors,town,travel_mode,max_travel_min\nS-1,Ann\u{1B}[2J,2,retail,Hilversum,bike,30\nS-2,B\u{0}b,2,retail,Hilversum,bike,30\n".utf8),
                                        fileName: "s.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.description == """
                s.csv:2:8: control character U+001B in a field; remove it (it is not text)
                s.csv:3:6: control character U+0000 in a field; remove it (it is not text)
                nothing was imported
                """)
        }
    }

    @Test func aWorkspaceIsMarkedAsBPVsAndAReasonHasALimit() throws {
        let (ws, path) = try workspace(employer: "Winkel")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ws.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == 0x4250_5631)  // 'BPV1'
        let long = String(repeating: "x", count: Workspace.reasonLimit + 1)
        let audit = try ws.auditLog().count
        #expect(throws: WorkspaceError.refused(.reasonTooLong(limit: 500, count: 501))) {
            try ws.ban(student: "S-1", internship: "I-1", reason: long)
        }
        #expect(try ws.auditLog().count == audit && (try ws.bans().isEmpty))
    }

    /// A write that waits in vain for the lock says who holds it: another bpv by its process,
    /// user and command, with the time it started; otherwise another program. Nothing changes.
    @Test func aLockedWorkspaceNamesItsWriter() throws {
        let (ws, path) = try workspace(employer: "Bakker")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let waiting = try Workspace(path: path, user: "coach-2", busySeconds: 1)
        let started = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? ws.writeImmediate { _ in
                started.signal()
                Thread.sleep(forTimeInterval: 2.5)
            }
            done.signal()
        }
        started.wait()
        let before = try waiting.auditLog().count
        do {
            try waiting.writeImmediate { db in try db.execute(sql: "DELETE FROM ban") }
            Issue.record("a write went through a held lock")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("\(path): the workspace is busy: "), "\(message)")
            #expect(message.contains("(process \(getpid()), user coordinator) has been writing to it since "), "\(message)")
            #expect(message.hasSuffix(", and bpv waited 1 second; nothing was changed, try again"), "\(message)")
        }
        done.wait()
        #expect(try waiting.auditLog().count == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-writer"))

        // Another program holding the lock leaves no note.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        do {
            try waiting.writeImmediate { db in try db.execute(sql: "DELETE FROM ban") }
            Issue.record("a write went through a held lock")
        } catch {
            #expect("\(error)" == "\(path): the workspace is busy: another program (not bpv) holds its write lock, and bpv waited 1 second; "
                + "nothing was changed; close that program (an sqlite3 session with an open transaction?) and try again")
        }
        try other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    }
}

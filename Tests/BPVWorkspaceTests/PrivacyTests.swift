import BPVDomain
import Foundation
import Testing
import BPVTestServer
@testable import BPVWorkspace

/// The GDPR duties: erasure leaves nothing of the student in any table or file, the audit log
/// keeps that it happened but not who, a purge erases by retention term, and access exports
/// everything held about one student.
@Suite("erasure, purge and access")
struct PrivacyTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func gooi() throws -> (Register, String) {
        let path = try TestStore.fresh("bpv-privacy")
        let ws = try TestStore.open(path, user: "coordinator")
        for (kind, parse) in [("students", 0), ("employers", 2), ("internships", 1)] {
            let bytes = Array(try Data(contentsOf: Self.samples.appendingPathComponent("gooi-\(kind).csv")))
            switch parse {
            case 0: try ws.importStudents(try StudentImport.parse(bytes, fileName: kind), from: kind)
            case 1: try ws.importInternships(try InternshipImport.parse(bytes, fileName: kind), from: kind)
            default: try ws.importEmployers(try EmployerImport.parse(bytes, fileName: kind), from: kind)
            }
        }
        return (Register(workspace: ws), path)
    }

    /// The bytes of the workspace's files; on a region's server, every row of every table of
    /// the region's schema as text (what a database dump would hold).
    func files(_ path: String) -> Data {
        if TestStore.onServer, let server = try? TestServer.shared.get() {
            let tables = (try? server.psql(user: server.superuser, database: path,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'bpv' ORDER BY 1")) ?? []
            #expect(tables.contains("student") && tables.contains("change"))
            var all = Data()
            for table in tables {
                all += Data(((try? server.psql(user: server.superuser, database: path, "SELECT t::text FROM bpv.\(table) t")) ?? []).joined(separator: "\n").utf8)
            }
            return all
        }
        var all = Data()
        for f in [path, path + "-wal", path + "-shm"] { all += (try? Data(contentsOf: URL(fileURLWithPath: f))) ?? Data() }
        return all
    }

    @Test func aForgottenStudentIsNowhereInTheWorkspaceFiles() throws {
        let (register, path) = try gooi()
        defer { TestStore.remove(path) }
        try register.match()
        // A year of records about GV-001: a setting, a proposal declined, an agreed
        // placement that broke down, bans, two rounds.
        try register.set("max_travel_min", of: "GV-001", to: "60", reason: "may travel longer by train")
        try register.propose(student: "GV-001", internship: "GVI-012")
        try register.decline(student: "GV-001", by: .employer, reason: "no room for GV-001")
        try register.commit(students: ["GV-001"])
        try register.end(student: "GV-001", outcome: .brokeDown, reason: "conflict")
        try register.match()
        #expect(files(path).range(of: Data("GV-001".utf8)) != nil)
        let before = try register.workspace.auditLog().count
        try register.forget(students: ["GV-001"], reason: "request of the parents, letter of 1 December")
        // Neither the id nor anything written about the student (two other students are also named Rayan).
        for needle in ["GV-001", "may travel longer by train", "conflict"] {
            #expect(files(path).range(of: Data(needle.utf8)) == nil, "\(needle) is still in the files")
        }
        let log = try register.workspace.auditLog()
        #expect(log.last?.action == "forget" && log.last?.detail == "1 student erased" && log.last?.subject == "students")
        #expect(log.count < before)  // the entries about GV-001 are gone
        #expect(!log.contains { Register.names($0.subject + " " + $0.detail + " " + ($0.reason ?? ""), "GV-001") })
        // The round goes on without them, and the audit log is append-only again.
        #expect(try register.match().summary.placed + (try register.match().summary.unplaced) == 99)
        #expect(throws: (any Error).self) {
            try DatabaseQueueProbe.deleteAudit(path)
        }
    }

    @Test func aPurgeErasesThoseWhoseLastPlacementEndedBeforeTheTerm() throws {
        let (register, path) = try gooi()
        defer { TestStore.remove(path) }
        try register.match()
        try register.commit(students: ["GV-001", "GV-002"])
        try register.end(student: "GV-001", outcome: .completed, reason: "done", on: CalendarDate("2024-06-30"))
        try register.end(student: "GV-002", outcome: .completed, reason: "done", on: CalendarDate("2026-06-30"))
        #expect(try register.purge(endedBefore: try #require(CalendarDate("2025-01-01"))) == ["GV-001"])
        let ids = try register.workspace.students().map(\.id.value)
        #expect(!ids.contains("GV-001") && ids.contains("GV-002"))
        #expect(try register.workspace.auditLog().last?.detail == "1 student whose last placement ended before 2025-01-01 erased")
    }

    @Test func forgetRewritesWhatOthersWroteAboutThePupilAndKeepsTheirOwnRecords() throws {
        // GV-009 is Daan, the only Daan of the sample: after forget and purge neither the id nor
        // the name is anywhere in the files, while the other pupils keep their pins, bans and
        // audit entries, with the reference replaced.
        let (register, path) = try gooi()
        defer { TestStore.remove(path) }
        let round = try register.match()
        let daansPlace = try #require(round.session.outcome.internshipOf["GV-009"])
        let tensPlace = try #require(round.session.outcome.internshipOf["GV-010"])
        try register.pin(student: "GV-010", internship: tensPlace, reason: "swapped with GV-009 (Daan), who goes to his uncle's firm")
        try register.ban(student: "GV-011", internship: daansPlace, reason: "not together with daan")
        try register.commit(students: ["GV-009"])
        try register.end(student: "GV-009", outcome: .completed, reason: "Daan finished well", on: CalendarDate("2024-06-30"))
        let auditBefore = try register.workspace.auditLog()
        // A reason that names the pupil would keep them in the log for good: refused.
        #expect(throws: WorkspaceError.refused(.reasonNamesStudent("GV-009"))) {
            try register.forget(students: ["GV-009"], reason: "Daan's parents asked")
        }
        #expect(try register.purge(endedBefore: try #require(CalendarDate("2025-01-01"))) == ["GV-009"])
        for needle in ["GV-009", "Daan", "daan"] {
            #expect(files(path).range(of: Data(needle.utf8)) == nil, "\(needle) is still in the files")
        }
        let round2 = try register.current()
        #expect(round2.model.pins["GV-010"] == tensPlace && round2.model.bans.contains(Pair("GV-011", daansPlace)))
        let log = try register.workspace.auditLog()
        let pin = try #require(log.first { $0.action == "pin" })
        #expect(pin.subject.hasPrefix("GV-010") && pin.reason == "swapped with [erased] ([erased]), who goes to his uncle's firm")
        #expect(log.first { $0.action == "ban" }?.reason == "not together with [erased]")
        #expect(log.count == auditBefore.count - auditBefore.filter { $0.subject.contains("GV-009") && !$0.subject.contains("GV-010") && !$0.subject.contains("GV-011") }.count + 1)
        // Another pupil's access export holds nothing of the erased one.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-access-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        try register.workspace.exportStudent("GV-010", to: out)
        let json = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
        #expect(!json.contains("GV-009") && !json.contains("Daan") && json.contains("swapped with [erased] ([erased])"))
    }

    @Test func mentionsAreWholeWordsIgnoringCaseAndTheFullNameGoesAsOneToken() {
        let words = Register.identifying("S-1", name: "Noë van Dijk")
        #expect(words == ["S-1", "Noë van Dijk", "Noë", "Dijk"])
        #expect(Register.redacted("met S-1 en noë van dijk, niet S-10 of Dijkstra", words) == "met [erased] en [erased], niet S-10 of Dijkstra")
        #expect(Register.redacted("nothing here", words) == nil)
    }

    @Test func accessExportsEverythingHeldAboutOneStudentOwnerOnly() throws {
        let (register, path) = try gooi()
        defer { TestStore.remove(path) }
        try register.match()
        try register.propose(student: "GV-002", internship: "GVI-017")
        try register.decline(student: "GV-002", by: .student, reason: "too far after all")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-access-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let n = try register.workspace.exportStudent("GV-002", to: out)
        #expect(n == 2)
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == 0o600)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect((json["student"] as? [String: Any])?["id"] as? String == "GV-002")
        #expect(((json["bans"] as? [[String: Any]])?.first)?["reason"] as? String == "declined by student: too far after all")
        #expect(((json["history"] as? [[String: Any]])?.first)?["outcome"] as? String == "declined_by_student")
        #expect(!(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)).contains("GV-001"))
    }
}

/// A second connection that tries to delete from the audit log.
enum DatabaseQueueProbe {
    static func deleteAudit(_ path: String) throws {
        let ws = try TestStore.open(path)
        try ws.write { db in try db.execute(sql: "DELETE FROM audit") }
    }
}

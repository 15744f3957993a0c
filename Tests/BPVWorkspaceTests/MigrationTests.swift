import BPVDomain
import Foundation
import GRDB
import Testing
@testable import BPVWorkspace

/// A workspace made by the release before the register (schema v4: pins and commitments in
/// their own tables, the draft only in the latest round), committed as a fixture: the Gooi
/// sample matched, GV-001 to GV-005 committed, GV-072 pinned at GVI-013, GV-010 banned from
/// GVI-001, stability_weight 12, and then GVI-033 re-imported with 0 places under committed
/// GV-001, which made every `match` of that release fail for everyone.
@Suite("a workspace made before the register")
struct MigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workspace-before-register.sqlite")

    func copy() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-migrate-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        return path
    }

    @Test func opensMigratesAndKeepsEveryPinCommitmentBanAndSetting() throws {
        let path = try copy()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path, user: "coordinator")
        let register = try ws.placements()
        #expect(register.filter(\.committed).map(\.student) == ["GV-001", "GV-002", "GV-003", "GV-004", "GV-005"])
        #expect(register.first { $0.student == "GV-001" }?.internship == "GVI-033")
        #expect(register.filter(\.committed).allSatisfy { $0.status == .agreed })  // commitments became agreed placements
        #expect(try ws.pins().mapValues(\.internship) == ["GV-072": "GVI-013"])
        #expect(try ws.bans().keys.map(\.description) == ["GV-010 x GVI-001"])
        #expect(try ws.settings().stabilityWeight == 12)
        // The round-1 draft is the current draft for everyone else.
        #expect(register.filter { $0.status == .draft }.count == 79)  // 84 placed in round 1, 5 of them committed since
        #expect(try ws.auditLog().count == 12)  // the trail is kept: 3 imports, a match, 5 commits, a pin, a ban, a setting
    }

    @Test func matchGoesOnAroundTheOverfilledInternshipAndSaysSo() throws {
        let path = try copy()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let register = Register(workspace: try Workspace(path: path, user: "coordinator"))
        let report = try register.match()
        #expect(report.overfills.map(\.description) == ["GVI-033 has 0 places but 1 held: GV-001 (agreed)"])
        #expect(report.summary.committedBefore == 6)
        let placed = try register.workspace.placements()
        #expect(placed.filter { $0.internship == "GVI-033" }.map(\.student) == ["GV-001"])  // nobody joins GV-001 there
        // Releasing GV-001 clears it; the next match has nothing to warn about.
        try register.release(student: "GV-001", reason: "the employer closed the place")
        #expect(try register.match().overfills.isEmpty)
    }
}

/// A workspace made by the release before the next placement (schema v8: one register row per
/// student), committed as a fixture: the Gooi sample with its employers and last year's history,
/// matched on 2026-09-01, GV-002 proposed at GVI-017, GV-003 active at GVI-023 from 2026-09-07
/// (planned end 2027-01-25), GV-006 pinned at GVI-016, GV-007 agreed at GVI-022.
@Suite("a workspace made before the next placement")
struct NextPlacementMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workspace-v8-before-next-placement.sqlite")

    @Test func opensKeepsEveryHeldPlacementAndItsDatesAndMatchesForTheNextPlacement() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-migrate-v8-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ws = try Workspace(path: path, user: "coordinator")
        let held = try ws.placements().filter { $0.status != .draft && $0.status != .unplaced }.map { "\($0.student) \($0.internship?.value ?? "") \($0.status)" }
        #expect(held == ["GV-002 GVI-017 proposed", "GV-003 GVI-023 active", "GV-006 GVI-016 pinned", "GV-007 GVI-022 agreed"])
        #expect(try ws.history(of: "GV-003").map { "\($0.outcome) \($0.start ?? "") \($0.end ?? "")" } == ["active 2026-09-07 2027-01-25"])
        #expect(try ws.history(of: "GV-002").map(\.outcome) == ["broke_down", "proposed"])  // last year's breakdown is kept
        // A fresh view on the round's date keeps every held placement. (Drafts may move: the
        // travel model changed after this workspace was made.)
        let register = Register(workspace: ws)
        let moves = try register.match(on: CalendarDate("2026-09-01")).changes?.moves ?? []
        #expect(moves.allSatisfy { !["GV-002", "GV-003", "GV-006", "GV-007"].contains($0.student.value) })
        // Levels as stored: entree stays entree, an internship's levels stay as they were.
        #expect(Set(try ws.students().map(\.level)) == [.entree, .two])
        #expect(try ws.students().allSatisfy { $0.profile == nil })
        #expect(try ws.internships().allSatisfy { $0.levels == [.entree, .two] })
        // After GV-003's planned end, GV-003 is matched for the next placement beside the one on record.
        let later = try register.match(on: CalendarDate("2027-02-01"))
        #expect(later.session.model.ending["GV-003"] == Ending(internship: "GVI-023", plannedEnd: try #require(CalendarDate("2027-01-25"))))
        #expect(later.session.outcome.internshipOf["GV-003"] != nil)
        #expect(try ws.history(of: "GV-003").map(\.outcome) == ["active", "draft"])
    }
}

/// Levels `pro` and `vso` (schema v12): an internship that a release before them stored as
/// taking every level (`entree|2|3|4`) takes every level after, PRO and VSO pupils included;
/// one that named fewer levels keeps them; stored students keep their level.
@Suite("a workspace made before the levels pro and vso")
struct LevelsMigrationTests {
    @Test func anInternshipForEveryLevelTakesProAndVsoAndOthersKeepTheirLevels() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-migrate-v11-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: NextPlacementMigrationTests.fixture.path, toPath: path)
        defer { for f in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: f) } }
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v11: days per week of a placement")
            try queue.write { db in
                try db.execute(sql: "UPDATE internship SET levels = 'entree|2|3|4' WHERE id = 'GVI-001'")
                try db.execute(sql: "UPDATE internship SET levels = '2|3|4' WHERE id = 'GVI-002'")
            }
        }
        let ws = try Workspace(path: path, user: "coordinator")
        let internships = try ws.internships()
        #expect(internships.first { $0.id.value == "GVI-001" }?.levels == Set(Level.allCases))
        #expect(internships.first { $0.id.value == "GVI-002" }?.levels == [.two, .three, .four])
        #expect(internships.first { $0.id.value == "GVI-003" }?.levels == [.entree, .two])
        #expect(try ws.students().first { $0.id.value == "GV-001" }?.level == .entree)
    }
}

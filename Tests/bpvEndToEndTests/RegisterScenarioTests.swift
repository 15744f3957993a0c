import Foundation
import Testing

/// The ways a coordinator could wedge the workspace before it had one placement register, each
/// on the real binary and the Gooi sample: every one is now refused whole with the students
/// named and the way out, or simply works, and `match` never fails for everyone afterwards.
@Suite("one placement register, end to end")
struct RegisterScenarioTests {
    static let samples = WorkspaceCommandTests.samples

    /// A scratch workspace with the Gooi sample imported.
    static func gooi() throws -> (dir: URL, db: String) {
        let dir = try BPVBinary.scratch()
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            let r = try BPVBinary.run(["import", kind, samples.appendingPathComponent("gooi-\(kind).csv").path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return (dir, db)
    }

    /// One line of a sample file, with `edit` applied, under the file's header.
    static func sampleLine(_ file: String, id: String, to dir: URL, _ edit: (String) -> String) throws -> String {
        let text = try String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let line = try #require(lines.first { $0.hasPrefix(id + ";") })
        let out = dir.appendingPathComponent("edited-\(file)").path
        try (lines[0] + "\n" + edit(line) + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    /// Every command that used to fail for everyone once the workspace was wedged.
    static func expectEverythingStillWorks(_ db: String, _ dir: URL) throws {
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
        let script = try BPVBinary.run(["--db", db], stdin: "why GV-001\nunplaced\n")
        #expect(script.status == 0, "\(script.stderr)")
        #expect(try BPVBinary.run(["export", "dimacs", dir.appendingPathComponent("r.dimacs").path, "--db", db]).status == 0)
    }

    /// The audit log's length: a refused change adds nothing.
    static func auditCount(_ db: String) throws -> Int {
        try BPVBinary.run(["log", "1000000", "--db", db]).stdout.split(separator: "\n").count - 1
    }

    @Test func aReimportWithFewerPlacesThanCommittedStudentsIsRefusedWhole() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
        let audit = try Self.auditCount(db)
        let file = try Self.sampleLine("gooi-internships.csv", id: "GVI-026", to: dir) { line in
            var f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            f[5] = "0"
            return f.joined(separator: ";")
        }
        let r = try BPVBinary.run(["import", "internships", file, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr == """
            bpv: refused: GVI-026 has 0 places but 4 held: GV-010 (agreed), GV-052 (agreed), GV-075 (agreed), GV-094 (agreed); \
            import the file with at least 4 places for GVI-026, or first end GV-010, end GV-052, end GV-075, end GV-094; \
            nothing was changed

            """)
        #expect(try Self.auditCount(db) == audit)
        #expect(try BPVBinary.run(["--db", db], stdin: "show GVI-026\n").stdout.contains("Retail Huizen 26"))
        try Self.expectEverythingStillWorks(db, dir)
    }

    @Test func aReimportGivingACommittedStudentAJobCoachBeyondTheSupportPlacesIsRefused() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
        // GV-010 is committed at GVI-026, which has no support places.
        let file = try Self.sampleLine("gooi-students.csv", id: "GV-010", to: dir) { $0.replacingOccurrences(of: ";30;;;0;", with: ";30;jobcoach;;0;") }
        let r = try BPVBinary.run(["import", "students", file, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr == """
            bpv: refused: GVI-026 has 0 support places but 1 held: GV-010 (agreed); \
            import the file with at least 1 support place for GVI-026, or first end GV-010; nothing was changed

            """)
        try Self.expectEverythingStillWorks(db, dir)
    }

    @Test func fewerSupportPlacesThanCommittedJobCoachStudentsAreRefused() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
        // GV-027 needs a job coach and is committed at GVI-022.
        let r = try BPVBinary.run(["--db", db], stdin: "set GVI-022 support_capacity 0\n")
        #expect(r.status == 1)
        #expect(r.stderr == """
            line 1: refused: GVI-022 has 0 support places but 1 held: GV-027 (agreed); \
            keep at least 1 support place (set GVI-022 support_capacity 1), or first end GV-027; nothing was changed

            """)
        try Self.expectEverythingStillWorks(db, dir)
    }

    @Test func aPinAtAnInternshipFullOfHeldPlacementsIsRefused() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        // GVI-013 has two places; GV-071 and GV-072 are placed there, then committed.
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
        #expect(try BPVBinary.run(["commit", "GV-071", "GV-072", "--db", db]).stdout == "committed 2 placements of the draft\n")
        let r = try BPVBinary.run(["pin", "GV-050", "GVI-013", "found it herself", "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr == """
            bpv: refused: GVI-013 has 2 places but 3 held: GV-050 (pinned), GV-071 (agreed), GV-072 (agreed); \
            first end GV-071, end GV-072, or give it room (set GVI-013 capacity 3); nothing was changed

            """)
        // In the shell too, and for a support place: GV-007 needs a job coach; GVI-002 has no support places.
        let shell = try BPVBinary.run(["--db", db], stdin: "pin GV-007 GVI-002\n")
        #expect(shell.stderr == """
            line 1: refused: GVI-002 has 0 support places but 1 held: GV-007 (pinned); \
            give it room first (set GVI-002 support_capacity 1); nothing was changed

            """)
        try Self.expectEverythingStillWorks(db, dir)
    }

    @Test func aPinAndABanOnOnePairAreNeverBothHeld() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["pin", "GV-001", "GVI-012", "found it", "--db", db]).status == 0)
        let ban = try BPVBinary.run(["ban", "GV-001", "GVI-012", "conflict", "--db", db])
        #expect(ban.stderr == "bpv: refused: GV-001 is pinned at GVI-012; unpin GV-001 first, then ban; nothing was changed\n")
        #expect(try BPVBinary.run(["ban", "GV-002", "GVI-012", "conflict", "--db", db]).status == 0)
        let pin = try BPVBinary.run(["pin", "GV-002", "GVI-012", "found it", "--db", db])
        #expect(pin.stderr == "bpv: refused: GV-002 x GVI-012 is banned; unban GV-002 GVI-012 first if the pair is now wanted; nothing was changed\n")
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
    }

    /// The README walkthrough without its second `match`: the pin moves GV-072 out of the draft
    /// at once, so `commit all` commits the draft with GV-050 in and GV-072 out.
    @Test func theWalkthroughWithoutTheSecondMatchCommitsTheDraftThePinLeft() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try BPVBinary.run(["--db", db], stdin: "match\npin GV-050 GVI-013 found it herself\ncommit all\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("committed 84 placements of the draft"))
        let out = dir.appendingPathComponent("p.csv").path
        #expect(try BPVBinary.run(["export", "placements", out, "--db", db]).status == 0)
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(rows.filter { $0.contains(",GVI-013,") }.count == 2)
        #expect(rows.contains { $0.hasPrefix("GV-050,GVI-013,") && $0.hasSuffix(",agreed") })
        #expect(rows.contains { $0.hasPrefix("GV-072,,") && $0.hasSuffix(",unplaced") })
        try Self.expectEverythingStillWorks(db, dir)
        // With the second match, the same.
        let (dir2, db2) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir2) }
        let r2 = try BPVBinary.run(["--db", db2], stdin: "match\npin GV-050 GVI-013 found it herself\nmatch\ncommit all\n")
        #expect(r2.status == 0 && r2.stdout.contains("committed 84 placements of the draft"), "\(r2.stderr)")
    }

    /// After a release, a new process sees the student re-placed in the draft at once (not at
    /// the same internship) and can commit it without a match.
    @Test func aReleaseIsInTheDraftANewProcessSees() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["--db", db], stdin: "match\ncommit all\n").status == 0)
        #expect(try BPVBinary.run(["release", "GV-001", "broke down", "--db", db]).stdout == """
            released GV-001 (the placement broke down); the draft will not place GV-001 at that employer again
            the draft changes: 1 student moves
              GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-024 (Logistiek Hilversum 24)  (placement broke down)
            placed 84 → 84 (±0), total score 2150 → 2164 (+14)

            """)
        let shown = try BPVBinary.run(["--db", db], stdin: "placements\n").stdout
        let line = try #require(shown.split(separator: "\n").first { $0.hasPrefix("GV-001") })
        #expect(!line.contains("GVI-033") && line.contains("draft"), "\(line)")
        #expect(try BPVBinary.run(["commit", "GV-001", "--db", db]).stdout == "committed 1 placement of the draft\n")
        try Self.expectEverythingStillWorks(db, dir)
    }

    @Test func settingsListEveryWeightWithItsValue() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try BPVBinary.run(["show", "settings", "--db", db]).stdout
        let lines = out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.count == 17)  // a header, thirteen settings, the region, the language, the measured times
        #expect(lines.contains("stability_weight 10 10 cost of moving a draft student away from their previous draft internship (0: off)"))
        #expect(lines.contains("placement_weeks 20 20 weeks from a placement's start to its planned end"))
        #expect(lines.suffix(3) == ["region: none (set region MUNICIPALITY|...)", "language: en (the default)",
                                   "measured travel times: none (the travel model for every pair)"])
    }

    /// The placement year from the command line: propose, decline (re-placed at once), accept,
    /// start, end, history.
    @Test func theYearsVerbsWorkFromTheCommandLine() throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
        #expect(try BPVBinary.run(["propose", "GV-002", "GVI-017", "--db", db]).stdout == """
            proposed GV-002 at GVI-017 (Horeca Blaricum 17)
            the draft changes: 3 students move
              GV-002: GVI-044 (Horeca Hilversum 44) → GVI-017 (Horeca Blaricum 17)  (proposed)
              GV-030: GVI-017 (Horeca Blaricum 17) → GVI-026 (Retail Huizen 26)  (took a better place, 41 points better for them)
              GV-052: GVI-026 (Retail Huizen 26) → unplaced  (lost the place to someone placed first; nothing else in reach has room)
            placed 84 → 83 (−1), total score 2150 → 2071 (−79)

            """)
        #expect(try BPVBinary.run(["decline", "GV-002", "by", "employer", "no room", "--db", db]).stdout == """
            declined by employer: GV-002 at GVI-017 (Horeca Blaricum 17); GV-002 is not proposed there again unless unbanned
            the draft changes: 3 students move
              GV-002: GVI-017 (Horeca Blaricum 17) → GVI-044 (Horeca Hilversum 44)  (declined at GVI-017)
              GV-030: GVI-026 (Retail Huizen 26) → GVI-017 (Horeca Blaricum 17)  (made room, 41 points worse for them)
              GV-052: unplaced → GVI-026 (Retail Huizen 26)  (a place came free)
            placed 83 → 84 (+1), total score 2071 → 2150 (+79)

            """)
        #expect(try BPVBinary.run(["propose", "GV-001", "--db", db]).stdout == "proposed GV-001 at GVI-033 (Logistiek Loosdrecht 33)\n")
        #expect(try BPVBinary.run(["accept", "GV-001", "--db", db]).stdout == "agreed: GV-001 at GVI-033 (Logistiek Loosdrecht 33)\n")
        #expect(try BPVBinary.run(["start", "GV-001", "2026-09-01", "--db", db]).stdout
            == "started: GV-001 at GVI-033 (Logistiek Loosdrecht 33) from 2026-09-01, planned end 2027-01-19\n")
        let again = try BPVBinary.run(["start", "GV-001", "--db", db])
        #expect(again.status == 1 && again.stderr == "bpv: refused: GV-001's placement is active already; nothing was changed\n")
        #expect(try BPVBinary.run(["end", "GV-001", "left", "moved away", "on", "2026-11-01", "--db", db]).status == 0)
        let history = try BPVBinary.run(["history", "GV-001", "--db", db]).stdout.split(separator: "\n")
            .map { $0.split(separator: " ").joined(separator: " ") }
        #expect(history.count == 3)
        #expect(history[0] == "internship employer from until outcome by when (UTC) why")
        #expect(history[1].hasPrefix("GVI-033 Logistiek Loosdrecht 33 2026-09-01 2026-11-01 left "))
        #expect(history[1].hasSuffix(" moved away"))
        #expect(history[2] == "GVI-033 Logistiek Loosdrecht 33 draft")
    }

    /// The README's season (a match, three proposals, a decline, starts, a breakdown, the
    /// waiting list, the next placement), as written, through script mode on the workspace
    /// `make demo` makes: every line the README shows is printed, in that order.
    @Test func theReadmeSeasonRunsAsWritten() throws {
        try Self.runSeason(from: "**A season, in the shell.**", to: "**Hetzelfde seizoen, in het Nederlands.**", blocks: 3, commands: 18, environment: [:])
    }

    /// The README's Dutch season: the same verbs with `LANG=nl_NL.UTF-8`, every line the README
    /// shows printed in Dutch, in that order.
    @Test func theReadmeSeasonRunsInDutchAsWritten() throws {
        try Self.runSeason(from: "**Hetzelfde seizoen, in het Nederlands.**", to: "**Dates and the waiting list.**", blocks: 1, commands: 22,
                           environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
    }

    static func runSeason(from start: String, to end: String, blocks count: Int, commands n: Int, environment: [String: String]) throws {
        let (dir, db) = try Self.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = try String(contentsOf: Self.samples.appendingPathComponent("gooi-history.bpv"), encoding: .utf8)
        let loaded = try BPVBinary.run(["--db", db], stdin: history)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let readme = try String(contentsOf: Self.samples.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let season = try #require(readme.components(separatedBy: start).dropFirst().first?.components(separatedBy: end).first)
        // The text blocks: every other piece between fences.
        let blocks = season.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map { $0.element.dropFirst("text".count) }
        #expect(blocks.count == count)
        let lines = blocks.flatMap { $0.split(separator: "\n").map(String.init) }
        let commands = lines.filter { $0.hasPrefix("bpv> ") }.map { String($0.dropFirst(5)) }
        let expected = lines.filter { !$0.hasPrefix("bpv> ") && $0 != "..." }
        #expect(commands.first == "match on 2026-09-01" && commands.count == n)
        let r = try BPVBinary.run(["--db", db], stdin: commands.joined(separator: "\n") + "\n", environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        // Padding collapsed (column widths follow the user's name), and the history's who and
        // when (they differ per run) replaced.
        func normal(_ line: some StringProtocol) -> String {
            line.split(separator: " ").joined(separator: " ")
                .replacingOccurrences(of: #"\S+ \d{4}-\d\d-\d\d \d\d:\d\d "#, with: "WHO WHEN ", options: .regularExpression)
        }
        let out = r.stdout.split(separator: "\n").map(normal)
        var at = out.startIndex
        for line in expected.map(normal) {
            guard let found = out[at...].firstIndex(of: line) else {
                Issue.record("README line not printed (in order): \(line)")
                continue
            }
            at = found + 1
        }
    }

    /// A typo in `--db` does not make an empty workspace that a `match` then reports on, and
    /// another program's SQLite file is left alone.
    @Test func aMissingOrForeignWorkspaceIsRefused() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let typo = dir.appendingPathComponent("bvp.sqlite").path
        let r = try BPVBinary.run(["match", "--db", typo])
        #expect(r.status == 1)
        #expect(r.stderr == "bpv: \(typo): cannot open the workspace: there is no workspace here; check --db, or import students to start a new one\n")
        #expect(!FileManager.default.fileExists(atPath: typo))
        let foreign = dir.appendingPathComponent("other.sqlite").path
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["python3", "-c", "import sqlite3; c=sqlite3.connect('\(foreign)'); c.execute('create table notes(x)'); c.commit()"]
        try made.run()
        made.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let f = try BPVBinary.run(["log", "--db", foreign])
        #expect(f.stderr == "bpv: \(foreign): cannot open the workspace: this is not a bpv workspace (it holds another program's tables); nothing was changed\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
    }
}

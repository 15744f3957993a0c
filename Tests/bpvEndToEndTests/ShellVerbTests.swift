import Foundation
import Testing

/// Every shell command that the command line runs through the shell's own definition gives the
/// same output and exit status as the line in script mode (only the error prefix differs:
/// `bpv:` there, `line 1:` here).
@Suite("bpv VERB runs the shell's command")
struct ShellVerbTests {
    /// One line per routed verb, successes and refusals alike.
    static let lines: [[String]] = [
        ["students", "sector", "zorg"], ["internships", "free"], ["employers"], ["show", "GV-002"], ["show", "settings"],
        ["placements", "draft"], ["unplaced"], ["set", "GV-001", "max_travel_min", "60"], ["set", "GV-001", "max_travel_min", "x"],
        ["try", "ban", "GV-002", "GVI-017"], ["why", "GV-002"], ["why", "GV-999"], ["why-not", "GV-001", "GVI-001"],
        ["waiting", "over", "28", "on", "2026-10-19"], ["gaps", "GV-043"], ["check"], ["undo"], ["stats"],
        ["why", "GV-002", "\u{1B}[2J"],
        // The verbs of the register and the year (on this workspace without a draft, several refuse).
        ["match", "on", "2026-09-01"], ["pin", "GV-050", "GVI-013", "found", "it"], ["unpin", "GV-001"], ["ban", "GV-002", "GVI-017", "conflict"],
        ["unban", "GV-002", "GVI-017"], ["commit", "all"], ["release", "GV-001", "moved"], ["propose", "GV-001", "GVI-033"],
        ["accept", "GV-001"], ["decline", "GV-001", "by", "student", "no"], ["start", "GV-001"], ["end", "GV-001", "left", "moved"],
        ["history", "GV-002"], ["log", "3"], ["export", "dimacs"], ["report"], ["import", "students", "/nonexistent/leerlingen.csv"],
        ["forget", "GV-999", "request of the parents"], ["purge", "x"],
    ]

    /// `bpv --help` for a Dutch reader: bpv's own overview, every command with what it does in
    /// Dutch, within 80 columns; an English reader keeps argument-parser's.
    @Test func helpOverviewInDutchListsEveryCommandWithin80Columns() throws {
        let nl = try BPVBinary.run(["--help"], environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(nl.status == 0)
        #expect(nl.stdout.hasPrefix("bpv koppelt leerlingen van MBO Entree en niveau 2"))
        for verb in ["import", "match", "why-not", "waiting", "gaps", "report"] {
            #expect(nl.stdout.contains("\n  \(verb) "), "\(verb)")
        }
        #expect(nl.stdout.contains("maak een ronde: plaats elke leerling optimaal"))
        for line in nl.stdout.split(separator: "\n") where line.count > 80 { Issue.record("\(line.count) columns: \(line)") }
        let en = try BPVBinary.run(["--help"], environment: ["LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(en.stdout.hasPrefix("OVERVIEW: Match students to internships"))
    }

    @Test func everyRoutedVerbPrintsAndExitsAsInScriptMode() throws {
        let (dir, db) = try RegisterSafetyTests.gooi()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pristine = try Data(contentsOf: URL(fileURLWithPath: db))
        let verbs = Set(Self.lines.map { $0[0] })
        let help = try BPVBinary.run(["--help"]).stdout
        let listed = help.components(separatedBy: "W.sqlite): ").last?.replacingOccurrences(of: "\n", with: " ")
            .split(separator: ".").first?.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(Set(listed) == verbs, "bpv --help lists: \(listed)")
        for words in Self.lines {
            // Each from the same workspace, so that a change (set) is compared with itself.
            let a = dir.appendingPathComponent("a.sqlite").path, b = dir.appendingPathComponent("b.sqlite").path
            for copy in [a, b] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
                _ = FileManager.default.createFile(atPath: copy, contents: pristine, attributes: [.posixPermissions: 0o600])
            }
            let line = words.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
            let direct = try BPVBinary.run(words + ["--db", a])
            let script = try BPVBinary.run(["--db", b], stdin: line + "\n")
            #expect(direct.status == script.status, "\(line): \(direct.status) vs \(script.status)")
            #expect(direct.stdout == script.stdout, "\(line)")
            #expect(direct.stderr.replacingOccurrences(of: "bpv: ", with: "") == script.stderr.replacingOccurrences(of: "line 1: ", with: ""), "\(line)")
            #expect(!direct.stdout.contains("\u{1B}") && !direct.stderr.contains("\u{1B}"), "\(line)")
        }
    }

    @Test func anUnknownVerbGetsANearMissAndUsageStatus() throws {
        let r = try BPVBinary.run(["wating", "--db", "nowhere.sqlite"])
        #expect(r.status == 64 && r.stdout.isEmpty)
        #expect(r.stderr == """
            bpv: unknown command 'wating'; did you mean 'waiting'?
            Usage: bpv COMMAND [ARGUMENTS] [--db PATH] (bpv --help lists the commands)

            """)
    }

    @Test func bpvDBNamesTheWorkspaceWhenDbIsNotGiven() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let students = WorkspaceCommandTests.samples.appendingPathComponent("gooi-students.csv").path
        let imported = try BPVBinary.run(["import", "students", students], environment: ["BPV_DB": db, "LANG": "C"])
        #expect(imported.stdout == "imported students from \(students): 100 added, 0 updated\n", "\(imported.stderr)")
        // --db still wins over BPV_DB.
        let other = dir.appendingPathComponent("other.sqlite").path
        let missing = try BPVBinary.run(["students", "--db", other], environment: ["BPV_DB": db, "LANG": "C"])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("bpv: \(other): cannot open the workspace"))
        #expect(try BPVBinary.run(["students"], environment: ["BPV_DB": db, "LANG": "C"]).stdout.hasSuffix("100 of 100 students\n"))
    }
}

/// `stats` cut by school: a region's figures for one of its schools.
@Suite("stats by school")
struct StatsBySchoolTests {
    @Test func eachSchoolsFiguresAgreeWithItsRowInTheTableBySchool() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            let file = WorkspaceCommandTests.samples.appendingPathComponent("kennemerland-\(kind).csv").path
            #expect(try BPVBinary.run(["import", kind, file, "--db", db]).status == 0)
        }
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
        let env = ["LANG": "C", "COLUMNS": "200"]
        let all = try BPVBinary.run(["stats", "--db", db], environment: env).stdout
        let table = all.components(separatedBy: "\nschool ").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
        let rows = table.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.count >= 2, "\(all)")
        var students = 0
        for row in rows {
            // "Tender College 310 301 97%": the name is every word before the three figures.
            let name = row.dropLast(3).joined(separator: " "), figures = row.suffix(3).map(String.init)
            students += Int(figures[0]) ?? 0
            let one = try BPVBinary.run(["stats", "school", name, "--db", db], environment: env)
            #expect(one.stdout.hasPrefix("overall: \(figures[1]) of \(figures[0]) placed (\(figures[2])), 0 committed\n"), "\(name): \(one.stdout)\(one.stderr)")
        }
        #expect(all.hasPrefix("overall: ") && all.contains(" of \(students) placed"))
        let unknown = try BPVBinary.run(["stats", "school", "Nergens", "--db", db], environment: env)
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("bpv: no student attends 'Nergens'; schools: "))

        // The report cut by school: the same figures as `stats school`, only that school's
        // pupils among the unplaced, the region's title with the school.
        let regional = dir.appendingPathComponent("region.html").path
        #expect(try BPVBinary.run(["report", regional, "--db", db], environment: env).status == 0)
        let whole = try String(contentsOfFile: regional, encoding: .utf8)
        let title = whole.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first ?? ""
        #expect(whole.contains("id=\"by-school\""))
        // Who is unplaced and which school each attends, from the placements' export (the
        // sample's school names have no commas).
        let csv = dir.appendingPathComponent("placements.csv").path
        #expect(try BPVBinary.run(["export", "placements", csv, "--db", db]).status == 0)
        let exported = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let unplacedIDs = Set(exported.filter { $0[1].isEmpty }.map { $0[0] })
        #expect(!unplacedIDs.isEmpty)
        var listed = 0
        for row in rows {
            let name = row.dropLast(3).joined(separator: " "), figures = row.suffix(3).map(String.init)
            let page = dir.appendingPathComponent("school.html").path
            let r = try BPVBinary.run(["report", page, "school", name.uppercased(), "--db", db], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains("<title>\(title): \(name)</title>"))
            #expect(html.contains("<b>\(figures[1])</b> of \(figures[0]) students have a place (\(figures[2]))"), "\(name)")
            #expect(!html.contains("id=\"by-school\""))
            // Every unplaced row of the page is a pupil of this school without a place.
            let unplacedRows = html.components(separatedBy: "<section id=\"unplaced\">").dropFirst().first?
                .components(separatedBy: "</section>").first?.components(separatedBy: "<tr><td>").dropFirst()
                .map { String($0.prefix { $0 != "<" }) } ?? []
            let school = Set(exported.filter { $0[7] == name }.map { $0[0] })
            #expect(unplacedRows.count == (Int(figures[0]) ?? 0) - (Int(figures[1]) ?? 0), "\(name)")
            for id in unplacedRows { #expect(school.contains(id) && unplacedIDs.contains(id), "\(id) in \(name)'s report") }
            listed += unplacedRows.count
        }
        #expect(listed == unplacedIDs.count)
        let nowhere = try BPVBinary.run(["report", regional, "school", "Nergens", "--db", db], environment: env)
        #expect(nowhere.status == 1 && nowhere.stderr.hasPrefix("bpv: no student attends 'Nergens'; schools: "))
    }
}

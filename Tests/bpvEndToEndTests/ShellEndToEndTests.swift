import Foundation
import Testing

@Suite("bpv shell, end to end")
struct ShellEndToEndTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    @Test func aPipedScriptReportsFailingLinesAndExitsOne() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let script = """
            import students \(Self.samples.path)/gooi-students.csv
            import employers \(Self.samples.path)/gooi-employers.csv
            import internships \(Self.samples.path)/gooi-internships.csv
            match
            frobnicate
            why GV-001
            pin GV-001
            ban GV-001 GVI-033
            commit all
            match
            commit all
            """
        let r = try BPVBinary.run(["--db", db], stdin: script)
        #expect(r.status == 1)
        #expect(r.stderr == """
            line 5: unknown command 'frobnicate'; type help for the list of commands
            line 7: missing INTERNSHIP; usage: pin STUDENT INTERNSHIP [reason...]

            """)
        #expect(r.stdout.contains("round 1: 84 of 100 placed"))
        #expect(r.stdout.contains("GV-001 is placed at GVI-033"))
        // After the first match, a tweak repairs the live draft at once and says who moved and why.
        #expect(r.stdout.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-024 (Logistiek Hilversum 24)  (banned from GVI-033)"))
        // commit all commits the draft as the ban left it (GV-001 at GVI-024); the next match moves nobody.
        #expect(r.stdout.contains("committed 84 placements of the draft"))
        #expect(r.stdout.contains("round 2: 84 of 100 placed, 16 unplaced (84 committed, 0 pinned)"))
        #expect(r.stdout.contains("committed 0 placements of the draft"))
        #expect(!r.stdout.contains("bpv>") && !r.stdout.contains("bpv shell on"))  // no prompt or banner in script mode
        #expect(!r.stdout.contains("\u{1B}["))  // no colour into a pipe
        // Reopened: the committed placements are there.
        let again = try BPVBinary.run(["shell", "--db", db], stdin: "placements committed\n")
        #expect(again.status == 0)
        #expect(again.stdout.contains("84 placements"))
        #expect(again.stdout.split(separator: "\n").contains { $0.hasPrefix("GV-001") && $0.contains("GVI-024") })
    }

    @Test func bailStopsAtTheFirstErrorAndLaterLinesDoNotRun() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let r = try BPVBinary.run(["shell", "--bail", "--db", db],
                                  stdin: "import students nowhere.csv\nimport students \(Self.samples.path)/gooi-students.csv\n")
        #expect(r.status == 1)
        #expect(r.stderr == "line 1: nowhere.csv: cannot read the file\n")
        let log = try BPVBinary.run(["log", "--db", db])
        #expect(!log.stdout.contains("import students"))
        let clean = try BPVBinary.run(["--db", db], stdin: "help\nquit\n")
        #expect(clean.status == 0 && clean.stderr.isEmpty)
    }

    /// A person at a terminal: Tab completion, history with the arrow key, Ctrl-C on a line and
    /// during a long match, then quit, with the terminal back in its normal mode.
    @Test func aPersonAtATerminalCompletesRecallsAndInterrupts() throws {
        try #require(FileManager.default.isExecutableFile(atPath: PseudoTerminal.scriptPath), "make deps installs util-linux's script")
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        // A region big enough that a debug-build match runs for seconds.
        var rng = UInt64(42)
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53)
        }
        var students = "id,level,sectors,lat,lon,travel_mode,max_travel_min\n"
        for k in 0 ..< 6000 { students += "S\(k),2,retail|zorg,\(52.2 + next() * 0.3),\(4.9 + next() * 0.5),bike,45\n" }
        var internships = "id,employer,sector,lat,lon,capacity\n"
        for k in 0 ..< 2000 {
            internships += "I\(k),Employer \(k),\(next() < 0.5 ? "retail" : "zorg"),\(52.2 + next() * 0.3),\(4.9 + next() * 0.5),\(1 + Int(next() * 4))\n"
        }
        try students.write(to: dir.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try internships.write(to: dir.appendingPathComponent("i.csv"), atomically: true, encoding: .utf8)
        let setup = try BPVBinary.run(["--db", db], stdin: "import students \(dir.path)/s.csv\nimport internships \(dir.path)/i.csv\n")
        try #require(setup.status == 0, "\(setup.stderr)")

        let history = dir.appendingPathComponent("history").path
        let term = try PseudoTerminal(
            // The trap keeps the wrapping sh alive through Ctrl-C (as an interactive shell would);
            // bpv itself starts with SIGINT's default action, since traps are reset on exec.
            command: "trap : INT; '\(BPVBinary.url.path)' --db '\(db)'; echo BPV_STATUS=$?; stty -a",
            // A pager that shows the text (tee) and keeps a copy, on a terminal of 20 rows.
            environment: ["TERM": "xterm", "NO_COLOR": "1", "BPV_HISTORY": history, "HOME": dir.path, "LANG": "C.UTF-8",
                          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LINES": "20",
                          "PAGER": "tee -a '\(dir.path)/paged.txt'"])
        #expect(term.waitFor("bpv> "), "banner and prompt: \(term.screen)")
        #expect(term.screen.contains("bpv shell on"))

        term.type("stat\t\r")  // Tab completes the command name
        #expect(term.waitFor("overall: 0 of 6000 placed"), "\(term.screen)")
        term.type("\u{1B}[A\r")  // the up arrow recalls it
        #expect(term.waitFor("overall: 0 of 6000 placed", count: 2), "\(term.screen)")

        term.type("pin S1")
        #expect(term.waitFor("pin S1"))
        term.type("\u{03}")  // Ctrl-C discards the line being typed
        #expect(term.waitFor("^C"))
        term.type("help why\r")
        #expect(term.waitFor("why STUDENT"), "\(term.screen)")
        #expect(!term.screen.contains("error:"))
        // stats ran longer than the terminal and went through the pager; help why did not.
        let paged = try String(contentsOfFile: dir.appendingPathComponent("paged.txt").path, encoding: .utf8)
        #expect(paged.hasPrefix("overall: 0 of 6000 placed") && !paged.contains("why STUDENT"), "\(paged)")

        term.type("match\r")
        #expect(term.waitFor("match… "), "the progress line shows after half a second: \(term.screen)")
        term.type("\u{03}")  // Ctrl-C stops the match
        #expect(term.waitFor("cancelled; nothing was changed", timeout: 20), "\(term.screen)")
        #expect(!term.screen.contains("error: cancelled"), "a Ctrl-C the user asked for is not an error")
        term.type("students unplaced\r")
        #expect(term.waitFor("6000 of 6000 students"), "no round was stored: \(term.screen)")

        term.type("quit\r")
        let status = term.finish()
        #expect(status == 0)
        let screen = term.screen
        #expect(screen.contains("BPV_STATUS=0"))
        // libedit put the terminal back: canonical mode and echo are on again.
        #expect(screen.contains(" icanon") && !screen.contains("-icanon"), "\(screen)")
        #expect(screen.range(of: #"\becho\b"#, options: .regularExpression) != nil && !screen.contains(" -echo "))
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("stats") && saved.contains("match"))
        #expect(!saved.contains("pin"))  // the discarded line never reached the history

        let log = try BPVBinary.run(["log", "--db", db])
        #expect(!log.stdout.contains("match"), "the cancelled match left no trace: \(log.stdout)")
    }

    @Test func ctrlDOnAnEmptyLineLeavesWithStatusZero() throws {
        try #require(FileManager.default.isExecutableFile(atPath: PseudoTerminal.scriptPath))
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let term = try PseudoTerminal(
            command: "'\(BPVBinary.url.path)' --db '\(dir.path)/ws.sqlite'; echo BPV_STATUS=$?",
            environment: ["TERM": "xterm", "BPV_HISTORY": "\(dir.path)/h", "HOME": dir.path])
        #expect(term.waitFor("bpv> "))
        term.type("\u{04}")
        #expect(term.waitFor("BPV_STATUS=0"), "\(term.screen)")
        #expect(term.finish() == 0)
    }
}

import BPVShell
import Foundation
import Testing

@Suite("script mode")
struct ScriptModeTests {
    @Test func eachFailingLineIsReportedWithItsNumberAndTheRunGoesOn() throws {
        let f = try ShellFixture()
        let r = f.run("students sector retail", "frobnicate", "pin GV-001", "# a comment", "", "timer on", "show GV-001")
        #expect(r.status == 1)
        #expect(r.err.contains("line 2: unknown command 'frobnicate'; type help for the list of commands"))
        #expect(r.err.contains("line 3: missing INTERNSHIP; usage: pin STUDENT INTERNSHIP [reason...]"))
        #expect(r.err.split(separator: "\n").count == 2)
        #expect(r.out.contains("Run Time: real"))  // line 6 ran, so line 7 was timed
        #expect(r.out.contains("student         GV-001"))
    }

    @Test func theTimerNamesAMatchsPartsAndNoOtherCommandsParts() throws {
        let f = try ShellFixture()
        let r = f.run("timer on", "match", "show GV-001")
        let lines = r.out.split(separator: "\n")
        let times = lines.filter { $0.hasPrefix("Run Time: real ") }, parts = lines.filter { $0.hasPrefix("Run Time parts:") }
        #expect(times.count == 3)
        // Only the match has parts, on the line after its time: in order, each a number of
        // seconds, together within the whole, the line within 80 columns.
        #expect(parts.count == 1)
        let at = try #require(lines.firstIndex { $0.hasPrefix("Run Time parts:") })
        #expect(lines[at - 1] == times[1])
        let words = parts[0].dropFirst("Run Time parts:".count).split(separator: " ").map(String.init)
        #expect(stride(from: 0, to: words.count, by: 2).map { words[$0] } == ["load", "graph", "solve", "certify", "store"])
        let seconds = stride(from: 1, to: words.count, by: 2).compactMap { Double(words[$0]) }
        let whole = Double(times[1].split(separator: " ")[3]) ?? 0
        #expect(seconds.count == 5 && seconds.allSatisfy { $0 >= 0 } && seconds.reduce(0, +) <= whole + 0.001)
        #expect(lines.allSatisfy { !$0.hasPrefix("Run Time") || $0.count <= 80 })
    }

    @Test func bailStopsAtTheFirstFailingLine() throws {
        let f = try ShellFixture()
        let r = f.run("pin GV-001 NOPE", "pin GV-001 GVI-001", bail: true)
        #expect(r.status == 1)
        #expect(r.err == "line 1: no internship NOPE\n")
        #expect(try f.workspace.pins().isEmpty)
    }

    @Test func aCleanScriptExitsZeroAndQuitStopsIt() throws {
        let f = try ShellFixture()
        let r = f.run("match", "quit", "frobnicate")
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        #expect(r.out.contains("round 1: 84 of 100 placed"))
    }

    @Test func aMistypedCommandGetsTheNearestName() throws {
        let f = try ShellFixture(gooi: false)
        #expect(f.run("mtach").err.contains("did you mean 'match'?"))
        #expect(!f.run("foo").err.contains("did you mean"))
    }

    @Test func everyCommandHasHelp() throws {
        let f = try ShellFixture(gooi: false)
        let list = f.run("help").out
        for name in ["import", "students", "internships", "show", "match", "placements", "unplaced", "pin", "unpin", "ban", "unban",
                     "set", "try", "why", "why-not", "commit", "release", "undo", "log", "export", "stats", "timer", "quit"] {
            #expect(list.contains(name), "help lists \(name)")
            let one = f.run("help \(name)")
            #expect(one.status == 0 && one.out.hasPrefix(name), "help \(name)")
        }
        #expect(f.run("help nothing").err.contains("unknown command 'nothing'"))
    }

    @Test func aBadFileIsRefusedWholeWithEveryProblemLocated() throws {
        let f = try ShellFixture()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-bad-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "id;level;sectors;town;travel_mode;max_travel_min\nNEW-1;2;retail;Hilversum;bike;30\nNEW-2;9;retail;Atlantis;bike;30\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let before = try f.workspace.students().count
        let r = f.run("import students \(file)")
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("line 1: "))
        #expect(r.err.contains("\(file):3:"))  // the bad row, with its column
        #expect(r.err.contains("Atlantis"))
        #expect(try f.workspace.students().count == before)  // NEW-1 was fine, but nothing was imported
    }

    @Test func unclosedQuotesAreAnErrorNotAGuess() throws {
        let f = try ShellFixture()
        #expect(f.run("ban GV-001 GVI-001 \"too far").err.contains("line 1: unclosed \" quote"))
        #expect(f.run("ban GV-001 GVI-001 \"too far, says the mentor\"").status == 0)
        #expect(try f.workspace.bans().values.first == "too far, says the mentor")
    }
}

import Foundation
import Testing

@Suite("bpv workspace commands, end to end")
struct WorkspaceCommandTests {
    /// The repository's Samples folder, found from this file's location.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    @Test func helpIsPrintedAndExitsCleanly() throws {
        // `bpv --help` once went through the executable's error boundary and printed
        // argument-parser's internal error instead of the help.
        for arguments in [["--help"], ["help", "solve"], ["solve", "--help"]] {
            let r = try BPVBinary.run(arguments)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(arguments): \(r.stderr)")
            #expect(r.stdout.hasPrefix("OVERVIEW: "), "\(arguments): \(r.stdout)")
            #expect(r.stdout.contains("USAGE: bpv"), "\(arguments)")
        }
    }

    @Test(arguments: ["generate", "solve", "shell"])
    func commandHelpIsWrappedByTheTerminalNotByHardLineBreaks(command: String) throws {
        // Discussions once carried the source's line breaks, which argument-parser wrapped again
        // (`... start and planned` / `end, ...`): every line of a paragraph but its last fills the width.
        let help = try BPVBinary.run([command, "--help"]).stdout
        let discussion = help.components(separatedBy: "\n\n").dropFirst().first { !$0.hasPrefix("USAGE") && !$0.hasPrefix("OVERVIEW") } ?? ""
        let lines = discussion.split(separator: "\n")
        #expect(!lines.isEmpty, "\(help)")
        for line in lines.dropLast() { #expect(line.count >= 60 && line.count <= 80, "\(command): '\(line)'") }
    }

    /// `bpv VERB --help` for a shell verb is the shell's `help VERB`: one definition, no workspace needed.
    @Test func aShellVerbsHelpIsTheShellsHelp() throws {
        let r = try BPVBinary.run(["import", "--help"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("import students|internships|employers|travel-times FILE [sheet NAME]\n  read a CSV file"))
        #expect(try BPVBinary.run(["pin", "-h"]).stdout.hasPrefix("pin STUDENT INTERNSHIP [reason...]\n"))
    }

    @Test(arguments: ["gooi", "kennemerland"])
    func eachSampleImportsMatchesAndExportsTheSameObjective(region: String) throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            let r = try BPVBinary.run(["import", kind, Self.samples.appendingPathComponent("\(region)-\(kind).csv").path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // Round 1 has no previous draft; round 2 pays the stability weight for moving anyone.
        // Each time, `export dimacs` writes the next round's graph and `match` solves it: the
        // file solved on its own places as many (Benchmarks/peers/check_sample_rounds.sh checks
        // the optimal cost against LEMON's).
        for round in 1 ... 2 {
            let dimacs = dir.appendingPathComponent("round-\(round).dimacs").path
            #expect(try BPVBinary.run(["export", "dimacs", dimacs, "--db", db]).status == 0)
            let match = try BPVBinary.run(["match", "--db", db])
            #expect(match.status == 0, "\(match.stderr)")
            let placed = match.stdout.split(separator: " ").dropFirst(2).first
            let solved = try BPVBinary.run(["solve", "--dimacs", dimacs, "--json"])
            #expect(placed != nil && solved.stdout.contains("\"placed\":\(placed!)"), "round \(round): \(match.stdout) vs \(solved.stdout)")
        }

        let out = dir.appendingPathComponent("placements.csv").path
        #expect(try BPVBinary.run(["export", "placements", out, "--db", db]).status == 0)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.hasPrefix("student,internship,employer,employer_id,leerbedrijf_id,sector,level,school,coach,travel_min,score,start,planned_end,days_per_week,status\n"))
        #expect(!csv.contains("Noë") && !csv.contains("Fleur"))  // minimal export: no names
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == 0o600)
    }

    /// Two bpv processes at once: one commits the draft (S-2 at I-1, the only place), the
    /// other pins S-1 at I-1. Whichever writes second is checked against the state the first
    /// left: the pin is refused at a full internship, or the commit is refused because the
    /// draft changed under it. I-1 never has more than one held placement.
    @Test(arguments: 0 ..< 3)
    func twoProcessesChangingAtOnceNeverOverfill(attempt: Int) throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let internships = dir.appendingPathComponent("i.csv").path, students = dir.appendingPathComponent("s.csv").path
        try "id,employer,sector,town,capacity\nI-1,Winkel,retail,Hilversum,1\n".write(toFile: internships, atomically: true, encoding: .utf8)
        try "id,level,sectors,town,travel_mode,max_travel_min,priority\nS-1,2,retail,Hilversum,bike,30,0\nS-2,2,retail,Hilversum,bike,30,2\n"
            .write(toFile: students, atomically: true, encoding: .utf8)
        _ = try BPVBinary.run(["import", "internships", internships, "--db", db])
        _ = try BPVBinary.run(["import", "students", students, "--db", db])
        #expect(try BPVBinary.run(["match", "--db", db]).stdout.hasPrefix("round 1: 1 of 2 placed"))

        let results = LockedRuns()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let args = k == 0 ? ["commit", "all", "--db", db] : ["pin", "S-1", "I-1", "found it", "--db", db]
            if let r = try? BPVBinary.run(args) { results.append(r) }
        }
        let runs = results.values
        #expect(runs.count == 2)
        for r in runs where r.status != 0 {
            #expect(r.stderr.hasPrefix("bpv: refused: I-1 has 1 place but 2 held: S-1 (pinned), S-2 (agreed)")
                || r.stderr.hasPrefix("bpv: refused: the draft changed since you last saw it"), "\(runs)")
        }
        let export = dir.appendingPathComponent("p.csv").path
        _ = try BPVBinary.run(["export", "placements", export, "--db", db])
        let held = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(",I-1,") && ($0.hasSuffix(",agreed") || $0.hasSuffix(",pinned")) }
        #expect(held.count == 1, "\(runs)")
        #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
    }
}

final class LockedRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [BPVBinary.Run] = []
    func append(_ r: BPVBinary.Run) { lock.lock(); items.append(r); lock.unlock() }
    var values: [BPVBinary.Run] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite("bpv pin, ban and log, end to end")
struct PinBanLogCommandTests {
    @Test func pinsAndBansAreAppliedAndLoggedWithTheirReasons() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let s = dir.appendingPathComponent("s.csv").path, i = dir.appendingPathComponent("i.csv").path
        try "id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,retail,Hilversum,bike,30\nS-2,2,retail,Hilversum,bike,30\n"
            .write(toFile: s, atomically: true, encoding: .utf8)
        try "id,employer,sector,town,capacity\nI-1,Een,retail,Hilversum,1\nI-2,Twee,retail,Hilversum,1\n"
            .write(toFile: i, atomically: true, encoding: .utf8)
        _ = try BPVBinary.run(["import", "students", s, "--db", db])
        _ = try BPVBinary.run(["import", "internships", i, "--db", db])
        #expect(try BPVBinary.run(["pin", "S-1", "I-2", "found it herself", "--db", db]).status == 0)
        #expect(try BPVBinary.run(["ban", "S-2", "I-1", "conflict with the owner", "--db", db]).status == 0)
        let match = try BPVBinary.run(["match", "--db", db])
        #expect(match.stdout.hasPrefix("round 1: 1 of 2 placed, 1 unplaced (0 committed, 1 pinned)"), "\(match.stdout)")
        #expect(try BPVBinary.run(["unban", "S-2", "I-1", "--db", db]).status == 0)
        #expect(try BPVBinary.run(["match", "--db", db]).stdout.hasPrefix("round 2: 2 of 2 placed, 0 unplaced (0 committed, 1 pinned)"))
        let unknown = try BPVBinary.run(["pin", "S-9", "I-1", "x", "--db", db])
        #expect(unknown.status != 0 && unknown.stderr.contains("no student S-9"))
        let log = try BPVBinary.run(["log", "--db", db]).stdout.split(separator: "\n").map { $0.split(separator: " ").dropFirst(4).joined(separator: " ") }
        #expect(log.contains("pin S-1 -> I-2 found it herself"), "\(log)")
        #expect(log.contains("ban S-2 x I-1 conflict with the owner"))
        #expect(log.contains("unban S-2 x I-1"))
    }
}

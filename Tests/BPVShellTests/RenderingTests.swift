@testable import BPVShell
import Foundation
import Testing

@Suite("rendering and parsing")
struct RenderingTests {
    @Test func tablesAlignNumbersRightAndFitTheWidth() {
        var t = Table(["student", "employer", "min"])
        t.append(["GV-001", "Albert Heijn Hilversum Centrum Kerkstraat", "7"])
        t.append(["GV-002", "Jumbo", "23"])
        let wide = t.render(width: nil, style: Style(enabled: false)).split(separator: "\n")
        #expect(wide[1].hasSuffix("   7") && wide[2].hasSuffix("  23"))
        // Narrower: the employer wraps inside its cell at word boundaries; nothing is cut.
        let narrow = t.render(width: 30, style: Style(enabled: false))
        #expect(narrow == """
            student  employer          min
            GV-001   Albert Heijn        7
                     Hilversum
                     Centrum
                     Kerkstraat
            GV-002   Jumbo              23
            """)
        // Narrower than the longest word allows: the rows print as records, the value wrapped.
        #expect(t.render(width: 20, style: Style(enabled: false)) == """
            -[ RECORD 1 ]-
            student  | GV-001
            employer | Albert Heijn
                     | Hilversum
                     | Centrum
                     | Kerkstraat
            min      | 7
            -[ RECORD 2 ]-
            student  | GV-002
            employer | Jumbo
            min      | 23
            """)
        // Expanded on: records at any width; off: never, the table runs past the width instead.
        #expect(t.render(width: 200, style: Style(enabled: false), expanded: .on).hasPrefix("-[ RECORD 1 ]-\nstudent  | GV-001\n"))
        let off = t.render(width: 20, style: Style(enabled: false), expanded: .off).split(separator: "\n")
        #expect(off.first == "student  employer    min" && off.contains("GV-001   Albert        7") && off.contains("         Kerkstraat"), "\(off)")
    }

    /// Every line of every table a command prints fits the terminal, and every cell's words
    /// are all there, at 60, 80 and 120 columns (the tables of the README's commands).
    @Test(arguments: [60, 80, 120], ["en", "nl"])
    func everyTableFitsTheWidthAndKeepsEveryWord(width: Int, language: String) throws {
        let f = try ShellFixture(width: width)
        let wide = try ShellFixture(gooi: false, path: f.path)  // no width: nothing fitted, the reference
        #expect(f.run("set language \(language)").status == 0)
        _ = f.run("match on 2026-09-01", "propose GV-002", "decline GV-002 by employer no room for a second student",
                  "propose GV-004", "accept GV-004", "start GV-004 2026-09-07", "end GV-004 broke_down conflict with the owner on 2026-10-19")
        for command in ["students", "internships", "employers", "placements", "unplaced", "history GV-002", "history GV-004",
                        "waiting over 40 on 2026-10-19", "gaps", "gaps GV-022", "log 12", "stats", "show settings", "internships free"] {
            let fitted = f.run(command), reference = wide.run(command)
            #expect(fitted.status == 0 && reference.status == 0, "\(command): \(fitted.err)")
            for line in fitted.out.split(separator: "\n") where line.count > width {
                Issue.record("\(command) at \(width) in \(language): a line of \(line.count) columns: \(line)")
            }
            #expect(!fitted.out.contains("…"), "\(command) at \(width) cuts a cell")
            // The same words: wrapping moves them (a list may break after a comma), never drops one.
            func words(_ text: String) -> [Substring] {
                text.split(separator: "\n").filter { !$0.hasPrefix("-[ RECORD ") }
                    .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," }) }
            }
            // (gaps is left out: its what-ifs start from each shell's own live round, which may
            // be another optimum of equal cost.)
            if command != "gaps" { #expect(Set(words(fitted.out)) == Set(words(reference.out)), "\(command) at \(width)") }
        }
    }

    /// `help` and `help COMMAND` for every command fit 80 columns without breaking a word, in
    /// English and in Dutch.
    @Test(arguments: ["en", "nl"])
    func helpFitsEightyColumnsWithoutBreakingAWord(language: String) throws {
        let f = try ShellFixture(gooi: false, width: 80)
        let wide = try ShellFixture(gooi: false, path: f.path)
        #expect(f.run("set language \(language)").status == 0)
        for line in ["help"] + Command.all.map { "help \($0.name)" } {
            let fitted = f.run(line).out, reference = wide.run(line).out
            for l in fitted.split(separator: "\n") where l.count > 80 { Issue.record("\(line): \(l.count) columns: \(l)") }
            #expect(fitted.split(whereSeparator: { $0 == " " || $0 == "\n" }) == reference.split(whereSeparator: { $0 == " " || $0 == "\n" }), "\(line)")
        }
    }

    @Test func longOutputIsPagedOnlyOnATerminalWhenItDoesNotFit() {
        #expect(Pager.wanted(lines: 30, rows: 24, enabled: true))
        #expect(!Pager.wanted(lines: 23, rows: 24, enabled: true))
        #expect(!Pager.wanted(lines: 300, rows: nil, enabled: true))  // not a terminal: a script or a pipe
        #expect(!Pager.wanted(lines: 300, rows: 24, enabled: false))  // set pager off
        #expect(Pager.command(environment: ["PAGER": "more"]) == "more")
        #expect(Pager.command(environment: ["PAGER": " "]) == nil)
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        #expect(Style.forTerminal(isTerminal: true, environment: ["TERM": "xterm"]).enabled)
        #expect(!Style.forTerminal(isTerminal: false, environment: ["TERM": "xterm"]).enabled)
        #expect(!Style.forTerminal(isTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]).enabled)
        #expect(!Style.forTerminal(isTerminal: true, environment: ["TERM": "dumb"]).enabled)
        #expect(Style(enabled: true).red("x") == "\u{1B}[31mx\u{1B}[0m")
        #expect(Style(enabled: false).red("x") == "x")
    }

    @Test func wordsSplitLikeAShell() throws {
        #expect(try Tokenizer.words("ban S-1  I-2 'late twice' # not this") == ["ban", "S-1", "I-2", "late twice"])
        #expect(try Tokenizer.words(#"release S-1 "said \"no\"" x\ y"#) == ["release", "S-1", #"said "no""#, "x y"])
        #expect(try Tokenizer.words("   ") == [])
        #expect(throws: ShellError.self) { try Tokenizer.words("ban 'x") }
    }

    @Test func completionOffersCommandsKeywordsIdsAndFiles() throws {
        let f = try ShellFixture()
        let shell = f.shell
        #expect(shell.completions(before: "ma").contains("match"))
        #expect(shell.completions(before: "").contains("why-not"))
        #expect(shell.completions(before: "import ") == ["students", "internships", "employers", "travel-times"])
        #expect(shell.completions(before: "why-not GV-0").contains("GV-001"))
        #expect(shell.completions(before: "why-not GV-001 ").contains("GVI-045"))
        #expect(shell.completions(before: "students sector ").contains("logistiek"))
        #expect(shell.completions(before: "students ").contains("unplaced"))
        #expect(shell.completions(before: "set ").contains("travel_minute_weight"))
        #expect(shell.completions(before: "set GV-001 ").contains("max_travel_min"))
        #expect(shell.completions(before: "try pin GV-001 ").contains("GVI-001"))
        #expect(shell.completions(before: "timer ") == ["on", "off"])
        let samples = ShellFixture.repository.appendingPathComponent("Samples").path
        #expect(shell.completions(before: "import students \(samples)/go").contains("\(samples)/gooi-students.csv"))
        #expect(shell.completions(before: "nonsense ").isEmpty)
    }
}

@Suite("help and tables at the terminal's width")
struct HelpWidthTests {
    @Test func helpReadsAt80Columns() throws {
        let f = try ShellFixture(gooi: false, width: 80)
        let out = f.run("help").out
        let lines = out.split(separator: "\n")
        #expect(lines.count > 40)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(out.contains("propose STUDENT [INTERNSHIP] [reason...]\n    put a student forward to an employer"))
    }

    @Test func colouredCellsAreMeasuredWithoutTheirCodes() {
        var t = Table(["status", "n"])
        t.append([Style(enabled: true).red("unplaced"), "1"])
        t.append(["draft", "22"])
        let lines = t.render(width: 80, style: Style(enabled: false)).split(separator: "\n").map(String.init)
        #expect(Table.visibleWidth(lines[1]) == Table.visibleWidth(lines[2]))
        #expect(lines[2] == "draft     22")
    }
}

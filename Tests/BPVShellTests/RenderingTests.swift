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
        let narrow = t.render(width: 30, style: Style(enabled: false)).split(separator: "\n")
        #expect(narrow.allSatisfy { $0.count <= 30 })
        #expect(narrow[1].contains("…"))
        #expect(narrow[1].hasPrefix("GV-001") && narrow[1].hasSuffix("7"))
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

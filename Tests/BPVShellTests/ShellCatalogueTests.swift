import BPVDomain
@testable import BPVShell
import Foundation
import Testing

/// The shell's own messages are values with one catalogue per language, like the refusals of
/// the register: a case without an example here, or a Dutch text left in English, fails.
@Suite("shell messages in Dutch and English")
struct ShellCatalogueTests {
    static let messages: [ShellMessage] = [
        .unknownCommand("mach", meant: "match"), .unknownHelpTopic("x"), .unclosedQuote("\""), .cannotRead(file: "x.csv"),
        .neitherSettingNorRecord("x", settings: ["w_travel"]), .tryPlaces("I-1"), .nothingToUndo,
        .cannotUndo("pin S-1 I-1", by: ChangeBy(user: "coach", at: "2026-10-01 09:00:00", action: "unpin", subject: "S-1")),
        .undoFailed("pin S-1 I-1", .refused(.noStudent("S-1"))), .unknownLevel("7"), .unknownSector("x"), .unknownNeed("x"),
        .unknownSchool("x", known: ["Tender College"]), .didYouMean(.student, typed: "S-1", meant: "S-001"),
    ]
    static let usages: [Usage] = [
        .missing("FILE"), .unexpected("x"), .tryable(["pin"], not: "match"), .dayAs("match on YYYY-MM-DD"), .daysAs("waiting over 28"),
        .unknownStatus("x", known: ["draft"]), .nameStudents, .giveReason, .giveReasonForHistory, .giveRequest, .nameSheet(kind: "students"),
        .importWhat("x"), .onOrOff(setting: "pager", value: "x"), .expanded("x"), .positiveNumber, .exportWhat("x"), .whoDeclined,
        .daysAWeekAs("S-1"), .howEnded, .employerFilters, .unknownFilter("x", known: ["town"]), .needsValue("town"),
    ]

    static func name(_ value: Any) -> String { String("\(value)".prefix { $0 != "(" }) }

    /// The cases `enum NAME` declares in ShellMessage.swift.
    static func declaredCases(of type: String) throws -> Set<String> {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BPVShell/Rendering/ShellMessage.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let body = text.components(separatedBy: "public enum \(type)")[1].components(separatedBy: "public func text")[0]
        return Set(body.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("case ") else { return nil }
            return String(t.dropFirst(5).prefix { $0.isLetter || $0.isNumber })
        })
    }

    @Test func everyShellMessageReadsInBothLanguagesAndTheDutchIsDutch() throws {
        #expect(Set(Self.messages.map { Self.name($0) }) == (try Self.declaredCases(of: "ShellMessage")))
        #expect(Set(Self.usages.map { Self.name($0) }) == (try Self.declaredCases(of: "Usage")))
        let texts = Self.messages.map { ($0.text(.en), $0.text(.nl)) } + Self.usages.map { ($0.text(.en), $0.text(.nl)) }
        for (en, nl) in texts {
            #expect(en != nl, "reads the same in both: \(en)")
            for english in [" is not ", "give ", "missing", "unknown", "did you mean", " the ", "cannot"] {
                #expect(!nl.contains(english), "'\(nl)' has '\(english)'")
            }
        }
    }

    @Test func everyCommandHasDutchHelp() {
        for c in Command.all {
            let nl = Command.dutchHelp[c.name]
            #expect(nl != nil, "\(c.name) has no Dutch help")
            #expect(c.summary(in: .nl) != c.summary, "\(c.name): the Dutch summary is the English one")
            #expect(c.details.isEmpty == c.details(in: .nl).isEmpty, "\(c.name): details in one language only")
            for english in [" the ", " student", " and ", " with "] {
                #expect(!c.summary(in: .nl).contains(english), "\(c.name): '\(c.summary(in: .nl))' has '\(english)'")
            }
        }
        #expect(Set(Command.dutchHelp.keys) == Set(Command.all.map(\.name)))
    }
}

@testable import BPVDomain
import BPVGeography
import Foundation
import Testing

/// Refusals are values rendered by one catalogue per language. A case missing from either
/// catalogue does not compile (both are exhaustive switches); this test renders one of every
/// case in both and fails when the Dutch reads the same as the English or falls back on it.
@Suite("refusals in Dutch and English")
struct RefusalCatalogueTests {
    static let overfill = Overfill(internship: "I-1", limit: 1, supportPlaces: false,
                                   held: [.init(student: "S-1", status: .pinned), .init(student: "S-2", status: .agreed, promised: true)])
    static let change = ChangeBy(user: "coach", at: "2026-10-01 09:00:00", action: "pin", subject: "S-1")
    static let day = CalendarDate("2026-10-01")!

    /// One of every case (a test compares the cases named here with those declared in
    /// Refusal.swift, so a new case without an example fails).
    static let every: [Refusal] = [
        .noStudent("S-9"), .noInternship("I-9"), .noRecord("X"), .noPin("S-1"), .noBan("S-1", "I-1"), .noRound(3), .noDraft,
        .settingAtDefault("w_travel"), .noStudentSetting("S-1", "priority"), .noDraftPlaceToPropose("S-1"), .noDraftPlaceToCommit("S-1"),
        .noProposalToDecline("S-1"), .noPlacementToEnd("S-1"), .endProposed("S-1"),
        .pinHeld("S-1", .agreed, at: "I-1"), .pinProposed("S-1", at: "I-1"), .banned("S-1", "I-1"), .banHeld("S-1", .active, at: "I-1"),
        .banProposed("S-1", at: "I-1"), .banPinned("S-1", at: "I-1"), .proposeHeld("S-1", .agreed, at: "I-1"), .acceptHeld("S-1", .agreed),
        .noProposalToAccept("S-1"), .declineHeld("S-1", .active), .startAfterEnding("S-1", "I-1", plannedEnd: day), .alreadyActive("S-1"),
        .startProposed("S-1"), .noAgreedToStart("S-1"), .commitBanned("S-1", "I-1"), .commitHeldElsewhere("S-1", .pinned, at: "I-1"),
        .commitProposedElsewhere("S-1", at: "I-1"), .mustBePlaced("S-1"),
        .overfilled(overfill, wayOut: OverfillWayOut(through: .other, release: [overfill.held[0]], need: 2)),
        .overfilled(overfill, wayOut: OverfillWayOut(through: .records, release: [], need: 2)),
        .overfilled(overfill, wayOut: OverfillWayOut(through: .places, release: [overfill.held[0]], need: 2)),
        .notAvailableYet("S-1", from: day, day: day), .outsideInternshipWindow("I-1", window: "2026-09-01 to 2027-06-30", day: day),
        .endBeforeStart("S-1", "I-1", started: day, day: day, outcome: .completed), .reasonNamesStudent("S-1"),
        .unknownEmployers(count: 2, first: "I-1", employer: "E-9"), .keptChanging, .keptChangingDuringMatch,
        .changedSinceSeen([change], more: 2), .changedSinceRound(4, [change], more: 1), .negativeCapacity(-1), .daysAWeek(7),
        .dateOutsideWindow("9999-01-01"), .notADate("morgen"), .unknownStudentSetting("x"), .unknownInternshipSetting("x", known: ["capacity"]),
        .unknownSetting("x", known: ["w_travel"]), .placesRange(setting: "capacity", value: "-1"),
        .settingRange(setting: "w_travel", lower: "0", upper: "100", value: "200"), .settingWhole(setting: "w_travel"),
        .maxTravelRange("300"), .unknownTravelMode("boot"), .priorityRange("10"), .place(.unknownPlace("Hilversun", suggestions: ["Hilversum"])),
        .unknownLanguage("fr"), .badTitle, .reasonTooLong(limit: 500, count: 501), .reasonControl(0x1B), .invalidID("S.1", .badCharacters),
        .unwritableFormat(file: "x.ods", ext: "ods"), .notUndoable,
    ]

    static func name(of r: Refusal) -> String { String("\(r)".prefix { $0 != "(" }) }

    /// The cases as Refusal.swift declares them (`case name(...)` before its `Kind`).
    static func declaredCases() throws -> Set<String> {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BPVDomain/Explaining/Refusal.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let body = text.components(separatedBy: "public enum Refusal")[1].components(separatedBy: "public enum Kind")[0]
        return Set(body.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("case ") else { return nil }
            return String(t.dropFirst(5).prefix { $0.isLetter || $0.isNumber })
        })
    }

    @Test func everyRefusalReadsInBothLanguagesAndTheDutchIsDutch() throws {
        let declared = try Self.declaredCases()
        #expect(declared.count > 50)
        #expect(Set(Self.every.map(Self.name(of:))) == declared, "list one of every case in `every`")
        for r in Self.every {
            let en = r.framed(.en), nl = r.framed(.nl)
            #expect(!en.isEmpty && !nl.isEmpty, "\(r)")
            #expect(en != nl, "\(r) reads the same in both: \(en)")
            for english in [" is not ", "refused", "nothing was changed", "give ", "missing", "unknown", "did you mean", " the ", " first"] {
                #expect(!nl.contains(english), "\(r): '\(nl)' has '\(english)'")
            }
        }
    }

    @Test func aRefusalIsFramedAsTheKindOfRefusalItIs() {
        #expect(Refusal.banned("S-1", "I-1").framed(.en) == "refused: S-1 x I-1 is banned; unban S-1 I-1 first if the pair is now wanted; nothing was changed")
        #expect(Refusal.banned("S-1", "I-1").framed(.nl)
            == "geweigerd: S-1 x I-1 is uitgesloten; geef eerst unban S-1 I-1 als het paar nu wel gewenst is; er is niets veranderd")
        #expect(Refusal.noStudent("S-9").framed(.nl) == "geen leerling S-9")
        #expect(Refusal.keptChanging.framed(.en) == "conflict: the workspace kept changing under this change; try again; nothing was changed")
        #expect(Refusal.overfilled(Self.overfill, wayOut: OverfillWayOut(through: .other, release: [Self.overfill.held[0]], need: 2)).framed(.nl)
            == "geweigerd: I-1 heeft 1 plaats maar 2 bezet: S-1 (vastgezet), S-2 (afgesproken, volgende plaatsing); eerst unpin S-1, of geef de stageplaats ruimte (set I-1 capacity 2); er is niets veranderd")
    }
}

import BPVGeography

/// Why a command was refused or could not be done: a value carrying its data (the students,
/// internships, places and the way out), worded only where it is shown, in the reader's
/// language (``text(_:)``). The domain, the register and the workspace throw these; no message
/// text is built where it is thrown.
///
/// The two catalogues (`Refusal+English.swift`, `Refusal+Dutch.swift`) are exhaustive switches:
/// a case written in one language only does not compile, and a test renders every case of
/// ``examples`` in both and fails when the Dutch is left in English.
public enum Refusal: Sendable, Hashable, Error {
    // Something named is not there.
    case noStudent(String)
    case noInternship(String)
    case noRecord(String)
    case noPin(StudentID)
    case noBan(StudentID, InternshipID)
    case noRound(Int64)
    case noDraft
    case settingAtDefault(String)
    case noStudentSetting(StudentID, String)
    case noDraftPlaceToPropose(StudentID)
    case noDraftPlaceToCommit(StudentID)
    case noProposalToDecline(StudentID)
    case noPlacementToEnd(StudentID)
    case endProposed(StudentID)

    // The register's rules.
    case pinHeld(StudentID, HeldStatus, at: InternshipID)
    case pinProposed(StudentID, at: InternshipID)
    case banned(StudentID, InternshipID)
    case banHeld(StudentID, HeldStatus, at: InternshipID)
    case banProposed(StudentID, at: InternshipID)
    case banPinned(StudentID, at: InternshipID)
    case proposeHeld(StudentID, HeldStatus, at: InternshipID)
    case acceptHeld(StudentID, HeldStatus)
    case noProposalToAccept(StudentID)
    case declineHeld(StudentID, HeldStatus)
    case startAfterEnding(StudentID, InternshipID, plannedEnd: CalendarDate)
    case alreadyActive(StudentID)
    case startProposed(StudentID)
    case noAgreedToStart(StudentID)
    case commitBanned(StudentID, InternshipID)
    case commitHeldElsewhere(StudentID, HeldStatus, at: InternshipID)
    case commitProposedElsewhere(StudentID, at: InternshipID)
    case mustBePlaced(String)
    case overfilled(Overfill, wayOut: OverfillWayOut)
    case notAvailableYet(StudentID, from: CalendarDate, day: CalendarDate)
    case outsideInternshipWindow(InternshipID, window: String, day: CalendarDate)
    case endBeforeStart(StudentID, InternshipID, started: CalendarDate, day: CalendarDate, outcome: PlacementOutcome)
    case reasonNamesStudent(StudentID)
    case unknownEmployers(count: Int, first: String, employer: String)

    // Others changed the workspace.
    case keptChanging
    case keptChangingDuringMatch
    case changedSinceSeen([ChangeBy], more: Int)
    case changedSinceRound(Int64, [ChangeBy], more: Int)

    // A value that is not accepted.
    case negativeCapacity(Int)
    case daysAWeek(Int)
    case dateOutsideWindow(String)
    case notADate(String)
    case unknownStudentSetting(String)
    case unknownInternshipSetting(String, known: [String])
    case unknownSetting(String, known: [String])
    case placesRange(setting: String, value: String)
    case settingRange(setting: String, lower: String, upper: String, value: String)
    case settingWhole(setting: String)
    case maxTravelRange(String)
    case unknownTravelMode(String)
    case priorityRange(String)
    case place(GeographyError)
    case unknownLanguage(String)
    case badTitle
    case reasonTooLong(limit: Int, count: Int)
    case reasonControl(UInt32)
    case invalidID(String, IDProblem)
    case unwritableFormat(file: String, ext: String)
    case notUndoable

    /// How the refusal is framed: a thing not found is said plainly, a broken rule or a
    /// conflict with another user says that nothing was changed.
    public enum Kind: Sendable, Hashable { case notFound, rule, conflict, value }

    public var kind: Kind {
        switch self {
        case .noStudent, .noInternship, .noRecord, .noPin, .noBan, .noRound, .noDraft, .settingAtDefault,
             .noStudentSetting:
            .notFound
        case .keptChanging, .keptChangingDuringMatch: .conflict
        case .negativeCapacity, .daysAWeek, .dateOutsideWindow, .notADate, .unknownStudentSetting, .unknownInternshipSetting,
             .unknownSetting, .placesRange, .settingRange, .settingWhole, .maxTravelRange, .unknownTravelMode, .priorityRange,
             .place, .unknownLanguage, .invalidID, .unwritableFormat, .notUndoable, .badTitle, .reasonTooLong, .reasonControl, .mustBePlaced:
            .value
        default: .rule
        }
    }

    /// The message in `language`, without its frame (see ``framed(_:)``).
    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    /// The message as a command says it: a broken rule is `refused: ...; nothing was changed`,
    /// a conflict `conflict: ...; nothing was changed`, anything else as it is.
    public func framed(_ language: Language) -> String {
        let body = text(language)
        switch (kind, language) {
        case (.rule, .en): return "refused: \(body); nothing was changed"
        case (.rule, .nl): return "geweigerd: \(body); er is niets veranderd"
        case (.conflict, .en): return "conflict: \(body); nothing was changed"
        case (.conflict, .nl): return "conflict: \(body); er is niets veranderd"
        default: return body
        }
    }
}

/// One change someone made, as a refusal names it: who, when (UTC, `YYYY-MM-DD HH:MM:SS`), what.
public struct ChangeBy: Sendable, Hashable {
    public var user: String
    public var at: String
    public var action: String
    public var subject: String

    public init(user: String, at: String, action: String, subject: String) {
        self.user = user
        self.at = at
        self.action = action
        self.subject = subject
    }

    /// Who changed what when, in `language`.
    public func text(_ language: Language) -> String { language == .nl ? dutch : english }
}

/// How to get past an overfilled internship: release the others holding it, or give it room.
public struct OverfillWayOut: Sendable, Hashable {
    /// What the refused change was: an import, a change of places, or another change.
    public enum Through: Sendable, Hashable { case records, places, other }
    public var through: Through
    /// The holders that can be released on this date (not the student being placed, not a
    /// promised next placement).
    public var release: [Overfill.Holder]
    /// How many places (or support places) the held placements need.
    public var need: Int
}

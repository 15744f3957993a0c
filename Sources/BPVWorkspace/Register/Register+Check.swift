import BPVDomain
import GRDB

/// One stored record that breaks a rule today's inputs keep (a date outside
/// ``CalendarDate/supported``, an end before its start): a value naming the record, worded with
/// how to repair it in the reader's language (``what(_:)``, ``repair(_:)``).
public enum RecordProblem: Sendable, Equatable, CustomStringConvertible {
    case placementOutsideWindow(student: String, internship: String, start: String?, plannedEnd: String?)
    case historyOutsideWindow(student: String, internship: String, outcome: String, start: String?, end: String?)
    case historyEndsBeforeStart(student: String, internship: String, outcome: String, start: CalendarDate, end: CalendarDate)
    case availableOutsideWindow(student: String, from: String?)
    case internshipOutsideWindow(internship: String, from: String?, until: String?)
    case roundOutsideWindow(round: Int64, date: String?)

    static var window: String { "\(CalendarDate.supported.lowerBound) to \(CalendarDate.supported.upperBound)" }
    static var venster: String { "\(CalendarDate.supported.lowerBound) tot \(CalendarDate.supported.upperBound)" }

    /// The record and what is wrong with it.
    public func what(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .placementOutsideWindow(let s, let i, let start, let end):
            return nl ? "de plaatsing van \(s) bij \(i) begint op \(start ?? "?") (geplande einddatum \(end ?? "?")), buiten \(Self.venster)"
                : "\(s)'s placement at \(i) starts on \(start ?? "?") (planned end \(end ?? "?")), outside \(Self.window)"
        case .historyOutsideWindow(let s, let i, let outcome, let start, let end):
            return nl ? "de geschiedenis van \(s) bij \(i) (\(language.word(outcome))) loopt van \(start ?? "?") tot \(end ?? "?"), buiten \(Self.venster)"
                : "\(s)'s history at \(i) (\(outcome)) runs \(start ?? "?") to \(end ?? "?"), outside \(Self.window)"
        case .historyEndsBeforeStart(let s, let i, let outcome, let a, let b):
            return nl ? "de geschiedenis van \(s) bij \(i) (\(language.word(outcome))) eindigt op \(b), voor haar begin op \(a)"
                : "\(s)'s history at \(i) (\(outcome)) ends on \(b), before it starts on \(a)"
        case .availableOutsideWindow(let s, let from):
            return nl ? "leerling \(s) is beschikbaar vanaf \(from ?? "?"), buiten \(Self.venster)"
                : "student \(s) is available from \(from ?? "?"), outside \(Self.window)"
        case .internshipOutsideWindow(let i, let from, let until):
            return nl ? "stageplaats \(i) is open van \(from ?? "elke dag") tot \(until ?? "elke dag"), buiten \(Self.venster)"
                : "internship \(i) is open \(from ?? "any day") to \(until ?? "any day"), outside \(Self.window)"
        case .roundOutsideWindow(let round, let date):
            return nl ? "ronde \(round) is gematcht voor \(date ?? "?"), buiten \(Self.venster)"
                : "round \(round) was matched for \(date ?? "?"), outside \(Self.window)"
        }
    }

    /// The command or step that repairs it.
    public func repair(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .placementOutsideWindow(let s, _, _, _):
            return nl ? "end \(s) UITKOMST REDEN on DATUM met het echte einde; de geschiedenis houdt dan geen begin bij"
                : "end \(s) OUTCOME REASON on DATE with the real end; the history then keeps no start for it"
        case .historyOutsideWindow(let s, _, _, _, _):
            return nl ? "niets nodig: het wordt getoond zoals het is en blokkeert niets; forget \(s) alleen als de school de leerling moet wissen"
                : "none needed: it is shown as it is and blocks nothing; forget \(s) only if the school must erase the pupil"
        case .historyEndsBeforeStart:
            return nl ? "niets nodig: het wordt getoond zoals het is en blokkeert niets; zo'n einde wordt nu geweigerd"
                : "none needed: it is shown as it is and blocks nothing; today such an end is refused"
        case .availableOutsideWindow:
            return nl ? "importeer de leerling opnieuw met beschikbaar_vanaf binnen het venster (een import werkt het record bij)"
                : "import the student again with available_from in the window (an import updates the record)"
        case .internshipOutsideWindow:
            return nl ? "importeer de stageplaats opnieuw met data binnen het venster (een import werkt het record bij)"
                : "import the internship again with dates in the window (an import updates the record)"
        case .roundOutsideWindow:
            return nl ? "match op een datum binnen het venster; de laatste ronde telt" : "match on a date in the window; the latest round is what counts"
        }
    }

    public func text(_ language: Language) -> String {
        "\(what(language))\n  \(language == .nl ? "reparatie" : "repair"): \(repair(language))"
    }

    public var description: String { text(.en) }
}

extension Register {
    /// The records an earlier release (or another program) stored that today's rules refuse:
    /// dates outside ``CalendarDate/supported`` or unreadable, a history entry that ends before it
    /// starts. None of them blocks a command (a far date is read as it is); `bpv check` lists
    /// them so that the coordinator can repair them.
    /// - Complexity: O(students + internships + register + history + rounds).
    public func check() throws(WorkspaceError) -> [RecordProblem] {
        try workspace.read { db in
            var out: [RecordProblem] = []
            func bad(_ text: String?) -> Bool { text.map { CalendarDate($0)?.isSupported != true } ?? false }
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, status, start_date, planned_end FROM register ORDER BY student_id, phase") {
                let s: String = row["student_id"], i: String = row["internship_id"]
                let start: String? = row["start_date"], end: String? = row["planned_end"]
                if bad(start) || (end.map { CalendarDate($0) == nil } ?? false) {
                    out.append(.placementOutsideWindow(student: s, internship: i, start: start, plannedEnd: end))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, outcome, start_date, end_date FROM history ORDER BY id") {
                let s: String = row["student_id"], i: String = row["internship_id"], outcome: String = row["outcome"]
                let start: String? = row["start_date"], end: String? = row["end_date"]
                if bad(start) || bad(end) {
                    out.append(.historyOutsideWindow(student: s, internship: i, outcome: outcome, start: start, end: end))
                } else if let a = start.flatMap(CalendarDate.init), let b = end.flatMap(CalendarDate.init), b < a {
                    out.append(.historyEndsBeforeStart(student: s, internship: i, outcome: outcome, start: a, end: b))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, available_from FROM student WHERE available_from IS NOT NULL ORDER BY id") {
                let s: String = row["id"], from: String? = row["available_from"]
                if bad(from) {
                    out.append(.availableOutsideWindow(student: s, from: from))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, available_from, available_until FROM internship ORDER BY id") {
                let i: String = row["id"], from: String? = row["available_from"], until: String? = row["available_until"]
                if bad(from) || bad(until) {
                    out.append(.internshipOutsideWindow(internship: i, from: from, until: until))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, date FROM round WHERE date IS NOT NULL ORDER BY id") {
                let id: Int64 = row["id"], date: String? = row["date"]
                if bad(date) {
                    out.append(.roundOutsideWindow(round: id, date: date))
                }
            }
            return out
        }
    }
}

import BPVDomain
import GRDB

/// One stored record that breaks a rule today's inputs keep (a date outside
/// ``CalendarDate/supported``, an end before its start): what it is and how to repair it.
public struct RecordProblem: Sendable, Equatable, CustomStringConvertible {
    /// The record and what is wrong with it.
    public var what: String
    /// The command or step that repairs it.
    public var repair: String

    public var description: String { "\(what)\n  repair: \(repair)" }
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
            let window = "\(CalendarDate.supported.lowerBound) to \(CalendarDate.supported.upperBound)"
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, status, start_date, planned_end FROM register ORDER BY student_id, phase") {
                let s: String = row["student_id"], i: String = row["internship_id"]
                let start: String? = row["start_date"], end: String? = row["planned_end"]
                if bad(start) || (end.map { CalendarDate($0) == nil } ?? false) {
                    out.append(RecordProblem(
                        what: "\(s)'s placement at \(i) starts on \(start ?? "?") (planned end \(end ?? "?")), outside \(window)",
                        repair: "end \(s) OUTCOME REASON on DATE with the real end; the history then keeps no start for it"))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, outcome, start_date, end_date FROM history ORDER BY id") {
                let s: String = row["student_id"], i: String = row["internship_id"], outcome: String = row["outcome"]
                let start: String? = row["start_date"], end: String? = row["end_date"]
                if bad(start) || bad(end) {
                    out.append(RecordProblem(what: "\(s)'s history at \(i) (\(outcome)) runs \(start ?? "?") to \(end ?? "?"), outside \(window)",
                                             repair: "none needed: it is shown as it is and blocks nothing; forget \(s) only if the school must erase the pupil"))
                } else if let a = start.flatMap(CalendarDate.init), let b = end.flatMap(CalendarDate.init), b < a {
                    out.append(RecordProblem(what: "\(s)'s history at \(i) (\(outcome)) ends on \(b), before it starts on \(a)",
                                             repair: "none needed: it is shown as it is and blocks nothing; today such an end is refused"))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, available_from FROM student WHERE available_from IS NOT NULL ORDER BY id") {
                let s: String = row["id"], from: String? = row["available_from"]
                if bad(from) {
                    out.append(RecordProblem(what: "student \(s) is available from \(from ?? "?"), outside \(window)",
                                             repair: "import the student again with available_from in the window (an import updates the record)"))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, available_from, available_until FROM internship ORDER BY id") {
                let i: String = row["id"], from: String? = row["available_from"], until: String? = row["available_until"]
                if bad(from) || bad(until) {
                    out.append(RecordProblem(what: "internship \(i) is open \(from ?? "any day") to \(until ?? "any day"), outside \(window)",
                                             repair: "import the internship again with dates in the window (an import updates the record)"))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, date FROM round WHERE date IS NOT NULL ORDER BY id") {
                let id: Int64 = row["id"], date: String? = row["date"]
                if bad(date) {
                    out.append(RecordProblem(what: "round \(id) was matched for \(date ?? "?"), outside \(window)",
                                             repair: "match on a date in the window; the latest round is what counts"))
                }
            }
            return out
        }
    }
}

import BPVDomain
import Foundation
import GRDB

/// The placement year's verbs: a proposal to the employer, its answer, the start, the end, and
/// the history. Each is one ``RoundChange`` through ``Register/apply(_:retry:persist:)`` (the
/// domain refuses a transition that does not exist, such as `start` on a draft), audited with
/// who, when and why.
extension Register {
    /// Who said no to a proposal.
    public enum Decliner: String, Sendable, CaseIterable {
        case employer, student
    }

    /// Puts the student forward to an internship (the intake interview): the place is held and
    /// the round no longer moves the student. Without an internship, the draft's.
    @discardableResult
    public func propose(student s: StudentID, internship given: InternshipID? = nil, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        let i: InternshipID
        if let given {
            i = given
        } else {
            guard let drafted = try current().outcome.internshipOf[s] else {
                throw .refused(.noDraftPlaceToPropose(s))
            }
            i = drafted
        }
        return try apply(.propose(student: s, internship: i)) { db, after, outcome in
            try self.hold(db, s, at: i, as: .proposed, logged: "propose", reason: reason, after, outcome)
        }
    }

    /// Employer and student said yes: proposed → agreed.
    @discardableResult
    public func accept(student s: StudentID, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        try apply(.accept(student: s)) { db, model, _ in
            let i = model.commitments[s]?.value
            let seq = try self.workspace.audit(db, action: "accept", subject: "\(s) -> \(i ?? "?")", reason: reason, student: s.value, internship: i)
            try RegisterRow.change(db, s, phase: Self.phase(of: s, model)) { ($0.status, $0.seq) = (.agreed, seq) }
            return seq
        }
    }

    /// The employer or the student said no: the proposal ends, the pair is banned with the
    /// reason (not proposed there again unless unbanned), and the draft places the student
    /// again at once.
    @discardableResult
    public func decline(student s: StudentID, by who: Decliner, reason: String) throws(WorkspaceError) -> RoundChanges? {
        let was = try currentModel().proposals[s]
        return try apply(.decline(student: s)) { db, after, _ in
            guard let i = was else { throw WorkspaceError.refused(.noProposalToDecline(s)) }
            let seq = try self.workspace.audit(db, action: "decline", subject: "\(s) x \(i)", detail: "by \(who.rawValue)", reason: reason,
                                               student: s.value, internship: i.value)
            try RegisterRow.remove(db, s, phase: Self.phase(of: s, after))
            try BanRecord.put(db, Pair(s, i), reason: "declined by \(who.rawValue): \(reason)")
            try Self.recordHistory(db, student: s, internship: i, outcome: "declined_by_\(who.rawValue)", start: nil, end: nil,
                                   user: self.workspace.user, reason: reason, seq: seq)
            return seq
        }
    }

    /// The praktijkovereenkomst is signed: agreed → active, from `date` (today when nil), with a
    /// planned end `placement_weeks` later, and the days a week the student works there (1 to 5
    /// in a BPV week; optional).
    ///
    /// Refused: a date outside ``CalendarDate/supported`` (the planned end must stay a date
    /// every reader takes); from today on, a start before the student's `available_from` or
    /// outside the internship's window, each with the way on.
    @discardableResult
    public func start(student s: StudentID, on date: CalendarDate? = nil, daysPerWeek: Int? = nil, reason: String? = nil)
        throws(WorkspaceError) -> RoundChanges?
    {
        if let days = daysPerWeek, !(1 ... 5).contains(days) {
            throw .refused(.daysAWeek(days))
        }
        let day = date ?? .today
        let before = try currentModel()
        let weeks = before.settings.placementWeeks
        let planned = day.adding(days: 7 * weeks)
        guard day.isSupported, planned.year <= 9999 else { throw .refused(.dateOutsideWindow(day.description)) }
        // A start from today on must suit the student's availability and the internship's
        // window. A start before today records a placement that happened (last year's, in the
        // history): the student's available_from and the internship's window describe the
        // placements to come, not that one, so they are not held against it.
        let recordsThePast = day < .today
        if !recordsThePast, let from = before.student(s)?.availableFrom, day < from {
            throw .refused(.notAvailableYet(s, from: from, day: day))
        }
        if !recordsThePast, let i = before.commitments[s], let internship = before.internship(i), !internship.isOpen(on: day) {
            let window = "\(internship.availableFrom.map(\.description) ?? "any day") to \(internship.availableUntil.map(\.description) ?? "any day")"
            throw .refused(.outsideInternshipWindow(i, window: window, day: day))
        }
        return try apply(.start(student: s)) { db, model, _ in
            let i = model.commitments[s]?.value
            let seq = try self.workspace.audit(db, action: "start", subject: "\(s) at \(i ?? "?")",
                                               detail: "from \(day), planned end \(planned)" + (daysPerWeek.map { ", \($0) days a week" } ?? ""),
                                               reason: reason, student: s.value, internship: i)
            try RegisterRow.change(db, s, phase: Self.phase(of: s, model)) {
                ($0.status, $0.startDate, $0.plannedEnd, $0.daysPerWeek, $0.seq) = (.active, day.description, planned.description, daysPerWeek, seq)
            }
            return seq
        }
    }

    /// Ends an agreed or active placement with its outcome, on `date`: the placement the
    /// student holds on the round's date, or the one whose planned end lies before it (then
    /// `date` defaults to that planned end, else to today). After a breakdown the student is
    /// not placed at that employer again (any of its internships) unless unbanned; after
    /// `completed` the student can be matched for a next placement. A next placement already
    /// held or drafted becomes the current one.
    @discardableResult
    public func end(student s: StudentID, outcome: PlacementOutcome, reason: String, on date: CalendarDate? = nil)
        throws(WorkspaceError) -> RoundChanges?
    {
        let before = try currentModel()
        let day = date ?? before.ending[s]?.plannedEnd ?? .today
        guard day.isSupported else { throw .refused(.dateOutsideWindow(day.description)) }
        let was = before.ending[s]?.internship ?? before.commitments[s]
        let bansBefore = before.bans
        return try apply(.end(student: s, outcome: outcome)) { db, after, _ in
            guard let i = was else { throw WorkspaceError.refused(.noPlacementToEnd(s)) }
            let seq = try self.workspace.audit(db, action: "end", subject: "\(s) from \(i)", detail: outcome.rawValue, reason: reason,
                                               student: s.value, internship: i.value)
            let current = try RegisterRow.find(db, s, phase: 0)
            var started = current?.startDate
            let days = current?.daysPerWeek
            // A start outside the window (stored by a release before the window existed) is a
            // typo, not a date: the end repairs it by leaving the start unknown in the history.
            if let text = started, CalendarDate(text)?.isSupported != true { started = nil }
            if let started, let from = CalendarDate(started), day < from {
                throw WorkspaceError.refused(.endBeforeStart(s, i, started: from, day: day, outcome: outcome))
            }
            // The next placement (if any) becomes the current one: the primary key changes, so
            // this one statement is SQL.
            try RegisterRow.remove(db, s, phase: 0)
            try db.execute(sql: "UPDATE register SET phase = 0 WHERE student_id = ? AND phase = 1", arguments: [s.value])
            for pair in after.bans.subtracting(bansBefore) {
                try BanRecord.put(db, pair, reason: "broke down at \(i): \(reason)")
            }
            try Self.recordHistory(db, student: s, internship: i, outcome: outcome.rawValue, start: started, end: day.description,
                                   user: self.workspace.user, reason: reason, seq: seq, daysPerWeek: days)
            return seq
        }
    }

    static func recordHistory(_ db: Database, student: StudentID, internship: InternshipID, outcome: String, start: String?, end: String?,
                              user: String, reason: String?, seq: Int64, daysPerWeek: Int? = nil) throws {
        let employer = try InternshipRecord.fetchOne(db, key: internship.value)?.internship.employer ?? ""
        try HistoryRecord(studentID: student.value, internshipID: internship.value, employer: employer, outcome: outcome, startDate: start,
                          endDate: end, user: user, reason: reason, seq: seq, daysPerWeek: daysPerWeek).insert(db)
    }
}

/// One line of a student's history: a placement that ended, a proposal declined, or the
/// placement the student holds now.
public struct HistoryEntry: Sendable, Equatable {
    public var internship: InternshipID
    public var employer: String
    /// For a past entry its outcome (completed, broke_down, declined_by_employer, ...); for the
    /// current one its status (proposed, agreed, active, ...).
    public var outcome: String
    public var start: String?
    public var end: String?
    public var user: String
    public var at: String
    public var reason: String?
    /// Days a week at the workplace, when given at the start.
    public var daysPerWeek: Int?
}

extension Workspace {
    /// Every placement the student had and has: ended ones and declined proposals (oldest
    /// first, with who decided, when and why), then the current one.
    public func history(of student: StudentID) throws(WorkspaceError) -> [HistoryEntry] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM student WHERE id = ?)", arguments: [student.value]) == true else {
                throw WorkspaceError.refused(.noStudent(student.value))
            }
            var out = try Row.fetchAll(db, sql: """
                SELECT h.*, a.at AS at FROM history h JOIN audit a ON a.seq = h.seq WHERE h.student_id = ? ORDER BY h.id
                """, arguments: [student.value]).map { row in
                HistoryEntry(internship: InternshipID(row["internship_id"] as String), employer: row["employer"], outcome: row["outcome"],
                             start: row["start_date"], end: row["end_date"], user: row["user"], at: row["at"], reason: row["reason"],
                             daysPerWeek: row["days_per_week"])
            }
            // The current placement, then the next one when there is one.
            for row in try Row.fetchAll(db, sql: """
                SELECT r.*, i.employer AS employer, a.user AS user, a.at AS at, a.reason AS why FROM register r
                JOIN internship i ON i.id = r.internship_id LEFT JOIN audit a ON a.seq = r.seq WHERE r.student_id = ? ORDER BY r.phase
                """, arguments: [student.value]) {
                // A draft place is nobody's decision: only held places say who and why.
                let status: String = row["status"], held = status != "draft"
                out.append(HistoryEntry(internship: InternshipID(row["internship_id"] as String), employer: row["employer"],
                                        outcome: status, start: row["start_date"], end: row["planned_end"],
                                        user: held ? row["user"] ?? "" : "", at: held ? row["at"] ?? "" : "", reason: held ? row["why"] : nil,
                                        daysPerWeek: row["days_per_week"]))
            }
            return out
        }
    }
}

extension Workspace {
    /// Every student without a placement held on `today` (pinned, proposed, agreed, or active
    /// and not planned to end before `today`), with the day their wait began: the later of the
    /// day they became available (their `available_from`, else the day they were first
    /// imported) and the day their last placement ended (or was planned to end). A student
    /// whose wait begins after `today` (available only later) is not waiting yet and is left out.
    /// - Complexity: O(students + history + register).
    public func waiting(on today: CalendarDate) throws(WorkspaceError) -> [(student: StudentID, since: CalendarDate?, coach: String?)] {
        try read { db in
            var lastEnd: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT student_id, MAX(end_date) FROM history WHERE end_date IS NOT NULL
                AND outcome NOT LIKE 'declined%' GROUP BY student_id
                """) {
                lastEnd[row[0]] = row[1]
            }
            let register = try RegisterRows(db, on: today)
            for (s, row) in register.ending {
                if let end = row.plannedEnd, end > lastEnd[s.value] ?? "" { lastEnd[s.value] = end }
            }
            var out: [(student: StudentID, since: CalendarDate?, coach: String?)] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, coach, registered_on, available_from FROM student ORDER BY id") {
                let id: String = row[0]
                if let held = register.inEffect[StudentID(id)], held.status != .draft { continue }
                let available = (row[3] as String?).flatMap(CalendarDate.init) ?? (row[2] as String?).flatMap(CalendarDate.init)
                let since = [available, lastEnd[id].flatMap(CalendarDate.init)].compactMap { $0 }.max()
                if let since, today < since { continue }
                out.append((StudentID(id), since, row[1]))
            }
            return out
        }
    }
}

extension CalendarDate {
    /// Today, in UTC.
    public static var today: CalendarDate { CalendarDate(day: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }

    /// Parses `YYYY-MM-DD`, as the workspace's words.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` saying what a date looks like.
    /// - Throws: also when the date lies outside ``CalendarDate/supported``.
    public init(parsing text: String) throws(WorkspaceError) {
        guard let date = CalendarDate(text) else {
            throw .refused(.notADate(text))
        }
        guard date.isSupported else { throw .refused(.dateOutsideWindow(text)) }
        self = date
    }
}

/// An employer as the coordinator sees it over the year: from the employer file, or derived
/// from the internships' `employer` and `leerbedrijf_id` when there is none.
public struct EmployerSummary: Sendable, Equatable {
    /// The employer record's id, else the leerbedrijf id, else the name.
    public var key: String
    public var name: String
    public var record: Employer?
    public var internships: [InternshipID]
    public var places: Int
    /// Students placed there now (draft or held).
    public var taken: Int
    /// Placements there that broke down (the history).
    public var breakdowns: Int
}

extension Workspace {
    /// Every employer with its internships, places, taken places and breakdowns: the employer
    /// records, and an employer derived from the internships for each internship without one.
    /// - Complexity: O(internships + register + history).
    public func employerSummaries() throws(WorkspaceError) -> [EmployerSummary] {
        let records = Dictionary(try employers().map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let internships = try internships()
        let (taken, broke) = try read { db in
            var taken: [String: Int] = [:], broke: [String: Int] = [:]
            // A place promised to a next placement is taken too: no one else is matched into it.
            let register = try RegisterRows(db, on: Workspace.registerDate(db))
            for row in Array(register.inEffect.values) + Array(register.upcoming.values) { taken[row.internshipID, default: 0] += 1 }
            for row in try Row.fetchAll(db, sql: "SELECT internship_id, COUNT(*) FROM history WHERE outcome = 'broke_down' GROUP BY internship_id") {
                broke[row[0]] = row[1]
            }
            return (taken, broke)
        }
        var out: [String: EmployerSummary] = [:]
        for (id, e) in records {
            out[id] = EmployerSummary(key: id, name: e.name, record: e, internships: [], places: 0, taken: 0, breakdowns: 0)
        }
        for i in internships {
            let key = i.employerKey
            var e = out[key] ?? EmployerSummary(key: key, name: i.employer, record: nil, internships: [], places: 0, taken: 0, breakdowns: 0)
            e.internships.append(i.internshipID)
            e.places += i.capacity
            e.taken += taken[i.id.value] ?? 0
            e.breakdowns += broke[i.id.value] ?? 0
            out[key] = e
        }
        return out.values.sorted { ($0.name, $0.key) < ($1.name, $1.key) }
    }
}

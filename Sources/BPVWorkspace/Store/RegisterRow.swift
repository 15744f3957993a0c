import BPVDomain
import GRDB

/// One row of the placement register: a student's place in the draft, or a placement the
/// student holds (pinned, proposed, agreed, active), with its dates.
///
/// A student has at most two rows. Phase 0 is the current placement. Once an active
/// placement's planned end lies before a round's date, that round places the student for the
/// next placement, which is stored as phase 1 beside it; `end` closes the current one and the
/// next one becomes phase 0. Which row is in effect on a date is decided in one place,
/// ``RegisterRows``.
struct RegisterRow: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "register"

    var studentID: String
    var phase: Int
    var internshipID: String
    /// Never ``Workspace/Status/unplaced`` (the table's CHECK holds the five a row can have).
    var status: Workspace.Status
    var reason: String?
    var roundID: Int64?
    var score: Int?
    var travelMin: Int?
    var seq: Int64
    var startDate: String?
    var plannedEnd: String?
    var daysPerWeek: Int?

    enum CodingKeys: String, CodingKey {
        case studentID = "student_id", phase, internshipID = "internship_id", status, reason, roundID = "round_id", score
        case travelMin = "travel_min", seq, startDate = "start_date", plannedEnd = "planned_end", daysPerWeek = "days_per_week"
    }

    var student: StudentID { StudentID(studentID) }
    var internship: InternshipID { InternshipID(internshipID) }

    /// The planned end, when the row is an active placement that has one.
    func plannedEnd(_ what: String) throws -> CalendarDate? {
        status == .active ? Records.date(plannedEnd, what) : nil
    }
}

extension RegisterRow {
    /// A row as a change of the register writes it: no dates, days or round (a start and a
    /// commit add theirs).
    init(_ student: StudentID, phase: Int, at internship: InternshipID, _ status: Workspace.Status, reason: String? = nil,
         score: ScoreBreakdown?, seq: Int64) {
        self.init(studentID: student.value, phase: phase, internshipID: internship.value, status: status, reason: reason, roundID: nil,
                  score: score?.total, travelMin: score?.travelMinutes, seq: seq, startDate: nil, plannedEnd: nil, daysPerWeek: nil)
    }

    /// Writes the row, replacing the student's row of its phase (every column, as GRDB's
    /// `upsert` does). Hand-written because GRDB's `upsert` builds its statement anew for every
    /// record: 15% of a 30,000-student `match` in a profile, where the draft writes a row per
    /// placed student. This statement is prepared once per connection and reused.
    func write(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO register (student_id, phase, internship_id, status, reason, round_id, score, travel_min, seq,
                                  start_date, planned_end, days_per_week)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (student_id, phase) DO UPDATE SET
                internship_id = excluded.internship_id, status = excluded.status, reason = excluded.reason,
                round_id = excluded.round_id, score = excluded.score, travel_min = excluded.travel_min, seq = excluded.seq,
                start_date = excluded.start_date, planned_end = excluded.planned_end, days_per_week = excluded.days_per_week
            """)
        try statement.execute(arguments: [studentID, phase, internshipID, status.rawValue, reason, roundID, score, travelMin, seq,
                                          startDate, plannedEnd, daysPerWeek])
    }

    /// The student's row of `phase`, if there is one.
    static func find(_ db: Database, _ student: StudentID, phase: Int) throws -> RegisterRow? {
        try fetchOne(db, key: ["student_id": student.value, "phase": phase])
    }

    /// Removes the student's row of `phase` (no place there any more).
    static func remove(_ db: Database, _ student: StudentID, phase: Int) throws {
        _ = try deleteOne(db, key: ["student_id": student.value, "phase": phase])
    }

    /// Changes the student's row of `phase` in place, when there is one.
    static func change(_ db: Database, _ student: StudentID, phase: Int, _ edit: (inout RegisterRow) -> Void) throws {
        guard var row = try find(db, student, phase: phase) else { return }
        edit(&row)
        try row.update(db)
    }
}

/// The register as it stands on one date: per student the row in effect, and the active
/// placements that end before that date (kept on record until ended).
struct RegisterRows {
    /// Per student, the row that places or holds the student on the date.
    var inEffect: [StudentID: RegisterRow] = [:]
    /// Per student, an active placement whose planned end lies before the date.
    var ending: [StudentID: RegisterRow] = [:]
    /// Per student, a next placement held while the current one still runs on the date: not in
    /// effect yet, but its place is promised (a draft next row promises nothing).
    var upcoming: [StudentID: RegisterRow] = [:]

    /// Reads the register as of `date` (no date: every current row is in effect).
    ///
    /// On `date`, a student's current row is in effect unless it is an active placement
    /// planned to end before `date`; then that one is `ending` and the next row (if any) is in
    /// effect. A next row is not in effect while the current placement still runs on `date`.
    /// - Complexity: O(register rows).
    init(_ db: Database, on date: CalendarDate?) throws {
        let rows = try RegisterRow.order(Column("student_id"), Column("phase")).fetchAll(db)
        var next: [StudentID: RegisterRow] = [:]
        for row in rows {
            if row.phase == 0 { inEffect[row.student] = row } else { next[row.student] = row }
        }
        if let date {
            for (s, row) in inEffect {
                guard let end = try row.plannedEnd("the placement of \(s)"), end < date else { continue }
                ending[s] = row
                inEffect[s] = next.removeValue(forKey: s)
            }
        }
        upcoming = next.filter { $0.value.status != .draft }
    }

    /// The phase a new or changed row of `student` is written to on this date.
    func phase(of student: StudentID) -> Int { ending[student] == nil ? 0 : 1 }

    /// The model's view of the promised next placements.
    func upcomingPlacements() throws -> [StudentID: Upcoming] {
        try upcoming.mapValues { row in
            guard let status = HeldStatus(rawValue: row.status.rawValue) else {
                throw WorkspaceError.corruptRecord("the next placement of \(row.student) has status \(row.status)")
            }
            return Upcoming(internship: row.internship, status: status)
        }
    }

    /// The model's view of the ending placements.
    func endings() throws -> [StudentID: Ending] {
        var out: [StudentID: Ending] = [:]
        for (s, row) in ending {
            if let end = try row.plannedEnd("the placement of \(s)") { out[s] = Ending(internship: row.internship, plannedEnd: end) }
        }
        return out
    }
}

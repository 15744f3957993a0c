import BPVDomain
import BPVSolver
import GRDB

extension Workspace {
    /// Where a student stands in the register.
    public enum Status: String, Sendable, Equatable, Codable {
        /// Proposed by the solver, nothing agreed: moves freely.
        case draft
        /// Fixed by a job coach (a place the student found).
        case pinned
        /// Put forward to the employer (intake interview): held, not moved.
        case proposed
        /// Employer and student said yes: later rounds never move it.
        case agreed
        /// Started: the praktijkovereenkomst is signed.
        case active
        /// No place in the draft.
        case unplaced
    }

    /// One student's line of the register (or of a stored round).
    public struct Placement: Sendable, Equatable {
        public var student: StudentID
        /// Nil when unplaced.
        public var internship: InternshipID?
        public var score: Int?
        public var travelMinutes: Int?
        public var status: Status
        /// An active placement's start and planned end.
        public var start: CalendarDate?
        public var plannedEnd: CalendarDate?
        /// Days a week at the workplace, when given at `start`.
        public var daysPerWeek: Int?
        /// Agreed or active: final, never moved by a round.
        public var committed: Bool { status == .agreed || status == .active }

        public init(student: StudentID, internship: InternshipID?, score: Int?, travelMinutes: Int?, status: Status,
                    start: CalendarDate? = nil, plannedEnd: CalendarDate? = nil, daysPerWeek: Int? = nil) {
            self.daysPerWeek = daysPerWeek
            self.student = student
            self.internship = internship
            self.score = score
            self.travelMinutes = travelMinutes
            self.status = status
            self.start = start
            self.plannedEnd = plannedEnd
        }
    }

    /// What a round produced.
    public struct RoundSummary: Sendable, Equatable {
        public var round: Int64
        public var placed: Int
        public var unplaced: Int
        public var committedBefore: Int
        public var totalScore: Int64
        /// The round's min-cost-flow objective: the score plus the exact penalty of each student
        /// left unplaced. `bpv export dimacs FILE` then any min-cost-flow solver gives this number.
        public var dimacsObjective: Int64
    }

    // MARK: Changes (each through a fresh view of the register)

    /// Fixes a student at an internship before the round (a place the student found). Refused
    /// where every place or support place is held, on a banned pair, for a committed student.
    public func pin(student: StudentID, internship: InternshipID, reason: String) throws(WorkspaceError) {
        try Register(workspace: self).pin(student: student, internship: internship, reason: reason)
    }

    public func unpin(student: StudentID) throws(WorkspaceError) {
        try Register(workspace: self).unpin(student: student)
    }

    /// Rules a pair out of every later round. Refused on a pinned or committed pair.
    public func ban(student: StudentID, internship: InternshipID, reason: String) throws(WorkspaceError) {
        try Register(workspace: self).ban(student: student, internship: internship, reason: reason)
    }

    public func unban(student: StudentID, internship: InternshipID) throws(WorkspaceError) {
        try Register(workspace: self).unban(student: student, internship: internship)
    }

    /// Runs a matching round on the current data and stores it as the draft (see
    /// ``Register/match(settings:)``).
    public func match(settings: MatchSettings? = nil, shouldCancel: (@Sendable () -> Bool)? = nil)
        throws(WorkspaceError) -> RoundSummary
    {
        try Register(workspace: self, shouldCancel: shouldCancel).match(settings: settings).summary
    }

    /// Makes the current draft final: all of it, or the students named (see
    /// ``Register/commit(students:round:reason:)``).
    /// - Parameter round: when given, refused unless the draft is still round `round` as stored.
    /// - Returns: the number of placements committed.
    @discardableResult
    public func commit(round: Int64? = nil, students: [StudentID]? = nil) throws(WorkspaceError) -> Int {
        try Register(workspace: self).commit(students: students, round: round)
    }

    /// Ends a committed placement (for example when it broke down); the draft places the
    /// student again, not at the same internship (the pair is banned with the reason).
    public func release(student: StudentID, reason: String) throws(WorkspaceError) {
        try Register(workspace: self).release(student: student, reason: reason)
    }

    /// Everything the next round is computed from, in memory: students with their per-student
    /// settings applied, internships, the workspace's settings (or `settings`), pins,
    /// commitments and bans.
    public func roundModel(settings given: MatchSettings? = nil, on date: CalendarDate? = nil) throws(WorkspaceError) -> RoundModel {
        if let date { return try read { db in try roundModel(db, on: date) } }
        var model = try read { db in try roundModel(db) }
        if let given { model.settings = given }
        return model
    }

    /// The round model as the database `db` holds it (inside a transaction: one consistent state),
    /// on `given` (a match's date), else on the latest round's date.
    func roundModel(_ db: Database, on given: CalendarDate? = nil) throws -> RoundModel {
        let settings = try Self.matchSettings(db)
        var students = try StudentRecord.order(Column("id")).fetchAll(db).map(\.student)
        let internships = try InternshipRecord.order(Column("id")).fetchAll(db).map(\.internship)
        var overrides: [String: [(String, String)]] = [:]
        for row in try StudentSettingRecord.fetchAll(db) { overrides[row.studentID, default: []].append((row.name, row.value)) }
        if !overrides.isEmpty {
            for k in students.indices {
                for (name, value) in overrides[students[k].id.value] ?? [] {
                    guard let setting = StudentSetting(rawValue: name) else { throw WorkspaceError.corruptRecord("student setting \(name)") }
                    do { try setting.apply(value, to: &students[k]) } catch { throw WorkspaceError.corruptRecord("student setting \(name) = \(value)") }
                }
            }
        }
        let date = try given ?? Self.registerDate(db)
        let register = try RegisterRows(db, on: date)
        var pins: [StudentID: InternshipID] = [:], commitments: [StudentID: InternshipID] = [:], bans = Set<Pair>()
        var proposals: [StudentID: InternshipID] = [:], active = Set<StudentID>()
        // The draft as it stands in the register (what everyone sees), not the latest round's: a
        // student moves away from it only for a gain above the stability weight, so a new match
        // keeps the draft where another optimum would only tie with it.
        var previous: [StudentID: InternshipID] = [:]
        for (s, row) in register.inEffect {
            switch row.status {
            case .agreed: commitments[s] = row.internship
            case .active: commitments[s] = row.internship; active.insert(s)
            case .proposed: proposals[s] = row.internship
            case .draft: previous[s] = row.internship
            case .pinned: pins[s] = row.internship
            case .unplaced: break  // never a row (the table's CHECK)
            }
        }
        bans.formUnion(try BanRecord.fetchAll(db).map(\.pair))
        var model = RoundModel(students: students, internships: internships, settings: settings,
                               pins: pins, commitments: commitments, bans: bans, previous: previous, proposals: proposals, active: active,
                               ending: try register.endings(), upcoming: try register.upcomingPlacements())
        model.date = date
        return model
    }

    /// Builds the problem of the next round without solving it (also for `export dimacs`).
    /// - Throws: ``WorkspaceError/conflict(_:)`` when pins and commitments overfill an internship.
    public func roundProblem(settings given: MatchSettings? = nil) throws(WorkspaceError) -> RoundProblem {
        do {
            return try roundModel(settings: given).problem()
        } catch let error as RoundError {
            throw Self.workspaceError(error, path: path)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, words(error))
        }
    }

    /// The workspace's words for a round's failure.
    /// The same, with what this user's view leaves out: an internship refused as full on a
    /// school's view of a region says how many of its places other schools' pupils hold.
    func workspaceError(_ error: RoundError) -> WorkspaceError {
        if case .refused(.overfilled(var o, let wayOut)) = error, let home {
            o.heldElsewhere = home.heldElsewhere(o.internship.value, supportPlaces: o.supportPlaces)
            return .refused(.overfilled(o, wayOut: wayOut))
        }
        return Self.workspaceError(error, path: path)
    }

    public static func workspaceError(_ error: RoundError, path: String) -> WorkspaceError {
        switch error {
        case .cancelled: .cancelled
        case .refused(let r): .refused(r)
        case .solver(let why): .database(path, .system("matching failed: \(why)"))
        }
    }

    /// The latest round, if any.
    public func latestRound() throws(WorkspaceError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM round") }
    }

    /// The pins: student → (internship, reason).
    public func pins() throws(WorkspaceError) -> [StudentID: (internship: InternshipID, reason: String)] {
        try read { db in
            var out: [StudentID: (internship: InternshipID, reason: String)] = [:]
            for row in try RegisterRow.filter(Column("status") == Workspace.Status.pinned.rawValue).fetchAll(db) {
                out[row.student] = (row.internship, row.reason ?? "")
            }
            return out
        }
    }

    /// The bans, with their reasons.
    public func bans() throws(WorkspaceError) -> [Pair: String] {
        try read { db in
            Dictionary(try BanRecord.fetchAll(db).map { ($0.pair, $0.reason) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The register: every student's current place and status (draft, pinned, committed, or
    /// unplaced once a round was matched), by student id. What the shell shows is this.
    public func placements() throws(WorkspaceError) -> [Placement] {
        try read { db in
            var out: [StudentID: Placement] = [:]
            if try Register.hasRound(db) {
                for id in try String.fetchAll(db, sql: "SELECT id FROM student").map({ StudentID($0) }) {
                    out[id] = Placement(student: id, internship: nil, score: nil, travelMinutes: nil, status: .unplaced)
                }
            }
            for (s, row) in try RegisterRows(db, on: Self.registerDate(db)).inEffect {
                out[s] = Placement(student: s, internship: row.internship, score: row.score, travelMinutes: row.travelMin,
                                   status: row.status,
                                   start: Records.date(row.startDate, "the placement of \(s)"),
                                   plannedEnd: Records.date(row.plannedEnd, "the placement of \(s)"), daysPerWeek: row.daysPerWeek)
            }
            return out.values.sorted { $0.student < $1.student }
        }
    }

    /// The day the register's draft is for: the latest round's date (the draft stays the draft
    /// for that day until the next match), today before any round, nil for a round stored
    /// before rounds had dates.
    static func registerDate(_ db: Database) throws -> CalendarDate? {
        let latest = try String.fetchOne(db, sql: "SELECT date FROM round ORDER BY id DESC LIMIT 1")
        if let date = Records.date(latest, "the latest round") { return date }
        return try Register.hasRound(db) ? nil : .today
    }

    /// The placements of a stored round as it was matched (the history), with the students
    /// committed since marked committed where they are committed now.
    public func placements(round: Int64) throws(WorkspaceError) -> [Placement] {
        try read { db in
            var out: [StudentID: Placement] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM placement WHERE round_id = ?", arguments: [round]) {
                let s = StudentID(row["student_id"] as String), i = (row["internship_id"] as String?).map { InternshipID($0) }
                out[s] = Placement(student: s, internship: i, score: row["score"], travelMinutes: row["travel_min"],
                                   status: i == nil ? .unplaced : .draft)
            }
            for (s, row) in try RegisterRows(db, on: Self.registerDate(db)).inEffect where row.status == .agreed || row.status == .active {
                out[s] = Placement(student: s, internship: row.internship, score: row.score, travelMinutes: row.travelMin,
                                   status: row.status)
            }
            return out.values.sorted { $0.student < $1.student }
        }
    }

    // MARK: Helpers

    /// The given settings, or the workspace's.
    func resolved(_ given: MatchSettings?) throws(WorkspaceError) -> MatchSettings {
        if let given { return given }
        return try settings()
    }

    func writeImmediate<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        if home != nil { return try writeHome(body) }
        defer { writer?.clear() }
        do {
            return try db.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    writer?.record(user: user)
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw WorkspaceError.database(path, .system("transaction produced no result")) }
                return result
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, words(error))
        }
    }
}

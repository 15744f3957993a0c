import BPVDomain
import BPVSolver
import GRDB

extension Workspace {
    /// A draft or final placement.
    public struct Placement: Sendable, Equatable {
        public var student: String
        /// Nil when unplaced.
        public var internship: String?
        public var score: Int?
        public var travelMinutes: Int?
        public var committed: Bool
    }

    /// What a round produced.
    public struct RoundSummary: Sendable, Equatable {
        public var round: Int64
        public var placed: Int
        public var unplaced: Int
        public var committedBefore: Int
        public var totalScore: Int64
        /// The round's min-cost-flow objective: the score plus the exact penalty of each student
        /// left unplaced. `bpv export --dimacs` then any min-cost-flow solver gives this number.
        public var dimacsObjective: Int64
    }

    // MARK: Pins and bans

    /// Fixes a student at an internship before the round (a place the student found).
    public func pin(student: String, internship: String, reason: String) throws(WorkspaceError) {
        try write { db in
            try requireStudent(db, student)
            try requireInternship(db, internship)
            try db.execute(
                sql: "INSERT INTO pin (student_id, internship_id, reason) VALUES (?, ?, ?) ON CONFLICT(student_id) DO UPDATE SET internship_id = excluded.internship_id, reason = excluded.reason",
                arguments: [student, internship, reason])
            try audit(db, action: "pin", subject: "\(student) -> \(internship)", reason: reason)
        }
    }

    public func unpin(student: String) throws(WorkspaceError) {
        try write { db in
            try db.execute(sql: "DELETE FROM pin WHERE student_id = ?", arguments: [student])
            guard db.changesCount > 0 else { throw WorkspaceError.notFound("no pin for student \(student)") }
            try audit(db, action: "unpin", subject: student)
        }
    }

    /// Rules a pair out of every later round.
    public func ban(student: String, internship: String, reason: String) throws(WorkspaceError) {
        try write { db in
            try requireStudent(db, student)
            try requireInternship(db, internship)
            try db.execute(
                sql: "INSERT INTO ban (student_id, internship_id, reason) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason",
                arguments: [student, internship, reason])
            try audit(db, action: "ban", subject: "\(student) x \(internship)", reason: reason)
        }
    }

    public func unban(student: String, internship: String) throws(WorkspaceError) {
        try write { db in
            try db.execute(sql: "DELETE FROM ban WHERE student_id = ? AND internship_id = ?", arguments: [student, internship])
            guard db.changesCount > 0 else { throw WorkspaceError.notFound("no ban for \(student) x \(internship)") }
            try audit(db, action: "unban", subject: "\(student) x \(internship)")
        }
    }

    // MARK: Rounds

    /// Runs a matching round on the current data: committed and pinned students keep their
    /// internship (their places are taken first), banned pairs are left out, and every other
    /// student is placed optimally. The draft is stored with the round and its settings.
    ///
    /// - Throws: ``WorkspaceError/conflict(_:)`` when pins and commitments overfill an internship;
    ///   ``WorkspaceError/cancelled`` when `shouldCancel` turned true (nothing is stored).
    public func match(settings: MatchSettings? = nil, shouldCancel: (@Sendable () -> Bool)? = nil)
        throws(WorkspaceError) -> RoundSummary
    {
        let model = try roundModel(settings: settings)
        let outcome: RoundOutcome
        do {
            outcome = try model.solve(shouldCancel: shouldCancel)
        } catch {
            throw Self.workspaceError(error, path: path)
        }
        return try record(outcome, of: model)
    }

    /// Stores a solved round as the new draft: one placement row per student who is not
    /// committed (pinned students with their pin, unplaced ones with no internship).
    /// - Returns: the round's summary.
    public func record(_ outcome: RoundOutcome, of model: RoundModel) throws(WorkspaceError) -> RoundSummary {
        let placed = outcome.placedCount - outcome.fixed.count
        let freeScore = outcome.scoreOf.reduce(Int64(0)) { $0 + (outcome.fixed[$1.key] == nil ? Int64($1.value.total) : 0) }
        return try write { db in
            try db.execute(
                sql: "INSERT INTO round (created_at, user, settings, placed, unplaced, total_score) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)",
                arguments: [user, Self.encode(outcome.settings), placed, outcome.unplaced.count, freeScore])
            let round = db.lastInsertedRowID
            for s in model.students.map(\.id.value) where model.commitments[s] == nil {
                let i = outcome.internshipOf[s], score = outcome.scoreOf[s]
                try db.execute(
                    sql: "INSERT INTO placement (round_id, student_id, internship_id, score, travel_min) VALUES (?, ?, ?, ?, ?)",
                    arguments: [round, s, i, score?.total, score?.travelMinutes])
            }
            try audit(db, action: "match", subject: "round \(round)",
                      detail: "\(placed) placed, \(outcome.unplaced.count) unplaced, \(outcome.fixed.count) fixed by pins or commitments")
            return RoundSummary(round: round, placed: placed, unplaced: outcome.unplaced.count, committedBefore: outcome.fixed.count,
                                totalScore: freeScore, dimacsObjective: outcome.dimacsObjective)
        }
    }

    /// Everything the next round is computed from, in memory: students with their per-student
    /// settings applied, internships, the workspace's settings (or `settings`), pins,
    /// commitments and bans.
    public func roundModel(settings given: MatchSettings? = nil) throws(WorkspaceError) -> RoundModel {
        let settings = try resolved(given)
        var students = try self.students()
        let internships = try self.internships()
        let overrides = try studentSettings()
        for k in students.indices {
            for (name, value) in overrides[students[k].id.value] ?? [:] {
                guard let setting = StudentSetting(rawValue: name) else { throw .corruptRecord("student setting \(name)") }
                do { try setting.apply(value, to: &students[k]) } catch { throw .corruptRecord("student setting \(name) = \(value)") }
            }
        }
        let (pins, commitments, bans, previous) = try read { db in
            var pins: [String: String] = [:], commitments: [String: String] = [:], bans = Set<Pair>()
            var previous: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id FROM pin") { pins[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id FROM commitment") { commitments[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id FROM ban") { bans.insert(Pair(row[0], row[1])) }
            // The latest draft: a student moves away from it only for a gain above the stability weight.
            for row in try Row.fetchAll(
                db, sql: "SELECT student_id, internship_id FROM placement WHERE round_id = (SELECT MAX(id) FROM round) AND internship_id IS NOT NULL")
            {
                previous[row[0]] = row[1]
            }
            return (pins, commitments, bans, previous)
        }
        return RoundModel(students: students, internships: internships, settings: settings,
                          pins: pins, commitments: commitments, bans: bans, previous: previous)
    }

    /// Builds the problem of the next round without solving it (also for `export --dimacs`).
    /// - Throws: ``WorkspaceError/conflict(_:)`` when pins and commitments overfill an internship.
    public func roundProblem(settings given: MatchSettings? = nil) throws(WorkspaceError) -> RoundProblem {
        do {
            return try roundModel(settings: given).problem()
        } catch let error as RoundError {
            throw Self.workspaceError(error, path: path)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, "\(error)")
        }
    }

    /// The workspace's words for a round's failure.
    public static func workspaceError(_ error: RoundError, path: String) -> WorkspaceError {
        switch error {
        case .cancelled: .cancelled
        case .overfilled: .conflict(error.description)
        case .notFound(let what): .notFound(what)
        case .invalid(let why): .invalidSetting(why)
        case .solver(let why): .database(path, "matching failed: \(why)")
        }
    }

    /// The latest round, if any.
    public func latestRound() throws(WorkspaceError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM round") }
    }

    /// The pins: student → (internship, reason).
    public func pins() throws(WorkspaceError) -> [String: (internship: String, reason: String)] {
        try read { db in
            var out: [String: (internship: String, reason: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, reason FROM pin") {
                out[row[0]] = (row[1], row[2] ?? "")
            }
            return out
        }
    }

    /// The bans, with their reasons.
    public func bans() throws(WorkspaceError) -> [Pair: String] {
        try read { db in
            var out: [Pair: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT student_id, internship_id, reason FROM ban") {
                out[Pair(row[0], row[1])] = row[2] ?? ""
            }
            return out
        }
    }

    /// Makes draft placements of `round` final: all of them, or those of `students`.
    ///
    /// Capacity is checked inside the committing transaction (an immediate one, which holds the
    /// write lock from the start), so two processes committing at once can never overfill an
    /// internship: the later one gets ``WorkspaceError/conflict(_:)`` and changes nothing.
    /// - Returns: the number of placements committed.
    @discardableResult
    public func commit(round: Int64, students: [String]? = nil) throws(WorkspaceError) -> Int {
        try writeImmediate { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM round WHERE id = ?)", arguments: [round]) == true else {
                throw WorkspaceError.notFound("no round \(round)")
            }
            var rows = try Row.fetchAll(
                db, sql: "SELECT student_id, internship_id, score, travel_min FROM placement WHERE round_id = ? AND internship_id IS NOT NULL ORDER BY student_id",
                arguments: [round])
            if let students {
                let wanted = Set(students)
                rows = rows.filter { wanted.contains($0["student_id"]) }
                let found = Set(rows.map { $0["student_id"] as String })
                if let missing = students.first(where: { !found.contains($0) }) {
                    throw WorkspaceError.notFound("round \(round) has no placement for student \(missing)")
                }
            }
            var committed = 0
            for row in rows {
                let s: String = row["student_id"], i: String = row["internship_id"]
                if let reason = try String.fetchOne(db, sql: "SELECT reason FROM ban WHERE student_id = ? AND internship_id = ?", arguments: [s, i]) {
                    throw WorkspaceError.conflict(
                        "\(s) x \(i) was banned after round \(round) (\(reason.isEmpty ? "no reason given" : reason)); run match for a new draft, or unban first")
                }
                if let existing = try String.fetchOne(db, sql: "SELECT internship_id FROM commitment WHERE student_id = ?", arguments: [s]) {
                    guard existing == i else {
                        throw WorkspaceError.conflict("student \(s) is already committed to \(existing)")
                    }
                    continue
                }
                let (capacity, support) = try Row.fetchOne(
                    db, sql: "SELECT capacity, support_capacity FROM internship WHERE id = ?", arguments: [i]).map { ($0[0] as Int, $0[1] as Int) } ?? (0, 0)
                let taken = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM commitment WHERE internship_id = ?", arguments: [i]) ?? 0
                guard taken < capacity else {
                    throw WorkspaceError.conflict("internship \(i) has no place left for \(s): \(taken) of \(capacity) are committed (another commit came first)")
                }
                let student = try Row.fetchOne(db, sql: "SELECT * FROM student WHERE id = ?", arguments: [s]).map(Records.student)
                if student?.needsIntensiveSupport == true {
                    let supported = try Row.fetchAll(
                        db, sql: "SELECT s.* FROM commitment c JOIN student s ON s.id = c.student_id WHERE c.internship_id = ?", arguments: [i]
                    ).map(Records.student).filter(\.needsIntensiveSupport).count
                    guard supported < support else {
                        throw WorkspaceError.conflict("internship \(i) has no support place left for \(s)")
                    }
                }
                try db.execute(
                    sql: "INSERT INTO commitment (student_id, internship_id, round_id, score, travel_min) VALUES (?, ?, ?, ?, ?)",
                    arguments: [s, i, round, row["score"], row["travel_min"]])
                try audit(db, action: "commit", subject: "\(s) -> \(i)", detail: "round \(round)")
                committed += 1
            }
            return committed
        }
    }

    /// Ends a committed placement (for example when it broke down). The student is placed again
    /// in the next round, and that round will not propose the same internship: the pair is banned
    /// with the reason, which `unban` lifts.
    public func release(student: String, reason: String) throws(WorkspaceError) {
        try write { db in
            guard let i = try String.fetchOne(db, sql: "SELECT internship_id FROM commitment WHERE student_id = ?", arguments: [student]) else {
                throw WorkspaceError.notFound("student \(student) has no committed placement")
            }
            try db.execute(sql: "DELETE FROM commitment WHERE student_id = ?", arguments: [student])
            try db.execute(sql: "DELETE FROM pin WHERE student_id = ?", arguments: [student])
            try db.execute(
                sql: "INSERT INTO ban (student_id, internship_id, reason) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason",
                arguments: [student, i, "released: \(reason)"])
            try audit(db, action: "release", subject: "\(student) from \(i)", reason: reason)
        }
    }

    /// The placements of `round` (the latest when nil), with committed ones marked; committed
    /// placements from earlier rounds are included.
    public func placements(round: Int64? = nil) throws(WorkspaceError) -> [Placement] {
        try read { db in
            let r = try round ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM round")
            var out: [String: Placement] = [:]
            if let r {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM placement WHERE round_id = ?", arguments: [r]) {
                    let s: String = row["student_id"]
                    out[s] = Placement(student: s, internship: row["internship_id"], score: row["score"],
                                       travelMinutes: row["travel_min"], committed: false)
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM commitment") {
                let s: String = row["student_id"]
                out[s] = Placement(student: s, internship: row["internship_id"], score: row["score"],
                                   travelMinutes: row["travel_min"], committed: true)
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

    func requireStudent(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM student WHERE id = ?)", arguments: [id]) == true else {
            throw WorkspaceError.notFound("no student \(id)")
        }
    }

    func requireInternship(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM internship WHERE id = ?)", arguments: [id]) == true else {
            throw WorkspaceError.notFound("no internship \(id)")
        }
    }

    func writeImmediate<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        do {
            return try db.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw WorkspaceError.database(path, "transaction produced no result") }
                return result
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, "\(error)")
        }
    }
}

import BPVDomain
import GRDB

extension Register {
    /// What `match` did: the round stored, who changed against the draft before it, and any
    /// internship over its places by held placements (only in a workspace made before the
    /// register; the round goes on around them).
    public struct MatchReport {
        public var summary: Workspace.RoundSummary
        /// Against the draft before; nil when there was none.
        public var changes: RoundChanges?
        public var overfills: [Overfill]
        public var session: RoundSession
        /// The date of the round before (the draft's day before this match), if it had one.
        public var previousDate: CalendarDate?
        /// How long each part took, in order: loading the register, building the candidate
        /// graph, solving, certifying, storing (for the shell's `timer`).
        public var phases: [(name: String, time: Duration)] = []
    }

    /// Solves the round cold (committed and pinned students where they are, banned pairs left
    /// out, everyone else placed optimally), certifies it, stores it as a round (the history of
    /// solves: settings, figures, who, when) and as the current draft, and reports the
    /// difference against the draft before.
    ///
    /// - Parameters:
    ///   - settings: weights for this round only (the workspace's when nil).
    ///   - date: the day to place students for (today when nil): only students available then,
    ///     only internships open then; the live round keeps that date until the next match.
    /// - Throws: ``WorkspaceError/cancelled`` when `shouldCancel` turned true (nothing is stored).
    /// - Complexity: a load, the candidate graph and a cold solve, O(students) row writes.
    @discardableResult
    public func match(settings given: MatchSettings? = nil, on date: CalendarDate? = nil) throws(WorkspaceError) -> MatchReport {
        // A retry keeps the region's lock (a register on a server) until the match is stored.
        defer { workspace.endChanges() }
        for _ in 0 ..< 3 {
            invalidate()
            let clock = ContinuousClock(), start = clock.now
            let day = date ?? .today
            var model = try load(on: day)
            if let given { model.settings = given }
            let hadDraft = hasDraft
            let (stored, previousDate) = try workspace.read { db in
                (try Self.storedDraft(db, on: day),
                 Records.date(try String.fetchOne(db, sql: "SELECT date FROM round ORDER BY id DESC LIMIT 1"), "the latest round"))
            }
            let loaded = clock.now
            let session: RoundSession
            let certified: ContinuousClock.Instant
            do {
                session = try RoundSession(model: model, shouldCancel: shouldCancel)
                // Every stored round is certified, in release builds too (O(arcs)).
                try session.certify()
                certified = clock.now
            } catch {
                throw Workspace.workspaceError(error, path: workspace.path)
            }
            let outcome = session.outcome
            // A Ctrl-C at any moment before the round is stored cancels it, also one that came
            // after the solver's last look (a small round solves before it checks).
            if shouldCancel?() == true { throw .cancelled }
            let expected = seen, generation = seenGeneration
            let placed = outcome.placedCount - outcome.fixed.count
            let freeScore = outcome.scoreOf.reduce(Int64(0)) { $0 + (outcome.fixed[$1.key] == nil ? Int64($1.value.total) : 0) }
            do {
                let (round, seq) = try workspace.writeImmediate { db in
                    guard try Self.latestSeq(db) == expected, workspace.mirrorGeneration.current == generation else {
                        throw WorkspaceError.changedElsewhere
                    }
                    try RoundRecord(user: workspace.user, settings: Workspace.encode(outcome.settings), placed: placed,
                                    unplaced: outcome.unplaced.count, totalScore: freeScore, date: model.date).insert(db)
                    let round = db.lastInsertedRowID
                    // The round's placements: one row per student, the bulk of a match's writes,
                    // through one prepared statement rather than a record each, bound straight
                    // into SQLite (``BulkInsert``: GRDB's argument arrays were most of it).
                    let insert = try BulkInsert(db, table: "placement", names: ["round_id", "student_id", "internship_id", "score", "travel_min"],
                                                columns: [0, 1, 2, 3, 4])
                    func cell(_ n: Int?) -> WorkspaceTables.Value { n.map { .integer(Int64($0)) } ?? .null }
                    for s in model.students.map(\.studentID) where model.commitments[s] == nil {
                        let score = outcome.scoreOf[s]
                        try insert.insert([.integer(round), .text(s.value), outcome.internshipOf[s].map { .text($0.value) } ?? .null,
                                           cell(score?.total), cell(score?.travelMinutes)])
                    }
                    // A register on a server writes the round and its placements meanwhile, and
                    // the draft's rows a part at a time.
                    try workspace.handOnSoFar(db)
                    let seq = try workspace.audit(db, action: "match", subject: "round \(round)",
                        detail: "\(placed) placed, \(outcome.unplaced.count) unplaced, \(outcome.fixed.count) fixed by pins or commitments")
                    try Self.writeDraft(db, students: Self.differing(stored, outcome), model: model, outcome: outcome, seq: seq,
                                        handOn: workspace.handOnSoFar)
                    // Held rows keep their status; their scores follow the round's weights.
                    for (s, _) in outcome.fixed {
                        let score = outcome.scoreOf[s]
                        try db.execute(sql: "UPDATE register SET score = ?, travel_min = ? WHERE student_id = ? AND phase = ?",
                                       arguments: [score?.total, score?.travelMinutes, s.value, Self.phase(of: s, model)])
                    }
                    return (round, seq)
                }
                // The stored draft is the previous draft from now on: moving away from it costs
                // the stability weight (applied to the live round on its next use).
                adopt(session, seen: seq, rebase: outcome.internshipOf.filter { model.commitments[$0.key] == nil })
                let summary = Workspace.RoundSummary(
                    round: round, placed: placed, unplaced: outcome.unplaced.count, committedBefore: outcome.fixed.count,
                    totalScore: freeScore, dimacsObjective: outcome.dimacsObjective)
                let changes = hadDraft
                    ? RoundChanges(before: stored, after: outcome.internshipOf, students: Set(stored.keys).union(outcome.internshipOf.keys),
                                   placed: (stored.count, outcome.placedCount), score: (0, outcome.totalScore))
                    : nil
                let solved = session.coldTimes.graph + session.coldTimes.solve
                let phases: [(name: String, time: Duration)] = [
                    ("load", loaded - start), ("graph", session.coldTimes.graph), ("solve", session.coldTimes.solve),
                    ("certify", certified - loaded - solved), ("store", clock.now - certified),
                ]
                return MatchReport(summary: summary, changes: changes, overfills: model.overfills(), session: session,
                                   previousDate: previousDate, phases: phases)
            } catch {
                invalidate()
                if error == .changedElsewhere { continue }
                throw error
            }
        }
        throw .refused(.keptChangingDuringMatch)
    }

    /// The stored register on `date`: student → internship (draft and held), the rows in
    /// effect that day (see ``RegisterRows``).
    static func storedDraft(_ db: Database, on date: CalendarDate?) throws -> [StudentID: InternshipID] {
        try RegisterRows(db, on: date).inEffect.mapValues(\.internship)
    }
}

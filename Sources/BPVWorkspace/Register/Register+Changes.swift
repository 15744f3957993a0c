import BPVDomain
import GRDB

/// The changes a coordinator or job coach makes, each one ``RoundChange`` sent through
/// ``Register/apply(_:retry:persist:)``: the domain checks it, the live round follows it, and
/// the closure here stores the change's own rows and its audit entry.
extension Register {
    /// Fixes a student at an internship (a place the student found). Refused at an internship
    /// whose places or support places are all held, on a banned pair, for a committed student.
    @discardableResult
    public func pin(student s: StudentID, internship i: InternshipID, reason: String) throws(WorkspaceError) -> RoundChanges? {
        try apply(.pin(student: s, internship: i)) { db, after, outcome in
            try self.hold(db, s, at: i, as: .pinned, logged: "pin", reason: reason, after, outcome)
        }
    }

    @discardableResult
    public func unpin(student s: StudentID, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        try apply(.unpin(student: s)) { db, _, _ in
            _ = try RegisterRow.filter(Column("student_id") == s.value && Column("status") == Workspace.Status.pinned.rawValue).deleteAll(db)
            return try self.workspace.audit(db, action: "unpin", subject: s.value, reason: reason, student: s.value)
        }
    }

    /// Rules a pair out of every later round. Refused on a pinned or committed pair.
    @discardableResult
    public func ban(student s: StudentID, internship i: InternshipID, reason: String) throws(WorkspaceError) -> RoundChanges? {
        try apply(.ban(student: s, internship: i)) { db, _, _ in
            try BanRecord.put(db, Pair(s, i), reason: reason)
            return try self.workspace.audit(db, action: "ban", subject: "\(s) x \(i)", reason: reason, student: s.value, internship: i.value)
        }
    }

    @discardableResult
    public func unban(student s: StudentID, internship i: InternshipID, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        try apply(.unban(student: s, internship: i)) { db, _, _ in
            try BanRecord.remove(db, Pair(s, i))
            return try self.workspace.audit(db, action: "unban", subject: "\(s) x \(i)", reason: reason, student: s.value, internship: i.value)
        }
    }

    /// Writes a held row (pinned, proposed) of the register.
    /// Holds `s` at `i` (a pin or a proposal) and logs it as `action`: the one write both share.
    /// - Returns: the audit entry's sequence number.
    func hold(_ db: Database, _ s: StudentID, at i: InternshipID, as status: Workspace.Status, logged action: String, reason: String?,
              _ after: RoundModel, _ outcome: RoundOutcome?) throws -> Int64 {
        let seq = try workspace.audit(db, action: action, subject: "\(s) -> \(i)", reason: reason, student: s.value, internship: i.value)
        try RegisterRow(s, phase: Self.phase(of: s, after), at: i, status, reason: reason, score: outcome?.scoreOf[s], seq: seq).write(db)
        return seq
    }

    /// The register row a change of `student` writes: the next placement's (1) while the
    /// current one ended before the round's date (``RoundModel/ending``), else the current one's (0).
    static func phase(of student: StudentID, _ model: RoundModel) -> Int { model.ending[student] == nil ? 0 : 1 }

    /// Ends an agreed or active placement because it broke down (the short form of
    /// `end STUDENT broke_down REASON`): the draft places the student again at once, never at
    /// that employer (its internships are banned for the student, which `unban` lifts).
    @discardableResult
    public func release(student s: StudentID, reason: String) throws(WorkspaceError) -> RoundChanges? {
        try end(student: s, outcome: .brokeDown, reason: reason)
    }

    /// Makes the draft this view shows agreed: every placed student who is not agreed yet
    /// (draft, pinned or proposed), or the students named. Refused whole when another process changed the workspace since this
    /// view last read it (the user would commit a draft they never saw), naming who changed what.
    ///
    /// - Parameter round: when given, also refused unless the draft is still exactly round
    ///   `round` as `match` stored it (nothing changed since).
    /// - Returns: the number of placements committed.
    @discardableResult
    public func commit(students: [StudentID]?, round: Int64? = nil, reason: String? = nil) throws(WorkspaceError) -> Int {
        if seen >= 0, try isStale() { throw try staleRefusal() }
        let before = seen
        let session = try current()
        if before >= 0, seen != before { throw try staleRefusal(since: before) }
        guard hasDraft else { throw .refused(.noDraft) }
        if let round { try requireUnchanged(since: round) }
        let model = session.model, outcome = session.outcome
        var placements: [StudentID: InternshipID] = [:]
        if let students {
            for s in students {
                guard model.student(s) != nil else { throw .refused(.noStudent(s.value)) }
                guard let i = outcome.internshipOf[s] else { throw .refused(.noDraftPlaceToCommit(s)) }
                if model.commitments[s] == nil { placements[s] = i }
            }
        } else {
            for (s, i) in outcome.internshipOf where model.commitments[s] == nil { placements[s] = i }
        }
        guard !placements.isEmpty else { return 0 }
        let roundID = try workspace.latestRound()
        try apply(.commit(placements), retry: false) { db, after, outcome in
            var seq: Int64 = 0
            for (s, i) in placements.sorted(by: { $0.key < $1.key }) {
                seq = try self.workspace.audit(db, action: "commit", subject: "\(s) -> \(i)", detail: roundID.map { "draft after round \($0)" } ?? "",
                                                reason: reason, student: s.value, internship: i.value)
                // Agreed from the draft or the proposal: the row keeps its reason and dates.
                let phase = Self.phase(of: s, after), score = outcome?.scoreOf[s]
                var row = try RegisterRow.find(db, s, phase: phase) ?? RegisterRow(s, phase: phase, at: i, .agreed, score: score, seq: seq)
                (row.internshipID, row.status, row.roundID, row.score, row.travelMin, row.seq) = (i.value, .agreed, roundID, score?.total, score?.travelMinutes, seq)
                try row.write(db)
            }
            return seq
        }
        return placements.count
    }

    /// Refuses unless nothing changed the workspace after round `round` was stored.
    private func requireUnchanged(since round: Int64) throws(WorkspaceError) {
        let entries = try workspace.read { db in
            guard let at = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit WHERE action = 'match' AND subject = ?", arguments: ["round \(round)"]) else {
                throw WorkspaceError.refused(.noRound(round))
            }
            return try AuditEntry.after(at).fetchAll(db)
        }
        guard entries.isEmpty else {
            throw .refused(.changedSinceRound(round, entries.prefix(5).map(\.changeBy), more: max(entries.count - 5, 0)))
        }
    }

    /// Changes one setting of one student (a longer travel limit); `default` puts the imported
    /// value back.
    @discardableResult
    public func set(_ name: String, of s: StudentID, to value: String, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        guard let setting = StudentSetting(rawValue: name) else {
            throw .refused(.unknownStudentSetting(name))
        }
        guard var imported = try workspace.importedStudent(s.value) else { throw .refused(.noStudent(s.value)) }
        let original = setting.value(of: imported)
        let normalized: String
        if value == "default" {
            normalized = original
        } else {
            do { try setting.apply(value, to: &imported) } catch { throw .refused(error.refusal) }
            normalized = setting.value(of: imported)
        }
        return try apply(.studentSetting(student: s, setting, value: normalized)) { db, _, _ in
            let old = try StudentSettingRecord.put(db, s, name, normalized == original ? nil : normalized)
            return try self.workspace.audit(db, action: normalized == original ? "reset" : "set", subject: "\(s) \(name)",
                                            detail: "\(old ?? "imported") -> \(normalized == original ? "imported (\(original))" : normalized)",
                                            reason: reason, student: s.value)
        }
    }

    /// Changes an internship's places or support places (support places never exceed places).
    /// Refused when the students holding places there would no longer fit.
    /// - Returns: who moved, and the places and support places after the change.
    @discardableResult
    public func set(_ name: String, ofInternship i: InternshipID, to value: String, reason: String? = nil)
        throws(WorkspaceError) -> (moved: RoundChanges?, places: Int, support: Int)
    {
        guard Workspace.internshipSettingNames.contains(name) else {
            throw .refused(.unknownInternshipSetting(name, known: Workspace.internshipSettingNames))
        }
        guard let n = Int(value), Places.range.contains(n) else {
            throw .refused(.placesRange(setting: name, value: value))
        }
        guard let old = try currentModel().internship(i) else { throw .refused(.noInternship(i.value)) }
        let now = name == "capacity" ? Places(n, support: old.supportCapacity) : Places(old.capacity, support: n)
        let moved = try setPlaces(of: i, places: now.count, support: now.support, reason: reason)
        return (moved, now.count, now.support)
    }

    /// Sets an internship's places and support places at once (also what `undo` uses).
    @discardableResult
    public func setPlaces(of i: InternshipID, places: Int, support: Int, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        try apply(.places(internship: i, places: places, support: support)) { db, _, _ in
            guard var record = try InternshipRecord.fetchOne(db, key: i.value) else { throw WorkspaceError.refused(.noInternship(i.value)) }
            let before = record.internship.places
            record.internship.places = Places(places, support: support)
            try record.update(db, columns: ["capacity", "support_capacity"])
            return try self.workspace.audit(db, action: "set", subject: "\(i) places",
                                            detail: "\(before.count) (\(before.support) support) -> \(places) (\(support) support)",
                                            reason: reason, internship: i.value)
        }
    }

    /// Changes one of the workspace's weights or limits for every later round; the draft is
    /// solved again with it.
    @discardableResult
    public func set(_ name: String, to value: String, reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        guard let setting = MatchSetting(rawValue: name) else { throw .refused(MatchSetting.unknown(name)) }
        let v: Double
        do { v = try setting.validate(value) } catch { throw .refused(error.refusal) }
        var settings = try currentModel().settings
        setting.set(v, in: &settings)
        let isDefault = setting.value(in: MatchSettings()) == setting.value(in: settings)
        return try apply(.settings(settings)) { db, _, _ in
            let old = try SettingRecord.put(db, name, value == "default" ? nil : "\(v)")
            if value == "default" {
                return try self.workspace.audit(db, action: "reset", subject: name, detail: "\(old ?? "default") -> default", reason: reason)
            }
            return try self.workspace.audit(db, action: "set", subject: name, detail: "\(old ?? "default") -> \(v)\(isDefault ? " (the default)" : "")", reason: reason)
        }
    }

    // MARK: Imports

    /// Adds students and updates those whose id exists, in one transaction with the draft
    /// solved again. Refused whole when an update would leave held placements over an
    /// internship's support places (a committed student who now needs a job coach).
    @discardableResult
    public func importStudents(_ students: [Student], from source: String) throws(WorkspaceError) -> (summary: Workspace.ImportSummary, moved: RoundChanges?) {
        let overrides = try workspace.studentSettings()
        let applied = try students.map { (s) throws(WorkspaceError) -> Student in
            var s = s
            for (name, value) in overrides[s.id.value] ?? [:] {
                guard let setting = StudentSetting(rawValue: name) else { continue }
                try? setting.apply(value, to: &s)
            }
            return s
        }
        var summary = Workspace.ImportSummary(added: 0, updated: 0)
        let moved = try apply(.records(students: applied, internships: [])) { db, _, _ in
            summary = try self.workspace.upsert(db, students: students, source: source)
            return try Self.latestSeq(db)
        }
        return (summary, moved)
    }

    /// Adds internships and updates those whose id exists, in one transaction with the draft
    /// solved again. Refused whole when an update lowers places or support places below the
    /// students holding them.
    @discardableResult
    public func importInternships(_ internships: [Internship], from source: String) throws(WorkspaceError) -> (summary: Workspace.ImportSummary, moved: RoundChanges?) {
        var summary = Workspace.ImportSummary(added: 0, updated: 0)
        let moved = try apply(.records(students: [], internships: internships)) { db, _, _ in
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM employer"))
            let unknown = internships.filter { $0.employerID.map { !known.contains($0) } ?? false }
            if let first = unknown.first {
                throw WorkspaceError.refused(.unknownEmployers(count: unknown.count, first: first.id.value, employer: first.employerID ?? ""))
            }
            summary = try self.workspace.upsert(db, internships: internships, source: source)
            return try Self.latestSeq(db)
        }
        return (summary, moved)
    }
}

extension Register {
    /// Stores a router's measured travel times (each journey replaces the one stored for the
    /// same areas and mode, if any) in one transaction with the draft solved again with them,
    /// audited.
    /// - Returns: how many journeys were new and how many replaced, and who moved.
    @discardableResult
    public func importTravelTimes(_ journeys: [MeasuredTravel.Journey: Int], from source: String)
        throws(WorkspaceError) -> (summary: Workspace.ImportSummary, moved: RoundChanges?)
    {
        var settings = try currentModel().settings
        var all = settings.measuredTravel.minutes
        var summary = Workspace.ImportSummary(added: 0, updated: 0)
        for (j, m) in journeys {
            if all.updateValue(m, forKey: j) == nil { summary.added += 1 } else { summary.updated += 1 }
        }
        settings.measuredTravel = MeasuredTravel(all)
        let moved = try apply(.settings(settings)) { db, _, _ in
            for (j, m) in journeys {
                try db.execute(sql: """
                    INSERT INTO travel_time (from_pc, to_pc, mode, minutes) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET minutes = excluded.minutes
                    """, arguments: [j.from.number, j.to.number, j.mode.rawValue, m])
            }
            return try self.workspace.audit(db, action: "import", subject: "travel-times",
                                            detail: "\(summary.added) added, \(summary.updated) updated from \(source)")
        }
        return (summary, moved)
    }
}

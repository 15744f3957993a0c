import BPVDomain
import GRDB

/// The workspace's one placement register, as one user (a shell, or one `bpv` command) sees it:
/// the pins, the commitments and the current draft, kept in one table (`register`), and the
/// live round that keeps the draft optimal.
///
/// Every change (pin, unpin, ban, unban, release, commit, a student's setting, an internship's
/// places, an import, the weights) is one ``RoundChange``. ``apply(_:persist:)`` sends it
/// through the domain, which refuses it whole when it breaks a rule
/// (``RoundModel/apply(_:)`` is the one home of the rules), repairs the live round, and then
/// writes the change, its audit entry and the draft rows that changed in one IMMEDIATE
/// transaction. That transaction first checks that nobody changed the workspace since this view
/// last read it (the latest audit entry, which every change appends); if somebody did, the
/// change is checked again against the newer state. So what the shell shows is what is stored,
/// a second coach or a new process sees exactly that draft, and no sequence of changes can
/// leave a held placement over an internship's places.
///
/// ```swift
/// let register = Register(workspace: try Workspace(path: "bpv.sqlite"))
/// let moved = try register.pin(student: "GV-072", internship: "GVI-013", reason: "found it herself")
/// try register.commit(students: nil)
/// ```
public final class Register {
    public let workspace: Workspace
    let shouldCancel: (@Sendable () -> Bool)?
    /// The round as of ``seen``: solved when first needed, then repaired by every change.
    private var live: RoundSession?
    /// The model as of ``seen`` when no round is live (before the first solve of this view).
    private var model: RoundModel?
    /// The latest audit entry this view has taken in; -1 before it read anything.
    public private(set) var seen: Int64 = -1
    /// The mirror's generation (``Workspace/mirrorGeneration``) as of ``seen``: on a region's
    /// server, another school's pupil can take a place without an audit entry this user sees.
    var seenGeneration = 0
    /// Whether the workspace has a draft (a round was matched): only then are draft rows written.
    private(set) var hasDraft = false
    /// Students whose stored draft row differs from the live round (after a fresh load, which
    /// may break ties differently); written with the next change.
    private var dirty = Set<StudentID>()
    /// The draft a match just stored, which the live round must take as its previous draft
    /// (``RoundSession/rebase(on:)``) before its next use: done then rather than in the match,
    /// so that `bpv match` on the command line, which ends right after, never pays for it.
    private var pendingRebase: [StudentID: InternshipID]?

    public init(workspace: Workspace, shouldCancel: (@Sendable () -> Bool)? = nil) {
        self.workspace = workspace
        self.shouldCancel = shouldCancel
    }

    // MARK: Reading

    /// Whether another process changed the workspace since this view read it.
    /// - Complexity: one indexed query.
    public func isStale() throws(WorkspaceError) -> Bool {
        try workspace.read { db in try Self.latestSeq(db) } != seen || workspace.mirrorGeneration.current != seenGeneration
    }

    /// The round as it stands, solved cold when this view has none or the workspace changed
    /// elsewhere since (then reloaded).
    /// - Complexity: O(1) when up to date; else a load and a cold solve.
    public func current() throws(WorkspaceError) -> RoundSession {
        if let live, try !isStale(), settled(live) { return live }
        let model = try load()
        let session: RoundSession
        do {
            session = try RoundSession(model: model, shouldCancel: shouldCancel)
        } catch {
            throw Workspace.workspaceError(error, path: workspace.path)
        }
        live = session
        self.model = nil
        dirty = hasDraft ? try differences(from: session.outcome, on: model.date) : []
        return session
    }

    /// The live round if there is an up-to-date one (never solves).
    public var liveSession: RoundSession? {
        guard let live, (try? isStale()) == false, settled(live) else { return nil }
        return live
    }

    /// Applies a pending rebase to the live round; false (and the round forgotten, to be
    /// solved again) when it fails.
    private func settled(_ live: RoundSession) -> Bool {
        guard let placements = pendingRebase else { return true }
        pendingRebase = nil
        do {
            try live.rebase(on: placements)
            return true
        } catch {
            invalidate()
            return false
        }
    }

    /// The model as it stands, without solving: the live round's when up to date.
    /// - Complexity: O(1) when up to date; else a load.
    public func currentModel() throws(WorkspaceError) -> RoundModel {
        if try !isStale() {
            if let live, settled(live) { return live.model }
            if let model { return model }
        }
        live = nil
        let loaded = try load()
        model = loaded
        return loaded
    }

    /// Makes `session` the live round as of audit entry `seq` (after a match stored it).
    func adopt(_ session: RoundSession, seen seq: Int64, rebase placements: [StudentID: InternshipID]? = nil) {
        live = session
        pendingRebase = placements
        model = nil
        seen = seq
        seenGeneration = workspace.mirrorGeneration.current
        hasDraft = true
        dirty = []
    }

    /// Forgets the live round; the next use loads and solves again.
    public func invalidate() {
        live = nil
        pendingRebase = nil
        model = nil
    }

    /// Reads the model (on `date`, else on the register's date) and the latest audit entry in
    /// one read transaction.
    func load(on date: CalendarDate? = nil) throws(WorkspaceError) -> RoundModel {
        let (model, seq, hasDraft) = try workspace.read { db in
            (try workspace.roundModel(db, on: date), try Self.latestSeq(db), try Self.hasRound(db))
        }
        seen = seq
        seenGeneration = workspace.mirrorGeneration.current
        self.hasDraft = hasDraft
        return model
    }

    /// Students whose stored draft row differs from `outcome`.
    private func differences(from outcome: RoundOutcome, on date: CalendarDate?) throws(WorkspaceError) -> Set<StudentID> {
        Self.differing(try workspace.read { db in try Self.storedDraft(db, on: date) }, outcome)
    }

    /// Students placed differently (or placed in one and not the other) in `stored` and `outcome`.
    /// - Complexity: O(students placed in either).
    static func differing(_ stored: [StudentID: InternshipID], _ outcome: RoundOutcome) -> Set<StudentID> {
        var out = Set<StudentID>()
        for (s, i) in stored where outcome.internshipOf[s] != i { out.insert(s) }
        for (s, i) in outcome.internshipOf where stored[s] != i { out.insert(s) }
        return out
    }

    // MARK: Changing

    /// Sends one change through the domain and stores it: validated against the current state,
    /// the live round repaired (or, before any round, only the model changed), then `persist`
    /// (the change's own rows and its audit entry, returning that entry's number) and the
    /// changed draft rows in one IMMEDIATE transaction.
    ///
    /// - Parameter retry: when another process changed the workspace since this view read it,
    ///   check the change again against the newer state (true), or refuse (false: a commit of
    ///   the draft the user saw).
    /// - Returns: who moved in the draft; nil when there is no live round.
    /// - Throws: ``WorkspaceError/refused(_:)`` with the domain's reason and way out; the
    ///   workspace and this view are unchanged then.
    /// - Complexity: the repair plus O(moved students) row writes; a load and a cold solve when
    ///   the workspace changed elsewhere.
    @discardableResult
    func apply(_ change: RoundChange, retry: Bool = true, persist: (Database, _ after: RoundModel, _ outcome: RoundOutcome?) throws -> Int64)
        throws(WorkspaceError) -> RoundChanges?
    {
        // A change found stale under the region's lock (a register on a server) keeps the lock
        // for its retry, which then cannot be overtaken again; let go here.
        defer { workspace.endChanges() }
        for attempt in 0 ..< 3 {
            let stale = try isStale()
            if attempt > 0 || stale {
                if !retry { throw try staleRefusal() }
                invalidate()
            }
            let before = seen
            let useSession = live != nil || (try? currentModelIsDraft()) == true
            var moved: RoundChanges?
            let after: RoundModel
            var outcome: RoundOutcome?
            if useSession {
                let session = try current()
                do {
                    moved = try session.apply(change, shouldCancel: shouldCancel)
                } catch {
                    throw workspace.workspaceError(error)
                }
                after = session.model
                outcome = session.outcome
            } else {
                var m = try currentModel()
                do { try m.apply(change) } catch { throw workspace.workspaceError(error) }
                after = m
            }
            // Without retries, the change must be made on exactly the state this view had: a
            // reload on the way (another process wrote in between) is a refusal too.
            if !retry, before >= 0, seen != before { throw try staleRefusal(since: before) }
            let writeDraft = hasDraft
            let expected = seen, generation = seenGeneration
            let draftRows = Set(moved?.moves.map(\.student) ?? []).union(change.students).union(dirty)
            do {
                let seq = try workspace.writeImmediate { db in
                    guard try Self.latestSeq(db) == expected, workspace.mirrorGeneration.current == generation else {
                        throw WorkspaceError.changedElsewhere
                    }
                    let seq = try persist(db, after, outcome)
                    if writeDraft, let outcome {
                        try Self.writeDraft(db, students: draftRows, model: after, outcome: outcome, seq: seq)
                    }
                    return try Self.latestSeq(db)
                }
                seen = seq
                dirty = []
                if !useSession { model = after }
                return moved
            } catch {
                // The live round took a change the workspace did not: forget it.
                invalidate()
                if error == .changedElsewhere { continue }
                throw error
            }
        }
        throw .refused(.keptChanging)
    }

    /// Whether a change should go through the live round: there is a draft to keep up to date.
    private func currentModelIsDraft() throws(WorkspaceError) -> Bool {
        if seen < 0 { _ = try currentModel() }
        return hasDraft
    }

    /// What others changed since this view last read the workspace, as a refusal.
    func staleRefusal(since given: Int64? = nil) throws(WorkspaceError) -> WorkspaceError {
        let since = given ?? seen
        let entries = try workspace.read { db in
            try AuditEntry.after(since).fetchAll(db)
        }
        invalidate()
        return .refused(.changedSinceSeen(entries.prefix(5).map(\.changeBy), more: max(entries.count - 5, 0)))
    }

    /// How many students' draft rows a match writes between two hand-ons (``writeDraft``).
    static let draftPart = 5_000

    static func time(_ at: String) -> String { String(at.prefix(19).map { $0 == "T" ? " " : $0 }) }

    /// Writes the draft rows of `students`: a row for each one the round places who holds
    /// nothing, none for the unplaced. Held rows (pinned, committed) are the change's own.
    /// `handOn` is called after every ``draftPart`` students (a match's, on a region's server:
    /// the server writes those rows while the rest are made).
    static func writeDraft(
        _ db: Database, students: Set<StudentID>, model: RoundModel, outcome: RoundOutcome, seq: Int64,
        handOn: ((Database) throws -> Void)? = nil
    ) throws {
        for (k, s) in students.sorted().enumerated() {
            if let handOn, k > 0, k % Self.draftPart == 0 { try handOn(db) }
            if model.fixedInternship(of: s) != nil { continue }
            let phase = Self.phase(of: s, model)
            if let i = outcome.internshipOf[s] {
                try RegisterRow(s, phase: phase, at: i, .draft, score: outcome.scoreOf[s], seq: seq).write(db)
            } else {
                try RegisterRow.remove(db, s, phase: phase)
            }
        }
    }

    /// Records in the audit log that data left the workspace (an export, the report): who wrote
    /// what where. A view that was up to date stays so (the entry changes nothing it holds), so
    /// the live round is not solved again because of it.
    /// - Complexity: one small write transaction.
    public func exported(_ what: String, to file: String, detail: String) throws(WorkspaceError) {
        let before = seen
        let (previous, latest) = try workspace.writeImmediate { db in
            let previous = try Self.latestSeq(db)
            _ = try self.workspace.audit(db, action: "export \(what)", subject: file, detail: detail)
            return (previous, try Self.latestSeq(db))
        }
        if before >= 0, previous == before { seen = latest }
    }

    static func latestSeq(_ db: Database) throws -> Int64 { try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit") ?? 0 }
    static func hasRound(_ db: Database) throws -> Bool { try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM round)") ?? false }
}

extension Register {
    /// What an audit entry is about, to find who changed it.
    public enum Subject: Sendable {
        case student(StudentID)
        case pair(StudentID, InternshipID)
        case internship(InternshipID)
        case setting(String)
    }

    /// The latest change about `subject` after audit entry `seq`, by anyone.
    /// - Complexity: a scan of the audit entries after `seq`.
    public func lastChange(after seq: Int64, about subject: Subject) throws(WorkspaceError) -> AuditEntry? {
        try workspace.read { db in
            let student = Column("student_id"), internship = Column("internship_id")
            let about: SQLExpression = switch subject {
            case .student(let s): student == s.value
            case .pair(let s, let i): student == s.value && internship == i.value
            case .internship(let i): internship == i.value && student == nil
            case .setting(let name): Column("subject") == name && student == nil
            }
            return try AuditEntry.after(seq).filter(about).order(Column("seq").desc).fetchOne(db)
        }
    }
}

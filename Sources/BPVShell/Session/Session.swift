import BPVDomain
import BPVWorkspace

/// What a shell session holds besides the workspace: the live round (solved cold once, then
/// kept optimal incrementally by every tweak: see ``RoundSession``), the undo history of this
/// session, and the `timer` switch.
///
/// The live round follows this session's own changes. When another process changes the
/// workspace (SQLite's `data_version` moves), or a change cannot be followed incrementally (a
/// weight, an import), it is dropped and solved cold again on next use.
public final class Session {
    public let workspace: Workspace
    public let console: Console
    /// Polled by long computations; true after Ctrl-C.
    let shouldCancel: @Sendable () -> Bool
    var timer = false
    private(set) var undoSteps: [UndoStep] = []
    private var live: RoundSession?
    private var liveVersion: Int64?
    /// Student and internship ids, for completion; refreshed after an import.
    private var ids: (students: [String], internships: [String])?

    public init(workspace: Workspace, console: Console, shouldCancel: @escaping @Sendable () -> Bool = { false }) {
        self.workspace = workspace
        self.console = console
        self.shouldCancel = shouldCancel
    }

    /// The live round: the round `match` would store now.
    func current() throws(ShellError) -> RoundSession {
        let version = try shell { () throws(WorkspaceError) in try workspace.dataVersion() }
        if let live, liveVersion == version { return live }
        let model = try model()
        let session: RoundSession
        do {
            session = try RoundSession(model: model, shouldCancel: shouldCancel)
        } catch {
            throw ShellError(Workspace.workspaceError(error, path: workspace.path).description)
        }
        live = session
        liveVersion = version
        return session
    }

    /// The round model: the live round's when it is up to date (no database reads, which at
    /// 30,000 students cost more than the repair), else the workspace's.
    func currentModel() throws(ShellError) -> RoundModel {
        if let live, liveVersion == (try? workspace.dataVersion()) { return live.model }
        return try model()
    }

    /// The live round's outcome, when there is an up-to-date one (never solves).
    var liveOutcome: RoundOutcome? {
        guard let live, liveVersion == (try? workspace.dataVersion()) else { return nil }
        return live.outcome
    }

    /// Follows a change this session made to the workspace in the live round, incrementally.
    /// - Returns: who moved, or nil when there is no live round (before the first use).
    func follow(_ change: RoundChange) -> RoundChanges? {
        guard let live else { return nil }
        // Another process changed the workspace: the live round no longer describes it.
        guard liveVersion == (try? workspace.dataVersion()) else {
            self.live = nil
            return nil
        }
        do {
            return try live.apply(change)
        } catch {
            // The workspace took the change; the next use solves it cold and reports any problem.
            self.live = nil
            return nil
        }
    }

    /// The workspace's round model.
    func model() throws(ShellError) -> RoundModel {
        try shell { () throws(WorkspaceError) in try workspace.roundModel() }
    }

    /// Prints who moved in the live round after a tweak, and why.
    func report(_ changes: RoundChanges?, cause: RoundChange?) {
        guard let live, let changes else { return }
        for line in Describe.moved(changes, live.model, cause: cause, style: console.style) { console.print(line) }
    }

    /// Forgets the live round (after a change it cannot follow incrementally).
    func invalidate(ids changedIDs: Bool = false) {
        live = nil
        if changedIDs { ids = nil }
    }

    /// Records how to reverse a change, for `undo`, and the round change that reversal is.
    func recordUndo(_ description: String, follow change: RoundChange? = nil,
                    _ revert: @escaping (Workspace) throws(WorkspaceError) -> Void) {
        undoSteps.append(UndoStep(description: description, change: change, revert: revert))
    }

    func popUndo() -> UndoStep? { undoSteps.popLast() }

    func studentIDs() -> [String] { loadIDs().students }
    func internshipIDs() -> [String] { loadIDs().internships }

    private func loadIDs() -> (students: [String], internships: [String]) {
        if let ids { return ids }
        let loaded = ((try? workspace.students().map(\.id.value)) ?? [], (try? workspace.internships().map(\.id.value)) ?? [])
        ids = loaded
        return loaded
    }

    /// Runs a workspace call, turning its error into the shell's.
    func shell<T>(_ body: () throws(WorkspaceError) -> T) throws(ShellError) -> T {
        do { return try body() } catch { throw ShellError(error.description) }
    }
}

/// How to reverse one change of this session.
struct UndoStep {
    var description: String
    /// The reversal as a round change the live round can follow; nil when it cannot.
    var change: RoundChange?
    var revert: (Workspace) throws(WorkspaceError) -> Void
}

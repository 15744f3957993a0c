import BPVDomain
import BPVWorkspace

/// What a shell session holds besides the workspace: the round as it stands now (solved once,
/// reused by `why`, `why-not`, `try`, `unplaced` and `stats` until something changes), the
/// undo history of this session, and the `timer` switch.
public final class Session {
    public let workspace: Workspace
    public let console: Console
    /// Polled by long computations; true after Ctrl-C.
    let shouldCancel: @Sendable () -> Bool
    var timer = false
    private(set) var undoSteps: [UndoStep] = []
    private var live: (model: RoundModel, outcome: RoundOutcome)?
    /// Student and internship ids, for completion; refreshed after an import.
    private var ids: (students: [String], internships: [String])?

    public init(workspace: Workspace, console: Console, shouldCancel: @escaping @Sendable () -> Bool = { false }) {
        self.workspace = workspace
        self.console = console
        self.shouldCancel = shouldCancel
    }

    /// The round as `match` would compute it now, solved on first use and kept until a change.
    func current() throws(ShellError) -> (model: RoundModel, outcome: RoundOutcome) {
        if let live { return live }
        let model = try model()
        let outcome = try solve(model)
        live = (model, outcome)
        return (model, outcome)
    }

    /// Keeps a round just solved (by `match`) as the current one.
    func adopt(_ model: RoundModel, _ outcome: RoundOutcome) { live = (model, outcome) }

    /// The workspace's round model.
    func model() throws(ShellError) -> RoundModel {
        try shell { () throws(WorkspaceError) in try workspace.roundModel() }
    }

    /// Solves a model, stoppable with Ctrl-C (the shell shows the progress line around the command).
    func solve(_ model: RoundModel) throws(ShellError) -> RoundOutcome {
        do {
            return try model.solve(shouldCancel: shouldCancel)
        } catch {
            throw ShellError(Workspace.workspaceError(error, path: workspace.path).description)
        }
    }

    /// Forgets the current round (after anything that changes the workspace).
    func invalidate(ids changedIDs: Bool = false) {
        live = nil
        if changedIDs { ids = nil }
    }

    /// Records how to reverse a change, for `undo`.
    func recordUndo(_ description: String, _ revert: @escaping (Workspace) throws(WorkspaceError) -> Void) {
        undoSteps.append(UndoStep(description: description, revert: revert))
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
    var revert: (Workspace) throws(WorkspaceError) -> Void
}

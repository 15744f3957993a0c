import BPVDomain
import BPVGeography
import BPVWorkspace
import Foundation

/// What a shell session holds besides the workspace: its view of the placement register (the
/// live round, solved cold once, then kept optimal by every change: see ``Register``), the undo
/// history of this session, and the `timer` switch.
///
/// Every change goes through the register, which checks it, stores it with the changed draft
/// rows, and keeps the live round; when another process changed the workspace, the register
/// reads it again first.
public final class Session {
    public let workspace: Workspace
    public let register: Register
    public let console: Console
    /// Polled by long computations; true after Ctrl-C.
    let shouldCancel: @Sendable () -> Bool
    var timer = false
    /// What the last command's parts took, shown after its time when `timer` is on (a match's
    /// load, graph, solve, certify and store); cleared before every line.
    var phases: [(name: String, time: Duration)] = []
    private(set) var undoSteps: [UndoStep] = []
    /// Student and internship ids, for completion; refreshed after an import.
    private var ids: (students: [String], internships: [String])?

    public init(workspace: Workspace, console: Console, shouldCancel: @escaping @Sendable () -> Bool = { false }) {
        self.workspace = workspace
        self.console = console
        self.shouldCancel = shouldCancel
        register = Register(workspace: workspace, shouldCancel: shouldCancel)
    }

    /// The live round: the draft as the register holds it.
    func current() throws(ShellError) -> RoundSession {
        try shell { () throws(WorkspaceError) in try register.current() }
    }

    /// The round model as it stands (no solve).
    func currentModel() throws(ShellError) -> RoundModel {
        try shell { () throws(WorkspaceError) in try register.currentModel() }
    }

    /// The workspace's region (what settles a place name that exists twice).
    func region() throws(ShellError) -> Region {
        try shell { () throws(WorkspaceError) in try workspace.region() }
    }

    /// Whether long output goes through a pager on a terminal (`set pager on|off`).
    public var pager = true

    /// The language output is written in: `--lang` for this run, else the workspace's (`set
    /// language`), else the environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    func language() -> Language {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["BPV_LANG"].flatMap(Language.init(parsing:)) { return given }
        return ((try? workspace.language()) ?? nil) ?? Language.forRun(environment: environment) ?? .en
    }

    /// The language without a workspace (`bpv VERB --help`): `--lang`, else the environment's.
    static func languageWithoutWorkspace() -> Language { Language.forRun(environment: ProcessInfo.processInfo.environment) ?? .en }

    /// The live round's outcome, when there is an up-to-date one (never solves).
    var liveOutcome: RoundOutcome? { register.liveSession?.outcome }

    /// Prints who moved in the draft after a change, and why.
    func report(_ changes: RoundChanges?, cause: RoundChange?) {
        guard let changes, let live = register.liveSession else { return }
        for line in Describe.moved(changes, live.model, cause: cause) { console.say(line) }
    }

    /// Forgets the live round (it is read and solved again on next use).
    func invalidate(ids changedIDs: Bool = false) {
        register.invalidate()
        if changedIDs { ids = nil }
    }

    /// Makes `change` through `body` (the register's method for it) and keeps how to take it
    /// back for `undo`, as the register computes it (``Register/undoably(_:_:)``).
    func undoably<T>(_ description: String, _ change: RoundChange, _ body: (Register) throws(WorkspaceError) -> T) throws(ShellError) -> T {
        let register = self.register
        let (result, reversal) = try shell { () throws(WorkspaceError) in try register.undoably(change) { () throws(WorkspaceError) in try body(register) } }
        if let reversal { undoSteps.append(UndoStep(description: description, reversal: reversal)) }
        return result
    }

    /// The internships banned for a student, with each ban's reason (a decline, a breakdown,
    /// a coach's ban), for explanations.
    /// - Complexity: O(bans).
    func banReasons(of student: StudentID) -> [InternshipID: String] { banReasons()[student] ?? [:] }

    /// Every student's banned internships with the reasons: one read for a whole listing.
    /// - Complexity: O(bans).
    func banReasons() -> [StudentID: [InternshipID: String]] {
        var out: [StudentID: [InternshipID: String]] = [:]
        for (pair, reason) in (try? workspace.bans()) ?? [:] { out[pair.student, default: [:]][pair.internship] = reason }
        return out
    }

    /// Reads the ids for completion again (after an import).
    func forgetIDs() { ids = nil }

    /// The words identifying students erased by the last command (`forget`, `purge`), for the
    /// front end to scrub from what it keeps (the line editor's history); it empties this.
    public var erasedWords: [String] = []

    /// Whether the shell says what other users changed before each command (an interactive
    /// shell on a region's server).
    public var announcesOthers = false

    func popUndo() -> UndoStep? { undoSteps.popLast() }
    func pushUndo(_ step: UndoStep) { undoSteps.append(step) }

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
        do { return try body() } catch { throw .workspace(error) }
    }
}

/// One change of this session that `undo` can take back: as the user typed it, and the
/// register's reversal.
struct UndoStep {
    var description: String
    var reversal: Register.Reversal
}

import ArgumentParser
import BPVDomain
import BPVWorkspace

/// `bpv match [--commit]`: run a round on the workspace.
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a matching round: a certified-optimal draft around pins, bans and committed placements.")

    @Flag(help: "Commit every draft placement of the round at once.") var commit = false
    @Option(help: ArgumentHelp("Place students for this day (default today): only those available then, at internships open then.", valueName: "YYYY-MM-DD"))
    var on: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try Workspace(path: workspace.db, create: false)
        let date = try on.map { (text) throws(WorkspaceError) in try CalendarDate(parsing: text) }
        let r = try Register(workspace: ws).match(on: date).summary
        print("round \(r.round): \(r.placed) placed, \(r.unplaced) unplaced, \(r.committedBefore) fixed by pins or commitments, total score \(r.totalScore)")
        print("objective in DIMACS terms: \(r.dimacsObjective) (bpv export --dimacs, then any min-cost-flow solver)")
        if commit {
            let n = try ws.commit(round: r.round)
            print("committed \(n) placements of round \(r.round)")
        }
    }
}

/// `bpv commit --round N [STUDENT...]`.
struct Commit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make placements of the current draft final (all, or the students named).")

    @Option(help: "Refuse unless the draft is still this round as match stored it (nothing changed since).") var round: Int64?
    @Argument(help: "Students to commit; all when none are named.") var students: [String] = []
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let n = try Workspace(path: workspace.db, create: false).commit(round: round, students: students.isEmpty ? nil : students.map { StudentID($0) })
        print("committed \(n) placements of the draft")
    }
}

/// `bpv release STUDENT --reason TEXT`.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "End a committed placement (it broke down); the next round places the student elsewhere.")

    @Argument(help: "The student.") var student: String
    @Option(help: "Why, for the audit log.") var reason: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let moved = try Register(workspace: Workspace(path: workspace.db, create: false)).release(student: StudentID(student), reason: reason)
        print("released \(student) (the placement broke down); the draft will not place \(student) at that employer again")
        printMoves(moved)
    }
}

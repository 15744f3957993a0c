import ArgumentParser
import BPVDomain
import BPVWorkspace

/// Prints who moved in the stored draft after a change (nothing before the first match).
func printMoves(_ changes: RoundChanges?) {
    guard let changes, !changes.moves.isEmpty else { return }
    print("the draft changes: \(changes.moves.count == 1 ? "1 student moves" : "\(changes.moves.count) students move")")
    for m in changes.moves { print("  \(m.student): \(m.from ?? "unplaced") → \(m.to ?? "unplaced")") }
}

/// `bpv pin STUDENT INTERNSHIP --reason TEXT`: a place the student found; fixed in every round.
struct Pin: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fix a student at an internship (a place they found themselves).")
    @Argument(help: "The student.") var student: String
    @Argument(help: "The internship.") var internship: String
    @Option(help: "Why, for the audit log.") var reason: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let moved = try Register(workspace: Workspace(path: workspace.db, create: false)).pin(student: StudentID(student), internship: InternshipID(internship), reason: reason)
        print("pinned \(student) to \(internship)")
        printMoves(moved)
    }
}

struct Unpin: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a student's pin.")
    @Argument(help: "The student.") var student: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let moved = try Register(workspace: Workspace(path: workspace.db, create: false)).unpin(student: StudentID(student))
        print("unpinned \(student)")
        printMoves(moved)
    }
}

/// `bpv ban STUDENT INTERNSHIP --reason TEXT`: a pair that must not happen.
struct Ban: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rule a student-internship pair out of every later round.")
    @Argument(help: "The student.") var student: String
    @Argument(help: "The internship.") var internship: String
    @Option(help: "Why, for the audit log.") var reason: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let moved = try Register(workspace: Workspace(path: workspace.db, create: false)).ban(student: StudentID(student), internship: InternshipID(internship), reason: reason)
        print("banned \(student) x \(internship)")
        printMoves(moved)
    }
}

struct Unban: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lift a ban (also the one a release sets, to allow the same internship again).")
    @Argument(help: "The student.") var student: String
    @Argument(help: "The internship.") var internship: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let moved = try Register(workspace: Workspace(path: workspace.db, create: false)).unban(student: StudentID(student), internship: InternshipID(internship))
        print("unbanned \(student) x \(internship)")
        printMoves(moved)
    }
}

/// `bpv log`: the audit trail, oldest first.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the audit log: who changed what, when and why.")
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        for e in try Workspace(path: workspace.db, create: false).auditLog() {
            var fields = ["\(e.sequence)", e.at, e.user, e.action, e.subject]
            if !e.detail.isEmpty { fields.append(e.detail) }
            if let r = e.reason { fields.append("because: \(r)") }
            print(fields.tabSeparated)
        }
    }
}

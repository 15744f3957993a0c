import ArgumentParser
import BPVDomain
import BPVWorkspace

/// `bpv propose STUDENT [INTERNSHIP]`: put a student forward to an employer (intake interview).
struct Propose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a student forward to an employer (intake interview); the place is held. Without an internship, the draft's.")
    @Argument(help: "The student.") var student: String
    @Argument(help: "The internship (default: the student's place in the draft).") var internship: String?
    @Option(help: "Why, for the audit log.") var reason: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let register = Register(workspace: try Workspace(path: workspace.db, create: false))
        let moved = try register.propose(student: StudentID(student), internship: internship.map { InternshipID($0) }, reason: reason)
        print("proposed \(student) at \(try register.currentModel().proposals[StudentID(student)]?.value ?? "?")")
        printMoves(moved)
    }
}

/// `bpv accept STUDENT`: proposed → agreed.
struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Employer and student said yes: the proposed placement is agreed.")
    @Argument(help: "The student.") var student: String
    @Option(help: "Why, for the audit log.") var reason: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try Register(workspace: try Workspace(path: workspace.db, create: false)).accept(student: StudentID(student), reason: reason)
        print("agreed: \(student)")
    }
}

/// `bpv decline STUDENT --by employer|student --reason TEXT`.
struct Decline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The employer or the student said no: the proposal ends, the pair is banned, the student is placed again at once.")
    @Argument(help: "The student.") var student: String
    @Option(help: "Who declined: employer or student.") var by: String
    @Option(help: "Why, for the audit log and the history.") var reason: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        guard let who = Register.Decliner(rawValue: by) else { throw CommandFailure("--by must be employer or student, not '\(by)'") }
        let moved = try Register(workspace: try Workspace(path: workspace.db, create: false)).decline(student: StudentID(student), by: who, reason: reason)
        print("declined by \(who.rawValue): \(student); not proposed there again unless unbanned")
        printMoves(moved)
    }
}

/// `bpv start STUDENT [--on DATE]`: agreed → active.
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The praktijkovereenkomst is signed: the agreed placement is active from the date (today), planned to end placement_weeks later.")
    @Argument(help: "The student.") var student: String
    @Option(help: ArgumentHelp("The start date.", valueName: "YYYY-MM-DD")) var on: String?
    @Option(help: ArgumentHelp("Days a week at the workplace (1 to 5).", valueName: "N")) var daysPerWeek: Int?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try Workspace(path: workspace.db, create: false)
        try Register(workspace: ws).start(student: StudentID(student), on: on.map { (text) throws(WorkspaceError) in try CalendarDate(parsing: text) },
                                          daysPerWeek: daysPerWeek)
        let now = try ws.history(of: StudentID(student)).last { $0.outcome == "active" }
        print("started: \(student) at \(now?.internship.value ?? "?") from \(now?.start ?? "?"), planned end \(now?.end ?? "?")")
    }
}

/// `bpv end STUDENT OUTCOME --reason TEXT [--on DATE]`.
struct End: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An agreed or active placement ends: completed, broke_down (the employer is closed to the student), left or other.")
    @Argument(help: "The student.") var student: String
    @Argument(help: "completed, broke_down, left or other.") var outcome: String
    @Option(help: "Why, for the audit log and the history.") var reason: String
    @Option(help: ArgumentHelp("The end date.", valueName: "YYYY-MM-DD")) var on: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        guard let how = PlacementOutcome(rawValue: outcome) else {
            throw CommandFailure("the outcome must be one of \(PlacementOutcome.allCases.map(\.rawValue).joined(separator: ", ")), not '\(outcome)'")
        }
        let date = try on.map { (text) throws(WorkspaceError) in try CalendarDate(parsing: text) }
        let moved = try Register(workspace: try Workspace(path: workspace.db, create: false)).end(student: StudentID(student), outcome: how, reason: reason, on: date)
        print("ended (\(how.rawValue)): \(student)")
        printMoves(moved)
    }
}

/// `bpv history STUDENT`: every placement, tab-separated.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every placement a student had and has: internship, employer, dates, outcome or status, who decided, when and why.")
    @Argument(help: "The student.") var student: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        for e in try Workspace(path: workspace.db, create: false).history(of: StudentID(student)) {
            print([e.internship.value, e.employer, e.start ?? "", e.end ?? "", e.outcome, e.user, e.at, e.reason ?? ""].tabSeparated)
        }
    }
}

/// `bpv forget STUDENT --reason TEXT`: the right to erasure.
struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase one student and everything about them; the audit log keeps that an erasure happened, not who.")
    @Argument(help: "The student.") var student: String
    @Option(help: "The request, for the audit log.") var reason: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try Register(workspace: try Workspace(path: workspace.db, create: false)).forget(students: [StudentID(student)], reason: reason)
        print("erased \(student)")
    }
}

/// `bpv purge --ended-before DATE`: the retention term.
struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase every student whose last placement ended before the date and who holds no place.")
    @Option(name: .customLong("ended-before"), help: ArgumentHelp("The day.", valueName: "YYYY-MM-DD")) var endedBefore: String
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let date = try CalendarDate(parsing: endedBefore)
        let n = try Register(workspace: try Workspace(path: workspace.db, create: false)).purge(endedBefore: date).count
        print("erased \(n) student\(n == 1 ? "" : "s") whose last placement ended before \(date)")
    }
}


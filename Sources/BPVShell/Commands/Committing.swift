import BPVDomain
import BPVWorkspace

extension Command {
    static let commit = Command(
        "commit", synopsis: "commit all|STUDENT...",
        summary: "agree placements of the draft (draft or proposed → agreed), as you last saw it; later rounds never move them",
        details: """
            Commits the draft as this shell shows it. If someone else changed the workspace since
            you last looked, the commit is refused and says who changed what: look again, then commit.
            Places are checked as the commit happens, so two people committing at once can never
            overfill an internship.
            """,
        complete: { _, _, session in ["all"] + Complete.students(session) }
    ) { args, session throws(ShellError) in
        guard !args.isEmpty else { throw args.usage(.nameStudents) }
        let students = args.words == ["all"] ? nil : args.words.map { StudentID($0) }
        let n = try session.shell { () throws(WorkspaceError) in try session.register.commit(students: students) }
        session.console.say(.committed(n))
        return .proceed
    }

    static let release = Command(
        "release", synopsis: "release STUDENT reason...",
        summary: "short for end STUDENT broke_down: the draft places the student again at once, never at that employer",
        complete: { previous, _, session in
            previous.isEmpty ? ((try? session.workspace.placements().filter(\.committed).map(\.student.value)) ?? []) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard let reason = args.text(from: 1) else { throw args.usage(.giveReason) }
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.release(student: s, reason: reason) }
        session.console.say(.released(s))
        session.report(moved, cause: .release(student: s))
        return .proceed
    }
}

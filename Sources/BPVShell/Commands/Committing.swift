import BPVWorkspace

extension Command {
    static let commit = Command(
        "commit", synopsis: "commit all|STUDENT...",
        summary: "make draft placements of the latest round final; later rounds never move them",
        details: "Capacity is checked as the commit happens, so two people committing at once can never overfill an internship.",
        complete: { _, _, session in ["all"] + Complete.students(session) }
    ) { args, session throws(ShellError) in
        guard !args.isEmpty else { throw args.usage("name the students, or all") }
        let ws = session.workspace
        guard let round = try session.shell({ () throws(WorkspaceError) in try ws.latestRound() }) else {
            throw ShellError("no round to commit; run match first")
        }
        let students = args.words == ["all"] ? nil : args.words
        let committedBefore = try session.shell { () throws(WorkspaceError) in Set(try ws.placements().filter(\.committed).map(\.student)) }
        let n = try session.shell { () throws(WorkspaceError) in try ws.commit(round: round, students: students) }
        let now = try session.shell { () throws(WorkspaceError) in try ws.placements().filter(\.committed) }
        var added: [String: String] = [:]
        for p in now where !committedBefore.contains(p.student) { added[p.student] = p.internship }
        session.console.print("committed \(n) placement\(n == 1 ? "" : "s") of round \(round)")
        // The live draft may have moved on since the round was stored; commitments fix it where the round put them.
        if !added.isEmpty { session.report(session.follow(.commit(added)), cause: .commit(added)) }
        return .proceed
    }

    static let release = Command(
        "release", synopsis: "release STUDENT reason...",
        summary: "end a committed placement (it broke down); the next round places the student elsewhere",
        complete: { previous, _, session in
            previous.isEmpty ? ((try? session.workspace.placements().filter(\.committed).map(\.student)) ?? []) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.required(0, "STUDENT")
        guard let reason = args.text(from: 1) else { throw args.usage("give a reason, for the audit log") }
        try session.shell { () throws(WorkspaceError) in try session.workspace.release(student: s, reason: reason) }
        session.console.print("released \(s); the next round will not propose the same internship")
        session.report(session.follow(.release(student: s)), cause: .release(student: s))
        return .proceed
    }
}

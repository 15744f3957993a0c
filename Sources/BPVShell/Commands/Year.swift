import BPVDomain
import BPVWorkspace

/// The placement year in the shell: propose, accept, decline, start, end, history.
extension Command {
    static let propose = Command(
        "propose", synopsis: "propose STUDENT [INTERNSHIP] [reason...]",
        summary: "put a student forward to an employer (intake interview): the place is held, rounds no longer move the student",
        details: "Without an internship, the one the draft gives the student.",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? Complete.internships(session) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        let named = args[1].map { InternshipID($0) }.flatMap { id in session.internshipIDs().contains(id.value) ? id : nil }
        let reason = args.text(from: named == nil ? 1 : 2)
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.propose(student: s, internship: named, reason: reason) }
        let model = try session.currentModel()
        session.console.print("proposed \(s) at \(Describe.internship(model.proposals[s], model))")
        session.report(moved, cause: model.proposals[s].map { .propose(student: s, internship: $0) })
        return .proceed
    }

    static let accept = Command(
        "accept", synopsis: "accept STUDENT [reason...]",
        summary: "employer and student said yes: the proposed placement is agreed",
        complete: { previous, _, session in previous.isEmpty ? Complete.students(session) : [] }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.accept(student: s, reason: args.text(from: 1)) }
        let model = try session.currentModel()
        session.console.print("agreed: \(s) at \(Describe.internship(model.commitments[s], model))")
        session.report(moved, cause: .accept(student: s))
        return .proceed
    }

    static let decline = Command(
        "decline", synopsis: "decline STUDENT by employer|student reason...",
        summary: "the employer or the student said no: the proposal ends, the pair is banned, and the draft places the student again at once",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? ["by"] : previous.count == 2 ? ["employer", "student"] : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard args[1] == "by", let who = args[2].flatMap(Register.Decliner.init(rawValue:)) else {
            throw args.usage("say who declined: by employer or by student")
        }
        guard let reason = args.text(from: 3) else { throw args.usage("give a reason, for the audit log and the history") }
        let was = try session.currentModel().proposals[s]
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.decline(student: s, by: who, reason: reason) }
        let model = try session.currentModel()
        session.console.print("declined by \(who.rawValue): \(s) at \(Describe.internship(was, model)); \(s) is not proposed there again unless unbanned")
        session.report(moved, cause: .decline(student: s))
        return .proceed
    }

    static let start = Command(
        "start", synopsis: "start STUDENT [DATE]",
        summary: "the praktijkovereenkomst is signed: the agreed placement is active from DATE (today), planned to end placement_weeks later",
        complete: { previous, _, session in previous.isEmpty ? Complete.students(session) : [] }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        try args.atMost(2)
        let date = try args[1].map { (text) throws(ShellError) -> CalendarDate in try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) } }
        try session.shell { () throws(WorkspaceError) in _ = try session.register.start(student: s, on: date) }
        let entry = try session.shell { () throws(WorkspaceError) in try session.workspace.history(of: s).last }
        session.console.print("started: \(s) at \(entry.map { "\($0.internship) (\($0.employer))" } ?? "?") from \(entry?.start ?? "?"), planned end \(entry?.end ?? "?")")
        return .proceed
    }

    static let end = Command(
        "end", synopsis: "end STUDENT completed|broke_down|left|other reason... [on DATE]",
        summary: "an agreed or active placement ends with its outcome; after broke_down the student is never placed at that employer again unless unbanned",
        details: "release STUDENT reason... is the short form of end STUDENT broke_down reason....",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? PlacementOutcome.allCases.map(\.rawValue) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard let outcome = args[1].flatMap(PlacementOutcome.init(rawValue:)) else {
            throw args.usage("say how it ended: \(PlacementOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var words = Array(args.words.dropFirst(2))
        var date: CalendarDate?
        if words.count >= 2, words[words.count - 2] == "on" {
            let text = words[words.count - 1]
            date = try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) }
            words.removeLast(2)
        }
        guard !words.isEmpty else { throw args.usage("give a reason, for the audit log and the history") }
        let reason = words.joined(separator: " ")
        let moved = try session.shell { () throws(WorkspaceError) in
            try session.register.end(student: s, outcome: outcome, reason: reason, on: date)
        }
        session.console.print("ended (\(outcome.rawValue)): \(s)" + (outcome == .brokeDown ? "; the draft will not place \(s) at that employer again" : ""))
        session.report(moved, cause: .end(student: s, outcome: outcome))
        return .proceed
    }

    static let history = Command(
        "history", synopsis: "history STUDENT",
        summary: "every placement a student had and has: internship, employer, dates, outcome or status, who decided and why",
        complete: { previous, _, session in previous.isEmpty ? Complete.students(session) : [] }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        try args.atMost(1)
        let entries = try session.shell { () throws(WorkspaceError) in try session.workspace.history(of: s) }
        guard !entries.isEmpty else {
            session.console.print("\(s) has no placements yet")
            return .proceed
        }
        var table = Table(["internship", "employer", "from", "until", "outcome", "by", "when (UTC)", "why"])
        for e in entries {
            table.append([e.internship.value, e.employer, e.start ?? "", e.end ?? "", e.outcome, e.user,
                          String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " "), e.reason ?? ""])
        }
        session.console.print(table.render(width: session.console.width, style: session.console.style))
        return .proceed
    }
}

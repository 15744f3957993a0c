import BPVDimacs
import BPVDomain
import BPVWorkspace

extension Command {
    static let log = Command(
        "log", synopsis: "log [N]", summary: "the audit trail: the last N changes (default 20), who made them and why"
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        let n = try args[0].map { (text) throws(ShellError) -> Int in
            guard let n = Int(text), n > 0 else { throw args.usage(.positiveNumber) }
            return n
        } ?? 20
        let entries = try session.shell { () throws(WorkspaceError) in try session.workspace.auditLog() }
        var table = Table([.number, .atUTC, .user, .action, .subject, .detail, .reason], session.console.language)
        for e in entries.suffix(n) {
            table.append(["\(e.sequence)", String(e.at.prefix(19)).replacingOccurrences(of: "T", with: " "), e.user.printable, e.action,
                          e.subject.printable, e.detail.printable, (e.reason ?? "").printable])
        }
        session.console.print(table)
        return .proceed
    }

    static let export = Command(
        "export", synopsis: "export placements FILE | export student STUDENT FILE | export dimacs FILE",
        summary: "write the placements as CSV or an .xlsx workbook (ids, employer, minutes, score, status; no names), everything held about one student as JSON (the right of access), or the next round's scored candidate graph as DIMACS; mode 0600",
        complete: { previous, typed, session in
            previous.isEmpty ? ["placements", "student", "dimacs"] : previous == ["student"] ? Complete.students(session) : Complete.files(typed)
        }
    ) { args, session throws(ShellError) in
        let what = try args.required(0, "placements or student")
        if what == "student" {
            let s = try args.student(1), file = try args.required(2, "FILE")
            try args.atMost(3)
            let n = try session.shell { () throws(WorkspaceError) in try session.workspace.exportStudent(s, to: file) }
            session.console.say(.wroteAccess(file: file, s, entries: n))
            return .proceed
        }
        if what == "dimacs" {
            let file = try args.required(1, "FILE")
            try args.atMost(2)
            let round = try session.shell { () throws(WorkspaceError) in try session.workspace.roundProblem() }
            let problem = round.graph.problem
            do {
                try DimacsWriter.write(problem, to: file, comments: [
                    "bpv round problem: \(problem.studentCount) students, \(round.fixed.count) fixed by pins or commitments (one arc each, placed first)",
                ])
            } catch {
                throw .other("\(error)")
            }
            session.console.say(.wroteDimacs(file: file, students: problem.studentCount, arcs: problem.arcCount))
            return .proceed
        }
        guard what == "placements" else { throw args.usage(.exportWhat(what)) }
        let file = try args.required(1, "FILE")
        try args.atMost(2)
        var reasons: [StudentID: String] = [:]
        if file.lowercased().hasSuffix(".xlsx") {
            reasons = UnplacedReasons.of(try session.current(), bans: (try? session.workspace.bans()) ?? [:])
        }
        let n = try session.shell { () throws(WorkspaceError) in
            let n = try session.workspace.exportPlacements(to: file, unplacedReasons: reasons, language: session.language())
            try session.register.exported("placements", to: file, detail: "\(n) placements to \(file)")
            return n
        }
        session.console.say(.wrotePlacements(file: file, n))
        return .proceed
    }
}

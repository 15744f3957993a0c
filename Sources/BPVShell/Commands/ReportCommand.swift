import BPVDomain
import BPVReport
import BPVWorkspace
import Foundation

extension Report {
    /// The report of `round` with what the workspace holds around it (the register's dates,
    /// the history, the reasons and the advice on missing places), written to `file` (0600).
    /// - Complexity: that of ``RoundSession/gaps(limit:)``, plus O(internships) per unplaced
    ///   student for the reasons, plus O(students + internships).
    public static func write(_ round: RoundSession, register: Register, to file: String, names: Bool, language: Language) throws(ShellError) {
        let workspace = register.workspace
        do {
            let gaps: [PlaceGap]
            do throws(RoundError) { gaps = try round.gaps() } catch { throw ShellError.round(error) }
            let report = Report(
                round: round, placements: try workspace.placements(), history: try workspace.pastPlacements(), gaps: gaps,
                reasons: UnplacedReasons.of(round, bans: try workspace.bans(), language: language), names: names,
                title: try Self.title(workspace, round.model, language: language),
                made: "\(CalendarDate.today) \(language == .nl ? "door" : "by") \(workspace.user)", language: language,
                waiting: try workspace.waiting(on: round.model.date ?? .today), employers: try workspace.employerSummaries())
            try workspace.writeDocument(report.html(), to: file)
            try register.exported("report", to: file, detail: "the round as a report\(names ? ", with names" : ""), to \(file)")
        } catch let error as ShellError {
            throw error
        } catch let error as WorkspaceError {
            throw .workspace(error)
        } catch {
            throw .other("\(error)")
        }
    }
}

extension Command {
    static let report = Command(
        "report", synopsis: "report FILE.html [names]",
        summary: "write the round as one HTML page: a map, placement rates, fairness, who is unplaced and why, and where places are missing",
        details: """
            One self-contained file (inline SVG and CSS, no script, no network), readable offline and
            printable, created 0600. Pseudonymous ids only; add names to show the students' names.
            """,
        complete: { previous, typed, _ in previous.isEmpty ? Complete.files(typed) : ["names"] }
    ) { args, session throws(ShellError) in
        let file = try args.required(0, "FILE.html")
        if args.count > 1, args[1] != "names" { throw args.usage(.unexpected(args[1] ?? "")) }
        try args.atMost(2)
        try Report.write(try session.current(), register: session.register, to: file, names: args.count == 2, language: session.console.language)
        session.console.say(.wroteReport(file: file, workspace: session.workspace.path))
        return .proceed
    }
}

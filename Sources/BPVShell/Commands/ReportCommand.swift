import BPVDomain
import BPVReport
import BPVWorkspace
import Foundation

extension Report {
    /// The report of `round` with what the workspace holds around it (the register's dates,
    /// the history, the reasons and the advice on missing places), written to `file` (0600).
    /// - Complexity: that of ``RoundSession/gaps(limit:)``, plus O(internships) per unplaced
    ///   student for the reasons, plus O(students + internships).
    /// - Parameter school: the school the page is cut to (as the records spell it), or nil.
    public static func write(_ round: RoundSession, register: Register, to file: String, names: Bool, school: String? = nil,
                             language: Language) throws(ShellError) {
        let workspace = register.workspace
        do {
            let gaps: [PlaceGap]
            do throws(RoundError) { gaps = try round.gaps() } catch { throw ShellError.round(error) }
            let report = Report(
                round: round, placements: try workspace.placements(), history: try workspace.pastPlacements(), gaps: gaps,
                reasons: UnplacedReasons.of(round, bans: try workspace.bans(), language: language), names: names,
                title: try Self.title(workspace, round.model, language: language) + (school.map { ": \($0)" } ?? ""),
                made: "\(CalendarDate.today) \(language == .nl ? "door" : "by") \(workspace.user)", language: language,
                waiting: try workspace.waiting(on: round.model.date ?? .today), employers: try workspace.employerSummaries(),
                school: school)
            try workspace.writeDocument(report.html(), to: file)
            try register.exported("report", to: file, detail: "the round as a report\(school.map { " of school \($0)" } ?? "")\(names ? ", with names" : ""), to \(file)")
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
        "report", synopsis: "report FILE.html [names] [school NAME]",
        summary: "write the round as one HTML page: a map, placement rates, fairness, who is unplaced and why, and where places are missing",
        details: """
            One self-contained file (inline SVG and CSS, no script, no network), readable offline and
            printable, created 0600. Pseudonymous ids only; add names to show the students' names.
            school NAME cuts the page to that school's pupils (a region's report for one of its
            schools); the internships, employers and missing places stay the region's.
            """,
        complete: { previous, typed, session in
            if previous.isEmpty { return Complete.files(typed) }
            if previous.last == "school" { return Set(((try? session.workspace.students()) ?? []).compactMap(\.school)).sorted() }
            return ["names", "school"].filter { !previous.contains($0) }
        }
    ) { args, session throws(ShellError) in
        let file = try args.required(0, "FILE.html")
        var names = false, school: String?
        var k = 1
        while let word = args[k] {
            switch word {
            case "names" where !names: names = true; k += 1
            case "school" where school == nil:
                guard let name = args[k + 1] else { throw args.usage(.needsValue("school")) }
                school = name; k += 2
            default: throw args.usage(.unexpected(word))
            }
        }
        let round = try session.current()
        if let typed = school { school = try Self.school(typed, among: round.model.students) }
        try Report.write(round, register: session.register, to: file, names: names, school: school, language: session.console.language)
        session.console.say(.wroteReport(file: file, workspace: session.workspace.path))
        return .proceed
    }
}

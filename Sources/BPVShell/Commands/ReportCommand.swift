import BPVDomain
import BPVWorkspace
import Foundation

extension Report {
    /// The report of `round` with what the workspace holds around it (the register's dates,
    /// the history, the reasons and the advice on missing places), written to `file` (0600).
    /// - Complexity: a what-if per candidate gap, plus O(students + internships).
    public static func write(_ round: RoundSession, register: Register, to file: String, names: Bool) throws(ShellError) {
        let workspace = register.workspace
        do {
            let gaps: [PlaceGap]
            do throws(RoundError) { gaps = try round.gaps() } catch { throw ShellError.round(error) }
            let report = Report(
                round: round, placements: try workspace.placements(), history: try workspace.placementSpans(), gaps: gaps,
                reasons: UnplacedReasons.of(round, bans: try workspace.bans()), names: names,
                title: try Self.title(workspace, round.model),
                made: "\(CalendarDate.today) by \(workspace.user)")
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

extension Report {
    /// The page's title: the workspace's own (`set title ...`), else the region it works in,
    /// else the schools of its students, else the places they live in.
    static func title(_ workspace: Workspace, _ model: RoundModel) throws -> String {
        if let own = try workspace.title() { return own }
        let region = try workspace.region()
        if !region.isEmpty { return "Placements in " + region.names.joined(separator: ", ") }
        let schools = Set(model.students.compactMap(\.school)).sorted()
        if !schools.isEmpty, schools.count <= 3 { return "Placements of " + schools.joined(separator: ", ") }
        if !schools.isEmpty { return "Placements of \(schools.count) schools" }
        var towns: [String: Int] = [:]
        for s in model.students { if let t = s.home.nearestPlace()?.municipality { towns[t, default: 0] += 1 } }
        let top = towns.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
        return top.isEmpty ? "Placements" : "Placements around " + top.joined(separator: ", ")
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
        try Report.write(try session.current(), register: session.register, to: file, names: args.count == 2)
        session.console.say(.wroteReport(file: file, workspace: session.workspace.path))
        return .proceed
    }
}

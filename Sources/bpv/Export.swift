import ArgumentParser
import BPVDimacs
import BPVDomain
import BPVShell
import BPVWorkspace
import Foundation

/// `bpv export placements FILE` and `bpv export --dimacs FILE`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the placements as CSV, everything held about one student as JSON, or the round's scored candidate graph as DIMACS.",
        discussion: """
            The placements CSV is minimal: ids, employer, travel minutes, score, start and planned \
            end, and status, no names. A FILE ending in .xlsx is an Excel workbook with the sheets \
            placements, unplaced (with the reasons) and employers (places, taken, free). Files are \
            created with mode 0600.
            """)

    @Argument(help: "What to export: placements, or student STUDENT.") var what: String?
    @Argument(help: ArgumentHelp("The file to write (for student: the student, then the file).", valueName: "FILE")) var file: String?
    @Argument(help: ArgumentHelp("For student: the file to write.", valueName: "FILE")) var studentFile: String?
    @Option(name: .customLong("dimacs"), help: ArgumentHelp("Write the round's candidate graph as DIMACS.", valueName: "FILE"))
    var dimacs: String?
    @OptionGroup var workspace: WorkspaceOption

    func validate() throws {
        if dimacs == nil {
            guard (what == "placements" && file != nil && studentFile == nil) || (what == "student" && file != nil && studentFile != nil) else {
                throw ValidationError("use 'bpv export placements FILE', 'bpv export student STUDENT FILE' or 'bpv export --dimacs FILE'")
            }
        }
    }

    func run() throws {
        let ws = try Workspace(path: workspace.db, create: false)
        if let dimacs {
            let round = try ws.roundProblem()
            try DimacsWriter.write(round.graph.problem, to: dimacs, comments: [
                "bpv round problem: \(round.graph.problem.studentCount) students, \(round.fixed.count) fixed by pins or commitments (one arc each, placed first)",
            ])
            print("wrote \(dimacs): \(round.graph.problem.studentCount) students, \(round.graph.problem.arcCount) arcs")
            return
        }
        guard let file else { return }
        if what == "student", let studentFile {
            let n = try ws.exportStudent(StudentID(file), to: studentFile)
            print("wrote \(studentFile): everything held about \(file), with \(n) audit entries")
            return
        }
        var reasons: [StudentID: String] = [:]
        let register = Register(workspace: ws)
        if file.lowercased().hasSuffix(".xlsx") {
            reasons = UnplacedReasons.of(try register.current(), bans: try ws.bans())
        }
        let language = try ws.language() ?? Language.of(environment: ProcessInfo.processInfo.environment) ?? .en
        let n = try ws.exportPlacements(to: file, unplacedReasons: reasons, language: language)
        try register.exported("placements", to: file, detail: "\(n) placements to \(file)")
        print("wrote \(file): \(n) placements")
    }
}

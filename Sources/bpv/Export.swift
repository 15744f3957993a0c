import ArgumentParser
import BPVDimacs
import BPVWorkspace

/// `bpv export placements FILE` and `bpv export --dimacs FILE`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the placements as CSV, or the next round's scored candidate graph as DIMACS.",
        discussion: """
            The placements CSV is minimal: ids, employer, travel minutes, score and status, no names.
            Files are created with mode 0600.
            """)

    @Argument(help: "What to export: placements.") var what: String?
    @Argument(help: ArgumentHelp("The file to write.", valueName: "FILE")) var file: String?
    @Option(name: .customLong("dimacs"), help: ArgumentHelp("Write the round's candidate graph as DIMACS.", valueName: "FILE"))
    var dimacs: String?
    @OptionGroup var workspace: WorkspaceOption

    func validate() throws {
        if dimacs == nil {
            guard what == "placements", file != nil else {
                throw ValidationError("use 'bpv export placements FILE' or 'bpv export --dimacs FILE'")
            }
        }
    }

    func run() throws {
        do {
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
            let n = try ws.exportPlacements(to: file)
            print("wrote \(file): \(n) placements")
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

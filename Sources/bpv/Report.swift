import ArgumentParser
import BPVShell
import BPVWorkspace

/// `bpv report FILE.html [--names]`: the round as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the round as one HTML page: a map, placement rates, fairness, the unplaced and why, where places are missing.",
        discussion: "Self-contained (inline SVG and CSS, no script, no network), printable, created 0600. Pseudonymous ids unless --names.")

    @Argument(help: ArgumentHelp("The HTML file to write.", valueName: "FILE")) var file: String
    @Flag(help: "Show the students' names beside their ids.") var names = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try Workspace(path: workspace.db, create: false)
        let register = Register(workspace: ws)
        try Report.write(try register.current(), register: register, to: file, names: names)
        print("wrote \(file): the report of \(ws.path)")
    }
}

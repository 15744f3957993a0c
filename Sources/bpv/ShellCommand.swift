import ArgumentParser
import BPVLineEditor
import BPVPostgres
import BPVShell
import BPVWorkspace
import Foundation

/// `bpv` or `bpv shell`: the interactive shell on a terminal, a script runner otherwise.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "The bpv shell: explore, tweak and commit placements (the default when no command is given).",
        discussion: """
            With a terminal on standard input: a banner and a prompt, line editing, history in \
            ~/.bpv_history (or $BPV_HISTORY; mode 0600) and Tab completion. Otherwise the lines \
            are run as a script: each error is reported as 'line N: message' on standard error, \
            the run goes on, and the exit status is 1 if any line failed (--bail stops at the \
            first). Type help in the shell for its commands.
            """)

    @Flag(help: "In script mode, stop at the first failing line.") var bail = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        Terminal.adoptLocale()
        let environment = ProcessInfo.processInfo.environment
        let ws = try Workspace.open(workspace.db)
        Interrupt.install()
        let console = Console.standard(environment: environment)
        let session = Session(workspace: ws, console: console, shouldCancel: { Interrupt.isPending })
        let shell = Shell(session: session)
        let status: Int32
        if Terminal.isTerminal(STDIN_FILENO) {
            let historyPath = environment["BPV_HISTORY"] ?? (environment["HOME"].map { $0 + "/.bpv_history" })
            let editor = try LineEditor(name: "bpv", history: historyPath.flatMap { $0.isEmpty ? nil : .file($0) } ?? .none)
            status = shell.runInteractive(editor: editor, banner: shell.banner(for: workspace.db))
        } else {
            status = shell.runScript(lines: StandardInputLines(), bail: bail)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Standard input, line by line.
struct StandardInputLines: Sequence, IteratorProtocol {
    mutating func next() -> String? { readLine(strippingNewline: true) }
}

/// `--db PATH`: the workspace file, or a region's server (`postgresql://...`) (default `$BPV_DB`, else
/// `bpv.sqlite` in the current directory).
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace file, or a region's server as postgresql://USER@HOST/DATABASE (default $BPV_DB, else bpv.sqlite).", valueName: "PATH"))
    var db: String = WorkspaceOption.defaultPath

    /// `BPV_DB` when set and not empty, else `bpv.sqlite`.
    static var defaultPath: String {
        if let path = ProcessInfo.processInfo.environment["BPV_DB"], !path.isEmpty { return path }
        return "bpv.sqlite"
    }
}

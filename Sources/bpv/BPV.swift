import ArgumentParser
import BPVDomain
import Foundation

/// The `bpv` command: internship matching for students in Dutch vocational education.
@main
struct BPV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpv",
        abstract: "Match students to internships (BPV), optimally and explainably.",
        discussion: """
            bpv places students of MBO Entree and level 2, praktijkonderwijs and VSO at employer \
            internships. Its engine is a certified-optimal capacitated assignment solver.

            Every command of the shell also runs from here, with the shell's output \
            (bpv why GV-072 --db W.sqlite): \(ShellVerb.routed(besides: subcommands.map { $0._commandName }).joined(separator: ", ")).
            """,
        subcommands: subcommands,
        defaultSubcommand: ShellCommand.self
    )

    /// The commands argument-parser defines; every other shell command runs through ``ShellVerb``.
    static let subcommands: [any ParsableCommand.Type] = [
        ShellCommand.self, Import.self, Match.self, Commit.self, Propose.self, Accept.self, Decline.self, Start.self, End.self,
        Release.self, History.self, Forget.self, Purge.self, Pin.self, Unpin.self, Ban.self, Unban.self, Log.self,
        Export.self, ReportCommand.self, Settings.self, Solve.self, Generate.self,
    ]

    /// Runs the command: the one place where errors become what the user reads. Usage errors,
    /// help and exit codes keep argument-parser's handling; every other error a command throws
    /// (the workspace's, an import's `file:line:column: what is wrong`, the solver's, a
    /// ``CommandFailure``) is already phrased for the user and printed as `bpv: message`, with
    /// exit status 1. Commands therefore throw what they get and do not wrap it.
    static func main() {
        let words = Array(CommandLine.arguments.dropFirst())
        if let verb = ShellVerb(words, subcommands: Set(subcommands.map { $0._commandName } + ["help"])) {
            Foundation.exit(verb.run())
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            Self.exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ExitCode {
            Self.exit(withError: error)
        } catch let error as CleanExit {
            Self.exit(withError: error)
        } catch let error as ValidationError {
            Self.exit(withError: error)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // `--help` and `help` parse to argument-parser's own help command, whose run throws
            // its internal `CommandError`: that is argument-parser's to print (help, exit 0).
            Self.exit(withError: error)
        } catch {
            // An error may quote what a user or a file gave: shown, never obeyed by the terminal.
            FileHandle.standardError.write(Data("bpv: \(ControlText.escaped("\(error)"))\n".utf8))
            Self.exit(withError: ExitCode.failure)
        }
    }
}

extension [String] {
    /// One tab-separated line: each field with its tabs, line breaks and other control
    /// characters shown as `\u{9}` (see ``ControlText``), so that a reason cannot break the
    /// columns or reach the terminal raw.
    var tabSeparated: String { map { ControlText.escaped($0, keepingLineBreaks: false) }.joined(separator: "\t") }
}

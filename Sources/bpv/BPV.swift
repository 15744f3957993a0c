import ArgumentParser
import Foundation

/// The `bpv` command: internship matching for students in Dutch vocational education.
@main
struct BPV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpv",
        abstract: "Match students to internships (BPV), optimally and explainably.",
        discussion: """
            bpv places students of MBO Entree and level 2, praktijkonderwijs and VSO at employer
            internships. Its engine is a certified-optimal capacitated assignment solver.
            """,
        subcommands: [
            ShellCommand.self, Import.self, Match.self, Commit.self, Propose.self, Accept.self, Decline.self, Start.self, End.self,
            Release.self, History.self, Forget.self, Purge.self, Pin.self, Unpin.self, Ban.self, Unban.self, Log.self,
            Export.self, Settings.self, Solve.self, Generate.self,
        ],
        defaultSubcommand: ShellCommand.self
    )

    /// Runs the command. A ``CommandFailure`` (a message already phrased for the user, such as
    /// `file:line:column: what is wrong`) is printed as `bpv: message` with exit status 1;
    /// usage errors, help and exit codes keep argument-parser's handling.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("bpv: \(failure.message)\n".utf8))
            Self.exit(withError: ExitCode.failure)
        } catch {
            Self.exit(withError: error)
        }
    }
}

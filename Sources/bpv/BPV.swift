import ArgumentParser

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
            ShellCommand.self, Import.self, Match.self, Commit.self, Release.self, Pin.self, Unpin.self, Ban.self, Unban.self, Log.self,
            Export.self, Settings.self, Solve.self, Generate.self,
        ],
        defaultSubcommand: ShellCommand.self
    )
}

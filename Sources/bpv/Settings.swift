import ArgumentParser
import BPVDomain
import BPVWorkspace

/// `bpv settings [NAME VALUE]`: show or change the workspace's weights and limits.
struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the workspace's weights and limits, or change one for later rounds.")

    @Argument(help: "A setting to change.") var name: String?
    @Argument(help: "Its new value.") var value: String?
    @Option(help: "Why, for the audit log.") var reason: String?
    @OptionGroup var workspace: WorkspaceOption

    func validate() throws {
        if (name == nil) != (value == nil) { throw ValidationError("give a setting and a value, or neither") }
    }

    func run() throws {
        let ws = try Workspace(path: workspace.db, create: false)
        if let name, let value {
            try ws.set(name, to: value, reason: reason)
        }
        let s = try ws.settings()
        for setting in MatchSetting.allCases {
            print("\(setting.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) \(setting.value(in: s).padding(toLength: 6, withPad: " ", startingAt: 0))  \(setting.meaning)")
        }
    }
}

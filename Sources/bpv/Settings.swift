import ArgumentParser
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
        do {
            let ws = try Workspace(path: workspace.db)
            if let name, let value {
                try ws.set(name, to: value, reason: reason)
            }
            let s = try ws.settings()
            let values: [String: String] = [
                "sector_rank_weight": "\(s.sectorRankWeight)", "travel_minute_weight": "\(s.travelMinuteWeight)",
                "support_scarcity_weight": "\(s.supportScarcityWeight)", "detour_factor": "\(s.detourFactor)",
                "walk_speed": "\(s.walkSpeed)", "bike_speed": "\(s.bikeSpeed)", "ov_speed": "\(s.ovSpeed)",
                "car_speed": "\(s.carSpeed)",
            ]
            for (n, meaning, _) in Workspace.settingNames {
                print("\(n.padding(toLength: 24, withPad: " ", startingAt: 0)) \((values[n] ?? "").padding(toLength: 6, withPad: " ", startingAt: 0))  \(meaning)")
            }
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

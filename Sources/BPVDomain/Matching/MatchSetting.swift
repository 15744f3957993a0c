/// One of the weights and limits of ``MatchSettings`` that a workspace may change, by the name
/// coordinators type (`set travel_minute_weight 2`): the one list that the workspace, the
/// shell, `bpv settings` and their help all read.
public enum MatchSetting: String, CaseIterable, Sendable {
    case sectorRankWeight = "sector_rank_weight"
    case travelMinuteWeight = "travel_minute_weight"
    case supportScarcityWeight = "support_scarcity_weight"
    case detourFactor = "detour_factor"
    case walkSpeed = "walk_speed"
    case bikeSpeed = "bike_speed"
    case ovSpeed = "ov_speed"
    case carSpeed = "car_speed"
    case stabilityWeight = "stability_weight"
    case placementWeeks = "placement_weeks"
    case waitingAlarmDays = "waiting_alarm_days"

    /// What the setting means, for help texts.
    public var meaning: String {
        switch self {
        case .sectorRankWeight: "cost per step down a student's sector ranking"
        case .travelMinuteWeight: "cost per minute of travel"
        case .supportScarcityWeight: "cost when a student who needs a job coach gets the internship's only support place"
        case .detourFactor: "route distance over straight-line distance"
        case .walkSpeed: "door-to-door km/h on foot"
        case .bikeSpeed: "door-to-door km/h by bike"
        case .ovSpeed: "door-to-door km/h by public transport, waiting included"
        case .carSpeed: "door-to-door km/h by car"
        case .stabilityWeight: "cost of moving a draft student away from their previous draft internship (0: off)"
        case .placementWeeks: "weeks from a placement's start to its planned end"
        case .waitingAlarmDays: "days without a held placement after which waiting marks a student"
        }
    }

    /// The values accepted.
    public var range: ClosedRange<Double> {
        switch self {
        case .sectorRankWeight, .travelMinuteWeight, .supportScarcityWeight, .stabilityWeight: 0 ... 10_000
        case .detourFactor: 1 ... 3
        case .walkSpeed: 1 ... 10
        case .bikeSpeed: 5 ... 40
        case .ovSpeed: 5 ... 100
        case .carSpeed: 10 ... 120
        case .placementWeeks: 1 ... 104
        case .waitingAlarmDays: 1 ... 365
        }
    }

    /// Weights are whole numbers; factors and speeds may have decimals.
    public var isWhole: Bool {
        switch self {
        case .sectorRankWeight, .travelMinuteWeight, .supportScarcityWeight, .stabilityWeight, .placementWeeks, .waitingAlarmDays: true
        default: false
        }
    }

    /// The refusal for a name that is not a setting.
    public static func unknown(_ name: String) -> String {
        "unknown setting '\(name)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))"
    }

    /// Parses a typed value (a decimal comma is accepted; `default` is the documented default).
    /// - Throws: ``DomainError/invalidSetting(_:)`` naming the range.
    public func validate(_ text: String) throws(DomainError) -> Double {
        if text == "default", let d = Double(value(in: MatchSettings())) { return d }
        guard let v = Double(String(text.map { $0 == "," ? "." : $0 })), range.contains(v) else {
            throw .invalidSetting("\(rawValue) must be a number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        if isWhole, v != v.rounded() { throw .invalidSetting("\(rawValue) must be a whole number") }
        return v
    }

    /// The setting's value in `s`, as text.
    public func value(in s: MatchSettings) -> String {
        switch self {
        case .sectorRankWeight: "\(s.sectorRankWeight)"
        case .travelMinuteWeight: "\(s.travelMinuteWeight)"
        case .supportScarcityWeight: "\(s.supportScarcityWeight)"
        case .detourFactor: "\(s.detourFactor)"
        case .walkSpeed: "\(s.walkSpeed)"
        case .bikeSpeed: "\(s.bikeSpeed)"
        case .ovSpeed: "\(s.ovSpeed)"
        case .carSpeed: "\(s.carSpeed)"
        case .stabilityWeight: "\(s.stabilityWeight)"
        case .placementWeeks: "\(s.placementWeeks)"
        case .waitingAlarmDays: "\(s.waitingAlarmDays)"
        }
    }

    /// Sets the value `v` (validated) in `s`.
    public func set(_ v: Double, in s: inout MatchSettings) {
        switch self {
        case .sectorRankWeight: s.sectorRankWeight = Int(v)
        case .travelMinuteWeight: s.travelMinuteWeight = Int(v)
        case .supportScarcityWeight: s.supportScarcityWeight = Int(v)
        case .detourFactor: s.detourFactor = v
        case .walkSpeed: s.walkSpeed = v
        case .bikeSpeed: s.bikeSpeed = v
        case .ovSpeed: s.ovSpeed = v
        case .carSpeed: s.carSpeed = v
        case .stabilityWeight: s.stabilityWeight = Int(v)
        case .placementWeeks: s.placementWeeks = Int(v)
        case .waitingAlarmDays: s.waitingAlarmDays = Int(v)
        }
    }
}

/// One of the weights and limits of ``MatchSettings`` that a workspace may change, by the name
/// coordinators type (`set travel_minute_weight 2`).
///
/// ``all`` is the one list of them: parsing, help, storage (each round's JSON), `show settings`
/// and `bpv show settings` all read it, so a new setting is a property of ``MatchSettings`` and one
/// row here.
public struct MatchSetting: Sendable, Hashable, CustomStringConvertible {
    /// The name typed and stored (`travel_minute_weight`).
    public let rawValue: String
    /// What the setting means, for help texts.
    public let meaning: String
    /// The values accepted.
    public let range: ClosedRange<Double>
    /// Where the value lives: a whole number or a decimal.
    let storage: Storage
    /// Its key in a round's stored settings (the property's name).
    let codingKey: String

    enum Storage: @unchecked Sendable, Hashable {
        // Key paths are immutable values; Swift 6.1 does not yet mark them Sendable.
        case whole(WritableKeyPath<MatchSettings, Int>)
        case decimal(WritableKeyPath<MatchSettings, Double>)
    }

    /// Every setting, in the order help and `show settings` list them.
    public static let all: [MatchSetting] = [
        .init("sector_rank_weight", "cost per step down a student's sector ranking", 0 ... 10_000, .whole(\.sectorRankWeight), "sectorRankWeight"),
        .init("travel_minute_weight", "cost per minute of travel", 0 ... 10_000, .whole(\.travelMinuteWeight), "travelMinuteWeight"),
        .init("support_scarcity_weight", "cost when a student who needs a job coach gets the internship's only support place", 0 ... 10_000,
              .whole(\.supportScarcityWeight), "supportScarcityWeight"),
        .init("detour_factor", "route distance over straight-line distance", 1 ... 3, .decimal(\.detourFactor), "detourFactor"),
        .init("walk_speed", "km/h on foot", 1 ... 10, .decimal(\.walkSpeed), "walkSpeed"),
        .init("bike_speed", "km/h by bike", 5 ... 40, .decimal(\.bikeSpeed), "bikeSpeed"),
        .init("scooter_speed", "km/h by scooter or moped", 10 ... 45, .decimal(\.scooterSpeed), "scooterSpeed"),
        .init("ov_speed", "km/h in public transport, once aboard", 5 ... 100, .decimal(\.ovSpeed), "ovSpeed"),
        .init("ov_access_minutes", "minutes to walk to and from the stops and wait, per public-transport journey", 0 ... 60,
              .whole(\.ovAccessMinutes), "ovAccessMinutes"),
        .init("car_speed", "km/h by car", 10 ... 120, .decimal(\.carSpeed), "carSpeed"),
        .init("stability_weight", "cost of moving a draft student away from their previous draft internship (0: off)", 0 ... 10_000,
              .whole(\.stabilityWeight), "stabilityWeight"),
        .init("placement_weeks", "weeks from a placement's start to its planned end", 1 ... 104, .whole(\.placementWeeks), "placementWeeks"),
        .init("waiting_alarm_days", "days without a held placement after which waiting marks a student", 1 ... 365,
              .whole(\.waitingAlarmDays), "waitingAlarmDays"),
    ]

    private init(_ name: String, _ meaning: String, _ range: ClosedRange<Double>, _ storage: Storage, _ codingKey: String) {
        rawValue = name
        self.meaning = meaning
        self.range = range
        self.storage = storage
        self.codingKey = codingKey
    }

    /// The setting named `rawValue`, if there is one.
    public init?(rawValue: String) {
        guard let found = Self.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = found
    }

    public static var allCases: [MatchSetting] { all }

    public var description: String { rawValue }

    /// Weights are whole numbers; factors and speeds may have decimals.
    public var isWhole: Bool {
        if case .whole = storage { return true }
        return false
    }

    /// The refusal for a name that is not a setting.
    public static func unknown(_ name: String) -> Refusal { .unknownSetting(name, known: all.map(\.rawValue)) }

    /// Parses a typed value (a decimal comma is accepted; `default` is the documented default).
    /// - Throws: ``DomainError/invalidSetting(_:)`` naming the range.
    public func validate(_ text: String) throws(DomainError) -> Double {
        if text == "default" { return number(in: MatchSettings()) }
        guard let v = Double(String(text.map { $0 == "," ? "." : $0 })), range.contains(v) else {
            throw .invalidSetting(.settingRange(setting: rawValue, lower: "\(range.lowerBound)", upper: "\(range.upperBound)", value: text))
        }
        if isWhole, v != v.rounded() { throw .invalidSetting(.settingWhole(setting: rawValue)) }
        return v
    }

    /// The setting's value in `s`.
    public func number(in s: MatchSettings) -> Double {
        switch storage {
        case .whole(let path): Double(s[keyPath: path])
        case .decimal(let path): s[keyPath: path]
        }
    }

    /// The setting's value in `s`, as text.
    public func value(in s: MatchSettings) -> String {
        switch storage {
        case .whole(let path): "\(s[keyPath: path])"
        case .decimal(let path): "\(s[keyPath: path])"
        }
    }

    /// Sets the value `v` (validated) in `s`.
    public func set(_ v: Double, in s: inout MatchSettings) {
        switch storage {
        case .whole(let path): s[keyPath: path] = Int(v)
        case .decimal(let path): s[keyPath: path] = v
        }
    }

    public static func == (a: MatchSetting, b: MatchSetting) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// The weights and limits of a round, with documented defaults; a workspace may change any of
/// them, and they are stored with each round.
public struct MatchSettings: Sendable, Hashable, Codable {
    /// Cost of each step down a student's sector ranking. Default 30: a second-choice sector is
    /// worth half an hour of travel.
    public var sectorRankWeight: Int = 30
    /// Cost per minute of estimated one-way travel. Default 1.
    public var travelMinuteWeight: Int = 1
    /// Extra cost when a student who needs a job coach goes to an internship with a single
    /// support place (no spare support if something goes wrong). Default 15.
    public var supportScarcityWeight: Int = 15
    /// Road or route distance over straight-line distance. Default 1.3.
    public var detourFactor: Double = 1.3
    /// Door-to-door speeds in km/h. Defaults: walk 5, bike 15, ov 25 (waiting included), car 40.
    public var walkSpeed: Double = 5
    public var bikeSpeed: Double = 15
    public var ovSpeed: Double = 25
    public var carSpeed: Double = 40
    /// Minimum disruption: what it costs to move a student away from the internship of the
    /// previous draft (committed placements never move at all). Default 10: a move must gain
    /// more than ten points, ten minutes of travel a day, to be worth unsettling a student. 0
    /// turns stability off.
    public var stabilityWeight: Int = 10
    /// How long a placement runs by default: its planned end is this many weeks after its
    /// start. Default 20. Not a weight: no round depends on it.
    public var placementWeeks: Int = 20
    /// After this many days without a held placement a student is marked on the waiting list
    /// ("a wait of four weeks" loses young people from view). Default 28. Not a weight.
    public var waitingAlarmDays: Int = 28

    public init() {}

    // Rounds stored before a setting existed decode with its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MatchSettings.defaults
        sectorRankWeight = try c.decodeIfPresent(Int.self, forKey: .sectorRankWeight) ?? d.sectorRankWeight
        travelMinuteWeight = try c.decodeIfPresent(Int.self, forKey: .travelMinuteWeight) ?? d.travelMinuteWeight
        supportScarcityWeight = try c.decodeIfPresent(Int.self, forKey: .supportScarcityWeight) ?? d.supportScarcityWeight
        detourFactor = try c.decodeIfPresent(Double.self, forKey: .detourFactor) ?? d.detourFactor
        walkSpeed = try c.decodeIfPresent(Double.self, forKey: .walkSpeed) ?? d.walkSpeed
        bikeSpeed = try c.decodeIfPresent(Double.self, forKey: .bikeSpeed) ?? d.bikeSpeed
        ovSpeed = try c.decodeIfPresent(Double.self, forKey: .ovSpeed) ?? d.ovSpeed
        carSpeed = try c.decodeIfPresent(Double.self, forKey: .carSpeed) ?? d.carSpeed
        stabilityWeight = try c.decodeIfPresent(Int.self, forKey: .stabilityWeight) ?? d.stabilityWeight
        placementWeeks = try c.decodeIfPresent(Int.self, forKey: .placementWeeks) ?? d.placementWeeks
        waitingAlarmDays = try c.decodeIfPresent(Int.self, forKey: .waitingAlarmDays) ?? d.waitingAlarmDays
    }

    private static let defaults = MatchSettings()

    /// Speed of a travel mode in km/h.
    public func speed(_ mode: TravelMode) -> Double {
        switch mode {
        case .walk: walkSpeed
        case .bike: bikeSpeed
        case .ov: ovSpeed
        case .car: carSpeed
        }
    }

    /// Estimated one-way travel time in minutes: straight-line distance times the detour factor,
    /// at the mode's speed.
    /// - Complexity: O(1).
    public func travelMinutes(from a: Location, to b: Location, by mode: TravelMode) -> Double {
        a.kilometres(to: b) * minutesPerKilometre(mode)
    }

    /// Minutes per straight-line kilometre by `mode`: the detour factor at the mode's speed.
    /// The candidate graph computes it once per student (``PairRules``), with the same distance
    /// formula, so this and the solved times are one formula.
    public func minutesPerKilometre(_ mode: TravelMode) -> Double { detourFactor / speed(mode) * 60 }

    /// The farthest straight-line distance a student can go within their limit, in km.
    public func reachKilometres(minutes: Int, by mode: TravelMode) -> Double {
        Double(minutes) / 60 * speed(mode) / detourFactor
    }
}

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

    public init() {}

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
        a.kilometres(to: b) * detourFactor / speed(mode) * 60
    }

    /// The farthest straight-line distance a student can go within their limit, in km.
    public func reachKilometres(minutes: Int, by mode: TravelMode) -> Double {
        Double(minutes) / 60 * speed(mode) / detourFactor
    }
}

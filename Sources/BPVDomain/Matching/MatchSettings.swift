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
    /// Route distance over straight-line distance. Default 1.3 (see the README's travel model).
    public var detourFactor: Double = 1.3
    /// Travel speeds in km/h, once on the way. Defaults: walk 5, bike 15, scooter 25, ov 30
    /// (bus and train aboard), car 40. The README gives their sources.
    public var walkSpeed: Double = 5
    public var bikeSpeed: Double = 15
    public var scooterSpeed: Double = 25
    public var ovSpeed: Double = 30
    public var carSpeed: Double = 40
    /// Minutes a public-transport journey spends walking to and from the stops and waiting,
    /// whatever its length. Default 10.
    public var ovAccessMinutes: Int = 10
    /// Times measured by a router, which replace the model for their pairs (`import
    /// travel-times`). Not one of the weights: the workspace keeps them in a table of their own,
    /// and a round's stored settings leave them out.
    public var measuredTravel = MeasuredTravel()

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

    /// Keys of the stored JSON: each setting's property name (``MatchSetting/all``).
    private struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    // Rounds stored before a setting existed decode with its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init()
        for setting in MatchSetting.all {
            if let v = try c.decodeIfPresent(Double.self, forKey: Key(stringValue: setting.codingKey)) { setting.set(v, in: &self) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for setting in MatchSetting.all {
            switch setting.storage {
            case .whole(let path): try c.encode(self[keyPath: path], forKey: Key(stringValue: setting.codingKey))
            case .decimal(let path): try c.encode(self[keyPath: path], forKey: Key(stringValue: setting.codingKey))
            }
        }
    }

    /// Speed of a travel mode in km/h.
    public func speed(_ mode: TravelMode) -> Double {
        switch mode {
        case .walk: walkSpeed
        case .bike: bikeSpeed
        case .scooter: scooterSpeed
        case .ov: ovSpeed
        case .car: carSpeed
        }
    }

    /// Fixed minutes of a journey by `mode` whatever its length: walking to and from the stops
    /// and waiting for public transport; none for the others.
    public func accessMinutes(_ mode: TravelMode) -> Double { mode == .ov ? Double(ovAccessMinutes) : 0 }

    /// The shortest distance bpv counts, in km: two points in one postcode area (or one place)
    /// are still a journey apart. About the mean distance between two addresses of a Dutch PC4
    /// area (4,064 areas over 33,700 km² of land: 8 km² each, about 1 km apart on average).
    public static let floorKilometres = 1.0

    /// Estimated one-way travel time in minutes: a measured time where ``measuredTravel`` has
    /// one for the two postcode areas; else the straight-line distance (at least
    /// ``floorKilometres``) times the detour factor at the mode's speed, plus the mode's fixed
    /// access time. The candidate graph computes the same per student (``PairRules``).
    /// - Complexity: O(1).
    public func travelMinutes(from a: Location, to b: Location, by mode: TravelMode) -> Double {
        if let measured = measuredTravel.minutes(from: a.postcode, to: b.postcode, by: mode) { return Double(measured) }
        return travelMinutes(kilometres: a.kilometres(to: b), by: mode)
    }

    /// The travel model on a straight-line distance.
    @inline(__always)
    public func travelMinutes(kilometres: Double, by mode: TravelMode) -> Double {
        accessMinutes(mode) + max(kilometres, Self.floorKilometres) * minutesPerKilometre(mode)
    }

    /// Minutes per straight-line kilometre by `mode`: the detour factor at the mode's speed.
    public func minutesPerKilometre(_ mode: TravelMode) -> Double { detourFactor / speed(mode) * 60 }

    /// The farthest straight-line distance a student can go within their limit, in km (0 when
    /// the fixed access time alone exceeds it).
    public func reachKilometres(minutes: Int, by mode: TravelMode) -> Double {
        max(0, Double(minutes) - accessMinutes(mode)) / 60 * speed(mode) / detourFactor
    }
}

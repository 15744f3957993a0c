import BPVGeography

/// Door-to-door times a school measured with a real router (OpenTripPlanner for public
/// transport, OSRM or Valhalla for bike and walking), by postcode area and mode: where one is
/// known it replaces the travel model for that pair (``MatchSettings/travelMinutes(from:to:by:)``).
///
/// Keyed by PC4 areas: bpv keeps a pupil's postcode at four digits (see ``Postcode``), so a
/// router's times between six-character postcodes are imported at their areas.
public struct MeasuredTravel: Sendable, Hashable {
    /// One measured journey: from an area to an area by a mode.
    public struct Journey: Hashable, Sendable {
        public var from: Postcode
        public var to: Postcode
        public var mode: TravelMode
        public init(from: Postcode, to: Postcode, mode: TravelMode) {
            self.from = from
            self.to = to
            self.mode = mode
        }
    }

    /// Minutes per journey.
    public let minutes: [Journey: Int]
    /// The same, by origin and mode: destination area number → minutes (what one student's
    /// pair rules read).
    private let byOrigin: [OriginKey: [Int32: Double]]

    private struct OriginKey: Hashable {
        let from: Int
        let mode: TravelMode
    }

    /// - Complexity: O(journeys).
    public init(_ minutes: [Journey: Int] = [:]) {
        self.minutes = minutes
        var index: [OriginKey: [Int32: Double]] = [:]
        for (j, m) in minutes { index[OriginKey(from: j.from.number, mode: j.mode), default: [:]][Int32(j.to.number)] = Double(m) }
        byOrigin = index
    }

    public var isEmpty: Bool { minutes.isEmpty }
    public var count: Int { minutes.count }

    /// The measured minutes of one journey, if known.
    public func minutes(from a: Postcode?, to b: Postcode?, by mode: TravelMode) -> Int? {
        guard let a, let b else { return nil }
        return minutes[Journey(from: a, to: b, mode: mode)]
    }

    /// Every measured journey from `origin` by `mode`: destination area number → minutes.
    /// - Complexity: O(1).
    func from(_ origin: Postcode?, by mode: TravelMode) -> [Int32: Double] {
        guard let origin, !minutes.isEmpty else { return [:] }
        return byOrigin[OriginKey(from: origin.number, mode: mode)] ?? [:]
    }

    public static func == (a: MeasuredTravel, b: MeasuredTravel) -> Bool { a.minutes == b.minutes }
    public func hash(into hasher: inout Hasher) { hasher.combine(minutes.count) }
}

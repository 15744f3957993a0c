import BPVGeography

/// A point in WGS84 degrees, with the postcode area it stands for when it came from a postcode
/// (what measured travel times are looked up by).
public struct Location: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double
    /// The PC4 area, when the point is that area's (a postcode was given).
    public var postcode: Postcode?

    /// - Throws: ``DomainError/locationOutOfRange(latitude:longitude:)`` outside the valid ranges.
    public init(latitude: Double, longitude: Double) throws(DomainError) {
        guard (-90.0 ... 90.0).contains(latitude), (-180.0 ... 180.0).contains(longitude) else {
            throw .locationOutOfRange(latitude: latitude, longitude: longitude)
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Straight-line distance in kilometres, by the equirectangular approximation: within 0.1%
    /// of the great-circle distance over the tens of kilometres that matter here, and cheap
    /// enough for millions of pairs.
    /// - Complexity: O(1).
    @inlinable
    public func kilometres(to other: Location) -> Double { kilometres(toLatitude: other.latitude, longitude: other.longitude) }

    /// The one distance formula (``Earth/kilometres(_:_:_:_:)``), also for the candidate
    /// graph's hot loop, which holds an internship's point as two numbers.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func kilometres(toLatitude lat: Double, longitude lon: Double) -> Double {
        Earth.kilometres(latitude, longitude, lat, lon)
    }
}

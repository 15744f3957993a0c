import BPVGeography

extension Location {
    /// Kilometres per degree of latitude (``Earth/kmPerDegree``).
    public static var kmPerDegree: Double { Earth.kmPerDegree }

    /// A place's point (the mean of its postcode areas' points).
    public init(_ place: Place) {
        // The table's coordinates lie in the Netherlands by construction.
        latitude = place.latitude
        longitude = place.longitude
    }

    /// A postcode area's point, standing for that area.
    public init(_ area: PostcodeArea) {
        latitude = area.latitude
        longitude = area.longitude
        postcode = area.postcode
    }

    /// The place whose postcode area lies nearest, if one lies within `kilometres`: how
    /// listings, statistics and the report name where someone lives without storing an address.
    /// - Complexity: O(postcode areas).
    public func nearestPlace(within kilometres: Double = 6) -> Place? {
        Gazetteer.netherlands.nearestPlace(latitude: latitude, longitude: longitude, within: kilometres)
    }
}

/// Why a domain value could not be made.
public enum DomainError: Error, Equatable, CustomStringConvertible {
    case invalidID(String, reason: String)
    case locationOutOfRange(latitude: Double, longitude: Double)
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .invalidID(let text, let reason): "id '\(text)' \(reason)"
        case .locationOutOfRange(let lat, let lon): "location \(lat), \(lon) is outside -90...90, -180...180"
        case .invalidSetting(let why): why
        }
    }
}

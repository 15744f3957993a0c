/// Why a domain value could not be made.
public enum DomainError: Error, Equatable, CustomStringConvertible {
    case invalidID(String, reason: IDProblem)
    case locationOutOfRange(latitude: Double, longitude: Double)
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .invalidID(let text, let reason): "id '\(text)' \(reason.description)"
        case .locationOutOfRange(let lat, let lon): "location \(lat), \(lon) is outside -90...90, -180...180"
        case .invalidSetting(let why): why
        }
    }
}

/// Why a text is no pseudonymous id: a value, worded where it is shown.
public enum IDProblem: Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong
    case looksLikeCitizenNumber
    case badCharacters

    public var description: String {
        switch self {
        case .empty: "is empty"
        case .tooLong: "is longer than 40 characters"
        case .looksLikeCitizenNumber: "looks like a citizen service (BSN) or education number; use a pseudonymous id such as S-0042"
        case .badCharacters: "may contain only the letters A to Z, digits, '-' and '_'"
        }
    }
}

/// Why a domain value could not be made.
public enum DomainError: Error, Equatable, CustomStringConvertible {
    case invalidID(String, reason: IDProblem)
    case locationOutOfRange(latitude: Double, longitude: Double)
    case invalidSetting(Refusal)

    public var description: String {
        switch self {
        case .invalidID(let text, let reason): "id '\(text)' \(reason.text(.en))"
        case .locationOutOfRange(let lat, let lon): "location \(lat), \(lon) is outside -90...90, -180...180"
        case .invalidSetting(let why): why.text(.en)
        }
    }

    /// The error as a refusal of the value (an id or a location that is no value at all is
    /// said as an unknown record).
    public var refusal: Refusal {
        switch self {
        case .invalidSetting(let r): r
        case .invalidID(let text, let why): .invalidID(text, why)
        case .locationOutOfRange: .noRecord(description)
        }
    }
}

/// Why a text is no pseudonymous id: a value, worded where it is shown.
public enum IDProblem: Sendable, Hashable, CustomStringConvertible {
    public var description: String { text(.en) }

    case empty
    case tooLong
    case looksLikeCitizenNumber
    case badCharacters


}

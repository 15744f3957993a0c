/// How a student gets to work. Speeds are set per workspace in ``MatchSettings``.
public enum TravelMode: String, CaseIterable, Sendable, Codable, Hashable {
    case walk
    case bike
    /// Scooter or moped (snorfiets, bromfiets).
    case scooter
    /// Openbaar vervoer: public transport (free for BOL students).
    case ov
    case car

    /// Parses a mode, accepting `fiets`, `lopen`, `openbaar vervoer`, `auto`, `brommer` and English names.
    public init?(parsing text: String) {
        let key = text.trimmingSpaces().lowercased()
        if let m = TravelMode(rawValue: key) {
            self = m
            return
        }
        switch key {
        case "lopen", "foot", "walking": self = .walk
        case "fiets", "bicycle", "cycling": self = .bike
        case "snorfiets", "bromfiets", "brommer", "moped": self = .scooter
        case "openbaar vervoer", "public transport", "pt", "bus", "train": self = .ov
        case "auto", "driving": self = .car
        default: return nil
        }
    }
}

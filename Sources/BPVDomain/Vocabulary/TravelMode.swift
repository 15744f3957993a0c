/// How a student gets to work. Speeds are set per workspace in ``MatchSettings``.
public enum TravelMode: String, CaseIterable, Sendable, Codable, Hashable, Vocabulary {
    case walk
    case bike
    /// Scooter or moped (snorfiets, bromfiets).
    case scooter
    /// Openbaar vervoer: public transport (free for BOL students).
    case ov
    case car

    /// The longest one-way journey bpv proposes for a pupil of this mode when it looks for a
    /// longer travel limit (`gaps STUDENT`): on foot 30 minutes, by bike 45, by scooter 60, by
    /// public transport 90, by car 60. These are the limits a coordinator would still put to a
    /// pupil and their parents for a working day of six to eight hours, travelled both ways;
    /// beyond them a longer limit is not advice but a burden.
    public var reasonableCeilingMinutes: Int {
        switch self {
        case .walk: 30
        case .bike: 45
        case .scooter: 60
        case .ov: 90
        case .car: 60
        }
    }

    /// The modes in Dutch and English (`fiets`, `lopen`, `openbaar vervoer`, `brommer`, `auto`;
    /// `leerlingenvervoer`, the school taxi, travels as a car).
    public static let synonyms: [String: TravelMode] = [
        "lopen": .walk, "lopend": .walk, "te_voet": .walk, "voet": .walk, "foot": .walk, "walking": .walk, "on_foot": .walk,
        "fiets": .bike, "fietsen": .bike, "e_bike": .bike, "bicycle": .bike, "cycling": .bike,
        "snorfiets": .scooter, "bromfiets": .scooter, "brommer": .scooter, "scooter": .scooter, "moped": .scooter,
        "openbaar_vervoer": .ov, "public_transport": .ov, "pt": .ov, "bus": .ov, "train": .ov, "trein": .ov, "tram": .ov, "metro": .ov,
        "auto": .car, "driving": .car, "taxi": .car, "leerlingenvervoer": .car,
    ]
}

/// A branch of work, in the words BPV coordinators use.
public enum Sector: String, CaseIterable, Sendable, Codable, Hashable {
    /// Detailhandel: shops and supermarkets.
    case retail
    case logistiek
    /// Care.
    case zorg
    /// Technical work.
    case techniek
    /// Hospitality.
    case horeca
    /// Green work: gardening, landscaping.
    case groen

    /// Parses a sector name, forgiving case, spacing and the common synonyms
    /// (`detailhandel`, `detail`, `logistics`, `care`, `techniek`/`technical`, `hospitality`, `green`).
    ///
    /// ```swift
    /// Sector(parsing: " Detailhandel ")  // .retail
    /// ```
    public init?(parsing text: String) {
        let key = text.trimmingSpaces().lowercased()
        if let s = Sector(rawValue: key) {
            self = s
            return
        }
        switch key {
        case "detailhandel", "detail": self = .retail
        case "logistics", "logistic": self = .logistiek
        case "care": self = .zorg
        case "technical", "technics", "technology": self = .techniek
        case "hospitality", "catering": self = .horeca
        case "green", "groenvoorziening": self = .groen
        default: return nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }
}

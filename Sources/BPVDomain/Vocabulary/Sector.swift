/// A branch of work, in the words BPV coordinators use.
public enum Sector: String, CaseIterable, Sendable, Codable, Hashable, Vocabulary {
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

    /// The sectors as SBB, schools and employers write them (`detailhandel`, `zorg en welzijn`,
    /// `Zorg & Welzijn`, `groenvoorziening`, `transport en logistiek`, `hospitality`, ...).
    public static let synonyms: [String: Sector] = [
        "detailhandel": .retail, "detail": .retail, "handel": .retail, "winkel": .retail, "handel_en_detailhandel": .retail,
        "logistics": .logistiek, "logistic": .logistiek, "transport": .logistiek, "transport_en_logistiek": .logistiek,
        "logistiek_en_transport": .logistiek, "magazijn": .logistiek,
        "care": .zorg, "zorg_en_welzijn": .zorg, "welzijn": .zorg, "zorg_welzijn": .zorg, "health_care": .zorg,
        "technical": .techniek, "technics": .techniek, "technology": .techniek, "techniek_en_installatie": .techniek,
        "hospitality": .horeca, "catering": .horeca, "horeca_en_bakkerij": .horeca, "keuken": .horeca,
        "green": .groen, "groenvoorziening": .groen, "groene_sector": .groen, "hovenier": .groen, "dierverzorging": .groen,
    ]
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

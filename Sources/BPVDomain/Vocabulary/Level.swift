/// An MBO qualification level. Entree is level 1.
public enum Level: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case entree
    case two = "2"
    case three = "3"
    case four = "4"

    /// Parses `entree`, `1`, `2`, `3`, `4`, also as `niveau 2` or `level 2`.
    public init?(parsing text: String) {
        var key = text.trimmingSpaces().lowercased()
        for prefix in ["niveau ", "level ", "mbo "] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        switch key {
        case "entree", "1": self = .entree
        case "2": self = .two
        case "3": self = .three
        case "4": self = .four
        default: return nil
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}

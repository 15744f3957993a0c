/// Where a pupil learns: praktijkonderwijs (PRO), voortgezet speciaal onderwijs (VSO), or an MBO
/// level (Entree is level 1). Ordered as listed.
public enum Level: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Praktijkonderwijs: secondary school that prepares for work.
    case pro
    /// Voortgezet speciaal onderwijs: special secondary education.
    case vso
    case entree
    case two = "2"
    case three = "3"
    case four = "4"

    /// Parses `pro`, `vso`, `entree`, `1` to `4`, also as `praktijkonderwijs`, `voortgezet
    /// speciaal onderwijs`, `niveau 2`, `level 2` or `mbo 2`.
    public init?(parsing text: String) {
        var key = text.trimmingSpaces().lowercased()
        for prefix in ["niveau ", "level ", "mbo "] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        switch key {
        case "pro", "praktijkonderwijs", "praktijk onderwijs": self = .pro
        case "vso", "voortgezet speciaal onderwijs", "(v)so", "so/vso": self = .vso
        case "entree", "entreeopleiding", "1": self = .entree
        case "2": self = .two
        case "3": self = .three
        case "4": self = .four
        default: return nil
        }
    }

    /// The levels as help and refusals list them.
    public static let spelled = "pro, vso, entree, 2, 3 or 4"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }

    /// Whether pupils of this level may carry an ``ExitProfile`` (PRO and VSO).
    public var hasExitProfile: Bool { self == .pro || self == .vso }
}

/// A PRO or VSO pupil's uitstroomprofiel: where school prepares them to go.
public enum ExitProfile: String, CaseIterable, Sendable, Codable, Hashable {
    /// Work (arbeidsmarktgerichte uitstroom).
    case arbeidsmarkt
    /// Further education (mostly MBO Entree or level 2).
    case vervolgonderwijs
    /// Day activities (dagbesteding).
    case dagbesteding

    /// Parses the profile, also as `arbeid`, `werk`, `vervolg`, `mbo`, `work`, `further education`
    /// or `day activities`.
    public init?(parsing text: String) {
        let key = text.trimmingSpaces().lowercased()
        if let p = ExitProfile(rawValue: key) {
            self = p
            return
        }
        switch key {
        case "arbeid", "werk", "work", "labour market", "labor market", "uitstroomprofiel arbeidsmarkt": self = .arbeidsmarkt
        case "vervolg", "mbo", "further education", "education": self = .vervolgonderwijs
        case "dagbesteding (arbeidsmatig)", "day activities", "day care": self = .dagbesteding
        default: return nil
        }
    }
}

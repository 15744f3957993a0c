/// The language people read bpv in: Dutch or English.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case nl

    /// The language of a POSIX environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set decides (`nl`, `nl_NL.UTF-8`, `nl_BE` are Dutch); nil when none is set or it
    /// names another language.
    public static func of(environment: [String: String]) -> Language? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let code = value.prefix { $0.isLetter }.lowercased()
            return code == "nl" ? .nl : code == "en" ? .en : nil
        }
        return nil
    }

    /// The language one run was asked for before any workspace has its say: `--lang` (which
    /// the command line passes on as `BPV_LANG`), else the environment's; nil when neither says.
    public static func forRun(environment: [String: String]) -> Language? {
        environment["BPV_LANG"].flatMap(Language.init(parsing:)) ?? of(environment: environment)
    }

    /// Parses `nl`, `en`, `nederlands`, `dutch`, `english`, `engels`.
    public init?(parsing text: String) {
        switch text.trimmingSpaces().lowercased() {
        case "nl", "nederlands", "dutch", "nl_nl": self = .nl
        case "en", "english", "engels", "en_gb", "en_us": self = .en
        default: return nil
        }
    }

    /// How a CSV file is written for readers of this language: Dutch spreadsheets split on `;`
    /// and write decimals with a comma.
    public var csvSeparator: Character { self == .nl ? ";" : "," }
    public var decimalSeparator: Character { self == .nl ? "," : "." }
}

extension Language {
    /// A word bpv stores and prints (a sector, an accommodation, a certificate, a travel mode, a
    /// status, an outcome) as a reader of this language reads it: a Dutch reader sees
    /// `detailhandel`, `prikkelarm`, `fiets`, `concept`. Commands still take either spelling.
    public func word(_ stored: String) -> String {
        self == .nl ? Self.dutchWords[stored] ?? stored : stored
    }

    /// The Dutch words for bpv's stored English ones (the Dutch-named sectors, `logistiek`,
    /// `zorg`, are stored as they are).
    static let dutchWords: [String: String] = [
        // Sectors, travel modes, accommodations, certificates.
        "retail": "detailhandel", "walk": "lopen", "bike": "fiets", "scooter": "brommer", "car": "auto",
        "wheelchair": "rolstoel", "quiet": "prikkelarm", "fixed_mentor": "vaste_werkbegeleider",
        "clear_instructions": "duidelijke_instructies",
        // Statuses and outcomes.
        "draft": "concept", "pinned": "vastgezet", "proposed": "voorgedragen", "agreed": "afgesproken", "active": "gestart",
        "unplaced": "ongeplaatst", "committed": "vastgelegd", "completed": "afgerond", "broke_down": "afgebroken",
        "left": "vertrokken", "other": "anders", "declined_by_employer": "afgewezen_door_werkgever",
        "declined_by_student": "afgewezen_door_leerling",
        // Gap kinds.
        "place": "plaats", "support place": "plaats met begeleiding", "new place": "nieuwe plaats",
    ]
}

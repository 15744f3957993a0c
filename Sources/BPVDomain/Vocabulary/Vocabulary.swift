/// A word list of bpv (sectors, accommodations, travel modes, certificates), read in English or
/// Dutch as schools write them: the stored word is the raw value; ``synonyms`` holds every other
/// spelling, keyed as ``key(_:)`` compares them. One table per word list, so parsing and the
/// near-miss suggestions of an import read the same spellings.
public protocol Vocabulary: RawRepresentable, CaseIterable where RawValue == String {
    /// Other spellings (Dutch, English, the usual variants), as keys, to their word.
    static var synonyms: [String: Self] { get }
}

extension Vocabulary {
    /// A spelling as compared: trimmed, lowercased, spaces and dashes as `_`, `&` as `en`
    /// (`Zorg & Welzijn` is `zorg_en_welzijn`).
    public static func key(_ text: String) -> String {
        var out = ""
        for c in text.trimmingSpaces().lowercased() {
            switch c {
            case " ", "-", "\u{A0}": if !out.isEmpty, out.last != "_" { out.append("_") }
            case "&": out += out.last == "_" ? "en" : "_en"
            default: out.append(c)
            }
        }
        return out
    }

    /// Parses any spelling of a word; nil when it is none.
    public init?(parsing text: String) {
        let k = Self.key(text)
        guard let word = Self(rawValue: k) ?? Self.synonyms[k] else { return nil }
        self = word
    }

    /// Every accepted spelling, the stored words first.
    public static var spellings: [String] { allCases.map(\.rawValue) + synonyms.keys.sorted() }
}

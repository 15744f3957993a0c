/// A pseudonymous identifier for a student, internship or employer, such as `S-0042` or `I-17`.
///
/// Only ASCII letters, digits, `-` and `_`: an id is compared exactly, so letters that look alike
/// in two Unicode encodings (`Å` and the ångström sign), invisible characters or a `.` that
/// Excel turns into a number could otherwise make two records of one, or one of two.
///
/// bpv never stores citizen service numbers (BSN) or education numbers: an id whose digits,
/// with dots, dashes, spaces or a prefix around them, pass the BSN eleven-test is refused,
/// and so is an id of eight to ten digits and nothing else.
public struct PseudonymousID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let value: String

    /// - Throws: ``DomainError/invalidID(_:reason:)``.
    public init(_ text: String) throws(DomainError) {
        let v = text.trimmingSpaces()
        guard !v.isEmpty else { throw .invalidID(text, reason: .empty) }
        guard v.count <= 40 else { throw .invalidID(text, reason: .tooLong) }
        if ((8 ... 10).contains(v.count) && v.allSatisfy(\.isNumber)) || Self.containsCitizenNumber(v) {
            throw .invalidID(
                text, reason: .looksLikeCitizenNumber)
        }
        guard v.unicodeScalars.allSatisfy({ ("a" ... "z").contains($0) || ("A" ... "Z").contains($0) || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_" })
        else {
            throw .invalidID(Self.visible(text), reason: .badCharacters)
        }
        value = v
    }

    /// An id the workspace already holds, read back as it was stored: a workspace made by a
    /// release with looser rules keeps opening, while imports go through ``init(_:)``.
    public init(stored value: String) { self.value = value }

    /// Whether the digits of `text` (8 or 9 of them, separators and a prefix ignored) pass the
    /// BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11.
    /// - Complexity: O(length).
    static func containsCitizenNumber(_ text: String) -> Bool {
        let digits = text.unicodeScalars.compactMap { ("0" ... "9").contains($0) ? Int($0.value) - 48 : nil }
        guard digits.count == 8 || digits.count == 9 else { return false }
        let nine = digits.count == 8 ? [0] + digits : digits
        guard nine.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (k, d) in nine.enumerated() { sum += (k < 8 ? 9 - k : -1) * d }
        return sum % 11 == 0
    }

    public var description: String { value }
    public static func < (a: PseudonymousID, b: PseudonymousID) -> Bool { a.value < b.value }

    /// `text` with control and invisible characters shown as `\u{…}`, so that an error can
    /// name what is wrong without passing a terminal escape through.
    static func visible(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            if u.value < 0x20 || (0x7F ... 0x9F).contains(u.value) || u.properties.isDefaultIgnorableCodePoint || (0x2028 ... 0x2029).contains(u.value) {
                out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

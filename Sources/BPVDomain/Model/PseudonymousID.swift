/// A pseudonymous identifier for a student or internship, such as `S-0042` or `I-17`.
///
/// bpv never stores citizen service numbers (BSN) or education numbers: an id of eight to ten
/// digits and nothing else is refused, because that is what those numbers look like.
public struct PseudonymousID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let value: String

    /// - Throws: ``DomainError/invalidID(_:reason:)``.
    public init(_ text: String) throws(DomainError) {
        let v = text.trimmingSpaces()
        guard !v.isEmpty else { throw .invalidID(text, reason: "is empty") }
        guard v.count <= 40 else { throw .invalidID(text, reason: "is longer than 40 characters") }
        guard v.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." })
        else {
            throw .invalidID(text, reason: "may contain only letters, digits, '-', '_' and '.'")
        }
        if (8 ... 10).contains(v.count), v.allSatisfy(\.isNumber) {
            throw .invalidID(
                text, reason: "looks like a citizen service (BSN) or education number; use a pseudonymous id such as S-0042")
        }
        value = v
    }

    public var description: String { value }
    public static func < (a: PseudonymousID, b: PseudonymousID) -> Bool { a.value < b.value }
}

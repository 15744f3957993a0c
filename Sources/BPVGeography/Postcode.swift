/// A Dutch four-digit postcode area (PC4, `1000` to `9999`).
///
/// bpv keeps postcodes at four digits on purpose: a six-character postcode (`1234 AB`) points to
/// a street side of a few dozen homes, which a register of vulnerable pupils should not hold,
/// while a PC4 area (a neighbourhood or a village) is precise enough for travel times. A
/// six-character postcode is read and falls back to its PC4.
public struct Postcode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The four digits as a number, 1000 ... 9999.
    public let number: Int

    /// - Returns: nil outside 1000 ... 9999.
    public init?(number: Int) {
        guard (1000 ... 9999).contains(number) else { return nil }
        self.number = number
    }

    /// Reads `1234`, `1234AB`, `1234 ab` or `1234-AB` (spaces around are ignored).
    /// - Throws: ``GeographyError/malformedPostcode(_:)`` for anything else.
    /// - Complexity: O(length of `text`).
    public init(parsing text: String) throws(GeographyError) {
        let chars = Array(text.unicodeScalars.filter { $0 != " " && $0 != "\u{A0}" && $0 != "-" && $0 != "\t" })
        guard chars.count == 4 || chars.count == 6 else { throw .malformedPostcode(text) }
        var n = 0
        for c in chars.prefix(4) {
            guard ("0" ... "9").contains(c) else { throw .malformedPostcode(text) }
            n = n * 10 + Int(c.value - 48)
        }
        for c in chars.dropFirst(4) where !(("A" ... "Z").contains(c) || ("a" ... "z").contains(c)) {
            throw .malformedPostcode(text)
        }
        guard let p = Postcode(number: n) else { throw .malformedPostcode(text) }
        self = p
    }

    public var description: String { String(number) }

    public static func < (a: Postcode, b: Postcode) -> Bool { a.number < b.number }

    public init(from decoder: any Decoder) throws {
        let n = try decoder.singleValueContainer().decode(Int.self)
        guard let p = Postcode(number: n) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "postcode \(n) outside 1000...9999"))
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(number)
    }
}

/// A branch certificate that opens doors: required by some internships, held by some students.
public enum Certificate: String, CaseIterable, Sendable, Codable, Hashable {
    /// Forklift certificate, for logistics.
    case heftruck
    /// Safety certificate for technical work.
    case vca
    /// Certificate of conduct (verklaring omtrent het gedrag), for care.
    case vog
    /// Emergency response (bedrijfshulpverlening).
    case bhv
    /// Food hygiene, for hospitality.
    case haccp

    /// Parses a certificate name, forgiving case and spacing (`Heftruck`, `VCA`).
    public init?(parsing text: String) {
        let key = text.trimmingSpaces().lowercased()
        if let c = Certificate(rawValue: key) {
            self = c
            return
        }
        switch key {
        case "forklift", "heftruckcertificaat": self = .heftruck
        case "vca basis", "vca-basis", "vca vol", "vca-vol": self = .vca
        default: return nil
        }
    }

    var bit: UInt8 { UInt8(1) << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
}

/// A set of certificates as a bitmask.
public struct CertificateSet: Sendable, Hashable, Codable {
    public private(set) var bits: UInt8 = 0

    public init(_ items: some Sequence<Certificate> = []) {
        for c in items { bits |= c.bit }
    }

    public func contains(_ c: Certificate) -> Bool { bits & c.bit != 0 }
    public func isSuperset(of other: CertificateSet) -> Bool { other.bits & ~bits == 0 }
    public func missing(from held: CertificateSet) -> [Certificate] {
        Certificate.allCases.filter { contains($0) && !held.contains($0) }
    }
    public var elements: [Certificate] { Certificate.allCases.filter(contains) }
}

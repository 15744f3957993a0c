/// A branch certificate that opens doors: required by some internships, held by some students.
public enum Certificate: String, CaseIterable, Sendable, Codable, Hashable, Vocabulary {
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
    /// Other spellings (`heftruckcertificaat`, `vca basis`, `forklift`).
    public static let synonyms: [String: Certificate] = [
        "forklift": .heftruck, "heftruckcertificaat": .heftruck, "heftruck_certificaat": .heftruck,
        "vca_basis": .vca, "vca_vol": .vca, "b_vca": .vca, "verklaring_omtrent_het_gedrag": .vog,
    ]

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

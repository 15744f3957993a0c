/// Something the workplace must provide for a student: support needs are recorded only in these
/// terms, never as a diagnosis (GDPR special-category data is kept to what the employer must do).
public enum Accommodation: String, CaseIterable, Sendable, Codable, Hashable, Vocabulary {
    /// A job coach on site. A student who needs one takes one of the internship's support places.
    case jobcoach
    /// Wheelchair access.
    case wheelchair
    /// A quiet, low-stimulus (prikkelarm) workplace.
    case quiet
    /// The same mentor every day.
    case fixedMentor = "fixed_mentor"
    /// Language support (Dutch as a second language).
    case nt2
    /// Short and clear instructions.
    case clearInstructions = "clear_instructions"

    /// The accommodations in the words of a Dutch school file (`prikkelarm`,
    /// `vaste_werkbegeleider`, `duidelijke_instructies`, `rolstoel`), also with a dash or a space.
    public static let synonyms: [String: Accommodation] = [
        "job_coach": .jobcoach, "jobcoach_op_de_werkplek": .jobcoach, "begeleiding_op_de_werkplek": .jobcoach,
        "rolstoel": .wheelchair, "rolstoeltoegankelijk": .wheelchair, "wheelchair_access": .wheelchair,
        "prikkelarm": .quiet, "prikkelarme_werkplek": .quiet, "rustige_werkplek": .quiet, "rustig": .quiet, "low_stimulus": .quiet,
        "vaste_werkbegeleider": .fixedMentor, "vaste_begeleider": .fixedMentor, "vaste_mentor": .fixedMentor, "fixed_supervisor": .fixedMentor,
        "taalondersteuning": .nt2, "nederlands_als_tweede_taal": .nt2, "dutch_as_a_second_language": .nt2,
        "duidelijke_instructies": .clearInstructions, "korte_instructies": .clearInstructions,
        "korte_duidelijke_instructies": .clearInstructions, "clear_instruction": .clearInstructions,
    ]

    /// The bit of this accommodation in an ``AccommodationSet``.
    var bit: UInt8 { UInt8(1) << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
}

/// A set of accommodations as a bitmask, for the candidate test of millions of pairs.
public struct AccommodationSet: Sendable, Hashable, Codable {
    public private(set) var bits: UInt8 = 0

    public init(_ items: some Sequence<Accommodation> = []) {
        for a in items { bits |= a.bit }
    }

    public func contains(_ a: Accommodation) -> Bool { bits & a.bit != 0 }
    /// Whether every accommodation in `other` is in this set.
    public func isSuperset(of other: AccommodationSet) -> Bool { other.bits & ~bits == 0 }
    /// The accommodations of `self` that `provided` lacks.
    public func missing(from provided: AccommodationSet) -> [Accommodation] {
        Accommodation.allCases.filter { contains($0) && !provided.contains($0) }
    }
    public var elements: [Accommodation] { Accommodation.allCases.filter(contains) }
}

extension String {
    func replacingDashesAndSpaces() -> String {
        String(map { $0 == "-" || $0 == " " ? "_" : $0 })
    }
}

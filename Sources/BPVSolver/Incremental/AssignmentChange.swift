/// One change to a solved instance, for ``IncrementalAssignment/apply(_:)``.
///
/// Students and internships keep their indices for the life of a session: a removed student
/// stays as an inert index (no arcs, unplaced at no cost) and a removed internship keeps its
/// index with no places, so every other index a caller holds stays valid.
public enum AssignmentChange: Sendable, Equatable {
    /// Replaces all of a student's arcs (covers pins, bans and travel-limit changes at once).
    case setArcs(student: Int, arcs: [Arc])
    /// Adds an arc, or changes its cost when the pair has one.
    case setArc(student: Int, arc: Arc)
    /// Removes the student's arc to an internship (a ban).
    case removeArc(student: Int, internship: Int32)
    /// The student's priority tier (lexicographic objective only).
    case setTier(student: Int, tier: UInt8)
    /// The student's unplaced cost, nil when it must be placed (explicit-cost objective only).
    case setUnplacedCost(student: Int, cost: Int64?)
    /// Whether the student must be placed (a pin): it is then never left unplaced.
    case setMustPlace(student: Int, Bool)
    case setCapacity(internship: Int, places: Int32)
    case setSupportCapacity(internship: Int, places: Int32)
    /// A new student, at index ``IncrementalAssignment/studentCount`` before the change.
    case addStudent(arcs: [Arc], tier: UInt8, unplacedCost: Int64?, needsSupport: Bool)
    /// The student drops out: no arcs, unplaced at no cost.
    case removeStudent(Int)
    /// A new internship, at index ``IncrementalAssignment/internshipCount`` before the change.
    case addInternship(places: Int32, supportPlaces: Int32)
    /// The internship closes: no places.
    case removeInternship(Int)
}

/// A student's arc: the internship and the cost of placing the student there.
public struct Arc: Sendable, Hashable {
    public var internship: Int32
    public var cost: Int64

    public init(internship: Int32, cost: Int64) {
        self.internship = internship
        self.cost = cost
    }
}

/// The work one repair did, for benchmarks and tests.
public struct RepairStatistics: Sendable, Equatable {
    /// Students taken out and augmented again.
    public var reaugmented: Int
    /// Searches run (one per re-augmented student).
    public var searches: Int
    /// Arcs scanned by those searches.
    public var scannedArcs: Int
    /// Whether the repair fell back to a cold solve (the penalty scale had to grow).
    public var resolvedCold: Bool
}

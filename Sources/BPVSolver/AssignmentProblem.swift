/// A capacitated assignment instance: `studentCount` rows with unit demand, `internshipCount`
/// columns with integer capacities, and sparse candidate arcs stored row by row (CSR).
///
/// Students and internships are plain indices; this module knows nothing of what they mean.
/// Arcs of student `s` are `arcStart[s] ..< arcStart[s + 1]`, each naming an internship in
/// `arcInternship` and an integer cost in `arcCost`. Each student's arcs are kept cheapest first
/// (ties by internship): the solver stops scanning a student at the first arc too expensive to
/// matter. Input already in that order is kept as it is; otherwise the arcs are reordered, so
/// arc indices refer to this type's arrays, not to the order given.
///
/// ```swift
/// // Two students, one internship with one place: student 1 is cheaper there.
/// let problem = try AssignmentProblem(
///     capacities: [1],
///     arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [7, 3])
/// let assignment = try AssignmentSolver().solve(problem)
/// // assignment.internship(of: 1) == 0, assignment.placedCount == 1, assignment.cost == 3
/// ```
public struct AssignmentProblem: Sendable, Equatable {
    /// The largest absolute arc or unplaced cost accepted: 2^40, about 1.1e12.
    ///
    /// Together with ``maximumStudentCount`` this keeps every path length, potential and total
    /// well inside `Int64` (see ``costBound``).
    public static let maximumAbsoluteCost: Int64 = 1 << 40

    /// The largest number of students accepted: 2^24, about 16.7 million.
    public static let maximumStudentCount = 1 << 24

    /// Number of students (rows).
    public let studentCount: Int
    /// Capacity of each internship (columns); zero is allowed.
    public let capacities: [Int32]
    /// Row offsets into the arc arrays; `studentCount + 1` entries, starting at 0.
    public let arcStart: [Int32]
    /// Internship index of each arc.
    public let arcInternship: [Int32]
    /// Cost of each arc.
    public let arcCost: [Int64]
    /// What leaving a student unplaced means.
    public let objective: Objective
    /// Optional per-internship limit on students who need intensive support.
    public let support: SupportLimits?

    /// Number of internships.
    public var internshipCount: Int { capacities.count }
    /// Number of candidate arcs.
    public var arcCount: Int { arcInternship.count }

    /// The arcs of one student as a range of arc indices.
    /// - Complexity: O(1).
    @inlinable
    public func arcs(of student: Int) -> Range<Int> {
        Int(arcStart[student]) ..< Int(arcStart[student + 1])
    }

    /// Creates and validates an instance.
    ///
    /// - Parameters:
    ///   - capacities: places per internship, each `>= 0`.
    ///   - arcStart: CSR row offsets (`studentCount + 1` entries, non-decreasing, from 0 to the arc count).
    ///   - arcInternship: internship of each arc, in `0 ..< capacities.count`.
    ///   - arcCost: cost of each arc, `|cost| <= maximumAbsoluteCost`.
    ///   - objective: lexicographic placement maximisation (the default) or explicit unplaced costs.
    ///   - support: optional support capacities and flags.
    /// - Throws: ``AssignmentProblemError`` naming the first inconsistency.
    /// - Complexity: O(students + internships + arcs).
    public init(
        capacities: [Int32],
        arcStart: [Int32],
        arcInternship: consuming [Int32],
        arcCost: consuming [Int64],
        objective: Objective = .maximizePlacements(tiers: []),
        support: SupportLimits? = nil
    ) throws(AssignmentProblemError) {
        guard let last = arcStart.last, arcStart.first == 0 else {
            throw .malformedArcOffsets("arcStart must start at 0 and have studentCount + 1 entries")
        }
        let n = arcStart.count - 1
        guard n <= Self.maximumStudentCount else { throw .tooManyStudents(n) }
        guard Int(last) == arcInternship.count, arcInternship.count == arcCost.count else {
            throw .malformedArcOffsets(
                "arcStart ends at \(last) but there are \(arcInternship.count) arc targets and \(arcCost.count) costs")
        }
        for s in 0 ..< n where arcStart[s] > arcStart[s + 1] {
            throw .malformedArcOffsets("arcStart decreases at student \(s)")
        }
        for (j, c) in capacities.enumerated() where c < 0 {
            throw .negativeCapacity(internship: j, capacity: c)
        }
        let m = Int32(capacities.count)
        for (a, j) in arcInternship.enumerated() where j < 0 || j >= m {
            throw .internshipOutOfRange(arc: a, internship: j)
        }
        for (a, c) in arcCost.enumerated() where c > Self.maximumAbsoluteCost || c < -Self.maximumAbsoluteCost {
            throw .costOutOfRange(arc: a, cost: c)
        }
        switch objective {
        case .maximizePlacements(let tiers):
            guard tiers.isEmpty || tiers.count == n else {
                throw .lengthMismatch("tiers has \(tiers.count) entries for \(n) students")
            }
        case .unplacedCosts(let costs):
            guard costs.count == n else {
                throw .lengthMismatch("unplacedCosts has \(costs.count) entries for \(n) students")
            }
            for (s, c) in costs.enumerated() {
                if let c, c > Self.maximumAbsoluteCost || c < -Self.maximumAbsoluteCost {
                    throw .unplacedCostOutOfRange(student: s, cost: c)
                }
            }
        }
        if let support {
            guard support.capacities.count == capacities.count else {
                throw .lengthMismatch(
                    "support capacities has \(support.capacities.count) entries for \(capacities.count) internships")
            }
            guard support.needsSupport.count == n else {
                throw .lengthMismatch("needsSupport has \(support.needsSupport.count) entries for \(n) students")
            }
            for (j, c) in support.capacities.enumerated() where c < 0 {
                throw .negativeCapacity(internship: j, capacity: c)
            }
        }
        Self.sortArcsCheapestFirst(arcStart: arcStart, internship: &arcInternship, cost: &arcCost)
        self.studentCount = n
        self.capacities = capacities
        self.arcStart = arcStart
        self.arcInternship = arcInternship
        self.arcCost = arcCost
        self.objective = objective
        self.support = support
    }
}

extension AssignmentProblem {
    /// Orders each student's arcs by (cost, internship), in place.
    /// - Complexity: O(arcs) when already ordered; O(arcs · log(arcs per student)) otherwise.
    static func sortArcsCheapestFirst(arcStart: [Int32], internship: inout [Int32], cost: inout [Int64]) {
        let n = arcStart.count - 1
        // Read first: arrays already in order (the candidate graph's, a session's) are shared
        // with their maker, and asking for mutable storage would copy them whole.
        let first = internship.withUnsafeBufferPointer { target in
            cost.withUnsafeBufferPointer { cost in
                (0 ..< n).first { !inOrder(Int(arcStart[$0]), Int(arcStart[$0 + 1]), target.baseAddress, cost.baseAddress) }
            }
        }
        guard let first else { return }
        var scratch: [(Int64, Int32)] = []
        internship.withUnsafeMutableBufferPointer { target in
            cost.withUnsafeMutableBufferPointer { cost in
                for s in first ..< n {
                    let begin = Int(arcStart[s]), end = Int(arcStart[s + 1])
                    if inOrder(begin, end, target.baseAddress, cost.baseAddress) { continue }
                    scratch.removeAll(keepingCapacity: true)
                    for a in begin ..< end { scratch.append((cost[a], target[a])) }
                    scratch.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                    for (i, e) in scratch.enumerated() {
                        cost[begin + i] = e.0
                        target[begin + i] = e.1
                    }
                }
            }
        }
    }

    /// Whether the arcs `begin ..< end` are in (cost, internship) order.
    /// - Complexity: O(end - begin).
    @inline(__always)
    private static func inOrder(_ begin: Int, _ end: Int, _ target: UnsafePointer<Int32>?, _ cost: UnsafePointer<Int64>?) -> Bool {
        guard let target, let cost else { return true }
        for a in begin ..< max(begin, end - 1) where cost[a] > cost[a + 1] || (cost[a] == cost[a + 1] && target[a] > target[a + 1]) {
            return false
        }
        return true
    }
}

/// What the solver optimises.
public enum Objective: Sendable, Equatable {
    /// Place as many students as possible, dropping lower tiers first when not all fit, then
    /// minimise total arc cost. `tiers` is empty (all equal) or one tier per student, higher is
    /// more important.
    ///
    /// Implemented exactly, without an overflow-prone constant: see ``AssignmentProblem/penaltyScale``.
    case maximizePlacements(tiers: [UInt8])
    /// Each student may be left unplaced at the given cost, or must be placed where `nil`.
    /// Minimises total cost; this is the DIMACS reading of a student->sink arc.
    case unplacedCosts([Int64?])
}

/// At most `capacities[j]` of internship `j`'s places may go to students flagged in `needsSupport`;
/// its remaining places stay open to everyone.
public struct SupportLimits: Sendable, Equatable {
    /// Per internship: how many places can take a student who needs intensive support.
    public var capacities: [Int32]
    /// Per student: needs intensive support.
    public var needsSupport: [Bool]

    public init(capacities: [Int32], needsSupport: [Bool]) {
        self.capacities = capacities
        self.needsSupport = needsSupport
    }
}

/// Why an ``AssignmentProblem`` could not be built.
public enum AssignmentProblemError: Error, Equatable, CustomStringConvertible {
    case malformedArcOffsets(String)
    case tooManyStudents(Int)
    case negativeCapacity(internship: Int, capacity: Int32)
    case internshipOutOfRange(arc: Int, internship: Int32)
    case costOutOfRange(arc: Int, cost: Int64)
    case unplacedCostOutOfRange(student: Int, cost: Int64)
    case lengthMismatch(String)
    /// The cost range times the instance size would not fit the solver's 64-bit arithmetic.
    case costRangeTooLarge(bound: String)

    public var description: String {
        switch self {
        case .malformedArcOffsets(let why): "malformed arc offsets: \(why)"
        case .tooManyStudents(let n): "\(n) students is more than the \(AssignmentProblem.maximumStudentCount) supported"
        case .negativeCapacity(let j, let c): "internship \(j) has negative capacity \(c)"
        case .internshipOutOfRange(let a, let j): "arc \(a) names internship \(j), which does not exist"
        case .costOutOfRange(let a, let c):
            "arc \(a) has cost \(c), outside ±\(AssignmentProblem.maximumAbsoluteCost)"
        case .unplacedCostOutOfRange(let s, let c):
            "student \(s) has unplaced cost \(c), outside ±\(AssignmentProblem.maximumAbsoluteCost)"
        case .lengthMismatch(let why): "length mismatch: \(why)"
        case .costRangeTooLarge(let bound):
            "costs too large for this many students: \(bound) exceeds the safe 64-bit bound 2^61"
        }
    }
}

/// An optimal assignment with the dual potentials that certify it.
public struct Assignment: Sendable, Equatable {
    /// Per student: the arc used, or -1 when unplaced.
    public let arcOfStudent: [Int32]
    /// Per student: the internship, or -1 when unplaced.
    public let internshipOfStudent: [Int32]
    /// Number of students placed.
    public let placedCount: Int
    /// Sum of the costs of the arcs used.
    public let arcCost: Int64
    /// Sum of the unplaced costs charged (``Objective/unplacedCosts(_:)`` only; 0 otherwise).
    public let unplacedCost: Int64
    /// Potentials proving optimality; see ``Duals``.
    public let duals: Duals
    /// How much work the solve took.
    public let statistics: SolveStatistics

    /// The internship of `student`, or `nil` when unplaced.
    /// - Complexity: O(1).
    public func internship(of student: Int) -> Int? {
        let j = internshipOfStudent[student]
        return j < 0 ? nil : Int(j)
    }

    /// Total objective in min-cost-flow terms: arc cost plus the charged unplaced costs.
    public var totalCost: Int64 { arcCost + unplacedCost }
}

/// Node potentials `π` of the min-cost-flow network behind an ``AssignmentProblem``.
///
/// The network: each student sends one unit to the sink, either along a candidate arc to an
/// internship (or to the internship's support pool, for a flagged student when
/// ``SupportLimits`` are given) or along its unplaced arc. A pool forwards at most its support
/// capacity to its internship; an internship forwards at most its capacity to the sink.
///
/// With the reduced cost of a residual arc `u -> v` defined as `cost + π(u) - π(v)` (a backward
/// arc has the negated cost), every residual arc has a non-negative reduced cost: the flow is a
/// minimum-cost one. ``OptimalityCertificate`` checks exactly that.
public struct Duals: Sendable, Equatable {
    /// Per student.
    public let students: [Int64]
    /// Per internship.
    public let internships: [Int64]
    /// Per internship's support pool; empty without ``SupportLimits``.
    public let supportPools: [Int64]
    /// The sink; the solver anchors it at 0.
    public let sink: Int64

    public init(students: [Int64], internships: [Int64], supportPools: [Int64], sink: Int64) {
        self.students = students
        self.internships = internships
        self.supportPools = supportPools
        self.sink = sink
    }
}

/// Why a solve failed.
public enum SolverError: Error, Equatable, CustomStringConvertible {
    /// The instance itself is unusable.
    case invalidProblem(AssignmentProblemError)
    /// A student that must be placed (no unplaced cost) has no way in, given everyone else.
    case infeasible(student: Int)
    /// The solve was cancelled through ``AssignmentSolver/shouldCancel``.
    case cancelled
    /// An incremental change names something that does not exist or does not fit the instance.
    case invalidChange(String)

    public var description: String {
        switch self {
        case .invalidProblem(let e): e.description
        case .infeasible(let s):
            "infeasible: student \(s) must be placed but no remaining capacity can be reached"
        case .cancelled: "cancelled"
        case .invalidChange(let why): "invalid change: \(why)"
        }
    }
}

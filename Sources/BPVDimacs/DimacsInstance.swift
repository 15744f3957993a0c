import BPVSolver

/// An assignment problem read from a DIMACS min-cost-flow file, with what is needed to report
/// results in the file's own terms.
public struct DimacsInstance: Sendable {
    /// The problem as the solver sees it. Its objective is ``Objective/unplacedCosts(_:)``: a
    /// student->sink arc gives the student's unplaced cost; a student without one must be placed.
    public var problem: AssignmentProblem
    /// Cost every feasible flow pays regardless of the assignment: the source->student arcs.
    /// Costs on internship->sink and pool->internship arcs are folded into the student arcs.
    public var constantCost: Int64
    /// DIMACS node id of each student, in student order (ascending node id).
    public var studentNodes: [Int32]
    /// DIMACS node id of each internship, in internship order (ascending node id).
    public var internshipNodes: [Int32]
    /// Number of nodes and arcs declared on the `p` line.
    public var declaredNodes: Int
    public var declaredArcs: Int

    /// The min-cost-flow objective of `assignment` in the file's terms: what LEMON or OR-Tools
    /// report as the optimal cost of the same file.
    /// - Complexity: O(1).
    public func dimacsCost(of assignment: Assignment) -> Int64 {
        assignment.totalCost + constantCost
    }
}

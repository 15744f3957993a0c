import BPVSolver

/// The NETGEN assignment family's shape (Klingman, Napier and Stutz, 1974), the public benchmark
/// shape on which general solvers are usually compared: `n` students and `n` internships with one
/// place each, every student must be placed (a perfect assignment), each student's pairs are one
/// edge of a random perfect matching (so a solution exists) plus random other internships up to
/// `degree`, and costs are uniform in `1 ... maximumCost`.
///
/// Written here rather than taken from NETGEN itself: PyPI's `pynetgen` fails on assignment and
/// transportation problems (an index-list error), and the shape is a few lines.
public struct SquareAssignment: Sendable {
    public var students: Int
    public var degree: Int
    public var seed: UInt64
    public var maximumCost: Int64

    public init(students: Int, degree: Int = 10, seed: UInt64 = 1, maximumCost: Int64 = 10_000) {
        self.students = students
        self.degree = degree
        self.seed = seed
        self.maximumCost = maximumCost
    }

    /// Builds the instance; the same parameters always give the same problem.
    /// - Throws: ``AssignmentProblemError`` only for parameters outside the solver's limits.
    /// - Complexity: O(students · degree).
    public func makeProblem() throws(AssignmentProblemError) -> AssignmentProblem {
        var rng = SeededGenerator(seed: seed)
        let n = max(students, 0), d = max(1, min(degree, n))
        var matching = Array(0 ..< Int32(n))
        matching.shuffle(using: &rng)
        var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
        target.reserveCapacity(n * d)
        cost.reserveCapacity(n * d)
        var chosen = Set<Int32>()
        for s in 0 ..< n {
            chosen.removeAll(keepingCapacity: true)
            chosen.insert(matching[s])
            // Distinct internships: a repeated pick is drawn again (d is far below n in practice).
            while chosen.count < d { chosen.insert(Int32.random(in: 0 ..< Int32(n), using: &rng)) }
            for j in chosen.sorted() {
                target.append(j)
                cost.append(Int64.random(in: 1 ... max(maximumCost, 1), using: &rng))
            }
            start.append(Int32(target.count))
        }
        return try AssignmentProblem(
            capacities: [Int32](repeating: 1, count: n), arcStart: start, arcInternship: consume target, arcCost: consume cost,
            objective: .unplacedCosts([Int64?](repeating: nil, count: n)))
    }
}

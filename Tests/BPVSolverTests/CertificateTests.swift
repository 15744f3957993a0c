import Testing
@testable import BPVSolver

/// The checker must reject wrong answers, or passing it would mean nothing.
@Suite("Certificate rejects wrong results")
struct CertificateTests {
    let problem = try! AssignmentProblem(
        capacities: [1, 1], arcStart: [0, 2, 3], arcInternship: [0, 1, 0], arcCost: [1, 5, 2])

    func tampered(
        _ r: Assignment, arcs: [Int32]? = nil, internships: [Int32]? = nil, placed: Int? = nil, cost: Int64? = nil,
        duals: Duals? = nil
    ) -> Assignment {
        Assignment(
            arcOfStudent: arcs ?? r.arcOfStudent, internshipOfStudent: internships ?? r.internshipOfStudent,
            placedCount: placed ?? r.placedCount, arcCost: cost ?? r.arcCost, unplacedCost: r.unplacedCost,
            duals: duals ?? r.duals, statistics: r.statistics)
    }

    @Test func acceptsTheOptimum() throws {
        let r = try AssignmentSolver().solve(problem)
        try OptimalityCertificate.verify(r, for: problem)
    }

    @Test func rejectsAFeasibleButWorseAssignment() throws {
        let r = try AssignmentSolver().solve(problem)
        // Student 0 at internship 0, student 1 unplaced: feasible, one placed fewer.
        let worse = tampered(r, arcs: [0, -1], internships: [0, -1], placed: 1, cost: 1)
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(worse, for: problem) }
    }

    @Test func rejectsPotentialsThatDoNotProveOptimality() throws {
        let r = try AssignmentSolver().solve(problem)
        let d = r.duals
        let bad = Duals(students: d.students.map { $0 + 100 }, internships: d.internships, supportPools: [], sink: d.sink)
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(tampered(r, duals: bad), for: problem) }
    }

    @Test func rejectsOverCapacityAndWrongTotals() throws {
        let r = try AssignmentSolver().solve(problem)
        let over = tampered(r, arcs: [0, 2], internships: [0, 0], cost: 3)
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(over, for: problem) }
        let wrongCost = tampered(r, cost: r.arcCost + 1)
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(wrongCost, for: problem) }
        let foreignArc = tampered(r, arcs: [2, 0], internships: [0, 0])
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(foreignArc, for: problem) }
    }

    @Test func rejectsALowerTierPlacedOverAHigherOne() throws {
        let p = try AssignmentProblem(
            capacities: [1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [0, 0],
            objective: .maximizePlacements(tiers: [0, 1]))
        let r = try AssignmentSolver().solve(p)
        #expect(r.internship(of: 1) == 0)
        // Swap: the tier-0 student takes the place, with potentials that satisfy step 2 trivially
        // only if the tier argument were ignored; step 3 must catch it independently.
        let swapped = tampered(r, arcs: [0, -1], internships: [0, -1])
        #expect(throws: CertificateViolation.self) { try OptimalityCertificate.verify(swapped, for: p) }
    }

    /// The priority check must reject on its own, whatever the potentials say: fed directly
    /// (check 2 would otherwise reject these first).
    @Test func thePriorityCheckAloneFindsAPathToAFreePlace() throws {
        // Student 0 at internship 0; student 1 (same tier) unplaced, though it could take
        // internship 0 if student 0 moved on to the free internship 1.
        let p = try AssignmentProblem(
            capacities: [1, 1], arcStart: [0, 2, 3], arcInternship: [0, 1, 0], arcCost: [0, 0, 0],
            objective: .maximizePlacements(tiers: [0, 0]))
        let r = try AssignmentSolver().solve(p)
        #expect(r.placedCount == 2)
        let short = tampered(r, arcs: [0, -1], internships: [0, -1], placed: 1, cost: 0)
        #expect(throws: CertificateViolation(
            message: "an augmenting path reaches internship 1 with a free place: one more student of tier >= 0 fits")) {
            try OptimalityCertificate.verifyPriorityPlacement(short, p, tiers: [0, 0], load: [1, 0], poolLoad: [0, 0])
        }
        try OptimalityCertificate.verifyPriorityPlacement(r, p, tiers: [0, 0], load: [1, 1], poolLoad: [0, 0])
    }

    @Test func thePriorityCheckAloneFindsADisplaceableLowerTier() throws {
        // One place, through a support pool: the tier-0 student holds it, the tier-2 student
        // (who needs support, like the holder) waits.
        let p = try AssignmentProblem(
            capacities: [1], arcStart: [0, 1, 2], arcInternship: [0, 0], arcCost: [0, 0],
            objective: .maximizePlacements(tiers: [0, 2]),
            support: SupportLimits(capacities: [1], needsSupport: [true, true]))
        let r = try AssignmentSolver().solve(p)
        #expect(r.internship(of: 1) == 0)
        let swapped = tampered(r, arcs: [0, -1], internships: [0, -1])
        #expect(throws: CertificateViolation(message: "an unplaced student of tier >= 2 could displace student 0 of tier 0")) {
            try OptimalityCertificate.verifyPriorityPlacement(swapped, p, tiers: [0, 2], load: [1], poolLoad: [1])
        }
    }
}

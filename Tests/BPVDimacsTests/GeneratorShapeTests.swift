import Testing
import BPVDomain
import BPVSolver
import BPVSynthetic

/// The generator's benchmark shapes hold what their names promise.
@Suite("Generator shapes")
struct GeneratorShapeTests {
    @Test("a square assignment has n one-place internships, degree distinct pairs per student, and a perfect solution")
    func squareAssignment() throws {
        let problem = try SquareAssignment(students: 500, degree: 7, seed: 3).makeProblem()
        #expect(problem.studentCount == 500)
        #expect(problem.capacities == [Int32](repeating: 1, count: 500))
        for s in 0 ..< 500 {
            let targets = problem.arcs(of: s).map { problem.arcInternship[$0] }
            #expect(targets.count == 7 && Set(targets).count == 7, "student \(s)")
        }
        #expect(problem.arcCost.allSatisfy { (1 ... 10_000).contains($0) })
        let result = try AssignmentSolver().solve(problem)
        #expect(result.placedCount == 500)
        #expect(try SquareAssignment(students: 500, degree: 7, seed: 3).makeProblem() == problem)
    }

    @Test("--places-ratio gives exactly that many places per student", arguments: [0.6, 0.98, 1.0, 1.3])
    func placesRatio(ratio: Double) throws {
        let region = SyntheticRegion(students: 2000, internships: 600, seed: 5, areaKm: 40, placesRatio: ratio)
        let (_, internships) = try region.makeRound()
        let places = internships.reduce(0) { $0 + $1.capacity }
        #expect(places == Int((ratio * 2000).rounded()))
        #expect(internships.allSatisfy { (1 ... SyntheticRegion.maximumCapacity).contains($0.capacity) })
        #expect(internships.allSatisfy { $0.supportCapacity <= $0.capacity })
    }
}

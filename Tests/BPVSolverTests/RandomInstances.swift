@testable import BPVSolver
import BPVSynthetic

/// Every random test is reproducible from its seed.
typealias SplitMix64 = SeededGenerator

/// Shape knobs for random instances.
struct InstanceShape {
    var students: ClosedRange<Int>
    var internships: ClosedRange<Int>
    var arcsPerStudent: ClosedRange<Int>
    var capacity: ClosedRange<Int32>
    var cost: ClosedRange<Int64>
    var tiers: Int = 1
    var support = false
    var explicitUnplaced = false
    var mustPlaceShare = 0.3
}

/// Builds a random instance: duplicates arcs now and then, leaves some students without arcs,
/// gives some internships no places.
func randomProblem(_ shape: InstanceShape, rng: inout SplitMix64) -> AssignmentProblem {
    let n = Int.random(in: shape.students, using: &rng)
    let m = Int.random(in: shape.internships, using: &rng)
    let capacities = (0 ..< m).map { _ in Int32.random(in: shape.capacity, using: &rng) }
    var start: [Int32] = [0], target: [Int32] = [], cost: [Int64] = []
    for _ in 0 ..< n {
        let k = Int.random(in: shape.arcsPerStudent, using: &rng)
        for _ in 0 ..< k {
            target.append(Int32.random(in: 0 ..< Int32(m), using: &rng))
            cost.append(Int64.random(in: shape.cost, using: &rng))
        }
        start.append(Int32(target.count))
    }
    let objective: Objective
    if shape.explicitUnplaced {
        objective = .unplacedCosts((0 ..< n).map { _ in
            Double.random(in: 0 ..< 1, using: &rng) < shape.mustPlaceShare
                ? nil : Int64.random(in: shape.cost.lowerBound ... shape.cost.upperBound * 2, using: &rng)
        })
    } else {
        objective = .maximizePlacements(
            tiers: shape.tiers <= 1 ? [] : (0 ..< n).map { _ in UInt8.random(in: 0 ..< UInt8(shape.tiers), using: &rng) })
    }
    let support = shape.support
        ? SupportLimits(
            capacities: capacities.map { Int32.random(in: 0 ... max($0, 0), using: &rng) },
            needsSupport: (0 ..< n).map { _ in Bool.random(using: &rng) })
        : nil
    // The random inputs above always satisfy the validation rules.
    return try! AssignmentProblem(
        capacities: capacities, arcStart: start, arcInternship: target, arcCost: cost,
        objective: objective, support: support)
}

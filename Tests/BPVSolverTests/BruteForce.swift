@testable import BPVSolver

/// The best solution by exhaustive enumeration, judged by the objective's literal definition.
struct BruteForceOptimum {
    /// Number placed.
    var placed: Int
    /// Students placed per tier, highest tier first.
    var placedByTier: [Int]
    /// Arc cost (lexicographic objective) or total cost with unplaced charges (explicit).
    var cost: Int64
}

/// Tries every combination of "unplaced or one of my arcs" per student (feasible up to ~7
/// students with a few arcs each). Returns nil when no feasible solution exists.
func bruteForce(_ p: AssignmentProblem) -> BruteForceOptimum? {
    let n = p.studentCount
    let tiers: [UInt8]
    var unplaced: [Int64?] = Array(repeating: 0, count: n)
    switch p.objective {
    case .maximizePlacements(let t): tiers = t.isEmpty ? Array(repeating: 0, count: n) : t
    case .unplacedCosts(let u): tiers = Array(repeating: 0, count: n); unplaced = u
    }
    let explicit = if case .unplacedCosts = p.objective { true } else { false }
    let maxTier = Int(tiers.max() ?? 0)
    var choice = [Int](repeating: -1, count: n)
    var best: BruteForceOptimum? = nil

    func better(_ a: BruteForceOptimum, than b: BruteForceOptimum) -> Bool {
        if explicit { return a.cost < b.cost }
        if a.placed != b.placed { return a.placed > b.placed }
        if a.placedByTier != b.placedByTier { return a.placedByTier.lexicographicallyPrecedes(b.placedByTier, by: >) }
        return a.cost < b.cost
    }
    func evaluate() {
        var load = [Int](repeating: 0, count: p.internshipCount)
        var pool = [Int](repeating: 0, count: p.internshipCount)
        var candidate = BruteForceOptimum(placed: 0, placedByTier: Array(repeating: 0, count: maxTier + 1), cost: 0)
        for s in 0 ..< n {
            let a = choice[s]
            if a < 0 {
                guard let u = unplaced[s] else { return }
                if explicit { candidate.cost += u }
                continue
            }
            let j = Int(p.arcInternship[a])
            load[j] += 1
            if let support = p.support, support.needsSupport[s] { pool[j] += 1 }
            candidate.placed += 1
            candidate.placedByTier[maxTier - Int(tiers[s])] += 1
            candidate.cost += p.arcCost[a]
        }
        for j in 0 ..< p.internshipCount {
            if load[j] > Int(p.capacities[j]) { return }
            if let support = p.support, pool[j] > Int(support.capacities[j]) { return }
        }
        if best == nil || better(candidate, than: best!) { best = candidate }
    }
    func recurse(_ s: Int) {
        if s == n { evaluate(); return }
        choice[s] = -1
        recurse(s + 1)
        for a in p.arcs(of: s) {
            choice[s] = a
            recurse(s + 1)
        }
    }
    recurse(0)
    return best
}

extension Assignment {
    /// The same measures as ``BruteForceOptimum`` for comparison.
    func measures(_ p: AssignmentProblem) -> BruteForceOptimum {
        let n = p.studentCount
        var tiers: [UInt8] = Array(repeating: 0, count: n)
        if case .maximizePlacements(let t) = p.objective, !t.isEmpty { tiers = t }
        let maxTier = Int(tiers.max() ?? 0)
        var byTier = [Int](repeating: 0, count: maxTier + 1)
        for s in 0 ..< n where internshipOfStudent[s] >= 0 { byTier[maxTier - Int(tiers[s])] += 1 }
        return BruteForceOptimum(placed: placedCount, placedByTier: byTier, cost: totalCost)
    }
}

extension BruteForceOptimum: Equatable {}

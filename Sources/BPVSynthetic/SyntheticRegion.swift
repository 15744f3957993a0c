import BPVSolver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parameters of a synthetic matching instance. Every field has a documented default; the same
/// parameters and seed always give the same instance.
///
/// The model, meant to resemble a BPV round at regional or national scale:
/// - **Towns**: `max(8, students / 400)` centres placed uniformly in a square of `areaKm` per
///   side, with Zipf-like sizes (town `k` weighs `1 / (k + 1)`).
/// - **Students** live near a town (Gaussian, 3 km). Each wants one to three of six sectors,
///   ranked, drawn by popularity (retail 28%, logistiek 20%, zorg 15%, techniek 15%, horeca 12%,
///   groen 10%). Travel: bike (45%, 15 km/h), public transport (40%, 25 km/h door to door), car
///   (10%, 40 km/h), walking (5%, 5 km/h); a limit of 20 to 60 minutes. Levels: Entree 40%, 2 50%,
///   3 or 4 10%. A share (`supportShare`) needs intensive support.
/// - **Internships** sit near a town (Gaussian, 4 km), in one sector, with 1 to 7 places (mean
///   `meanCapacity`); 60% can take students who need support (support capacity 1 up to the
///   capacity); 70% accept Entree students.
/// - **Candidates**: sector among the student's wishes, level accepted, travel time within the
///   limit (straight-line distance times a 1.3 detour factor at the mode's speed), and some
///   support capacity for students who need it.
/// - **Cost** (lower is better): 40 per step down the student's sector ranking, plus 2 per minute
///   of travel, plus 10 at an internship with a single place (less room to absorb a bad start).
/// - **Tiers**: 2 for about 5% (a placement that broke down, urgent), 1 for students who need
///   support, 0 otherwise.
public struct SyntheticRegion: Sendable {
    public var students: Int
    public var internships: Int
    public var seed: UInt64
    /// Side of the square region in kilometres; a smaller area gives more candidates per student.
    public var areaKm: Double
    /// Mean places per internship.
    public var meanCapacity: Double
    /// Share of students who need intensive support (0 disables support capacities).
    public var supportShare: Double

    public init(
        students: Int, internships: Int, seed: UInt64 = 1, areaKm: Double = 100, meanCapacity: Double = 3,
        supportShare: Double = 0.2
    ) {
        self.students = students
        self.internships = internships
        self.seed = seed
        self.areaKm = areaKm
        self.meanCapacity = meanCapacity
        self.supportShare = supportShare
    }

    static let sectorPopularity: [Double] = [0.28, 0.20, 0.15, 0.15, 0.12, 0.10]
    /// Speeds in km/h and shares of the travel modes walk, bike, public transport, car.
    static let modes: [(speed: Double, share: Double)] = [(5, 0.05), (15, 0.45), (25, 0.40), (40, 0.10)]
    static let detour = 1.3

    /// Builds the instance.
    /// - Throws: ``AssignmentProblemError`` only if the parameters make an invalid problem
    ///   (for example negative counts).
    /// - Complexity: O(students · candidates within reach); a spatial grid keeps the pair tests local.
    public func makeProblem() throws -> AssignmentProblem {
        var rng = SeededGenerator(seed: seed)
        let n = max(students, 0), m = max(internships, 0)
        let townCount = max(8, n / 400)
        let towns = (0 ..< townCount).map { _ in
            (x: Double.random(in: 0 ... areaKm, using: &rng), y: Double.random(in: 0 ... areaKm, using: &rng))
        }
        let townWeights = (0 ..< townCount).map { 1.0 / Double($0 + 1) }
        func place(_ spread: Double) -> (x: Double, y: Double) {
            let t = towns[rng.pick(weights: townWeights)]
            return (t.x + rng.gaussian() * spread, t.y + rng.gaussian() * spread)
        }

        // Internships.
        var ix = [Double](), iy = [Double](), sector = [Int](), capacity = [Int32](), supportCap = [Int32]()
        var acceptsEntree = [Bool]()
        for _ in 0 ..< m {
            let p = place(4)
            ix.append(p.x)
            iy.append(p.y)
            sector.append(rng.pick(weights: Self.sectorPopularity))
            // 1 + geometric with the requested mean, capped at 7 places.
            var c: Int32 = 1
            while c < 7 && Double.random(in: 0 ..< 1, using: &rng) < 1 - 1 / max(meanCapacity, 1) { c += 1 }
            capacity.append(c)
            supportCap.append(Double.random(in: 0 ..< 1, using: &rng) < 0.6 ? Int32.random(in: 1 ... c, using: &rng) : 0)
            acceptsEntree.append(Double.random(in: 0 ..< 1, using: &rng) < 0.7)
        }
        // A grid of internships by cell for local candidate search.
        let cell = 10.0
        let side = max(1, Int((areaKm + 40) / cell) + 1)
        func cellIndex(_ x: Double, _ y: Double) -> Int {
            let cx = min(max(Int((x + 20) / cell), 0), side - 1), cy = min(max(Int((y + 20) / cell), 0), side - 1)
            return cy * side + cx
        }
        var grid = [[Int32]](repeating: [], count: side * side)
        for j in 0 ..< m { grid[cellIndex(ix[j], iy[j])].append(Int32(j)) }

        // Students and their candidate arcs.
        var arcStart: [Int32] = [0], arcInternship: [Int32] = [], arcCost: [Int64] = []
        var tiers = [UInt8](), needsSupport = [Bool]()
        arcStart.reserveCapacity(n + 1)
        for _ in 0 ..< n {
            let home = place(3)
            var wishes: [Int] = []
            let wishCount = rng.pick(weights: [0.3, 0.45, 0.25]) + 1
            while wishes.count < wishCount {
                let s = rng.pick(weights: Self.sectorPopularity)
                if !wishes.contains(s) { wishes.append(s) }
            }
            var rankOfSector = [Int](repeating: -1, count: Self.sectorPopularity.count)
            for (r, s) in wishes.enumerated() { rankOfSector[s] = r }
            let mode = Self.modes[rng.pick(weights: Self.modes.map(\.share))]
            let maxMinutes = Double(Int.random(in: 20 ... 60, using: &rng))
            let entree = Double.random(in: 0 ..< 1, using: &rng) < 0.4
            let support = Double.random(in: 0 ..< 1, using: &rng) < supportShare
            let urgent = Double.random(in: 0 ..< 1, using: &rng) < 0.05
            tiers.append(urgent ? 2 : support ? 1 : 0)
            needsSupport.append(support)
            let reachKm = maxMinutes / 60 * mode.speed / Self.detour
            let cellsOut = Int(reachKm / cell) + 1
            let (hx, hy) = (min(max(Int((home.x + 20) / cell), 0), side - 1), min(max(Int((home.y + 20) / cell), 0), side - 1))
            for cy in max(0, hy - cellsOut) ... min(side - 1, hy + cellsOut) {
                for cx in max(0, hx - cellsOut) ... min(side - 1, hx + cellsOut) {
                    for jj in grid[cy * side + cx] {
                        let j = Int(jj)
                        let rank = rankOfSector[sector[j]]
                        guard rank >= 0, !entree || acceptsEntree[j], !support || supportCap[j] > 0 else { continue }
                        let dx = ix[j] - home.x, dy = iy[j] - home.y
                        let minutes = (dx * dx + dy * dy).squareRoot() * Self.detour / mode.speed * 60
                        guard minutes <= maxMinutes else { continue }
                        arcInternship.append(jj)
                        arcCost.append(Int64(40 * rank) + Int64(minutes.rounded()) * 2 + (capacity[j] == 1 ? 10 : 0))
                    }
                }
            }
            arcStart.append(Int32(arcInternship.count))
        }
        return try AssignmentProblem(
            capacities: capacity, arcStart: arcStart, arcInternship: arcInternship, arcCost: arcCost,
            objective: .maximizePlacements(tiers: tiers),
            support: supportShare > 0 ? SupportLimits(capacities: supportCap, needsSupport: needsSupport) : nil)
    }
}

/// A small, fast, seedable generator (SplitMix64), so that instances are reproducible across
/// runs and platforms; the standard library's generator is not seedable.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index drawn with the given (unnormalised) weights.
    mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var r = Double.random(in: 0 ..< total, using: &self)
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return i }
        }
        return weights.count - 1
    }

    /// A standard normal draw (Box–Muller).
    mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne ..< 1, using: &self), v = Double.random(in: 0 ..< 1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}


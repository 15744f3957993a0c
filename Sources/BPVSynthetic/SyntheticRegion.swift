import BPVDomain
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
/// - **Candidates and costs** are the domain's own (``CandidateGraph`` under the default
///   ``MatchSettings``): sector among the student's wishes, level accepted, travel time within
///   the limit (straight-line distance times the 1.3 detour factor at the mode's speed), support
///   places for students who need a job coach; cost 30 per step down the sector ranking, 1 per
///   minute of travel, 15 for the only support place. So the benchmarks measure the scoring
///   coordinators get.
/// - **Places**: the square is laid over the Netherlands from 52.0° N, 5.0° E (a km is a km).
/// - **Tiers** (priority): 2 for about 5% (a placement that broke down, urgent), 1 for students
///   who need support, 0 otherwise.
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
    /// When set, the places of all internships add up to exactly this many times the students
    /// (rounded), for sweeps from shortage to surplus; `meanCapacity` is then derived from it.
    public var placesRatio: Double?

    public init(
        students: Int, internships: Int, seed: UInt64 = 1, areaKm: Double = 100, meanCapacity: Double = 3,
        supportShare: Double = 0.2, placesRatio: Double? = nil
    ) {
        self.students = students
        self.internships = internships
        self.seed = seed
        self.areaKm = areaKm
        self.meanCapacity = meanCapacity
        self.supportShare = supportShare
        self.placesRatio = placesRatio
    }

    /// The most places one internship gets.
    public static let maximumCapacity = 7

    /// Shares of the sectors, in the order of `Sector.allCases` (retail, logistiek, zorg, techniek, horeca, groen).
    static let sectorPopularity: [Double] = [0.28, 0.20, 0.15, 0.15, 0.12, 0.10]

    /// Builds the instance: the round's students and internships, then the domain's candidate graph.
    /// - Throws: ``AssignmentProblemError`` only if the parameters make an invalid problem.
    /// - Complexity: O(students · candidates within reach); the candidate graph's grid keeps the pair tests local.
    public func makeProblem() throws -> AssignmentProblem {
        let (students, internships) = try makeRound()
        return try CandidateGraph(students: students, internships: internships, settings: MatchSettings()).problem
    }

    /// The students and internships of the instance, as the domain knows them.
    /// - Throws: ``DomainError`` only for an area so large that places fall off the globe.
    /// - Complexity: O(students + internships).
    public func makeRound() throws(DomainError) -> (students: [Student], internships: [Internship]) {
        var rng = SeededGenerator(seed: seed)
        let n = max(students, 0), m = max(internships, 0)
        let townCount = max(8, n / 400)
        let towns = (0 ..< townCount).map { _ in
            (x: Double.random(in: 0 ... areaKm, using: &rng), y: Double.random(in: 0 ... areaKm, using: &rng))
        }
        let townWeights = (0 ..< townCount).map { 1.0 / Double($0 + 1) }
        func place(_ spread: Double) throws(DomainError) -> Location {
            let t = towns[rng.pick(weights: townWeights)]
            let (x, y) = (t.x + rng.gaussian() * spread, t.y + rng.gaussian() * spread)
            let latitude = Self.origin.latitude + y / Location.kmPerDegree
            let longitude = Self.origin.longitude + x / (Location.kmPerDegree * cos(Self.origin.latitude * Double.pi / 180))
            return try Location(latitude: latitude, longitude: longitude)
        }
        let sectors = Sector.allCases
        let mean = placesRatio.map { m > 0 ? $0 * Double(n) / Double(m) : 1 } ?? meanCapacity
        var internshipList: [Internship] = []
        internshipList.reserveCapacity(m)
        for j in 0 ..< m {
            let location = try place(4)
            let sector = sectors[rng.pick(weights: Self.sectorPopularity)]
            // 1 + geometric with the requested mean, capped at 7 places.
            var c = 1
            while c < Self.maximumCapacity && Double.random(in: 0 ..< 1, using: &rng) < 1 - 1 / max(mean, 1) { c += 1 }
            let support = Double.random(in: 0 ..< 1, using: &rng) < 0.6 ? Int.random(in: 1 ... c, using: &rng) : 0
            let acceptsEntree = Double.random(in: 0 ..< 1, using: &rng) < 0.7
            internshipList.append(Internship(
                id: try PseudonymousID("I-\(j)"), employer: "Employer \(j)", sector: sector, location: location, capacity: c,
                supportCapacity: supportShare > 0 ? support : 0, offers: AccommodationSet(support > 0 ? [.jobcoach] : []),
                levels: acceptsEntree ? Set(Level.allCases) : [.two, .three, .four]))
        }
        if let placesRatio { adjustPlaces(&internshipList, to: Int((placesRatio * Double(n)).rounded())) }
        let modes: [TravelMode] = [.walk, .bike, .ov, .car]
        var studentList: [Student] = []
        studentList.reserveCapacity(n)
        for k in 0 ..< n {
            let home = try place(3)
            var wishes: [Sector] = []
            let wishCount = rng.pick(weights: [0.3, 0.45, 0.25]) + 1
            while wishes.count < wishCount {
                let s = sectors[rng.pick(weights: Self.sectorPopularity)]
                if !wishes.contains(s) { wishes.append(s) }
            }
            let mode = modes[rng.pick(weights: Self.modeShares)]
            let maxMinutes = Int.random(in: 20 ... 60, using: &rng)
            let r = Double.random(in: 0 ..< 1, using: &rng)
            let level: Level = r < 0.4 ? .entree : r < 0.9 ? .two : r < 0.95 ? .three : .four
            let support = Double.random(in: 0 ..< 1, using: &rng) < supportShare
            let urgent = Double.random(in: 0 ..< 1, using: &rng) < 0.05
            studentList.append(Student(
                id: try PseudonymousID("S-\(k)"), level: level, sectors: wishes, home: home, travelMode: mode, maxTravelMinutes: maxMinutes,
                needs: AccommodationSet(support ? [.jobcoach] : []), priority: urgent ? 2 : support ? 1 : 0))
        }
        return (studentList, internshipList)
    }

    /// Adds or removes single places at random internships (1 to ``maximumCapacity`` places
    /// each, support places never above places) until they add up to `total`, or as near as
    /// those bounds allow. A generator of its own, so instances without a ratio stay as they were.
    /// - Complexity: O(internships + |total - places|).
    func adjustPlaces(_ list: inout [Internship], to total: Int) {
        var rng = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let m = list.count
        guard m > 0 else { return }
        var places = list.reduce(0) { $0 + $1.capacity }
        let goal = min(max(total, m), m * Self.maximumCapacity)
        while places != goal {
            let j = Int.random(in: 0 ..< m, using: &rng)
            if places < goal, list[j].capacity < Self.maximumCapacity {
                list[j].capacity += 1
                places += 1
            } else if places > goal, list[j].capacity > 1 {
                list[j].capacity -= 1  // support places stay within it (Places)
                places -= 1
            }
        }
    }

    /// Where the square region's corner lies (the middle of the Netherlands).
    static let origin = (latitude: 52.0, longitude: 5.0)

    /// Shares of the travel modes walk, bike, public transport, car (speeds are ``MatchSettings``'s).
    static let modeShares: [Double] = [0.05, 0.45, 0.40, 0.10]
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


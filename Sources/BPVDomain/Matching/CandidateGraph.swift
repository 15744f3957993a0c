import BPVSolver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The solver's view of a round: every candidate pair (all hard constraints met) with its score
/// as cost, internship capacities and support capacities, and the students' priority tiers.
///
/// Student `s` of the problem is `students[s]`, internship `j` is `internships[j]`.
///
/// ```swift
/// let graph = try CandidateGraph(students: students, internships: internships, settings: MatchSettings())
/// let result = try AssignmentSolver().solve(graph.problem)
/// ```
public struct CandidateGraph: Sendable {
    public let problem: AssignmentProblem
    public let studentIDs: [PseudonymousID]
    public let internshipIDs: [PseudonymousID]

    /// Builds the graph. Each student only looks at internships of a wanted sector in the grid
    /// cells within their travel reach, so the work grows with the candidates, not with
    /// students × internships.
    ///
    /// - Throws: ``AssignmentProblemError`` if the scores do not fit the solver's cost bounds.
    /// - Complexity: O(students × internships within reach of each) plus O(internships).
    /// - Parameters:
    ///   - excluding: banned pairs, by position: a student's banned internships. Positions, not
    ///     ids: the inner loop tests one integer per candidate, with no string built.
    ///   - shouldCancel: polled every 64 students; when it turns true the build stops with
    ///     ``CandidateGraph/Cancelled``.
    ///   - fixed: students (by position) fixed at an internship (a pin or a commitment): their
    ///     one arc is that internship, at its score, whatever the hard constraints say, and they
    ///     are placed before everyone else (tier ``fixedTier``).
    ///   - previous: students (by position) and their internship in the previous draft, whose arc
    ///     costs `settings.stabilityWeight` less, so that a student moves only for a real gain.
    public init(
        students: [Student], internships: [Internship], settings: MatchSettings, excluding bans: [Int: Set<Int32>] = [:],
        fixed: [Int: Int32] = [:], previous: [Int: Int32] = [:], on date: CalendarDate? = nil,
        shouldCancel: (@Sendable () -> Bool)? = nil
    ) throws {
        let m = internships.count
        let sectors = Sector.allCases
        // The internships as the pair rules read them, contiguous for the inner loop.
        let facts = internships.map { InternshipFacts($0, on: date) }
        let grid = Grid(latitudes: facts.map(\.latitude), longitudes: facts.map(\.longitude), sectorOf: facts.map(\.sector),
                        sectorCount: sectors.count)
        // Internships by postcode area, for measured journeys that reach beyond the model's radius.
        var byPostcode: [Int32: [Int32]] = [:]
        if !settings.measuredTravel.isEmpty {
            for (j, f) in facts.enumerated() where f.postcode != 0 { byPostcode[f.postcode, default: []].append(Int32(j)) }
        }

        var arcStart: [Int32] = [0], arcInternship: [Int32] = [], arcCost: [Int64] = []
        arcStart.reserveCapacity(students.count + 1)
        let kmPerDegree = Location.kmPerDegree
        // Each student's arcs are emitted cheapest first (the order the solver wants), sorted
        // here as packed (cost, internship) keys: cheaper than the solver's general sort, and
        // inside the loop that polls `shouldCancel`, so a Ctrl-C is honoured while building.
        // Packing needs internship < 2^24 and 0 <= cost < 2^39; the largest possible cost bounds the latter.
        let longest = Int64(students.map(\.maxTravelMinutes).max() ?? 0) + 1
        let ranks = Int64(students.map(\.sectors.count).max() ?? 0)
        let costBound = ranks * Int64(max(settings.sectorRankWeight, 0)) + longest * Int64(max(settings.travelMinuteWeight, 0))
            + Int64(max(settings.supportScarcityWeight, 0))
        let packable = m < (1 << 24) && costBound < (1 << 39) && settings.sectorRankWeight >= 0
            && settings.travelMinuteWeight >= 0 && settings.supportScarcityWeight >= 0
        var keys: [UInt64] = []
        try facts.withUnsafeBufferPointer { facts in
            // Once a thirty-second of the students is built, room for twice the arcs that
            // share predicts: growing by doubling copies the arrays while both old and new are
            // resident (50 MB over the graph's own 190 MB at 9.5 million arcs, the match's peak).
            // Room never written is never resident, so the generous margin costs nothing.
            let sample = max(students.count / 32, 1024)
            for (k, s) in students.enumerated() {
                if k & 63 == 63, let shouldCancel, shouldCancel() { throw Cancelled() }
                if k == sample, k < students.count {
                    let predicted = arcInternship.count / k * students.count * 2
                    arcInternship.reserveCapacity(predicted)
                    arcCost.reserveCapacity(predicted)
                }
                if let j = fixed[k] {
                    arcInternship.append(j)
                    arcCost.append(Int64(settings.score(s, internships[Int(j)]).total))
                    arcStart.append(Int32(arcInternship.count))
                    continue
                }
                let first = arcInternship.count
                keys.removeAll(keepingCapacity: true)
                let rules = PairRules(s, settings, on: date)
                let banned = bans[k]
                let reach = settings.reachKilometres(minutes: s.maxTravelMinutes, by: s.travelMode)
                let cosLat = max(cos(s.home.latitude * Double.pi / 180), 0.01)
                // A student with measured journeys: those areas' internships are tried too
                // (once each), since a fast train can reach beyond the model's radius.
                var seen: Set<Int32>? = rules.measured.isEmpty ? nil : []
                let (y0, y1) = grid.rows(from: s.home.latitude - reach / kmPerDegree, to: s.home.latitude + reach / kmPerDegree)
                let (x0, x1) = grid.columns(
                    from: s.home.longitude - reach / (kmPerDegree * cosLat), to: s.home.longitude + reach / (kmPerDegree * cosLat))
                for sector in s.sectors {
                    guard let si = sectors.firstIndex(of: sector) else { continue }
                    for y in y0 ... y1 {
                        for x in x0 ... x1 {
                            for jj in grid.bucket(sector: si, row: y, column: x) {
                                seen?.insert(jj)
                                guard let cost = rules.cost(facts[Int(jj)]) else { continue }
                                if let banned, banned.contains(jj) { continue }
                                if packable {
                                    keys.append(UInt64(cost) << 24 | UInt64(jj))
                                } else {
                                    arcInternship.append(jj)
                                    arcCost.append(cost)
                                }
                            }
                        }
                    }
                }
                if var seen {
                    for area in rules.measured.keys {
                        for jj in byPostcode[area] ?? [] where seen.insert(jj).inserted {
                            guard let cost = rules.cost(facts[Int(jj)]), !(banned?.contains(jj) ?? false) else { continue }
                            if packable {
                                keys.append(UInt64(cost) << 24 | UInt64(jj))
                            } else {
                                arcInternship.append(jj)
                                arcCost.append(cost)
                            }
                        }
                    }
                }
                if packable {
                    keys.sort()
                    for key in keys {
                        arcCost.append(Int64(key >> 24))
                        arcInternship.append(Int32(key & 0xFF_FFFF))
                    }
                }
                if let p = previous[k], settings.stabilityWeight > 0 {
                    Self.applyStability(to: p, weight: Int64(settings.stabilityWeight), from: first, internship: &arcInternship, cost: &arcCost)
                }
                arcStart.append(Int32(arcInternship.count))
            }
        }
        let capacity = facts.map(\.places), supportCap = facts.map(\.supportPlaces)
        problem = try AssignmentProblem(
            capacities: capacity, arcStart: arcStart, arcInternship: consume arcInternship, arcCost: consume arcCost,
            objective: .maximizePlacements(tiers: students.indices.map { fixed[$0] != nil ? Self.fixedTier : students[$0].priority }),
            support: SupportLimits(capacities: supportCap, needsSupport: students.map(\.needsIntensiveSupport)))
        studentIDs = students.map(\.id)
        internshipIDs = internships.map(\.id)
    }

    /// The tier of pinned and committed students: above every priority (0...9), so they are
    /// always placed when their places allow it (which the round model checks first).
    public static let fixedTier: UInt8 = 10

    /// Lowers the arc to `internship` among the arcs from `first` on by `weight`, keeping them
    /// cheapest first.
    static func applyStability(to internship: Int32, weight: Int64, from first: Int, internship targets: inout [Int32], cost: inout [Int64]) {
        guard var a = targets[first...].firstIndex(of: internship) else { return }
        cost[a] -= weight
        while a > first, (cost[a], targets[a]) < (cost[a - 1], targets[a - 1]) {
            targets.swapAt(a, a - 1)
            cost.swapAt(a, a - 1)
            a -= 1
        }
    }

    /// One student's arcs, checked against every internship (no grid): the same hard
    /// constraints, costs and stability as the graph gives the student, for re-scoring one
    /// student in an incremental session.
    /// - Complexity: O(internships).
    /// - Parameters:
    ///   - banned: the student's banned internships, by position in `internships`.
    ///   - previous: the position of the student's internship in the previous draft.
    public static func arcs(
        for s: Student, internships: [Internship], settings: MatchSettings, banned: Set<Int32> = [], previous: Int32? = nil,
        on date: CalendarDate? = nil
    ) -> [(internship: Int32, cost: Int64)] {
        arcs(for: s, facts: internships.map { InternshipFacts($0, on: date) }, settings: settings, banned: banned, previous: previous, on: date)
    }

    /// One student's arcs against internship facts computed once (an incremental session keeps
    /// them between tweaks); bans and the previous draft by position, as in the graph.
    /// - Complexity: O(internships).
    static func arcs(
        for s: Student, facts: [InternshipFacts], settings: MatchSettings, banned: Set<Int32>, previous: Int32?, on date: CalendarDate?
    ) -> [(internship: Int32, cost: Int64)] {
        let rules = PairRules(s, settings, on: date)
        var out: [(internship: Int32, cost: Int64)] = []
        for (j, f) in facts.enumerated() {
            guard var cost = rules.cost(f) else { continue }
            if !banned.isEmpty, banned.contains(Int32(j)) { continue }
            if previous == Int32(j) { cost -= Int64(max(settings.stabilityWeight, 0)) }
            out.append((Int32(j), cost))
        }
        return out
    }

    /// The build was stopped by its `shouldCancel`.
    public struct Cancelled: Error, Equatable {}

    /// Internships bucketed by sector and by a cell of about 5.5 km, as CSR.
    struct Grid {
        static let cellDegrees = 0.05
        let minLat: Double, minLon: Double, rowCount: Int, columnCount: Int, sectorCount: Int
        let latStep: Double, lonStep: Double
        let start: [Int32]
        let items: [Int32]

        init(latitudes: [Double], longitudes: [Double], sectorOf: [Int], sectorCount: Int) {
            let m = latitudes.count
            minLat = latitudes.min() ?? 0
            minLon = longitudes.min() ?? 0
            let spanLat = (latitudes.max() ?? 0) - minLat, spanLon = (longitudes.max() ?? 0) - minLon
            // Cells of ~0.05 degrees, but never more than 512 per side (coordinates spread across
            // a continent get coarser cells rather than a huge grid).
            latStep = max(Self.cellDegrees, spanLat / 512)
            lonStep = max(Self.cellDegrees * 1.6, spanLon / 512)
            rowCount = Int(spanLat / latStep) + 1
            columnCount = Int(spanLon / lonStep) + 1
            self.sectorCount = sectorCount
            let cells = sectorCount * rowCount * columnCount
            var start = [Int32](repeating: 0, count: cells + 1)
            var cellOf = [Int](repeating: 0, count: m)
            for j in 0 ..< m {
                let r = min(Int((latitudes[j] - minLat) / latStep), rowCount - 1)
                let c = min(Int((longitudes[j] - minLon) / lonStep), columnCount - 1)
                cellOf[j] = (sectorOf[j] * rowCount + r) * columnCount + c
                start[cellOf[j] + 1] += 1
            }
            for k in 0 ..< cells { start[k + 1] += start[k] }
            var fill = start
            var items = [Int32](repeating: 0, count: m)
            for j in 0 ..< m {
                items[Int(fill[cellOf[j]])] = Int32(j)
                fill[cellOf[j]] += 1
            }
            self.start = start
            self.items = items
        }

        func rows(from a: Double, to b: Double) -> (Int, Int) {
            (clampRow(Int(((a - minLat) / latStep).rounded(.down))), clampRow(Int(((b - minLat) / latStep).rounded(.down))))
        }

        func columns(from a: Double, to b: Double) -> (Int, Int) {
            (clampColumn(Int(((a - minLon) / lonStep).rounded(.down))),
             clampColumn(Int(((b - minLon) / lonStep).rounded(.down))))
        }

        private func clampRow(_ r: Int) -> Int { min(max(r, 0), rowCount - 1) }
        private func clampColumn(_ c: Int) -> Int { min(max(c, 0), columnCount - 1) }

        func bucket(sector: Int, row: Int, column: Int) -> ArraySlice<Int32> {
            let k = (sector * rowCount + row) * columnCount + column
            return items[Int(start[k]) ..< Int(start[k + 1])]
        }
    }
}

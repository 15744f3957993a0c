/// Where places are missing: the changes that would place the most unplaced students, each
/// found exactly by a what-if on the live round (one repair on a snapshot, no cold solve).
public struct PlaceGap: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// One more place at the internship.
        case place
        /// One more support place (and a place, when none is free) for a student who needs a job coach.
        case supportPlace = "support place"
        /// Accommodations the internship does not offer yet (a quiet workplace, a fixed mentor).
        case offer
        /// One place at a new employer of a sector in a town (``PlaceGap/sector``, ``PlaceGap/town``).
        case newPlace = "new place"
    }

    public var internship: InternshipID
    public var kind: Kind
    /// How many more students are placed.
    public var gain: Int
    /// Students placed who are unplaced now.
    public var placed: [StudentID]
    /// Students who would lose their place to a higher priority tier (rare).
    public var displaced: [StudentID]
    /// The change in total score (lower is better).
    public var scoreChange: Int64
    /// For ``Kind/offer``: what the internship would have to offer besides what it does; for
    /// ``Kind/newPlace``: what the new place must offer.
    public var offered: [Accommodation] = []
    /// For ``Kind/newPlace``: the sector and the town of the new place.
    public var sector: Sector?
    public var town: String?
}

/// An accommodation an internship does not offer yet that would place one unplaced student.
public struct AccommodationRelaxation: Sendable, Equatable {
    public var student: StudentID
    /// The internship that would have to offer it.
    public var internship: InternshipID
    /// What it would have to offer besides what it does.
    public var missing: [Accommodation]
    /// Where the student would then be placed.
    public var placedAt: InternshipID
}

/// The smallest relaxation that would place one unplaced student: a longer travel limit.
public struct Relaxation: Sendable, Equatable {
    public var student: StudentID
    public var maxTravelMinutes: Int
    /// Where the student would be placed then.
    public var internship: InternshipID
}

extension RoundSession {
    /// The internships where one more place (or support place) would place unplaced students,
    /// most students first, with who they are.
    ///
    /// Exact: only a full internship can gain from one more place (a free one would already
    /// have taken a student who could use it), and each of those is tried by a what-if.
    /// - Complexity: one what-if per full internship.
    public func gaps(limit: Int = 10) throws(RoundError) -> [PlaceGap] {
        guard !outcome.unplaced.isEmpty else { return [] }
        let holders = outcome.holders()
        let reach = reachableFromUnplaced()
        var out: [PlaceGap] = []
        for (k, internship) in model.internships.enumerated() {
            // One more place can place another student only at the end of an alternating path
            // from an unplaced student (an arc to a full internship, one of its holders' arcs
            // on, ...): an internship no such path reaches gains nobody, so its what-if is
            // skipped (exact; the oracle test in GapsTests compares with cold solves).
            guard reach.internships[k] else { continue }
            let id = internship.internshipID
            let taken = holders[id] ?? []
            let supportTaken = taken.filter { model.student($0)?.needsIntensiveSupport ?? false }.count
            var tries: [(PlaceGap.Kind, RoundChange)] = []
            if taken.count >= internship.capacity {
                tries.append((.place, .places(internship: id, places: internship.capacity + 1, support: internship.supportCapacity)))
            }
            // A support place helps only where a job coach can work (the internship offers it).
            if supportTaken >= internship.supportCapacity, internship.offers.contains(.jobcoach) {
                let places = taken.count >= internship.capacity ? internship.capacity + 1 : internship.capacity
                tries.append((.supportPlace, .places(internship: id, places: places, support: internship.supportCapacity + 1)))
            }
            for (kind, change) in tries {
                if let gap = try tryGap(change, internship: id, kind: kind) { out.append(gap) }
            }
        }
        // An accommodation an unplaced student lacks at an internship that breaks no other rule
        // for them (each such offer tried once).
        var offers: [InternshipID: Set<UInt8>] = [:]
        for s in outcome.unplaced {
            guard let student = model.student(s) else { continue }
            for i in model.internships where student.sectors.contains(i.sector) && !model.bans.contains(Pair(s, i.internshipID)) {
                let ex = model.settings.exclusions(student, i, on: model.date)
                guard ex.count == 1, case .accommodationsMissing(let missing) = ex[0] else { continue }
                let wanted = AccommodationSet(i.offers.elements + missing)
                guard offers[i.internshipID, default: []].insert(wanted.bits).inserted else { continue }
                if var gap = try tryGap(.offers(internship: i.internshipID, offers: wanted), internship: i.internshipID, kind: .offer) {
                    gap.offered = missing
                    out.append(gap)
                }
            }
        }
        out += try newPlaceGaps()
        // An ask that another ask of its kind at the same place beats (at least the same students
        // placed, for fewer accommodations) is left out: a coordinator asks for the smaller one.
        func place(_ g: PlaceGap) -> String { g.kind == .newPlace ? "\(g.sector?.rawValue ?? "")|\(g.town ?? "")" : g.internship.value }
        func beaten(_ g: PlaceGap, by h: PlaceGap) -> Bool {
            g.kind == h.kind && (g.kind == .offer || g.kind == .newPlace) && place(g) == place(h)
                && Set(h.offered.map(\.rawValue)).isStrictSubset(of: Set(g.offered.map(\.rawValue)))
                && Set(h.placed).isSuperset(of: g.placed)
        }
        out = out.filter { g in !out.contains { h in beaten(g, by: h) } }
        // Most students first; among equals, what is easiest to ask for first (a place at an
        // existing internship, then a support place, an accommodation, a new employer).
        func ease(_ k: PlaceGap.Kind) -> Int { [PlaceGap.Kind.place, .supportPlace, .offer, .newPlace].firstIndex(of: k) ?? 4 }
        return Array(out.sorted {
            ($0.gain, -ease($0.kind), -$0.scoreChange, $1.internship, $1.town ?? "", $1.sector?.rawValue ?? "")
                > ($1.gain, -ease($1.kind), -$1.scoreChange, $0.internship, $0.town ?? "", $0.sector?.rawValue ?? "")
        }.prefix(limit))
    }

    /// The internships and students an alternating path from an unplaced student reaches over
    /// the candidate arcs: an unplaced student's arcs, then the holders of each internship
    /// reached, then their arcs. An over-approximation of the residual graph (it ignores costs
    /// and support places), so it never leaves out an internship where one more place helps.
    /// - Complexity: O(arcs of the students reached).
    func reachableFromUnplaced() -> (internships: [Bool], students: [Bool]) {
        let n = placedAt.count, m = model.internships.count
        var holdersOf = [[Int]](repeating: [], count: m)
        for s in 0 ..< n where placedAt[s] >= 0 { holdersOf[placedAt[s]].append(s) }
        var internships = [Bool](repeating: false, count: m), students = [Bool](repeating: false, count: n)
        var queue: [Int] = []
        for s in 0 ..< n where placedAt[s] < 0 { students[s] = true; queue.append(s) }
        while let s = queue.popLast() {
            for arc in solver.arcs(of: s) {
                let j = Int(arc.internship)
                guard j >= 0, j < m, !internships[j] else { continue }
                internships[j] = true
                for h in holdersOf[j] where !students[h] {
                    students[h] = true
                    queue.append(h)
                }
            }
        }
        return (internships, students)
    }

    /// One place at a new employer for each sector an unplaced student wishes, in the town
    /// nearest their home, offering what they need (each such place tried once). Exact: each is
    /// a what-if that adds the internship to the live round (``whatIf(adding:)``).
    /// - Complexity: one what-if per distinct (sector, town, needs) of the unplaced students,
    ///   each O(students) plus a repair.
    func newPlaceGaps() throws(RoundError) -> [PlaceGap] {
        var tried = Set<String>(), out: [PlaceGap] = []
        let fixed = model.fixed
        for s in outcome.unplaced {
            guard let student = model.student(s), fixed[s] == nil, let town = student.home.nearestPlace(within: 15) else { continue }
            for sector in student.sectors where tried.insert("\(sector.rawValue)|\(town.name)|\(student.needs.bits)").inserted {
                guard let id = try? PseudonymousID("NEW-\(sector.rawValue)") else { continue }
                let place = Internship(
                    id: id, employer: "a new employer", sector: sector, location: Location(town), capacity: 1,
                    supportCapacity: student.needsIntensiveSupport ? 1 : 0, offers: student.needs)
                let changes = try whatIf(adding: place)
                guard changes.placedAfter > changes.placedBefore else { continue }
                out.append(PlaceGap(
                    internship: place.internshipID, kind: .newPlace, gain: changes.placedAfter - changes.placedBefore,
                    placed: changes.moves.filter { $0.from == nil && $0.to != nil }.map(\.student).sorted(),
                    displaced: changes.moves.filter { $0.from != nil && $0.to == nil }.map(\.student).sorted(),
                    scoreChange: changes.scoreAfter - changes.scoreBefore, offered: student.needs.elements,
                    sector: sector, town: town.name))
            }
        }
        return out
    }

    /// One what-if; a gap when it places more students.
    private func tryGap(_ change: RoundChange, internship id: InternshipID, kind: PlaceGap.Kind) throws(RoundError) -> PlaceGap? {
        let changes = try whatIf(change)
        guard changes.placedAfter > changes.placedBefore else { return nil }
        let placed = changes.moves.filter { $0.from == nil && $0.to != nil }.map(\.student)
        let displaced = changes.moves.filter { $0.from != nil && $0.to == nil }.map(\.student)
        return PlaceGap(internship: id, kind: kind, gain: changes.placedAfter - changes.placedBefore, placed: placed.sorted(),
                        displaced: displaced.sorted(), scoreChange: changes.scoreAfter - changes.scoreBefore)
    }

    /// The accommodations an unplaced student lacks at internships that break no other rule for
    /// them, each offered on its own by a what-if: those that would place the student, with the
    /// internship they would get (most often that one), best score first, at most `limit`.
    /// - Complexity: one what-if per such internship.
    public func accommodationRelaxations(for s: StudentID, limit: Int = 3) throws(RoundError) -> [AccommodationRelaxation] {
        guard outcome.internshipOf[s] == nil, let student = model.student(s), model.fixed[s] == nil else { return [] }
        var out: [(AccommodationRelaxation, Int)] = []
        for i in model.internships where student.sectors.contains(i.sector) && !model.bans.contains(Pair(s, i.internshipID)) {
            let ex = model.settings.exclusions(student, i, on: model.date)
            guard ex.count == 1, case .accommodationsMissing(let missing) = ex[0] else { continue }
            let changes = try whatIf(.offers(internship: i.internshipID, offers: AccommodationSet(i.offers.elements + missing)))
            guard let to = changes.moves.first(where: { $0.student == s })?.to, let there = model.internship(to) else { continue }
            out.append((AccommodationRelaxation(student: s, internship: i.internshipID, missing: missing, placedAt: to),
                        model.settings.score(student, there).total))
        }
        return out.sorted { ($0.1, $0.0.internship) < ($1.1, $1.0.internship) }.prefix(limit).map(\.0)
    }

    /// The smallest longer travel limit (in steps of 5 minutes, up to what the student's mode can
    /// reasonably reach, ``TravelMode/reasonableCeilingMinutes``) that would place an unplaced
    /// student, and where they would go; nil when none would.
    /// - Complexity: up to 18 what-ifs.
    public func relaxation(for s: StudentID) throws(RoundError) -> Relaxation? {
        guard outcome.internshipOf[s] == nil, let student = model.student(s) else { return nil }
        var minutes = (student.maxTravelMinutes / 5 + 1) * 5
        while minutes <= student.travelMode.reasonableCeilingMinutes {
            let changes = try whatIf(.studentSetting(student: s, .maxTravelMinutes, value: "\(minutes)"))
            if let move = changes.moves.first(where: { $0.student == s }), let to = move.to {
                return Relaxation(student: s, maxTravelMinutes: minutes, internship: to)
            }
            minutes += 5
        }
        return nil
    }
}

extension PlaceGap {
    /// The two cells of a `gaps` line, in `language`: what more (`place`, `offer of quiet`), and
    /// where (`place`, the internship as the reader names it, or `a new retail employer in
    /// Huizen offering nt2`). One wording for the shell and the report.
    public func cells(_ language: Language, place: String) -> (what: String, at: String) {
        let offers = offered.map { language.word($0.rawValue) }.joined(separator: ", ")
        let sector = language.word(self.sector?.rawValue ?? "")
        switch language {
        case .en:
            return (kind == .offer ? "offer of " + offers : kind.rawValue,
                    kind == .newPlace ? "a new \(sector) employer in \(town ?? "?")" + (offered.isEmpty ? "" : " offering " + offers) : place)
        case .nl:
            return (kind == .offer ? "aanbod van " + offers : language.word(kind.rawValue),
                    kind == .newPlace ? "een nieuwe werkgever (\(sector)) in \(town ?? "?")" + (offered.isEmpty ? "" : " met " + offers) : place)
        }
    }
}

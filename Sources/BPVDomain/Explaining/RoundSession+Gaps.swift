import BPVSolver
import BPVGeography

/// Where places are missing: the changes that would place the most unplaced students, each
/// found exactly on the live round (from one search over its residual network, or a what-if).
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
    /// Exact, from one search: one more place changes the optimum by at most one cycle through
    /// it, which starts by placing an unplaced student (see ``UnplacedReach``), so one search
    /// from every unplaced student over the live round's residual network prices every
    /// internship's extra place, and every student's move to a new internship, at once. Only a
    /// change that alters arc costs as well (an internship's support places crossing 1 or 2, an
    /// internship with no places opening) prices the changed arcs from the same search or, for
    /// an opening, is tried by a what-if.
    /// - Complexity: one search over the arcs the unplaced students reach, O(path) per full
    ///   internship, O(reached students of a sector) per new place, one what-if per
    ///   accommodation an unplaced student lacks at an internship with room to gain from it.
    public func gaps(limit: Int = 10) throws(RoundError) -> [PlaceGap] {
        guard !outcome.unplaced.isEmpty else { return [] }
        let holders = outcome.holders()
        let reach = try reachFromUnplaced()
        let reached = ReachedStudents(self, reach)
        var out: [PlaceGap] = []
        let fixedHere = model.held(), promisedHere = model.promised()
        for (k, internship) in model.internships.enumerated() {
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
                if let gap = try placeGap(change, at: k, kind: kind, holders: taken, reach: reach, reached: reached,
                                          fixedHere: fixedHere, promisedHere: promisedHere) { out.append(gap) }
            }
        }
        // An accommodation an unplaced student lacks at an internship that breaks no other rule
        // for them (each such offer tried once). An offer only adds arcs into the internship,
        // so it can place someone more only where a path leads on from there to a place with
        // room; elsewhere it is skipped without its what-if (exact).
        var offers: [InternshipID: Set<UInt8>] = [:]
        // Places and support places found so far: each places one student.
        let singles = out.count
        // The round's ways to room, made once when an offer first asks (one pass over the arcs).
        var madeWays: WaysToRoom?
        func ways() -> WaysToRoom {
            if let madeWays { return madeWays }
            let made = solver.waysToRoom()
            madeWays = made
            return made
        }
        let open = model.internships.indices.filter { reach.newArcsCanPlaceMore(into: $0, support: false) || reach.newArcsCanPlaceMore(into: $0, support: true) }
        // Each internship's facts read once, each student's rules once: 2,600 unplaced students
        // against thousands of internships (a pair rule each took 14% of `gaps`).
        let facts = open.map { InternshipFacts(model.internships[$0], on: model.date) }
        for s in outcome.unplaced {
            guard let student = model.student(s) else { continue }
            let rules = PairRules(student, model.settings, on: model.date), needs = student.needs.bits
            // Only an internship that lacks something the student needs can be an offer (the
            // rest of the pair rules are read only for those).
            for (o, k) in open.enumerated() where needs & ~facts[o].offers != 0 && student.sectors.contains(model.internships[k].sector)
                && !model.bans.contains(Pair(s, model.internships[k].internshipID)) {
                let ex = rules.exclusions(facts[o]) { model.internships[k] }
                guard ex.count == 1, case .accommodationsMissing(let missing) = ex[0] else { continue }
                let i = model.internships[k]
                let wanted = AccommodationSet(i.offers.elements + missing)
                guard offers[i.internshipID, default: []].insert(wanted.bits).inserted else { continue }
                if var gap = try offerGap(at: k, offers: wanted, holders: holders[i.internshipID] ?? [], reach: reach, reached: reached,
                                          listedWithOne: singles >= limit, ways: ways) {
                    gap.offered = missing
                    out.append(gap)
                }
            }
        }
        out += try newPlaceGaps(reach: reach, reached: reached)
        // An ask that another ask of its kind at the same place beats (at least the same students
        // placed, for fewer accommodations) is left out: a coordinator asks for the smaller one.
        func place(_ g: PlaceGap) -> String { g.kind == .newPlace ? "\(g.sector?.rawValue ?? "")|\(g.town ?? "")" : g.internship.value }
        func beaten(_ g: PlaceGap, by h: PlaceGap) -> Bool {
            g.kind == h.kind && (g.kind == .offer || g.kind == .newPlace) && place(g) == place(h)
                && Set(h.offered.map(\.rawValue)).isStrictSubset(of: Set(g.offered.map(\.rawValue)))
                && Set(h.placed).isSuperset(of: g.placed)
        }
        // Compared only within one kind at one place (thousands of new places are asked for at
        // national scale; comparing every pair took seconds).
        let groups = Dictionary(grouping: out.indices.filter { out[$0].kind == .offer || out[$0].kind == .newPlace }) {
            "\(out[$0].kind.rawValue)|\(place(out[$0]))"
        }
        var isBeaten = Set<Int>()
        for members in groups.values where members.count > 1 {
            for g in members where members.contains(where: { beaten(out[g], by: out[$0]) }) { isBeaten.insert(g) }
        }
        out = out.indices.filter { !isBeaten.contains($0) }.map { out[$0] }
        // Most students first; among equals, what is easiest to ask for first (a place at an
        // existing internship, then a support place, an accommodation, a new employer).
        func ease(_ k: PlaceGap.Kind) -> Int { [PlaceGap.Kind.place, .supportPlace, .offer, .newPlace].firstIndex(of: k) ?? 4 }
        return Array(out.sorted {
            ($0.gain, -ease($0.kind), -$0.scoreChange, $1.internship, $1.town ?? "", $1.sector?.rawValue ?? "")
                > ($1.gain, -ease($1.kind), -$1.scoreChange, $0.internship, $0.town ?? "", $0.sector?.rawValue ?? "")
        }.prefix(limit))
    }

    /// The live round's one search from its unplaced students (see ``UnplacedReach``); a Ctrl-C
    /// stops it as it stops a repair.
    func reachFromUnplaced() throws(RoundError) -> UnplacedReach {
        do {
            return try solver.reachFromUnplaced()
        } catch {
            throw Self.roundError(error)
        }
    }

    /// The students an unplaced student's path reaches, who are free to move (not pinned or
    /// held), by the sectors they wish: the only ones a new or changed internship's arcs can
    /// place someone through.
    struct ReachedStudents {
        var bySector: [Sector: [Int]] = [:]
        /// Those of them who need a job coach, by sector.
        var needingSupportBySector: [Sector: [Int]] = [:]
        /// Per student position: home, and how far they can go at most (infinity for a
        /// student with measured journeys, which may reach beyond the model's radius).
        private var latitude: [Double], longitude: [Double], reachKm: [Double]

        init(_ session: RoundSession, _ reach: UnplacedReach) {
            let model = session.model, fixed = model.fixed, n = model.students.count
            latitude = Array(repeating: 0, count: n)
            longitude = Array(repeating: 0, count: n)
            reachKm = Array(repeating: 0, count: n)
            for (k, s) in model.students.enumerated() where fixed[s.studentID] == nil && reach.costToFree(k) != nil {
                for sector in s.sectors {
                    bySector[sector, default: []].append(k)
                    if s.needsIntensiveSupport { needingSupportBySector[sector, default: []].append(k) }
                }
                latitude[k] = s.home.latitude
                longitude[k] = s.home.longitude
                reachKm[k] = model.settings.measuredTravel.from(s.home.postcode, by: s.travelMode).isEmpty
                    ? model.settings.reachKilometres(minutes: s.maxTravelMinutes, by: s.travelMode) : .infinity
            }
        }

        /// The reached students wishing `sector` whose travel limit may take them to `place`: a
        /// cheap first cut by distance (with a margin for rounding), before the pair rules decide.
        /// - Complexity: O(reached students wishing the sector).
        func near(_ place: Location, wishing sector: Sector, needingSupport: Bool = false) -> [Int] {
            ((needingSupport ? needingSupportBySector : bySector)[sector] ?? []).filter { k in
                Earth.kilometres(latitude[k], longitude[k], place.latitude, place.longitude) <= reachKm[k] * 1.01 + 0.1
            }
        }
    }

    /// The cheapest way a student the search reached could take `internship` (at position
    /// `position`: a new one appended, or a changed one) once its arcs are as `internship` gives
    /// them: the cost of freeing the student plus its arc there, and the moves. `among` limits
    /// the students tried.
    private func cheapestEntry(into internship: Internship, at position: Int, among students: [Int], reach: UnplacedReach,
                               skip: (Int) -> Bool = { _ in false }) -> (cost: Int64, moves: [UnplacedReach.Move])? {
        let facts = [InternshipFacts(internship, on: model.date)]
        var best: (cost: Int64, student: Int)?
        for k in students where !skip(k) {
            guard let free = reach.costToFree(k) else { continue }
            let student = model.students[k]
            if model.bans.contains(Pair(student.studentID, internship.internshipID)) { continue }
            let previous: Int32? = model.previous[student.studentID] == internship.internshipID ? 0 : nil
            guard let arc = CandidateGraph.arcs(for: student, facts: facts, settings: model.settings, banned: [], previous: previous,
                                                on: model.date).first
            else { continue }
            let total = free + arc.cost
            if best.map({ total < $0.cost }) ?? true { best = (total, k) }
        }
        guard let best else { return nil }
        return (best.cost, reach.pathFreeing(best.student) + [UnplacedReach.Move(student: best.student, internship: position)])
    }

    /// One more place or support place at the internship at position `k`, priced from the
    /// search; a gap when it places someone. `holders` are the students placed there.
    private func placeGap(_ change: RoundChange, at k: Int, kind: PlaceGap.Kind, holders: [StudentID], reach: UnplacedReach,
                          reached: ReachedStudents, fixedHere: [InternshipID: [StudentID]],
                          promisedHere: [InternshipID: [StudentID]]) throws(RoundError) -> PlaceGap? {
        guard case .places(let id, let places, let support) = change else { return try tryGap(change, internship: model.internships[k].internshipID, kind: kind) }
        let old = model.internships[k]
        var new = old
        new.places = Places(places, support: support ?? old.supportCapacity)
        let held = fixedHere[id] ?? [], promised = promisedHere[id] ?? []
        let before = model.places(of: old, held: held, promised: promised), after = model.places(of: new, held: held, promised: promised)
        let addsPlace = after.places > before.places, addsSupport = after.support > before.support
        func shape(_ i: Internship) -> (Bool, Int) { (i.capacity > 0, min(i.supportCapacity, 2)) }
        var found: (cost: Int64, moves: [UnplacedReach.Move])?
        if shape(old) == shape(new) {
            found = reach.oneMore(at: k, place: addsPlace, support: addsSupport)
        } else if old.capacity > 0 {
            // The support places cross 1 or 2: the arcs of students who need a job coach into the
            // internship appear (from 0) or lose the cost of the only support place (to 2). The
            // extra place as before, or one of them entering the support places, priced anew.
            found = addsPlace ? reach.oneMore(at: k, place: true, support: false) : nil
            if addsSupport {
                let there = Set(holders.compactMap { model.position(ofStudent: $0) })
                let entry = cheapestEntry(into: new, at: k, among: reached.near(new.location, wishing: new.sector, needingSupport: true),
                                          reach: reach) { t in
                    there.contains(t)
                }
                if let entry, entry.cost < (found?.cost ?? .max) { found = entry }
            }
        } else {
            // An internship with no places opens: every arc into it is new; one what-if.
            return try tryGap(change, internship: id, kind: kind)
        }
        guard let found, found.cost < 0 else { return nil }
        return gap(found.moves, kind: kind, internship: id, changed: (k, new))
    }

    /// An offer of accommodations at the internship at position `k`, priced from the two
    /// searches: it only adds arcs into the internship (offers change no arc's cost), from the
    /// students it opens to. When the search reached one of them only, its new arc carries at
    /// most one cycle: the path that frees the student, the arc, and the internship's place
    /// freed toward room, which is the answer. Otherwise, and where that cycle would move a
    /// student twice, one what-if.
    ///
    /// `listedWithOne`: at least `limit` places and support places are listed already, each
    /// placing one student, and they rank before any offer that places one; then an offer
    /// that cannot place two is left out without its what-if (the list is the same).
    private func offerGap(at k: Int, offers: AccommodationSet, holders: [StudentID], reach: UnplacedReach,
                          reached: ReachedStudents, listedWithOne: Bool, ways: () -> WaysToRoom) throws(RoundError) -> PlaceGap? {
        let old = model.internships[k], id = old.internshipID
        var new = old
        new.offers = offers
        let there = Set(holders.compactMap { model.position(ofStudent: $0) })
        let oldFacts = [InternshipFacts(old, on: model.date)], newFacts = [InternshipFacts(new, on: model.date)]
        var entrants: [(student: Int, cost: Int64, support: Bool)] = []
        for t in reached.near(new.location, wishing: new.sector) where !there.contains(t) {
            let student = model.students[t]
            if model.bans.contains(Pair(student.studentID, id)) { continue }
            let previous: Int32? = model.previous[student.studentID] == id ? 0 : nil
            guard let arc = CandidateGraph.arcs(for: student, facts: newFacts, settings: model.settings, banned: [], previous: previous,
                                                on: model.date).first,
                  CandidateGraph.arcs(for: student, facts: oldFacts, settings: model.settings, banned: [], previous: previous,
                                      on: model.date).isEmpty
            else { continue }
            entrants.append((t, arc.cost, student.needsIntensiveSupport))
        }
        var best: (cost: Int64, entrant: Int)?
        for (e, entrant) in entrants.enumerated() {
            guard let free = reach.costToFree(entrant.student), let out = reach.costToRoom(from: k, support: entrant.support) else { continue }
            let total = free + entrant.cost + out
            if best.map({ total < $0.cost }) ?? true { best = (total, e) }
        }
        guard let best, best.cost < 0 else { return nil }
        // With two entrants or more, the offer can place two, or let an entrant who is placed
        // move up beside the one it places (a second cycle through a second new arc): one
        // what-if answers exactly. With one entrant, its one new arc carries one cycle.
        if entrants.count >= 2 {
            // Each student placed more needs an entrant and a way from the internship to room of
            // its own, sharing no student with the other's (``WaysToRoom``): without two, the
            // offer places one, and then ranks after every place already listed.
            if listedWithOne, !ways().canPlaceTwo(into: k, support: Set(entrants.map(\.support))) { return nil }
            return try tryGap(.offers(internship: id, offers: offers), internship: id, kind: .offer)
        }
        let entrant = entrants[best.entrant]
        let moves = reach.pathFreeing(entrant.student) + [UnplacedReach.Move(student: entrant.student, internship: k)]
            + reach.pathToRoom(from: k, support: entrant.support)
        if Set(moves.map(\.student)).count < moves.count { return try tryGap(.offers(internship: id, offers: offers), internship: id, kind: .offer) }
        return gap(moves, kind: .offer, internship: id, changed: (k, new))
    }

    /// A gap from the moves of one path: its first student placed, each mover rescored where
    /// they land (the internship at `changed.position` as `changed.internship` is after the
    /// change, or appended to the round).
    private func gap(_ moves: [UnplacedReach.Move], kind: PlaceGap.Kind, internship id: InternshipID,
                     changed: (position: Int, internship: Internship)) -> PlaceGap {
        var scoreChange: Int64 = 0
        for move in moves {
            let student = model.students[move.student]
            let there = move.internship == changed.position ? changed.internship : model.internships[move.internship]
            scoreChange += Int64(model.settings.score(student, there).total) - Int64(outcome.scoreOf[student.studentID]?.total ?? 0)
        }
        let placed = moves.first.map { [model.students[$0.student].studentID] } ?? []
        return PlaceGap(internship: id, kind: kind, gain: placed.count, placed: placed, displaced: [], scoreChange: scoreChange)
    }

    /// One place at a new employer for each sector an unplaced student wishes, in the town
    /// nearest their home, offering what they need (each such place tried once). Exact, from the
    /// same search: a new internship of one place changes the optimum by one cycle, through a
    /// student the search reached and that student's arc to the new place.
    /// - Complexity: per (sector, town), one pass over the reached students wishing the sector;
    ///   per distinct need in it, a pass over those who can travel there.
    func newPlaceGaps() throws(RoundError) -> [PlaceGap] {
        guard !outcome.unplaced.isEmpty else { return [] }
        let reach = try reachFromUnplaced()
        return try newPlaceGaps(reach: reach, reached: ReachedStudents(self, reach))
    }

    private func newPlaceGaps(reach: UnplacedReach, reached: ReachedStudents) throws(RoundError) -> [PlaceGap] {
        var tried = Set<String>(), out: [PlaceGap] = []
        var within: [String: [Int]] = [:]
        let fixed = model.fixed
        let m = model.internships.count
        for s in outcome.unplaced {
            guard let student = model.student(s), fixed[s] == nil, let town = student.home.nearestPlace(within: 15) else { continue }
            for sector in student.sectors where tried.insert("\(sector.rawValue)|\(town.name)|\(student.needs.bits)").inserted {
                guard let id = try? PseudonymousID("NEW-\(sector.rawValue)") else { continue }
                let place = Internship(
                    id: id, employer: "a new employer", sector: sector, location: Location(town), capacity: 1,
                    supportCapacity: student.needsIntensiveSupport ? 1 : 0, offers: student.needs)
                // Who could travel to this town at all, found once per sector and town.
                let key = "\(sector.rawValue)|\(town.name)"
                if within[key] == nil { within[key] = reached.near(place.location, wishing: sector) }
                guard let entry = cheapestEntry(into: place, at: m, among: within[key] ?? [], reach: reach), entry.cost < 0 else { continue }
                var gap = gap(entry.moves, kind: .newPlace, internship: place.internshipID, changed: (m, place))
                gap.offered = student.needs.elements
                gap.sector = sector
                gap.town = town.name
                out.append(gap)
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

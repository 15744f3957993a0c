import BPVGeography
@testable import BPVDomain
import BPVSynthetic
import Testing

/// The incremental round against cold solves of the same changed round.
@Suite("round session")
struct RoundSessionTests {
    static let towns = ["Hilversum", "Huizen", "Bussum", "Naarden", "Laren", "Blaricum", "Eemnes", "Loosdrecht", "Kortenhoef"]

    static func randomModel(rng: inout SeededGenerator) -> RoundModel {
        let sectors: [Sector] = [.retail, .logistiek, .zorg]
        let students = (0 ..< Int.random(in: 8 ... 30, using: &rng)).map { k in
            student(
                "S-\(k)", level: Bool.random(using: &rng) ? .entree : .two,
                sectors: Array(sectors.shuffled(using: &rng).prefix(Int.random(in: 1 ... 2, using: &rng))),
                town: towns.randomElement(using: &rng)!, mode: [.bike, .ov, .walk].randomElement(using: &rng)!,
                minutes: Int.random(in: 15 ... 60, using: &rng), needs: Double.random(in: 0 ..< 1, using: &rng) < 0.2 ? [.jobcoach] : [],
                priority: UInt8.random(in: 0 ... 2, using: &rng))
        }
        let internships = (0 ..< Int.random(in: 3 ... 10, using: &rng)).map { k in
            internship("I-\(k)", sector: sectors.randomElement(using: &rng)!, town: towns.randomElement(using: &rng)!,
                       capacity: Int.random(in: 1 ... 3, using: &rng), support: Int.random(in: 0 ... 1, using: &rng))
        }
        return RoundModel(students: students, internships: internships, settings: MatchSettings())
    }

    static func randomChange(_ m: RoundModel, _ outcome: RoundOutcome, rng: inout SeededGenerator) -> RoundChange {
        let s = m.students.randomElement(using: &rng)!.studentID
        let i = m.internships.randomElement(using: &rng)!.internshipID
        switch Int.random(in: 0 ..< 17, using: &rng) {
        case 16:
            let offered: [Accommodation] = [.jobcoach, .quiet, .fixedMentor].filter { _ in Bool.random(using: &rng) }
            return .offers(internship: i, offers: AccommodationSet(offered))
        case 12: return .propose(student: s, internship: outcome.internshipOf[s] ?? i)
        case 13: return m.proposals.keys.sorted().randomElement(using: &rng).map { .accept(student: $0) } ?? .propose(student: s, internship: i)
        case 14: return m.proposals.keys.sorted().randomElement(using: &rng).map { .decline(student: $0) } ?? .accept(student: s)
        case 15:
            guard let c = m.commitments.keys.sorted().randomElement(using: &rng) else { return .start(student: s) }
            return Bool.random(using: &rng) ? .start(student: c)
                : .end(student: c, outcome: PlacementOutcome.allCases.randomElement(using: &rng)!)
        case 10:
            // A re-import: an internship with fewer places, or a student who now needs a job coach.
            var internship = m.internship(i)!
            internship.capacity = Int.random(in: 0 ... 2, using: &rng)
            internship.supportCapacity = Int.random(in: 0 ... internship.capacity, using: &rng)
            return .records(students: [], internships: [internship])
        case 11:
            var student = m.student(s)!
            student.needs = AccommodationSet([.jobcoach])
            return .records(students: [student], internships: [])
        case 0: return .pin(student: s, internship: i)
        case 1: return m.pins.keys.sorted().randomElement(using: &rng).map { .unpin(student: $0) } ?? .pin(student: s, internship: i)
        case 2: return .ban(student: s, internship: outcome.internshipOf[s] ?? i)
        case 3: return m.bans.sorted { $0.description < $1.description }.randomElement(using: &rng).map { .unban(student: $0.student, internship: $0.internship) }
            ?? .ban(student: s, internship: i)
        case 4: return outcome.internshipOf[s].map { .commit([s: $0]) } ?? .ban(student: s, internship: i)
        case 5: return m.commitments.keys.sorted().randomElement(using: &rng).map { .release(student: $0) } ?? .pin(student: s, internship: i)
        case 6: return .studentSetting(student: s, .maxTravelMinutes, value: "\(Int.random(in: 10 ... 90, using: &rng))")
        case 7, 8:
            // One place less or more, support places with them: opening, closing, or crossing 1.
            let places = Int.random(in: 0 ... 3, using: &rng)
            return .places(internship: i, places: places, support: Int.random(in: 0 ... min(places, 2), using: &rng))
        default: return .studentSetting(student: s, .travelMode, value: ["walk", "bike", "ov", "car"].randomElement(using: &rng)!)
        }
    }

    @Test(arguments: 0 ..< 150)
    func tweaksGiveTheColdOptimumOfTheChangedRound(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 1000)
        var cold = Self.randomModel(rng: &rng)
        let session = try RoundSession(model: cold)
        for step in 0 ..< 8 {
            let change = Self.randomChange(session.model, session.outcome, rng: &rng)
            var next = cold
            let coldResult: Result<RoundOutcome, RoundError> = Result { () throws(RoundError) in
                try next.apply(change)
                return try next.solve()
            }
            let repaired: Result<RoundChanges, RoundError> = Result { () throws(RoundError) in try session.apply(change) }
            switch (coldResult, repaired) {
            case (.success(let c), .success):
                cold = next
                #expect(session.outcome.placedCount == c.placedCount, "seed \(seed) step \(step) \(change)")
                #expect(session.outcome.dimacsObjective == c.dimacsObjective, "seed \(seed) step \(step) \(change)")
                #expect(session.outcome.fixed == c.fixed)
                #expect(Set(session.outcome.unplaced).count == c.unplaced.count)
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "seed \(seed) step \(step) \(change)")
            default:
                Issue.record("seed \(seed) step \(step) \(change): cold \(coldResult) vs session \(repaired)")
                return
            }
            // Whatever was accepted or refused, the round can always be solved for everyone.
            #expect(throws: Never.self, "seed \(seed) step \(step)") { _ = try cold.solve() }
            #expect(cold.overfills().isEmpty, "seed \(seed) step \(step)")
            if step == 4 {
                // The round is stored: its placements become the previous draft of both.
                try session.rebase(on: session.outcome.internshipOf)
                cold.previous = session.outcome.internshipOf
                #expect(session.outcome.dimacsObjective == (try cold.solve()).dimacsObjective, "seed \(seed) after rebase")
            }
        }
    }

    @Test func aWhatIfChangesNothingAndForcingMatchesApplying() throws {
        var rng = SeededGenerator(seed: 5)
        let session = try RoundSession(model: Self.randomModel(rng: &rng))
        let before = session.outcome.internshipOf
        let s = session.model.students[0].studentID
        let i = try #require(session.model.internships.first { session.outcome.internshipOf[s] != $0.internshipID }).internshipID
        let forced = try session.force(s, i)
        #expect(session.outcome.internshipOf == before)
        if case .allowed(let changes) = forced.outcome {
            let applied = try session.apply(.pin(student: s, internship: i))
            #expect(applied.moves == changes.moves)
            #expect(applied.scoreAfter == changes.scoreAfter && applied.placedAfter == changes.placedAfter)
        }
    }
}

/// `gaps` against brute force: on random small rounds, every internship given one more place
/// (and one more support place) and solved cold; the advice lists exactly those that place
/// more students, with the same count.
@Suite("where places are missing")
struct GapsTests {
    @Test(arguments: 0 ..< 40)
    func gapsAreExactlyTheExtraPlacesThatPlaceMoreStudents(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 7000)
        var model = RoundSessionTests.randomModel(rng: &rng)
        if seed % 2 == 1 {
            // Students who need a fixed mentor, internships that offer one or no job coach:
            // accommodations an unplaced student lacks, for students with and without support.
            for k in model.students.indices where Double.random(in: 0 ..< 1, using: &rng) < 0.4 {
                model.students[k].needs = AccommodationSet(model.students[k].needs.elements + [.fixedMentor])
            }
            for k in model.internships.indices {
                model.internships[k].offers = AccommodationSet([.jobcoach, .fixedMentor].filter { _ in Bool.random(using: &rng) })
            }
            model = RoundModel(students: model.students, internships: model.internships, settings: model.settings)
        }
        let session = try RoundSession(model: model)
        let before = session.outcome.placedCount, scoreBefore = session.outcome.totalScore
        var expected: [String: Int] = [:], scoreChange: [String: Int64] = [:]
        let taken = session.outcome.holders()
        for i in model.internships {
            let held = taken[i.internshipID] ?? []
            let full = held.count >= i.capacity
            let supportFull = held.filter { model.student($0)?.needsIntensiveSupport ?? false }.count >= i.supportCapacity
            for (kind, places, support) in [("place", i.capacity + 1, i.supportCapacity), ("support place", full ? i.capacity + 1 : i.capacity, i.supportCapacity + 1)] {
                if kind == "support place", !i.offers.contains(.jobcoach) || !supportFull { continue }
                var m = model
                try m.apply(.places(internship: i.internshipID, places: places, support: support))
                let cold = try m.solve()
                let gain = cold.placedCount - before
                if gain > 0 {
                    expected["\(kind) \(i.id.value)"] = gain
                    // Where no arc's cost changes (support places stay on the same side of 1
                    // and 2), the advice's score change is the optimum's.
                    if min(i.supportCapacity, 2) == min(support, 2) { scoreChange["\(kind) \(i.id.value)"] = cold.totalScore - scoreBefore }
                }
            }
        }
        let found = try session.gaps(limit: 1000)
        for g in found where g.kind == .offer {
            var m = model
            let i = try #require(model.internship(g.internship))
            try m.apply(.offers(internship: g.internship, offers: AccommodationSet(i.offers.elements + g.offered)))
            let cold = try m.solve()
            #expect(cold.placedCount - before == g.gain, "seed \(seed): \(g)")
            // Offers change no arc's cost, so the advice's score change is the optimum's.
            #expect(cold.totalScore - scoreBefore == g.scoreChange, "seed \(seed): \(g)")
        }
        for g in found where g.kind == .newPlace {
            // The same internship added to the round and solved cold.
            let sector = try #require(g.sector), town = try Gazetteer.netherlands.place(named: try #require(g.town), in: sampleRegion)
            let place = Internship(id: try PseudonymousID(g.internship.value),
                                   employer: "a new employer", sector: sector, location: Location(town), capacity: 1,
                                   supportCapacity: g.offered.contains(.jobcoach) ? 1 : 0, offers: AccommodationSet(g.offered))
            let m = RoundModel(students: model.students, internships: model.internships + [place], settings: model.settings)
            let cold = try m.solve()
            #expect(cold.placedCount - before == g.gain, "seed \(seed): \(g)")
            #expect(cold.totalScore - scoreBefore == g.scoreChange, "seed \(seed): \(g)")
            #expect(g.placed.count - g.displaced.count == g.gain)
        }
        for g in found where g.kind == .place || g.kind == .supportPlace {
            let key = "\(g.kind.rawValue) \(g.internship)"
            #expect(expected[key] == g.gain, "seed \(seed): \(g)")
            #expect(g.placed.count - g.displaced.count == g.gain)
            if let change = scoreChange[key] { #expect(g.scoreChange == change, "seed \(seed): \(g)") }
        }
        // Every accommodation an unplaced student lacks that would place someone is asked for
        // at its internship (the search skips the what-ifs of the others).
        let offersListed = Set(found.filter { $0.kind == .offer }.map(\.internship))
        for s in session.outcome.unplaced {
            let student = try #require(model.student(s))
            for i in model.internships where student.sectors.contains(i.sector) {
                let ex = model.settings.exclusions(student, i, on: model.date)
                guard ex.count == 1, case .accommodationsMissing(let missing) = ex[0] else { continue }
                var m = model
                try m.apply(.offers(internship: i.internshipID, offers: AccommodationSet(i.offers.elements + missing)))
                if try m.solve().placedCount > before { #expect(offersListed.contains(i.internshipID), "seed \(seed): offer at \(i.id)") }
            }
        }
        // Every internship where one more place (support place) helps is listed.
        let listed = Set(found.map { "\($0.kind.rawValue) \($0.internship)" })
        for (key, _) in expected {
            #expect(listed.contains(key), "seed \(seed): \(key) missing")
        }
        // No ask is listed beside a smaller ask of its kind at the same place that places at
        // least the same students.
        for g in found where g.kind == .offer || g.kind == .newPlace {
            let smaller = found.filter { h in
                h.kind == g.kind && h.internship == g.internship && h.town == g.town && h.sector == g.sector
                    && Set(h.offered.map(\.rawValue)).isStrictSubset(of: Set(g.offered.map(\.rawValue))) && Set(h.placed).isSuperset(of: g.placed)
            }
            #expect(smaller.isEmpty, "seed \(seed): \(g) beside \(smaller)")
        }
        #expect(session.outcome.placedCount == before)  // nothing kept
    }

    /// A short list is the head of the whole list: offers left out without their what-if
    /// (they cannot place two while enough single places rank before them) change nothing.
    @Test func aShortListIsTheHeadOfTheWholeList() throws {
        var compared = 0
        for seed in 0 ..< 60 {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 7000)
            var model = RoundSessionTests.randomModel(rng: &rng)
            for k in model.students.indices where Double.random(in: 0 ..< 1, using: &rng) < 0.5 {
                model.students[k].needs = AccommodationSet(model.students[k].needs.elements + [.fixedMentor])
            }
            for k in model.internships.indices {
                model.internships[k].offers = AccommodationSet([.jobcoach, .fixedMentor].filter { _ in Bool.random(using: &rng) })
            }
            let session = try RoundSession(model: RoundModel(students: model.students, internships: model.internships, settings: model.settings))
            let all = try session.gaps(limit: 1000)
            for limit in [1, 2, 3] where all.count > limit {
                let short = try session.gaps(limit: limit)
                #expect(short == Array(all.prefix(limit)), "seed \(seed) limit \(limit): \(short) vs \(all.prefix(limit + 2))")
                compared += 1
            }
        }
        #expect(compared > 20)
    }

    /// Each accommodation named for one unplaced student places them in a cold solve with the
    /// offer made, at the internship named; and some seed names one.
    @Test func accommodationRelaxationsPlaceTheStudent() throws {
        var named = 0
        let towns = RoundSessionTests.towns
        for seed in 0 ..< 40 {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 9000)
            // Random rounds where some students need a quiet workplace or a fixed mentor, and
            // some internships offer neither.
            let needs: [[Accommodation]] = [[], [], [.quiet], [.fixedMentor], [.quiet, .fixedMentor]]
            let students = (0 ..< Int.random(in: 6 ... 16, using: &rng)).map { k in
                student("S-\(k)", sectors: [.retail], town: towns.randomElement(using: &rng)!, minutes: Int.random(in: 20 ... 45, using: &rng),
                        needs: needs.randomElement(using: &rng)!)
            }
            let internships = (0 ..< Int.random(in: 2 ... 6, using: &rng)).map { k in
                internship("I-\(k)", town: towns.randomElement(using: &rng)!, capacity: Int.random(in: 1 ... 3, using: &rng), support: 0,
                           offers: [[], [.quiet], [.fixedMentor]].randomElement(using: &rng)!)
            }
            let model = RoundModel(students: students, internships: internships, settings: MatchSettings())
            let session = try RoundSession(model: model)
            for s in session.outcome.unplaced {
                for r in try session.accommodationRelaxations(for: s, limit: 100) {
                    var m = model
                    let i = try #require(model.internship(r.internship))
                    try m.apply(.offers(internship: r.internship, offers: AccommodationSet(i.offers.elements + r.missing)))
                    // Placing the student where the advice says is an optimum of the round with
                    // the offer made (a cold solve may break a tie the other way).
                    let cold = try m.solve()
                    var placedThere = m
                    try placedThere.apply(.pin(student: s, internship: r.placedAt))
                    let forced = try placedThere.solve()
                    #expect(forced.placedCount == cold.placedCount && forced.totalScore == cold.totalScore, "seed \(seed): \(r)")
                    #expect(!r.missing.isEmpty && r.missing.allSatisfy { !i.offers.contains($0) })
                    named += 1
                }
            }
        }
        #expect(named > 0)
    }

    /// The seeds above do meet new places that help (otherwise their check would prove nothing).
    @Test func someRandomRoundHasANewPlaceThatHelps() throws {
        var total = 0
        for seed in 0 ..< 40 {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 7000)
            let session = try RoundSession(model: RoundSessionTests.randomModel(rng: &rng))
            total += try session.newPlaceGaps().count
        }
        #expect(total > 0)
    }
}

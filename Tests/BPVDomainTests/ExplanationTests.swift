@testable import BPVDomain
import Testing

/// Explanations on rounds small enough to check by hand.
@Suite("explanations")
struct ExplanationTests {
    let settings = MatchSettings()
    // S-1 lives next to I-1 (Hilversum); S-2 lives in Loosdrecht, nearer to I-1 than to I-2 (Bussum).
    let s1 = student("S-1", town: "Hilversum"), s2 = student("S-2", town: "Loosdrecht", minutes: 90)
    let i1 = internship("I-1", town: "Hilversum", capacity: 1), i2 = internship("I-2", town: "Bussum", capacity: 1)

    func cost(_ s: Student, _ i: Internship) -> Int64 { Int64(settings.score(s, i).total) }

    @Test func forcingAPairStatesItsExactCostAndTheDisplacementChain() throws {
        let model = RoundModel(students: [s1, s2], internships: [i1, i2], settings: settings)
        let outcome = try model.solve()
        #expect(outcome.internshipOf == ["S-1": "I-1", "S-2": "I-2"])
        let forced = try model.force("S-1", "I-2", against: outcome)
        guard case .allowed(let changes) = forced.outcome else {
            Issue.record("expected an allowed pair, got \(forced.outcome)")
            return
        }
        // By hand: both students swap, and the round costs the difference of the two pairings.
        let expected = cost(s1, i2) + cost(s2, i1) - cost(s1, i1) - cost(s2, i2)
        #expect(expected > 0)
        #expect(changes.scoreAfter - changes.scoreBefore == expected)
        #expect(changes.moves == [.init(student: "S-1", from: "I-1", to: "I-2"), .init(student: "S-2", from: "I-2", to: "I-1")])
        #expect(changes.placedBefore == 2 && changes.placedAfter == 2)
    }

    @Test func whyNamesTheBetterAlternativeAndWhatTakingItWouldCost() throws {
        let model = RoundModel(students: [s1, s2], internships: [i1, i2], settings: settings)
        let outcome = try model.solve()
        let why = try model.why("S-2", in: outcome)
        #expect(why.status == .placed && why.internship == "I-2")
        #expect(why.score == settings.score(s2, i2))
        #expect(why.alternatives.count == 1)
        guard case .taken(let holders, .allowed(let changes)) = why.alternatives.first?.verdict else {
            Issue.record("expected a taken alternative, got \(String(describing: why.alternatives.first))")
            return
        }
        #expect(holders == ["S-1"])
        #expect(changes.scoreAfter - changes.scoreBefore == cost(s1, i2) + cost(s2, i1) - cost(s1, i1) - cost(s2, i2))
        // S-1 is at its best place: its alternative is simply worse for it.
        let first = try model.why("S-1", in: outcome)
        #expect(first.alternatives.first?.verdict == .worseForStudent(by: Int(cost(s1, i2) - cost(s1, i1))))
    }

    @Test func anUnplacedStudentWithAllowedInternshipsLostTheCompetition() throws {
        let s3 = student("S-3", town: "Hilversum")
        var first = s2
        first.priority = 1  // S-2 must be placed; S-1 and S-3 compete for what is left
        let model = RoundModel(students: [s1, first, s3], internships: [i1, i2], settings: settings)
        let outcome = try model.solve()
        #expect(outcome.unplaced.count == 1)
        let loser = try #require(outcome.unplaced.first)
        let winner: StudentID = loser == "S-1" ? "S-3" : "S-1"
        #expect(model.whyUnplaced(loser, in: outcome) == .lostCompetition([
            TakenAlternative(internship: "I-1", score: settings.score(s1, i1), holders: [winner]),
            TakenAlternative(internship: "I-2", score: settings.score(s1, i2), holders: ["S-2"]),
        ]))
        #expect(model.whyUnplaced(winner, in: outcome) == nil)
    }

    @Test func anUnplacedStudentWithoutCandidatesGetsATallyOfTheRules() throws {
        let picky = student("S-9", town: "Hilversum", minutes: 10, needs: [.nt2])
        let far = internship("I-3", town: "Huizen", capacity: 1, offers: [.nt2])
        let horeca = internship("I-4", sector: .horeca, town: "Hilversum", capacity: 1, offers: [.nt2])
        let model = RoundModel(students: [picky], internships: [i1, i2, far, horeca], settings: settings, bans: [Pair("S-9", "I-1")])
        let outcome = try model.solve()
        guard case .noCandidate(let tally) = model.whyUnplaced("S-9", in: outcome) else {
            Issue.record("expected no candidate")
            return
        }
        #expect(tally.outsideWishedSectors == 1 && tally.inWishedSectors == 3)
        #expect(tally.accommodationsMissing == [.nt2: 2])
        #expect(tally.tooFar == 2)  // Bussum and Huizen are more than 10 minutes by bike
        #expect(tally.nearestTooFarMinutes == Int(settings.travelMinutes(from: picky.home, to: far.location, by: .bike).rounded()))
        #expect(tally.banned == 0)  // I-1 breaks a rule before the ban matters
    }

    @Test func pinsCommitmentsAndBansAreObstaclesNotCosts() throws {
        var model = RoundModel(students: [s1, s2], internships: [i1, i2], settings: settings,
                               commitments: ["S-2": "I-1"], bans: [Pair("S-1", "I-2")])
        let outcome = try model.solve()
        #expect(outcome.internshipOf["S-2"] == "I-1")
        #expect(outcome.unplaced == ["S-1"])
        #expect(try model.force("S-1", "I-2", against: outcome).outcome == .banned)
        #expect(try model.force("S-1", "I-1", against: outcome).outcome == .fullWithFixedStudents(["S-2"]))
        #expect(try model.force("S-2", "I-2", against: outcome).outcome == .heldElsewhere("I-1", .agreed))
        try model.apply(.release(student: "S-2"))
        #expect(model.bans.contains(Pair("S-2", "I-1")))
        #expect(throws: RoundError.refused(.noPin("S-1"))) { try model.unpin(student: "S-1") }
    }
}

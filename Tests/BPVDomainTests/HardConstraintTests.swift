import BPVGeography
import Testing
@testable import BPVDomain

@Suite("Hard constraints")
struct HardConstraintTests {
    let settings = MatchSettings()

    func isCandidate(_ s: Student, _ i: Internship) throws -> Bool {
        let graph = try CandidateGraph(students: [s], internships: [i], settings: settings)
        let inGraph = graph.problem.arcCount == 1
        // The graph and the explanation agree.
        #expect(inGraph == settings.exclusions(s, i).isEmpty)
        return inGraph
    }

    @Test func aFittingPairIsACandidate() throws {
        #expect(try isCandidate(student(), internship()))
    }

    @Test func sectorMustBeWanted() throws {
        let i = internship(sector: .zorg)
        #expect(try !isCandidate(student(sectors: [.retail, .logistiek]), i))
        #expect(settings.exclusions(student(), i) == [.sectorNotWanted(.zorg)])
    }

    @Test func levelMustBeAccepted() throws {
        #expect(try !isCandidate(student(level: .three), internship()))
        #expect(settings.exclusions(student(level: .three), internship()) == [.levelNotAccepted(.three)])
    }

    @Test func travelTimeMustBeWithinTheStudentsLimit() throws {
        // Hilversum to Haarlem is about 32 km in a straight line.
        let far = internship(town: "Haarlem")
        #expect(try !isCandidate(student(mode: .bike, minutes: 60), far))
        #expect(try isCandidate(student(mode: .car, minutes: 90), far))
        guard case .tooFar(let minutes, 60) = settings.exclusions(student(mode: .bike, minutes: 60), far).first else {
            Issue.record("expected tooFar")
            return
        }
        #expect(minutes > 60)
    }

    @Test func everyNeededAccommodationMustBeOffered() throws {
        let s = student(needs: [.quiet, .wheelchair])
        #expect(try !isCandidate(s, internship(offers: [.quiet])))
        #expect(settings.exclusions(s, internship(offers: [.quiet])) == [.accommodationsMissing([.wheelchair])])
        #expect(try isCandidate(s, internship(offers: [.quiet, .wheelchair])))
    }

    @Test func everyRequiredCertificateMustBeHeld() throws {
        let i = internship(sector: .logistiek, requires: [.heftruck])
        #expect(try !isCandidate(student(sectors: [.logistiek]), i))
        #expect(try isCandidate(student(sectors: [.logistiek], certificates: [.heftruck, .vca]), i))
    }

    @Test func aStudentWhoNeedsAJobCoachNeedsASupportPlace() throws {
        let s = student(needs: [.jobcoach])
        #expect(try !isCandidate(s, internship(support: 0)))
        #expect(settings.exclusions(s, internship(support: 0)) == [.noSupportPlaces])
        #expect(try isCandidate(s, internship(support: 1)))
    }

    @Test func anInternshipWithoutPlacesIsNoCandidate() throws {
        #expect(try !isCandidate(student(), internship(capacity: 0, support: 0)))
    }

    @Test func supportCapacityIsEnforcedByTheSolver() throws {
        // Three students who need a job coach, one internship with 3 places but 1 support place.
        let students = (1 ... 3).map { student("S-\($0)", needs: [.jobcoach]) }
        let graph = try CandidateGraph(
            students: students, internships: [internship(capacity: 3, support: 1)], settings: settings)
        #expect(graph.problem.support?.capacities == [1])
        #expect(graph.problem.support?.needsSupport == [true, true, true])
    }
}

@Suite("Scoring defaults")
struct ScoringTests {
    @Test func defaultsAreDocumentedValues() {
        let s = MatchSettings()
        #expect(s.sectorRankWeight == 30 && s.travelMinuteWeight == 1 && s.supportScarcityWeight == 15)
        #expect(s.detourFactor == 1.3)
        #expect(s.speed(.walk) == 5 && s.speed(.bike) == 15 && s.speed(.scooter) == 25 && s.speed(.ov) == 30 && s.speed(.car) == 40)
        #expect(s.accessMinutes(.ov) == 10 && s.accessMinutes(.bike) == 0 && MatchSettings.floorKilometres == 1)
    }

    @Test func scoreAddsRankTravelAndSupportScarcity() throws {
        let settings = MatchSettings()
        let s = student(sectors: [.zorg, .retail], town: "Hilversum", mode: .bike, minutes: 60, needs: [.jobcoach])
        let i = internship(sector: .retail, town: "Huizen", support: 1)
        let score = settings.score(s, i)
        let minutes = Int(settings.travelMinutes(from: s.home, to: i.location, by: .bike).rounded())
        #expect(score.sectorRank == 1 && score.sectorCost == 30)
        #expect(score.travelMinutes == minutes && score.travelCost == minutes)
        #expect(score.scarceSupport && score.supportCost == 15)
        #expect(score.total == 30 + minutes + 15)
        let graph = try CandidateGraph(students: [s], internships: [i], settings: settings)
        #expect(graph.problem.arcCost == [Int64(score.total)])
    }

    @Test func travelTimeFollowsDistanceDetourAndSpeed() {
        let settings = MatchSettings()
        // Hilversum -> Huizen: about 9.4 km straight, 12.2 km with detour, 49 minutes by bike.
        let km = at("Hilversum").kilometres(to: at("Huizen"))
        #expect(abs(km - 9.4) < 0.3)
        let minutes = settings.travelMinutes(from: at("Hilversum"), to: at("Huizen"), by: .bike)
        #expect(abs(minutes - km * 1.3 / 15 * 60) < 1e-9)
        #expect(settings.travelMinutes(from: at("Hilversum"), to: at("Huizen"), by: .car) < minutes)
        // Public transport: ten minutes to the stops and waiting, then 30 km/h aboard.
        #expect(abs(settings.travelMinutes(from: at("Hilversum"), to: at("Huizen"), by: .ov) - (10 + km * 1.3 / 30 * 60)) < 1e-9)
    }

    @Test func nobodyTravelsZeroMinutesInsideOnePostcodeArea() throws {
        let settings = MatchSettings()
        let here = at("Hilversum")
        // One point: the floor of one kilometre, 5.2 minutes by bike, 15.6 on foot, 12.6 by ov.
        #expect(abs(settings.travelMinutes(from: here, to: here, by: .bike) - 1.3 / 15 * 60) < 1e-9)
        #expect(abs(settings.travelMinutes(from: here, to: here, by: .walk) - 1.3 / 5 * 60) < 1e-9)
        #expect(abs(settings.travelMinutes(from: here, to: here, by: .ov) - (10 + 1.3 / 30 * 60)) < 1e-9)
        // The candidate graph solves with the same model: a student and an internship on one point.
        let s = student(town: "Hilversum", mode: .walk, minutes: 30), i = internship(town: "Hilversum")
        #expect(settings.score(s, i).travelMinutes == 16)
        #expect(try CandidateGraph(students: [s], internships: [i], settings: settings).problem.arcCost == [16])
        // An ov limit below the access time reaches nothing.
        #expect(settings.reachKilometres(minutes: 8, by: .ov) == 0)
        #expect(settings.exclusions(student(town: "Hilversum", mode: .ov, minutes: 8), i) == [.tooFar(minutes: 13, limit: 8)])
    }

    @Test func changedWeightsChangeTheScore() {
        var settings = MatchSettings()
        settings.sectorRankWeight = 100
        let s = student(sectors: [.zorg, .retail])
        #expect(settings.score(s, internship(sector: .retail)).sectorCost == 100)
    }
}

@Suite("measured travel times")
struct MeasuredTravelTests {
    @Test func aMeasuredJourneyMakesACandidateBeyondTheModelsReach() throws {
        var settings = MatchSettings()
        var home = at("Hilversum"), work = at("Huizen")
        home.postcode = Postcode(number: 1211)
        work.postcode = Postcode(number: 1271)
        let s = Student(id: id("S-1"), level: .two, sectors: [.retail], home: home, travelMode: .walk, maxTravelMinutes: 20)
        let i = Internship(id: id("I-1"), employer: "Huizen", sector: .retail, location: work, capacity: 1)
        // On foot, 9 km is two hours by the model: too far.
        #expect(try CandidateGraph(students: [s], internships: [i], settings: settings).problem.arcCost.isEmpty)
        settings.measuredTravel = MeasuredTravel([.init(from: home.postcode!, to: work.postcode!, mode: .walk): 15])
        #expect(settings.travelMinutes(from: home, to: work, by: .walk) == 15)
        #expect(try CandidateGraph(students: [s], internships: [i], settings: settings).problem.arcCost == [15])
        #expect(CandidateGraph.arcs(for: s, internships: [i], settings: settings).map(\.cost) == [15])
        #expect(settings.exclusions(s, i).isEmpty && settings.score(s, i).travelMinutes == 15)
        // Another mode, or the way back, is not measured: the model again.
        #expect(settings.travelMinutes(from: work, to: home, by: .walk) > 100)
    }
}

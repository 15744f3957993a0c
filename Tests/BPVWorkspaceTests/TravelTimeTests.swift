import BPVDomain
import BPVGeography
import Foundation
import Testing
import BPVTestServer
@testable import BPVWorkspace

/// Measured travel times from a router (`import travel-times`) and the travel model beside them.
@Suite("measured travel times and the travel model")
struct TravelTimeTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func workspace(_ region: String) throws -> (Register, String) {
        let path = try TestStore.fresh("bpv-travel")
        let ws = try TestStore.open(path, user: "coordinator")
        let students = Array(try Data(contentsOf: Self.samples.appendingPathComponent("\(region)-students.csv")))
        let internships = Array(try Data(contentsOf: Self.samples.appendingPathComponent("\(region)-internships.csv")))
        let employers = Array(try Data(contentsOf: Self.samples.appendingPathComponent("\(region)-employers.csv")))
        try ws.importStudents(try StudentImport.parse(students, fileName: "students"), from: "students")
        try ws.importEmployers(try EmployerImport.parse(employers, fileName: "employers"), from: "employers")
        try ws.importInternships(try InternshipImport.parse(internships, fileName: "internships"), from: "internships")
        return (Register(workspace: ws), path)
    }

    @Test(arguments: ["gooi", "kennemerland"])
    func noPlacedPupilOfEitherSampleTravelsZeroMinutes(region: String) throws {
        let (register, path) = try workspace(region)
        defer { TestStore.remove(path) }
        let round = try register.match()
        let minutes = round.session.outcome.scoreOf.values.map(\.travelMinutes)
        #expect(minutes.count > 50)
        #expect(minutes.min() ?? 0 >= 3, "the shortest journey is \(minutes.min() ?? 0) min")
        // Every pupil and internship of the samples stands for a postcode area.
        #expect(try register.workspace.students().allSatisfy { $0.home.postcode != nil })
        #expect(try register.workspace.internships().allSatisfy { $0.location.postcode != nil })
    }

    @Test func aRoutersTimesReplaceTheModelForTheirPairsInEveryAnswer() throws {
        let (register, path) = try workspace("gooi")
        defer { TestStore.remove(path) }
        let ws = register.workspace
        let from = Set(try ws.students().compactMap(\.home.postcode)).sorted()
        let to = Set(try ws.internships().compactMap(\.location.postcode)).sorted()
        // Every pair of areas by every mode: a few thousand rows, half of them as six-character
        // postcodes (two rows of one area pair, 1 minute apart, count at their mean).
        var rows = ["from;to;mode;minutes"], expected: [MeasuredTravel.Journey: Int] = [:]
        for a in from {
            for b in to {
                for (k, mode) in [TravelMode.walk, .bike, .ov, .car].enumerated() {
                    let m = 3 + (a.number + b.number + k) % 25
                    if (a.number + b.number) % 2 == 0 {
                        rows.append("\(a)AB;\(b) cd;\(mode.rawValue);\(m)")
                        rows.append("\(a)ZZ;\(b)XY;\(mode.rawValue);\(m + 1)")
                        expected[.init(from: a, to: b, mode: mode)] = Int((Double(2 * m + 1) / 2).rounded())
                    } else {
                        rows.append("\(a);\(b);\(mode.rawValue);\(m)")
                        expected[.init(from: a, to: b, mode: mode)] = m
                    }
                }
            }
        }
        #expect(rows.count > 3_000)
        let journeys = try TravelTimeImport.parse(Array(rows.joined(separator: "\n").utf8), fileName: "times.csv")
        #expect(journeys == expected)
        let (summary, _) = try register.importTravelTimes(journeys, from: "times.csv")
        #expect(summary.added == expected.count && summary.updated == 0)
        // The round, its scores and the explanations all read the measured times.
        let round = try register.match()
        let model = round.session.model
        for (s, score) in round.session.outcome.scoreOf {
            let place = try #require(round.session.outcome.internshipOf[s])
            let student = try #require(model.student(s)), internship = try #require(model.internship(place))
            let home = try #require(student.home.postcode), work = try #require(internship.location.postcode)
            let measured = expected[.init(from: home, to: work, mode: student.travelMode)]
            #expect(score.travelMinutes == measured, "\(s)")
        }
        // Stored, and read again by a new process.
        let reopened = try TestStore.open(path)
        #expect(try reopened.settings().measuredTravel.count == expected.count)
        // A second file replaces what it names.
        let again = try TravelTimeImport.parse(Array("from;to;mode;minutes\n\(from[0]);\(to[0]);bike;9\n".utf8), fileName: "again.csv")
        #expect(try register.importTravelTimes(again, from: "again.csv").summary.updated == 1)
        // Another process's change: on a region's server the view takes it in, as a shell does
        // before each command (a file is always current).
        _ = try reopened.takeInNews()
        #expect(try reopened.settings().measuredTravel.minutes(from: from[0], to: to[0], by: .bike) == 9)
        #expect(try reopened.auditLog().filter { $0.subject == "travel-times" }.count == 2)
    }

    @Test func aBadRowIsLocatedAndNothingIsImported() {
        let text = "from;to;mode;minutes\n1211;1271;bike;14\n1000;1271;bike;10\n1211;12;ov;10\n1211;1271;boat;10\n1211;1271;ov;0\n"
        do {
            _ = try TravelTimeImport.parse(Array(text.utf8), fileName: "times.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map { "\($0.line):\($0.column): \($0.message)" } == [
                "3:1: postcode 1000 is not a postcode area in the Netherlands (nearest: 1011, 1012, 1013); check the code, or give the place name",
                "4:6: '12' is not a postcode: write four digits, optionally with two letters (1234, 1234 AB)",
                "5:11: unknown mode 'boat'; expected walk, bike, scooter, ov, car",
                "6:14: minutes 0 is out of range 1...600",
            ])
        }
    }
}

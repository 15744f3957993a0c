@testable import BPVDomain
import Testing

/// Undo rests on ``RoundModel/inverse(of:)``: applying a coach's change and then its inverse
/// leaves the round as it was, and the inverse of the inverse tells whether the change is still
/// in effect.
@Suite("inverse changes")
struct InverseChangeTests {
    func model() throws -> RoundModel {
        var m = RoundModel(students: [student("S-1"), student("S-2", town: "Bussum")],
                           internships: [internship("I-1"), internship("I-2", town: "Bussum")], settings: MatchSettings())
        try m.apply(.pin(student: "S-2", internship: "I-2"))
        try m.apply(.ban(student: "S-1", internship: "I-2"))
        return m
    }

    /// What a coach's change can alter, compared whole.
    func state(_ m: RoundModel) -> String {
        "\(m.pins.sorted { $0.key < $1.key }) \(m.bans.sorted { "\($0)" < "\($1)" }) \(m.settings.travelMinuteWeight) "
            + "\(m.internships.map { "\($0.internshipID):\($0.capacity)/\($0.supportCapacity)" }) \(m.students.map { "\($0.maxTravelMinutes)" })"
    }

    static let changes: [RoundChange] = [
        .pin(student: "S-1", internship: "I-1"), .pin(student: "S-2", internship: "I-1"), .unpin(student: "S-2"),
        .ban(student: "S-2", internship: "I-1"), .unban(student: "S-1", internship: "I-2"),
        .studentSetting(student: "S-1", .maxTravelMinutes, value: "90"), .places(internship: "I-1", places: 5, support: 2),
    ]

    @Test(arguments: changes.indices)
    func aChangeFollowedByItsInverseLeavesTheRoundAsItWas(k: Int) throws {
        let change = Self.changes[k]
        let before = try model()
        let inverse = try #require(before.inverse(of: change))
        var after = before
        try after.apply(change)
        #expect(state(after) != state(before), "\(change) changed nothing")
        // Right after the change, the inverse of the inverse marks it as in effect...
        let mark = after.inverse(of: inverse)
        var undone = after
        try undone.apply(inverse)
        #expect(state(undone) == state(before), "\(change) then \(inverse)")
        // ...and once it is taken back (or changed by anyone), it no longer is.
        #expect(undone.inverse(of: inverse) != mark)
    }

    @Test func changesThatAreNotTakenBackHaveNoInverse() throws {
        let m = try model()
        #expect(m.inverse(of: .ban(student: "S-1", internship: "I-2")) == nil)  // banned already
        #expect(m.inverse(of: .unpin(student: "S-1")) == nil)  // not pinned
        #expect(m.inverse(of: .commit(["S-1": "I-1"])) == nil)
        #expect(m.inverse(of: .end(student: "S-1", outcome: .completed)) == nil)
    }
}

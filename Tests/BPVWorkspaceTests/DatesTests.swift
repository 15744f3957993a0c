import BPVDomain
import Foundation
import Testing
import BPVTestServer
@testable import BPVWorkspace

/// The placement year's dates: rolling intake (a student available later), an internship's
/// window, `match on DATE`, and the waiting list with its days.
@Suite("dates and the waiting list")
struct DatesTests {
    let today = CalendarDate.today

    /// Three students and two one-place internships in Hilversum; S-3 is available in 30 days,
    /// I-2 takes new students only from 60 days on.
    func workspace() throws -> (Workspace, String) {
        let path = try TestStore.fresh("bpv-dates")
        let ws = try TestStore.open(path, user: "coordinator")
        try ws.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min,available_from
            S-1,2,retail,Hilversum,bike,30,
            S-2,2,retail,Hilversum,bike,30,\(today.adding(days: -10))
            S-3,2,retail,Hilversum,bike,30,\(today.adding(days: 30))

            """.utf8), fileName: "s.csv"), from: "s.csv")
        try ws.importInternships(try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity,available_from,available_until
            I-1,Winkel Een,retail,Hilversum,1,,
            I-2,Winkel Twee,retail,Hilversum,1,\(today.adding(days: 60)),\(today.adding(days: 120))

            """.utf8), fileName: "i.csv"), from: "i.csv")
        return (ws, path)
    }

    @Test func calendarDatesParsePrintAndCount() throws {
        #expect(CalendarDate("2026-12-01")?.description == "2026-12-01")
        #expect(CalendarDate("2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDate("2026-02-29") == nil && CalendarDate("2026-13-01") == nil && CalendarDate("1-2-3") == nil)
        #expect(CalendarDate("1970-01-01")?.day == 0)
        let a = try #require(CalendarDate("2026-09-01")), b = try #require(CalendarDate("2027-01-19"))
        #expect(a.days(to: b) == 140)
    }

    @Test func todayPlacesOnlyStudentsAvailableAtInternshipsOpen() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let register = Register(workspace: ws)
        let now = try register.match()
        // S-3 is not available yet, I-2 not open yet: one place for S-1 and S-2.
        #expect(now.summary.placed == 1)
        #expect(now.session.outcome.internshipOf["S-3"] == nil)
        #expect(now.session.outcome.internshipOf.values.allSatisfy { $0 == "I-1" })
        let why = try #require(now.session.model.whyUnplaced("S-3", in: now.session.outcome))
        guard case .noCandidate(let tally) = why else { Issue.record("\(why)"); return }
        #expect(tally.availableFrom == today.adding(days: 30))
        #expect(tally.closedOnDate == 1)
        // In 90 days everyone is available and I-2 is open: both places are used.
        let later = try register.match(on: today.adding(days: 90))
        #expect(later.summary.placed == 2)
        // The live round keeps that date: a new view solves for it too.
        #expect(try Register(workspace: ws).current().model.date == today.adding(days: 90))
    }

    @Test func aBadDateIsLocatedInTheFile() throws {
        // A Dutch date (day first, four-digit year) is read; a two-digit year or a 31st of
        // February is not.
        let header = "id,level,sectors,town,travel_mode,max_travel_min,available_from\n"
        let dutch = try StudentImport.parse(Array((header + "S-1,2,retail,Hilversum,bike,30,1-9-2026\n").utf8), fileName: "s.csv")
        #expect(dutch.first?.availableFrom == CalendarDate("2026-09-01"))
        for bad in ["1-9-26", "31-2-2026", "2026-13-01"] {
            do {
                _ = try StudentImport.parse(Array((header + "S-1,2,retail,Hilversum,bike,30,\(bad)\n").utf8), fileName: "s.csv")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.description == "s.csv:2:32: available_from '\(bad)' is not a date; write it as YYYY-MM-DD (2026-09-01) or DD-MM-YYYY (1-9-2026)\nnothing was imported")
            }
        }
        do {
            _ = try InternshipImport.parse(Array("id,employer,sector,town,capacity,available_from,available_until\nI-1,W,retail,Hilversum,1,2026-09-01,2026-08-01\n".utf8),
                                           fileName: "i.csv")
            Issue.record("accepted a window that ends before it starts")
        } catch {
            #expect(error.description == "i.csv:2:37: available_until 2026-08-01 is before available_from 2026-09-01\nnothing was imported")
        }
    }

    @Test func theWaitingListCountsFromTheLatestOfRegistrationAvailabilityAndTheLastEnd() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let register = Register(workspace: ws)
        try register.match()
        try register.commit(students: ["S-1"])
        try register.start(student: "S-1", on: today)
        try register.end(student: "S-1", outcome: .completed, reason: "route done", on: today.adding(days: 20))
        // Forty days on: S-2 was available from ten days before today (though imported today),
        // S-1 ended on day 20 (it had no availability date: imported today), S-3 became
        // available on day 30.
        let list = try ws.waiting(on: today.adding(days: 40))
        let days = Dictionary(uniqueKeysWithValues: list.map { ($0.student, $0.since.map { $0.days(to: today.adding(days: 40)) }) })
        #expect(days == ["S-1": 20, "S-2": 50, "S-3": 10])
        // Ten days ago only S-2 was waiting: S-1 was imported today.
        #expect(try ws.waiting(on: today.adding(days: -10)).map(\.student) == ["S-2"])
        // Today S-3 is not waiting yet (available only in 30 days), nor S-1 (its placement ran
        // until day 20).
        #expect(try ws.waiting(on: today).map(\.student) == ["S-2"])
        // A held placement is not waiting.
        try register.propose(student: "S-2", internship: "I-1")
        #expect(!(try ws.waiting(on: today.adding(days: 40)).contains { $0.student == "S-2" }))
    }

    /// Two students at work from today (20 weeks: planned end on day 140), two more places
    /// elsewhere (I-3, I-4) from today on.
    func twoAtWork() throws -> (Workspace, Register, String) {
        let path = try TestStore.fresh("bpv-next")
        let ws = try TestStore.open(path, user: "coordinator")
        try ws.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min
            S-1,2,retail,Hilversum,bike,30
            S-2,2,retail,Hilversum,bike,30

            """.utf8), fileName: "s.csv"), from: "s.csv")
        try ws.importInternships(try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity
            I-1,Winkel Een,retail,Hilversum,1
            I-2,Winkel Twee,retail,Hilversum,1
            I-3,Winkel Drie,retail,Hilversum,1

            """.utf8), fileName: "i.csv"), from: "i.csv")
        let register = Register(workspace: ws)
        for (s, i) in [("S-1", "I-1"), ("S-2", "I-2")] {
            try register.propose(student: StudentID(s), internship: InternshipID(i))
            try register.accept(student: StudentID(s))
        }
        try register.start(student: "S-1", on: today)
        try register.start(student: "S-2", on: today)
        return (ws, register, path)
    }

    @Test func aPlacementEndingBeforeTheDateFreesItsPlaceAndTheStudentIsMatchedForTheNext() throws {
        let (ws, register, path) = try twoAtWork()
        defer { TestStore.remove(path) }
        // While their placements run, both are held where they are and nobody waits.
        let during = try register.match(on: today.adding(days: 100))
        #expect(during.session.outcome.fixed == ["S-1": "I-1", "S-2": "I-2"])
        #expect(try ws.waiting(on: today.adding(days: 100)).isEmpty)
        // After the planned end (day 140) both are matched for their next placement, into the
        // three places free that day, while the ended placements stay on record.
        let after = try register.match(on: today.adding(days: 150))
        #expect(after.session.outcome.fixed.isEmpty)
        #expect(after.summary.placed == 2)
        #expect(after.session.model.ending == ["S-1": Ending(internship: "I-1", plannedEnd: today.adding(days: 140)),
                                                "S-2": Ending(internship: "I-2", plannedEnd: today.adding(days: 140))])
        let next = try #require(after.session.outcome.internshipOf["S-1"])
        #expect(try ws.history(of: "S-1").map { "\($0.internship) \($0.outcome)" } == ["I-1 active", "\(next) draft"])
        #expect(try ws.placements().map { "\($0.student) \($0.internship?.value ?? "-") \($0.status)" }
            == after.session.outcome.internshipOf.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) draft" })
        // Waiting since the planned end: a draft is not a held place.
        #expect(try ws.waiting(on: today.adding(days: 150)).map { "\($0.student) \($0.since?.description ?? "")" }
            == ["S-1 \(today.adding(days: 140))", "S-2 \(today.adding(days: 140))"])
        // The next placement cannot start while the last one is still on record.
        #expect(throws: WorkspaceError.self) { try register.start(student: "S-1", on: today.adding(days: 150)) }
        try register.propose(student: "S-1")
        try register.accept(student: "S-1")
        #expect(!(try ws.waiting(on: today.adding(days: 150)).contains { $0.student == "S-1" }))
        // Ending the last one (on its planned end by default) makes the next one current.
        try register.end(student: "S-1", outcome: .completed, reason: "route part one done")
        let ended = try #require(try ws.history(of: "S-1").first)
        #expect(ended.outcome == "completed" && ended.end == today.adding(days: 140).description && ended.start == today.description)
        try register.start(student: "S-1", on: today.adding(days: 150))
        #expect(try ws.history(of: "S-1").map { "\($0.internship) \($0.outcome)" } == ["I-1 completed", "\(next) active"])
        // A fresh view sees the same: S-1 active at the next place, S-2 drafted, I-2's ending
        // placement not counted against its place.
        let fresh = try Register(workspace: ws).current()
        #expect(fresh.model.heldStatus(of: "S-1") == .active && fresh.model.ending.keys.sorted() == ["S-2"])
        #expect(fresh.outcome.internshipOf == after.session.outcome.internshipOf)
    }

    @Test func aNextPlacementKeepsItsPlaceWhenAnEarlierDateIsMatched() throws {
        let (ws, register, path) = try twoAtWork()
        defer { TestStore.remove(path) }
        // After the planned end (day 140) S-1's next placement is agreed at I-3, I-3's one place.
        try register.match(on: today.adding(days: 150))
        try register.propose(student: "S-1", internship: "I-3")
        try register.accept(student: "S-1")
        // A newcomer who wants I-3 above all arrives; the coordinator matches an earlier day,
        // while S-1 is still at I-1. I-3 is promised to S-1, so the newcomer is not put there.
        _ = try register.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min
            S-3,2,retail,Hilversum,bike,30

            """.utf8), fileName: "s3.csv"), from: "s3.csv")
        let earlier = try register.match(on: today.adding(days: 100))
        #expect(earlier.session.model.upcoming == ["S-1": Upcoming(internship: "I-3", status: .agreed)])
        #expect(earlier.session.outcome.internshipOf["S-3"] == nil)
        #expect(earlier.session.outcome.fixed == ["S-1": "I-1", "S-2": "I-2"])
        // Why: every place is held or promised, none lost in competition.
        guard case .noCandidate(let tally) = earlier.session.model.whyUnplaced("S-3", in: earlier.session.outcome) else {
            Issue.record("S-3 should have no candidate left")
            return
        }
        #expect(tally.fullWithFixedStudents == 3)
        // The employers' view counts the promised place as taken.
        #expect(try ws.employerSummaries().first { $0.internships == ["I-3"] }.map { "\($0.places) \($0.taken)" } == "1 1")
        // Nor can the place be taken away from under the promise.
        #expect(refusalText { try register.setPlaces(of: "I-3", places: 0, support: 0) }
            == "refused: I-3 has 0 places but 1 held: S-1 (agreed, next placement); keep at least 1 place (set I-3 capacity 1); nothing was changed")
        // Back on the later day: S-1 holds I-3, nobody else is there, and no overfill is kept.
        let later = try register.match(on: today.adding(days: 150))
        #expect(later.session.model.overfills().isEmpty)
        #expect(later.session.outcome.fixed["S-1"] == "I-3")
        #expect(later.session.outcome.internshipOf.filter { $0.value == "I-3" }.map(\.key) == ["S-1"])
        #expect(later.session.outcome.internshipOf["S-3"] != nil)
    }

    @Test func aNextPlacementAtTheSameInternshipTakesOnePlaceNotTwo() throws {
        let (ws, register, path) = try twoAtWork()
        defer { TestStore.remove(path) }
        // S-1 goes on at I-1 after the planned end (day 140): the same place, agreed again.
        try register.match(on: today.adding(days: 150))
        try register.propose(student: "S-1", internship: "I-1")
        try register.accept(student: "S-1")
        let earlier = try register.match(on: today.adding(days: 100))
        #expect(earlier.session.model.promised().isEmpty && earlier.session.model.overfills().isEmpty)
        // I-1's one place is S-1's on both dates; cutting it is refused, keeping it is fine.
        #expect(throws: WorkspaceError.self) { try register.setPlaces(of: "I-1", places: 0, support: 0) }
        try register.setPlaces(of: "I-1", places: 1, support: 0)
        _ = ws
    }

    @Test func aBreakdownRecordedAfterThePlannedEndStillBansTheEmployer() throws {
        let (ws, register, path) = try twoAtWork()
        defer { TestStore.remove(path) }
        try register.match(on: today.adding(days: 150))
        try register.end(student: "S-2", outcome: .brokeDown, reason: "stopped coming in week 6", on: today.adding(days: 42))
        let round = try register.current()
        #expect(round.model.ending["S-2"] == nil && round.model.bans.contains(Pair("S-2", "I-2")))
        #expect(round.outcome.internshipOf["S-2"] != "I-2" && round.outcome.internshipOf["S-2"] != nil)
        let entry = try #require(try ws.history(of: "S-2").first)
        #expect(entry.outcome == "broke_down" && entry.end == today.adding(days: 42).description)
    }

    @Test func aDateOutsideTheWindowIsRefusedWhereverItIsGiven() throws {
        #expect(refusalText { _ = try CalendarDate(parsing: "9999-12-31") } == "'9999-12-31' lies outside the dates bpv takes (2000-01-01 to 2100-12-31); check the year")
        #expect(throws: WorkspaceError.refused(.dateOutsideWindow("9999-12-31"))) {
            _ = try CalendarDate(parsing: "9999-12-31")
        }
        #expect(throws: WorkspaceError.refused(.dateOutsideWindow("0226-09-01"))) {
            _ = try CalendarDate(parsing: "0226-09-01")
        }
        #expect(try CalendarDate(parsing: "2100-12-31").description == "2100-12-31")
        do {
            _ = try StudentImport.parse(Array("id,level,sectors,town,travel_mode,max_travel_min,available_from\nS-1,2,retail,Hilversum,bike,30,9999-01-01\n".utf8),
                                        fileName: "s.csv")
            Issue.record("accepted a far date")
        } catch {
            #expect(error.description == "s.csv:2:32: available_from '9999-01-01' lies outside the dates bpv takes (2000-01-01 to 2100-12-31); check the year\nnothing was imported")
        }
    }

    @Test func aStartFarAwayBeforeAvailabilityOrOutsideTheWindowAndAnEndBeforeTheStartAreRefused() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let register = Register(workspace: ws)
        try register.propose(student: "S-3", internship: "I-2")
        try register.accept(student: "S-3")
        #expect(throws: WorkspaceError.refused(.dateOutsideWindow("9999-12-31"))) {
            try register.start(student: "S-3", on: CalendarDate("9999-12-31"))
        }
        #expect(refusalText { try register.start(student: "S-3", on: today) }
            == "refused: S-3 is available from \(today.adding(days: 30)), not on \(today); start on \(today.adding(days: 30)) or later (start S-3 \(today.adding(days: 30))), or change the student's available_from; nothing was changed")
        #expect(throws: WorkspaceError.refused(.outsideInternshipWindow("I-2", window: "\(today.adding(days: 60)) to \(today.adding(days: 120))", day: today.adding(days: 40)))) {
            try register.start(student: "S-3", on: today.adding(days: 40))
        }
        let start = today.adding(days: 66)
        try register.start(student: "S-3", on: start)
        #expect(throws: WorkspaceError.refused(.endBeforeStart("S-3", "I-2", started: start, day: start.adding(days: -6), outcome: .completed))) {
            try register.end(student: "S-3", outcome: .completed, reason: "done", on: start.adding(days: -6))
        }
        #expect(try ws.history(of: "S-3").map { "\($0.internship) \($0.outcome) \($0.start ?? "")" } == ["I-2 active \(start)"])
    }

    @Test func aFarDateAnEarlierReleaseStoredNoLongerWedgesTheWorkspace() throws {
        // Before issue 24, `start S 9999-12-31` stored a planned end of 10000-05-19, which no
        // reader could parse: every command that read the register failed from then on.
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let register = Register(workspace: ws)
        try register.propose(student: "S-1", internship: "I-1")
        try register.accept(student: "S-1")
        try register.start(student: "S-1", on: today)
        try ws.write { db in
            try db.execute(sql: "UPDATE register SET start_date = '9999-12-31', planned_end = '10000-05-19' WHERE student_id = 'S-1'")
        }
        let round = try register.match()
        #expect(round.session.model.heldStatus(of: "S-1") == .active)
        #expect(try ws.placements().contains { $0.student == "S-1" && $0.plannedEnd?.description == "10000-05-19" })
        // check names it with its repair.
        #expect(try register.check() == [.placementOutsideWindow(student: "S-1", internship: "I-1", start: "9999-12-31", plannedEnd: "10000-05-19")])
        #expect(try register.check().map { $0.text(.en) } == ["""
            S-1's placement at I-1 starts on 9999-12-31 (planned end 10000-05-19), outside 2000-01-01 to 2100-12-31
              repair: end S-1 OUTCOME REASON on DATE with the real end; the history then keeps no start for it
            """])
        #expect(try register.check().map { $0.text(.nl) } == ["""
            de plaatsing van S-1 bij I-1 begint op 9999-12-31 (geplande einddatum 10000-05-19), buiten 2000-01-01 tot 2100-12-31
              reparatie: end S-1 UITKOMST REDEN on DATUM met het echte einde; de geschiedenis houdt dan geen begin bij
            """])
        // Ending it repairs the record: the far start is left out of the history.
        try register.end(student: "S-1", outcome: .brokeDown, reason: "the far date was a typo", on: today.adding(days: 1))
        #expect(try ws.history(of: "S-1").map { "\($0.internship) \($0.outcome) \($0.start ?? "?") \($0.end ?? "")" }
            == ["I-1 broke_down ? \(today.adding(days: 1))"])
        #expect(try register.check() == [])
        // A history entry an earlier release stored with its end before its start is listed, not fatal.
        try ws.write { db in
            try db.execute(sql: "UPDATE history SET start_date = '2026-09-07', end_date = '2026-09-01' WHERE student_id = 'S-1'")
        }
        #expect(try register.check().map { $0.what(.en) } == ["S-1's history at I-1 (broke_down) ends on 2026-09-01, before it starts on 2026-09-07"])
        #expect(try ws.history(of: "S-1").count == 1)
        // A date no release writes (another program's) is read as absent and listed by check.
        try register.propose(student: "S-2", internship: "I-1")
        try register.accept(student: "S-2")
        try register.start(student: "S-2", on: today)
        try ws.write { db in try db.execute(sql: "UPDATE register SET planned_end = 'soon' WHERE student_id = 'S-2'") }
        #expect(try register.match().session.model.heldStatus(of: "S-2") == .active)
        #expect(try register.check().map { $0.what(.en) }.contains("S-2's placement at I-1 starts on \(today) (planned end soon), outside 2000-01-01 to 2100-12-31"))
    }
}

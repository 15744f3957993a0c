import BPVDomain
import BPVWorkspace
import Foundation
import Testing

/// The placement year in the shell, on the Gooi sample: every status transition, every refused
/// one, a decline that bans and re-places at once, a breakdown that closes the employer, and
/// the history.
@Suite("the placement year")
struct PlacementYearTests {
    func status(_ f: ShellFixture, _ s: StudentID) throws -> Workspace.Status? {
        try f.workspace.placements().first { $0.student == s }?.status
    }

    @Test func aPlacementCanSayHowManyDaysAWeekAndTheHistoryKeepsIt() throws {
        let f = try ShellFixture()
        _ = f.run("match", "propose GV-001", "accept GV-001")
        #expect(f.run("start GV-001 2026-09-01 days 6").err == "line 1: 6 days a week is not a BPV week; give 1 to 5\n")
        #expect(f.run("start GV-001 days").err.hasPrefix("line 1: give the days a week as: start GV-001 [DATE] days 3"))
        #expect(f.run("start GV-001 2026-09-01 days 3").out
            == "started: GV-001 at GVI-033 (Logistiek Loosdrecht 33) from 2026-09-01, planned end 2027-01-19, 3 days a week\n")
        _ = f.run("end GV-001 completed done on 2027-01-19")
        let rows = f.run("history GV-001").out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.dropFirst().first?.hasPrefix("GVI-033 Logistiek Loosdrecht 33 2026-09-01 2027-01-19 completed, 3 d/wk ") == true)
    }

    @Test func aNextPlacementAgreedForALaterDateShowsAsPromisedOnAnEarlierOne() throws {
        let f = try ShellFixture()
        let today = CalendarDate.today
        _ = f.run("match", "propose GV-001", "accept GV-001", "start GV-001 \(today.adding(days: -150))")
        // Today the first placement (at GVI-033) has ended; the next one is agreed at another internship.
        _ = f.run("match", "propose GV-001 GVI-028", "accept GV-001")
        // Twenty days back the first placement still runs: the next one's place is promised.
        let r = f.run("match on \(today.adding(days: -20))", "show GV-001", "show GVI-028", "show GVI-033", "set GVI-028 capacity 0")
        let lines = r.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("next GVI-028 (Logistiek Ankeveen 28), agreed, once the placement below ends"))
        #expect(lines.filter { $0.hasPrefix("promised ") } == ["promised GV-001 (next placement, agreed)"])
        #expect(r.err == "line 5: refused: GVI-028 has 0 places but 1 held: GV-001 (agreed, next placement); "
            + "keep at least 1 place (set GVI-028 capacity 1); nothing was changed\n")
    }

    @Test func aNextPlacementAtTheSameInternshipIsNotPromisedTwice() throws {
        let f = try ShellFixture()
        let today = CalendarDate.today
        _ = f.run("match", "propose GV-001", "accept GV-001", "start GV-001 \(today.adding(days: -150))")
        _ = f.run("match", "propose GV-001 GVI-033", "accept GV-001")
        let r = f.run("match on \(today.adding(days: -20))", "show GVI-033")
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.out.contains("promised") && !r.out.contains("warning"), "\(r.out)")
    }

    @Test func aPlacementPastItsPlannedEndShowsAsEndingWhileTheNextIsMatched() throws {
        let f = try ShellFixture()
        let today = CalendarDate.today
        _ = f.run("match", "propose GV-001", "accept GV-001", "start GV-001 \(today.adding(days: -150))")
        // Planned to end 140 days after the start: ten days ago. Today's round matches GV-001 again.
        let r = f.run("match", "show GV-001")
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("ending GVI-033 (Logistiek Loosdrecht 33), planned to end \(today.adding(days: -10)); end it when it is over"))
        #expect(lines.contains { $0.hasPrefix("placement GVI-") && $0.hasSuffix(", draft") })
        #expect(r.out.contains("GV-001: unplaced → GVI-033 (Logistiek Loosdrecht 33)  (next placement: the one at GVI-033 was planned to end \(today.adding(days: -10)))"))
        // Ending it makes the next one current; show then has no ending line.
        #expect(f.run("end GV-001 completed done").status == 0)
        #expect(!f.run("show GV-001").out.contains("ending"))
    }

    @Test func aStudentGoesFromDraftToProposedAgreedActiveAndEnded() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        #expect(try status(f, "GV-001") == .draft)
        #expect(f.run("propose GV-001").out == "proposed GV-001 at GVI-033 (Logistiek Loosdrecht 33)\n")
        #expect(try status(f, "GV-001") == .proposed)
        #expect(f.run("accept GV-001 both said yes").out == "agreed: GV-001 at GVI-033 (Logistiek Loosdrecht 33)\n")
        #expect(try status(f, "GV-001") == .agreed)
        #expect(f.run("start GV-001 2026-09-01").out
            == "started: GV-001 at GVI-033 (Logistiek Loosdrecht 33) from 2026-09-01, planned end 2027-01-19\n")
        #expect(try status(f, "GV-001") == .active)
        let end = f.run("end GV-001 completed finished the route on 2027-01-19")
        #expect(end.status == 0)
        // After `completed` the student is matched for a next placement at once, and may go back there.
        #expect(try status(f, "GV-001") == .draft)
        #expect(!(try f.workspace.bans().keys.contains { $0.student == "GV-001" }))
        let history = try f.workspace.history(of: "GV-001")
        #expect(history.count == 2)
        #expect(history[0].outcome == "completed" && history[0].start == "2026-09-01" && history[0].end == "2027-01-19")
        #expect(history[0].user == "coach" && history[0].reason == "finished the route")
        #expect(history[1].outcome == "draft" && history[1].reason == nil)
        let actions = try f.workspace.auditLog().map(\.action).suffix(4)
        #expect(Array(actions) == ["propose", "accept", "start", "end"])
    }

    @Test func transitionsThatDoNotExistAreRefusedWithTheWayOn() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let audit = try f.workspace.auditLog().count
        #expect(f.run("start GV-001").err
            == "line 1: refused: GV-001 has no agreed placement to start; a draft place must be proposed and accepted (or committed) first; nothing was changed\n")
        #expect(f.run("accept GV-001").err
            == "line 1: refused: GV-001 has no proposal to accept; propose GV-001 first, or commit GV-001 to agree the draft place directly; nothing was changed\n")
        #expect(f.run("decline GV-001 by employer no").err == "line 1: refused: GV-001 has no proposal to decline; nothing was changed\n")
        #expect(f.run("end GV-001 completed done").err == "line 1: refused: GV-001 has no agreed or active placement to end; nothing was changed\n")
        #expect(try f.workspace.auditLog().count == audit)
        _ = f.run("propose GV-001")
        #expect(f.run("start GV-001").err == "line 1: refused: GV-001 is proposed, not agreed; accept first, then start; nothing was changed\n")
        #expect(f.run("end GV-001 left moved away").err == "line 1: refused: GV-001 is proposed, not agreed; decline the proposal instead; nothing was changed\n")
        #expect(f.run("pin GV-001 GVI-012").err == "line 1: refused: GV-001 is proposed at GVI-033; decline or accept the proposal first; nothing was changed\n")
        #expect(f.run("ban GV-001 GVI-033").err
            == "line 1: refused: GV-001 is proposed at GVI-033; decline the proposal instead, which also bans the pair; nothing was changed\n")
        _ = f.run("accept GV-001", "start GV-001")
        #expect(f.run("decline GV-001 by student no").err == "line 1: refused: GV-001's placement is active; end it instead of declining; nothing was changed\n")
        #expect(f.run("start GV-001").err == "line 1: refused: GV-001's placement is active already; nothing was changed\n")
        #expect(f.run("propose GV-001 GVI-012").err == "line 1: refused: GV-001 is active at GVI-033; end that placement first; nothing was changed\n")
        #expect(f.run("start GV-002 2026-02-30").err.hasPrefix("line 1: '2026-02-30' is not a date; write it as YYYY-MM-DD"))
        #expect(f.run("decline GV-002 by coach no").err.hasPrefix("line 1: say who declined: by employer or by student"))
        #expect(f.run("end GV-002 finished").err.hasPrefix("line 1: say how it ended: completed, broke_down, left, other"))
    }

    @Test func anEmployersNoBansThePairAndReplacesTheStudentAtOnce() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        _ = f.run("propose GV-002 GVI-017")
        let r = f.run("decline GV-002 by employer no room for a second student")
        #expect(r.out == """
            declined by employer: GV-002 at GVI-017 (Horeca Blaricum 17); GV-002 is not proposed there again unless unbanned
            the draft changes: 3 students move
              GV-002: GVI-017 (Horeca Blaricum 17) → GVI-044 (Horeca Hilversum 44)  (declined at GVI-017)
              GV-030: GVI-026 (Retail Huizen 26) → GVI-017 (Horeca Blaricum 17)  (made room, 41 points worse for them)
              GV-052: unplaced → GVI-026 (Retail Huizen 26)  (a place came free)
            placed 83 → 84 (+1), total score 2071 → 2150 (+79)

            """)
        #expect(try f.workspace.bans()[Pair("GV-002", "GVI-017")] == "declined by employer: no room for a second student")
        #expect(f.run("propose GV-002 GVI-017").err.hasPrefix("line 1: refused: GV-002 x GVI-017 is banned"))
        // What the shell showed is what is stored, and a cold match agrees.
        #expect(try f.workspace.placements().first { $0.student == "GV-002" }?.internship == "GVI-044")
        #expect(f.run("match").out.contains("no changes against the draft before"))
        #expect(try f.workspace.history(of: "GV-002").first?.outcome == "declined_by_employer")
        // The explanations name the decision that closed the pair.
        #expect(f.run("why-not GV-002 GVI-017").out == "GV-002 x GVI-017 is banned: declined by employer: no room for a second student (unban to allow it)\n")
    }

    /// Accepting or starting a held placement keeps the student's one arc: nobody else moves.
    /// (Before, the solver took the student out and back, and a repair after a decline
    /// reshuffled four students between equally good drafts.)
    @Test func acceptingOrStartingAHeldPlacementMovesNobody() throws {
        let f = try ShellFixture()
        _ = f.run("match", "propose GV-001", "propose GV-002 GVI-017", "propose GV-003", "decline GV-002 by employer no room", "accept GV-001")
        #expect(f.run("accept GV-003").out == "agreed: GV-003 at GVI-023 (Retail Naarden 23)\n")
        #expect(f.run("start GV-003 2026-09-01").out == "started: GV-003 at GVI-023 (Retail Naarden 23) from 2026-09-01, planned end 2027-01-19\n")
        #expect(f.run("match").out.contains("no changes against the draft before"))
    }

    @Test func aBreakdownClosesEveryInternshipOfThatEmployer() throws {
        let f = try ShellFixture()
        _ = f.run("match", "commit GV-001", "start GV-001 2026-09-01")
        let internships = try f.workspace.internships()
        let employer = try #require(internships.first { $0.id.value == "GVI-033" }).employerKey
        let same = internships.filter { $0.employerKey == employer }.map(\.internshipID)
        let r = f.run("end GV-001 broke_down conflict with the owner on 2026-10-13")
        #expect(r.status == 0)
        #expect(r.out.contains("GV-001: GVI-033 (Logistiek Loosdrecht 33) → GVI-024 (Logistiek Hilversum 24)  (placement broke down)"))
        let banned = try f.workspace.bans().filter { $0.key.student == "GV-001" }
        #expect(Set(banned.keys.map(\.internship)) == Set(same))
        #expect(banned.values.allSatisfy { $0 == "broke down at GVI-033: conflict with the owner" })
        let past = try #require(try f.workspace.history(of: "GV-001").first)
        #expect(past.outcome == "broke_down" && past.start == "2026-09-01" && past.end == "2026-10-13")
        #expect(f.run("why-not GV-001 GVI-033").out
            == "GV-001 x GVI-033 is banned: broke down at GVI-033: conflict with the owner (unban to allow it)\n")
        // `release` is the short form.
        _ = f.run("commit GV-003")
        #expect(f.run("release GV-003 stopped coming").status == 0)
        #expect(try f.workspace.history(of: "GV-003").first?.outcome == "broke_down")
    }

    @Test func proposingHoldsThePlaceAgainstTheSolverAndItsIntegrity() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        // GVI-013 has two places, held by GV-071 and GV-072 once both are proposed.
        #expect(f.run("propose GV-071", "propose GV-072").status == 0)
        #expect(f.run("propose GV-050 GVI-013").err == """
            line 1: refused: GVI-013 has 2 places but 3 held: GV-050 (proposed), GV-071 (proposed), GV-072 (proposed); \
            first decline GV-071, decline GV-072, or give it room (set GVI-013 capacity 3); nothing was changed

            """)
        // A proposed student is not moved by a pin elsewhere that wants the place.
        #expect(f.run("match").out.contains("no changes against the draft before"))
        #expect(try status(f, "GV-071") == .proposed)
        #expect(f.run("commit all").out.contains("committed 84 placements of the draft"))
        #expect(try status(f, "GV-071") == .agreed)
    }
}

@Suite("the waiting list in the shell")
struct WaitingListTests {
    @Test func longestWaitingFirstWithTheReasonTheCoachAndTheAlarm() throws {
        let f = try ShellFixture()
        _ = f.run("match", "commit GV-001", "start GV-001")
        let today = CalendarDate.today
        _ = f.run("end GV-001 completed route done on \(today.adding(days: 20))")
        // Thirty-five days on: the first intake (available from 2026-09-01) waits longest,
        // GV-001 (second intake) only since its placement ended, 15 days.
        let day = today.adding(days: 35)
        let r = f.run("waiting on \(day)")
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first == "student days since coach why not placed")
        let first = try #require(CalendarDate("2026-09-01")).days(to: day)
        #expect(lines.dropFirst().first?.hasPrefix("! GV-022 \(first) 2026-09-01 mentor-2 no internship passes the hard constraints") == true)
        // Who has a place in the draft is counted apart, and listed by waiting drafts.
        #expect(lines.last == "16 waiting; 16 past 28 days; 84 more with a place in the draft only (waiting drafts lists them)")
        let drafts = f.run("waiting drafts on \(day)").out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(drafts.first == "student days since coach place in the draft")
        #expect(drafts.contains { $0.hasPrefix("GV-001 15 \(today.adding(days: 20)) mentor-1 in the draft at GVI-") })
        #expect(drafts.last == "84 waiting with a place in the draft only; 83 past 28 days")
        // Over 20 days leaves GV-001 out; a held placement is never on either list.
        _ = f.run("propose GV-002")
        let over = f.run("waiting drafts over 20 on \(today.adding(days: 35))").out
        #expect(!over.contains("GV-001") && !over.contains("GV-002 "))
        #expect(over.hasSuffix("82 waiting with a place in the draft only; 82 past 28 days\n"))
        // Narrowed to one coach, one school, one level.
        let mentor = f.run("waiting coach MENTOR-2 on \(day)").out.split(separator: "\n").dropFirst().dropLast()
        #expect(!mentor.isEmpty && mentor.allSatisfy { $0.contains("mentor-2") })
        #expect(f.run("waiting school Nergens on \(day)").out.hasPrefix("nobody is waiting on \(day)"))
        let level = f.run("waiting level 2 on \(day)").out.split(separator: "\n").dropFirst().dropLast()
        let levelTwo = Set(try f.workspace.students().filter { $0.level == .two }.map(\.id.value))
        #expect(level.allSatisfy { line in levelTwo.contains { line.contains($0) } })
        #expect(f.run("waiting over x").err.hasPrefix("line 1: give the days as: waiting over 28"))
    }
}

@Suite("the agenda as of a date")
struct WaitingOnADateTests {
    /// `waiting on DATE` explains each pupil as `why` does after `match on DATE`, whatever the
    /// live round's own date (here the first day of school, explained six weeks later, when a
    /// new employer has opened).
    @Test(arguments: ["2026-09-01", "2026-10-19", "2026-11-20"])
    func waitingOnADateAgreesWithWhyAfterAMatchOnThatDate(date: String) throws {
        let f = try ShellFixture()
        _ = f.run("match on 2026-09-01", "propose GV-003", "accept GV-003", "start GV-003 2026-09-07")
        let agenda = f.run("waiting on \(date)")
        #expect(agenda.status == 0, "\(agenda.err)")
        let rows = agenda.out.split(separator: "\n").dropFirst().dropLast().filter { $0.contains("GV-") }
        #expect(!rows.isEmpty)
        let other = try ShellFixture(gooi: false, path: f.path)
        _ = other.run("match on \(date)")
        for row in rows {
            let id = try #require(row.split(separator: " ").first { $0.hasPrefix("GV-") })
            let why = other.run("why \(id)").out.split(separator: "\n").dropFirst().prefix(2)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
            #expect(row.hasSuffix(why), "\(id) on \(date): agenda '\(row)' but why '\(why)'")
        }
    }
}

@Suite("gaps in the shell")
struct GapsCommandTests {
    @Test func gapsNamesTheExtraPlaceAndTheStudentAndTheTravelLimitThatWouldHelp() throws {
        let f = try ShellFixture()
        _ = f.run("match")
        let r = f.run("gaps")
        #expect(r.status == 0)
        let rows = r.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.first == "one more at would place students score")
        // The largest gain first: quiet and nt2 at GVI-006 would place four students.
        #expect(rows.dropFirst().first?.hasPrefix("offer of quiet, nt2 GVI-006 (Retail Bussum 6) 4 GV-040, GV-043, GV-058, GV-066") == true)
        #expect(rows.last == "16 unplaced; each line is one extra place on its own (gaps STUDENT: what would place one student)")
        // One student: a longer travel limit within what their mode reaches, and every ask of
        // plain gaps that places them.
        let one = f.run("gaps GV-050").out.split(separator: "\n")
        #expect(one.first == "GV-050: a travel limit of 35 min (now 30) would place them at GVI-015 (Retail Hilversum 15); try set GV-050 max_travel_min 35")
        #expect(one.contains("GV-050: one more place at GVI-013 (Retail Loosdrecht 13) would place them"))
        // On foot, bpv proposes no more than 30 minutes (GV-022 walks 30 already).
        #expect(f.run("gaps GV-022").out.hasPrefix("GV-022: no travel limit up to 30 min (as far as bpv proposes on foot) would place them; see why GV-022\n"))
        // Nothing is kept.
        #expect(f.run("match").out.contains("no changes against the draft before"))
    }
}

import BPVDomain
import Foundation
import Testing
import BPVTestServer
@testable import BPVWorkspace

@Suite("Rounds: match, pin, ban, commit, release")
struct RoundTests {
    /// Three students and two one-place internships in Hilversum, all in retail.
    func workspace() throws -> (Workspace, String) {
        let path = try TestStore.fresh("bpv-round")
        let ws = try TestStore.open(path, user: "coordinator")
        let students = try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min,priority
            S-1,2,retail,Hilversum,bike,30,0
            S-2,2,retail,Hilversum,bike,30,1
            S-3,2,retail,Hilversum,bike,30,0

            """.utf8), fileName: "s.csv")
        let internships = try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity
            I-1,Winkel Een,retail,Hilversum,1
            I-2,Winkel Twee,retail,Hilversum,1

            """.utf8), fileName: "i.csv")
        try ws.importStudents(students, from: "s.csv")
        try ws.importInternships(internships, from: "i.csv")
        return (ws, path)
    }

    /// A Ctrl-C at any of the moments a match looks for one (in the graph, the solver, and
    /// last before storing) cancels it whole: no round, no draft, no audit entry.
    @Test func aCtrlCAtAnyMomentOfAMatchIsHonouredAndStoresNothing() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        final class Counter: @unchecked Sendable { var calls = 0, cancelFrom = Int.max }
        let counter = Counter()
        let probe = Register(workspace: ws, shouldCancel: { counter.calls += 1; return counter.calls > counter.cancelFrom })
        _ = try Register(workspace: try TestStore.open(path, user: "probe"), shouldCancel: { counter.calls += 1; return false }).match()
        // Another user's match: on a region's server this view takes it in as a shell does
        // before each command (a file is always current).
        _ = try ws.takeInNews()
        let looks = counter.calls
        // The solver alone looks fewer times: the last look comes after it, just before the
        // round is stored, so that a Ctrl-C after the solver's last look is not ignored.
        counter.calls = 0
        let model = try Register(workspace: ws).load(on: .today)
        _ = try RoundSession(model: model, shouldCancel: { counter.calls += 1; return false })
        #expect(looks == counter.calls + 1, "\(looks) looks in a match, \(counter.calls) in its solve")
        let audit = try ws.auditLog().count, rounds = try ws.latestRound()
        for k in 0 ..< looks {
            counter.calls = 0
            counter.cancelFrom = k
            #expect(throws: WorkspaceError.cancelled, "cancelled at look \(k + 1) of \(looks)") { try probe.match() }
            #expect(try ws.auditLog().count == audit && ws.latestRound() == rounds)
        }
    }

    @Test func matchPlacesAsManyAsFitWithTiersFirst() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let round = try ws.match()
        #expect(round.placed == 2 && round.unplaced == 1)
        let placed = try ws.placements().filter { $0.internship != nil }.map(\.student)
        #expect(placed.contains("S-2"))  // the priority tier is never the one left over
    }

    @Test func pinsAndCommitmentsAreKeptAndBansAvoided() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        try ws.pin(student: "S-3", internship: "I-1", reason: "found it herself")
        try ws.ban(student: "S-2", internship: "I-2", reason: "conflict with the owner")
        let round = try ws.match()
        let p = Dictionary(uniqueKeysWithValues: try ws.placements(round: round.round).map { ($0.student, $0.internship) })
        #expect(p["S-3"] == .some("I-1"))  // pinned: fixed outside the solve, shown in the draft at the pin
        #expect(p["S-2"] == .some(nil))  // I-1 is pinned, I-2 banned: S-2 cannot be placed
        #expect(p["S-1"] == .some("I-2"))
    }

    @Test func committedPlacementsSurviveARestartAndLaterRoundsWorkAroundThem() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let first = try ws.match()
        let committed = try ws.commit(round: first.round, students: ["S-2"])
        #expect(committed == 1)
        let s2 = try ws.placements().first { $0.student == "S-2" }
        let reopened = try TestStore.open(path)
        let second = try reopened.match()
        let after = try reopened.placements(round: second.round)
        #expect(after.first { $0.student == "S-2" } == s2.map { Workspace.Placement(student: $0.student, internship: $0.internship, score: $0.score, travelMinutes: $0.travelMinutes, status: .agreed) })
        #expect(second.placed == 1 && second.committedBefore == 1)
        // Committing the rest of the second round fills the last place.
        let rest = try reopened.commit(round: second.round)
        #expect(rest == 1)
        #expect(try reopened.placements().filter(\.committed).count == 2)
    }

    @Test func releasePlacesAgainButNotAtTheSameInternship() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let first = try ws.match()
        try ws.commit(round: first.round)
        guard let was = try ws.placements().first(where: { $0.student == "S-2" })?.internship else {
            Issue.record("S-2 was not placed")
            return
        }
        try ws.release(student: "S-2", reason: "placement broke down")
        let second = try ws.match()
        let now = try ws.placements(round: second.round).first { $0.student == "S-2" }
        #expect(now?.internship != was)
        let actions = try ws.auditLog().map(\.action)
        #expect(Array(actions.suffix(2)) == ["end", "match"])
        #expect(try ws.auditLog().first { $0.action == "end" }?.reason == "placement broke down")
    }

    @Test func aPinAtAnInternshipWhosePlacesAreAllHeldIsRefusedWhole() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        try ws.pin(student: "S-1", internship: "I-1", reason: "a")
        let audit = try ws.auditLog().count
        #expect(refusalText { try ws.pin(student: "S-2", internship: "I-1", reason: "b") }
            == "refused: I-1 has 1 place but 2 held: S-1 (pinned), S-2 (pinned); first unpin S-1, or give it room (set I-1 capacity 2); nothing was changed")
        #expect(try ws.pins().mapValues(\.internship) == ["S-1": "I-1"])
        #expect(try ws.auditLog().count == audit)
        let round = try ws.match()  // the round goes on for everyone
        #expect(round.placed == 1 && round.committedBefore == 1 && round.unplaced == 1)
    }

    @Test func unknownIdsAreNamed() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        #expect(throws: WorkspaceError.refused(.noStudent("S-9"))) { try ws.pin(student: "S-9", internship: "I-1", reason: "") }
        #expect(throws: WorkspaceError.refused(.noPlacementToEnd("S-1"))) { try ws.release(student: "S-1", reason: "") }
    }

    /// A ban after the round moves the student in the draft at once, so `commit` commits the
    /// draft as it is now; asked to commit round 1 as it was, it refuses and names the change.
    @Test func aCommitOfARoundTheDraftHasMovedOnFromIsRefusedNamingTheChange() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        let round = try ws.match()
        let placed = try #require(try ws.placements().first { $0.internship != nil })
        try ws.ban(student: placed.student, internship: placed.internship!, reason: "the employer said no")
        #expect(throws: WorkspaceError.self) { try ws.commit(round: round.round) }
        #expect(try ws.placements().filter(\.committed).isEmpty)  // all or nothing
        do {
            try ws.commit(round: round.round)
        } catch {
            #expect(error.description.hasPrefix("refused: the draft changed since round 1 (coordinator at "))
            #expect(error.description.hasSuffix(": ban \(placed.student) x \(placed.internship!)); commit the draft as it is now without --round, or run match; nothing was changed"))
        }
        #expect(try ws.commit() == 2)
        #expect(!(try ws.placements().contains { $0.student == placed.student && $0.internship == placed.internship && $0.committed }))
    }

    /// Two views of one workspace (as two shells would have) both read the draft; both commit
    /// at the same moment. Exactly one commit is stored; the other is refused because the draft
    /// changed since its user saw it, and no internship is overfilled.
    @Test(arguments: 0 ..< 10)
    func concurrentCommitsOfOneDraftStoreOneAndRefuseTheOther(attempt: Int) throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        _ = try ws.match()
        // Each view is used by one thread only.
        let a = Unchecked(Register(workspace: try TestStore.open(path))), b = Unchecked(Register(workspace: try TestStore.open(path)))
        _ = try a.value.current()
        _ = try b.value.current()
        let outcomes = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let n = try (k == 0 ? a : b).value.commit(students: nil)
                outcomes.append("ok \(n)")
            } catch {
                outcomes.append("\(error)")
            }
        }
        let results = outcomes.values
        #expect(results.filter { $0 == "ok 2" }.count == 1, "\(results)")
        #expect(results.count == 2, "\(results)")
        #expect(results.filter { $0.hasPrefix("refused: the draft changed since you last saw it (") && $0.contains(": commit S-") }.count == 1, "\(results)")
        _ = try ws.takeInNews()  // the other views' commits, on a region's server
        let committed = try ws.placements().filter(\.committed)
        #expect(committed.count == 2)
        #expect(Set(committed.compactMap(\.internship)).count == 2)
    }
}

/// A value handed to one other thread.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Results gathered from concurrent work.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite("Settings and restarts")
struct SettingsAndRestartTests {
    func workspace() throws -> (Workspace, String) {
        let path = try TestStore.fresh("bpv-set")
        let ws = try TestStore.open(path)
        try ws.importStudents(try StudentImport.parse(Array("""
            id,level,sectors,town,travel_mode,max_travel_min
            S-1,2,retail|zorg,Hilversum,bike,60
            S-2,2,retail,Hilversum,bike,60

            """.utf8), fileName: "s.csv"), from: "s.csv")
        try ws.importInternships(try InternshipImport.parse(Array("""
            id,employer,sector,town,capacity
            I-1,Winkel,retail,Hilversum,1
            I-2,Zorg,zorg,Huizen,1
            I-3,Winkel Twee,retail,Huizen,1

            """.utf8), fileName: "i.csv"), from: "i.csv")
        return (ws, path)
    }

    @Test func changedWeightsAreUsedByLaterRoundsAndStoredWithThem() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        try ws.set("sector_rank_weight", to: "0", reason: "sector does not matter this term")
        let reopened = try TestStore.open(path)
        #expect(try reopened.settings().sectorRankWeight == 0)
        let round = try reopened.match()
        #expect(try reopened.settings(ofRound: round.round).sectorRankWeight == 0)
        #expect(try reopened.settings(ofRound: round.round).travelMinuteWeight == 1)
        #expect(try reopened.auditLog().last { $0.action == "set" }?.detail == "default -> 0.0")
    }

    @Test func unknownOrOutOfRangeSettingsAreRefused() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        #expect(throws: WorkspaceError.self) { try ws.set("colour", to: "1") }
        #expect(throws: WorkspaceError.self) { try ws.set("detour_factor", to: "9") }
        #expect(throws: WorkspaceError.self) { try ws.set("travel_minute_weight", to: "1.5") }
        #expect(try ws.settings() == MatchSettings())
    }

    @Test func pinsAndBansSurviveARestart() throws {
        let (ws, path) = try workspace()
        defer { TestStore.remove(path) }
        try ws.pin(student: "S-1", internship: "I-2", reason: "found it")
        try ws.ban(student: "S-2", internship: "I-1", reason: "not again")
        let reopened = try TestStore.open(path)
        let round = try reopened.match()
        let p = Dictionary(uniqueKeysWithValues: try reopened.placements(round: round.round).map { ($0.student, $0.internship) })
        #expect(p["S-1"] == .some("I-2"))  // pinned: fixed, in the draft at the pin
        #expect(p["S-2"] == .some("I-3"))  // banned from I-1
    }
}

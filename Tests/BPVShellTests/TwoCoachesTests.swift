import BPVDomain
import BPVTestServer
import BPVWorkspace
import Foundation
import Testing

/// Two coaches on one workspace, each in their own shell (their own connection): each change
/// is checked against the workspace as it is, `undo` reverses only one's own change while it
/// is still in effect, and `commit all` commits only a draft its user saw.
@Suite("two coaches on one workspace")
struct TwoCoachesTests {
    @Test func undoDoesNotDeleteAnotherCoachsNewerChange() throws {
        let a = try ShellFixture()
        _ = a.run("match")
        #expect(a.run("pin GV-001 GVI-012 found it").status == 0)
        let b = try a.reopened(as: "bob")
        #expect(b.run("pin GV-001 GVI-040 the employer called").status == 0)
        let undo = a.run("undo")
        #expect(undo.status == 1)
        #expect(undo.err.hasPrefix("line 1: cannot undo pin GV-001 GVI-012: bob changed it at "))
        #expect(undo.err.hasSuffix(" UTC (pin GV-001 -> GVI-040); nothing was changed\n"))
        #expect(try a.workspace.pins()["GV-001"]?.internship == "GVI-040")  // bob's pin stands
        // A's own earlier change that nobody touched can still be undone.
        #expect(a.run("ban GV-002 GVI-006", "undo").status == 0)
        #expect(try a.workspace.bans().isEmpty)
    }

    @Test func commitAllRefusesADraftItsUserNeverSaw() throws {
        let a = try ShellFixture()
        _ = a.run("match")
        let b = try a.reopened(as: "bob")
        #expect(b.run("set travel_minute_weight 3 bob tries weights").status == 0)
        let commit = a.run("commit all")
        #expect(commit.status == 1)
        #expect(commit.err.hasPrefix("line 1: refused: the draft changed since you last saw it (bob at "))
        #expect(commit.err.hasSuffix(": set travel_minute_weight); look at placements, then commit again; nothing was changed\n"))
        #expect(try a.workspace.placements().filter(\.committed).isEmpty)
        // Having looked, A commits the draft as it is now, with bob's weights.
        let looked = a.run("placements", "commit all")
        #expect(looked.status == 0)
        #expect(looked.out.contains("committed 84 placements of the draft"))
        #expect(try a.workspace.auditLog().filter { $0.action == "commit" }.allSatisfy { $0.user == "coach" })
    }

    @Test func aChangeIsCheckedAgainstWhatAnotherCoachHoldsNow() throws {
        let a = try ShellFixture()
        _ = a.run("match")
        let b = try a.reopened(as: "bob")
        _ = b.run("commit GV-071 GV-072")  // both of GVI-013's places
        // A's view predates bob's commit; the pin is still refused, against the newer state.
        let pin = a.run("pin GV-050 GVI-013")
        #expect(pin.err == """
            line 1: refused: GVI-013 has 2 places but 3 held: GV-050 (pinned), GV-071 (agreed), GV-072 (agreed); \
            first end GV-071, end GV-072, or give it room (set GVI-013 capacity 3); nothing was changed

            """)
    }
}

@Suite("text from people is printed safely")
struct PrintableTextTests {
    @Test func aTerminalEscapeInAReasonIsStoredAndPrintedVisibly() throws {
        let f = try ShellFixture()
        #expect(f.run("ban GV-001 GVI-002 \u{1B}[2Jcleared screen").status == 0)
        #expect(try f.workspace.bans()[Pair("GV-001", "GVI-002")] == "\\u{1B}[2Jcleared screen")
        let log = f.run("log 1").out
        #expect(!log.contains("\u{1B}") && log.contains("\\u{1B}[2Jcleared screen"))
    }
}

@Suite("a register on a region's server")
struct RegionShellTests {
    /// LISTEN/NOTIFY and the catch-up before each command: an interactive shell says what
    /// another user changed, then works on the register as it now is.
    @Test(.enabled(if: TestStore.onServer, "a file has no other users' notes to show"))
    func anInteractiveShellSaysWhatAnotherUserChangedBeforeItsNextCommand() throws {
        let a = try ShellFixture()
        _ = a.run("match")
        a.shell.session.announcesOthers = true
        let b = try a.reopened(as: "bob")
        #expect(b.run("pin GV-001 GVI-012 the employer called").status == 0)
        let next = a.run("show GV-001")
        let lines = next.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.wholeMatch(of: /meanwhile: bob at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: pin GV-001 -> GVI-012/) != nil, "\(next.out)")
        #expect(next.out.contains("GVI-012") && next.status == 0)
        // Said once: the next command has nothing new to tell.
        #expect(!a.run("show GV-001").out.contains("meanwhile"))
        // A script (or the command line) works on the same register without the notes.
        a.shell.session.announcesOthers = false
        #expect(b.run("unpin GV-001").status == 0)
        #expect(!a.run("show GV-001").out.contains("meanwhile"))
    }
}

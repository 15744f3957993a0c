import BPVTestServer
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The register on a region's server, through the built binary, as its users work: each role
/// on the pupils it may see, a school's match in the places the region leaves free, twenty
/// clients at once, a client killed and a server restarted in the middle of a change.
@Suite("the register on a region's server")
struct RegionRegisterTests {
    /// A region on `server` holding the Gooi sample (a season: history, a match, tweaks) as
    /// the school `gooi`.
    static func gooiRegion(on server: TestServer) throws -> String {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try CopyCommandTests.season("gooi", in: dir)
        let database = try server.makeDatabase()
        let owner = server.uri(user: server.superuser, database: database)
        #expect(try BPVBinary.run(["server", "init", "--db", owner]).status == 0)
        let copy = try BPVBinary.run(["copy", file, owner, "--school", "gooi"])
        #expect(copy.status == 0, "\(copy.stderr)")
        return database
    }

    /// Runs a script as `user` on `database`.
    static func run(_ server: TestServer, _ database: String, as user: String, _ script: String,
                    environment: [String: String] = [:]) throws -> BPVBinary.Run
    {
        try BPVBinary.run(["--db", server.uri(user: user, database: database)], stdin: script, environment: ["LANG": "C"].merging(environment) { $1 })
    }

    static func addUser(_ server: TestServer, _ database: String, _ words: String...) throws {
        let run = try BPVBinary.run(["server", "add-user"] + words + ["--db", server.uri(user: server.superuser, database: database)])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func eachRoleWorksOnThePupilsItMaySeeAndTheRegionSeesEveryChange() throws {
        let server = try TestServer.shared.get()
        let database = try Self.gooiRegion(on: server)
        let s = database.suffix(6)
        let (regio, coach, viewer) = ("regio-\(s)", "coach-\(s)", "kijker-\(s)")
        try Self.addUser(server, database, regio, "regional")
        try Self.addUser(server, database, coach, "coach", "gooi", "--caseload", "mentor-1")
        try Self.addUser(server, database, viewer, "viewer")
        // The coach's bpv holds their caseload only: 20 of Gooi's 100 pupils.
        let theirs = try Self.run(server, database, as: coach, "stats\n")
        #expect(theirs.stdout.hasPrefix("overall: 20 of 20 placed"), "\(theirs.stdout)\(theirs.stderr)")
        let region = try Self.run(server, database, as: regio, "stats\n").stdout
        #expect(region.hasPrefix("overall: ") && region.contains(" of 100 placed"), "\(region)")
        // Another coach's pupil does not exist for them; their own pin reaches the region.
        let work = try Self.run(server, database, as: coach, "why GV-050\npin GV-002 GVI-044 found it herself\nforget GV-003 moved away\n")
        // Erasing a pupil is a coordinator's decision: the server refuses a coach's.
        #expect(work.stderr == """
            line 1: no student GV-050
            line 3: \(server.uri(user: coach, database: database))&port=5432: the server refused the change: \
            permission denied for table student; nothing was changed

            """)
        #expect(try server.psql(user: server.superuser, database: database, "SELECT count(*) FROM bpv.student WHERE id = 'GV-003'") == ["1"])
        #expect(work.stdout.hasPrefix("pinned GV-002 at GVI-044 (Horeca Hilversum 44)\n"))
        let pinned = try Self.run(server, database, as: regio, "placements pinned\n").stdout
        #expect(pinned.contains("\nGV-002   GVI-044 "), "\(pinned)")
        #expect(try server.psql(user: server.superuser, database: database,
                                "SELECT \"user\", action, subject FROM bpv.audit WHERE action = 'pin' ORDER BY seq DESC LIMIT 1")
            == ["\(coach)|pin|GV-002 -> GVI-044"])
        // A viewer has no register to open: the server refuses them the pupils.
        let refused = try Self.run(server, database, as: viewer, "stats\n")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix("cannot open the workspace: \(viewer) reads only the overview without names (bpv.pupil_overview), not the register; nothing was changed\n"), "\(refused.stderr)")
    }

    @Test func aSchoolsMatchPlacesItsPupilsOnlyInThePlacesTheRegionLeavesFree() throws {
        let server = try TestServer.shared.get()
        let database = try server.makeDatabase()
        let owner = server.uri(user: server.superuser, database: database)
        #expect(try BPVBinary.run(["server", "init", "--db", owner]).status == 0)
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let students = dir.appendingPathComponent("s.csv"), internships = dir.appendingPathComponent("i.csv")
        try """
            id,level,sectors,town,travel_mode,max_travel_min,priority,school
            A-1,2,retail,Hilversum,bike,30,0,a
            A-2,2,retail,Hilversum,bike,30,0,a
            B-1,2,retail,Hilversum,bike,30,0,b
            B-2,2,retail,Hilversum,bike,30,0,b

            """.write(to: students, atomically: true, encoding: .utf8)
        try """
            id,employer,sector,town,capacity
            I-1,Winkel Een,retail,Hilversum,2
            I-2,Winkel Twee,retail,Hilversum,1

            """.write(to: internships, atomically: true, encoding: .utf8)
        let s = database.suffix(6)
        let (regio, coordB) = ("regio-\(s)", "coord-b-\(s)")
        try Self.addUser(server, database, regio, "regional")
        let setup = try Self.run(server, database, as: regio, """
            import students \(students.path)
            import internships \(internships.path)
            pin A-1 I-1
            pin A-2 I-1

            """)
        #expect(setup.status == 0, "\(setup.stderr)")
        try Self.addUser(server, database, coordB, "school", "b")
        // School b's coordinator sees I-1 full (school a holds both places) and I-2 free.
        let match = try Self.run(server, database, as: coordB, "match\nplacements\n")
        #expect(match.status == 0, "\(match.stderr)")
        let held = try server.psql(user: server.superuser, database: database,
                                   "SELECT internship_id, count(*) FROM bpv.register GROUP BY 1 ORDER BY 1")
        #expect(held == ["I-1|2", "I-2|1"])
        #expect(try server.psql(user: server.superuser, database: database,
                                "SELECT student_id FROM bpv.register WHERE student_id LIKE 'B-%'").count == 1)
        // A pin into I-1 is refused, in words that say who holds the rest: the coordinator sees
        // no place there, and the region's two are held by another school's pupils.
        let full = try Self.run(server, database, as: coordB, "pin B-2 I-1\n")
        #expect(full.status == 1)
        #expect(full.stderr == "line 1: refused: I-1 has 0 places left for your pupils (2 more held by pupils of other schools) but 1 held: B-2 (pinned); give it room first (set I-1 capacity 1); nothing was changed\n", "\(full.stderr)")
        // The region's own view: nothing over places, the register consistent.
        let check = try Self.run(server, database, as: regio, "check\nstats\n")
        #expect(check.stdout.hasPrefix("no records to repair\noverall: 3 of 4 placed"), "\(check.stdout)")
        // Each match's round reached the server with a placement row for each of its pupils:
        // school b's round its two (one placed), the regional round all four (three placed).
        #expect(try server.psql(user: server.superuser, database: database,
                                "SELECT round_id, count(*) FROM bpv.placement GROUP BY 1 ORDER BY 1") == ["1|2"])
        #expect(try Self.run(server, database, as: regio, "match\n").status == 0)
        let rounds = try server.psql(user: server.superuser, database: database,
                                     "SELECT round_id, count(*), count(internship_id) FROM bpv.placement GROUP BY 1 ORDER BY 1")
        #expect(rounds == ["1|2|1", "2|4|3"], "\(rounds)")
    }

    @Test func twentyClientsAtOnceLoseNoChangeAndOverfillNoPlace() throws {
        let server = try TestServer.shared.get()
        let database = try Self.gooiRegion(on: server)
        let s = database.suffix(6)
        let clients = (1 ... 20).map { "client\($0)-\(s)" }
        for client in clients { try Self.addUser(server, database, client, "regional") }
        // Every client pins pupils at the same few small internships, and lifts some pins: many
        // changes are refused (the places are taken), several race for the same pupil.
        let places = (1 ... 12).map { String(format: "GVI-%03d", $0 * 3) }
        // Thirty lines each, so that the clients' changes overlap in time: pin a pupil, then
        // lift that pin two lines later.
        let scripts = clients.indices.map { c in
            (0 ..< 30).map { k -> String in
                let round = k / 3, student = String(format: "GV-%03d", 10 + (c * 7 + round * 13) % 80)
                switch k % 3 {
                case 0: return "pin \(student) \(places[(c + 2 * round) % places.count]) client \(c)"
                case 1: return "pin \(String(format: "GV-%03d", 10 + (c * 11 + round * 17) % 80)) \(places[(c + round) % places.count]) client \(c)"
                default: return "unpin \(student)"
                }
            }.joined(separator: "\n") + "\n"
        }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var runs: [Int: BPVBinary.Run] = [:]
            var failures: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: clients.count) { c in
            do {
                let run = try Self.run(server, database, as: clients[c], scripts[c])
                results.lock.withLock { results.runs[c] = run }
            } catch {
                results.lock.withLock { results.failures.append("\(error)") }
            }
        }
        #expect(results.failures.isEmpty)
        #expect(results.runs.count == clients.count)
        var changes = 0
        for (c, run) in results.runs.sorted(by: { $0.key < $1.key }) {
            // Every refusal is clean; every change a client was told it made is in the log.
            for line in run.stderr.split(separator: "\n") {
                // The domain's refusals only (places taken, a pin already lifted), never the
                // server's words about a clash of two changes.
                let clean = line.contains(": refused: ") && line.hasSuffix("; nothing was changed")
                    || line.contains(": no pin for student ") || line.hasSuffix("nothing was changed, try again")
                #expect(clean, "\(clients[c]): \(line)")
            }
            let made = run.stdout.split(separator: "\n").filter { $0.hasPrefix("pinned ") || $0.hasPrefix("unpinned ") }.count
            let logged = try server.psql(user: server.superuser, database: database,
                                         "SELECT count(*) FROM bpv.audit WHERE \"user\" = '\(clients[c])' AND action IN ('pin', 'unpin')")
            #expect(logged == ["\(made)"], "\(clients[c])")
            changes += made
        }
        #expect(changes > 100, "too few changes went through for the test to say anything")
        // No internship holds more pupils than it has places.
        #expect(try server.psql(user: server.superuser, database: database, """
            SELECT r.internship_id FROM bpv.register r JOIN bpv.internship i ON i.id = r.internship_id
            GROUP BY r.internship_id, i.capacity HAVING count(*) > i.capacity
            """) == [])
        let check = try Self.run(server, database, as: server.superuser, "check\n")
        #expect(check.stdout == "no records to repair\n", "\(check.stderr)")
    }

    /// A pin paused after its rows are written and before its commit (the failpoint
    /// `BPV_PAUSE_BEFORE_COMMIT`), by the owner of a Gooi region on `server`.
    struct Paused {
        let database: String
        /// The pins before the paused one.
        let before: [String]
        let dir: URL
        let pause: String
        let process: Process
        let stderr: Pipe
    }

    static func pausedPin(on server: TestServer) throws -> Paused {
        let database = try Self.gooiRegion(on: server)
        let before = try Self.pins(server, database)
        let dir = try BPVBinary.scratch()
        let pause = dir.appendingPathComponent("pause").path
        let process = Process(), stderr = Pipe()
        process.executableURL = BPVBinary.url
        process.arguments = ["--db", server.uri(user: server.superuser, database: database), "pin", "GV-001", "GVI-044", "paused"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BPV_PAUSE_BEFORE_COMMIT": pause, "LANG": "C"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        for _ in 0 ..< 1_500 where !FileManager.default.fileExists(atPath: pause) { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: pause), "the pin never reached its commit")
        // Its rows are written, not committed: nobody sees them.
        #expect(try Self.pins(server, database) == before)
        return Paused(database: database, before: before, dir: dir, pause: pause, process: process, stderr: stderr)
    }

    static func pins(_ server: TestServer, _ database: String) throws -> [String] {
        try server.psql(user: server.superuser, database: database,
                        "SELECT student_id || ' ' || internship_id FROM bpv.register WHERE status = 'pinned' ORDER BY 1")
    }

    @Test func aClientKilledInTheMiddleOfAChangeLeavesNoTraceAndNobodyWaiting() throws {
        let server = try TestServer.shared.get()
        let paused = try Self.pausedPin(on: server)
        defer { try? FileManager.default.removeItem(at: paused.dir) }
        // While it holds the region's lock, another change waits, then gives up in words.
        let waiting = try Self.run(server, paused.database, as: server.superuser, "pin GV-003 GVI-040 meanwhile\n")
        #expect(waiting.stderr == """
            line 1: \(server.uri(user: server.superuser, database: paused.database))&port=5432: the region is busy: \
            another user's change has taken more than 10 seconds; nothing was changed, try again

            """)
        kill(paused.process.processIdentifier, SIGKILL)
        paused.process.waitUntilExit()
        #expect(paused.process.terminationReason == .uncaughtSignal)
        #expect(try Self.pins(server, paused.database) == paused.before)
        // The region's lock went with it: the next change goes through at once.
        let next = try Self.run(server, paused.database, as: server.superuser, "pin GV-002 GVI-045 next\n")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.pins(server, paused.database) == (paused.before + ["GV-002 GVI-045"]).sorted())
        #expect(try server.psql(user: server.superuser, database: paused.database,
                                "SELECT count(*) FROM bpv.audit WHERE reason IN ('paused', 'meanwhile')") == ["0"])
    }

    @Test func aServerRestartedInTheMiddleOfAChangeKeepsItWholeOrNotAtAll() throws {
        let server = try TestServer.own()
        defer { server.stop() }
        let paused = try Self.pausedPin(on: server)
        defer { try? FileManager.default.removeItem(at: paused.dir) }
        try server.restart()
        try FileManager.default.removeItem(atPath: paused.pause)
        paused.process.waitUntilExit()
        // The commit met a server that had forgotten the transaction: said so, nothing kept.
        #expect(paused.process.terminationStatus == 1)
        let said = String(decoding: paused.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said == "bpv: \(server.uri(user: server.superuser, database: paused.database))&port=5432: the connection to the server was lost "
            + "(a restart, or the network) at the commit; the change is either wholly stored or not at all: look (log) before you try again\n")
        #expect(try Self.pins(server, paused.database) == paused.before)
        #expect(try server.psql(user: server.superuser, database: paused.database, "SELECT count(*) FROM bpv.audit WHERE reason = 'paused'") == ["0"])
        let again = try Self.run(server, paused.database, as: server.superuser, "pin GV-001 GVI-044 after the restart\n")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.pins(server, paused.database).contains("GV-001 GVI-044"))
    }
}

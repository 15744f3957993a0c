import BPVTestServer
import Foundation
import Testing

/// `bpv server ...` through the built binary on a PostgreSQL server of the test's own: what a
/// region's database owner types, and what they read.
@Suite("bpv server")
struct ServerCommandTests {
    @Test func aRegionIsSetUpInTwoCommandsAndItsUsersListed() throws {
        let server = try TestServer.shared.get()
        let database = try server.makeDatabase()
        let env = ["BPV_DB": server.uri(user: server.superuser, database: database), "LANG": "C"]
        func bpv(_ words: String...) throws -> BPVBinary.Run { try BPVBinary.run(words, environment: env) }
        let first = try bpv("server", "init")
        #expect(first.stdout == "schema at version 5; applied: 1, 2, 3, 4, 5\n" && first.status == 0, "\(first.stderr)")
        #expect(try bpv("server", "init").stdout == "schema at version 5; nothing to do\n")
        let school = "pro-haarlem-\(database.suffix(4))"
        #expect(try bpv("server", "add-school", school, "PRO", "Haarlem").stdout == "school \(school) (PRO Haarlem) is in the region\n")
        let coach = "mentor-\(database.suffix(6))"
        let refused = try bpv("server", "add-user", coach, "coach")
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr == "bpv: a user with role coach belongs to a school: name it\n")
        let dutch = try BPVBinary.run(["--lang", "nl", "server", "add-user", coach, "mentor"], environment: env)
        #expect(dutch.stderr == "bpv: onbekende rol 'mentor'; een van regional, school, coach, viewer\n" && dutch.status == 1)
        #expect(try bpv("server", "add-user", coach, "coach", school, "--caseload", "mentor-1").stdout
            == "\(coach) is a user with role coach of \(school)\n")
        #expect(try bpv("server", "users").stdout == "user\trole\tschool\tcaseload\n\(coach)\tcoach\t\(school)\tmentor-1\n")
        // The new user logs in with psql and reads the region's tables through their role.
        #expect(try server.psql(user: coach, database: database, "SELECT count(*) FROM bpv.student") == ["0"])
    }

    @Test func aServerAddressIsNeverTakenForAWorkspaceFile() throws {
        // A verb on a server's address goes to the server (here none runs), never to a file.
        let run = try BPVBinary.run(["why", "GV-001", "--db", "postgresql://coach@/regio?host=/nonexistent"], environment: ["LANG": "C"])
        #expect(run.status == 1)
        #expect(run.stderr == "bpv: postgresql://coach@/regio?host=/nonexistent&port=5432: cannot open the workspace: no server socket there (is the server running, and is the folder right?)\n")
        // Nothing made where a file of that name would go.
        #expect(!FileManager.default.fileExists(atPath: "postgresql:"))
        let bad = try BPVBinary.run(["server", "init", "--db", "postgresql://h:99999/d"], environment: ["LANG": "C"])
        #expect(bad.stderr == "bpv: port '99999' is not a number from 1 to 65535\n" && bad.status == 1)
        // No server there: said in words, not in the network library's.
        let refused = try BPVBinary.run(["server", "init", "--db", "postgresql://x@127.0.0.1:1/regio"], environment: ["LANG": "C"])
        #expect(refused.stderr == "bpv: cannot reach postgresql://x@127.0.0.1:1/regio: connection refused: no server listens there\n")
        let noSocket = try BPVBinary.run(["server", "init", "--db", "postgresql://x@/regio?host=/nonexistent"], environment: ["LANG": "C"])
        #expect(noSocket.stderr == "bpv: cannot reach postgresql://x@/regio?host=/nonexistent&port=5432: no server socket there (is the server running, and is the folder right?)\n")
    }
}

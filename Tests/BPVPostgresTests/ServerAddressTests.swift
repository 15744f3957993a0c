import Foundation
import Testing

@testable import BPVPostgres

@Suite("server address")
struct ServerAddressTests {
    @Test func aURIGivesUserHostPortDatabaseAndSSLMode() throws {
        let a = try ServerAddress("postgresql://coach1:geheim@db.regio.nl:5433/zuid_kennemerland?sslmode=require", environment: [:], osUser: "me")
        #expect(a == ServerAddress.make(.tcp(host: "db.regio.nl", port: 5433), "coach1", "geheim", "zuid_kennemerland", .require))
        #expect(a.description == "postgresql://coach1@db.regio.nl:5433/zuid_kennemerland")
    }

    @Test func whatTheURILeavesOutComesFromTheEnvironmentThenLibpqsDefaults() throws {
        let env = ["PGHOST": "pg.example", "PGPORT": "6000", "PGUSER": "envuser", "PGDATABASE": "envdb", "PGSSLMODE": "disable"]
        #expect(try ServerAddress("postgresql://", environment: env, osUser: "me")
            == .make(.tcp(host: "pg.example", port: 6000), "envuser", nil, "envdb", .disable))
        #expect(try ServerAddress("postgres://other@/", environment: env, osUser: "me")
            == .make(.tcp(host: "pg.example", port: 6000), "other", nil, "envdb", .disable))
        // Nothing given: Debian's socket folder, 5432, the OS user, a database named after the user, sslmode prefer.
        #expect(try ServerAddress("postgresql://", environment: [:], osUser: "me")
            == .make(.socket(folder: "/var/run/postgresql", port: 5432), "me", nil, "me", .prefer))
    }

    @Test func aSocketFolderIsAHostThatStartsWithASlash() throws {
        let a = try ServerAddress("postgresql://bpv@/regio?host=%2Ftmp%2Fpg&port=5499", environment: [:], osUser: "me")
        #expect(a.endpoint == .socket(folder: "/tmp/pg", port: 5499))
        #expect(a.endpoint.socketPath == "/tmp/pg/.s.PGSQL.5499")
        let b = try ServerAddress("postgresql://bpv@%2Fvar%2Frun%2Fpostgresql/regio", environment: [:], osUser: "me")
        #expect(b.endpoint == .socket(folder: "/var/run/postgresql", port: 5432))
    }

    @Test func thePasswordComesFromAPrivatePasswordFileLineThatMatches() throws {
        let folder = NSTemporaryDirectory() + "bpv-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/.pgpass"
        try """
            # host:port:database:user:password
            other.host:5432:*:coach1:wrong
            db.regio.nl:5432:regio:coach1:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let a = try ServerAddress("postgresql://coach1@db.regio.nl/regio", environment: [:], osUser: "me", home: folder)
        #expect(a.password == "pa:ss\\word")
        let b = try ServerAddress("postgresql://coach2@db.regio.nl/regio", environment: ["PGPASSFILE": file], osUser: "me")
        #expect(b.password == "fallback")
        // A socket in the default folder matches `localhost`, as in libpq.
        try "localhost:5432:regio:coach1:local\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(try ServerAddress("postgresql://coach1@/regio", environment: [:], osUser: "me", home: folder).password == "local")
        // Readable by others: ignored, as libpq ignores it.
        chmod(file, 0o644)
        #expect(try ServerAddress("postgresql://coach1@/regio", environment: [:], osUser: "me", home: folder).password == nil)
        // A password in the URI or PGPASSWORD comes first.
        chmod(file, 0o600)
        #expect(try ServerAddress("postgresql://coach1@/regio", environment: ["PGPASSWORD": "env"], osUser: "me", home: folder).password == "env")
    }

    @Test func anAddressThatIsNotOneIsRefusedWithWhatIsWrong() {
        #expect(throws: ServerAddressProblem.notAURI("mysql://x")) { try ServerAddress("mysql://x", environment: [:], osUser: "me") }
        #expect(throws: ServerAddressProblem.badPort("54x")) { try ServerAddress("postgresql://h:54x/d", environment: [:], osUser: "me") }
        #expect(throws: ServerAddressProblem.badSSLMode("maybe")) {
            try ServerAddress("postgresql://h/d?sslmode=maybe", environment: [:], osUser: "me")
        }
        #expect(throws: ServerAddressProblem.unknownParameter("colour")) {
            try ServerAddress("postgresql://h/d?colour=red", environment: [:], osUser: "me")
        }
        #expect(ServerAddressProblem.badPort("54x").text(.nl) == "poort '54x' is geen getal van 1 tot 65535")
    }
}

extension ServerAddress {
    static func make(_ endpoint: Endpoint, _ user: String, _ password: String?, _ database: String, _ mode: SSLMode) -> ServerAddress {
        var a = try! ServerAddress("postgresql://", environment: [:], osUser: "x")
        a.endpoint = endpoint
        a.user = user
        a.password = password
        a.database = database
        a.sslMode = mode
        return a
    }
}

import BPVTestServer
import BPVWorkspace
import Foundation
import Testing

@testable import BPVPostgres

/// The register's home on a region's server, in process: notifications, and who sees what
/// through the mirror.
@Suite("a region's server as the register's home")
struct RegionHomeTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    static func region() throws -> (TestServer, String) {
        let server = try TestServer.shared.get()
        let database = try server.makeDatabase()
        try Region(try ServerConnection(try ServerAddress(server.uri(user: server.superuser, database: database), osUser: "postgres"))).initialise()
        return (server, database)
    }

    @Test func aChangeIsAnnouncedToEveryOtherBpvWithoutItAsking() throws {
        let (server, database) = try Self.region()
        let address = try ServerAddress(server.uri(user: server.superuser, database: database), osUser: "postgres")
        let listening = try RegionHome(address)
        let watcher = try Workspace(home: listening)
        #expect(!listening.hasNews)
        let other = try Workspace(home: try RegionHome(address))
        let bytes = Array(try Data(contentsOf: Self.samples.appendingPathComponent("gooi-students.csv")))
        try other.importStudents(try StudentImport.parse(bytes, fileName: "gooi-students.csv"), from: "gooi-students.csv")
        // The notification arrives by itself (no query from this side), within moments.
        let deadline = Date().addingTimeInterval(10)
        while !listening.hasNews && Date() < deadline { usleep(5_000) }
        #expect(listening.hasNews)
        // The next read takes the change in.
        #expect(try watcher.students().count == 100)
        #expect(!listening.hasNews)
        // Its own changes are no news to a bpv.
        try watcher.importStudents(try StudentImport.parse(bytes, fileName: "again.csv"), from: "again.csv")
        usleep(200_000)
        #expect(!listening.hasNews)
    }

    /// A mirror loads a table a part at a time while the next part is decoded: every row
    /// comes once, in order, each statement's in its own parts, an empty result as one part.
    @Test func aPipelineHandsEachStatementsRowsOnInPartsInOrder() throws {
        let (server, database) = try Self.region()
        let connection = try ServerConnection(try ServerAddress(server.uri(user: server.superuser, database: database), osUser: "postgres"))
        var parts: [String] = []
        try connection.pipeline([
            ("SELECT g::text FROM generate_series(1, 5) g ORDER BY g", []), ("SELECT 'x' WHERE false", []), ("SELECT 'y'", []),
        ], part: 2) { k, rows in parts.append("\(k): \(rows.map { $0[0] ?? "-" }.joined(separator: " "))") }
        #expect(parts == ["0: 1 2", "0: 3 4", "0: 5", "1: ", "2: y"])
    }

    @Test func aColumnOfCellsReachesTheServerAsItIs() throws {
        let (server, database) = try Self.region()
        let connection = try ServerConnection(try ServerAddress(server.uri(user: server.superuser, database: database), osUser: "postgres"))
        let texts: [String?] = ["plain", "quote \" and backslash \\", "NULL", "", "tab\tnew\nline\rreturn", "{a,b}", "ë ĳ 😀 \u{202E}", nil]
        let back = try connection.rows("SELECT x FROM unnest($1::text[]) WITH ORDINALITY AS u(x, k) ORDER BY k",
                                       [Region.arrayLiteral(texts.map { $0.map(WorkspaceTables.Value.text) ?? .null })])
        #expect(back.map { $0[0] } == texts)
        let numbers: [WorkspaceTables.Value] = [.integer(-3), .null, .integer(Int64.max)]
        #expect(try connection.rows("SELECT x::text FROM unnest($1::bigint[]) WITH ORDINALITY AS u(x, k) ORDER BY k", [Region.arrayLiteral(numbers)])
            .map { $0[0] } == ["-3", nil, "\(Int64.max)"])
        let reals: [WorkspaceTables.Value] = [.real(52.370216), .real(4.895168), .real(.infinity)]
        #expect(try connection.rows("SELECT x::text FROM unnest($1::double precision[]) WITH ORDINALITY AS u(x, k) ORDER BY k", [Region.arrayLiteral(reals)])
            .map { $0[0] } == ["52.370216", "4.895168", nil])
    }
}

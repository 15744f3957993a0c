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
}

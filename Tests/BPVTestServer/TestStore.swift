import BPVPostgres
import BPVWorkspace
import Foundation

/// Where a test's register lives: a workspace file, or, when `BPV_TEST_STORE=postgresql`, a
/// region of its own on the test run's server (``TestServer``). The register's tests run on
/// both (`make test` runs them twice): the same verbs, the same refusals, the same output.
public enum TestStore {
    /// Whether this run keeps registers on the test server.
    public static var onServer: Bool { ProcessInfo.processInfo.environment["BPV_TEST_STORE"] == "postgresql" }

    /// A new, empty register: a path in the temporary folder, or a new database, set up with
    /// `bpv server init`.
    public static func fresh(_ stem: String = "bpv") throws -> String {
        guard onServer else {
            return FileManager.default.temporaryDirectory.appendingPathComponent("\(stem)-\(UUID().uuidString).sqlite").path
        }
        let server = try TestServer.shared.get()
        let database = try server.makeDatabase()
        try Region(try ServerConnection(try ServerAddress(server.uri(user: server.superuser, database: database), osUser: "postgres")))
            .initialise()
        return database
    }

    /// Opens the register at `location` (from ``fresh(_:)``) as `user`: on the server, `user`
    /// is made a regional coordinator of the region first (their login names them in the audit
    /// log, as the OS user does for a file).
    public static func open(_ location: String, user: String? = nil, create: Bool = true) throws -> Workspace {
        guard onServer else { return try Workspace(path: location, user: user, create: create) }
        let server = try TestServer.shared.get()
        let name = user ?? server.superuser
        let owner = Region(try ServerConnection(try ServerAddress(server.uri(user: server.superuser, database: location), osUser: "postgres")))
        if name != server.superuser { try owner.addUser(name, role: .regional, school: nil) }
        return try Workspace.open(server.uri(user: name, database: location))
    }

    /// Removes a register made by ``fresh(_:)`` (a file and its log; a database stays until
    /// the server stops with the test run).
    public static func remove(_ location: String) {
        guard !onServer else { return }
        for suffix in ["", "-wal", "-shm", "-writer"] { try? FileManager.default.removeItem(atPath: location + suffix) }
    }
}

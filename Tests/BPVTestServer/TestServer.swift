import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of the test run's own: `initdb` in a temporary folder, listening only on
/// a Unix socket in that folder (no TCP port, nothing outside the test), trust authentication
/// (the tests check who sees what through roles, not passwords), stopped and removed when the
/// test process exits. Started once per process; each test makes a database of its own.
///
/// PostgreSQL refuses to run as root; under root (CI, containers) the server runs as the
/// `postgres` user the Debian package creates. The programs come from Debian's `postgresql`,
/// installed by `make test`'s dependency step, never here.
public final class TestServer: @unchecked Sendable {
    // @unchecked: every field is set in `init` and only read after.
    public let folder: String
    let bin: String
    /// The superuser, who owns every test database (the region's database owner).
    public let superuser = "postgres"

    /// The process's server, started on first use.
    public static let shared: Result<TestServer, TestServerError> = {
        do {
            let server = try TestServer()
            current = server
            atexit { TestServer.current?.stop() }
            return .success(server)
        } catch let error as TestServerError {
            return .failure(error)
        } catch {
            return .failure(.failed("\(error)"))
        }
    }()

    nonisolated(unsafe) private static var current: TestServer?

    /// Whether commits survive a crash (fsync and synchronous commits on): for a server that a
    /// test stops at once; the shared one trades that for speed.
    let durable: Bool

    private init(durable: Bool = false) throws {
        self.durable = durable
        guard let bin = Self.binFolder() else { throw TestServerError.notInstalled }
        self.bin = bin
        let template = NSTemporaryDirectory() + "bpv-pg-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw TestServerError.failed("mkdtemp") }
        folder = String(cString: made)
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else { throw TestServerError.failed("running as root and there is no postgres user") }
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        try run(bin + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", superuser, "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])
        // The server outlives pg_ctl: it must not inherit a pipe this process reads to its end.
        try start()
    }

    /// Starts the server on its socket only.
    private func start() throws {
        try run(bin + "/pg_ctl", quiet: true, [
            "-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
            "-c listen_addresses='' -k \(folder) -c max_connections=200" + (durable ? "" : " -c fsync=off -c synchronous_commit=off"), "start",
        ])
    }

    /// The socket folder as a `--db` address names it.
    public func uri(user: String, database: String) -> String { "postgresql://\(user)@/\(database)?host=\(folder)" }

    /// A new, empty database for one test.
    public func makeDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try psql(user: superuser, database: "postgres", "CREATE DATABASE \(name)")
        return String(name)
    }

    /// Runs `sql` through `psql` as `user`: what a person with that login could do by hand.
    /// - Returns: the rows, one line each, fields separated by `|` (psql's unaligned format).
    /// - Throws: ``TestServerError/psql(_:)`` with psql's error text when psql fails.
    public func psql(user: String, database: String, _ sql: String) throws -> [String] {
        let out = try capture("/usr/bin/psql", ["-X", "-q", "-h", folder, "-U", user, "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        return out.split(separator: "\n").map(String.init)
    }

    /// A server of one test's own, for a test that restarts it (others share ``shared``);
    /// the test stops it with ``stop()``.
    public static func own() throws -> TestServer { try TestServer(durable: true) }

    /// Stops the server at once (as a power cut would) and starts it again: every connection
    /// is cut, every open transaction rolled back.
    public func restart() throws {
        try run(bin + "/pg_ctl", quiet: true, ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try start()
    }

    public func stop() {
        _ = try? run(bin + "/pg_ctl", quiet: true, ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The folder of Debian's newest installed server programs.
    static func binFolder() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// Runs a server program, as the postgres user under root.
    private func run(_ program: String, quiet: Bool = false, _ arguments: [String]) throws {
        if geteuid() == 0 {
            _ = try capture("/usr/sbin/runuser", quiet: quiet, ["-u", "postgres", "--", program] + arguments)
        } else {
            _ = try capture(program, quiet: quiet, arguments)
        }
    }

    /// Runs `program` and returns its output; `quiet` sends its output nowhere (for a program
    /// that leaves a daemon behind) and returns "".
    private func capture(_ program: String, quiet: Bool = false, _ arguments: [String]) throws -> String {
        if quiet {
            // posix_spawn and waitpid, not Foundation's Process: Process learns of a child's end
            // through a descriptor the child inherits, which the server (a grandchild that
            // outlives pg_ctl) keeps open, so Process would wait for the server's end.
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // Nor any other descriptor: a pipe another test is reading at this moment would
            // stay open in the server until the test process ends, and that test would hang.
            // (glibc's closefrom action is not visible to Swift; the open ones are listed instead.)
            let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
            for fd in open where fd > 2 && fcntl(fd, F_GETFD) != -1 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
            let argv = ([program] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { throw TestServerError.failed("cannot run \(program)") }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            guard status == 0 else { throw TestServerError.failed("\(program) \(arguments.joined(separator: " ")) exited with \(status)") }
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError.psql(String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public enum TestServerError: Error, Equatable {
    case notInstalled
    case failed(String)
    case psql(String)
}

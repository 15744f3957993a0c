import Foundation

/// Where a region's register lives on a PostgreSQL server, read as libpq reads it: a
/// `postgresql://` (or `postgres://`) URI, then the environment (`PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`), then `~/.pgpass` (or `PGPASSFILE`) for the password,
/// then libpq's defaults (Debian's socket folder, port 5432, the OS user, a database named after
/// the user). A coordinator who already reaches the server with `psql` reaches it with bpv the same way.
///
/// Why not libpq itself: the client is postgres-nio (Swift, no C library to link); its
/// configuration takes a resolved host, port and password, so the conventions are read here.
public struct ServerAddress: Sendable, Equatable {
    /// How to reach the server.
    public enum Endpoint: Sendable, Equatable {
        /// A TCP host and port.
        case tcp(host: String, port: Int)
        /// A Unix-domain socket: the folder (libpq's `host=/path`) and the port in its name.
        case socket(folder: String, port: Int)

        /// The socket file's path: `<folder>/.s.PGSQL.<port>`.
        public var socketPath: String? {
            if case .socket(let folder, let port) = self { return folder + "/.s.PGSQL.\(port)" }
            return nil
        }
    }

    /// libpq's `sslmode`: how hard to insist on TLS (a socket never uses it).
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// Debian's (and most distributions') default socket folder.
    public static let defaultSocketFolder = "/var/run/postgresql"

    /// Whether `text` names a PostgreSQL server rather than a SQLite file.
    public static func isServer(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads `uri` with `environment` and the password file as libpq does.
    /// - Parameters:
    ///   - environment: the process's environment (a parameter so that tests give their own).
    ///   - osUser: the default user name.
    ///   - home: where `.pgpass` is looked for when `PGPASSFILE` is not set.
    /// - Throws: ``ServerAddressProblem`` for a URI that is not one, a port that is no number,
    ///   an unknown `sslmode` or query parameter.
    /// - Complexity: O(length of the URI + the password file).
    public init(
        _ uri: String, environment: [String: String] = ProcessInfo.processInfo.environment, osUser: String, home: String? = nil
    ) throws(ServerAddressProblem) {
        guard let schemeEnd = uri.range(of: "://"), Self.isServer(uri) else { throw .notAURI(uri) }
        var rest = String(uri[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.decode(String(parts[0])), value = parts.count > 1 ? Self.decode(String(parts[1])) : ""
                guard Self.knownParameters.contains(key) else { throw .unknownParameter(key) }
                query[key] = value
            }
            rest = String(rest[..<q])
        }
        var path: String?
        if let slash = rest.firstIndex(of: "/") {
            path = Self.decode(String(rest[rest.index(after: slash)...]))
            rest = String(rest[..<slash])
        }
        var uriUser: String?, uriPassword: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            if let colon = credentials.firstIndex(of: ":") {
                uriUser = Self.decode(String(credentials[..<colon]))
                uriPassword = Self.decode(String(credentials[credentials.index(after: colon)...]))
            } else {
                uriUser = Self.decode(String(credentials))
            }
            rest = String(rest[rest.index(after: at)...])
        }
        var uriHost: String?, uriPort: String?
        if rest.hasPrefix("[") , let close = rest.firstIndex(of: "]") {
            // An IPv6 literal: [::1]:5432.
            uriHost = String(rest[rest.index(after: rest.startIndex) ..< close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { uriPort = String(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            uriHost = Self.decode(String(rest[..<colon]))
            uriPort = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            uriHost = Self.decode(rest)
        }
        func pick(_ values: String?...) -> String? { values.lazy.compactMap { $0 }.first { !$0.isEmpty } }
        let host = pick(query["host"], uriHost, environment["PGHOST"]) ?? Self.defaultSocketFolder
        let portText = pick(query["port"], uriPort, environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1 ... 65535).contains(port) else { throw .badPort(portText) }
        user = pick(query["user"], uriUser, environment["PGUSER"]) ?? osUser
        database = pick(query["dbname"], path, environment["PGDATABASE"]) ?? user
        let modeText = pick(query["sslmode"], environment["PGSSLMODE"]) ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else { throw .badSSLMode(modeText) }
        sslMode = mode
        endpoint = host.hasPrefix("/") ? .socket(folder: host, port: port) : .tcp(host: host, port: port)
        password = pick(query["password"], uriPassword, environment["PGPASSWORD"])
        if password == nil {
            let file = environment["PGPASSFILE"] ?? home.map { $0 + "/.pgpass" }
            if let file { password = Self.passwordFile(file, host: host, port: port, database: database, user: user) }
        }
    }

    static let knownParameters: Set<String> = ["host", "port", "user", "password", "dbname", "sslmode", "application_name", "connect_timeout"]

    /// The URI without its password, for messages and the audit log.
    public var description: String {
        let place = switch endpoint {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .socket(let folder, let port): "?host=\(folder)&port=\(port)"
        }
        if case .socket = endpoint { return "postgresql://\(user)@/\(database)\(place)" }
        return "postgresql://\(user)@\(place)/\(database)"
    }

    /// The password for this connection from a libpq password file: the first line
    /// `host:port:database:user:password` whose fields match (`*` matches anything; `\:` and `\\`
    /// escape). A socket in the default folder also matches `localhost`, as in libpq. A file that
    /// others may read is ignored, as libpq ignores it.
    static func passwordFile(_ file: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return nil }
        let hosts: Set<String> = host.hasPrefix("/") && host == defaultSocketFolder ? [host, "localhost"] : [host]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitEscaped(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: Set<String>) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], ["\(port)"]), matches(fields[2], [database]), matches(fields[3], [user]) {
                return fields[4]
            }
        }
        return nil
    }

    /// Splits a password-file line at unescaped colons, removing the escapes.
    private static func splitEscaped(_ line: String) -> [String] {
        var fields: [String] = [], field = "", escaped = false
        for c in line {
            if escaped {
                field.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }

    private static func decode(_ text: String) -> String { text.removingPercentEncoding ?? text }
}

/// Why a `--db` value is not a server address bpv can use.
public enum ServerAddressProblem: Error, Sendable, Equatable {
    case notAURI(String)
    case badPort(String)
    case badSSLMode(String)
    case unknownParameter(String)
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the region's server, used synchronously: bpv's register, shell and
/// command line are synchronous (a command runs to its end before the next line is read), so
/// each call blocks the calling thread until the server answered. The waiting is done here
/// only, on postgres-nio's futures, which its own event-loop threads complete: never on a task
/// (a task would need Swift's cooperative threads, which a blocked caller may be holding, so
/// two blocked test threads on two cores would wait for ever).
///
/// Why a blocking seam over an async client: the SQLite register is synchronous by nature
/// (GRDB on one queue); keeping the PostgreSQL side the same shape lets one storage seam carry
/// both without making every command `async`.
public final class ServerConnection: @unchecked Sendable {
    // @unchecked: `connection` is set once in `init` and postgres-nio's connection is itself
    // safe to use from any thread; `sent` is only touched under `sentLock`.
    private let connection: PostgresConnection
    private let logger: Logger
    /// Statements sent ahead (``send(_:)``) whose answers no call has waited for yet.
    private let sentLock = NSLock()
    private var sent: [EventLoopFuture<PostgresQueryResult>] = []
    public let address: ServerAddress

    /// Connects to `address` and authenticates.
    /// - Throws: ``ServerError/cannotConnect(_:_:)`` with the server's or the network's words.
    public init(_ address: ServerAddress) throws(ServerError) {
        self.address = address
        var logger = Logger(label: "bpv.postgres")
        logger.logLevel = .critical
        self.logger = logger
        var configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case .socket:
            configuration = .init(
                unixSocketPath: address.endpoint.socketPath ?? "", username: address.user, password: address.password,
                database: address.database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            do {
                tls = try Self.tls(address.sslMode)
            } catch {
                throw .cannotConnect(address.description, "\(error)")
            }
            configuration = .init(
                host: host, port: port, username: address.user, password: address.password, database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw .cannotConnect(address.description, Self.words(error))
        }
    }

    deinit {
        _ = try? connection.close().wait()
    }

    /// libpq's `sslmode` as postgres-nio's TLS choice. `require` encrypts without checking the
    /// certificate (as libpq does without a root certificate); `verify-ca` checks the chain,
    /// `verify-full` the host name as well.
    static func tls(_ mode: ServerAddress.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// Runs `sql`, one or more statements without parameters, in order: what migrations and
    /// set-up scripts need. postgres-nio speaks only the extended protocol (one statement a
    /// message), so the script is split here (``statements(_:)``).
    public func execute(_ sql: String) throws(ServerError) {
        let earlier = waitForSent()
        for statement in Self.statements(sql) {
            do {
                _ = try finished(connection.query(statement, []))
            } catch {
                throw earlier ?? .failed(Self.words(error))
            }
        }
        if let earlier { throw earlier }
    }

    /// Sends `statements` without waiting for their answers, so that the server works on them
    /// while the caller prepares the next ones (a match's rows, a table at a time). The next
    /// call that waits (``execute(_:)``, ``rows(_:_:)``, ``pipeline(_:)``) waits for them
    /// first and throws the first of their failures, after running its own statements.
    public func send(_ statements: [(sql: String, values: [String?])]) throws(ServerError) {
        if connection.isClosed { throw .failed(Self.closedWords) }
        let futures = statements.map { connection.query($0.sql, $0.values.map { $0.map(PostgresData.init(string:)) ?? .null }) }
        sentLock.withLock { sent += futures }
    }

    /// Waits for every statement sent ahead; their first failure.
    private func waitForSent() -> ServerError? {
        let futures = sentLock.withLock {
            defer { sent = [] }
            return sent
        }
        var failure: ServerError?
        for future in futures {
            do { _ = try finished(future) } catch { if failure == nil { failure = .failed(Self.words(error)) } }
        }
        return failure
    }

    /// The statements of a script, split at semicolons outside quotes ('...', "..."), dollar
    /// quotes (`$$ ... $$`, `$tag$ ... $tag$`) and comments (`-- ...`); empty ones dropped.
    /// - Complexity: O(length of `sql`).
    static func statements(_ sql: String) -> [String] {
        var result: [String] = [], current = ""
        let chars = Array(sql)
        var k = 0
        func flush() {
            let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty { result.append(s) }
            current = ""
        }
        while k < chars.count {
            let c = chars[k]
            if c == "-", k + 1 < chars.count, chars[k + 1] == "-" {
                while k < chars.count, chars[k] != "\n" { k += 1 }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c)
                k += 1
                while k < chars.count {
                    current.append(chars[k])
                    k += 1
                    if chars[k - 1] == c { break }
                }
                continue
            }
            if c == "$", let close = chars[(k + 1)...].firstIndex(of: "$"),
               chars[(k + 1) ..< close].allSatisfy({ $0.isLetter || $0 == "_" || $0.isNumber }),
               !(k > 0 && (chars[k - 1].isLetter || chars[k - 1].isNumber || chars[k - 1] == "_"))
            {
                let tag = chars[k ... close]
                current.append(contentsOf: tag)
                k = close + 1
                while k < chars.count {
                    if chars[k] == "$", k + tag.count <= chars.count, chars[k ..< k + tag.count].elementsEqual(tag) {
                        current.append(contentsOf: tag)
                        k += tag.count
                        break
                    }
                    current.append(chars[k])
                    k += 1
                }
                continue
            }
            if c == ";" { flush() } else { current.append(c) }
            k += 1
        }
        flush()
        return result
    }

    /// Runs one statement with `$1`, `$2`, ... bound to `values` and returns its rows, every
    /// cell as text (`NULL` as nil): the statement casts what it selects to `text` where it
    /// is not text already.
    public func rows(_ sql: String, _ values: [String?] = []) throws(ServerError) -> [[String?]] {
        let binds = values.map { $0.map(PostgresData.init(string:)) ?? .null }
        let earlier = waitForSent()
        let rows: [[String?]]
        do {
            let result = try finished(connection.query(sql, binds))
            rows = try result.rows.map { row in try row.map { cell in try cell.decode(String?.self) } }
        } catch {
            throw earlier ?? .failed(Self.words(error))
        }
        if let earlier { throw earlier }
        return rows
    }

    /// Sends every statement at once and then waits for each answer, in order: one round trip
    /// instead of one a statement (a tweak writes four or five). The server runs them in
    /// order; after a failure the rest fail too (the transaction is aborted), and the first
    /// failure is thrown.
    /// - Returns: each statement's rows, every cell as text.
    public func pipeline(_ statements: [(sql: String, values: [String?])]) throws(ServerError) -> [[[String?]]] {
        var out: [[[String?]]] = []
        try pipeline(statements) { _, rows in out.append(rows) }
        return out
    }

    /// The same, handing each statement's rows to `take` as they arrive, in order (the next
    /// statements' rows keep arriving meanwhile), in parts of at most `part` rows (a statement
    /// without rows as one empty part), so that the caller can store one part while the next is
    /// decoded; after a failure, the rest are not handed on.
    public func pipeline(_ statements: [(sql: String, values: [String?])], part: Int = .max, _ take: (Int, [[String?]]) -> Void)
        throws(ServerError)
    {
        var failure = waitForSent()
        if connection.isClosed { throw failure ?? .failed(Self.closedWords) }
        let futures = statements.map { connection.query($0.sql, $0.values.map { $0.map(PostgresData.init(string:)) ?? .null }) }
        for (k, future) in futures.enumerated() {
            do {
                let all = try finished(future).rows
                for start in stride(from: 0, to: max(all.count, 1), by: max(part, 1)) {
                    let rows = try all[start ..< min(start + part, all.count)].map { row in try row.map { cell in try cell.decode(String?.self) } }
                    if failure == nil { take(k, rows) }
                }
            } catch {
                if failure == nil { failure = .failed(Self.words(error)) }
            }
        }
        if let failure { throw failure }
    }

    /// Waits for `query`, or for the connection's end, whichever comes first: a query sent on
    /// a connection the server has just dropped (a restart) is otherwise never answered, and
    /// the user would wait for ever.
    private func finished<T>(_ query: EventLoopFuture<T>) throws -> T {
        if connection.isClosed { throw ServerError.failed(Self.closedWords) }
        let promise = query.eventLoop.makePromise(of: T.self)
        query.cascade(to: promise)
        connection.closeFuture.whenComplete { _ in promise.fail(ServerError.failed(Self.closedWords)) }
        return try promise.futureResult.wait()
    }

    /// What a dropped connection means to the user.
    static let closedWords = "the connection to the server was lost (a restart, or the network)"

    /// Calls `handler` with the payload of every notification on `channel` (`NOTIFY`), on
    /// postgres-nio's event-loop thread, from now until the connection closes. postgres-nio
    /// sends the `LISTEN` itself.
    public func listen(_ channel: String, _ handler: @escaping @Sendable (String) -> Void) {
        connection.addListener(channel: channel) { _, notification in handler(notification.payload) }
    }

    /// The server's own words for an error (its message and SQLSTATE), not postgres-nio's
    /// redacted description.
    static func words(_ error: any Error) -> String {
        if case .failed(let words) = error as? ServerError { return words }
        if let psql = error as? PSQLError {
            if psql.code == .connectionError {
                // NIO's description of a failed connect names its internals; say what it means.
                let text = psql.underlying.map { "\($0)" } ?? ""
                if text.contains("refused") { return "connection refused: no server listens there" }
                if text.contains("No such file") { return "no server socket there (is the server running, and is the folder right?)" }
                if text.contains("timed out") || text.contains("timeout") { return "no answer within 10 seconds" }
            }
            if let message = psql.serverInfo?[.message] {
                let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            return "\(psql.code)" + (psql.underlying.map { ": \($0)" } ?? "")
        }
        if case .server(let message) = error as? PostgresError, let text = message.fields[.message] {
            return text + (message.fields[.detail].map { " (\($0))" } ?? "")
        }
        return "\(error)"
    }
}

/// What went wrong talking to the server.
public enum ServerError: Error, Sendable, Equatable {
    /// The server could not be reached or refused the login.
    case cannotConnect(String, String)
    /// A statement failed; the server's words.
    case failed(String)
}

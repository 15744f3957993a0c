import BPVDomain
import BPVFiles
import GRDB
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bpv workspace: one SQLite file holding the term's students and internships, rounds,
/// placements and the audit log.
///
/// The file is created with mode 0600 (owner only): it describes vulnerable young people.
/// Every change happens in one transaction, so a failed import or a crash leaves the workspace
/// exactly as it was, and every change is appended to the audit log with the OS user.
///
/// ```swift
/// let ws = try Workspace(path: "bpv.sqlite")
/// let summary = try ws.importStudents(students, from: "leerlingen.csv")
/// ```
public final class Workspace: Sendable {
    public let path: String
    let db: DatabaseQueue
    /// Who is acting, for the audit log: the OS user.
    public let user: String
    /// The note naming this process while it holds the write lock (a file workspace's only).
    let writer: WriterNote?
    /// The register's home when it is not this file (a region's server); the database is then
    /// the mirror of what the user may see (see `Workspace+Mirror.swift`).
    let home: (any RegisterHome)?
    /// How many times the mirror took in others' changes: a view's model is out of date when
    /// this moved, also when no audit entry it may see came with the change (another school's
    /// pupil took a place). Always 0 for a file workspace.
    let mirrorGeneration = Generation()
    /// How long a write waits for another writer.
    let busySeconds: Int

    /// Opens the workspace at `path`, creating it (mode 0600) when `create` allows, and
    /// migrating its schema as needed. An existing file readable by others (copied, or
    /// `touch`ed) is made owner-only, its write-ahead log too.
    /// - Throws: ``WorkspaceError/cannotOpen(_:_:)`` when the file is missing and `create` is
    ///   false (a typo in `--db` must not silently make an empty workspace), or when the file
    ///   is another program's SQLite database.
    /// - Parameter busySeconds: how long a write waits for another writer before it gives up
    ///   (and says who that writer is).
    public init(path: String, user: String? = nil, create: Bool = true, busySeconds: Int = 10) throws(WorkspaceError) {
        self.path = path
        self.user = user ?? Self.osUser()
        self.writer = WriterNote(workspace: path)
        self.busySeconds = busySeconds
        self.home = nil
        // Never a file named after a server's address.
        if path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") { throw .cannotOpen(path, .serverRegister) }
        if let info = try? FilePath(path).stat() {
            // Only a bpv workspace is opened: a folder, an empty file (`--db notes.csv`) or a
            // file that is no database is refused as it is, its bytes and its mode untouched.
            if info.type == .directory {
                throw .cannotOpen(path, .folder(example: FilePath(path).appending("bpv.sqlite").string))
            }
            if info.size == 0 {
                throw .cannotOpen(path, .emptyFile)
            }
            if !OutputFile.isSQLite(path) {
                throw .cannotOpen(path, .notADatabase)
            }
        } else {
            guard create else {
                throw .cannotOpen(path, .noWorkspace)
            }
            do {
                let fd = try FileDescriptor.open(
                    FilePath(path), .writeOnly, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
                try fd.close()
            } catch {
                throw .cannotOpen(path, .system("\(error)"))
            }
        }
        var config = Configuration()
        // Another bpv process may hold the write lock for a moment (a commit): wait, then fail clearly.
        config.busyMode = .timeout(Double(busySeconds))
        config.foreignKeysEnabled = true
        // Write-ahead log: a change commits by appending to the log, without an fsync of the
        // database (synchronous NORMAL), so a stored tweak costs well under a millisecond of I/O.
        // A kill -9 loses nothing that was committed (the log is in the file system); a power
        // cut can lose the last changes, never the file's consistency. Readers never wait for a
        // writer. The log and its index are created with the database file's mode (0600).
        // Deleted records are overwritten, not left in free pages (erasure must be real).
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            // Another program's SQLite file is not adopted: bpv adds nothing to it. bpv's own
            // files carry SQLite's application_id 'BPV1'.
            let foreign = try db.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if id != 0 { return id != Self.applicationID }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                return !tables.isEmpty && !tables.contains("grdb_migrations")
            }
            if foreign { throw WorkspaceError.cannotOpen(path, .foreign) }
            // Owner-only, also when the file (or its log) was made with wider permissions; only
            // once the file is known to be bpv's, so that a refused file keeps its mode.
            // swift-system reads the mode; it has no chmod, so that one call is the C library's.
            for file in [path, path + "-wal", path + "-shm"] {
                guard let info = try? FilePath(file).stat(), info.userID.rawValue == geteuid(),
                      !info.permissions.intersection([.groupReadWriteExecute, .otherReadWriteExecute]).isEmpty
                else { continue }
                _ = chmod(file, 0o600)
            }
            try db.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            try Schema.migrator.migrate(db)
            try db.writeWithoutTransaction { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") != Self.applicationID {
                    try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                }
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            let busy = (error as? DatabaseError).map { $0.resultCode == .SQLITE_BUSY || $0.resultCode == .SQLITE_LOCKED } ?? false
            throw .cannotOpen(path, busy ? .busy(WriterNote(workspace: path).holder(), waited: busySeconds) : .system(Self.words(error)))
        }
    }

    /// An empty in-memory mirror of the register at `home`, its schema made (see
    /// `Workspace+Mirror.swift`); ``init(home:)`` fills it and then notes changes.
    init(mirrorOf home: any RegisterHome) throws(WorkspaceError) {
        path = home.location
        user = home.user
        writer = nil
        busySeconds = 0
        self.home = home
        var config = Configuration()
        config.foreignKeysEnabled = true
        do {
            db = try DatabaseQueue(configuration: config)
            try Schema.migrator.migrate(db)
        } catch {
            throw .cannotOpen(path, .system(Self.words(error)))
        }
    }

    /// SQLite's application_id of a bpv workspace: 'BPV1'.
    static let applicationID: Int32 = 0x4250_5631

    /// The longest reason or free text a change may carry, in characters.
    public static let reasonLimit = 500

    public static func osUser() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    // MARK: Import

    /// What an import changed.
    public struct ImportSummary: Sendable, Equatable {
        public var added: Int
        public var updated: Int
    }

    /// Adds the students, updating those whose id already exists, in one transaction (with
    /// the draft solved again, when there is one). Refused whole when an update would leave
    /// held placements over an internship's support places.
    /// - Complexity: O(students), plus a cold solve when there is a draft.
    @discardableResult
    public func importStudents(_ students: [Student], from source: String) throws(WorkspaceError) -> ImportSummary {
        try Register(workspace: self).importStudents(students, from: source).summary
    }

    /// Adds the internships, updating those whose id already exists, in one transaction (with
    /// the draft solved again, when there is one). Refused whole when an update lowers places
    /// or support places below the students holding them.
    /// - Complexity: O(internships), plus a cold solve when there is a draft.
    @discardableResult
    public func importInternships(_ internships: [Internship], from source: String) throws(WorkspaceError) -> ImportSummary {
        try Register(workspace: self).importInternships(internships, from: source).summary
    }

    /// Inserts or updates students inside a transaction and audits the import.
    func upsert(_ db: Database, students: [Student], source: String) throws -> ImportSummary {
        // A new student is registered today (UTC): waiting counts from that day unless the file
        // says when they become available; a re-import keeps that day.
        try importRecords(db, students.map { StudentRecord($0, registeredOn: .today) }, ids: students.map(\.id.value), what: "students",
                          source: source, insert: { db, record in try record.insert(db) },
                          update: { db, record in try record.update(db, columns: StudentRecord.imported) })
    }

    func upsert(_ db: Database, internships: [Internship], source: String) throws -> ImportSummary {
        try importRecords(db, internships.map(InternshipRecord.init), ids: internships.map(\.id.value), what: "internships", source: source,
                          insert: { db, record in try record.insert(db) }, update: { db, record in try record.update(db) })
    }

    @discardableResult
    public func importEmployers(_ employers: [Employer], from source: String) throws(WorkspaceError) -> ImportSummary {
        try write { db in
            try importRecords(db, employers.map(EmployerRecord.init), ids: employers.map(\.id.value), what: "employers", source: source,
                              insert: { db, record in try record.insert(db) }, update: { db, record in try record.update(db) })
        }
    }

    public func employers() throws(WorkspaceError) -> [Employer] {
        try read { db in try EmployerRecord.order(Column("id")).fetchAll(db).map(\.employer) }
    }

    /// Adds or updates records by id, counting which, and audits the import.
    /// - Complexity: one statement per record, after one read of the table's ids.
    private func importRecords<R: PersistableRecord>(_ db: Database, _ records: [R], ids: [String], what: String, source: String,
                                                     insert: (Database, R) throws -> Void, update: (Database, R) throws -> Void) throws
        -> ImportSummary
    {
        var summary = ImportSummary(added: 0, updated: 0)
        // The ids already there, read once: a lookup per record built a query per record
        // (import of 30,000 students: 7.8 s with it, see Benchmarks/RESULTS.md).
        var known = Set(try String.fetchAll(db, R.select(Column("id"))))
        for (id, record) in zip(ids, records) {
            if !known.insert(id).inserted {
                try update(db, record)
                summary.updated += 1
            } else {
                try insert(db, record)
                summary.added += 1
            }
        }
        try audit(db, action: "import \(what)", subject: source, detail: "\(summary.added) added, \(summary.updated) updated")
        return summary
    }

    // MARK: Reading

    /// All students, by id.
    public func students() throws(WorkspaceError) -> [Student] {
        try read { db in try StudentRecord.order(Column("id")).fetchAll(db).map(\.student) }
    }

    /// All internships, by id.
    public func internships() throws(WorkspaceError) -> [Internship] {
        try read { db in try InternshipRecord.order(Column("id")).fetchAll(db).map(\.internship) }
    }

    /// SQLite's `data_version`: it changes when another connection (another bpv process)
    /// commits a change, and not for this workspace's own writes. A shell keeps its live round
    /// only while this stays the same.
    public func dataVersion() throws(WorkspaceError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// The audit log, oldest first.
    public func auditLog() throws(WorkspaceError) -> [AuditEntry] {
        try read { db in
            try AuditEntry.order(Column("seq")).fetchAll(db)
        }
    }

    // MARK: Plumbing

    /// Appends one entry to the audit log, with who it is about.
    /// - Returns: the entry's number.
    @discardableResult
    func audit(_ db: Database, action: String, subject: String, detail: String = "", reason: String? = nil,
               student: String? = nil, internship: String? = nil) throws -> Int64 {
        if let reason, reason.count > Self.reasonLimit {
            throw WorkspaceError.refused(.reasonTooLong(limit: Self.reasonLimit, count: reason.count))
        }
        // Free text reaches other people's terminals: no escape, carriage return, tab or line break.
        if let reason, let bad = ControlText.firstControl(in: reason) {
            throw WorkspaceError.refused(.reasonControl(bad.value))
        }
        try AuditRecord(user: user, action: action, subject: subject, detail: detail, reason: reason, student: student, internship: internship)
            .insert(db)
        return db.lastInsertedRowID
    }

    func write<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        if home != nil { return try writeHome(body) }
        defer { writer?.clear() }
        do {
            return try db.write { db in
                writer?.record(user: user)
                return try body(db)
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, words(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        if let home, home.hasNews { try takeIn(try home.catchUp()) }
        do {
            return try db.read(body)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .database(path, words(error))
        }
    }

    /// A database failure in a coordinator's words: a lock held too long says who holds it (see
    /// ``WriterNote``), how long bpv waited, and what to do.
    func words(_ error: any Error) -> StoreProblem {
        if let e = error as? DatabaseError, e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            return .busy(writer?.holder(), waited: busySeconds)
        }
        return .system(Self.words(error))
    }

    /// A database failure in words, other than a lock held too long.
    static func words(_ error: any Error) -> String {
        if let e = error as? DatabaseError, e.resultCode == .SQLITE_NOTADB {
            return "this file is not a bpv workspace (not an SQLite database)"
        }
        return "\(error)"
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    /// UTC, ISO 8601.
    public var at: String
    public var user: String
    public var action: String
    public var subject: String
    public var detail: String
    public var reason: String?

    /// The entry as a refusal names it: who, when, what.
    public var changeBy: ChangeBy {
        ChangeBy(user: user, at: String(at.prefix(19).map { $0 == "T" ? " " : $0 }), action: action, subject: subject)
    }
}

/// Why a workspace operation failed; the workspace is unchanged.
public enum WorkspaceError: Error, Equatable, CustomStringConvertible {
    /// The file at the path cannot be opened as a workspace; the text says why (a message of
    /// the operating system or SQLite, or bpv's own way out, in English).
    case cannotOpen(String, StoreProblem)
    case database(String, StoreProblem)
    case corruptRecord(String)
    /// The change is refused: a thing not found, a broken rule (capacity, an earlier
    /// commitment), a value out of range, or others changing the workspace; the refusal
    /// names every student involved and the way out. Nothing was changed.
    case refused(Refusal)
    case cancelled
    case cannotWrite(String, String)
    /// Another process changed the workspace while this change was being made.
    case changedElsewhere

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.refused(let r), _): r.framed(language)
        case (.cannotOpen(let path, let why), .en): "\(path): cannot open the workspace: \(why.text(.en))"
        case (.cannotOpen(let path, let why), .nl): "\(path): de werkruimte gaat niet open: \(why.text(.nl))"
        case (.database(let path, let why), _): "\(path): \(why.text(language))"
        case (.corruptRecord(let what), .en): "the workspace holds an unreadable record: \(what)"
        case (.corruptRecord(let what), .nl): "de werkruimte bevat een onleesbaar gegeven: \(what)"
        case (.cancelled, .en): "cancelled; nothing was changed"
        case (.cancelled, .nl): "afgebroken; er is niets veranderd"
        case (.cannotWrite(let file, let why), .en): "\(file): cannot write: \(why)"
        case (.cannotWrite(let file, let why), .nl): "\(file): kan niet schrijven: \(why)"
        case (.changedElsewhere, .en): "another user changed the workspace at the same moment; nothing was changed, try again"
        case (.changedElsewhere, .nl): "iemand anders veranderde de werkruimte op hetzelfde moment; er is niets veranderd, probeer het opnieuw"
        }
    }

    public var description: String { text(.en) }
}

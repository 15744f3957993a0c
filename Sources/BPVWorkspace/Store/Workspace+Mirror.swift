import Foundation
import GRDB

/// A workspace whose register lives elsewhere (``RegisterHome``): the database is an in-memory
/// mirror of the rows the user may see, on which the register's records, rules and SQL run
/// exactly as on a file. What a change writes is caught by temporary triggers (rows by key, in
/// `temp.bpv_changed`) and handed to the home in the change's own transaction; what others
/// changed is taken in before every change and, when the home has news, before a read.
///
/// Nothing of the mirror reaches the disk: the pupils stay on the server.
extension Workspace {
    /// Opens the register at `home`: the rows the user may see are loaded into memory.
    /// - Throws: the home's words when it cannot be read.
    /// - Complexity: O(rows the user may see).
    public convenience init(home: any RegisterHome) throws(WorkspaceError) {
        try self.init(mirrorOf: home)
        // Each table (or part of one) is loaded on a queue of its own while the home reads the
        // next: the two overlap (about 0.1 s each at 30,000 pupils).
        let loading = DispatchQueue(label: "bpv.mirror.load")
        let failure = Failure()
        let db = self.db
        try home.snapshot { table in
            loading.async {
                guard failure.error == nil else { return }
                do { try db.write { db in try Self.insert(WorkspaceTables(tables: [table]), into: db) } } catch { failure.error = error }
            }
        }
        do {
            try loading.sync {
                if let error = failure.error { throw error }
                // The notes of changes only after the load: its rows are no change.
                try db.writeWithoutTransaction { db in try db.execute(sql: Self.captureSQL) }
            }
        } catch {
            throw .cannotOpen(path, .system(Self.words(error)))
        }
    }

    /// The temporary table and triggers that note every row a change writes, by its key, and
    /// whether the note is of an insert (a row whose first note is an insert was not there when
    /// the change began: the home may insert it without asking whether it has it). A row
    /// of `register` also notes its internship (before and after) as read-again-only: who may
    /// take its places changed for the users who cannot see that pupil.
    static var captureSQL: String {
        // `internship`: a register row's internship, read again by others (one note a row,
        // not two: a match writes 20,000 register rows).
        var sql = "CREATE TEMP TABLE bpv_changed (tbl TEXT NOT NULL, key TEXT NOT NULL, written INTEGER NOT NULL, internship TEXT, inserted INTEGER NOT NULL);\n"
        for (table, _) in WorkspaceTables.order {
            func key(_ row: String) -> String { "json_array(" + WorkspaceTables.keyColumns(of: table).map { "\(row).\($0)" }.joined(separator: ", ") + ")" }
            func note(_ row: String, inserted: Bool = false) -> String {
                "INSERT INTO bpv_changed VALUES ('\(table)', \(key(row)), 1, \(table == "register" ? "\(row).internship_id" : "NULL"), \(inserted ? 1 : 0));"
            }
            // A round's placements are inserted with the round, once (its match): they are
            // collected with the round (``changedRows(_:)``), not noted one by one.
            if table != "placement" {
                sql += "CREATE TEMP TRIGGER bpv_changed_\(table)_insert AFTER INSERT ON main.\(table) BEGIN \(note("NEW", inserted: true)) END;\n"
            }
            sql += """
                CREATE TEMP TRIGGER bpv_changed_\(table)_update AFTER UPDATE ON main.\(table) BEGIN \(note("OLD")) \(note("NEW")) END;
                CREATE TEMP TRIGGER bpv_changed_\(table)_delete AFTER DELETE ON main.\(table) BEGIN \(note("OLD")) END;

                """
        }
        return sql
    }

    /// The rows the current transaction wrote, as they are now, handed to `take` a table at a
    /// time (a large table's in parts of ``changedPart`` rows), parents first; the notes are
    /// cleared.
    /// - Complexity: O(rows written), one indexed read each.
    static func changedRows(_ db: Database, _ take: ([ChangedRow]) throws -> Void) throws {
        // Table by table, one query each: the noted keys joined to the rows there now (a
        // match notes 30,000 placements; a statement per row took 0.24 s).
        var rounds: [String] = []
        // A large table's rows are handed on in parts as they are read, so the home writes the
        // first part while the rest is read (a match's 30,000 placements: the server starts
        // 60 ms sooner).
        func handOn(_ out: inout [ChangedRow]) throws {
            guard out.count >= Self.changedPart else { return }
            try take(out)
            out.removeAll(keepingCapacity: true)
        }
        // The tables with notes (one scan), and of `register` the internships its rows took
        // or left: each is read again by others when the change did not write it.
        let noted = Set(try String.fetchAll(db, sql: "SELECT DISTINCT tbl FROM bpv_changed"))
        for (table, _) in WorkspaceTables.order where noted.contains(table) || table == "placement" || (table == "internship" && noted.contains("register")) {
            let columns = try db.columns(in: table).map(\.name)
            let match = WorkspaceTables.keyColumns(of: table).enumerated()
                .map { "t.\($0.element) = json_extract(n.key, '$[\($0.offset)]')" }.joined(separator: " AND ")
            var out: [ChangedRow] = []
            // The notes in the order they were made, each key at its first (whether it was an
            // insert: the row is new), joined to the row there now. A cursor, read as the notes
            // come: no grouping or sorting before the first row (27,000 register rows: the
            // first part went out 60 ms sooner than when grouped by key in SQL).
            var seen = Set<String>()
            let rows = try BulkRead(db, sql: """
                SELECT n.key, n.inserted, t.rowid IS NOT NULL, \(columns.map { "t.\"\($0)\"" }.joined(separator: ", "))
                FROM bpv_changed n LEFT JOIN \(table) t ON \(match) WHERE n.tbl = ? ORDER BY n.rowid
                """, arguments: [table])
            while let row = try rows.next() {
                guard case .text(let key) = row[0], seen.insert(key).inserted else { continue }
                let new = row[1] == .integer(1), there = row[2] == .integer(1)
                let values = there ? Array(row[3...]) : nil
                if table == "round", there { rounds.append(key) }
                out.append(ChangedRow(table: table, key: key, columns: columns, values: values, isNew: new && there))
                try handOn(&out)
            }
            if table == "internship" {
                let again = try String.fetchCursor(db, sql: """
                    SELECT DISTINCT json_array(internship) FROM bpv_changed WHERE tbl = 'register' AND internship IS NOT NULL
                    """)
                while let key = try again.next() {
                    if seen.contains(key) { continue }
                    out.append(ChangedRow(table: table, key: key, columns: [], values: nil, written: false))
                }
            }
            if table == "placement" {
                // The placements of the rounds this change made, in one range read each.
                for round in rounds {
                    let placements = try BulkRead(db, sql: """
                        SELECT json_array(round_id, student_id), \(columns.map { "\"\($0)\"" }.joined(separator: ", "))
                        FROM placement WHERE round_id = json_extract(?, '$[0]') ORDER BY student_id
                        """, arguments: [round])
                    while let row = try placements.next() {
                        guard case .text(let key) = row[0] else { continue }
                        out.append(ChangedRow(table: table, key: key, columns: columns, values: Array(row[1...])))
                        try handOn(&out)
                    }
                }
            }
            if !out.isEmpty { try take(out) }
        }
        try db.execute(sql: "DELETE FROM bpv_changed")
    }

    /// The most rows ``changedRows(_:_:)`` hands on at once.
    static let changedPart = 10_000

    /// Takes in what others changed (see ``HomeCatchUp``), in one transaction of its own: gone
    /// rows first (children before parents), then the rows there now (parents first). Not
    /// noted as this user's change.
    /// - Complexity: O(rows taken in); O(all rows) for a whole reload.
    func takeIn(_ news: HomeCatchUp) throws(WorkspaceError) {
        guard !news.isEmpty else { return }
        do {
            try db.write { db in
                if let whole = news.whole {
                    // The mirror's audit log is append-only like a file's; a reload replaces it.
                    try db.execute(sql: "DROP TRIGGER audit_no_delete")
                    for (table, _) in WorkspaceTables.order.reversed() { try db.execute(sql: "DELETE FROM \(table)") }
                    try db.execute(sql: Schema.auditNoDelete)
                    try Self.insert(whole, into: db)
                }
                for row in news.rows.reversed() where row.values == nil && row.written {
                    let match = WorkspaceTables.keyColumns(of: row.table).enumerated().map { "\($0.element) = json_extract(?1, '$[\($0.offset)]')" }
                    try db.execute(sql: "DELETE FROM \(row.table) WHERE \(match.joined(separator: " AND "))", arguments: [row.key])
                }
                var known: [String: Set<String>] = [:]
                for row in news.rows {
                    guard let values = row.values else { continue }
                    if known[row.table] == nil { known[row.table] = Set(try db.columns(in: row.table).map(\.name)) }
                    let kept = row.columns.indices.filter { known[row.table]?.contains(row.columns[$0]) == true }
                    let keys = Set(WorkspaceTables.keyColumns(of: row.table))
                    let names = kept.map { "\"\(row.columns[$0])\"" }.joined(separator: ", ")
                    let updates = kept.map { row.columns[$0] }.filter { !keys.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }
                    // The audit log is only ever added to: an entry already here stays as it is.
                    let onConflict = row.table == "audit" || updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"
                    try db.execute(
                        sql: "INSERT INTO \(row.table) (\(names)) VALUES (\(kept.map { _ in "?" }.joined(separator: ", "))) ON CONFLICT (\(WorkspaceTables.keyColumns(of: row.table).joined(separator: ", "))) \(onConflict)",
                        arguments: StatementArguments(kept.map { values[$0].binding } as [(any DatabaseValueConvertible)?]))
                }
                try db.execute(sql: "DELETE FROM bpv_changed")
            }
        } catch {
            throw .database(path, .system(Self.words(error)))
        }
        mirrorGeneration.advance(entries: news.rows.filter { $0.table == "audit" && $0.values != nil }.compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.key.utf8))) as? [NSNumber])?.first?.int64Value
        })
    }

    /// Takes in what other users changed since this mirror last looked (one round trip to the
    /// home; a file is always current, so nothing there).
    /// - Returns: the audit entries others made that came with it, oldest first.
    public func takeInNews() throws(WorkspaceError) -> [AuditEntry] {
        guard let home else { return [] }
        try takeIn(try home.catchUp())
        // Also what a read took in since the last call.
        let seqs = mirrorGeneration.drainEntries()
        guard !seqs.isEmpty else { return [] }
        return try read { db in
            try AuditEntry.filter(seqs.contains(Column("seq")) && Column("user") != user).order(Column("seq")).fetchAll(db)
        }
    }

    /// Lets go of the home's lock if a change that was found stale still holds it (see
    /// ``writeHome(_:)``); nothing for a file.
    public func endChanges() {
        home?.abandonChange()
    }

    /// Within a change (``writeImmediate(_:)``), hands the rows it wrote so far to the home,
    /// which writes them while the change goes on; the rest follow when it ends. A match calls
    /// it after its 30,000 placements, so the server writes them while the register rows are
    /// made (the server started 0.15 s sooner). Nothing for a file.
    /// - Complexity: O(rows written since the change began or last handed on).
    func handOnSoFar(_ db: Database) throws {
        guard let home else { return }
        try Self.changedRows(db) { rows in try home.send(rows) }
    }

    /// A change on a mirror: under the home's lock, others' changes taken in, then `body` on
    /// the mirror and the rows it wrote sent home, in one transaction on each side; when either
    /// fails, neither keeps anything.
    func writeHome<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        guard let home else { throw .database(path, .system("not a mirror")) }
        let start = try home.beginChange()
        do {
            try takeIn(start)
            return try db.write { db in
                // New audit entries, history rows and rounds are numbered after the home's.
                for (table, last) in start.lastNumbers.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", arguments: [last, table])
                    if db.changesCount == 0 {
                        try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, last])
                    }
                }
                try db.execute(sql: "DELETE FROM bpv_changed")
                let result = try body(db)
                try Self.changedRows(db) { rows in try home.send(rows) }
                try home.finishChange()
                return result
            }
        } catch let error as WorkspaceError {
            // Stale under the lock: the caller checks the change again against what was just
            // taken in and retries at once, still holding the lock (``endChanges()`` lets go).
            if error == .changedElsewhere { throw error }
            home.abandonChange()
            throw error
        } catch {
            home.abandonChange()
            throw .database(path, words(error))
        }
    }
}

/// The first error of work done on another queue, read after that queue is drained.
private final class Failure: @unchecked Sendable {
    // @unchecked: written on the loading queue only, read after `sync` on it.
    var error: (any Error)?
}

/// How many times a mirror took in others' changes, and the audit entries that came with them
/// since a shell last asked; read and advanced from any thread.
final class Generation: @unchecked Sendable {
    // @unchecked: `value` and `entries` are only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    private var entries: [Int64] = []

    var current: Int { lock.withLock { value } }

    func advance(entries new: [Int64] = []) {
        lock.withLock {
            value += 1
            entries += new
        }
    }

    /// The audit entries taken in since the last call.
    func drainEntries() -> [Int64] {
        lock.withLock {
            defer { entries = [] }
            return entries
        }
    }
}

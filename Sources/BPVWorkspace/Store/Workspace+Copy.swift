import Foundation
import GRDB

/// A workspace's every stored row, table by table: what `bpv copy` moves between a workspace
/// file and a region's server. The tables and columns are the workspace's own (a region's
/// server keeps the same names), so a copy is the same rows in another home.
public struct WorkspaceTables: Sendable, Equatable {
    /// One cell: the four kinds SQLite stores that bpv uses.
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    /// One table: its columns and its rows, in the order of its primary key.
    public struct Table: Sendable, Equatable {
        public var name: String
        public var columns: [String]
        public var rows: [[Value]]

        public init(name: String, columns: [String], rows: [[Value]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }

        /// The column `name`'s position.
        public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
    }

    public var tables: [Table]

    public init(tables: [Table]) { self.tables = tables }

    /// The register's tables in an order in which every row's references are already there
    /// (employers before internships, students before their rows, rounds before placements), and
    /// each one's key, by which rows are ordered.
    public static let order: [(name: String, key: String)] = [
        ("setting", "name"), ("employer", "id"), ("internship", "id"), ("student", "id"),
        ("student_setting", "student_id, name"), ("ban", "student_id, internship_id"), ("round", "id"),
        ("placement", "round_id, student_id"), ("register", "student_id, phase"), ("history", "id"), ("audit", "seq"),
        ("travel_time", "from_pc, to_pc, mode"),
    ]

    /// The columns of `table`'s key (``order``).
    public static func keyColumns(of table: String) -> [String] {
        (order.first { $0.name == table }?.key ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The table `name`.
    public subscript(name: String) -> Table? { tables.first { $0.name == name } }
}

extension WorkspaceTables {
    /// A row's cells as the copy carries them.
    static func values(of row: Row) -> [Value] {
        (0 ..< row.count).map { k in value(row[k] as DatabaseValue?) }
    }

    static func value(_ cell: DatabaseValue?) -> Value {
        switch cell?.storage {
        case .none, .null: .null
        case .int64(let n): .integer(n)
        case .double(let d): .real(d)
        case .string(let s): .text(s)
        case .blob(let b): .text(String(decoding: b, as: UTF8.self))
        }
    }
}

extension WorkspaceTables.Value {
    /// The cell as GRDB binds it.
    var binding: (any DatabaseValueConvertible)? {
        switch self {
        case .null: nil
        case .integer(let n): n
        case .real(let d): d
        case .text(let s): s
        }
    }
}

extension Workspace {
    /// Inserts every row of `tables`, in their order, the columns this workspace knows.
    /// - Complexity: O(rows), one prepared statement a table (a bulk path: 30,000 students).
    static func insert(_ tables: WorkspaceTables, into db: Database) throws {
        for table in tables.tables {
            let known = Set(try db.columns(in: table.name).map(\.name))
            let kept = table.columns.indices.filter { known.contains(table.columns[$0]) }
            guard !kept.isEmpty else { continue }
            let insert = try BulkInsert(db, table: table.name, names: kept.map { table.columns[$0] }, columns: kept)
            for row in table.rows { try insert.insert(row) }
        }
    }

    /// Every row of every register table (``WorkspaceTables/order``), read in one transaction so
    /// that the copy is of one moment.
    /// - Complexity: O(rows).
    public func allTables() throws(WorkspaceError) -> WorkspaceTables {
        try read { db in
            var tables: [WorkspaceTables.Table] = []
            for (name, key) in WorkspaceTables.order {
                let columns = try db.columns(in: name).map(\.name)
                // Raw SQL: a whole table in column order, whatever its record type.
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(name) ORDER BY \(key)")
                tables.append(.init(name: name, columns: columns, rows: rows.map(WorkspaceTables.values(of:))))
            }
            return WorkspaceTables(tables: tables)
        }
    }

    /// Makes a new workspace at `path` holding `tables`, whole or not at all: the file must not
    /// exist (a copy never overwrites a workspace), and when any row is refused the new file is
    /// removed again.
    /// - Throws: ``WorkspaceError/cannotOpen(_:_:)`` when `path` exists; the database's words
    ///   when a row breaks the schema.
    /// - Parameter note: what the audit log says of the copy (where it came from), appended
    ///   after the copied entries.
    public static func create(at path: String, holding tables: WorkspaceTables, note: String, user: String? = nil) throws(WorkspaceError) -> Workspace {
        if FileManager.default.fileExists(atPath: path) { throw .cannotOpen(path, .copyTargetExists) }
        let ws = try Workspace(path: path, user: user)
        do {
            try ws.write { db in
                try Self.insert(tables, into: db)
                _ = try ws.audit(db, action: "copy", subject: path, detail: note)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
        return ws
    }
}


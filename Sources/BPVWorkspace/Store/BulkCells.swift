import GRDB
import GRDBSQLite

// Cells moved between SQLite and ``WorkspaceTables/Value`` rows without GRDB's per-cell
// machinery, for the bulk paths; the unsafe calls into SQLite stay in this file's two types.

/// One prepared `INSERT` that binds ``WorkspaceTables/Value`` cells straight into SQLite: the
/// bulk loads (a region's mirror, a copy, 30,000 students) bind millions of cells, and GRDB's
/// `StatementArguments` builds an array of `DatabaseValue` through a key path for each row
/// (three quarters of a mirror's load).
struct BulkInsert {
    private let statement: Statement
    private let columns: [Int]

    /// Prepares `INSERT INTO table (columns…)` for the cells at `columns` of each row.
    init(_ db: Database, table: String, names: [String], columns: [Int]) throws {
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        statement = try db.makeStatement(
            sql: "INSERT INTO \(table) (\(list)) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
        self.columns = columns
    }

    /// Inserts one row.
    /// - Throws: `DatabaseError` with SQLite's code and words when the row is refused.
    /// - Complexity: O(cells), no allocation but SQLite's own copy of each text.
    func insert(_ row: [WorkspaceTables.Value]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (k, column) in columns.enumerated() {
            let index = CInt(k + 1)
            let bound: CInt
            switch row[column] {
            case .null: bound = sqlite3_bind_null(handle, index)
            case .integer(let n): bound = sqlite3_bind_int64(handle, index, n)
            case .real(let d): bound = sqlite3_bind_double(handle, index, d)
            case .text(var s):
                bound = s.withUTF8 { bytes in
                    if let start = bytes.baseAddress {
                        sqlite3_bind_text(handle, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), CInt(bytes.count), Self.transient)
                    } else {
                        sqlite3_bind_text(handle, index, "", 0, Self.transient)  // "" is text, not NULL
                    }
                }
            }
            // A cell SQLite cannot take (out of memory, too long) refuses the row, like a failed step.
            guard bound == SQLITE_OK else { throw failure(bound) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// SQLite's words for `code`, the statement reset for the next row.
    private func failure(_ code: CInt) -> DatabaseError {
        let error = sqliteError(code, statement)
        sqlite3_reset(statement.sqliteStatement)
        return error
    }

    /// SQLite's "copy the bytes now" destructor (`SQLITE_TRANSIENT`, a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// One prepared `SELECT` whose rows are read as ``WorkspaceTables/Value`` cells straight from
/// SQLite: a change on a region's mirror reads back every row it wrote (a match's 48,000), and
/// GRDB's `row[k] as DatabaseValue?` decodes each cell through generic conformances (half of
/// that read-back in a profile).
struct BulkRead {
    private let statement: Statement
    private let handle: SQLiteStatement
    /// How many columns each row has.
    let columnCount: Int

    /// Prepares `sql` with `arguments`.
    init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        handle = statement.sqliteStatement
        columnCount = Int(sqlite3_column_count(handle))
    }

    /// The next row's cells, or nil after the last.
    /// - Throws: `DatabaseError` with SQLite's code and words when a step fails.
    /// - Complexity: O(cells), one copy of each text.
    func next() throws -> [WorkspaceTables.Value]? {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw sqliteError(code, statement) }
        var row: [WorkspaceTables.Value] = []
        row.reserveCapacity(columnCount)
        for k in 0 ..< CInt(columnCount) {
            switch sqlite3_column_type(handle, k) {
            case SQLITE_NULL: row.append(.null)
            case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(handle, k)))
            case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(handle, k)))
            default:
                // Text (and a blob, which the register never stores, read as its bytes' text).
                // The text first, then its length: SQLite's documented order (a conversion
                // the text call makes would change the length).
                if let bytes = sqlite3_column_text(handle, k) {
                    let count = Int(sqlite3_column_bytes(handle, k))
                    row.append(.text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)))
                } else {
                    row.append(.text(""))
                }
            }
        }
        return row
    }
}

/// SQLite's code and words for a failed call on `statement`, as GRDB reports its own.
private func sqliteError(_ code: CInt, _ statement: Statement) -> DatabaseError {
    let words = String(cString: sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement)))
    return DatabaseError(resultCode: ResultCode(rawValue: code), message: words, sql: statement.sql)
}

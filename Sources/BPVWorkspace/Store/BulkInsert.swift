import GRDB
import GRDBSQLite

/// One prepared `INSERT` that binds ``WorkspaceTables/Value`` cells straight into SQLite: the
/// bulk loads (a region's mirror, a copy, 30,000 students) bind millions of cells, and GRDB's
/// `StatementArguments` builds an array of `DatabaseValue` through a key path for each row
/// (three quarters of a mirror's load). The unsafe calls into SQLite stay in this one type.
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
        let handle = statement.sqliteStatement
        let words = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: words, sql: statement.sql)
    }

    /// SQLite's "copy the bytes now" destructor (`SQLITE_TRANSIENT`, a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

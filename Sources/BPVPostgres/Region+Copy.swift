import BPVWorkspace
import Foundation

/// `bpv copy`: a workspace file's rows into the region's server, and the region's rows into a
/// new workspace file. The server's tables have the workspace's names and columns, so a copy
/// moves rows as they are; rows travel as JSON (`json_populate_recordset`), which lets the
/// server convert each value to its column's type and inserts thousands of rows a statement.
extension Region {
    /// What a copy moved, table by table.
    public struct CopySummary: Sendable, Equatable {
        public var rows: [(table: String, count: Int)]
        /// Internships and employers the region had already, the same row for row: the
        /// region's shared pool, kept once (by table).
        public var shared: [String: Int] = [:]
        /// Draft placements left out at shared internships whose drafts, held placements and
        /// the region's together were more than their places (the next match places them).
        public var draftsLeftOut = 0

        public init(rows: [(table: String, count: Int)], shared: [String: Int] = [:]) {
            self.rows = rows
            self.shared = shared
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.rows.elementsEqual(b.rows) { $0 == $1 } && a.shared == b.shared && a.draftsLeftOut == b.draftsLeftOut
        }

        /// The count of `table`'s rows copied.
        public func count(_ table: String) -> Int { rows.first { $0.table == table }?.count ?? 0 }
    }

    /// Adds a workspace's rows to the region, all or nothing, in one transaction.
    ///
    /// A school's workspace joins a region that may hold other schools already: its pupils must
    /// be new to the region (a clash is refused, naming the ids); an internship or employer the
    /// region has already is the region's shared pool when it is the same row, column for
    /// column (kept once, its places counted once), and refused when it differs (naming them),
    /// a setting the region has must have the same value, and rounds, audit entries and history
    /// are numbered after the region's own (the register's references follow).
    /// - Parameters:
    ///   - school: the school of every copied pupil (made when missing); nil keeps each pupil's
    ///     own `school` (each one made when missing).
    ///   - note: what the region's audit log says of the copy.
    /// - Throws: ``ServerProblem/copyClash(_:_:)`` and ``ServerProblem/settingClash(_:_:_:)``
    ///   before anything is written; the server's words when a row breaks the schema, and then
    ///   nothing of the copy is kept.
    /// - Complexity: O(rows), in statements of up to ``batch`` rows.
    @discardableResult
    public func load(_ given: WorkspaceTables, school: String?, note: String, user: String) throws(ServerProblem) -> CopySummary {
        try requireCurrent()
        try execute("BEGIN; SELECT pg_advisory_xact_lock(\(Self.migrationLock)); SELECT pg_advisory_xact_lock(\(RegionHome.changeLock))")
        do throws(ServerProblem) {
            var tables = given, shared: [String: Int] = [:], sharedInternships: [String] = []
            for (table, column) in [("student", "id"), ("internship", "id"), ("employer", "id")] {
                guard let t = tables[table], let k = t.column(column) else { continue }
                let ids = t.rows.compactMap { row -> String? in if case .text(let s) = row[k] { s } else { nil } }
                if table == "student" {
                    let clash = try query("SELECT id FROM bpv.\(table) WHERE id = ANY($1::text[]) ORDER BY id LIMIT 6", [Self.textArray(ids)])
                    if !clash.isEmpty { throw ServerProblem.copyClash(table, clash.compactMap { $0[0] }) }
                    continue
                }
                let same = try sharedRows(t, key: k, ids: ids)
                guard !same.isEmpty, let at = tables.tables.firstIndex(where: { $0.name == table }) else { continue }
                tables.tables[at].rows.removeAll { row in if case .text(let id) = row[k] { same.contains(id) } else { false } }
                shared[table] = same.count
                if table == "internship" { sharedInternships = same.sorted() }
            }
            if let settings = tables["setting"], let n = settings.column("name"), let v = settings.column("value") {
                for row in settings.rows {
                    guard case .text(let name) = row[n], case .text(let value) = row[v] else { continue }
                    if let have = try query("SELECT value FROM bpv.setting WHERE name = $1", [name]).first?.first ?? nil, have != value {
                        throw ServerProblem.settingClash(name, have, value)
                    }
                }
            }
            func last(_ table: String, _ column: String) throws(ServerProblem) -> Int64 {
                try integer("SELECT coalesce(max(\(column)), 0)::text FROM bpv.\(table)")
            }
            let rounds = try last("round", "id"), seqs = try last("audit", "seq"), histories = try last("history", "id")
            // Columns renumbered after the region's own: (table, column, offset).
            let shifts: [String: [String: Int64]] = [
                "round": ["id": rounds], "placement": ["round_id": rounds], "register": ["round_id": rounds, "seq": seqs],
                "history": ["id": histories, "seq": seqs], "audit": ["seq": seqs],
            ]
            if let students = tables["student"], let k = students.column("school") {
                let schools = Set(students.rows.compactMap { row -> String? in
                    if let school { return school }
                    if case .text(let s) = row[k], !s.isEmpty { return s }
                    return nil
                })
                for id in schools.sorted() {
                    _ = try query("INSERT INTO bpv.school (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING", [id])
                }
            }
            var summary = CopySummary(rows: [], shared: shared)
            for table in tables.tables {
                let shift = shifts[table.name] ?? [:]
                let schoolColumn = table.name == "student" ? table.column("school") : nil
                for start in stride(from: 0, to: table.rows.count, by: Self.batch) {
                    // The batch as a JSON array of objects, written here: Foundation's
                    // JSONSerialization spent 81% of a 30,000-pupil copy bridging dictionaries.
                    var json = "["
                    for (r, row) in table.rows[start ..< min(start + Self.batch, table.rows.count)].enumerated() {
                        var values = row
                        for (k, column) in table.columns.enumerated() {
                            if let by = shift[column], case .integer(let n) = values[k] { values[k] = .integer(n + by) }
                            if k == schoolColumn, let school { values[k] = .text(school) }
                            if k == schoolColumn, case .text(let s) = values[k], s.isEmpty { values[k] = .null }
                        }
                        if r > 0 { json += "," }
                        Self.appendObject(table.columns, values, to: &json)
                    }
                    json += "]"
                    let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                    let conflict = table.name == "travel_time" || table.name == "setting" ? " ON CONFLICT DO NOTHING" : ""
                    _ = try query(
                        "INSERT INTO bpv.\(table.name) (\(columns)) SELECT \(columns) FROM json_populate_recordset(NULL::bpv.\(table.name), $1::json)\(conflict)",
                        [json])
                }
                summary.rows.append((table.name, table.rows.count))
            }
            if !sharedInternships.isEmpty {
                // Two schools' placements at one shared internship may be more than its places
                // (a file keeps each within them, not the two together). Held ones: refused.
                func over(_ rows: String) -> String {
                    """
                    SELECT i.id FROM bpv.internship i JOIN bpv.register r ON r.internship_id = i.id AND \(rows)
                    JOIN bpv.student s ON s.id = r.student_id WHERE i.id = ANY($1::text[])
                    GROUP BY i.id, i.capacity, i.support_capacity
                    HAVING count(*) > i.capacity OR count(*) FILTER (WHERE '|' || s.needs || '|' LIKE '%|jobcoach|%') > i.support_capacity
                    """
                }
                let ids = [Self.textArray(sharedInternships)]
                let held = try query(over("r.status <> 'draft'") + " ORDER BY i.id LIMIT 6", ids)
                if !held.isEmpty { throw ServerProblem.copyOverfills(held.compactMap { $0[0] }) }
                // Drafts (a solver's proposal, made without the other school's pupils): where they
                // and the held ones are more than the places, the drafts there are left out, and
                // the next match places those pupils again.
                summary.draftsLeftOut = Int(try integer("""
                    WITH over AS (\(over("true"))), gone AS (
                        DELETE FROM bpv.register r USING over WHERE r.internship_id = over.id AND r.status = 'draft' RETURNING 1
                    ) SELECT count(*)::text FROM gone
                    """, ids))
            }
            for (table, column) in [("round", "id"), ("audit", "seq"), ("history", "id")] {
                _ = try query("SELECT setval(pg_get_serial_sequence('bpv.\(table)', '\(column)'), greatest(coalesce(max(\(column)), 0), 1))::text FROM bpv.\(table)")
            }
            _ = try query(
                "INSERT INTO bpv.audit (at, \"user\", action, subject, detail) VALUES (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $1, 'copy', $2, $3)",
                [user, connection.address.description, note])
            // Every open bpv on the region loads it again (a copy is many rows).
            let seq = try integer("INSERT INTO bpv.change (tbl, key) VALUES ('*', '') RETURNING seq::text")
            _ = try query("SELECT pg_notify($1, $2)", [RegionHome.channel, String(seq)])
            try execute("COMMIT")
            return summary
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The ids of `table`'s rows the region has already, each the same column for column (the
    /// copy's columns that the server has; values as each column's type reads them).
    /// - Throws: ``ServerProblem/copyDiffers(_:_:)`` when one the region has differs.
    private func sharedRows(_ table: WorkspaceTables.Table, key k: Int, ids: [String]) throws(ServerProblem) -> Set<String> {
        let columns = try self.columns()[table.name] ?? []
        let found = try query(Self.select(table.name, columns, filter: "t.id = ANY($1::text[])", orderedBy: "t.id"), [Self.textArray(ids)])
        guard !found.isEmpty else { return [] }
        var incoming: [String: [WorkspaceTables.Value]] = [:]
        for row in table.rows { if case .text(let id) = row[k] { incoming[id] = row } }
        var same = Set<String>(), differing: [String] = []
        for cells in found {
            let theirs = Self.values(cells, columns)
            guard let idAt = columns.firstIndex(where: { $0.name == "id" }), case .text(let id) = theirs[idAt], let ours = incoming[id] else { continue }
            let equal = table.columns.indices.allSatisfy { c in
                guard let at = columns.firstIndex(where: { $0.name == table.columns[c] }) else { return true }
                return ours[c] == theirs[at]
            }
            if equal { same.insert(id) } else { differing.append(id) }
        }
        if !differing.isEmpty { throw .copyDiffers(table.name, differing.sorted()) }
        return same
    }

    /// Every row of the region, table by table, in the workspace's order and columns, read in
    /// one REPEATABLE READ transaction so that the copy is of one moment.
    /// - Throws: ``ServerProblem/copyNeedsWholeRegion(_:)`` for a user who sees part of the
    ///   region (a school coordinator, a coach, a viewer): a file of part of the pupils would show
    ///   the places the others hold as free.
    public func allTables() throws(ServerProblem) -> WorkspaceTables {
        try requireCurrent()
        let whole = try query("""
            SELECT (pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'bpv'), 'MEMBER')
                    OR pg_has_role(current_user, 'bpv_regional', 'MEMBER'))::text, current_user::text
            """)
        guard let row = whole.first, row[0] == "true" else { throw .copyNeedsWholeRegion(whole.first?[1] ?? "") }
        try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? connection.execute("COMMIT") }
        let columns = try columns()
        var tables: [WorkspaceTables.Table] = []
        for (name, key) in WorkspaceTables.order {
            let these = columns[name] ?? []
            tables.append(.init(name: name, columns: these.map(\.name), rows: try rows(of: name, these, orderedBy: key)))
        }
        return WorkspaceTables(tables: tables)
    }

    /// Each table of the schema `bpv`: its columns and their server types, in order.
    func columns() throws(ServerProblem) -> [String: [(name: String, type: String)]] {
        var columns: [String: [(name: String, type: String)]] = [:]
        for row in try query("""
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = 'bpv' ORDER BY table_name, ordinal_position
            """)
        {
            columns[row[0] ?? "", default: []].append((row[1] ?? "", row[2] ?? "text"))
        }
        return columns
    }

    /// The rows of `table` the user may see (`filter` a condition on `t`), each cell read by
    /// its column's type. Rows come back as text cells: faster than JSON rows (Foundation's
    /// parser took 60% of opening a 30,000-pupil region).
    func rows(of table: String, _ columns: [(name: String, type: String)], filter: String? = nil, orderedBy key: String)
        throws(ServerProblem) -> [[WorkspaceTables.Value]]
    {
        try query(Self.select(table, columns, filter: filter, orderedBy: key)).map { Self.values($0, columns) }
    }

    /// The statement that reads `table`'s rows as text cells (see ``rows(of:_:filter:orderedBy:)``).
    static func select(_ table: String, _ columns: [(name: String, type: String)], filter: String? = nil, orderedBy key: String) -> String {
        "SELECT \(cells(columns)) FROM bpv.\(table) t\(filter.map { " WHERE " + $0 } ?? "") ORDER BY \(key)"
    }

    /// The select list of `columns`, each as text (`t.` the table).
    static func cells(_ columns: [(name: String, type: String)]) -> String {
        columns.map { "t.\"\($0.name)\"::text" }.joined(separator: ", ")
    }

    /// Text cells by their server type: `double precision` as a real, other numbers as
    /// integers, the rest as text. PostgreSQL writes a double's text so that it reads back
    /// exactly (extra_float_digits 1, the default since version 12).
    static func values(_ cells: [String?], _ columns: [(name: String, type: String)]) -> [WorkspaceTables.Value] {
        zip(cells, columns).map { cell, column in
            guard let cell else { return .null }
            switch column.type {
            case "double precision": return Double(cell).map(WorkspaceTables.Value.real) ?? .null
            case "integer", "bigint", "smallint": return Int64(cell).map(WorkspaceTables.Value.integer) ?? .null
            default: return .text(cell)
            }
        }
    }

    /// Rows a statement when loading.
    static let batch = 2_000

    /// Appends one row as a JSON object of `columns` to `values`.
    /// - Complexity: O(length of the row's text).
    static func appendObject(_ columns: [String], _ values: [WorkspaceTables.Value], to json: inout String) {
        json += "{"
        for (k, column) in columns.enumerated() {
            if k > 0 { json += "," }
            appendJSON(column, to: &json)
            json += ":"
            switch values[k] {
            case .null: json += "null"
            case .integer(let n): json += String(n)
            case .real(let d): json += d.isFinite ? "\(d)" : "null"
            case .text(let t): appendJSON(t, to: &json)
            }
        }
        json += "}"
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped.
    /// - Complexity: O(length of `text`).
    static func appendJSON(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                json += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    /// A PostgreSQL array literal of one column's cells (`{"a",NULL,"b \"c\""}`), read by the
    /// server as the column's type (`$1::integer[]`): text quoted with `"` and `\` escaped,
    /// numbers as they are, a non-finite double as NULL. Built as UTF-8 bytes, not by
    /// appending to a `String` a scalar at a time: a match's 48,000 rows took 35 ms that way.
    /// - Complexity: O(length of the cells' text).
    static func arrayLiteral(_ cells: [WorkspaceTables.Value]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * 12 + 2)
        out.append(UInt8(ascii: "{"))
        for (k, cell) in cells.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .null: out += "NULL".utf8
            case .integer(let n): out += String(n).utf8
            case .real(let d): out += (d.isFinite ? "\(d)" : "NULL").utf8
            case .text(let t):
                out.append(UInt8(ascii: "\""))
                for byte in t.utf8 {
                    // Both are ASCII, so never the part of a longer character.
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A PostgreSQL text array literal of `values`, each quoted.
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}

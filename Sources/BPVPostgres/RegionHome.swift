import BPVWorkspace
import Foundation
import SystemPackage

/// The register's home on a region's server (`--db postgresql://...`): the rows a user may see
/// go to their bpv's in-memory mirror (``Workspace/init(home:)``), and every change comes back
/// in one transaction.
///
/// **Concurrency: one explicit lock per region, not SERIALIZABLE.** A change is checked by
/// bpv's domain rules (places across every school, held placements, dates) in the client,
/// against the region as it is when the change begins; SERIALIZABLE would detect conflicting
/// reads only of the rows this user can see and would make every user action retry whole. So a
/// change takes the advisory lock ``changeLock`` for its transaction, takes in what others
/// changed since (the change log, `bpv.change`), runs on the mirror, writes its rows and its
/// log entries, notifies (`NOTIFY bpv_change`) and commits. A tweak holds the lock for a few
/// milliseconds; a regional match for its solve. A change found stale under the lock keeps it
/// for its retry (``Workspace/endChanges()`` lets go), so twenty clients at once cannot
/// overtake one change for ever. A client killed mid-change, or a server restarted, leaves no
/// trace: the transaction is rolled back and the lock let go with it.
///
/// **Others' changes** are announced on ``channel``; the notification only sets ``hasNews``
/// (no query). A read takes the news in when there is some, and the shell takes in whatever
/// is new before each command (``Workspace/takeInNews()``, one statement when nothing is), so a
/// command works on the region as it is when it starts.
///
/// **Who sees what** stays the server's business: the mirror is filled through the user's own
/// login, so row-level security decides which pupils it holds. An internship's places are
/// offered less the places held by pupils the user cannot see (`bpv.hidden_holds`), so a
/// school's match places its pupils in the places the region leaves free; when the user changes
/// an internship, those places are added back before it is written.
public final class RegionHome: RegisterHome, @unchecked Sendable {
    // @unchecked: the mutable state (`mark`, `notified`, `hidden`) is touched under `lock`; the
    // connection is used by one caller at a time (bpv's register is synchronous), and the
    // notification handler touches only `notified`.
    let connection: ServerConnection
    public let location: String
    public let user: String
    /// Whether the user sees every pupil (the owner, a regional coordinator): no hidden places.
    let wholeRegion: Bool
    /// Each table's columns and their server types, in the server's order.
    let columns: [String: [(name: String, type: String)]]
    private let lock = NSLock()
    /// The last change-log entry taken in.
    private var mark: Int64 = 0
    /// The highest change announced by a notification.
    private var notified: Int64 = 0
    /// Places held at each internship by pupils this user cannot see: (all, support).
    private var hidden: [String: (held: Int64, supported: Int64)] = [:]
    /// Whether a change is open (its transaction begun, the lock held).
    private var inChange = false
    /// The last audit entry when the current change began: entries up to it that the change
    /// wrote were rewritten by an erasure, not added.
    private var auditBefore: Int64 = 0
    /// What the change under way sent so far, for its log and its erasure (the change's own
    /// thread only, between ``beginChange()`` and its end).
    private var sending = Sending()

    struct Sending {
        /// Per row sent: its pupil, table and key, for the change log; nil once there are
        /// more than ``RegionHome/wholeAbove`` (then one entry has every bpv load the region).
        var log: [(student: String?, table: String, key: String)]? = []
        /// Whether a pupil was erased (then every bpv reloads).
        var studentGone = false
        /// Audit entries the change rewrote or deleted (an erasure's).
        var erased: [ChangedRow] = []
    }

    /// The advisory lock every change takes (any fixed number; this one spells "BPC").
    static let changeLock = 0x42_5043
    /// The channel on which changes are announced; the payload is the change's last log number.
    static let channel = "bpv_change"
    /// Rows a statement when writing a change's rows.
    static let uploadBatch = 10_000
    /// How long a change waits for another user's change, in seconds.
    static let lockWait = 10
    /// The rows of a table the mirror's load gets at once: it stores one part while the next
    /// is made into values (30,000 pupils: the load ended 0.05 s sooner than with the table
    /// whole).
    static let loadPart = 5_000
    /// Above this many changed rows since the mirror looked, it is loaded again whole.
    static let wholeAbove = 5_000

    /// Connects as `address` says and listens for changes.
    /// - Throws: ``WorkspaceError/cannotOpen(_:_:)`` with the server's words, or when the
    ///   database has not been set up with `bpv server init`.
    public init(_ address: ServerAddress) throws(WorkspaceError) {
        location = address.description
        user = address.user
        do {
            connection = try ServerConnection(address)
        } catch {
            switch error {
            case .cannotConnect(_, let words), .failed(let words): throw .cannotOpen(address.description, .system(words))
            }
        }
        let region = Region(connection)
        do {
            try region.requireCurrent()
            let roles = try region.query("""
                SELECT (pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'bpv'), 'MEMBER')
                        OR pg_has_role(current_user, 'bpv_regional', 'MEMBER'))::text,
                       (pg_has_role(current_user, 'bpv_school', 'MEMBER') OR pg_has_role(current_user, 'bpv_coach', 'MEMBER'))::text
                """)
            wholeRegion = roles.first?.first == "true"
            guard wholeRegion || roles.first?.last == "true" else { throw RegionHomeRefusal.overviewOnly }
            let columns = try region.columns()
            self.columns = columns
        } catch RegionHomeRefusal.overviewOnly {
            throw .cannotOpen(address.description, .overviewOnly(address.user))
        } catch let error as ServerProblem {
            throw .cannotOpen(address.description, .system(error.text(.en)))
        } catch {
            throw .cannotOpen(address.description, .system("\(error)"))
        }
        // A bpv that stops in the middle of a change (a laptop closed) must not hold the
        // region's lock for ever: the server ends its session after a minute, and a change
        // waits at most ``lockWait`` for another's.
        try? connection.execute("SET idle_in_transaction_session_timeout = '60s'")
        connection.listen(Self.channel) { [weak self] payload in
            guard let self, let seq = Int64(payload) else { return }
            self.lock.withLock { self.notified = max(self.notified, seq) }
        }
    }

    public var hasNews: Bool { lock.withLock { notified > mark } }

    public func heldElsewhere(_ internship: String, supportPlaces: Bool) -> Int {
        guard let hold = lock.withLock({ hidden[internship] }) else { return 0 }
        return Int(supportPlaces ? hold.supported : hold.held)
    }

    public func snapshot(_ take: (WorkspaceTables.Table) -> Void) throws(WorkspaceError) {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { () throws(ServerProblem) in
            let last = try lastNumbers()
            try wholeTables(part: Self.loadPart, take)
            lock.withLock { mark = last["change"] ?? 0 }
        }
    }

    public func beginChange() throws(WorkspaceError) -> HomeCatchUp {
        do {
            if lock.withLock({ inChange }) {
                // Still holding the lock from a change found stale: only take in what came
                // with it (nobody else could write since).
            } else {
                _ = try connection.pipeline([
                    ("BEGIN", []),
                    ("SELECT set_config('lock_timeout', '\(Self.lockWait)s', true), pg_advisory_xact_lock(\(Self.changeLock))::text", []),
                ])
                lock.withLock { inChange = true }
            }
        } catch {
            lock.withLock { inChange = false }
            rollback()
            if case .failed(let words) = error, words.contains("lock timeout") {
                throw .database(location, .regionBusy(waited: Self.lockWait))
            }
            throw .database(location, .system(ServerProblem.failed(error).text(.en)))
        }
        do {
            // One read of the numbers under the lock: what changed since, and where new rows start.
            let numbers = try lastNumbers()
            var news = try news(numbers)
            news.lastNumbers = numbers.filter { $0.key != "change" }
            let before = news.lastNumbers["audit"] ?? 0
            lock.withLock { auditBefore = before }
            sending = Sending()
            return news
        } catch {
            abandonChange()
            throw .database(location, .system(error.text(.en)))
        }
    }

    public func catchUp() throws(WorkspaceError) -> HomeCatchUp {
        if lock.withLock({ inChange }) {
            // Inside an open change the lock keeps others out: read in its transaction.
            do { return try news() } catch { throw .database(location, .system(error.text(.en))) }
        }
        // Mostly nothing is new: one statement says so, without a transaction.
        let numbers: [String: Int64]
        do { numbers = try lastNumbers() } catch { throw .database(location, .system(error.text(.en))) }
        if numbers["change"] ?? 0 <= lock.withLock({ mark }) { return HomeCatchUp() }
        return try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { () throws(ServerProblem) -> HomeCatchUp in try news() }
    }

    public func abandonChange() {
        guard lock.withLock({ inChange }) else { return }
        lock.withLock { inChange = false }
        rollback()
    }

    /// Ends the connection's transaction, whatever it was.
    private func rollback() {
        try? connection.execute("ROLLBACK")
    }

    public func send(_ rows: [ChangedRow]) throws(WorkspaceError) {
        do {
            try connection.send(statements(for: rows))
        } catch {
            abandonChange()
            throw .database(location, .serverRefused(ServerProblem.failed(error).text(.en)))
        }
    }

    public func finishChange() throws(WorkspaceError) {
        do {
            try finish()
        } catch {
            abandonChange()
            throw .database(location, .serverRefused(ServerProblem.failed(error).text(.en)))
        }
        Self.pauseIfAsked()
        lock.withLock { inChange = false }
        do {
            try connection.execute("COMMIT")
        } catch {
            // The server may have committed before the connection broke: the change is whole
            // or absent, and only the server knows which.
            rollback()
            throw .database(location, .commitUncertain(ServerProblem.failed(error).text(.en)))
        }
    }

    // MARK: Reading

    /// Runs `body` in a transaction begun with `begin`, committed after.
    private func transaction<T>(_ begin: String, _ body: () throws(ServerProblem) -> T) throws(WorkspaceError) -> T {
        do {
            try connection.execute(begin)
            let result = try body()
            try connection.execute("COMMIT")
            return result
        } catch let error as ServerError {
            rollback()
            throw .database(location, .system(ServerProblem.failed(error).text(.en)))
        } catch let error as ServerProblem {
            rollback()
            throw .database(location, .system(error.text(.en)))
        } catch {
            rollback()
            throw .database(location, .system("\(error)"))
        }
    }

    /// The last numbers given out, by table (`audit`, `history`, `round`, `change`).
    private func lastNumbers() throws(ServerProblem) -> [String: Int64] {
        let row = try query("SELECT audit::text, history::text, round::text, change::text FROM bpv.last_numbers()").first ?? []
        let names = ["audit", "history", "round", "change"]
        var out: [String: Int64] = [:]
        for (k, name) in names.enumerated() where k < row.count { out[name] = row[k].flatMap { Int64($0) } ?? 0 }
        return out
    }

    /// What others changed after ``mark``, as rows to take in (or everything, when it is a
    /// lot); moves the mark to the last entry of the log.
    private func news(_ numbers: [String: Int64]? = nil) throws(ServerProblem) -> HomeCatchUp {
        let since = lock.withLock { mark }
        var known = numbers ?? [:]
        if numbers == nil { known = try lastNumbers() }
        let last = known["change"] ?? 0
        guard last > since else { return HomeCatchUp() }
        let entries = try query(
            "SELECT tbl, key FROM bpv.change WHERE seq > $1::bigint ORDER BY seq LIMIT \(Self.wholeAbove + 1)", [String(since)])
        var news = HomeCatchUp()
        if entries.count > Self.wholeAbove || entries.contains(where: { $0[0] == "*" }) {
            var tables: [WorkspaceTables.Table] = []
            try wholeTables { tables.append($0) }
            news.whole = WorkspaceTables(tables: tables)
        } else {
            var keys: [String: [String]] = [:], seen = Set<[String?]>()
            for entry in entries where seen.insert(entry).inserted {
                keys[entry[0] ?? "", default: []].append(entry[1] ?? "[]")
            }
            for (table, _) in WorkspaceTables.order {
                guard let wanted = keys[table] else { continue }
                news.rows += try rows(of: table, keys: wanted)
            }
        }
        lock.withLock { mark = max(mark, last) }
        return news
    }

    /// Every row the user sees, table by table, handed to `take` as each arrives (a large
    /// table in parts of at most `part` rows, each a table of its own). Every table's query is
    /// sent at once (one pipeline): the server and the connection read the next tables while
    /// this thread turns the last one into values.
    private func wholeTables(part: Int = .max, _ take: (WorkspaceTables.Table) -> Void) throws(ServerProblem) {
        if !wholeRegion { try readHidden(nil) }
        let order = WorkspaceTables.order
        let statements = order.map { name, key in
            // Of the rounds' placements only the latest round's: the earlier ones are the history
            // of solves, which grows by a whole region's rows with every match and which no
            // command reads (`bpv copy` takes it whole).
            let latest = name == "placement" ? "t.round_id = (SELECT max(id) FROM bpv.round)" : nil
            return (sql: Region.select(name, columns[name] ?? [], filter: latest, orderedBy: key), values: [String?]())
        }
        do {
            try connection.pipeline(statements, part: part) { k, rows in
                let (name, _) = order[k]
                let columns = self.columns[name] ?? []
                take(.init(name: name, columns: columns.map(\.name), rows: rows.map { offered(name, Region.values($0, columns)) }))
            }
        } catch {
            throw .failed(error)
        }
    }

    /// The rows of `table` with these keys (JSON arrays), nil values for those gone or hidden.
    private func rows(of table: String, keys: [String]) throws(ServerProblem) -> [ChangedRow] {
        let columns = self.columns[table] ?? []
        let keyColumns = WorkspaceTables.keyColumns(of: table)
        if table == "internship", !wholeRegion {
            try readHidden(keys.compactMap(Self.firstKey))
        }
        // The key asked for, whether the row is there, and its cells.
        let (named, on) = keyed(table)
        let found = try query(
            """
            SELECT k.key, (t.\"\(keyColumns.first ?? "id")\" IS NOT NULL)::text, \(Region.cells(columns)) FROM \(named)
            LEFT JOIN bpv.\(table) t ON \(on)
            """, [Region.textArray(keys)])
        return found.map { row in
            ChangedRow(
                table: table, key: row[0] ?? "[]", columns: columns.map(\.name),
                values: row[1] == "true" ? offered(table, Region.values(Array(row.dropFirst(2)), columns)) : nil)
        }
    }

    /// The keys of `table` given in `$1` (JSON arrays, as text) as a relation `k`: the key as
    /// given (`k.key`) and each key column read as its column's type (`k.c0`, `k.c1`, ...),
    /// with the condition that joins a row `t` of the table to its key. Typed, the join is an
    /// index lookup a key; comparing `jsonb_build_array(t.…)` with the key read every row of the
    /// table instead (7.6 ms of each tweak at 30,000 pupils, for one register row).
    /// - Complexity: O(keys · log rows) on the server.
    func keyed(_ table: String) -> (relation: String, on: String) {
        let keyColumns = WorkspaceTables.keyColumns(of: table)
        let types = columns[table] ?? []
        let typed = keyColumns.enumerated().map { k, name in
            "(u.key::jsonb->>\(k))::\(types.first { $0.name == name }?.type ?? "text") AS c\(k)"
        }
        let relation = "(SELECT u.key, \(typed.joined(separator: ", ")) FROM unnest($1::text[]) AS u(key)) k"
        let on = keyColumns.enumerated().map { "t.\"\($0.element)\" = k.c\($0.offset)" }.joined(separator: " AND ")
        return (relation, on)
    }

    /// Reads the places held by pupils this user cannot see, at `ids` (all when nil).
    private func readHidden(_ ids: [String]?) throws(ServerProblem) {
        let rows = try query(
            "SELECT internship_id, held::text, supported::text FROM bpv.hidden_holds($1::text[])", [ids.map(Region.textArray)])
        lock.withLock {
            if ids == nil { hidden = [:] }
            for id in ids ?? [] { hidden[id] = nil }
            for row in rows {
                let held = row[1].flatMap { Int64($0) } ?? 0, supported = row[2].flatMap { Int64($0) } ?? 0
                if held > 0 || supported > 0 { hidden[row[0] ?? ""] = (held, supported) }
            }
        }
    }

    /// A row as the mirror gets it: an internship's places less those hidden pupils hold.
    private func offered(_ table: String, _ values: [WorkspaceTables.Value]) -> [WorkspaceTables.Value] {
        adjusted(table, values, by: -1)
    }

    /// An internship's places moved by the hidden holds (`sign` -1 to offer, +1 to store).
    private func adjusted(_ table: String, _ values: [WorkspaceTables.Value], by sign: Int64, columns given: [String]? = nil)
        -> [WorkspaceTables.Value]
    {
        guard table == "internship", !wholeRegion else { return values }
        let names = given ?? (columns[table] ?? []).map(\.name)
        guard let id = names.firstIndex(of: "id"), case .text(let internship) = values[id],
              let hold = lock.withLock({ hidden[internship] })
        else { return values }
        var out = values
        for (column, amount) in [("capacity", hold.held), ("support_capacity", hold.supported)] {
            if let k = names.firstIndex(of: column), case .integer(let n) = out[k] { out[k] = .integer(max(n + sign * amount, 0)) }
        }
        return out
    }

    // MARK: Writing

    /// Writes what a change did: gone rows deleted (children first), rows there now inserted
    /// or updated (parents first), one log entry per row, and the notification.
    /// The statements that write `rows` (a table's, in ``WorkspaceTables/order``; parents come
    /// before their children, and a parent's deletion takes its children along on the server
    /// too): the table's gone rows deleted, the rest inserted or updated, in batches of column
    /// arrays. Notes what the change's log and erasure need (``sending``).
    private func statements(for rows: [ChangedRow]) -> [(sql: String, values: [String?])] {
        // Audit entries a change deleted or rewrote: an erasure's, done by the server's own
        // function after the pupils are gone (``finish()``).
        let before = lock.withLock { auditBefore }
        func isOld(_ row: ChangedRow) -> Bool {
            row.table == "audit" && ((try? JSONSerialization.jsonObject(with: Data(row.key.utf8))) as? [NSNumber])?.first?.int64Value ?? 0 <= before
        }
        sending.erased += rows.filter { $0.table == "audit" && $0.written && isOld($0) }
        // Rows are picked by their places in `rows` below, not copied: a match sends 48,000.
        let sent = rows.indices.filter { !(rows[$0].table == "audit" && isOld(rows[$0])) }
        for k in sent {
            let row = rows[k]
            if row.table == "student", row.written, row.values == nil { sending.studentGone = true }
            guard let count = sending.log?.count else { continue }
            if count >= Self.wholeAbove {
                sending.log = nil
            } else {
                sending.log?.append((Self.student(of: row), row.table, row.key))
            }
        }
        var statements: [(sql: String, values: [String?])] = []
        var tables: [String] = []
        for k in sent where tables.last != rows[k].table && !tables.contains(rows[k].table) { tables.append(rows[k].table) }
        for table in tables {
            let gone = sent.filter { rows[$0].table == table && rows[$0].written && rows[$0].values == nil }.map { rows[$0].key }
            if !gone.isEmpty {
                let (named, on) = keyed(table)
                statements.append(("DELETE FROM bpv.\(table) t USING \(named) WHERE \(on)", [Region.textArray(gone)]))
            }
            let present = sent.filter { rows[$0].table == table && rows[$0].written && rows[$0].values != nil }
            guard let first = present.first.map({ rows[$0] }) else { continue }
            let names = first.columns
            let keys = WorkspaceTables.keyColumns(of: table)
            let quoted = names.map { "\"\($0)\"" }.joined(separator: ", ")
            let updates = names.filter { !keys.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
            // The audit log, the rounds and their placements are only added to (the server
            // refuses any other change to the log; a school coordinator may add rounds, not
            // change them; a round's placements are written once, by its match). Rows the
            // change made are added as well: the mirror had them not, and under the change
            // lock it has what the server has, but for pupils this user cannot see (another
            // school's pupil of the same id), so new pupils of a school are upserted still,
            // and refused by the policy as before. Added rows skip the upsert's lookup
            // (a match's 18,000 register rows: 0.2 → 0.14 s on the server).
            let trustsNew = wholeRegion || table != "student"
            let upsert = " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET \(updates)"
            let added = Self.appendOnly.contains(table) ? present : present.filter { rows[$0].isNew && trustsNew }
            let changed = Self.appendOnly.contains(table) ? [] : present.filter { !(rows[$0].isNew && trustsNew) }
            // Column by column, as PostgreSQL array literals: the column names are not repeated
            // a row (as in JSON objects), and the server reads each array as its column's type.
            let types = names.map { name in columns[table]?.first { $0.name == name }?.type ?? "text" }
            let arrays = types.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
            for (batch, conflict) in [(added, ""), (changed, upsert)] {
                for start in stride(from: 0, to: batch.count, by: Self.uploadBatch) {
                    var cells = Array(repeating: [WorkspaceTables.Value](), count: names.count)
                    for r in batch[start ..< min(start + Self.uploadBatch, batch.count)] {
                        let values = adjusted(table, rows[r].values ?? [], by: 1, columns: rows[r].columns)
                        for c in names.indices { cells[c].append(c < values.count ? values[c] : .null) }
                    }
                    let literals = cells.map(Region.arrayLiteral)
                    if table == "student", wholeRegion, let school = names.firstIndex(of: "school") {
                        // A regional coordinator's import names the schools; each is made when new.
                        statements.append((
                            """
                            INSERT INTO bpv.school (id, name) SELECT DISTINCT s, s FROM unnest($1::text[]) s
                            WHERE coalesce(s, '') <> '' ON CONFLICT (id) DO NOTHING
                            """, [literals[school]]))
                    }
                    statements.append(("INSERT INTO bpv.\(table) (\(quoted)) SELECT * FROM unnest(\(arrays))\(conflict)", literals))
                }
            }
        }
        return statements
    }

    /// Ends what ``send(_:)`` began: an erasure's audit entries, the change's log entries and
    /// their notification, then every answer waited for (the first failure thrown).
    private func finish() throws(ServerError) {
        var statements: [(sql: String, values: [String?])] = []
        if !sending.erased.isEmpty {
            var gone: [String] = [], rewritten = "["
            for row in sending.erased {
                guard let values = row.values else {
                    gone.append(String(row.key.dropFirst().dropLast()))
                    continue
                }
                if rewritten.count > 1 { rewritten += "," }
                Region.appendObject(row.columns, values, to: &rewritten)
            }
            rewritten += "]"
            statements.append(("SELECT bpv.erase_entries($1::bigint[], $2::jsonb)::text", ["{" + gone.joined(separator: ",") + "}", rewritten]))
        }
        // The log: one entry per row, with the pupil it is about (for the policy); when a pupil
        // was erased, one entry that has every bpv load the region again, naming nobody.
        // A change of more rows than a mirror takes in one by one (a match) is logged as one
        // entry that has every other bpv load the region again.
        let logged = sending.studentGone ? [(student: nil, table: "*", key: "")] : sending.log ?? [(student: nil, table: "*", key: "")]
        guard !logged.isEmpty else {
            _ = try connection.pipeline(statements)
            return
        }
        var log = "["
        for (r, row) in logged.enumerated() {
            log += r == 0 ? "[" : ",["
            if let student = row.student { Region.appendJSON(student, to: &log) } else { log += "null" }
            log += ","
            Region.appendJSON(row.table, to: &log)
            log += ","
            Region.appendJSON(row.key, to: &log)
            log += "]"
        }
        log += "]"
        // The entries and the notification in one statement.
        statements.append((
            """
            WITH added AS (
                INSERT INTO bpv.change (student_id, tbl, key) SELECT x->>0, x->>1, x->>2 FROM jsonb_array_elements($1::jsonb) x RETURNING seq
            ) SELECT max(seq)::text, pg_notify($2, max(seq)::text)::text FROM added
            """, [log, Self.channel]))
        let last = try connection.pipeline(statements).last?.first?.first.flatMap { $0.flatMap { Int64($0) } } ?? 0
        lock.withLock { mark = max(mark, last) }
    }

    /// Tables whose rows are only ever added.
    static let appendOnly: Set<String> = ["audit", "round", "placement"]

    /// The pupil a row is about, for the change log's policy.
    static func student(of row: ChangedRow) -> String? {
        if let values = row.values, let k = row.columns.firstIndex(of: row.table == "student" ? "id" : "student_id"),
           case .text(let s) = values[k]
        {
            return s
        }
        let key = (try? JSONSerialization.jsonObject(with: Data(row.key.utf8))) as? [Any] ?? []
        switch row.table {
        case "student", "register", "ban", "student_setting": return key.first as? String
        case "placement": return key.count > 1 ? key[1] as? String : nil
        default: return nil
        }
    }

    // MARK: Plumbing

    /// A failpoint for the tests of a client killed, or a server restarted, in the middle of a
    /// change (as FreeBSD's fail(9) or TiKV's fail-rs): when `BPV_PAUSE_BEFORE_COMMIT` names a
    /// file, the change, its rows written and not yet committed, makes that file and waits until
    /// it is removed (a minute at most). Inert when the variable is not set; never writes over
    /// a file that is there (then it does not pause).
    static func pauseIfAsked() {
        guard let file = ProcessInfo.processInfo.environment["BPV_PAUSE_BEFORE_COMMIT"], !file.isEmpty else { return }
        guard let fd = try? FileDescriptor.open(FilePath(file), .writeOnly, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
        else { return }
        try? fd.close()
        for _ in 0 ..< 3_000 where FileManager.default.fileExists(atPath: file) { usleep(20_000) }
    }

    /// The first value of a key (a JSON array), when it is text: an internship's id.
    static func firstKey(_ key: String) -> String? {
        ((try? JSONSerialization.jsonObject(with: Data(key.utf8))) as? [Any])?.first as? String
    }

    private func query(_ sql: String, _ values: [String?] = []) throws(ServerProblem) -> [[String?]] {
        do { return try connection.rows(sql, values) } catch { throw .failed(error) }
    }
}

/// A user the home does not open the register for.
enum RegionHomeRefusal: Error { case overviewOnly }

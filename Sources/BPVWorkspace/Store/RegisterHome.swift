/// Where a register lives when it is not a file on this machine: a region's PostgreSQL server
/// (`BPVPostgres.RegionHome`). The one storage seam between the register and its home.
///
/// The register itself stays the workspace's: its rules, records and SQL run on a copy of what
/// the user may see, held in memory (the *mirror*, see `Workspace+Mirror.swift`). The home is the
/// truth. Every change is made under the home's lock: the mirror first takes in what others
/// changed since it last looked (``beginChange()``), so the change is checked against the
/// region as it is now, then runs on the mirror, and the rows it changed are written to the home
/// in the same transaction (``send(_:)``, ``finishChange()``), or nothing is. Reads take in others' changes
/// when the home says there are some (``hasNews``, without asking it), so a shell learns of
/// another user's change without polling.
///
/// Why a mirror and not the register's SQL written again for the server: the register's rules,
/// its records and its refusals exist once, and the tests of the register run unchanged on both
/// homes; the home needs only to move rows. The cost is memory for the rows the user may see
/// (about 40 MB at 30,000 pupils) and a load when a shell starts.
public protocol RegisterHome: AnyObject, Sendable {
    /// Where the register lives, for messages (no password).
    var location: String { get }
    /// Who acts, for the audit log: the user the home knows (the server's login role).
    var user: String { get }
    /// Every row the user may see, of one moment: `take` gets each table as it arrives, in
    /// ``WorkspaceTables/order``, a large one in several parts (so the mirror loads one part
    /// while the next is read).
    func snapshot(_ take: (WorkspaceTables.Table) -> Void) throws(WorkspaceError)
    /// Begins a change: takes the home's lock (or keeps it, when a change found stale still
    /// holds it) and returns what others changed since this mirror last looked, and the last
    /// numbers the home has given out.
    func beginChange() throws(WorkspaceError) -> HomeCatchUp
    /// Writes rows a change made on the mirror, one table's at a time in
    /// ``WorkspaceTables/order`` (parents first; a large table's in several parts, each key
    /// in one), without waiting for the home's answer: the home writes them while the mirror
    /// reads the next.
    func send(_ rows: [ChangedRow]) throws(WorkspaceError)
    /// Ends the change: waits until every row sent is written, and commits (the lock let go).
    func finishChange() throws(WorkspaceError)
    /// Ends a change without writing anything (the change was refused on the mirror), letting
    /// go of the lock; nothing when no change is open.
    func abandonChange()
    /// Whether the home said that others changed something since this mirror last looked.
    /// - Complexity: O(1), no round trip.
    var hasNews: Bool { get }
    /// What others changed since this mirror last looked, without the lock (for reads).
    func catchUp() throws(WorkspaceError) -> HomeCatchUp
    /// Places (support places, `supportPlaces`) of an internship held by pupils the user
    /// cannot see: the mirror offers the rest, and a refusal says so.
    /// - Complexity: O(1), no round trip.
    func heldElsewhere(_ internship: String, supportPlaces: Bool) -> Int
}

/// One row a change touched, by its table's key: its values now, or nil when it is gone.
public struct ChangedRow: Sendable, Equatable {
    public var table: String
    /// The key's values, as a JSON array (`["GV-001",0]`), as SQLite's `json_array` writes it.
    public var key: String
    /// The row's columns and values, when the row is there.
    public var columns: [String]
    public var values: [WorkspaceTables.Value]?
    /// False for a row the change did not write but whose meaning changed for others (an
    /// internship whose places someone took): the home tells others to read it again.
    public var written: Bool
    /// Whether the change made the row: the mirror, current under the home's lock, did not
    /// have it when the change began. The home may then add it without asking whether it has
    /// it (an upsert asks, a row at a time). A row the user cannot see may still have the key
    /// (another school's pupil of the same id), so a home that hides rows decides where this
    /// holds.
    public var isNew: Bool

    public init(table: String, key: String, columns: [String], values: [WorkspaceTables.Value]?, written: Bool = true, isNew: Bool = false) {
        self.table = table
        self.key = key
        self.columns = columns
        self.values = values
        self.written = written
        self.isNew = isNew
    }
}

/// What others changed since a mirror last looked.
public struct HomeCatchUp: Sendable {
    /// The rows to take in, in the order of ``WorkspaceTables/order`` (gone rows included).
    public var rows: [ChangedRow]
    /// Everything again, when the changes were many (or an erasure): replaces the mirror.
    public var whole: WorkspaceTables?
    /// The last number the home gave out for each numbered table (`audit`, `history`,
    /// `round`): the mirror numbers its new rows after them. Empty outside a change.
    public var lastNumbers: [String: Int64]

    public init(rows: [ChangedRow] = [], whole: WorkspaceTables? = nil, lastNumbers: [String: Int64] = [:]) {
        self.rows = rows
        self.whole = whole
        self.lastNumbers = lastNumbers
    }

    /// Whether there is nothing to take in.
    public var isEmpty: Bool { rows.isEmpty && whole == nil }
}

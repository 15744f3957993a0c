import Foundation
import Testing
import BPVTestServer

@testable import BPVPostgres

/// The region's server set up by `init`, `add-school` and `add-user`, checked on a real
/// PostgreSQL of the test's own, and who sees what checked through `psql` as each user: what
/// the server enforces, whatever program a user connects with.
@Suite("region on a server")
struct RegionTests {
    let server: TestServer
    let database: String
    let region: Region

    init() throws {
        server = try TestServer.shared.get()
        database = try server.makeDatabase()
        let address = try ServerAddress(server.uri(user: server.superuser, database: database), environment: [:], osUser: "x")
        region = Region(try ServerConnection(address))
    }

    @Test func initAppliesEachStepOnceAndRefusesANewerSchema() throws {
        #expect(try region.initialise() == ServerSchema.migrations.map(\.version))
        #expect(try region.initialise() == [])
        #expect(try region.version() == ServerSchema.latest)
        let steps = try server.psql(user: server.superuser, database: database, "SELECT version, name FROM bpv.migration ORDER BY version")
        #expect(steps == ServerSchema.migrations.map { "\($0.version)|\($0.name)" })
        _ = try server.psql(user: server.superuser, database: database, "INSERT INTO bpv.migration (version, name) VALUES (99, 'later')")
        #expect(throws: ServerProblem.newerSchema(99, ServerSchema.latest)) { try region.initialise() }
    }

    @Test func twoInitsAtOnceApplyEachStepOnce() throws {
        let address = try ServerAddress(server.uri(user: server.superuser, database: database), environment: [:], osUser: "x")
        let results = try (0 ..< 2).map { _ in try ServerConnection(address) }.map(Region.init)
        let applied = ResultsBox()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            applied.set(k, Result { () throws(ServerProblem) in try results[k].initialise() })
        }
        let all = try applied.values.map { try $0.get() }
        #expect(all.flatMap { $0 }.sorted() == ServerSchema.migrations.map(\.version))
    }

    @Test func eachRoleSeesOnlyItsOwnPupilsFromPsql() throws {
        try region.initialise()
        let (a, b) = ("pro-a-\(database)", "vso-b-\(database)")
        try region.addSchool(id: a, name: "PRO A")
        try region.addSchool(id: b, name: "VSO B")
        let suffix = database.suffix(6)
        let regional = "regio-\(suffix)", schoolA = "coord-a-\(suffix)", coach = "coach-\(suffix)", viewer = "kijker-\(suffix)"
        try region.addUser(regional, role: .regional, school: nil)
        try region.addUser(schoolA, role: .school, school: a)
        try region.addUser(coach, role: .coach, school: a, caseload: "mentor-1")
        try region.addUser(viewer, role: .viewer, school: nil)
        // Four pupils: two of school A (one of mentor-1), one of A with another mentor, one of B.
        _ = try server.psql(user: server.superuser, database: database, """
            INSERT INTO bpv.internship VALUES ('I-1', 'Bakkerij', NULL, 'horeca', 52.3, 4.6, 2, 0, '', '', 'entree|pro', NULL, NULL, NULL, 2011);
            INSERT INTO bpv.student (id, name, level, sectors, lat, lon, travel_mode, max_travel_min, needs, certificates, priority, coach, school) VALUES
              ('A-1', 'Anouk', 'pro', 'horeca', 52.3, 4.6, 'bike', 30, 'jobcoach', '', 0, 'mentor-1', '\(a)'),
              ('A-2', 'Bram', 'pro', 'retail', 52.3, 4.6, 'bike', 30, '', '', 0, 'mentor-1', '\(a)'),
              ('A-3', 'Cem', 'entree', 'zorg', 52.3, 4.6, 'ov', 45, '', '', 0, 'mentor-2', '\(a)'),
              ('B-1', 'Dana', 'vso', 'horeca', 52.3, 4.6, 'walk', 20, '', '', 0, 'mentor-1', '\(b)');
            INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-1', 'I-1', 'pinned', 1), ('B-1', 'I-1', 'proposed', 2);
            INSERT INTO bpv.audit (at, "user", action, subject, detail, reason, student_id) VALUES
              ('2026-12-03', 'x', 'pin', 'A-1 -> I-1', '', 'gevonden', 'A-1'), ('2026-12-03', 'x', 'propose', 'B-1 -> I-1', '', 'gesprek', 'B-1'),
              ('2026-12-03', 'x', 'import', 'students', '4 students', NULL, NULL);
            """)
        func ids(_ user: String, _ sql: String) throws -> [String] { try server.psql(user: user, database: database, sql) }
        let pupils = "SELECT id FROM bpv.student ORDER BY id"
        #expect(try ids(regional, pupils) == ["A-1", "A-2", "A-3", "B-1"])
        #expect(try ids(schoolA, pupils) == ["A-1", "A-2", "A-3"])
        #expect(try ids(coach, pupils) == ["A-1", "A-2"])
        // Rows that name a pupil follow the pupil: register, audit.
        #expect(try ids(schoolA, "SELECT student_id FROM bpv.register ORDER BY 1") == ["A-1"])
        #expect(try ids(regional, "SELECT student_id FROM bpv.register ORDER BY 1") == ["A-1", "B-1"])
        #expect(try ids(coach, "SELECT coalesce(student_id, '-') FROM bpv.audit ORDER BY seq") == ["A-1", "-"])
        // The region's places are everyone's.
        #expect(try ids(coach, "SELECT id FROM bpv.internship") == ["I-1"])
        // A viewer reads the pseudonymous overview, not the pupils.
        #expect(throws: TestServerError.psql("ERROR:  permission denied for table student")) { try ids(viewer, pupils) }
        #expect(try ids(viewer, "SELECT id, level, coalesce(status, '-') FROM bpv.pupil_overview ORDER BY id")
            == ["A-1|pro|pinned", "A-2|pro|-", "A-3|entree|-", "B-1|vso|proposed"])
        #expect(throws: TestServerError.self) { try ids(viewer, "SELECT name FROM bpv.pupil_overview") }
        // Nobody writes outside their own pupils, and the audit log is append-only.
        #expect(throws: TestServerError.self) {
            try ids(coach, "INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-3', 'I-1', 'pinned', 3)")
        }
        #expect(try ids(coach, "UPDATE bpv.register SET reason = 'x' WHERE student_id = 'B-1' RETURNING student_id") == [])
        #expect(throws: TestServerError.self) {
            try ids(schoolA, "INSERT INTO bpv.student (id, level, sectors, lat, lon, travel_mode, max_travel_min, needs, certificates, priority, school) VALUES ('B-9', 'vso', 'zorg', 52, 4, 'bike', 30, '', '', 0, '\(b)')")
        }
        #expect(throws: TestServerError.self) { try ids(regional, "DELETE FROM bpv.audit") }
        #expect(try ids(coach, "INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-2', 'I-1', 'pinned', 3) RETURNING student_id") == ["A-2"])
    }

    @Test func aUserIsRefusedWhatTheirRoleCannotHaveAndMovesGroupOnARoleChange() throws {
        try region.initialise()
        let school = "s-\(database)"
        try region.addSchool(id: school, name: "School")
        let name = "wissel-\(database.suffix(6))"
        #expect(throws: ServerProblem.schoolNeeded("coach")) { try region.addUser(name, role: .coach, school: nil) }
        #expect(throws: ServerProblem.noSchoolFor("regional")) { try region.addUser(name, role: .regional, school: school) }
        #expect(throws: ServerProblem.unknownSchool("nergens")) { try region.addUser(name, role: .school, school: "nergens") }
        #expect(throws: ServerProblem.badUserName("bpv_regional")) { try region.addUser("bpv_regional", role: .regional, school: nil) }
        #expect(throws: ServerProblem.badUserName("x; DROP")) { try region.addUser("x; DROP", role: .regional, school: nil) }
        try region.addUser(name, role: .coach, school: school)
        try region.addUser(name, role: .school, school: school)
        let groups = try server.psql(user: server.superuser, database: database, """
            SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
            WHERE u.rolname = '\(name)' ORDER BY 1
            """)
        #expect(groups == ["bpv_school"])
        #expect(try region.members().map { "\($0.name) \($0.role) \($0.school ?? "-")" } == ["\(name) school \(school)"])
    }

    /// A match's rows are checked a statement at a time (migration 4) and must keep every
    /// promise of the foreign keys they replace: no row names a missing pupil, internship or
    /// round; deleting one takes its rows along; a key named by rows does not change; and a
    /// row written in an open transaction holds its pupil until it ends.
    @Test func registerAndPlacementRowsKeepTheirParentsAsForeignKeysWould() throws {
        try region.initialise()
        func sql(_ text: String) throws -> [String] { try server.psql(user: server.superuser, database: database, text) }
        _ = try sql("""
            INSERT INTO bpv.internship VALUES ('I-1', 'Bakkerij', NULL, 'horeca', 52.3, 4.6, 2, 0, '', '', 'entree|pro', NULL, NULL, NULL, 2011);
            INSERT INTO bpv.internship VALUES ('I-2', 'Winkel', NULL, 'retail', 52.3, 4.6, 2, 0, '', '', 'entree|pro', NULL, NULL, NULL, 2011);
            INSERT INTO bpv.student (id, level, sectors, lat, lon, travel_mode, max_travel_min, needs, certificates, priority) VALUES
              ('A-1', 'pro', 'horeca', 52.3, 4.6, 'bike', 30, '', '', 0), ('A-2', 'pro', 'retail', 52.3, 4.6, 'bike', 30, '', '', 0),
              ('A-3', 'pro', 'retail', 52.3, 4.6, 'bike', 30, '', '', 0);
            INSERT INTO bpv.round (created_at, "user", settings, placed, unplaced, total_score) VALUES ('2026-12-03', 'x', '{}', 1, 0, 5);
            """)
        func refused(_ text: String) -> String {
            do { _ = try sql(text); return "not refused" } catch { return "\(error)" }
        }
        // One good row and one bad in one statement: the statement is refused whole.
        #expect(refused("INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-1', 'I-1', 'draft', 1), ('Z-9', 'I-1', 'draft', 1)")
            .contains("ERROR:  a row names a pupil that is not in the region"))
        #expect(refused("INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-1', 'I-9', 'draft', 1)")
            .contains("ERROR:  a row names an internship that is not in the region"))
        #expect(refused("INSERT INTO bpv.placement (round_id, student_id, internship_id) VALUES (1, 'A-1', 'I-1'), (7, 'A-2', NULL)")
            .contains("ERROR:  a row names a round that is not in the region"))
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["0"])
        #expect(try sql("SELECT count(*) FROM bpv.placement") == ["0"])
        // An upsert that moves a row to a missing internship is refused too.
        _ = try sql("""
            INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-1', 'I-1', 'draft', 1), ('A-2', 'I-2', 'pinned', 1), ('A-3', 'I-2', 'draft', 1);
            INSERT INTO bpv.placement (round_id, student_id, internship_id) VALUES (1, 'A-1', 'I-1'), (1, 'A-2', 'I-2');
            """)
        #expect(refused("UPDATE bpv.register SET internship_id = 'I-9' WHERE student_id = 'A-1'").contains("an internship that is not in the region"))
        // A key that rows name does not change; one that no row names does.
        #expect(refused("UPDATE bpv.student SET id = 'A-9' WHERE id = 'A-1'").contains("a row names a key that was changed"))
        #expect(refused("UPDATE bpv.internship SET id = 'I-9' WHERE id = 'I-2'").contains("a row names a key that was changed"))
        _ = try sql("UPDATE bpv.register SET status = 'pinned' WHERE student_id = 'A-1'")
        // Deleting a parent deletes its rows, and only theirs.
        _ = try sql("DELETE FROM bpv.student WHERE id = 'A-1'")
        #expect(try sql("SELECT student_id FROM bpv.register ORDER BY 1") == ["A-2", "A-3"])
        _ = try sql("DELETE FROM bpv.internship WHERE id = 'I-2'")
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["0"])
        _ = try sql("DELETE FROM bpv.round")
        #expect(try sql("SELECT count(*) FROM bpv.placement") == ["0"])
        // A row written in a transaction still open holds its pupil: deleting the pupil waits
        // for that transaction (here: gives up after 200 ms), as a foreign key's lock makes it.
        let address = try ServerAddress(server.uri(user: server.superuser, database: database), environment: [:], osUser: "x")
        let open = try ServerConnection(address)
        try open.execute("BEGIN")
        try open.execute("INSERT INTO bpv.register (student_id, internship_id, status, seq) VALUES ('A-2', 'I-1', 'draft', 2)")
        #expect(refused("SET lock_timeout = '200ms'; DELETE FROM bpv.student WHERE id = 'A-2'").contains("lock timeout"))
        try open.execute("COMMIT")
        #expect(try sql("SELECT student_id || '|' || internship_id FROM bpv.register") == ["A-2|I-1"])
    }

    /// A statement of more rows than ``ServerSchema/tableLockAbove`` (a match's) holds its
    /// parents by a table lock instead of a row lock each (migration 5): it still refuses a
    /// row that names a missing parent, and until its transaction ends nobody deletes a pupil,
    /// while reading goes on.
    @Test func aMatchSizedStatementHoldsItsParentsByATableLockAndStillRefusesAMissingOne() throws {
        try region.initialise()
        func sql(_ text: String) throws -> [String] { try server.psql(user: server.superuser, database: database, text) }
        func refused(_ text: String) -> String {
            do { _ = try sql(text); return "not refused" } catch { return "\(error)" }
        }
        let pupils = ServerSchema.tableLockAbove + 1
        _ = try sql("""
            INSERT INTO bpv.internship VALUES ('I-1', 'Bakkerij', NULL, 'horeca', 52.3, 4.6, 2, 0, '', '', 'entree|pro', NULL, NULL, NULL, 2011);
            INSERT INTO bpv.student (id, level, sectors, lat, lon, travel_mode, max_travel_min, needs, certificates, priority)
              SELECT 'A-' || g, 'pro', 'horeca', 52.3, 4.6, 'bike', 30, '', '', 0 FROM generate_series(1, \(pupils)) g;
            INSERT INTO bpv.round (created_at, "user", settings, placed, unplaced, total_score) VALUES ('2026-12-03', 'x', '{}', 1, 0, 5);
            """)
        let rows = "SELECT 'A-' || g, 'I-1', 'draft', 1 FROM generate_series(1, \(pupils)) g"
        #expect(refused("INSERT INTO bpv.register (student_id, internship_id, status, seq) \(rows) UNION ALL SELECT 'Z-9', 'I-1', 'draft', 1")
            .contains("ERROR:  a row names a pupil that is not in the region"))
        #expect(refused("INSERT INTO bpv.register (student_id, internship_id, status, seq) SELECT 'A-' || g, 'I-' || g, 'draft', 1 FROM generate_series(1, \(pupils)) g")
            .contains("ERROR:  a row names an internship that is not in the region"))
        #expect(refused("INSERT INTO bpv.placement (round_id, student_id, internship_id) SELECT 7, 'A-' || g, 'I-1' FROM generate_series(1, \(pupils)) g")
            .contains("ERROR:  a row names a round that is not in the region"))
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["0"])
        let address = try ServerAddress(server.uri(user: server.superuser, database: database), environment: [:], osUser: "x")
        let open = try ServerConnection(address)
        try open.execute("BEGIN")
        try open.execute("INSERT INTO bpv.register (student_id, internship_id, status, seq) \(rows)")
        #expect(try open.rows("""
            SELECT relation::regclass::text FROM pg_locks
            WHERE pid = pg_backend_pid() AND locktype = 'relation' AND mode = 'ShareLock' ORDER BY 1
            """) == [["bpv.internship"], ["bpv.student"]])
        #expect(refused("SET lock_timeout = '200ms'; DELETE FROM bpv.student WHERE id = 'A-1'").contains("lock timeout"))
        #expect(refused("SET lock_timeout = '200ms'; DELETE FROM bpv.internship WHERE id = 'I-1'").contains("lock timeout"))
        #expect(try sql("SELECT count(*) FROM bpv.student") == ["\(pupils)"])
        try open.execute("COMMIT")
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["\(pupils)"])
        _ = try sql("DELETE FROM bpv.student WHERE id = 'A-1'")
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["\(pupils - 1)"])
    }

    @Test func commandsBeforeInitSayToRunInitFirst() throws {
        #expect(throws: ServerProblem.notInitialised(0, ServerSchema.latest)) { try region.addSchool(id: "x", name: "X") }
        #expect(ServerProblem.notInitialised(0, 2).text(.en) == "this database has schema version 0, not 2; run bpv server init first")
    }
}

/// Results gathered from concurrent work.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<[Int], ServerProblem>] = [:]
    func set(_ k: Int, _ r: Result<[Int], ServerProblem>) { lock.withLock { results[k] = r } }
    var values: [Result<[Int], ServerProblem>] { lock.withLock { results.sorted { $0.key < $1.key }.map(\.value) } }
}

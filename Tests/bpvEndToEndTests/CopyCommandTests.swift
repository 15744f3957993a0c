import BPVTestServer
import Foundation
import GRDB
import Testing

/// `bpv copy` between a workspace file and a region's server of the test's own, through the
/// built binary: nothing lost either way, two schools in one region, a clash changes nothing.
@Suite("bpv copy")
struct CopyCommandTests {
    /// A sample's workspace as a season leaves it: imported, last year's history, a match, a
    /// pin, a ban and a longer travel limit (so every register table has rows).
    static func season(_ region: String, in dir: URL) throws -> String {
        let db = dir.appendingPathComponent("\(region).sqlite").path
        if region == "gooi" {
            #expect(try BPVBinary.run(["set", "region", "Hilversum|Huizen|Gooise Meren|Wijdemeren|Blaricum|Laren|Eemnes", "--db", db]).status == 0)
        }
        for kind in ["students", "employers", "internships"] {
            let file = WorkspaceCommandTests.samples.appendingPathComponent("\(region)-\(kind).csv").path
            #expect(try BPVBinary.run(["import", kind, file, "--db", db]).status == 0)
        }
        let history = try String(contentsOf: WorkspaceCommandTests.samples.appendingPathComponent("\(region)-history.bpv"), encoding: .utf8)
        #expect(try BPVBinary.run(["--db", db], stdin: history).status == 0)
        let (s, i) = region == "gooi" ? ("GV-001", "GVI-003") : ("ZK-0001", "ZKI-0001")
        let tweaks = "match\npin \(s) \(i) found it herself\nban \(s) \(i == "GVI-003" ? "GVI-004" : "ZKI-0002") no\nset \(s) max_travel_min 60\n"
        let run = try BPVBinary.run(["--db", db], stdin: tweaks)
        #expect(run.status == 0, "\(run.stderr)")
        return db
    }

    /// Every row of every table, as text, table by table (the audit log apart).
    static func rows(_ path: String) throws -> (tables: [String: [String]], audit: [String]) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for name in ["setting", "employer", "internship", "student", "student_setting", "ban", "round", "placement", "register", "history", "travel_time", "audit"] {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(name) ORDER BY 1, 2")
                tables[name] = rows.map { row in (0 ..< row.count).map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|") }
            }
            let audit = tables.removeValue(forKey: "audit") ?? []
            return (tables, audit)
        }
    }

    @Test(arguments: ["gooi", "kennemerland"])
    func aSampleGoesToAServerAndBackWithNothingLost(region: String) throws {
        let server = try TestServer.shared.get()
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.season(region, in: dir)
        let uri = server.uri(user: server.superuser, database: try server.makeDatabase())
        #expect(try BPVBinary.run(["server", "init", "--db", uri]).status == 0)
        let there = try BPVBinary.run(["copy", file, uri], environment: ["LANG": "C"])
        #expect(there.status == 0, "\(there.stderr)")
        let back = dir.appendingPathComponent("back.sqlite").path
        let again = try BPVBinary.run(["copy", uri, back], environment: ["LANG": "C"])
        #expect(again.status == 0, "\(again.stderr)")
        let (before, auditBefore) = try Self.rows(file), (after, auditAfter) = try Self.rows(back)
        for (table, rows) in before {
            #expect(after[table] == rows, "\(table)")
            // Empty only where the sample has nothing: no travel-times file; Kennemerland sets no region.
            #expect(!rows.isEmpty || table == "travel_time" || table == "setting" && region == "kennemerland", "\(table) is empty: the test checks nothing there")
        }
        // The audit log keeps every entry and says where each copy came from.
        #expect(Array(auditAfter.prefix(auditBefore.count)) == auditBefore)
        #expect(auditAfter.count == auditBefore.count + 2 && auditAfter.last?.contains("\"copy\"") == true)
        // The same exports from both files.
        for f in [file, back] {
            #expect(try BPVBinary.run(["export", "placements", f + ".csv", "--db", f]).status == 0)
        }
        #expect(try String(contentsOfFile: file + ".csv", encoding: .utf8) == String(contentsOfFile: back + ".csv", encoding: .utf8))
        // A copy never writes over a file.
        let over = try BPVBinary.run(["copy", uri, back], environment: ["LANG": "C"])
        #expect(over.status == 1 && over.stderr.contains("bpv copy makes a new workspace and never writes over one"))
    }

    /// The seeds' programme: schools of one region share one pool of employers. A second
    /// school's file that lists the same internships and employers joins with its own pupils,
    /// the pool kept once; one that lists a shared id with other values is refused whole.
    @Test func aSecondSchoolWithTheSameEmployersJoinsThePoolAndADifferentOneIsRefused() throws {
        let server = try TestServer.shared.get()
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = WorkspaceCommandTests.samples
        func workspace(_ name: String, students: String, internships: String) throws -> String {
            let db = dir.appendingPathComponent("\(name).sqlite").path
            for (kind, file) in [("students", students), ("employers", samples.appendingPathComponent("gooi-employers.csv").path),
                                 ("internships", internships)] {
                let r = try BPVBinary.run(["import", kind, file, "--db", db])
                #expect(r.status == 0, "\(r.stderr)")
            }
            return db
        }
        let gooiInternships = samples.appendingPathComponent("gooi-internships.csv").path
        let first = try workspace("first", students: samples.appendingPathComponent("gooi-students.csv").path, internships: gooiInternships)
        let pupils = dir.appendingPathComponent("tweede.csv")
        try """
            id;name;level;sectors;town;postcode;travel_mode;max_travel_min;needs;certificates;priority;coach;available_from
            TW-001;Anna;pro;retail;Huizen;1271;bike;30;;;0;mentor-1;
            TW-002;Bas;vso;zorg;Hilversum;1211;ov;45;;;0;mentor-1;
            TW-003;Cas;entree;logistiek;Laren;1251;bike;30;;;0;mentor-2;

            """.write(to: pupils, atomically: true, encoding: .utf8)
        let second = try workspace("second", students: pupils.path, internships: gooiInternships)
        let database = try server.makeDatabase()
        let uri = server.uri(user: server.superuser, database: database)
        #expect(try BPVBinary.run(["server", "init", "--db", uri]).status == 0)
        #expect(try BPVBinary.run(["copy", first, uri, "--school", "eerste"]).status == 0)
        let joined = try BPVBinary.run(["copy", second, uri, "--school", "tweede"], environment: ["LANG": "C"])
        #expect(joined.status == 0, "\(joined.stderr)")
        #expect(joined.stdout.hasPrefix("copied 3 students, 0 internships, 0 employers, 0 placements and "), "\(joined.stdout)")
        #expect(joined.stdout.hasSuffix("; 45 internships and 38 employers the region had already, the same: shared, kept once\n"), "\(joined.stdout)")
        func sql(_ text: String) throws -> [String] { try server.psql(user: server.superuser, database: database, text) }
        #expect(try sql("SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT count(*) FROM bpv.internship) || ' ' || (SELECT count(*) FROM bpv.employer)")
            == ["103 45 38"])
        // The regional match places both schools' pupils in the one pool.
        #expect(try BPVBinary.run(["match", "--db", uri]).status == 0)
        #expect(try sql("SELECT count(*) FROM bpv.register WHERE student_id LIKE 'TW-%'") != ["0"])
        // A third school whose file lists GVI-001 with another number of places: refused whole.
        let changed = dir.appendingPathComponent("changed.csv")
        let lines = try String(contentsOfFile: gooiInternships, encoding: .utf8).components(separatedBy: "\n")
        try lines.map { $0.hasPrefix("GVI-001;") ? $0.replacingOccurrences(of: ";1273;2;1;", with: ";1273;5;1;") : $0 }
            .joined(separator: "\n").write(to: changed, atomically: true, encoding: .utf8)
        let others = dir.appendingPathComponent("derde.csv")
        try String(contentsOf: pupils, encoding: .utf8).replacingOccurrences(of: "TW-", with: "DR-").write(to: others, atomically: true, encoding: .utf8)
        let third = try workspace("third", students: others.path, internships: changed.path)
        let before = try sql("SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT sum(capacity) FROM bpv.internship) || ' ' || (SELECT count(*) FROM bpv.audit)")
        let refused = try BPVBinary.run(["copy", third, uri, "--school", "derde"], environment: ["LANG": "C"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "bpv: the region already has internships with these ids, with other values: GVI-001; nothing was copied. Make them the same as the region's (a shared employer) or give them ids of their own\n")
        #expect(try sql("SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT sum(capacity) FROM bpv.internship) || ' ' || (SELECT count(*) FROM bpv.audit)") == before)
        // Held placements at a shared internship: the region pins both of GVI-001's places, a
        // fourth school's file pins a third pupil there. Together more than its places: refused.
        #expect(try BPVBinary.run(["--db", uri], stdin: "pin GV-001 GVI-001\npin GV-002 GVI-001\n").status == 0)
        let fourthPupils = dir.appendingPathComponent("vierde.csv")
        try String(contentsOf: pupils, encoding: .utf8).replacingOccurrences(of: "TW-", with: "VR-").write(to: fourthPupils, atomically: true, encoding: .utf8)
        let fourth = try workspace("fourth", students: fourthPupils.path, internships: gooiInternships)
        #expect(try BPVBinary.run(["pin", "VR-001", "GVI-001", "--db", fourth]).status == 0)
        let held = try sql("SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT count(*) FROM bpv.register WHERE status <> 'draft')")
        let over = try BPVBinary.run(["copy", fourth, uri, "--school", "vierde"], environment: ["LANG": "C"])
        #expect(over.status == 1)
        #expect(over.stderr == "bpv: the copy's held placements and the region's together are more than the places of GVI-001; nothing was copied. Release some in the file first (unpin, decline, end) or give the internship more places in the region\n")
        #expect(try sql("SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT count(*) FROM bpv.register WHERE status <> 'draft')") == held)
    }

    /// Two schools each matched their pupils into the same shared internship (three drafts
    /// each, four places): the second copy leaves its drafts and the region's there out, so
    /// that no commit can hold more than the places; the next match places all six pupils.
    @Test func draftsOfTwoSchoolsAtASharedInternshipNeverAddUpToMoreThanItsPlaces() throws {
        let server = try TestServer.shared.get()
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = WorkspaceCommandTests.samples
        func school(_ prefix: String) throws -> String {
            let pupils = dir.appendingPathComponent("\(prefix).csv"), db = dir.appendingPathComponent("\(prefix).sqlite").path
            try (["id;name;level;sectors;town;postcode;travel_mode;max_travel_min;needs;certificates;priority;coach;available_from"]
                + (1 ... 3).map { "\(prefix)-\($0);X;2;horeca;Hilversum;1211;bike;30;;;0;m;" }).joined(separator: "\n")
                .write(to: pupils, atomically: true, encoding: .utf8)
            for (kind, file) in [("employers", samples.appendingPathComponent("gooi-employers.csv").path),
                                 ("internships", samples.appendingPathComponent("gooi-internships.csv").path), ("students", pupils.path)] {
                #expect(try BPVBinary.run(["import", kind, file, "--db", db]).status == 0)
            }
            #expect(try BPVBinary.run(["match", "--db", db]).status == 0)
            return db
        }
        let (c, d) = (try school("C"), try school("D"))
        let database = try server.makeDatabase()
        let uri = server.uri(user: server.superuser, database: database)
        func sql(_ text: String) throws -> [String] { try server.psql(user: server.superuser, database: database, text) }
        #expect(try BPVBinary.run(["server", "init", "--db", uri]).status == 0)
        #expect(try BPVBinary.run(["copy", c, uri, "--school", "c"]).status == 0)
        let drafts = "SELECT internship_id, count(*) FROM bpv.register GROUP BY 1 ORDER BY 1"
        #expect(try sql(drafts) == ["GVI-010|3"])
        let joined = try BPVBinary.run(["copy", d, uri, "--school", "d"], environment: ["LANG": "C"])
        #expect(joined.stdout.hasSuffix("; 45 internships and 38 employers the region had already, the same: shared, kept once; 6 draft placements at shared internships left out (together more than the places): the next match places those pupils again\n"), "\(joined.stdout)\(joined.stderr)")
        #expect(try sql(drafts) == [])
        #expect(try BPVBinary.run(["match", "--db", uri]).status == 0)
        let after = try sql("SELECT r.internship_id, count(*), i.capacity FROM bpv.register r JOIN bpv.internship i ON i.id = r.internship_id GROUP BY 1, 3")
        #expect(after.allSatisfy { row in let f = row.split(separator: "|").compactMap { Int($0) }; return f.count == 2 && f[0] <= f[1] }, "\(after)")
        #expect(try sql("SELECT count(*) FROM bpv.register") == ["6"])
    }

    @Test func twoSchoolsJoinOneRegionEachSeesItsOwnAndAClashChangesNothing() throws {
        let server = try TestServer.shared.get()
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gooi = try Self.season("gooi", in: dir), kennemerland = try Self.season("kennemerland", in: dir)
        let database = try server.makeDatabase()
        let uri = server.uri(user: server.superuser, database: database)
        #expect(try BPVBinary.run(["server", "init", "--db", uri]).status == 0)
        // Gooi's file names no school: its pupils join as "gooi". Kennemerland's pupils keep theirs.
        #expect(try BPVBinary.run(["copy", gooi, uri, "--school", "gooi"]).status == 0)
        let k = try BPVBinary.run(["copy", kennemerland, uri], environment: ["LANG": "C"])
        #expect(k.stdout.hasPrefix("copied 1134 students, 460 internships, 424 employers, "), "\(k.stderr)")
        func count(_ user: String, _ sql: String) throws -> [String] { try server.psql(user: user, database: database, sql) }
        let su = server.superuser
        #expect(try count(su, "SELECT count(*) FROM bpv.student") == ["1234"])
        let schools = try count(su, "SELECT id FROM bpv.school ORDER BY id")
        #expect(schools.contains("gooi") && schools.contains("Tender College") && schools.count >= 3)
        // The same file again clashes: refused whole, the region as it was.
        let before = try count(su, "SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT count(*) FROM bpv.audit) || ' ' || (SELECT count(*) FROM bpv.register)")
        let clash = try BPVBinary.run(["copy", gooi, uri, "--school", "gooi"], environment: ["LANG": "C"])
        #expect(clash.status == 1)
        #expect(clash.stderr == "bpv: the region already has students with these ids: GV-001, GV-002, GV-003, GV-004, GV-005, …; nothing was copied. Give them ids of their own first\n")
        #expect(try count(su, "SELECT (SELECT count(*) FROM bpv.student) || ' ' || (SELECT count(*) FROM bpv.audit) || ' ' || (SELECT count(*) FROM bpv.register)") == before)
        // A school coordinator of gooi sees gooi's hundred pupils and their placements only.
        let coordinator = "coord-gooi-\(database.suffix(6))"
        #expect(try BPVBinary.run(["server", "add-user", coordinator, "school", "gooi", "--db", uri]).status == 0)
        #expect(try count(coordinator, "SELECT count(*), min(id), max(id) FROM bpv.student") == ["100|GV-001|GV-100"])
        #expect(try count(coordinator, "SELECT count(*) FROM bpv.register WHERE student_id NOT LIKE 'GV-%'") == ["0"])
        // A school coordinator cannot copy the region into a file: theirs would be part of it.
        let part = dir.appendingPathComponent("part.sqlite").path
        let refused = try BPVBinary.run(["copy", server.uri(user: coordinator, database: database), part], environment: ["LANG": "C"])
        #expect(refused.status == 1 && !FileManager.default.fileExists(atPath: part))
        #expect(refused.stderr == "bpv: \(coordinator) does not see every pupil of the region; a copy into a file takes the whole region and is for its owner or a regional coordinator\n")
        // The whole region comes back as one workspace that checks clean.
        let region = dir.appendingPathComponent("region.sqlite").path
        #expect(try BPVBinary.run(["copy", uri, region]).status == 0)
        let check = try BPVBinary.run(["check", "--db", region], environment: ["LANG": "C"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}

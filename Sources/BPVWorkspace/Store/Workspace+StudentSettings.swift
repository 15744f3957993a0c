import BPVDomain
import GRDB

extension Workspace {
    /// Per-student settings: student → name → value, as set by job coaches.
    public func studentSettings() throws(WorkspaceError) -> [String: [String: String]] {
        try read { db in
            var out: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT student_id, name, value FROM student_setting") {
                out[row[0], default: [:]][row[1]] = row[2]
            }
            return out
        }
    }

    /// Changes one setting of one student for every later round (for example a longer travel
    /// limit), validated and audited with the old and new value.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` naming the known settings or the accepted values.
    public func set(_ name: String, of student: String, to value: String, reason: String? = nil) throws(WorkspaceError) {
        guard let setting = StudentSetting(rawValue: name) else {
            throw .invalidSetting("unknown student setting '\(name)'; known: \(StudentSetting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let imported = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM student WHERE id = ?", arguments: [student]).map(Records.student) }
        guard var record = imported else { throw .notFound("no student \(student)") }
        do { try setting.apply(value, to: &record) } catch { throw .invalidSetting("\(error)") }
        let normalized = setting.value(of: record)
        try write { db in
            let old = try String.fetchOne(db, sql: "SELECT value FROM student_setting WHERE student_id = ? AND name = ?", arguments: [student, name])
            try db.execute(
                sql: "INSERT INTO student_setting (student_id, name, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
                arguments: [student, name, normalized])
            try audit(db, action: "set", subject: "\(student) \(name)", detail: "\(old ?? "imported") -> \(normalized)", reason: reason)
        }
    }

    /// Removes a student's setting, so the imported value applies again.
    public func reset(_ name: String, of student: String, reason: String? = nil) throws(WorkspaceError) {
        try write { db in
            try db.execute(sql: "DELETE FROM student_setting WHERE student_id = ? AND name = ?", arguments: [student, name])
            guard db.changesCount > 0 else { throw WorkspaceError.notFound("student \(student) has no setting \(name)") }
            try audit(db, action: "reset", subject: "\(student) \(name)", reason: reason)
        }
    }
}

extension Workspace {
    /// The internship fields a coordinator may change in the shell (the employer has one place
    /// less), as named in the internships CSV.
    public static let internshipSettingNames = ["capacity", "support_capacity"]

    /// Changes an internship's places or support places, audited with the old and new value.
    /// Support places never exceed places. Refused when committed or pinned students would no
    /// longer fit.
    /// - Returns: the internship's places and support places after the change.
    @discardableResult
    public func set(_ name: String, ofInternship internship: String, to value: String, reason: String? = nil)
        throws(WorkspaceError) -> (places: Int, support: Int)
    {
        guard Self.internshipSettingNames.contains(name) else {
            throw .invalidSetting("unknown internship setting '\(name)'; known: \(Self.internshipSettingNames.joined(separator: ", "))")
        }
        guard let n = Int(value), (0 ... 1000).contains(n) else {
            throw .invalidSetting("\(name) must be a whole number of places in 0...1000, not '\(value)'")
        }
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT capacity, support_capacity FROM internship WHERE id = ?", arguments: [internship]) else {
                throw WorkspaceError.notFound("no internship \(internship)")
            }
            let (oldPlaces, oldSupport): (Int, Int) = (row[0], row[1])
            let places = name == "capacity" ? n : oldPlaces
            let support = min(name == "support_capacity" ? n : oldSupport, places)
            let held = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT student_id FROM commitment WHERE internship_id = ?
                                      UNION SELECT student_id FROM pin WHERE internship_id = ?)
                """, arguments: [internship, internship]) ?? 0
            guard held <= places else {
                throw WorkspaceError.conflict("\(held) committed or pinned students hold places at \(internship); release or unpin first")
            }
            try db.execute(sql: "UPDATE internship SET capacity = ?, support_capacity = ? WHERE id = ?", arguments: [places, support, internship])
            try audit(db, action: "set", subject: "\(internship) places",
                      detail: "\(oldPlaces) (\(oldSupport) support) -> \(places) (\(support) support)", reason: reason)
            return (places, support)
        }
    }
}

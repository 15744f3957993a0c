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

import BPVDomain
import GRDB

extension Workspace {
    /// Per-student settings: student → name → value, as set by job coaches.
    public func studentSettings() throws(WorkspaceError) -> [String: [String: String]] {
        try read { db in
            var out: [String: [String: String]] = [:]
            for row in try StudentSettingRecord.fetchAll(db) { out[row.studentID, default: [:]][row.name] = row.value }
            return out
        }
    }

    /// Changes one setting of one student for every later round (for example a longer travel
    /// limit), validated and audited with the old and new value; `default` puts back the
    /// imported value.
    /// - Throws: ``WorkspaceError/invalidSetting(_:)`` naming the known settings or the accepted values.
    public func set(_ name: String, of student: StudentID, to value: String, reason: String? = nil) throws(WorkspaceError) {
        try Register(workspace: self).set(name, of: student, to: value, reason: reason)
    }

    /// Removes a student's setting, so the imported value applies again.
    public func reset(_ name: String, of student: StudentID, reason: String? = nil) throws(WorkspaceError) {
        guard try studentSettings()[student.value]?[name] != nil else { throw .refused(.noStudentSetting(student, name)) }
        try set(name, of: student, to: "default", reason: reason)
    }

    /// A student as imported, without per-student settings.
    func importedStudent(_ id: String) throws(WorkspaceError) -> Student? {
        try read { db in try StudentRecord.fetchOne(db, key: id)?.student }
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
    public func set(_ name: String, ofInternship internship: InternshipID, to value: String, reason: String? = nil)
        throws(WorkspaceError) -> (places: Int, support: Int)
    {
        let r = try Register(workspace: self).set(name, ofInternship: internship, to: value, reason: reason)
        return (r.places, r.support)
    }
}

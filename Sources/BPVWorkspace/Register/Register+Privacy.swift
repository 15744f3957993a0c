import BPVDomain
import Foundation
import GRDB

/// The school's duties under the GDPR for special-category data: erasure of one student
/// (`forget`), a retention purge (`purge`), and access (`exportStudent`).
///
/// Erasure is total: the student's record, settings, place in the register, bans, history,
/// rows of past rounds and every audit entry that names them are deleted in one transaction;
/// the audit log then keeps that an erasure happened and how many students, not who. SQLite's
/// `secure_delete` zeroes the freed space and the write-ahead log is checkpointed and truncated,
/// so the id is nowhere in the workspace's files afterwards. The draft is solved again without
/// them.
extension Register {
    /// Erases students (the right to erasure). Refused for an unknown id.
    /// - Returns: who moved in the draft.
    @discardableResult
    public func forget(students ids: [StudentID], reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        let model = try currentModel()
        for s in ids where model.student(s) == nil { throw .notFound("no student \(s)") }
        let moved = try erase(ids, action: "forget", detail: "\(ids.count) student\(ids.count == 1 ? "" : "s") erased", reason: reason)
        return moved
    }

    /// Erases every student whose last placement ended before `date` and who holds no place
    /// now (the retention term the school set).
    /// - Returns: how many students were erased.
    @discardableResult
    public func purge(endedBefore date: CalendarDate, reason: String? = nil) throws(WorkspaceError) -> Int {
        let ids = try workspace.read { db in
            try String.fetchAll(db, sql: """
                SELECT student_id FROM history WHERE end_date IS NOT NULL GROUP BY student_id HAVING MAX(end_date) < ?
                AND student_id NOT IN (SELECT student_id FROM register WHERE status != 'draft')
                """, arguments: [date.description]).map { StudentID($0) }
        }
        guard !ids.isEmpty else { return 0 }
        _ = try erase(ids, action: "purge", detail: "\(ids.count) student\(ids.count == 1 ? "" : "s") whose last placement ended before \(date) erased",
                  reason: reason)
        return ids.count
    }

    private func erase(_ ids: [StudentID], action: String, detail: String, reason: String?) throws(WorkspaceError) -> RoundChanges? {
        let moved = try apply(.forget(ids)) { db, _, _ in
            for s in ids {
                for table in ["placement", "history", "register", "student_setting", "ban"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE student_id = ?", arguments: [s.value])
                }
                try db.execute(sql: "DELETE FROM student WHERE id = ?", arguments: [s.value])
            }
            try Self.eraseFromAudit(db, ids)
            return try self.workspace.audit(db, action: action, subject: "students", detail: detail, reason: reason)
        }
        try workspace.checkpoint()
        return moved
    }

    /// Deletes the audit entries that name any of `ids` (by column, or as a word of their
    /// text). The log is append-only through two triggers; erasure lifts them inside this one
    /// transaction and puts them back.
    static func eraseFromAudit(_ db: Database, _ ids: [StudentID]) throws {
        var doomed: [Int64] = []
        for s in ids {
            let candidates = try Row.fetchAll(db, sql: """
                SELECT seq, subject, detail, reason, student_id FROM audit
                WHERE student_id = ? OR instr(subject, ?) > 0 OR instr(detail, ?) > 0 OR instr(COALESCE(reason, ''), ?) > 0
                """, arguments: [s.value, s.value, s.value, s.value])
            for row in candidates {
                let texts: [String] = [row["subject"], row["detail"], row["reason"] ?? ""]
                if (row["student_id"] as String?) == s.value || texts.contains(where: { Self.names($0, s.value) }) { doomed.append(row["seq"]) }
            }
        }
        guard !doomed.isEmpty else { return }
        try db.execute(sql: "DROP TRIGGER audit_no_delete")
        for seq in doomed { try db.execute(sql: "DELETE FROM audit WHERE seq = ?", arguments: [seq]) }
        try db.execute(sql: "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    }

    /// Whether `text` holds `id` as a whole word (not as part of a longer id).
    static func names(_ text: String, _ id: String) -> Bool {
        let chars = Array(text.unicodeScalars), needle = Array(id.unicodeScalars)
        guard needle.count <= chars.count else { return false }
        func isIDChar(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || ("0" ... "9").contains(u) || u == "-" || u == "_" }
        var k = 0
        while k + needle.count <= chars.count {
            if Array(chars[k ..< k + needle.count]) == needle,
               k == 0 || !isIDChar(chars[k - 1]), k + needle.count == chars.count || !isIDChar(chars[k + needle.count]) {
                return true
            }
            k += 1
        }
        return false
    }
}

extension Workspace {
    /// Writes the write-ahead log into the database and truncates it, so that nothing erased
    /// lingers in the log file.
    func checkpoint() throws(WorkspaceError) {
        do {
            try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw .database(path, words(error))
        }
    }

    /// Everything the workspace holds about one student, as JSON (the right of access): the
    /// record, the job coach's settings, the current place, bans, the history and the audit
    /// entries that name them. Written owner-only, atomically.
    /// - Returns: the number of audit entries included.
    @discardableResult
    public func exportStudent(_ s: StudentID, to file: String) throws(WorkspaceError) -> Int {
        let (json, entries) = try read { db -> (String, Int) in
            guard let student = try Row.fetchOne(db, sql: "SELECT * FROM student WHERE id = ?", arguments: [s.value]) else {
                throw WorkspaceError.notFound("no student \(s)")
            }
            var out: [String: Any] = [:]
            var record: [String: Any] = [:]
            for column in student.columnNames { record[column] = (student[column] as DatabaseValue).storage.value ?? NSNull() }
            out["student"] = record
            func rows(_ sql: String) throws -> [[String: Any]] {
                try Row.fetchAll(db, sql: sql, arguments: [s.value]).map { row in
                    var d: [String: Any] = [:]
                    for column in row.columnNames { d[column] = (row[column] as DatabaseValue).storage.value ?? NSNull() }
                    return d
                }
            }
            out["settings"] = try rows("SELECT name, value FROM student_setting WHERE student_id = ?")
            out["placement"] = try rows("SELECT internship_id, status, reason, start_date, planned_end FROM register WHERE student_id = ?")
            out["bans"] = try rows("SELECT internship_id, reason FROM ban WHERE student_id = ?")
            out["history"] = try rows("SELECT internship_id, employer, outcome, start_date, end_date, user, reason FROM history WHERE student_id = ?")
            let audit = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq").filter { row in
                (row["student_id"] as String?) == s.value
                    || [row["subject"] as String, row["detail"] as String, (row["reason"] as String?) ?? ""].contains { Register.names($0, s.value) }
            }
            out["audit"] = audit.map { row in
                ["at": row["at"] as String, "user": row["user"] as String, "action": row["action"] as String,
                 "subject": row["subject"] as String, "detail": row["detail"] as String, "reason": (row["reason"] as String?) ?? ""]
            }
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys])
            return (String(decoding: data, as: UTF8.self), audit.count)
        }
        try Self.writeOwnerOnly(Array((json + "\n").utf8), to: file)
        _ = try write { db in
            try audit(db, action: "export student", subject: s.value, detail: "everything held about the student, to \(file)", student: s.value)
        }
        return entries
    }
}

private extension DatabaseValue.Storage {
    /// The stored value as a JSON-serialisable object.
    var value: Any? {
        switch self {
        case .null: nil
        case .int64(let v): v
        case .double(let v): v
        case .string(let v): v
        case .blob(let d): d.base64EncodedString()
        }
    }
}

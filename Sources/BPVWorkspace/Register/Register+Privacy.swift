import BPVDomain
import Foundation
import GRDB

/// The school's duties under the GDPR for special-category data: erasure of one student
/// (`forget`), a retention purge (`purge`), and access (`exportStudent`).
///
/// Erasure is total: the student's record, settings, place in the register, bans, history,
/// rows of past rounds and their own audit entries are deleted in one transaction. Free text
/// written about them in other students' records (a pin "swapped with GV-015", a ban, a
/// decline, an end reason) and in other audit entries keeps its meaning for those students,
/// with every mention of the erased student (id, name, the parts of the name) replaced by
/// ``erasedToken``; the audit log then keeps that an erasure happened and how many students,
/// not who. SQLite's `secure_delete` zeroes the freed space and the write-ahead log is
/// checkpointed and truncated, so nothing of the student is in the workspace's files
/// afterwards. The draft is solved again without them.
extension Register {
    /// What replaces an erased student's id or name in text kept about others.
    public static let erasedToken = "[erased]"

    /// Erases students (the right to erasure). Refused for an unknown id, and for a reason that
    /// names one of them (it would keep for good what the erasure removes).
    /// - Returns: who moved in the draft.
    @discardableResult
    public func forget(students ids: [StudentID], reason: String? = nil) throws(WorkspaceError) -> RoundChanges? {
        let model = try currentModel()
        for s in ids where model.student(s) == nil { throw .refused(.noStudent(s.value)) }
        if let reason {
            for s in ids where !Self.mentions(reason, Self.identifying(s, name: model.student(s)?.name)).isEmpty {
                throw .refused(.reasonNamesStudent(s))
            }
        }
        let moved = try erase(ids, action: "forget", detail: "\(ids.count) student\(ids.count == 1 ? "" : "s") erased", reason: reason)
        return moved
    }

    /// Erases every student whose last placement ended before `date` and who holds no place
    /// now (the retention term the school set).
    /// - Returns: the students erased.
    @discardableResult
    public func purge(endedBefore date: CalendarDate, reason: String? = nil) throws(WorkspaceError) -> [StudentID] {
        let ids = try purgeable(endedBefore: date)
        guard !ids.isEmpty else { return [] }
        _ = try erase(ids, action: "purge", detail: "\(ids.count) student\(ids.count == 1 ? "" : "s") whose last placement ended before \(date) erased",
                  reason: reason)
        return ids
    }

    /// The students `purge(endedBefore:)` would erase.
    public func purgeable(endedBefore date: CalendarDate) throws(WorkspaceError) -> [StudentID] {
        try workspace.read { db in
            try String.fetchAll(db, sql: """
                SELECT student_id FROM history WHERE end_date IS NOT NULL GROUP BY student_id HAVING MAX(end_date) < ?
                AND student_id NOT IN (SELECT student_id FROM register WHERE status != 'draft')
                """, arguments: [date.description]).map { StudentID($0) }
        }
    }

    /// The words that identify each of `ids` in free text (see ``identifying(_:name:)``), read
    /// before an erasure so that a front end can scrub what it keeps (the shell's history).
    public func identifyingWords(of ids: [StudentID]) throws(WorkspaceError) -> [String] {
        try workspace.read { db in
            try ids.flatMap { s in Self.identifying(s, name: try String.fetchOne(db, sql: "SELECT name FROM student WHERE id = ?", arguments: [s.value])) }
        }
    }

    /// Whether `text` mentions any of `words` (as ``identifying(_:name:)`` gives them) as a
    /// whole word, ignoring case.
    public static func mentionsAny(_ text: String, _ words: [String]) -> Bool { !mentions(text, words).isEmpty }

    /// The words that identify a student in free text: the id, the name, and each part of
    /// the name of three letters or more that is not a particle (`van`, `de`): a reason may
    /// say "swapped with Rayan". Erasing a first name another person shares errs on the side
    /// the law asks for.
    public static func identifying(_ s: StudentID, name: String?) -> [String] {
        var words = [s.value]
        if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            words.append(name)
            let particles: Set<String> = ["van", "der", "den", "het", "ten", "ter", "von", "del", "les", "dos", "das", "bin", "ben"]
            for part in name.split(whereSeparator: { $0 == " " || $0 == "-" }) where part.count >= 3 && !particles.contains(part.lowercased()) {
                if !words.contains(String(part)) { words.append(String(part)) }
            }
        }
        return words
    }

    /// The ranges of `text` where one of `words` stands as a whole word, ignoring case.
    static func mentions(_ text: String, _ words: [String]) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }
        for word in words where !word.isEmpty {
            var from = text.startIndex
            while let r = text.range(of: word, options: [.caseInsensitive], range: from ..< text.endIndex) {
                let before = r.lowerBound == text.startIndex || !isWordChar(text[text.index(before: r.lowerBound)])
                let after = r.upperBound == text.endIndex || !isWordChar(text[r.upperBound])
                if before && after { found.append(r) }
                from = r.upperBound
            }
        }
        return found
    }

    /// `text` with every mention of `words` replaced by ``erasedToken``; nil when it names none.
    static func redacted(_ text: String, _ words: [String]) -> String? {
        // Longest words first (the full name before its parts), so a name goes as one token.
        var out = text, changed = false
        for word in words.sorted(by: { $0.count > $1.count }) {
            while let r = mentions(out, [word]).first {
                out.replaceSubrange(r, with: erasedToken)
                changed = true
            }
        }
        return changed ? out : nil
    }

    private func erase(_ ids: [StudentID], action: String, detail: String, reason: String?) throws(WorkspaceError) -> RoundChanges? {
        let moved = try apply(.forget(ids)) { db, _, _ in
            var words: [String] = []
            for s in ids {
                let name = try String.fetchOne(db, sql: "SELECT name FROM student WHERE id = ?", arguments: [s.value])
                words += Self.identifying(s, name: name)
                for table in ["placement", "history", "register", "student_setting", "ban"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE student_id = ?", arguments: [s.value])
                }
                try db.execute(sql: "DELETE FROM student WHERE id = ?", arguments: [s.value])
            }
            try Self.eraseFromAudit(db, ids, words: words)
            try Self.redactFreeText(db, words: words)
            return try self.workspace.audit(db, action: action, subject: "students", detail: detail, reason: reason)
        }
        try workspace.checkpoint()
        return moved
    }

    /// Rewrites the free text kept about other students (register, ban and history reasons)
    /// where it mentions `words`.
    static func redactFreeText(_ db: Database, words: [String]) throws {
        for (table, key) in [("register", "rowid"), ("ban", "rowid"), ("history", "id")] {
            let rows = try Row.fetchAll(db, sql: "SELECT \(key) AS k, reason FROM \(table) WHERE reason IS NOT NULL")
            for row in rows {
                guard let text = row["reason"] as String?, let clean = redacted(text, words) else { continue }
                try db.execute(sql: "UPDATE \(table) SET reason = ? WHERE \(key) = ?", arguments: [clean, row["k"] as Int64])
            }
        }
    }

    /// Deletes the erased students' own audit entries and rewrites the others that mention
    /// them (by `words`). The log is append-only through two triggers; erasure lifts them
    /// inside this one transaction and puts them back.
    static func eraseFromAudit(_ db: Database, _ ids: [StudentID], words: [String]) throws {
        let own = Set(ids.map(\.value))
        var doomed: [Int64] = []
        var rewritten: [(Int64, String, String, String?)] = []
        for row in try Row.fetchAll(db, sql: "SELECT seq, subject, detail, reason, student_id FROM audit") {
            let seq: Int64 = row["seq"]
            if let s = row["student_id"] as String?, own.contains(s) {
                doomed.append(seq)
                continue
            }
            let subject: String = row["subject"], detail: String = row["detail"], reason: String? = row["reason"]
            let newSubject = redacted(subject, words), newDetail = redacted(detail, words), newReason = reason.flatMap { redacted($0, words) }
            if newSubject != nil || newDetail != nil || newReason != nil {
                rewritten.append((seq, newSubject ?? subject, newDetail ?? detail, newReason ?? reason))
            }
        }
        guard !doomed.isEmpty || !rewritten.isEmpty else { return }
        try db.execute(sql: "DROP TRIGGER audit_no_delete")
        try db.execute(sql: "DROP TRIGGER audit_no_update")
        for seq in doomed { try db.execute(sql: "DELETE FROM audit WHERE seq = ?", arguments: [seq]) }
        for (seq, subject, detail, reason) in rewritten {
            try db.execute(sql: "UPDATE audit SET subject = ?, detail = ?, reason = ? WHERE seq = ?", arguments: [subject, detail, reason, seq])
        }
        try db.execute(sql: Schema.auditNoUpdate)
        try db.execute(sql: Schema.auditNoDelete)
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
                throw WorkspaceError.refused(.noStudent(s.value))
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

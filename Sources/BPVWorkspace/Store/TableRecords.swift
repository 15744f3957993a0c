import BPVDomain
import Foundation
import GRDB

/// One stored setting of the workspace (a weight or speed, the region, the language, the
/// report's title): the one way a setting row is read or written.
struct SettingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"
    var name: String
    var value: String

    /// The stored value of `name`, if any.
    static func value(_ db: Database, _ name: String) throws -> String? { try fetchOne(db, key: name)?.value }

    /// Stores `value` under `name`, or removes the row for nil (the setting is at its default).
    /// - Returns: the value it had.
    @discardableResult
    static func put(_ db: Database, _ name: String, _ value: String?) throws -> String? {
        let old = try Self.value(db, name)
        if let value { try SettingRecord(name: name, value: value).upsert(db) } else { _ = try deleteOne(db, key: name) }
        return old
    }
}

/// One student's own setting (a job coach's longer travel limit), apart from the imported record.
struct StudentSettingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "student_setting"
    var studentID: String
    var name: String
    var value: String

    enum CodingKeys: String, CodingKey { case studentID = "student_id", name, value }

    /// Stores `value`, or removes the row for nil (the imported value applies again).
    /// - Returns: the value it had.
    @discardableResult
    static func put(_ db: Database, _ student: StudentID, _ name: String, _ value: String?) throws -> String? {
        let key: [String: any DatabaseValueConvertible] = ["student_id": student.value, "name": name]
        let old = try fetchOne(db, key: key)?.value
        if let value { try StudentSettingRecord(studentID: student.value, name: name, value: value).upsert(db) } else { _ = try deleteOne(db, key: key) }
        return old
    }
}

/// A pair ruled out of every later round, with why (a coach's ban, a decline, a breakdown).
struct BanRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ban"
    var studentID: String
    var internshipID: String
    var reason: String

    enum CodingKeys: String, CodingKey { case studentID = "student_id", internshipID = "internship_id", reason }

    init(_ pair: Pair, reason: String) {
        (studentID, internshipID, self.reason) = (pair.student.value, pair.internship.value, reason)
    }

    var pair: Pair { Pair(StudentID(studentID), InternshipID(internshipID)) }

    /// Bans the pair, or gives a banned pair its new reason.
    static func put(_ db: Database, _ pair: Pair, reason: String) throws { try BanRecord(pair, reason: reason).upsert(db) }

    /// Lifts the ban on the pair.
    static func remove(_ db: Database, _ pair: Pair) throws {
        _ = try deleteOne(db, key: ["student_id": pair.student.value, "internship_id": pair.internship.value])
    }
}

/// An audit entry as the append-only `audit` table holds it, read back.
extension AuditEntry: FetchableRecord, TableRecord {
    public static let databaseTableName = "audit"

    public init(row: Row) throws {
        self.init(sequence: row["seq"], at: row["at"], user: row["user"], action: row["action"], subject: row["subject"],
                  detail: row["detail"], reason: row["reason"])
    }

    /// The entries after `seq`, oldest first.
    static func after(_ seq: Int64) -> QueryInterfaceRequest<AuditEntry> {
        filter(Column("seq") > seq).order(Column("seq"))
    }
}

/// A new audit entry: who did what to whom, why, stamped with the time (UTC, milliseconds)
/// and numbered by the table (`seq`, the order of all changes).
struct AuditRecord: PersistableRecord {
    static let databaseTableName = "audit"
    var user: String
    var action: String
    var subject: String
    var detail: String
    var reason: String?
    var student: String?
    var internship: String?

    func encode(to c: inout PersistenceContainer) throws {
        c["at"] = Self.stamp.string(from: Date())
        c["user"] = user
        c["action"] = action
        c["subject"] = subject
        c["detail"] = detail
        c["reason"] = reason
        c["student_id"] = student
        c["internship_id"] = internship
    }

    /// `2026-12-03T00:31:39.123Z`, as SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ')` wrote it.
    nonisolated(unsafe) static let stamp: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}

/// One solve of a round, as the `round` table keeps the history of solves.
struct RoundRecord: PersistableRecord {
    static let databaseTableName = "round"
    var user: String
    var settings: String
    var placed: Int
    var unplaced: Int
    var totalScore: Int64
    var date: CalendarDate?

    func encode(to c: inout PersistenceContainer) throws {
        c["created_at"] = AuditRecord.stamp.string(from: Date())
        c["user"] = user
        c["settings"] = settings
        c["placed"] = placed
        c["unplaced"] = unplaced
        c["total_score"] = totalScore
        c["date"] = date?.description
    }
}

/// A line of a student's history: a placement that ended, or a proposal declined.
struct HistoryRecord: Codable, PersistableRecord {
    static let databaseTableName = "history"
    var studentID: String
    var internshipID: String
    var employer: String
    var outcome: String
    var startDate: String?
    var endDate: String?
    var user: String
    var reason: String?
    var seq: Int64
    var daysPerWeek: Int?

    enum CodingKeys: String, CodingKey {
        case studentID = "student_id", internshipID = "internship_id", employer, outcome, startDate = "start_date", endDate = "end_date"
        case user, reason, seq, daysPerWeek = "days_per_week"
    }
}

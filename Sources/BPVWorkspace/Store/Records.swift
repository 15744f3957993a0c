import BPVDomain
import BPVGeography
import GRDB

/// Mapping between domain values and rows. Lists are stored as `|`-joined text, as in the CSV.
///
/// Every table a record can express is read and written through its record (students,
/// internships, employers, the register's rows, bans, settings, student settings, audit entries,
/// rounds, history lines: `StudentRecord` and its kin here and in `TableRecords.swift`, and
/// `RegisterRow`). Hand-written SQL remains, each with its reason beside it, only for: the
/// frozen migrations; PRAGMAs; joins and aggregates (a history line with its audit time, the
/// waiting list, the employers' summaries, the checks); erasure, which walks every table and
/// lifts the audit log's triggers; the one statement that moves a register row's key; and the
/// bulk insert of a round's placements through one prepared statement.
enum Records {
    static func list<T>(_ text: String, _ parse: (String) -> T?) throws -> [T] {
        try text.split(separator: "|").map { part in
            guard let v = parse(String(part)) else { throw WorkspaceError.corruptRecord("'\(part)' in '\(text)'") }
            return v
        }
    }

    static func employer(_ row: Row) throws -> Employer {
        Employer(id: PseudonymousID(stored: row["id"] as String), name: row["name"], leerbedrijfID: row["leerbedrijf_id"], town: row["town"],
                 contact: row["contact"], phone: row["phone"], email: row["email"])
    }

    /// A stored date. One that cannot be read (another program wrote it) is read as absent
    /// rather than failing every command that reads the register: `check` lists it with its
    /// repair.
    static func date(_ text: String?, _ what: String) -> CalendarDate? {
        text.flatMap(CalendarDate.init)
    }

    /// A stored point, with the postcode area it stands for.
    static func location(_ row: Row) throws -> Location {
        var l = try Location(latitude: row["lat"], longitude: row["lon"])
        l.postcode = (row["postcode"] as Int?).flatMap(Postcode.init(number:))
        return l
    }

    static func student(_ row: Row) throws -> Student {
        let id: String = row["id"]
        guard let level = Level(rawValue: row["level"]), let mode = TravelMode(rawValue: row["travel_mode"]) else {
            throw WorkspaceError.corruptRecord("student \(id)")
        }
        return Student(
            id: PseudonymousID(stored: id), name: row["name"], level: level,
            sectors: try list(row["sectors"], Sector.init(rawValue:)),
            home: try location(row), travelMode: mode,
            maxTravelMinutes: row["max_travel_min"], needs: AccommodationSet(try list(row["needs"], Accommodation.init(rawValue:))),
            certificates: CertificateSet(try list(row["certificates"], Certificate.init(rawValue:))),
            priority: UInt8(clamping: row["priority"] as Int), coach: row["coach"],
            availableFrom: date(row["available_from"], "student \(id)"), school: row["school"],
            profile: (row["profile"] as String?).flatMap(ExitProfile.init(rawValue:)))
    }

    static func internship(_ row: Row) throws -> Internship {
        let id: String = row["id"]
        guard let sector = Sector(rawValue: row["sector"]) else { throw WorkspaceError.corruptRecord("internship \(id)") }
        return Internship(
            id: PseudonymousID(stored: id), employer: row["employer"], leerbedrijfID: row["leerbedrijf_id"], sector: sector,
            location: try location(row), capacity: row["capacity"],
            supportCapacity: row["support_capacity"], offers: AccommodationSet(try list(row["offers"], Accommodation.init(rawValue:))),
            requires: CertificateSet(try list(row["requires"], Certificate.init(rawValue:))),
            levels: Set(try list(row["levels"], Level.init(rawValue:))),
            availableFrom: date(row["available_from"], "internship \(id)"), availableUntil: date(row["available_until"], "internship \(id)"),
            employerID: row["employer_id"])
    }
}

/// A student as the `student` table holds them: the one mapping both ways (lists as
/// `|`-joined text, as in the CSV). Written by hand, not through `Codable`: the whole table is
/// read on every load of a round, and a row's columns are not the value's properties.
struct StudentRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "student"
    var student: Student
    /// The day of the first import (when writing a new student).
    var registeredOn: CalendarDate?

    init(_ student: Student, registeredOn: CalendarDate? = nil) {
        self.student = student
        self.registeredOn = registeredOn
    }

    init(row: Row) throws { student = try Records.student(row) }

    func encode(to c: inout PersistenceContainer) throws {
        let s = student
        c["id"] = s.id.value
        c["name"] = s.name
        c["level"] = s.level.rawValue
        c["sectors"] = s.sectors.map(\.rawValue).joined(separator: "|")
        c["lat"] = s.home.latitude
        c["lon"] = s.home.longitude
        c["postcode"] = s.home.postcode?.number
        c["travel_mode"] = s.travelMode.rawValue
        c["max_travel_min"] = s.maxTravelMinutes
        c["needs"] = s.needs.elements.map(\.rawValue).joined(separator: "|")
        c["certificates"] = s.certificates.elements.map(\.rawValue).joined(separator: "|")
        c["priority"] = Int(s.priority)
        c["coach"] = s.coach
        c["available_from"] = s.availableFrom?.description
        c["school"] = s.school
        c["profile"] = s.profile?.rawValue
        if let registeredOn { c["registered_on"] = registeredOn.description }
    }

    /// What a re-import replaces: every column but the day the student was first imported.
    static let imported: Set<String> = ["name", "level", "sectors", "lat", "lon", "postcode", "travel_mode", "max_travel_min", "needs",
                                        "certificates", "priority", "coach", "available_from", "school", "profile"]
}

/// An internship as the `internship` table holds it.
struct InternshipRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "internship"
    var internship: Internship

    init(_ internship: Internship) { self.internship = internship }
    init(row: Row) throws { internship = try Records.internship(row) }

    func encode(to c: inout PersistenceContainer) throws {
        let i = internship
        c["id"] = i.id.value
        c["employer"] = i.employer
        c["leerbedrijf_id"] = i.leerbedrijfID
        c["sector"] = i.sector.rawValue
        c["lat"] = i.location.latitude
        c["lon"] = i.location.longitude
        c["postcode"] = i.location.postcode?.number
        c["capacity"] = i.capacity
        c["support_capacity"] = i.supportCapacity
        c["offers"] = i.offers.elements.map(\.rawValue).joined(separator: "|")
        c["requires"] = i.requires.elements.map(\.rawValue).joined(separator: "|")
        c["levels"] = Level.allCases.filter(i.levels.contains).map(\.rawValue).joined(separator: "|")
        c["available_from"] = i.availableFrom?.description
        c["available_until"] = i.availableUntil?.description
        c["employer_id"] = i.employerID
    }
}

/// An employer as the `employer` table holds it (contacts are the employer's staff).
struct EmployerRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "employer"
    var employer: Employer

    init(_ employer: Employer) { self.employer = employer }
    init(row: Row) throws { employer = try Records.employer(row) }

    func encode(to c: inout PersistenceContainer) throws {
        let e = employer
        c["id"] = e.id.value
        c["name"] = e.name
        c["leerbedrijf_id"] = e.leerbedrijfID
        c["town"] = e.town
        c["contact"] = e.contact
        c["phone"] = e.phone
        c["email"] = e.email
    }
}

import BPVDomain
import BPVGeography
import GRDB

/// Mapping between domain values and rows. Lists are stored as `|`-joined text, as in the CSV.
enum Records {
    static func arguments(_ s: Student) -> StatementArguments {
        [s.id.value, s.name, s.level.rawValue, s.sectors.map(\.rawValue).joined(separator: "|"), s.home.latitude,
         s.home.longitude, s.travelMode.rawValue, s.maxTravelMinutes, s.needs.elements.map(\.rawValue).joined(separator: "|"),
         s.certificates.elements.map(\.rawValue).joined(separator: "|"), Int(s.priority), s.coach, s.availableFrom?.description, s.school, s.profile?.rawValue, s.home.postcode?.number]
    }

    static func arguments(_ i: Internship) -> StatementArguments {
        [i.id.value, i.employer, i.leerbedrijfID, i.sector.rawValue, i.location.latitude, i.location.longitude, i.capacity,
         i.supportCapacity, i.offers.elements.map(\.rawValue).joined(separator: "|"),
         i.requires.elements.map(\.rawValue).joined(separator: "|"),
         Level.allCases.filter(i.levels.contains).map(\.rawValue).joined(separator: "|"), i.availableFrom?.description,
         i.availableUntil?.description, i.employerID, i.location.postcode?.number]
    }

    static func list<T>(_ text: String, _ parse: (String) -> T?) throws -> [T] {
        try text.split(separator: "|").map { part in
            guard let v = parse(String(part)) else { throw WorkspaceError.corruptRecord("'\(part)' in '\(text)'") }
            return v
        }
    }

    static func arguments(_ e: Employer) -> StatementArguments {
        [e.id.value, e.name, e.leerbedrijfID, e.town, e.contact, e.phone, e.email]
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

import BPVDomain

/// A region's register on one PostgreSQL server: setting it up (`bpv server init`), its
/// schools (`add-school`) and its users (`add-user`). Run by the region's database owner (the
/// role that owns the `bpv` schema), not by coordinators or coaches.
public struct Region: Sendable {
    public let connection: ServerConnection

    public init(_ connection: ServerConnection) { self.connection = connection }

    /// The advisory lock that orders two `init`s of one database (any fixed number will do;
    /// this one spells "BPV").
    static let migrationLock = 0x42_5056

    /// Brings the database's schema to ``ServerSchema/latest``: each missing migration in its
    /// own transaction under an advisory lock, so that two `init`s at once apply each step once.
    /// Safe to run again: it applies only what is missing.
    /// - Returns: the versions applied now (empty when the schema was already current).
    /// - Throws: ``ServerProblem/newerSchema(_:_:)`` when the database was set up by a newer
    ///   bpv (this one would not know its tables); the server's words when a step fails, and
    ///   then nothing of that step is kept.
    @discardableResult
    public func initialise() throws(ServerProblem) -> [Int] {
        try run("""
            BEGIN;
            SELECT pg_advisory_xact_lock(\(Self.migrationLock));
            CREATE SCHEMA IF NOT EXISTS bpv;
            CREATE TABLE IF NOT EXISTS bpv.migration (
                version integer PRIMARY KEY, name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user
            );
            REVOKE ALL ON bpv.migration FROM PUBLIC;
            COMMIT;
            """)
        let found = try version()
        if found > ServerSchema.latest { throw .newerSchema(found, ServerSchema.latest) }
        var applied: [Int] = []
        for migration in ServerSchema.migrations {
            try run("BEGIN; SELECT pg_advisory_xact_lock(\(Self.migrationLock));")
            do {
                let done = try connection.rows("SELECT 1 FROM bpv.migration WHERE version = $1::integer", ["\(migration.version)"])
                if done.isEmpty {
                    try connection.execute(migration.sql)
                    _ = try connection.rows(
                        "INSERT INTO bpv.migration (version, name) VALUES ($1::integer, $2)", ["\(migration.version)", migration.name])
                    applied.append(migration.version)
                }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw .step(migration.version, migration.name, error)
            }
        }
        return applied
    }

    /// The schema version this database has (0 before `init`).
    public func version() throws(ServerProblem) -> Int {
        if try query("SELECT to_regclass('bpv.migration')::text").first?.first.flatMap({ $0 }) == nil { return 0 }
        return Int(try integer("SELECT coalesce(max(version), 0)::text FROM bpv.migration"))
    }

    /// The one number a query selects (as text), 0 when it selects none.
    func integer(_ sql: String, _ values: [String?] = []) throws(ServerProblem) -> Int64 {
        try query(sql, values).first?.first.flatMap { $0.flatMap { Int64($0) } } ?? 0
    }

    /// Adds a school, or renames one. `id` is what the students' `school` column says.
    public func addSchool(id: String, name: String) throws(ServerProblem) {
        guard !id.isEmpty, !id.contains(where: \.isNewline) else { throw .badSchool(id) }
        try requireCurrent()
        _ = try query(
            "INSERT INTO bpv.school (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name", [id, name])
    }

    /// Makes `name` a user of the region with `role`: a PostgreSQL login role (made when
    /// missing, without a password: set one with psql's `\password`, or let pg_hba.conf decide
    /// how they log in), a member of the role's group and of no other bpv group, with their
    /// school and, for a coach, the `coach` label of their caseload in the students' file
    /// (their name unless `caseload` says otherwise).
    public func addUser(_ name: String, role: ServerSchema.Role, school: String?, caseload: String? = nil) throws(ServerProblem) {
        guard Self.isRoleName(name) else { throw .badUserName(name) }
        if role.needsSchool, school == nil { throw .schoolNeeded(role.rawValue) }
        if !role.needsSchool, school != nil { throw .noSchoolFor(role.rawValue) }
        try requireCurrent()
        if let school, try query("SELECT 1 FROM bpv.school WHERE id = $1", [school]).isEmpty {
            throw .unknownSchool(school)
        }
        let quoted = Self.quoted(name)
        try run("BEGIN")
        do {
            // Roles are the cluster's: another region's `add-user` (or a test beside this one)
            // may make the same login at the same moment, so a role made meanwhile is taken as
            // it is, like the group roles (asking first and then making it raced).
            try connection.execute("""
                DO $$ BEGIN CREATE ROLE \(quoted) LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
                """)
            for other in ServerSchema.Role.allCases where other != role {
                try connection.execute("REVOKE \(other.groupRole) FROM \(quoted)")
            }
            try connection.execute("GRANT \(role.groupRole) TO \(quoted)")
            _ = try connection.rows(
                """
                INSERT INTO bpv.member (name, role, school, coach) VALUES ($1, $2, $3, $4)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, school = excluded.school, coach = excluded.coach
                """, [name, role.rawValue, school, role == .coach ? caseload : nil])
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw .failed(error)
        }
    }

    /// The region's users, by name: role, school, caseload.
    public func members() throws(ServerProblem) -> [(name: String, role: String, school: String?, caseload: String?)] {
        try query("SELECT name, role, school, CASE WHEN role = 'coach' THEN coalesce(coach, name) END FROM bpv.member ORDER BY name")
            .map { (name: $0[0] ?? "", role: $0[1] ?? "", school: $0[2], caseload: $0[3]) }
    }

    func requireCurrent() throws(ServerProblem) {
        let found = try version()
        guard found == ServerSchema.latest else { throw .notInitialised(found, ServerSchema.latest) }
    }

    /// A login name bpv makes roles of: letters, digits, `_`, `.`, `-` and `@`, 1 to 63 characters
    /// (PostgreSQL's limit), not starting with `pg_` or `bpv_` (reserved for the server's and bpv's groups).
    static func isRoleName(_ name: String) -> Bool {
        (1 ... 63).contains(name.utf8.count) && !name.hasPrefix("pg_") && !name.hasPrefix("bpv_")
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0" ... "9").contains($0) || "_.-@".unicodeScalars.contains($0) }
    }

    /// An SQL identifier in double quotes (quotes doubled).
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    func execute(_ sql: String) throws(ServerProblem) { try run(sql) }

    private func run(_ sql: String) throws(ServerProblem) {
        do { try connection.execute(sql) } catch { throw .failed(error) }
    }

    func query(_ sql: String, _ values: [String?] = []) throws(ServerProblem) -> [[String?]] {
        do { return try connection.rows(sql, values) } catch { throw .failed(error) }
    }
}

/// Why a server command did not do what was asked; worded in both languages at the edge.
public enum ServerProblem: Error, Sendable, Equatable {
    case failed(ServerError)
    case step(Int, String, ServerError)
    case newerSchema(Int, Int)
    case notInitialised(Int, Int)
    case badSchool(String)
    case unknownSchool(String)
    case badUserName(String)
    case schoolNeeded(String)
    case noSchoolFor(String)
    case unknownRole(String)
    /// A copy would bring ids the region has already (the first few).
    case copyClash(String, [String])
    /// A copy's internships or employers have ids the region has, with other values (the ids).
    case copyDiffers(String, [String])
    /// A copy's held placements and the region's together are more than a shared internship's
    /// places (the internships, the first few).
    case copyOverfills([String])
    /// A copy's setting differs from the region's: name, the region's value, the copy's.
    case settingClash(String, String, String)
    /// A copy out of the server by a user who does not see every pupil.
    case copyNeedsWholeRegion(String)

    public func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .failed(let error): return error.text(language)
        case .step(let version, let name, let error):
            return nl ? "stap \(version) (\(name)) mislukte en is teruggedraaid: \(error.text(language))"
                : "step \(version) (\(name)) failed and was rolled back: \(error.text(language))"
        case .newerSchema(let found, let known):
            return nl ? "deze database heeft schemaversie \(found); deze bpv kent tot \(known): werk bpv bij"
                : "this database has schema version \(found); this bpv knows up to \(known): update bpv"
        case .notInitialised(let found, let known):
            return nl ? "deze database heeft schemaversie \(found), niet \(known); voer eerst bpv server init uit"
                : "this database has schema version \(found), not \(known); run bpv server init first"
        case .badSchool(let id):
            return nl ? "'\(id)' is geen school-id: geef een niet-lege naam op één regel" : "'\(id)' is not a school id: give a non-empty name on one line"
        case .unknownSchool(let id):
            return nl ? "school '\(id)' bestaat niet; voeg haar toe met bpv server add-school \(id) NAAM"
                : "no school '\(id)'; add it with bpv server add-school \(id) NAME"
        case .badUserName(let name):
            return nl ? "'\(name)' is geen gebruikersnaam: letters, cijfers, _ . - @, 1 tot 63 tekens, niet beginnend met pg_ of bpv_"
                : "'\(name)' is not a user name: letters, digits, _ . - @, 1 to 63 characters, not starting with pg_ or bpv_"
        case .schoolNeeded(let role):
            return nl ? "een gebruiker met de rol \(role) hoort bij een school: noem haar" : "a user with role \(role) belongs to a school: name it"
        case .noSchoolFor(let role):
            return nl ? "de rol \(role) geldt voor de hele regio; laat de school weg" : "role \(role) is the whole region's; leave the school out"
        case .unknownRole(let role):
            let known = ServerSchema.Role.allCases.map(\.rawValue).joined(separator: ", ")
            return nl ? "onbekende rol '\(role)'; een van \(known)" : "unknown role '\(role)'; one of \(known)"
        case .copyClash(let table, let ids):
            let list = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            let what = nl ? ["student": "leerlingen", "internship": "stageplaatsen", "employer": "werkgevers"][table] ?? table
                : ["student": "students", "internship": "internships", "employer": "employers"][table] ?? table
            return nl ? "de regio heeft al \(what) met deze id's: \(list); er is niets gekopieerd. Geef ze eerst eigen id's"
                : "the region already has \(what) with these ids: \(list); nothing was copied. Give them ids of their own first"
        case .copyDiffers(let table, let ids):
            let list = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            let what = nl ? ["internship": "stageplaatsen", "employer": "werkgevers"][table] ?? table
                : ["internship": "internships", "employer": "employers"][table] ?? table
            return nl
                ? "de regio heeft al \(what) met deze id's, maar met andere gegevens: \(list); er is niets gekopieerd. Maak ze gelijk aan die van de regio (een gedeelde werkgever) of geef ze eigen id's"
                : "the region already has \(what) with these ids, with other values: \(list); nothing was copied. Make them the same as the region's (a shared employer) or give them ids of their own"
        case .copyOverfills(let ids):
            let list = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return nl
                ? "de vastgehouden plaatsingen van de kopie en van de regio samen zijn meer dan de plaatsen van \(list); er is niets gekopieerd. Maak eerst plaatsen vrij in het bestand (unpin, decline, end) of geef de stageplaats meer plaatsen in de regio"
                : "the copy's held placements and the region's together are more than the places of \(list); nothing was copied. Release some in the file first (unpin, decline, end) or give the internship more places in the region"
        case .copyNeedsWholeRegion(let user):
            return nl ? "\(user) ziet niet alle leerlingen van de regio; een kopie naar een bestand neemt de hele regio mee en is voor de eigenaar of een regiocoördinator"
                : "\(user) does not see every pupil of the region; a copy into a file takes the whole region and is for its owner or a regional coordinator"
        case .settingClash(let name, let have, let given):
            return nl ? "de regio heeft \(name) = \(have), de werkruimte \(given); er is niets gekopieerd. Maak ze eerst gelijk (set \(name) ...)"
                : "the region has \(name) = \(have), the workspace \(given); nothing was copied. Make them agree first (set \(name) ...)"
        }
    }
}

extension ServerError {
    public func text(_ language: Language) -> String {
        switch self {
        case .cannotConnect(let address, let why):
            language == .nl ? "kan \(address) niet bereiken: \(why)" : "cannot reach \(address): \(why)"
        case .failed(let why): why
        }
    }
}

extension ServerAddressProblem {
    public func text(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .notAURI(let text):
            return nl ? "'\(text)' is geen serveradres; schrijf postgresql://GEBRUIKER@HOST:POORT/DATABASE"
                : "'\(text)' is not a server address; write postgresql://USER@HOST:PORT/DATABASE"
        case .badPort(let text): return nl ? "poort '\(text)' is geen getal van 1 tot 65535" : "port '\(text)' is not a number from 1 to 65535"
        case .badSSLMode(let text):
            let known = ServerAddress.SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            return nl ? "sslmode '\(text)' is onbekend; een van \(known)" : "unknown sslmode '\(text)'; one of \(known)"
        case .unknownParameter(let key):
            let known = ServerAddress.knownParameters.sorted().joined(separator: ", ")
            return nl ? "onbekende parameter '\(key)' in het adres; bekend: \(known)" : "unknown parameter '\(key)' in the address; known: \(known)"
        }
    }
}

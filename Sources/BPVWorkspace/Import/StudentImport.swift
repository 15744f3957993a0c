import BPVDomain
import BPVGeography

/// Reads students from CSV, the way schools export them.
///
/// Columns, by header name in any order (extra columns are ignored): `id`, `name`, `level`,
/// `sectors`, `postcode`, `town`, `lat`, `lon`, `travel_mode`, `max_travel_min`, `needs`, `certificates`,
/// `priority`, `coach`, `profile` (a PRO or VSO pupil's uitstroomprofiel: `arbeidsmarkt`, `vervolgonderwijs` or `dagbesteding`), `available_from` (the first day the student can start, `YYYY-MM-DD`;
/// empty: now), `school` (for reports by school). A location is `postcode` (`1234` or `1234 AB`), `town` (any Dutch place, `Laren (Lochem)` where a name exists twice), or `lat` and `lon`. `name`, `needs`,
/// `certificates`, `priority` and `coach` may be empty. Lists (`sectors`, `needs`,
/// `certificates`) are separated by `|`; `sectors` is ranked, most wanted first.
///
/// ```
/// id;name;level;sectors;town;travel_mode;max_travel_min;needs;certificates;priority;coach
/// S-0042;Sanne;entree;retail|logistiek;Hilversum;fiets;30;quiet|fixed_mentor;;1;Jan
/// ```
public enum StudentImport {
    /// A CSV file or an `.xlsx` workbook (its first sheet, or `sheet`).
    /// - Throws: ``ImportFailure`` listing every problem; then nothing is imported.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], fileName: String, sheet: String? = nil, region: Region = .none) throws(ImportFailure) -> [Student] {
        let (table, problems) = ImportTable.read(bytes, fileName: fileName, sheet: sheet)
        return try parse(table, problems: problems, region: region)
    }

    /// The rows of a table already read (with the problems found reading it).
    public static func parse(_ table: CSVTable, problems: [ImportProblem], region: Region = .none) throws(ImportFailure) -> [Student] {
        var r = RowReader(table, aliases: ColumnNames.students)
        r.region = region
        r.problems = problems
        r.requireColumns(["id", "level", "sectors", "travel_mode", "max_travel_min"],
                         known: ["name", "postcode", "town", "lat", "lon", "needs", "certificates", "priority", "coach", "available_from", "school", "profile"])
        r.requireLocationColumns()
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        var students: [Student] = []
        var firstLine: [PseudonymousID: Int] = [:]
        for row in table.rows {
            let before = r.problems.count
            let pid = r.uniqueID(row, firstLine: &firstLine)
            let level = r.required(row, "level").flatMap { f -> Level? in
                if let l = Level(parsing: f.text) { return l }
                r.problem(f, .unknownLevel(f.text))
                return nil
            }
            let sectors = r.list(row, "sectors", parse: Sector.init(parsing:)) {
                RowReader.unknown(.sector, $0, Sector.self)
            }
            if let sectors, sectors.isEmpty, let f = r.field(row, "sectors") { r.problem(f, .noSectors) }
            let home = r.location(row)
            let mode = r.required(row, "travel_mode").flatMap { f -> TravelMode? in
                if let m = TravelMode(parsing: f.text) { return m }
                r.problem(f, RowReader.unknown(.travelMode(column: r.shown("travel_mode")), f.text, TravelMode.self))
                return nil
            }
            let minutes = r.integer(row, "max_travel_min", in: 1 ... 240)
            let needs = r.list(row, "needs", parse: Accommodation.init(parsing:)) {
                RowReader.unknown(.need, $0, Accommodation.self)
            }
            let certificates = r.list(row, "certificates", parse: Certificate.init(parsing:)) {
                RowReader.unknown(.certificate, $0, Certificate.self)
            }
            let priority = r.integer(row, "priority", in: 0 ... 9, fallback: 0)
            let availableFrom = r.date(row, "available_from")
            let profile = r.field(row, "profile").flatMap { f -> ExitProfile?? in
                guard !f.text.isEmpty else { return .some(nil) }
                guard let p = ExitProfile(parsing: f.text) else {
                    r.problem(f, .unknownProfile(f.text))
                    return nil
                }
                if let level, !level.hasExitProfile {
                    r.problem(f, .profileNotForLevel(level))
                    return nil
                }
                return .some(p)
            } ?? .some(nil)
            guard r.problems.count == before, let pid, let level, let sectors, !sectors.isEmpty, let home, let mode,
                let minutes, let needs, let certificates, let priority, let availableFrom, let profile
            else { continue }
            let name = r.field(row, "name")?.text
            let coach = r.field(row, "coach")?.text
            let school = r.field(row, "school")?.text
            students.append(Student(
                id: pid, name: name?.isEmpty == false ? name : nil, level: level, sectors: sectors, home: home,
                travelMode: mode, maxTravelMinutes: minutes, needs: AccommodationSet(needs),
                certificates: CertificateSet(certificates), priority: UInt8(priority),
                coach: coach?.isEmpty == false ? coach : nil, availableFrom: availableFrom,
                school: school?.isEmpty == false ? school : nil, profile: profile))
        }
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        return students
    }
}

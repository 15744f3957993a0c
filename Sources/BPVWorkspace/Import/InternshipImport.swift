import BPVDomain
import BPVGeography

/// Reads internships from CSV, the way employer lists are kept.
///
/// Columns, by header name in any order (extra columns are ignored): `id`, `employer`, `sector`,
/// `postcode`, `town`, `lat`, `lon`, `capacity`, `support_capacity`, `offers`, `requires`, `levels`,
/// `leerbedrijf_id`, `employer_id` (an employer of the employers file), `available_from`, `available_until` (the window in which a new placement
/// can start, `YYYY-MM-DD`; empty: open). A location is `postcode` (`1234` or `1234 AB`), `town` (any Dutch place, `Laren (Lochem)` where a name exists twice), or `lat` and `lon`. `support_capacity` defaults to 0,
/// `levels` to all levels; `offers`, `requires` and `levels` are `|`-separated lists.
public enum InternshipImport {
    /// A CSV file or an `.xlsx` workbook (its first sheet, or `sheet`).
    /// - Throws: ``ImportFailure`` listing every problem; then nothing is imported.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], fileName: String, sheet: String? = nil, region: Region = .none) throws(ImportFailure) -> [Internship] {
        let (table, problems) = ImportTable.read(bytes, fileName: fileName, sheet: sheet)
        return try parse(table, problems: problems, region: region)
    }

    /// The rows of a table already read (with the problems found reading it).
    public static func parse(_ table: CSVTable, problems: [ImportProblem], region: Region = .none) throws(ImportFailure) -> [Internship] {
        var r = RowReader(table, aliases: ColumnNames.internships)
        r.region = region
        r.problems = problems
        r.requireColumns(["id", "employer", "sector", "capacity"],
                         known: ["postcode", "town", "lat", "lon", "support_capacity", "offers", "requires", "levels", "leerbedrijf_id", "employer_id", "available_from", "available_until"])
        r.requireLocationColumns()
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        var internships: [Internship] = []
        var firstLine: [PseudonymousID: Int] = [:]
        for row in table.rows {
            let before = r.problems.count
            let pid = r.uniqueID(row, firstLine: &firstLine)
            let employer = r.required(row, "employer")?.text
            let sector = r.required(row, "sector").flatMap { f -> Sector? in
                if let s = Sector(parsing: f.text) { return s }
                r.problem(f, RowReader.unknown(.sector, f.text, Sector.self))
                return nil
            }
            let location = r.location(row)
            let capacity = r.integer(row, "capacity", in: Places.range)
            let support = r.integer(row, "support_capacity", in: Places.range, fallback: 0)
            if let capacity, let support, support > capacity, let f = r.field(row, "support_capacity") {
                r.problem(f, .supportAboveCapacity(support: support, capacity: capacity))
            }
            let offers = r.list(row, "offers", parse: Accommodation.init(parsing:)) {
                RowReader.unknown(.accommodation, $0, Accommodation.self)
            }
            let requires = r.list(row, "requires", parse: Certificate.init(parsing:)) {
                RowReader.unknown(.certificate, $0, Certificate.self)
            }
            let levels = r.list(row, "levels", parse: Level.init(parsing:)) {
                .unknownLevel($0)
            }
            let from = r.date(row, "available_from"), until = r.date(row, "available_until")
            if let f = from ?? nil, let u = until ?? nil, u < f, let field = r.field(row, "available_until") {
                r.problem(field, .untilBeforeFrom(until: u, from: f))
            }
            guard r.problems.count == before, let pid, let employer, let sector, let location, let capacity, let support,
                let offers, let requires, let levels, let from, let until
            else { continue }
            let leerbedrijf = r.field(row, "leerbedrijf_id")?.text
            let employerID = r.field(row, "employer_id")?.text
            internships.append(Internship(
                id: pid, employer: employer, leerbedrijfID: leerbedrijf?.isEmpty == false ? leerbedrijf : nil,
                sector: sector, location: location, capacity: capacity, supportCapacity: support,
                offers: AccommodationSet(offers), requires: CertificateSet(requires),
                levels: levels.isEmpty ? Set(Level.allCases) : Set(levels), availableFrom: from, availableUntil: until,
                employerID: employerID?.isEmpty == false ? employerID : nil))
        }
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        return internships
    }
}

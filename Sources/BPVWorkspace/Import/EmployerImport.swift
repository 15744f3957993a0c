import BPVDomain
import BPVGeography

/// Reads employers from CSV.
///
/// Columns, by header name in any order (extra columns are ignored): `id`, `name`,
/// `leerbedrijf_id`, `town`, `postcode`, `contact`, `phone`, `email`. Only `id` and `name` are
/// required. A postcode is checked against the postcode table, and names the town when `town` is empty.
/// Contact details are of the employer's staff (the praktijkopleider), never of students.
///
/// ```
/// id;name;leerbedrijf_id;town;contact;phone;email
/// E-01;Albert Heijn Hilversum;100234567;Hilversum;J. de Vries;035 123 4567;stage@example.nl
/// ```
public enum EmployerImport {
    /// A CSV file or an `.xlsx` workbook (its first sheet, or `sheet`).
    /// - Throws: ``ImportFailure`` listing every problem; then nothing is imported.
    /// - Complexity: O(file size).
    public static func parse(_ bytes: [UInt8], fileName: String, sheet: String? = nil) throws(ImportFailure) -> [Employer] {
        let (table, problems) = ImportTable.read(bytes, fileName: fileName, sheet: sheet)
        return try parse(table, problems: problems)
    }

    /// The rows of a table already read (with the problems found reading it).
    public static func parse(_ table: CSVTable, problems: [ImportProblem]) throws(ImportFailure) -> [Employer] {
        var r = RowReader(table, aliases: ColumnNames.employers)
        r.problems = problems
        r.requireColumns(["id", "name"],
                         known: ["leerbedrijf_id", "town", "postcode", "contact", "phone", "email"])
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        var employers: [Employer] = []
        var firstLine: [PseudonymousID: Int] = [:]
        for row in table.rows {
            let before = r.problems.count
            let pid = r.uniqueID(row, firstLine: &firstLine)
            let name = r.required(row, "name")?.text
            var placeOfPostcode: String?
            if let f = r.field(row, "postcode"), !f.text.isEmpty {
                do {
                    placeOfPostcode = try Gazetteer.netherlands.area(of: try Postcode(parsing: f.text)).place
                } catch {
                    r.problem(f, .place(error))
                }
            }
            guard r.problems.count == before, let pid, let name else { continue }
            func optional(_ column: String) -> String? { r.field(row, column).flatMap { $0.text.isEmpty ? nil : $0.text } }
            employers.append(Employer(id: pid, name: name, leerbedrijfID: optional("leerbedrijf_id"), town: optional("town") ?? placeOfPostcode,
                                      contact: optional("contact"), phone: optional("phone"), email: optional("email")))
        }
        guard r.problems.isEmpty else { throw ImportFailure(problems: r.problems) }
        return employers
    }
}

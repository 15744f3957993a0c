import BPVDomain
import BPVGeography

/// Reads named columns of a ``CSVTable`` and collects every problem with its position.
struct RowReader {
    let table: CSVTable
    private let index: [String: Int]
    var problems: [ImportProblem] = []
    /// The first line names none of the columns: no other header problem is worth saying.
    private(set) var noHeader = false
    /// Settles a place name that exists in more than one municipality (the workspace's region).
    var region: Region = .none

    /// Each column's name as bpv reads it (a Dutch name, `woonplaats`, read as `town`).
    private let canonical: [String]
    /// The header's own name of each column bpv reads, for messages (`vervoer is empty`).
    private var shownName: [String: String] = [:]
    private let aliases: [String: String]

    /// - Parameter aliases: other names of columns (Dutch, or a school system's), lowercase with
    ///   `_` for spaces, each to the name bpv reads; see ``ColumnNames``.
    init(_ table: CSVTable, aliases: [String: String] = [:]) {
        self.table = table
        self.aliases = aliases
        canonical = table.header.map { ColumnNames.canonical($0, aliases) }
        var index: [String: Int] = [:], shown: [String: String] = [:]
        for (i, name) in canonical.enumerated() where index[name] == nil {
            index[name] = i
            shown[name] = table.header[i]
        }
        self.index = index
        shownName = shown
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// The column as the file's header names it.
    func shown(_ column: String) -> String { shownName[column] ?? column }

    /// Refuses a header that lacks a required column or names one twice. A first line that
    /// names none of the columns is said to be no header at all, and is not repeated (it is
    /// probably a student's record).
    mutating func requireColumns(_ names: [String], known: [String] = []) {
        // The file could not be read as text at all (UTF-16, a doubled mark): that is the problem.
        if table.header.isEmpty, !problems.isEmpty {
            noHeader = true
            return
        }
        let missing = names.filter { !has($0) }
        if !missing.isEmpty, !canonical.contains(where: { names.contains($0) || known.contains($0) }) {
            problem(line: 1, column: 1, .notAHeader(expected: names))
            noHeader = true
            return
        }
        for name in missing {
            problem(line: 1, column: 1, .missingColumn(name, header: table.header))
        }
        var seen: [String: Int] = [:]
        for (k, name) in canonical.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                let both = table.header[first] == table.header[k] ? "'\(table.header[k])'" : "'\(table.header[first])' and '\(table.header[k])' (both \(name))"
                problem(line: 1, column: k + 1, .duplicateColumn(both, first: first + 1, second: k + 1))
            } else {
                seen[name] = k
            }
        }
        // A column bpv does not read is ignored (a school's export has more), unless its name is
        // a near miss of one it does read: then the file most likely meant that column, and
        // importing without it would silently use a default.
        let readable = Set(names + known)
        let allNames = readable.union(aliases.filter { readable.contains($0.value) }.keys)
        let all = allNames.sorted().map { Array($0.utf8) }
        for (k, name) in canonical.enumerated() where !name.isEmpty && !allNames.contains(name) {
            let bytes = Array(name.utf8)
            if let meant = all.first(where: { Self.nearMiss(bytes, $0) }) {
                problem(line: 1, column: k + 1, .unknownColumn(name, meant: String(decoding: meant, as: UTF8.self)))
            }
        }
    }

    /// Whether `name` looks like a misspelling of `column`: at most two edits apart (one for
    /// short names), or the same letters without separators. Compared as UTF-8 bytes (bpv's
    /// column names are ASCII) with one row of the edit-distance table, stopping as soon as a
    /// row exceeds the limit, because a hostile header can hold thousands of columns, each
    /// compared with every known name.
    /// - Complexity: O(|name| · |column|), after an O(1) length check that rejects most.
    static func nearMiss(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let separator = UInt8(ascii: "_")
        let limit = min(a.count, b.count) <= 4 ? 1 : 2
        if abs(a.count - b.count) > limit {
            // Only the separators can make up a larger difference.
            return a.count - a.count(where: { $0 == separator }) == b.count - b.count(where: { $0 == separator })
                && a.lazy.filter({ $0 != separator }).elementsEqual(b.lazy.filter({ $0 != separator }))
        }
        if a.lazy.filter({ $0 != separator }).elementsEqual(b.lazy.filter({ $0 != separator })) { return true }
        guard !a.isEmpty else { return false }
        var row = Array(0 ... b.count)
        for i in 1 ... a.count {
            var diagonal = row[0]
            row[0] = i
            var smallest = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
                smallest = min(smallest, row[j])
            }
            if smallest > limit { return false }
        }
        return row[b.count] <= limit
    }

    /// The refusal of a word that is none of `V`'s spellings: the nearest spelling when one is
    /// near (in English or Dutch), then the stored words.
    /// - Complexity: O(spellings · word length).
    static func unknown<V: Vocabulary>(_ what: ImportIssue.Word, _ word: String, _: V.Type) -> ImportIssue {
        let key = Array(V.key(word).utf8)
        let near = V.spellings.first { nearMiss(key, Array($0.utf8)) }
        return .unknownWord(what: what, word: word, nearest: near, expected: V.allCases.map(\.rawValue))
    }

    mutating func problem(line: Int, column: Int, _ issue: ImportIssue) {
        problems.append(ImportProblem(file: table.fileName, sheet: table.sheet, line: line, column: column, issue: issue))
    }

    mutating func problem(_ at: CSVTable.Field, _ issue: ImportIssue) { problem(line: at.line, column: at.column, issue) }

    /// The trimmed field of `column` in `row`, or nil when the column is absent; a missing
    /// trailing field counts as empty, at the end of the row.
    func field(_ row: [CSVTable.Field], _ column: String) -> CSVTable.Field? {
        guard let i = index[column] else { return nil }
        if i < row.count {
            var f = row[i]
            f.text = f.text.trimmedForImport()
            return f
        }
        let last = row.last
        // A sheet's short row: the missing cell is at its own column (C5, not after the last cell).
        if table.sheet != nil { return CSVTable.Field(text: "", line: last?.line ?? 0, column: i + 1) }
        return CSVTable.Field(text: "", line: last?.line ?? 0, column: (last?.column ?? 0) + (last?.text.count ?? 0) + 1)
    }

    /// The row's `id` as a pseudonymous id, unique in the file; `firstLine` remembers where each
    /// id was first seen so that a duplicate names both lines.
    mutating func uniqueID(_ row: [CSVTable.Field], firstLine: inout [PseudonymousID: Int]) -> PseudonymousID? {
        guard let f = required(row, "id") else { return nil }
        do {
            let p = try PseudonymousID(f.text)
            if let first = firstLine[p] {
                problem(f, .duplicateID(p, firstLine: first))
                return nil
            }
            firstLine[p] = f.line
            return p
        } catch {
            if case .invalidID(let text, let why) = error { problem(f, .invalidID(text, why)) }
            return nil
        }
    }

    /// A required, non-empty text.
    mutating func required(_ row: [CSVTable.Field], _ column: String) -> CSVTable.Field? {
        guard let f = field(row, column) else { return nil }
        guard !f.text.isEmpty else {
            problem(f, .empty(column: shown(column)))
            return nil
        }
        return f
    }

    /// An integer in `range`; `fallback` when optional and empty.
    mutating func integer(_ row: [CSVTable.Field], _ column: String, in range: ClosedRange<Int>, fallback: Int? = nil) -> Int? {
        guard let f = field(row, column) else { return fallback }
        if f.text.isEmpty {
            if let fallback { return fallback }
            problem(f, .empty(column: shown(column)))
            return nil
        }
        guard let v = Int(f.text) else {
            problem(f, .notAWholeNumber(column: shown(column), text: f.text))
            return nil
        }
        guard range.contains(v) else {
            problem(f, .outOfRange(column: shown(column), value: "\(v)", lower: "\(range.lowerBound)", upper: "\(range.upperBound)"))
            return nil
        }
        return v
    }

    /// An optional date (`YYYY-MM-DD`): `.some(nil)` when the column is absent or empty, nil
    /// (with a problem recorded) when it is not a date.
    mutating func date(_ row: [CSVTable.Field], _ column: String) -> CalendarDate?? {
        guard let f = field(row, column), !f.text.isEmpty else { return .some(nil) }
        guard let d = CalendarDate(f.text) ?? Self.dutchDate(f.text) else {
            problem(f, .notADate(column: shown(column), text: f.text))
            return nil
        }
        guard d.isSupported else {
            problem(f, .dateOutsideWindow(column: shown(column), text: f.text))
            return nil
        }
        return .some(d)
    }

    /// A date as Dutch Excel writes it: day, month, four-digit year (`1-9-2026`, `01/09/2026`,
    /// `1.9.2026`); the year last makes the order unambiguous.
    static func dutchDate(_ text: String) -> CalendarDate? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard parts.count == 3, (1 ... 2).contains(parts[0].count), (1 ... 2).contains(parts[1].count), parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let d = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        return CalendarDate("\(parts[2])-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)")
    }

    /// A decimal number; a decimal comma is accepted (Dutch Excel writes one with `;` files).
    mutating func decimal(_ f: CSVTable.Field, _ column: String, in range: ClosedRange<Double>) -> Double? {
        let text = table.delimiter == ";" ? f.text.replacingCommaByPoint() : f.text
        guard Self.isDecimal(text), let v = Double(text), v.isFinite else {
            problem(f, .notANumber(column: shown(column), text: f.text))
            return nil
        }
        guard range.contains(v) else {
            problem(f, .outOfRange(column: shown(column), value: f.text, lower: "\(range.lowerBound)", upper: "\(range.upperBound)"))
            return nil
        }
        return v
    }

    /// Whether `text` is a number in plain decimal notation (`-52.37`, `5`, `.5`): Swift's
    /// `Double` also reads hexadecimal (`0x1.a3p5`), exponents, `inf` and `nan`, none of which
    /// a person means in a coordinate.
    static func isDecimal(_ text: String) -> Bool {
        var digits = 0, points = 0
        for (k, u) in text.utf8.enumerated() {
            switch u {
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if k != 0 { return false }
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digits += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }

    /// A `|`-separated list, each item parsed by `parse`; unknown items are problems.
    mutating func list<T: Hashable>(
        _ row: [CSVTable.Field], _ column: String, parse: (String) -> T?, unknown: (String) -> ImportIssue
    ) -> [T]? {
        guard let f = field(row, column), !f.text.isEmpty else { return [] }
        var out: [T] = []
        var ok = true
        var offset = 0
        for part in f.text.split(separator: "|", omittingEmptySubsequences: false) {
            let item = String(part).trimmedForImport()
            if let v = parse(item) {
                if !out.contains(v) { out.append(v) }
            } else {
                problem(line: f.line, column: f.column + offset, unknown(item))
                ok = false
            }
            offset += part.count + 1
        }
        return ok ? out : nil
    }

    /// The location from `lat` and `lon`, else from `postcode` (its PC4 area's point), else from
    /// `town` (a Dutch place name; see ``Gazetteer/place(named:in:)``).
    mutating func location(_ row: [CSVTable.Field]) -> Location? {
        let lat = field(row, "lat"), lon = field(row, "lon"), town = field(row, "town"), postcode = field(row, "postcode")
        if let lat, let lon, !lat.text.isEmpty || !lon.text.isEmpty {
            guard !lat.text.isEmpty, !lon.text.isEmpty else {
                problem(lat.text.isEmpty ? lat : lon, .halfACoordinate)
                return nil
            }
            guard let la = decimal(lat, "lat", in: -90 ... 90), let lo = decimal(lon, "lon", in: -180 ... 180) else { return nil }
            // The Netherlands and its border regions (students living in Belgium or Germany near
            // the border included); swapped coordinates are the usual spreadsheet slip.
            let latitudes = 50.0 ... 54.0, longitudes = 2.5 ... 8.0
            guard latitudes.contains(la), longitudes.contains(lo) else {
                if latitudes.contains(lo), longitudes.contains(la) {
                    problem(lat, .swappedCoordinates(lat: lat.text, lon: lon.text))
                } else {
                    problem(lat, .outsideNetherlands(lat: lat.text, lon: lon.text))
                }
                return nil
            }
            return try? Location(latitude: la, longitude: lo)
        }
        if let postcode, !postcode.text.isEmpty {
            do {
                let code = try Postcode(parsing: postcode.text)
                return Location(try Gazetteer.netherlands.area(of: code, preferring: town?.text))
            } catch {
                problem(postcode, .place(error))
                return nil
            }
        }
        if let town, !town.text.isEmpty {
            do {
                return Location(try Gazetteer.netherlands.place(named: town.text, in: region))
            } catch {
                problem(town, .place(error))
                return nil
            }
        }
        problem(line: row.first?.line ?? 0, column: 1, .noLocation)
        return nil
    }

    /// The location columns bpv reads.
    static let locationColumns = ["postcode", "town", "lat", "lon"]

    /// Checks the location columns exist: postcode, town, or lat and lon.
    mutating func requireLocationColumns() {
        if !noHeader, !(has("lat") && has("lon")) && !has("town") && !has("postcode") {
            problem(line: 1, column: 1, .missingLocationColumns)
        }
    }
}

extension String {
    func replacingCommaByPoint() -> String { String(map { $0 == "," ? "." : $0 }) }
}

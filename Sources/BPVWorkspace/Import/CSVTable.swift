import BPVDomain
import BPVSpreadsheet
/// A CSV file as header and rows, every field with its line and column.
///
/// Written here rather than taken from a CSV package: imports must report *every* problem as
/// `file:line:column`, including broken quoting and fields inside quoted multi-line records,
/// and must accept what Excel writes in the Netherlands (semicolons, decimal commas, a byte
/// order mark). The packages at hand report neither field positions nor where a quote broke.
///
/// - Comma or semicolon delimiter, detected from the header line (outside quotes).
/// - RFC 4180 quoting: `"a ""quoted"" field"`, line breaks inside quotes.
/// - UTF-8, with or without a byte order mark; invalid UTF-8 is a problem at its line.
public struct CSVTable: Sendable {
    public struct Field: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    public var fileName: String
    /// The sheet, for a table read from a workbook: positions are then cells (`Sheet!C14`).
    public var sheet: String?
    public var delimiter: Character
    /// Header names, trimmed and lowercased.
    public var header: [String]
    /// Rows after the header; fully empty lines are skipped.
    public var rows: [[Field]]

    /// The longest field accepted, in characters: no column needs more, and a runaway field
    /// is usually a quote that was never closed.
    public static let fieldLimit = 1000

    /// Parses `bytes`. Problems (broken quoting, invalid UTF-8) are appended to `problems`;
    /// parsing goes on where it can so that one run reports as much as possible.
    public init(bytes: [UInt8], fileName: String, problems: inout [ImportProblem]) {
        self.fileName = fileName
        var b = bytes[...]
        // UTF-16 (a byte order mark FF FE or FE FF) and a doubled UTF-8 mark are said at once:
        // the rest of the file would be noise.
        let unreadable: ImportIssue? = if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) {
            ImportIssue.utf16
        } else if b.starts(with: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) {
            ImportIssue.twoByteOrderMarks
        } else {
            nil
        }
        if let unreadable {
            problems.append(ImportProblem(file: fileName, line: 1, column: 1, issue: unreadable))
            header = []
            rows = []
            delimiter = ","
            return
        }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        // Excel's `sep=;` first line names the delimiter; it is not the header.
        var firstLine = 1
        var named: UInt8?
        if b.starts(with: Array("sep=".utf8)), b.count >= 5 {
            let c = b[b.index(b.startIndex, offsetBy: 4)]
            named = c
            b = b.drop { $0 != 10 && $0 != 13 }
            if b.first == 13 { b = b.dropFirst() }
            if b.first == 10 { b = b.dropFirst() }
            firstLine = 2
        }
        // Delimiter: whichever of ; , and tab is most frequent on the first line, outside quotes.
        var commas = 0, semicolons = 0, tabs = 0, inQuotes = false
        for c in b {
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && (c == 10 || c == 13) { break }
            if !inQuotes && c == UInt8(ascii: ",") { commas += 1 }
            if !inQuotes && c == UInt8(ascii: ";") { semicolons += 1 }
            if !inQuotes && c == 9 { tabs += 1 }
        }
        let sep: UInt8 = named ?? (tabs > max(commas, semicolons) ? 9 : semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ","))
        delimiter = Character(Unicode.Scalar(sep))

        var records: [[Field]] = []
        var record: [Field] = []
        var field: [UInt8] = []
        var line = firstLine, column = 1
        var fieldLine = firstLine, fieldColumn = 1
        var quoted = false, wasQuoted = false, quoteLine = 0, quoteColumn = 0
        func hex4(_ v: UInt32) -> String {
            let h = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - h.count)) + h
        }
        func text(_ bytes: [UInt8], _ l: Int, _ c: Int) -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                problems.append(ImportProblem(file: fileName, line: l, column: c, issue: .notUTF8))
                return String(decoding: bytes, as: UTF8.self)
            }
            // Another control character (a NUL, a terminal escape) has no place in a record: it would be
            // printed raw by the shell and the log. Named by its code, never echoed.
            if s.count > Self.fieldLimit {
                problems.append(ImportProblem(file: fileName, line: l, column: c, issue: .fieldTooLong(s.count, limit: Self.fieldLimit)))
            }
            // (A line break inside a quoted field is text: CSV allows it.)
            if let bad = s.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || (0x7F ... 0x9F).contains($0.value) }) {
                let at = s.unicodeScalars.prefix { $0 != bad }.count
                problems.append(ImportProblem(file: fileName, line: l, column: c + at, issue: .controlCharacter(hex4(bad.value))))
            }
            return s
        }
        /// The current field already has its problem after a closing quote.
        var brokenField = false
        func endField() {
            record.append(Field(text: text(field, fieldLine, fieldColumn), line: fieldLine, column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            brokenField = false
        }
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    let n = b.index(after: i)
                    if n < b.endIndex && b[n] == UInt8(ascii: "\"") {
                        field.append(c)
                        i = b.index(after: n)
                        column += 2
                        continue
                    }
                    quoted = false
                    wasQuoted = true
                } else {
                    field.append(c)
                    if c == 10 {
                        line += 1
                        column = 0
                    }
                }
            } else if c == sep {
                endField()
                fieldLine = line
                fieldColumn = column + 1
            } else if c == 10 || c == 13 {
                if c == 13, b.index(after: i) < b.endIndex, b[b.index(after: i)] == 10 { i = b.index(after: i) }
                endField()
                if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
                record.removeAll()
                line += 1
                column = 0
                fieldLine = line
                fieldColumn = 1
            } else if c == UInt8(ascii: "\""), brokenField {
                // The field's problem is said; the rest of it is not examined.
            } else if c == UInt8(ascii: "\"") {
                if field.allSatisfy({ $0 == 32 }) && !wasQuoted {
                    field.removeAll()
                    quoted = true
                    quoteLine = line
                    quoteColumn = column
                } else {
                    problems.append(ImportProblem(
                        file: fileName, line: line, column: column,
                        issue: .quoteInsideField))
                }
            } else if wasQuoted {
                // Said once per field, never once per character. A quoted field that ran over
                // lines and is followed by text was, far more likely, a quote never closed on
                // its own line: say so where it opened, not where the next quote happened to be.
                if c != 32 && !brokenField {
                    brokenField = true
                    if quoteLine != line {
                        problems.append(ImportProblem(file: fileName, line: quoteLine, column: quoteColumn, issue: .quoteNotClosedOnLine(nextQuoteLine: line)))
                    } else {
                        problems.append(ImportProblem(
                            file: fileName, line: line, column: column, issue: .textAfterClosingQuote))
                    }
                }
            } else {
                field.append(c)
            }
            i = b.index(after: i)
            column += 1
        }
        if quoted {
            problems.append(ImportProblem(
                file: fileName, line: quoteLine, column: quoteColumn, issue: .quoteNeverClosed))
        }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            endField()
            if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
        }
        header = []
        rows = []
        assemble(records, problems: &problems)
    }

    /// A sheet of a workbook as a table: the cells of each row, in columns from A, with their
    /// row and column numbers as line and column (problems are then located as `Sheet!C14`).
    /// Control characters and over-long cells are problems at their cell, as in a CSV file.
    /// - Complexity: O(cells + rows × columns).
    public init(cells: [(row: Int, column: Int, text: String)], fileName: String, sheet: String, problems: inout [ImportProblem]) {
        self.fileName = fileName
        self.sheet = sheet
        delimiter = ","
        header = []
        rows = []
        var byRow: [Int: [(column: Int, text: String)]] = [:]
        for c in cells {
            // A workbook reader gives rows and columns from 1; anything else is no cell of a sheet.
            guard c.row >= 1, c.column >= 1 else {
                problems.append(ImportProblem(file: fileName, sheet: sheet, line: max(c.row, 1), column: max(c.column, 1),
                    issue: .cellOutsideSheet(row: c.row, column: c.column)))
                continue
            }
            byRow[c.row, default: []].append((c.column, c.text))
        }
        var records: [[Field]] = []
        for r in byRow.keys.sorted() {
            let row = byRow[r] ?? []
            let width = row.map(\.column).max() ?? 0
            // Columns far to the right of any header are noise: stop them at a sane width.
            guard width <= 16_384 else {
                problems.append(ImportProblem(file: fileName, sheet: sheet, line: r, column: width, issue: .cellBeyondLastColumn))
                continue
            }
            var record = (1 ... max(width, 1)).map { Field(text: "", line: r, column: $0) }
            for (column, text) in row {
                if text.count > Self.fieldLimit {
                    problems.append(ImportProblem(file: fileName, sheet: sheet, line: r, column: column,
                        issue: .cellTooLong(text.count, limit: Self.fieldLimit)))
                } else if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F }) {
                    problems.append(ImportProblem(file: fileName, sheet: sheet, line: r, column: column,
                        issue: .cellControlCharacter(String(bad.value, radix: 16, uppercase: true))))
                }
                record[column - 1].text = text
            }
            records.append(record)
        }
        assemble(records, problems: &problems)
    }

    /// The header (the first record) and the rows after it. Rows that hold nothing (blank,
    /// spaces only, or Excel's `;;;;`) are skipped; a row with more fields than the header has
    /// columns is refused at its first extra field.
    private mutating func assemble(_ records: [[Field]], problems: inout [ImportProblem]) {
        header = records.first.map { $0.map { Self.columnName($0.text) } } ?? []
        // A workbook's header row may have empty cells after its last name.
        if sheet != nil { while header.last?.isEmpty == true { header.removeLast() } }
        rows = []
        for record in records.dropFirst() {
            if record.allSatisfy({ $0.text.trimmedForImport().isEmpty }) { continue }
            if record.count > header.count, let extra = record.dropFirst(header.count).first(where: { !$0.text.trimmedForImport().isEmpty }) {
                problems.append(ImportProblem(file: fileName, sheet: sheet, line: extra.line, column: extra.column,
                    issue: .moreFieldsThanHeader(header.count)))
            }
            rows.append(record)
        }
    }
}

/// One problem found while importing, located in the file.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The sheet, when the file is a workbook: `line` is then the row, `column` the column.
    public var sheet: String?
    public var line: Int
    public var column: Int
    /// What is wrong, as a value (``ImportIssue/text(_:)`` words it).
    public var issue: ImportIssue
    /// The issue in English.
    public var message: String { issue.text(.en) }

    public init(file: String, sheet: String? = nil, line: Int, column: Int, issue: ImportIssue) {
        self.file = file
        self.sheet = sheet
        self.line = line
        self.column = column
        self.issue = issue
    }

    /// `file:line:column: message`, or for a workbook `file.xlsx:Sheet!C14: message`.
    public var description: String { description(in: .en) }

    /// The same in `language`.
    public func description(in language: Language) -> String {
        guard let sheet else { return "\(file):\(line):\(column): \(issue.text(language))" }
        return "\(file):\(sheet)!\(WorkbookWriter.reference(row: line, column: column)): \(issue.text(language))"
    }
}

/// A refused import: nothing of the file was taken. Lists the problems found, up to a cap.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// At most this many problems are listed.
    public static let cap = 50
    public var problems: [ImportProblem]
    /// How many problems were found in all (may exceed ``problems``'s count).
    public var total: Int

    public init(problems: [ImportProblem]) {
        let sorted = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        self.problems = Array(sorted.prefix(Self.cap))
        total = problems.count
    }

    public var description: String { description(in: .en) }

    /// Every problem, and what happened, in `language`.
    public func description(in language: Language) -> String {
        var lines = problems.map { $0.description(in: language) }
        if total > problems.count {
            lines.append(language == .nl ? "... en nog \(total - problems.count) problemen" : "... and \(total - problems.count) more problems")
        }
        lines.append(language == .nl ? "er is niets ingelezen" : "nothing was imported")
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmedForImport() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}

extension CSVTable {
    /// A header cell as a column name: trimmed, lower case, and runs of spaces, hyphens and
    /// underscores as one underscore, so that `Max Travel Min` and `max-travel-min` both name
    /// `max_travel_min` (and a file with two of them names it twice, which is refused).
    /// - Complexity: O(length).
    static func columnName(_ cell: String) -> String {
        var out = ""
        var gap = false
        for c in cell.trimmedForImport().lowercased() {
            if c == " " || c == "-" || c == "_" || c == "\t" {
                gap = true
                continue
            }
            if gap, !out.isEmpty { out.append("_") }
            gap = false
            out.append(c)
        }
        return out
    }
}

import BPVDomain
import BPVSpreadsheet
import Foundation

/// The table an import reads: a CSV file, or one sheet of an `.xlsx` workbook (recognised by
/// its bytes, whatever the file is called). The row readers work on either the same way, so a
/// workbook gets the same columns, rules and all-or-nothing refusal as a CSV file, with
/// problems located as `file.xlsx:Sheet!C14`.
public enum ImportTable {
    /// The table of a file and the problems found reading it (the row readers add theirs).
    /// - Parameter sheet: the workbook's sheet to read (the first when nil); refused for CSV.
    /// - Complexity: O(file size).
    public static func read(_ bytes: [UInt8], fileName: String, sheet: String?) -> (CSVTable, [ImportProblem]) {
        var problems: [ImportProblem] = []
        let table = read(bytes, fileName: fileName, sheet: sheet, problems: &problems)
        return (table, problems)
    }

    static func read(_ bytes: [UInt8], fileName: String, sheet: String?, problems: inout [ImportProblem]) -> CSVTable {
        // The Excel 97-2003 format (an OLE2 compound file) is not read: say so rather than
        // report its bytes as broken text.
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            problems.append(ImportProblem(file: fileName, line: 1, column: 1,
                issue: .oldExcel))
            var none: [ImportProblem] = []
            return CSVTable(bytes: [], fileName: fileName, problems: &none)
        }
        guard WorkbookReader.looksLikeWorkbook(bytes) else {
            if sheet != nil {
                problems.append(ImportProblem(file: fileName, line: 1, column: 1,
                                              issue: .sheetForCSV))
            }
            return CSVTable(bytes: bytes, fileName: fileName, problems: &problems)
        }
        do {
            let book = try WorkbookReader(data: Data(bytes))
            let (name, cells) = try book.cells(of: sheet)
            for c in cells where c.isError || c.problem != nil {
                problems.append(ImportProblem(file: fileName, sheet: name, line: c.row, column: c.column,
                                              issue: c.problem.map(ImportIssue.workbookCell) ?? .excelError(c.text)))
            }
            return CSVTable(cells: cells.filter { !$0.isError && $0.problem == nil }
                                .map { ($0.row, $0.column, $0.day.map { CalendarDate(day: $0).description } ?? $0.text) }, fileName: fileName, sheet: name,
                            problems: &problems)
        } catch {
            problems.append(ImportProblem(file: fileName, line: 1, column: 1, issue: .workbookUnreadable(error.description)))
            var none: [ImportProblem] = []
            return CSVTable(bytes: [], fileName: fileName, problems: &none)
        }
    }
}

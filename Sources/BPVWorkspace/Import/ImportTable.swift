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
        guard WorkbookReader.looksLikeWorkbook(bytes) else {
            if sheet != nil {
                problems.append(ImportProblem(file: fileName, line: 1, column: 1,
                                              message: "--sheet is for .xlsx workbooks, and this file is not one; leave --sheet out for CSV"))
            }
            return CSVTable(bytes: bytes, fileName: fileName, problems: &problems)
        }
        do {
            let book = try WorkbookReader(data: Data(bytes))
            let (name, cells) = try book.cells(of: sheet)
            for c in cells where c.isError {
                problems.append(ImportProblem(file: fileName, sheet: name, line: c.row, column: c.column,
                                              message: "the cell holds the Excel error \(c.text); put the value itself there"))
            }
            return CSVTable(cells: cells.filter { !$0.isError }.map { ($0.row, $0.column, $0.text) }, fileName: fileName, sheet: name,
                            problems: &problems)
        } catch {
            problems.append(ImportProblem(file: fileName, line: 1, column: 1, message: error.description))
            var none: [ImportProblem] = []
            return CSVTable(bytes: [], fileName: fileName, problems: &none)
        }
    }
}

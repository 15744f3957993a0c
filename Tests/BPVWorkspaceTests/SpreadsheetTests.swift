import BPVDomain
@testable import BPVSpreadsheet
import Foundation
import Testing
import ZIPFoundation
@testable import BPVWorkspace

/// `.xlsx` in and out: what bpv writes reads back cell for cell; a workbook imports exactly as
/// the same CSV does; every problem is located as `file.xlsx:Sheet!C14`.
@Suite("spreadsheets")
struct SpreadsheetTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// A sample CSV as a one-sheet workbook: every field a text cell, except whole numbers.
    static func workbook(fromCSV name: String, sheet: String = "Blad1", edit: (inout [[String]]) -> Void = { _ in }) throws -> Data {
        let text = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
        var rows = text.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        edit(&rows)
        let header = rows.removeFirst()
        return try WorkbookWriter.data([Sheet(name: sheet, header: header, rows: rows.map { row in
            row.map { field -> CellValue in
                if let n = Int(field) { return .number(Double(n)) }
                if let d = CalendarDate(field) { return .date(day: d.day) }
                return field.isEmpty ? .empty : .text(field)
            }
        })])
    }

    /// Every input FuzzWorkbook found (`Fuzz/Seeds/FuzzWorkbook/found-*`: the sheet, shared
    /// strings, styles and workbook parts, split at NUL bytes) is read as the fuzzer reads it:
    /// a table or located problems, no crash.
    @Test func workbookPartsTheFuzzerFoundAreReadOrRefusedWithoutACrash() throws {
        let seeds = Self.samples.deletingLastPathComponent().appendingPathComponent("Fuzz/Seeds/FuzzWorkbook")
        let found = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasPrefix("found-") }.sorted()
        #expect(found.count >= 2)
        for name in found {
            let bytes = try Data(contentsOf: seeds.appendingPathComponent(name))
            let pieces = bytes.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
            var parts: [(path: String, bytes: Data)] = [
                ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
                ("xl/workbook.xml", pieces.count > 3 ? pieces[3] : Data(#"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#.utf8)),
                ("xl/worksheets/sheet1.xml", pieces[0]),
            ]
            if pieces.count > 1 { parts.append(("xl/sharedStrings.xml", pieces[1])) }
            if pieces.count > 2 { parts.append(("xl/styles.xml", pieces[2])) }
            let (table, problems) = ImportTable.read(Array(try WorkbookWriter.package(parts)), fileName: name + ".xlsx", sheet: nil)
            #expect(!problems.isEmpty || !table.header.isEmpty, "\(name): neither a table nor a problem")
            _ = try? StudentImport.parse(table, problems: problems)
        }
    }

    @Test func cellsOutsideTheSheetAreProblemsNotCrashes() {
        var problems: [ImportProblem] = []
        let table = CSVTable(cells: [(1, 1, "id"), (0, 1, "zero row"), (2, 0, "zero column"), (2, 1, "S-1")],
                             fileName: "f.xlsx", sheet: "S", problems: &problems)
        #expect(table.header == ["id"] && table.rows.map { $0.map(\.text) } == [["S-1"]])
        #expect(problems.map(\.description) == [
            "f.xlsx:S!A1: a cell outside the sheet (row 0, column 1); save the workbook again from Excel or LibreOffice",
            "f.xlsx:S!A2: a cell outside the sheet (row 2, column 0); save the workbook again from Excel or LibreOffice",
        ])
    }

    @Test func aWorkbookBpvWritesReadsBackCellForCell() throws {
        let day = try #require(CalendarDate("2026-09-01"))
        let data = try WorkbookWriter.data([
            Sheet(name: "first", header: ["a", "b"], rows: [[.text("x & <y> \"z\" 'q'"), .number(30)], [.empty, .text("Noë 🌱")]]),
            Sheet(name: "second", header: ["when", "how much"], rows: [[.date(day: day.day), .number(52.2292)]]),
        ])
        let book = try WorkbookReader(data: data)
        #expect(book.sheetNames == ["first", "second"])
        let first = try book.cells().cells.map { "\(WorkbookWriter.reference(row: $0.row, column: $0.column))=\($0.text)" }
        #expect(first == ["A1=a", "B1=b", "A2=x & <y> \"z\" 'q'", "B2=30", "B3=Noë 🌱"])
        // A date cell reads back as its day, written by the one date algorithm.
        let second = try book.cells(of: "second").cells.map { $0.day.map { CalendarDate(day: $0).description } ?? $0.text }
        #expect(second == ["when", "how much", "2026-09-01", "52.2292"])
        #expect(WorkbookWriter.columnName(1) == "A" && WorkbookWriter.columnName(26) == "Z" && WorkbookWriter.columnName(28) == "AB")
    }

    @Test(arguments: ["gooi", "kennemerland"])
    func aWorkbookImportsExactlyAsTheSameCSV(region: String) throws {
        for kind in ["students", "internships", "employers"] {
            let csv = Array(try Data(contentsOf: Self.samples.appendingPathComponent("\(region)-\(kind).csv")))
            let xlsx = Array(try Self.workbook(fromCSV: "\(region)-\(kind).csv"))
            switch kind {
            case "students": #expect(try StudentImport.parse(xlsx, fileName: "s.xlsx") == StudentImport.parse(csv, fileName: "s.csv"))
            case "internships": #expect(try InternshipImport.parse(xlsx, fileName: "i.xlsx") == InternshipImport.parse(csv, fileName: "i.csv"))
            default: #expect(try EmployerImport.parse(xlsx, fileName: "e.xlsx") == EmployerImport.parse(csv, fileName: "e.csv"))
            }
        }
    }

    /// The import's message for a workbook, whole.
    func refusal(_ bytes: Data, sheet: String? = nil) -> String {
        do {
            _ = try StudentImport.parse(Array(bytes), fileName: "leerlingen.xlsx", sheet: sheet)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func everyProblemIsLocatedAsSheetAndCell() throws {
        // Row 14 of the sheet is student 13; level is column C.
        let bad = try Self.workbook(fromCSV: "gooi-students.csv", sheet: "Leerlingen") { rows in
            rows[13][2] = "7"
            rows[20][7] = "lots"
        }
        #expect(refusal(bad) == """
            leerlingen.xlsx:Leerlingen!C14: unknown level '7'; expected pro, vso, entree, 2, 3 or 4
            leerlingen.xlsx:Leerlingen!H21: max_travel_min 'lots' is not a whole number
            nothing was imported
            """)
        #expect(refusal(bad, sheet: "Stages") == """
            leerlingen.xlsx:1:1: the workbook has no sheet 'Stages'; its sheets: Leerlingen
            nothing was imported
            """)
        #expect(refusal(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])) == """
            leerlingen.xlsx:1:1: not an .xlsx workbook (damaged ZIP archive: too short); save it as Excel Workbook (.xlsx) or as CSV UTF-8
            nothing was imported
            """)
        #expect(refusal(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0])) == """
            leerlingen.xlsx:1:1: this is an old Excel file (.xls, 97-2003); save it as Excel Workbook (.xlsx) or as CSV UTF-8
            nothing was imported
            """)
        let csv = try Data(contentsOf: Self.samples.appendingPathComponent("gooi-students.csv"))
        #expect(refusal(csv, sheet: "Blad1") == """
            leerlingen.xlsx:1:1: --sheet is for .xlsx workbooks, and this file is not one; leave --sheet out for CSV
            nothing was imported
            """)
        // A cell beyond the header, and a terminal escape in a cell (as Excel writes it: _x001B_).
        let extra = try Self.workbook(fromCSV: "gooi-students.csv") { rows in
            rows[2].append("surplus")
            rows[3][1] = "Sa_x001B_[31mar"
        }
        #expect(refusal(extra) == """
            leerlingen.xlsx:Blad1!N3: more fields than the header has columns (13); remove them or name the column in the header
            leerlingen.xlsx:Blad1!B4: a control character (U+1B) in the cell; remove it
            nothing was imported
            """)
        // A short row: its missing value is located at its own column (H), not after its last cell.
        let short = try Self.workbook(fromCSV: "gooi-students.csv") { rows in rows[5] = Array(rows[5].prefix(7)) }
        #expect(refusal(short) == """
            leerlingen.xlsx:Blad1!H6: max_travel_min is empty
            nothing was imported
            """)
        #expect(WorkbookReader.unescaped("a_x000D_b_x005F_x_xZZ") == "a\rb_x_xZZ")
    }

    /// An Excel error value (`#N/A`) in a cell, and a boolean and a formula's cached text, as
    /// Excel writes them (shared strings, `t="e"`, `t="b"`, `t="str"`).
    @Test func anExcelErrorCellIsLocatedAndOtherCellKindsAreRead() throws {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data.subdata(in: Int(position) ..< Int(position) + size) })
        }
        try add("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Leerlingen" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#)
        let header = ["id", "level", "sectors", "town", "travel_mode", "max_travel_min", "name"]
        try add("xl/sharedStrings.xml", "<sst>" + (header + ["S-1", "retail", "Hilversum", "bike"]).map { "<si><t>\($0)</t></si>" }.joined()
            + "<si><r><t>Sa</t></r><r><t>ar</t></r><rPh><t>x</t></rPh></si></sst>")
        let cells = (0 ..< 7).map { #"<c r="\#(WorkbookWriter.columnName($0 + 1))1" t="s"><v>\#($0)</v></c>"# }.joined()
        try add("xl/worksheets/sheet1.xml", #"""
            <worksheet><sheetData><row r="1">\#(cells)</row>\#
            <row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="s"><v>8</v></c><c r="D2" t="s"><v>9</v></c>\#
            <c r="E2" t="s"><v>10</v></c><c r="F2" t="str"><f>10*3</f><v>30</v></c><c r="G2" t="s"><v>11</v></c></row></sheetData></worksheet>
            """#)
        let data = try #require(archive.data)
        #expect(refusal(data) == """
            leerlingen.xlsx:Leerlingen!B2: the cell holds the Excel error #N/A; put the value itself there
            nothing was imported
            """)
        let cellsRead = try WorkbookReader(data: data).cells().cells.filter { $0.row == 2 }.map(\.text)
        #expect(cellsRead == ["S-1", "#N/A", "retail", "Hilversum", "bike", "30", "Saar"])
    }
}

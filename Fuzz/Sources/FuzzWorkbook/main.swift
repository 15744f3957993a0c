import BPVSpreadsheet
import BPVWorkspace
import Foundation
import FuzzSupport

/// The workbook reader's XML handling on arbitrary part contents: the sheet, the shared
/// strings, the styles and the workbook list, then the three row readers on the table read.
///
/// Byte-level mutation of an `.xlsx` file mostly breaks the ZIP archive's checksums, so a fuzzer
/// fed whole files rarely gets past the archive (FuzzCSV does that). Here the input is split at
/// NUL bytes (which XML never contains) into up to four parts, packed into a valid archive, so
/// that every execution reaches the parsers: `sheet NUL sharedStrings NUL styles NUL workbook`.
/// A missing part is left out of the archive, except the workbook list, which gets a default.
let defaultWorkbook = Data("""
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <sheets><sheet name="Leerlingen" sheetId="1" r:id="rId1"/></sheets></workbook>
    """.utf8)
let relations = Data("""
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet1.xml"/></Relationships>
    """.utf8)

func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let pieces = UnsafeBufferPointer(start: data, count: size).split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    var parts: [(path: String, bytes: Data)] = [("xl/_rels/workbook.xml.rels", relations)]
    parts.append(("xl/workbook.xml", pieces.count > 3 ? Data(pieces[3]) : defaultWorkbook))
    parts.append(("xl/worksheets/sheet1.xml", pieces.first.map { Data($0) } ?? Data()))
    if pieces.count > 1 { parts.append(("xl/sharedStrings.xml", Data(pieces[1]))) }
    if pieces.count > 2 { parts.append(("xl/styles.xml", Data(pieces[2]))) }
    // Packing in memory cannot fail on these sizes; a failure would only skip the input.
    guard let package = try? WorkbookWriter.package(parts, compressed: false) else { return 0 }
    let (table, problems) = ImportTable.read(Array(package), fileName: "fuzz.xlsx", sheet: nil)
    _ = try? StudentImport.parse(table, problems: problems)
    _ = try? InternshipImport.parse(table, problems: problems)
    _ = try? EmployerImport.parse(table, problems: problems)
    return 0
}

fuzz { data, size in fuzzWorkbook(data, size) }

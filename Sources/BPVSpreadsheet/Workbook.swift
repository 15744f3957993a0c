import Foundation
import ZIPFoundation

/// A cell of a sheet bpv writes: text, a number, or a calendar day.
public enum CellValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    /// Days since 1970-01-01 (UTC), written as an Excel date shown `yyyy-mm-dd`.
    case date(day: Int)
    case empty
}

/// One sheet of a workbook bpv writes: a header row (bold, frozen) and rows of values.
public struct Sheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[CellValue]]

    public init(name: String, header: [String], rows: [[CellValue]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// Writes an Office Open XML workbook (`.xlsx`): one worksheet per ``Sheet``, the header row
/// bold and frozen, column widths fitted to the content, numbers and dates as Excel values,
/// text as inline strings. No formulas, no shared strings, no macros.
///
/// The parts are the minimum Excel, LibreOffice and Numbers open without repair: content
/// types, the package and workbook relationships, the workbook, the styles and the sheets.
public enum WorkbookWriter {
    /// The workbook's bytes.
    /// - Complexity: O(cells).
    public static func data(_ sheets: [Sheet]) throws -> Data {
        var parts: [(path: String, bytes: Data)] = []
        func add(_ path: String, _ text: String) { parts.append((path, Data(text.utf8))) }
        let overrides = sheets.indices.map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        add("[Content_Types].xml", header + #"""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\#
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\#
            <Default Extension="xml" ContentType="application/xml"/>\#
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\#
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\#
            \#(overrides)</Types>
            """#)
        add("_rels/.rels", header + #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\#
            </Relationships>
            """#)
        let sheetList = sheets.enumerated().map { k, s in
            #"<sheet name="\#(escape(String(s.name.prefix(31))))" sheetId="\#(k + 1)" r:id="rId\#(k + 1)"/>"#
        }.joined()
        add("xl/workbook.xml", header + #"""
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \#
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheetList)</sheets></workbook>
            """#)
        let rels = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        add("xl/_rels/workbook.xml.rels", header + #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)\#
            <Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\#
            </Relationships>
            """#)
        add("xl/styles.xml", header + styles)
        for (k, sheet) in sheets.enumerated() { add("xl/worksheets/sheet\(k + 1).xml", worksheet(sheet)) }
        return try package(parts)
    }

    /// A ZIP package of `parts`, in order: what ``data(_:)`` writes its parts with, and what
    /// the workbook fuzzer wraps arbitrary part contents in, so that they reach the XML readers
    /// instead of failing the archive's checksums.
    /// - Parameter compressed: deflate (true) or store each part.
    /// - Complexity: O(bytes).
    public static func package(_ parts: [(path: String, bytes: Data)], compressed: Bool = true) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: compressed ? .deflate : .none,
                provider: { position, size in bytes.subdata(in: Int(position) ..< Int(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Styles: 0 plain, 1 bold (the header), 2 a date shown `yyyy-mm-dd`.
    private static let styles = #"""
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>\#
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\#
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\#
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\#
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\#
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\#
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\#
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\#
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """#

    /// One worksheet: frozen header, widths from the longest value per column (capped), cells.
    /// - Complexity: O(cells).
    static func worksheet(_ sheet: Sheet) -> String {
        var widths = sheet.header.map { $0.count + 2 }
        var body = "<row r=\"1\">"
        for (c, name) in sheet.header.enumerated() {
            body += #"<c r="\#(reference(row: 1, column: c + 1))" t="inlineStr" s="1"><is><t>\#(escape(name))</t></is></c>"#
        }
        body += "</row>"
        for (k, row) in sheet.rows.enumerated() {
            let r = k + 2
            body += "<row r=\"\(r)\">"
            for (c, value) in row.enumerated() {
                let ref = reference(row: r, column: c + 1)
                var shown = 0
                switch value {
                case .empty: continue
                case .text(let s):
                    body += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escape(s))</t></is></c>"#
                    shown = s.count
                case .number(let x):
                    let text = x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
                    body += #"<c r="\#(ref)"><v>\#(text)</v></c>"#
                    shown = text.count
                case .date(let day):
                    body += #"<c r="\#(ref)" s="2"><v>\#(day + excelEpochOffset)</v></c>"#
                    shown = 10
                }
                if c < widths.count { widths[c] = max(widths[c], min(shown + 2, 60)) } else { widths.append(min(shown + 2, 60)) }
            }
            body += "</row>"
        }
        let cols = widths.enumerated().map { #"<col min="\#($0 + 1)" max="\#($0 + 1)" width="\#($1)" customWidth="1"/>"# }.joined()
        return header + #"""
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\#
            <sheetFormatPr defaultRowHeight="15"/><cols>\#(cols)</cols><sheetData>\#(body)</sheetData></worksheet>
            """#
    }

    /// Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug, serial 25569 is 1970-01-01).
    static let excelEpochOffset = 25569

    /// `A1`-style reference: column 1 is A, 27 is AA.
    public static func reference(row: Int, column: Int) -> String { columnName(column) + String(row) }

    /// Column letters: 1 → A, 26 → Z, 27 → AA.
    public static func columnName(_ column: Int) -> String {
        var n = column, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Text for XML (see ``MarkupText/escaped(_:keepingWhitespace:)``).
    static func escape(_ s: String) -> String { MarkupText.escaped(s, keepingWhitespace: true) }
}

/// The one escaper for text in markup bpv writes: a workbook's XML parts and the HTML report.
public enum MarkupText {
    /// `s` with the five markup characters as entities (`&#39;` for the apostrophe, which both
    /// XML and HTML read) and control characters dropped: XML 1.0 cannot hold them, and in a
    /// report they would only hide text.
    /// - Parameter keepingWhitespace: keep tabs and line breaks (a workbook cell); a report's
    ///   one-line fields drop them too.
    /// - Complexity: O(length).
    public static func escaped(_ s: String, keepingWhitespace: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": if keepingWhitespace { out.unicodeScalars.append(u) }
            default:
                if u.value < 0x20 || u.value == 0x7F { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

import Foundation
import Testing
import ZIPFoundation
@testable import BPVSpreadsheet

/// Workbooks made to hurt: a part that unpacks to far more than any list, an XML bomb, a sheet
/// the relationships do not find, and cells far out of range. Each is refused with its reason,
/// quickly and without holding the expansion in memory.
@Suite("hostile workbooks")
struct HostileWorkbookTests {
    /// A workbook with one sheet whose XML is `sheet`, and optional extra parts.
    static func workbook(sheet: Data, sharedStrings: String? = nil, styles: String? = nil) throws -> Data {
        var parts: [(path: String, bytes: Data)] = [
            ("xl/workbook.xml", Data(#"""
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
                """#.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(#"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>
                """#.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", Data(sharedStrings.utf8))) }
        if let styles { parts.append(("xl/styles.xml", Data(styles.utf8))) }
        return try WorkbookWriter.package(parts)
    }

    @Test func aPartThatIsNotUTF8IsRefusedBeforeTheXMLParserSeesIt() throws {
        // Found by FuzzWorkbook: bytes that are not UTF-8 in an element name (here after
        // `sheetData`) reached Foundation's XMLParser, which traps on such a name. The part is
        // refused instead, whatever its XML declaration says.
        let sheet = Data(#"<worksheet><sheetData"#.utf8) + Data([0xCA, 0xF5]) + Data(#"><row r="1"/></sheetData></worksheet>"#.utf8)
        #expect(throws: WorkbookError.malformed(part: "xl/worksheets/sheet1.xml", detail: "it is not UTF-8 text; save the workbook again from Excel or LibreOffice")) {
            _ = try WorkbookReader(data: try Self.workbook(sheet: sheet)).cells()
        }
    }

    @Test func aProcessingInstructionOrAnotherEncodingIsRefusedBeforeTheXMLParserSeesIt() throws {
        // Found by FuzzWorkbook: Foundation's XMLParser crashes on a processing instruction
        // without data. Only the XML declaration may open a part, and it must say UTF-8.
        let cases: [(String, String)] = [
            (#"<worksheet><?x?><sheetData/></worksheet>"#, "it holds an XML processing instruction, which a workbook never does"),
            (#"<?xml?><worksheet><sheetData/></worksheet>"#, "it holds an XML processing instruction, which a workbook never does"),
            (#"<?xml version="1"><worksheet><?x?><sheetData/></worksheet>"#, "it holds an XML processing instruction, which a workbook never does"),
            (#"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>"#,
             "its XML declaration names another encoding than UTF-8; save the workbook again from Excel or LibreOffice"),
        ]
        for (sheet, detail) in cases {
            #expect(throws: WorkbookError.malformed(part: "xl/worksheets/sheet1.xml", detail: detail), "\(sheet)") {
                _ = try WorkbookReader(data: try Self.workbook(sheet: Data(sheet.utf8))).cells()
            }
        }
        // The declaration Excel writes, after a byte order mark, is fine.
        let excel = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row></sheetData></worksheet>"#
        #expect(try WorkbookReader(data: try Self.workbook(sheet: Data(excel.utf8))).cells().cells.map(\.text) == ["id"])
    }

    @Test func aCellStyleThatIsNoIndexIsTheDefaultStyle() throws {
        // Found by FuzzWorkbook: a negative style indexed before the first style.
        let sheet = Data(#"<worksheet><sheetData><row r="1"><c r="A1" s="-3"><v>46266</v></c><c r="B1" s="99"><v>7</v></c></row></sheetData></worksheet>"#.utf8)
        let styles = #"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        #expect(try WorkbookReader(data: try Self.workbook(sheet: sheet, styles: styles)).cells().cells.map(\.text) == ["46266", "7"])
    }

    @Test func aPartThatUnpacksBeyondTheLimitIsRefused() throws {
        // 4 MB of spaces compress to a few kilobytes; the limit here is 1 MB.
        let bomb = Data("<worksheet><sheetData>".utf8) + Data(repeating: 0x20, count: 4_000_000) + Data("</sheetData></worksheet>".utf8)
        let data = try Self.workbook(sheet: bomb)
        #expect(data.count < 100_000)
        let book = try WorkbookReader(data: data, partLimit: 1_000_000)
        #expect(throws: WorkbookError.tooLarge(part: "xl/worksheets/sheet1.xml", limit: 1_000_000)) { _ = try book.cells() }
    }

    @Test func anXMLBombIsRefusedBeforeItExpands() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\
            <sst><si><t>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</t></si></sst>
            """
        let sheet = Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.utf8)
        #expect(throws: WorkbookError.malformed(part: "xl/sharedStrings.xml", detail: "it declares XML entities, which a workbook never does")) {
            _ = try WorkbookReader(data: try Self.workbook(sheet: sheet, sharedStrings: laughs))
        }
    }

    @Test func cellsAreReadWhereTheySayOrInOrderAndNeverOutOfRange() throws {
        let sheet = Data(#"""
            <worksheet><sheetData><row r="2"><c t="inlineStr"><is><t>a</t></is></c><c r="D2"><v>7</v></c><c><v>8</v></c></row>\
            <row r="3"><c r="ZZZZZZ999999999" t="inlineStr"><is><t>far</t></is></c><c t="s"><v>99</v></c><c t="b"><v>1</v></c></row>\
            </sheetData></worksheet>
            """#.utf8)
        let cells = try WorkbookReader(data: try Self.workbook(sheet: sheet)).cells().cells
        // A bad reference counts on from the cell before; a shared string that is not there is a problem at its cell.
        #expect(cells.map { "\($0.row):\($0.column)=\($0.text)\($0.problem == nil ? "" : " refused")" }
            == ["2:1=a", "2:4=7", "2:5=8", "3:1=far", "3:2= refused", "3:3=TRUE"])
    }

    @Test func notAWorkbookSaysWhatToDo() throws {
        #expect(throws: WorkbookError.notAWorkbook("damaged ZIP archive: too short")) { _ = try WorkbookReader(data: Data("PK\u{3}\u{4}junk".utf8)) }
        let empty = try Archive(accessMode: .create)
        #expect(throws: WorkbookError.notAWorkbook("no xl/workbook.xml")) { _ = try WorkbookReader(data: try #require(empty.data)) }
    }

    @Test func elementsWithANamespacePrefixAreReadAsExcelsOwn() throws {
        // The Open XML SDK writes <x:row><x:c>; Excel writes <row><c>.
        let sheet = Data(#"""
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1">\#
            <x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """#.utf8)
        let cells = try WorkbookReader(data: try Self.workbook(sheet: sheet)).cells().cells
        #expect(cells.map(\.text) == ["id", "42"])
        #expect(GuardedParser.local("x:c") == "c" && GuardedParser.local("c") == "c")
    }
}

/// Archives whose ZIP structure lies: ZIPFoundation seeks wherever the records point and its
/// in-memory reader traps past the end, so bpv walks the structure first and refuses.
@Suite("damaged ZIP archives")
struct DamagedArchiveTests {
    static func small() throws -> Data {
        try HostileWorkbookTests.workbook(sheet: Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row></sheetData></worksheet>"#.utf8))
    }

    /// The offset of the end of central directory record.
    static func endRecord(_ data: Data) throws -> Int {
        let bytes = [UInt8](data)
        return try #require((0 ... bytes.count - 22).reversed().first { bytes[$0 ..< $0 + 4] == [0x50, 0x4B, 0x05, 0x06] })
    }

    @Test func anEndRecordPointingPastTheFileIsRefusedNotACrash() throws {
        // The shape FuzzCSV found (issue 24): the central directory's offset in the end record
        // lies past the end; ZIPFoundation's MemoryFile trapped reading there.
        var data = try Self.small()
        let end = try Self.endRecord(data)
        data.replaceSubrange(end + 16 ..< end + 20, with: [0xF0, 0xFF, 0x00, 0x00])
        #expect(throws: WorkbookError.notAWorkbook("damaged ZIP archive: the central directory lies outside the file")) {
            _ = try WorkbookReader(data: data)
        }
    }

    @Test func aLocalHeaderPastTheEndIsRefused() throws {
        var data = try Self.small()
        let end = try Self.endRecord(data)
        let bytes = [UInt8](data)
        let directory = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
        data.replaceSubrange(directory + 42 ..< directory + 46, with: [0x00, 0x00, 0x10, 0x00])
        #expect(throws: WorkbookError.notAWorkbook("damaged ZIP archive: a part's local header lies outside the file")) {
            _ = try WorkbookReader(data: data)
        }
    }

    @Test func everyDamagedByteOrCutOfTheDirectoryIsRefusedOrReadNeverACrash() throws {
        // Each byte of the central directory and end record set to 0x00, 0x7F, 0xFF in turn, and
        // every cut of the file: a crash fails the whole test run.
        let data = try Self.small()
        let end = try Self.endRecord(data)
        let bytes = [UInt8](data)
        let directory = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
        var refused = 0
        for at in directory ..< bytes.count {
            for value: UInt8 in [0x00, 0x7F, 0xFF] where bytes[at] != value {
                var damaged = bytes
                damaged[at] = value
                do { _ = try WorkbookReader(data: Data(damaged)).cells() } catch { refused += 1 }
            }
        }
        for length in 0 ..< bytes.count {
            do { _ = try WorkbookReader(data: Data(bytes[..<length])).cells() } catch { refused += 1 }
        }
        #expect(refused > bytes.count)
    }
}

/// Cells a workbook reader must not read as empty: they would wipe a stored value on re-import.
@Suite("strict workbook cells")
struct StrictCellTests {
    @Test func danglingSharedTextFormulaWithoutValueAndCellsPastExcelsLimitsAreProblemsAtTheirCell() throws {
        let sheet = Data(#"""
            <worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c><c r="C1" t="str"><f>A1&amp;"x"</f></c>\#
            <c r="D1"><f>1+1</f></c><c r="E1"><f>2+2</f><v>4</v></c><c r="F1" t="s"/></row>\#
            <row r="1048577"><c r="A1048577" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>
            """#.utf8)
        let book = try WorkbookReader(data: try HostileWorkbookTests.workbook(sheet: sheet, sharedStrings: "<sst><si><t>naam</t></si></sst>"))
        let cells = try book.cells().cells
        #expect(cells.map { "\($0.row):\($0.column)=\($0.text) \($0.problem ?? "ok")" } == [
            "1:1=naam ok",
            "1:2= the cell points at shared text number 7, which the workbook does not have; a damaged file? save it again from Excel or LibreOffice",
            "1:3= the cell holds a formula without its saved value; open the workbook in Excel or LibreOffice and save it, or paste the values only",
            "1:4= the cell holds a formula without its saved value; open the workbook in Excel or LibreOffice and save it, or paste the values only",
            "1:5=4 ok",
            "1048577:1= the cell lies beyond Excel's last row (1,048,576) or column (XFD); a damaged file? save it again from Excel or LibreOffice",
        ])
    }
}

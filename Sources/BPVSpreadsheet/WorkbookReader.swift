import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A cell as read from a sheet: where it is and its value as text, the way Excel shows it to
/// the importer: shared and inline strings as they are, numbers as written, booleans `TRUE` or
/// `FALSE`, and numbers in a date format with the ``day`` they show.
public struct ReadCell: Sendable, Equatable {
    /// 1-based, as in the sheet (row 14 is `14`).
    public var row: Int
    /// 1-based (column C is 3).
    public var column: Int
    public var text: String
    /// The cell holds an Excel error value (`#N/A`, `#REF!`): `text` is that value.
    public var isError: Bool
    /// Why the cell cannot be read as it stands (a shared string the workbook lacks, a formula
    /// without its saved value, a place beyond Excel's last row or column), with the way out;
    /// nil for a readable cell. An importer refuses such a cell at its place rather than read
    /// it as empty, which would silently wipe a stored value on re-import.
    public var problem: String?
    /// For a number in a date format: the day it shows, as days since 1970-01-01 (`text` then
    /// holds the serial number as written).
    public var day: Int?

    public init(row: Int, column: Int, text: String, isError: Bool, problem: String? = nil, day: Int? = nil) {
        self.row = row
        self.column = column
        self.text = text
        self.isError = isError
        self.problem = problem
        self.day = day
    }
}

/// Why a workbook could not be read at all.
public enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAWorkbook(String)
    case noSuchSheet(String, available: [String])
    case tooLarge(part: String, limit: Int)
    case malformed(part: String, detail: String)

    public var description: String {
        switch self {
        case .notAWorkbook(let why): "not an .xlsx workbook (\(why)); save it as Excel Workbook (.xlsx) or as CSV UTF-8"
        case .noSuchSheet(let name, let available):
            "the workbook has no sheet '\(name)'; its sheets: \(available.joined(separator: ", "))"
        case .tooLarge(let part, let limit):
            "\(part) unpacks to more than \(limit / 1_000_000) MB; a student or internship list is far smaller (a damaged or hostile file?)"
        case .malformed(let part, let detail): "\(part) is not well-formed XML (\(detail)); open the file in Excel and save it again"
        }
    }
}

/// Reads the cells of one sheet of an Office Open XML workbook (`.xlsx`, as Excel, LibreOffice
/// and Google Sheets write it).
///
/// The container is opened with ZIPFoundation; the XML parts are read with Foundation's
/// streaming `XMLParser` rather than XMLCoder (also at hand): a sheet is a long flat stream of
/// cells whose meaning hangs on attributes (`t`, `s`, `r`), which a one-pass event parser reads
/// without building a tree of the whole sheet first.
///
/// Hostile files: every part is unpacked with a size limit (a ZIP bomb stops there), nothing
/// is fetched or resolved (no external entities), and a part that declares entities at all (a
/// "billion laughs") is refused: Office Open XML never has a DTD.
public struct WorkbookReader {
    /// The sheet names, in workbook order.
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String: String]
    private let sharedStrings: [String]
    /// Per cell style index: whether the style shows a number as a date.
    private let dateStyles: [Bool]

    /// The most any one part may unpack to, by default.
    public static let defaultPartLimit = 200_000_000
    private let partLimit: Int

    /// Whether `bytes` start like a ZIP archive (an `.xlsx` file, whatever its name).
    public static func looksLikeWorkbook(_ bytes: some Collection<UInt8>) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// - Complexity: O(size of the workbook's shared strings and styles).
    /// - Parameter partLimit: the most any one part may unpack to.
    public init(data: Data, partLimit: Int = defaultPartLimit) throws(WorkbookError) {
        self.partLimit = partLimit
        try ZipStructure.validate(data)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAWorkbook("not a readable ZIP archive")
        }
        guard let workbook = try Self.part(archive, "xl/workbook.xml", limit: partLimit) else { throw .notAWorkbook("no xl/workbook.xml") }
        var relations: [String: String] = [:]
        if let data = try Self.part(archive, "xl/_rels/workbook.xml.rels", limit: partLimit) { relations = try Self.relations(data) }
        var names: [String] = [], paths: [String: String] = [:]
        for (name, rid) in try Self.sheets(workbook) {
            names.append(name)
            guard let target = relations[rid] else { continue }
            paths[name] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard !names.isEmpty else { throw .notAWorkbook("the workbook lists no sheets") }
        sheetNames = names
        sheetPaths = paths
        if let data = try Self.part(archive, "xl/sharedStrings.xml", limit: partLimit) { sharedStrings = try Self.strings(data) } else { sharedStrings = [] }
        if let data = try Self.part(archive, "xl/styles.xml", limit: partLimit) { dateStyles = try Self.dateStyles(data) } else { dateStyles = [] }
    }

    /// The non-empty cells of `sheet` (the first sheet when nil), row by row.
    /// - Throws: ``WorkbookError/noSuchSheet(_:available:)`` naming the sheets there are.
    /// - Complexity: O(size of the sheet).
    public func cells(of sheet: String? = nil) throws(WorkbookError) -> (sheet: String, cells: [ReadCell]) {
        let name = sheet ?? sheetNames[0]
        guard sheetNames.contains(name) else { throw .noSuchSheet(name, available: sheetNames) }
        guard let path = sheetPaths[name], let data = try Self.part(archive, path, limit: partLimit) else {
            throw .notAWorkbook("sheet '\(name)' has no part in the archive")
        }
        let reader = SheetParser(shared: sharedStrings, dateStyles: dateStyles)
        try Self.parse(data, part: path, with: reader)
        return (name, reader.cells)
    }

    // MARK: Parts

    private static func part(_ archive: Archive, _ path: String, limit partLimit: Int) throws(WorkbookError) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= partLimit else { throw .tooLarge(part: path, limit: partLimit) }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > partLimit { throw WorkbookError.tooLarge(part: path, limit: partLimit) }
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .notAWorkbook("\(path) cannot be unpacked")
        }
        return out
    }

    private static func parse(_ data: Data, part: String, with delegate: GuardedParser) throws(WorkbookError) {
        try screen(data, part: part)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if delegate.declaresEntities { throw .malformed(part: part, detail: "it declares XML entities, which a workbook never does") }
        guard parsed else {
            let line = parser.lineNumber
            throw .malformed(part: part, detail: "line \(line): \(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error")")
        }
    }

    /// Refuses, before Foundation's `XMLParser` sees them, parts that a workbook application
    /// never writes and that the parser cannot take safely:
    /// - a DTD or entity declarations (an XML bomb; whether the parser reports entity
    ///   declarations to its delegate differs between platforms);
    /// - bytes that are not UTF-8, or an XML declaration naming another encoding (the parser
    ///   traps on a name that is not UTF-8: found by FuzzWorkbook);
    /// - a processing instruction other than the XML declaration (the parser crashes on one
    ///   without data, `<?x?>`: found by FuzzWorkbook).
    ///
    /// Excel, LibreOffice and Numbers write every part as UTF-8 with at most the declaration.
    /// - Complexity: O(bytes).
    static func screen(_ data: Data, part: String) throws(WorkbookError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw .malformed(part: part, detail: "it declares XML entities, which a workbook never does")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .malformed(part: part, detail: "it is not UTF-8 text; save the workbook again from Excel or LibreOffice")
        }
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        if body.hasPrefix("<?xml"), let close = body.range(of: "?>"),
            let next = body.dropFirst(5).first, next == " " || next == "\t" || next == "\n" || next == "\r"
        {
            let declaration = body[..<close.lowerBound].dropFirst(2).lowercased()
            // A declaration holds attributes only: `<` or `>` in it means markup the `?>` closed.
            if declaration.contains("<") || declaration.contains(">") {
                throw .malformed(part: part, detail: "it holds an XML processing instruction, which a workbook never does")
            }
            if let at = declaration.range(of: "encoding") {
                let value = declaration[at.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                guard value.hasPrefix("utf-8") || value.hasPrefix("utf8") else {
                    throw .malformed(part: part, detail: "its XML declaration names another encoding than UTF-8; save the workbook again from Excel or LibreOffice")
                }
            }
            body = body[close.upperBound...]
        }
        if body.contains("<?") {
            throw .malformed(part: part, detail: "it holds an XML processing instruction, which a workbook never does")
        }
    }

    private static func sheets(_ data: Data) throws(WorkbookError) -> [(String, String)] {
        let p = ElementCollector { name, attributes in
            name == "sheet" ? (attributes["name"] ?? "", attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? "") : nil
        }
        try parse(data, part: "xl/workbook.xml", with: p)
        return p.items
    }

    private static func relations(_ data: Data) throws(WorkbookError) -> [String: String] {
        let p = ElementCollector { name, attributes in
            name == "Relationship" ? (attributes["Id"] ?? "", attributes["Target"] ?? "") : nil
        }
        try parse(data, part: "xl/_rels/workbook.xml.rels", with: p)
        return Dictionary(p.items, uniquingKeysWith: { first, _ in first })
    }

    private static func strings(_ data: Data) throws(WorkbookError) -> [String] {
        let p = SharedStringsParser()
        try parse(data, part: "xl/sharedStrings.xml", with: p)
        return p.strings
    }

    /// Whether each cell style (`cellXfs`) shows numbers as dates: a built-in date format
    /// (14–22, 45–47) or a custom one whose code has day, month or year letters outside quotes
    /// and brackets.
    private static func dateStyles(_ data: Data) throws(WorkbookError) -> [Bool] {
        let p = StylesParser()
        try parse(data, part: "xl/styles.xml", with: p)
        return p.formats.map { id in
            if (14 ... 22).contains(id) || (45 ... 47).contains(id) { return true }
            guard let code = p.custom[id] else { return false }
            var inQuotes = false, inBrackets = false
            for c in code.lowercased() {
                switch c {
                case "\"": inQuotes.toggle()
                case "[": inBrackets = true
                case "]": inBrackets = false
                case "d", "m", "y": if !inQuotes && !inBrackets { return true }
                default: break
                }
            }
            return false
        }
    }

    /// Excel's escape for characters XML cannot hold: `_x001B_` is U+001B (and `_x005F_` a
    /// literal underscore before such a sequence).
    /// - Complexity: O(length).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = "", rest = Substring(text)
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    /// Excel's last row and column (XFD): no sheet an application writes goes beyond them.
    public static let lastRow = 1_048_576, lastColumn = 16_384

    /// `C14` → (14, 3); a place beyond Excel's last row or column is returned as it is (the
    /// sheet parser refuses it at its cell), a reference too long to mean anything is nil.
    static func position(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, digits = false
        for u in reference.utf8 {
            if (65 ... 90).contains(u), !digits {
                column = column * 26 + Int(u - 64)
            } else if (48 ... 57).contains(u) {
                digits = true
                row = row * 10 + Int(u - 48)
                if row > 10_000_000 { return nil }
            } else {
                return nil
            }
            if column > 20_000 { return nil }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }

    /// An Excel serial day as days since 1970-01-01 (serial 25569 is day 0); nil outside
    /// Excel's calendar (1900-01-01 to 9999-12-31). The importer writes it as a calendar date
    /// (`CalendarDate`, the one date algorithm).
    static func day(serial: Double) -> Int? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        return Int(serial.rounded(.down)) - WorkbookWriter.excelEpochOffset
    }
}

// MARK: Event parsers

/// Stops at the first entity declaration (a DTD has no place in a workbook; entities are how
/// an XML bomb multiplies itself). The parsers below override its element and text methods:
/// the protocol's witnesses are this class's, so a subclass must override, not just declare.
class GuardedParser: NSObject, XMLParserDelegate {
    private(set) var declaresEntities = false
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {}
    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    /// An element's name without its namespace prefix: some writers (the Open XML SDK) write
    /// `<x:c>` where Excel writes `<c>`.
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        declaresEntities = true
        parser.abortParsing()
    }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        declaresEntities = true
        parser.abortParsing()
    }
}

/// Collects one item per matching element from its attributes.
private final class ElementCollector: GuardedParser {
    let pick: (String, [String: String]) -> (String, String)?
    var items: [(String, String)] = []
    init(_ pick: @escaping (String, [String: String]) -> (String, String)?) {
        self.pick = pick
        super.init()
    }
    override func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = GuardedParser.local(element)
        if let item = pick(name, attributes) { items.append(item) }
    }
}

/// `<si>` items: the text of their `<t>` elements (rich-text runs joined; phonetic runs left out).
private final class SharedStringsParser: GuardedParser {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false
    override func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = GuardedParser.local(element)
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }
    override func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let name = GuardedParser.local(element)
        switch name {
        case "si": strings.append(WorkbookReader.unescaped(current))
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
    override func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
}

/// The number format of each cell style, and the custom format codes.
private final class StylesParser: GuardedParser {
    var formats: [Int] = []
    var custom: [Int: String] = [:]
    private var inCellXfs = false
    override func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = GuardedParser.local(element)
        switch name {
        case "numFmt": if let id = attributes["numFmtId"].flatMap(Int.init) { custom[id] = attributes["formatCode"] ?? "" }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }
    override func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let name = GuardedParser.local(element)
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// The cells of a worksheet.
private final class SheetParser: GuardedParser {
    let shared: [String]
    let dateStyles: [Bool]
    var cells: [ReadCell] = []
    private var row = 0, column = 0
    private var type = "", style = 0
    private var value = "", inValue = false, inCell = false
    /// The cell has a formula (`<f>`), and a saved value (`<v>`, or `<is>` for inline text).
    private var hasFormula = false, hasValue = false
    init(shared: [String], dateStyles: [Bool]) {
        self.shared = shared
        self.dateStyles = dateStyles
        super.init()
    }
    override func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = GuardedParser.local(element)
        switch name {
        case "row":
            // A row number out of Excel's range counts on from the row before, as a bad cell
            // reference does (FuzzWorkbook: a negative one reached the table as row -5).
            row = attributes["r"].flatMap(Int.init).flatMap { (1 ... 10_000_000).contains($0) ? $0 : nil } ?? row + 1
            column = 0
        case "c":
            inCell = true
            if let r = attributes["r"], let at = WorkbookReader.position(r) {
                row = at.row
                column = at.column
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            // A style that is not an index of the styles (FuzzWorkbook: `s="-3"`) is the default one.
            style = attributes["s"].flatMap(Int.init).flatMap { $0 >= 0 ? $0 : nil } ?? 0
            value = ""
            hasFormula = false
            hasValue = false
        case "v", "t":
            inValue = true
            hasValue = true
        case "f": hasFormula = true
        default: break
        }
    }
    override func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let name = GuardedParser.local(element)
        switch name {
        case "v", "t": inValue = false
        case "c":
            // An end without its start (a parser recovering from broken XML reports one) is no cell.
            guard inCell, row >= 1, column >= 1 else { return }
            inCell = false
            var text = value, isError = false
            if row > WorkbookReader.lastRow || column > WorkbookReader.lastColumn {
                cells.append(ReadCell(row: row, column: column, text: "", isError: false, problem:
                    "the cell lies beyond Excel's last row (1,048,576) or column (XFD); a damaged file? save it again from Excel or LibreOffice"))
                return
            }
            if hasFormula && !hasValue {
                cells.append(ReadCell(row: row, column: column, text: "", isError: false, problem:
                    "the cell holds a formula without its saved value; open the workbook in Excel or LibreOffice and save it, or paste the values only"))
                return
            }
            switch type {
            case "s" where !hasValue: text = ""  // a styled empty cell
            case "s":
                guard let index = Int(value), index >= 0, index < shared.count else {
                    cells.append(ReadCell(row: row, column: column, text: "", isError: false, problem:
                        "the cell points at shared text number \(value), which the workbook does not have; a damaged file? save it again from Excel or LibreOffice"))
                    return
                }
                text = shared[index]
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "e": isError = true
            case "n":
                if dateStyles.indices.contains(style), dateStyles[style], let serial = Double(value), let day = WorkbookReader.day(serial: serial) {
                    cells.append(ReadCell(row: row, column: column, text: value, isError: false, day: day))
                    return
                }
            case "inlineStr", "str": text = WorkbookReader.unescaped(value)
            default: break  // d (an ISO date): as written
            }
            if !text.isEmpty || isError { cells.append(ReadCell(row: row, column: column, text: text, isError: isError)) }
        default: break
        }
    }
    override func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }
}

import BPVDomain
import BPVFiles
import BPVSpreadsheet
import GRDB
import Foundation
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Workspace {
    /// The export's column and sheet names in `language` (`leerling`, `stageplaats`, `niveau`
    /// for a Dutch reader; the same words the import takes for those columns).
    static func columns(_ names: [String], _ language: Language) -> [String] {
        language == .nl ? names.map { dutchColumns[$0] ?? $0 } : names
    }

    static let dutchColumns: [String: String] = [
        "student": "leerling", "internship": "stageplaats", "employer": "werkgever", "employer_id": "werkgever_id",
        "leerbedrijf_id": "leerbedrijf_id", "sector": "sector", "level": "niveau", "school": "school", "coach": "coach",
        "travel_min": "reistijd_min", "score": "score", "start": "start", "planned_end": "geplande_einddatum", "days_per_week": "dagen_per_week",
        "status": "status", "why not placed": "waarom_niet_geplaatst", "name": "naam", "town": "plaats", "internships": "stageplaatsen",
        "places": "plaatsen", "taken": "bezet", "free": "vrij", "breakdowns": "afgebroken",
        "placements": "plaatsingen", "unplaced": "niet_geplaatst", "employers": "werkgevers",
    ]

    /// Writes the register (the current draft and every held placement): the ids to join by
    /// (student, internship, employer, leerbedrijf), the employer's name, sector, the student's
    /// level, school and coach, travel minutes, score, an active placement's dates and days a
    /// week, and status. No student names, no needs: the minimum a school or employer needs. The file is written whole or not at all,
    /// owner-only (0600), never through a link.
    ///
    /// A file named `.xlsx` is an Excel workbook with three sheets: `placements` (as the CSV,
    /// numbers as numbers and dates as dates), `unplaced` (each unplaced student with
    /// `unplacedReasons`), and `employers` (places, taken, free). Header rows are frozen, text
    /// is never a formula, and text that a spreadsheet would run is defused as in the CSV.
    ///
    /// - Returns: the number of placement rows written.
    /// - Throws: ``WorkspaceError/cannotWrite(_:_:)`` when the file cannot be written.
    @discardableResult
    public func exportPlacements(to file: String, unplacedReasons: [StudentID: String] = [:], language: Language = .en) throws(WorkspaceError) -> Int {
        try Self.checkExportFormat(file)
        let internships = Dictionary(try internships().map { ($0.internshipID, $0) }, uniquingKeysWith: { first, _ in first })
        let students = Dictionary(try students().map { ($0.studentID, $0) }, uniquingKeysWith: { first, _ in first })
        let summaries = try employerSummaries()
        var employerOf: [InternshipID: EmployerSummary] = [:]
        for e in summaries { for i in e.internships { employerOf[i] = e } }
        let rows = try placements()
        // Every sheet carries the ids to join them by (student, internship, employer,
        // leerbedrijf) and what a coordinator sorts by; the employer's name is the one the
        // employers sheet gives. Documented in the README ("Exports").
        let header = Self.columns(["student", "internship", "employer", "employer_id", "leerbedrijf_id", "sector", "level", "school", "coach",
                                   "travel_min", "score", "start", "planned_end", "days_per_week", "status"], language)
        // Stored words (sector, status) as the reader reads them: `detailhandel`, `concept`.
        func word(_ s: String?) -> CellValue { s.map { .text(language.word($0)) } ?? .empty }
        func text(_ s: String?) -> CellValue { s.map { .text($0) } ?? .empty }
        func cells(_ p: Placement) -> [CellValue] {
            let i = p.internship.flatMap { internships[$0] }, e = p.internship.flatMap { employerOf[$0] }, s = students[p.student]
            return [.text(p.student.value), text(p.internship?.value), text(e?.name ?? i?.employer), text(e?.key),
                    text(i?.leerbedrijfID ?? e?.record?.leerbedrijfID), word(i?.sector.rawValue), text(s?.level.rawValue), text(s?.school),
                    text(s?.coach), p.travelMinutes.map { .number(Double($0)) } ?? .empty, p.score.map { .number(Double($0)) } ?? .empty,
                    p.start.map { .date(day: $0.day) } ?? .empty, p.plannedEnd.map { .date(day: $0.day) } ?? .empty,
                    p.daysPerWeek.map { .number(Double($0)) } ?? .empty, word(p.status.rawValue)]
        }
        guard file.lowercased().hasSuffix(".xlsx") else {
            let separator = String(language.csvSeparator)
            var csv = header.joined(separator: separator) + "\n"
            for p in rows {
                csv += cells(p).map { Self.csvField(Self.text($0, language), separator: language.csvSeparator) }.joined(separator: separator) + "\n"
            }
            try Self.writeOwnerOnly(Array(csv.utf8), to: file)
            return rows.count
        }
        let unplaced = rows.filter { $0.internship == nil }.map { p -> [CellValue] in
            let s = students[p.student]
            return [.text(p.student.value), text(s?.level.rawValue), text(s?.school), text(s?.coach), .text(unplacedReasons[p.student] ?? "")]
        }
        let employers = summaries.map { e -> [CellValue] in
            [.text(e.key), .text(e.name), text(e.record?.leerbedrijfID), text(e.record?.town),
             .text(e.internships.map(\.value).joined(separator: "|")), .number(Double(e.places)),
             .number(Double(e.taken)), .number(Double(max(e.places - e.taken, 0))), .number(Double(e.breakdowns))]
        }
        // Every text cell of every sheet is defused in this one place.
        let sheets = [
            Sheet(name: Self.columns(["placements"], language)[0], header: header, rows: rows.map(cells)),
            Sheet(name: Self.columns(["unplaced"], language)[0], header: Self.columns(["student", "level", "school", "coach", "why not placed"], language),
                  rows: unplaced),
            Sheet(name: Self.columns(["employers"], language)[0],
                  header: Self.columns(["employer_id", "name", "leerbedrijf_id", "town", "internships", "places", "taken", "free", "breakdowns"], language),
                  rows: employers),
        ].map { sheet in Sheet(name: sheet.name, header: sheet.header, rows: sheet.rows.map { $0.map(Self.defused) }) }
        let data: Data
        do { data = try WorkbookWriter.data(sheets) } catch { throw .cannotWrite(file, "\(error)") }
        try Self.writeOwnerOnly([UInt8](data), to: file)
        return rows.count
    }

    /// The formats bpv writes a placements file in, by extension: a workbook, or CSV (also for
    /// a name without an extension, such as `/dev/stdout`).
    static let exportExtensions = ["xlsx", "csv", "txt"]

    /// Refuses a file name whose extension bpv cannot write (`.ods`, `.xls`), before anything
    /// is written: a CSV file under that name would not open as what its name says.
    static func checkExportFormat(_ file: String) throws(WorkspaceError) {
        // A database or folder is refused as that first: the more important thing to say.
        do { try OutputFile.check(file) } catch { throw .cannotWrite(file, error.reason) }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return }
        let ext = name[name.index(after: dot)...].lowercased()
        guard !exportExtensions.contains(ext) else { return }
        throw .refused(.unwritableFormat(file: file, ext: ext))
    }

    /// A cell as the CSV writes it: numbers as integers (or with the language's decimal
    /// separator), dates as `YYYY-MM-DD`.
    static func text(_ value: CellValue, _ language: Language = .en) -> String {
        switch value {
        case .text(let s): s
        case .number(let x): x == x.rounded() ? String(Int64(x)) : String("\(x)".map { $0 == "." ? language.decimalSeparator : $0 })
        case .date(let day): CalendarDate(day: day).description
        case .empty: ""
        }
    }

    static func defused(_ value: CellValue) -> CellValue {
        if case .text(let s) = value { return .text(defused(s)) }
        return value
    }

    /// Writes `bytes` to `file` through the one file seam (``OutputFile``): never over a
    /// database (the workspace itself, its log, any SQLite file) or a folder, owner-only
    /// (0600), all or nothing, never through a link, no temporary file left behind.
    static func writeOwnerOnly(_ bytes: [UInt8], to file: String) throws(WorkspaceError) {
        do { try OutputFile.write(bytes, to: file) } catch { throw .cannotWrite(file, error.reason) }
    }

    /// Text a spreadsheet would run as a formula, made plain: a leading `'` before `=`, `+`,
    /// `-`, `@`, a tab or a carriage return (OWASP's advice on CSV injection).
    static func defused(_ text: String) -> String {
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { return "'" + text }
        return text
    }

    /// One CSV field, quoted when it must be, and defused when a spreadsheet would run it: a
    /// field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (an employer named
    /// `=HYPERLINK(...)`) gets a leading `'`, which spreadsheets show as text (OWASP's advice on
    /// CSV injection).
    static func csvField(_ text: String, separator: Character = ",") -> String {
        let s = defused(text)
        guard s.contains(where: { $0 == separator || $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

extension Workspace {
    /// A placement that ended (the history): its days and how it ended, for the report's year.
    public struct PastPlacement: Sendable, Equatable {
        public var student: StudentID
        public var start: CalendarDate?
        public var end: CalendarDate?
        public var outcome: PlacementOutcome?
        public var coach: String?
    }

    /// Every past placement (the history; declined proposals were never placements), for the
    /// report's chart over the year and its figures per school year.
    /// - Complexity: O(history).
    public func pastPlacements() throws(WorkspaceError) -> [PastPlacement] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.start_date, h.end_date, h.outcome, s.coach, h.student_id FROM history h LEFT JOIN student s ON s.id = h.student_id
                WHERE h.outcome NOT LIKE 'declined%'
                """).map {
                PastPlacement(student: StudentID($0[4] as String), start: Records.date($0[0], "the history"), end: Records.date($0[1], "the history"),
                              outcome: ($0[2] as String?).flatMap(PlacementOutcome.init(rawValue:)), coach: $0[3])
            }
        }
    }

    /// Writes a document made from the workspace (the report) owner-only, whole or not at all,
    /// never through a link (``Register/exported(_:to:detail:)`` records it in the audit log).
    public func writeDocument(_ text: String, to file: String) throws(WorkspaceError) {
        try Self.writeOwnerOnly(Array(text.utf8), to: file)
    }
}

import BPVDomain
import BPVGeography

/// What is wrong at one place of an imported file: a value carrying its data, worded where it is
/// shown, in the reader's language (``text(_:)``). The two catalogues below are the only place
/// these messages are written; a test renders every case in both and fails when one is missing
/// or left in the other language.
public enum ImportIssue: Sendable, Hashable {
    // The file as a whole.
    case utf16
    case twoByteOrderMarks
    case oldExcel
    case sheetForCSV
    case workbookUnreadable(String)
    case workbookCell(String)
    case excelError(String)
    // Text and CSV structure.
    case notUTF8
    case fieldTooLong(Int, limit: Int)
    case controlCharacter(String)
    case quoteInsideField
    case quoteNotClosedOnLine(nextQuoteLine: Int)
    case textAfterClosingQuote
    case quoteNeverClosed
    case cellOutsideSheet(row: Int, column: Int)
    case cellBeyondLastColumn
    case cellTooLong(Int, limit: Int)
    case cellControlCharacter(String)
    case moreFieldsThanHeader(Int)
    // The header.
    case notAHeader(expected: [String])
    case missingColumn(String, header: [String])
    case duplicateColumn(String, first: Int, second: Int)
    case unknownColumn(String, meant: String)
    case missingLocationColumns
    // A value.
    case empty(column: String)
    case notAWholeNumber(column: String, text: String)
    case outOfRange(column: String, value: String, lower: String, upper: String)
    case notADate(column: String, text: String)
    case dateOutsideWindow(column: String, text: String)
    case notANumber(column: String, text: String)
    case unknownWord(what: Word, word: String, nearest: String?, expected: [String])
    case unknownLevel(String)
    case unknownProfile(String)
    case profileNotForLevel(Level)
    case noSectors
    case duplicateID(PseudonymousID, firstLine: Int)
    case invalidID(String, IDProblem)
    case halfACoordinate
    case swappedCoordinates(lat: String, lon: String)
    case outsideNetherlands(lat: String, lon: String)
    case noLocation
    case place(GeographyError)
    case supportAboveCapacity(support: Int, capacity: Int)
    case untilBeforeFrom(until: CalendarDate, from: CalendarDate)

    /// The word lists a value is read from.
    public enum Word: Sendable, Hashable {
        case sector, need, accommodation, certificate, travelMode(column: String), mode
    }

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    // MARK: English

    var english: String {
        switch self {
        case .utf16: "the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as CSV UTF-8"
        case .twoByteOrderMarks: "the file starts with two byte order marks (saved twice by a converter); save it again as CSV UTF-8"
        case .oldExcel: "this is an old Excel file (.xls, 97-2003); save it as Excel Workbook (.xlsx) or as CSV UTF-8"
        case .sheetForCSV: "--sheet is for .xlsx workbooks, and this file is not one; leave --sheet out for CSV"
        case .workbookUnreadable(let why): why
        case .workbookCell(let why): why
        case .excelError(let code): "the cell holds the Excel error \(code); put the value itself there"
        case .notUTF8: "not valid UTF-8 text (save the file as CSV UTF-8)"
        case .fieldTooLong(let n, let limit): "a field of \(n) characters; at most \(limit) (is a quote missing?)"
        case .controlCharacter(let code): "control character U+\(code) in a field; remove it (it is not text)"
        case .quoteInsideField: "a quote inside an unquoted field; quote the whole field and double inner quotes (\"\")"
        case .quoteNotClosedOnLine(let next):
            "this quote is not closed on its line (the next quote is on line \(next)); close it, or double a quote inside the text (\"\")"
        case .textAfterClosingQuote: "text after the closing quote of a field; put the whole field inside the quotes"
        case .quoteNeverClosed: "this quote is never closed"
        case .cellOutsideSheet(let row, let column):
            "a cell outside the sheet (row \(row), column \(column)); save the workbook again from Excel or LibreOffice"
        case .cellBeyondLastColumn: "a cell beyond column XFD; remove it"
        case .cellTooLong(let n, let limit): "this cell has \(n) characters, more than \(limit); shorten it"
        case .cellControlCharacter(let code): "a control character (U+\(code)) in the cell; remove it"
        case .moreFieldsThanHeader(let n): "more fields than the header has columns (\(n)); remove them or name the column in the header"
        case .notAHeader(let expected):
            "the first line is not a header: it names none of the columns \(expected.joined(separator: ", ")); add a header line"
        case .missingColumn(let name, let header): "missing required column '\(name)' (the header has: \(header.joined(separator: ", ")))"
        case .duplicateColumn(let name, let first, let second): "column \(name) appears twice (columns \(first) and \(second)); keep one"
        case .unknownColumn(let name, let meant): "column '\(name)' is not one bpv reads; did you mean '\(meant)'? rename it, or remove the column"
        case .missingLocationColumns: "missing location columns: give postcode, town, or lat and lon"
        case .empty(let column): "\(column) is empty"
        case .notAWholeNumber(let column, let text): "\(column) '\(text)' is not a whole number"
        case .outOfRange(let column, let value, let lower, let upper): "\(column) \(value) is out of range \(lower)...\(upper)"
        case .notADate(let column, let text): "\(column) '\(text)' is not a date; write it as YYYY-MM-DD (2026-09-01) or DD-MM-YYYY (1-9-2026)"
        case .dateOutsideWindow(let column, let text): "\(column) \(Refusal.dateOutsideWindow(text).text(.en))"
        case .notANumber(let column, let text): "\(column) '\(text)' is not a number; write it in decimals, for example 52.37"
        case .unknownWord(let what, let word, let nearest, let expected):
            "unknown \(Self.englishName(what)) '\(word)';" + (nearest.map { " did you mean '\($0)'?" } ?? "")
                + (what == .need ? " expected what the workplace must provide (\(expected.joined(separator: ", "))), never a diagnosis"
                                 : " expected \(expected.joined(separator: ", "))")
        case .unknownLevel(let text): "unknown level '\(text)'; expected \(Level.spelled)"
        case .unknownProfile(let text):
            "unknown profile '\(text)'; expected \(ExitProfile.allCases.map(\.rawValue).joined(separator: ", ")) (the uitstroomprofiel of a PRO or VSO pupil), or leave it empty"
        case .profileNotForLevel(let level): "a profile (uitstroomprofiel) is for PRO and VSO pupils, not level \(level.rawValue); leave it empty"
        case .noSectors: "sectors is empty: give at least one sector"
        case .duplicateID(let id, let first): "duplicate id \(id) (first on line \(first))"
        case .invalidID(let text, let why): Refusal.invalidID(text, why).text(.en)
        case .halfACoordinate: "give both lat and lon, or neither and a postcode or town"
        case .swappedCoordinates(let lat, let lon):
            "lat \(lat) and lon \(lon) look swapped: in the Netherlands lat is about 51 to 53.5 and lon about 3.4 to 7.2"
        case .outsideNetherlands(let lat, let lon):
            "lat \(lat), lon \(lon) is outside the Netherlands and its border regions (lat 50 to 54, lon 2.5 to 8)"
        case .noLocation: "no location: give a postcode, a town, or lat and lon"
        case .place(let error): error.text(.en)
        case .supportAboveCapacity(let support, let capacity): "support_capacity \(support) is more than the capacity \(capacity)"
        case .untilBeforeFrom(let until, let from): "available_until \(until) is before available_from \(from)"
        }
    }

    static func englishName(_ word: Word) -> String {
        switch word {
        case .sector: "sector"
        case .need: "need"
        case .accommodation: "accommodation"
        case .certificate: "certificate"
        case .travelMode(let column): column
        case .mode: "mode"
        }
    }

    // MARK: Nederlands

    var dutch: String {
        switch self {
        case .utf16: "het bestand is UTF-16-tekst (het begint met een UTF-16-bytevolgordeteken); sla het op als CSV UTF-8"
        case .twoByteOrderMarks: "het bestand begint met twee bytevolgordetekens (twee keer opgeslagen door een omzetter); sla het opnieuw op als CSV UTF-8"
        case .oldExcel: "dit is een oud Excel-bestand (.xls, 97-2003); sla het op als Excel-werkmap (.xlsx) of als CSV UTF-8"
        case .sheetForCSV: "een werkblad kiezen kan alleen bij een .xlsx-werkmap, en dit bestand is er geen; laat het werkblad weg bij CSV"
        case .workbookUnreadable(let why): "de werkmap is niet te lezen (\(why)); sla haar opnieuw op vanuit Excel of LibreOffice"
        case .workbookCell(let why): "deze cel is niet te lezen (\(why)); typ de waarde opnieuw in"
        case .excelError(let code): "de cel bevat de Excel-fout \(code); zet de waarde zelf erin"
        case .notUTF8: "geen geldige UTF-8-tekst (sla het bestand op als CSV UTF-8)"
        case .fieldTooLong(let n, let limit): "een veld van \(n) tekens; hooguit \(limit) (ontbreekt er een aanhalingsteken?)"
        case .controlCharacter(let code): "stuurteken U+\(code) in een veld; haal het weg (het is geen tekst)"
        case .quoteInsideField: "een aanhalingsteken in een veld zonder aanhalingstekens; zet het hele veld tussen aanhalingstekens en verdubbel de aanhalingstekens erin (\"\")"
        case .quoteNotClosedOnLine(let next):
            "dit aanhalingsteken wordt op zijn regel niet gesloten (het volgende staat op regel \(next)); sluit het, of verdubbel een aanhalingsteken in de tekst (\"\")"
        case .textAfterClosingQuote: "tekst na het sluitende aanhalingsteken van een veld; zet het hele veld tussen de aanhalingstekens"
        case .quoteNeverClosed: "dit aanhalingsteken wordt nergens gesloten"
        case .cellOutsideSheet(let row, let column):
            "een cel buiten het werkblad (rij \(row), kolom \(column)); sla de werkmap opnieuw op vanuit Excel of LibreOffice"
        case .cellBeyondLastColumn: "een cel voorbij kolom XFD; haal haar weg"
        case .cellTooLong(let n, let limit): "deze cel heeft \(n) tekens, meer dan \(limit); maak haar korter"
        case .cellControlCharacter(let code): "een stuurteken (U+\(code)) in de cel; haal het weg"
        case .moreFieldsThanHeader(let n): "meer velden dan de kopregel kolommen heeft (\(n)); haal ze weg of geef de kolom een naam in de kopregel"
        case .notAHeader(let expected):
            "de eerste regel is geen kopregel: er staat geen van de kolommen \(expected.joined(separator: ", ")) in; zet een kopregel bovenaan"
        case .missingColumn(let name, let header): "de verplichte kolom '\(name)' ontbreekt (de kopregel heeft: \(header.joined(separator: ", ")))"
        case .duplicateColumn(let name, let first, let second): "kolom \(name) staat er twee keer in (kolommen \(first) en \(second)); laat er één staan"
        case .unknownColumn(let name, let meant): "kolom '\(name)' leest bpv niet; bedoelt u '\(meant)'? hernoem haar, of haal de kolom weg"
        case .missingLocationColumns: "kolommen voor de plaats ontbreken: geef postcode, woonplaats, of lat en lon"
        case .empty(let column): "\(column) is leeg"
        case .notAWholeNumber(let column, let text): "\(column) '\(text)' is geen geheel getal"
        case .outOfRange(let column, let value, let lower, let upper): "\(column) \(value) ligt buiten \(lower) tot en met \(upper)"
        case .notADate(let column, let text): "\(column) '\(text)' is geen datum; schrijf haar als DD-MM-JJJJ (1-9-2026) of JJJJ-MM-DD (2026-09-01)"
        case .dateOutsideWindow(let column, let text): "\(column) \(Refusal.dateOutsideWindow(text).text(.nl))"
        case .notANumber(let column, let text): "\(column) '\(text)' is geen getal; schrijf het als decimaal getal, bijvoorbeeld 52,37"
        case .unknownWord(let what, let word, let nearest, let expected):
            "\(Self.dutchName(what)) '\(word)' is onbekend;" + (nearest.map { " bedoelt u '\($0)'?" } ?? "")
                + (what == .need ? " verwacht: wat de werkplek moet bieden (\(expected.map(Self.dutchWord).joined(separator: ", "))), nooit een diagnose"
                                 : " verwacht: \(expected.map(Self.dutchWord).joined(separator: ", "))")
        case .unknownLevel(let text): "niveau '\(text)' is onbekend; verwacht: pro, vso, entree, 2, 3 of 4"
        case .unknownProfile(let text):
            "uitstroomprofiel '\(text)' is onbekend; verwacht: \(ExitProfile.allCases.map(\.rawValue).joined(separator: ", ")) (voor leerlingen van PRO en VSO), of laat het leeg"
        case .profileNotForLevel(let level): "een uitstroomprofiel is er voor leerlingen van PRO en VSO, niet voor niveau \(level.rawValue); laat het leeg"
        case .noSectors: "sectoren is leeg: geef minstens één sector"
        case .duplicateID(let id, let first): "id \(id) komt twee keer voor (eerst op regel \(first))"
        case .invalidID(let text, let why): Refusal.invalidID(text, why).text(.nl)
        case .halfACoordinate: "geef lat en lon allebei, of geen van beide en een postcode of woonplaats"
        case .swappedCoordinates(let lat, let lon):
            "lat \(lat) en lon \(lon) lijken verwisseld: in Nederland is lat ongeveer 51 tot 53,5 en lon ongeveer 3,4 tot 7,2"
        case .outsideNetherlands(let lat, let lon):
            "lat \(lat), lon \(lon) ligt buiten Nederland en de grensstreek (lat 50 tot 54, lon 2,5 tot 8)"
        case .noLocation: "geen plaats: geef een postcode, een woonplaats, of lat en lon"
        case .place(let error): error.text(.nl)
        case .supportAboveCapacity(let support, let capacity): "plaatsen_met_begeleiding \(support) is meer dan het aantal plaatsen \(capacity)"
        case .untilBeforeFrom(let until, let from): "beschikbaar_tot \(until) ligt vóór beschikbaar_vanaf \(from)"
        }
    }

    static func dutchName(_ word: Word) -> String {
        switch word {
        case .sector: "sector"
        case .need: "aanpassing"
        case .accommodation: "aanpassing"
        case .certificate: "certificaat"
        case .travelMode(let column): column == "travel_mode" ? "vervoer" : column
        case .mode: "vervoer"
        }
    }

    /// The Dutch word for one of bpv's stored words (`retail` is `detailhandel`); the others
    /// are Dutch already (`logistiek`, `zorg`, `nt2`, `vog`).
    static func dutchWord(_ word: String) -> String { Language.nl.word(word) }

}

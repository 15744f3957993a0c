import Foundation
import BPVDomain
import BPVGeography
import Testing
@testable import BPVWorkspace

@Suite("CSV import")
struct CSVImportTests {
    func students(_ text: String) throws(ImportFailure) -> [Student] {
        try StudentImport.parse(Array(text.utf8), fileName: "students.csv")
    }

    func internships(_ text: String) throws(ImportFailure) -> [Internship] {
        try InternshipImport.parse(Array(text.utf8), fileName: "internships.csv")
    }

    /// The problems of a refused import, as `line:column: message`.
    func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as ImportFailure {
            return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
        } catch {
            return ["unexpected error \(error)"]
        }
    }

    @Test func readsWhatDutchExcelWrites() throws {
        // BOM, semicolons, decimal commas, diacritics, columns in another order, an extra column.
        let text = "\u{FEFF}naam_school;id;name;level;sectors;lat;lon;travel_mode;max_travel_min;needs;certificates;priority;coach\r\n"
            + "Tender College;S-0001;Noë Çelik;entree;Detailhandel|logistiek;52,2292;5,1669;fiets;30;quiet|fixed_mentor;;1;Jan\r\n"
            + "Tender College;S-0002;;2;zorg;52,3874;4,6462;ov;45;;vog;;\r\n"
        let s = try students(text)
        #expect(s.count == 2)
        #expect(s[0].id.value == "S-0001" && s[0].name == "Noë Çelik")
        #expect(s[0].sectors == [.retail, .logistiek] && s[0].level == .entree)
        #expect(abs(s[0].home.latitude - 52.2292) < 1e-9 && s[0].travelMode == .bike)
        #expect(s[0].needs == AccommodationSet([.quiet, .fixedMentor]) && s[0].priority == 1 && s[0].coach == "Jan")
        #expect(s[1].name == nil && s[1].certificates == CertificateSet([.vog]) && s[1].priority == 0)
    }

    @Test func townStandsInForCoordinates() throws {
        let s = try students("id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,groen,Heemskerk,bike,40\n")
        #expect(s[0].home == Location(try Gazetteer.netherlands.place(named: "Heemskerk")))
    }

    @Test func aPostcodeOrAnyDutchPlaceLocatesAStudentAnywhereInTheCountry() throws {
        let s = try students("""
            id,level,sectors,postcode,town,travel_mode,max_travel_min
            S-1,2,groen,3511 AB,,bike,40
            S-2,2,groen,,Zwolle,bike,40
            S-3,2,groen,8011,,bike,40
            S-4,2,groen,,Laren (Lochem),bike,40
            S-5,2,groen,1222,Bussum,bike,40
            S-6,2,groen,,'s-hertogenbosch,bike,40
            """)
        let nl = Gazetteer.netherlands
        #expect(s[0].home == Location(try nl.area(of: try Postcode(parsing: "3511"))))
        #expect(s[0].home.nearestPlace()?.name == "Utrecht")
        #expect(s[1].home == Location(try nl.place(named: "Zwolle")))
        #expect(s[2].home.nearestPlace()?.name == "Zwolle")
        #expect(s[3].home.nearestPlace()?.municipality == "Lochem")
        // 1222 spans Hilversum and Bussum: the town settles which area.
        #expect(s[4].home.nearestPlace()?.name == "Bussum")
        #expect(s[5].home.nearestPlace()?.province == "Noord-Brabant")
    }

    @Test func anAmbiguousPlaceAndAnUnknownPostcodeAreRefusedAtTheirLineWithTheWayOut() {
        let text = """
            id,level,sectors,postcode,town,travel_mode,max_travel_min
            S-1,2,groen,,Laren,bike,40
            S-2,2,groen,1000,,bike,40
            S-3,2,groen,12AB,,bike,40
            S-4,2,groen,,Hilversun,bike,40
            """
        #expect(problems { _ = try students(text) } == [
            "2:14: 'Laren' is a place in 2 municipalities (Laren, Laren (Lochem)); add the postcode, write the municipality in brackets ('Laren (Laren)'), or set the workspace's region (set region MUNICIPALITY|...)",
            "3:13: postcode 1000 is not a postcode area in the Netherlands (nearest: 1011, 1012, 1013); check the code, or give the place name",
            "4:13: '12AB' is not a postcode: write four digits, optionally with two letters (1234, 1234 AB)",
            "5:14: unknown place 'Hilversun'; did you mean 'Hilversum'? give a Dutch place name or a postcode",
        ])
    }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// The Gooi students file as a Dutch school exports it from Excel: a byte-order mark,
    /// semicolons, CRLF, Dutch column names in another order, Dutch words and dates.
    static func dutchTwin(of english: String) -> String {
        let words = ["retail": "Detailhandel", "zorg": "Zorg & Welzijn", "bike": "fiets", "walk": "lopen", "ov": "openbaar vervoer",
                     "quiet": "prikkelarm", "fixed_mentor": "vaste werkbegeleider", "clear_instructions": "duidelijke_instructies",
                     "heftruck": "Heftruckcertificaat", "2": "niveau 2"]
        let names = ["name": "Naam", "level": "Niveau", "sectors": "Sectoren", "town": "Woonplaats", "postcode": "Postcode",
                     "travel_mode": "Vervoer", "max_travel_min": "Max reistijd", "needs": "Aanpassingen", "certificates": "Certificaten",
                     "priority": "Prioriteit", "coach": "Mentor", "available_from": "Beschikbaar vanaf"]
        let lines = english.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let order = Array(header.indices.reversed())  // every column in another place
        var out = ["\u{FEFF}" + order.map { names[header[$0]] ?? header[$0] }.joined(separator: ";")]
        for row in lines.dropFirst() {
            out.append(order.map { k -> String in
                let value = row[k]
                if header[k] == "available_from", value.count == 10 {
                    let p = value.split(separator: "-")
                    return "\(Int(p[2]) ?? 0)-\(Int(p[1]) ?? 0)-\(p[0])"
                }
                if header[k] == "postcode" { return value + " AB" }
                return value.split(separator: "|", omittingEmptySubsequences: false).map { words[String($0)] ?? String($0) }.joined(separator: "|")
            }.joined(separator: ";"))
        }
        return out.joined(separator: "\r\n") + "\r\n"
    }

    @Test func aDutchFileFromExcelImportsExactlyAsItsEnglishTwin() throws {
        let english = try String(contentsOf: Self.samples.appendingPathComponent("gooi-students.csv"), encoding: .utf8)
        let dutch = Self.dutchTwin(of: english)
        #expect(dutch.hasPrefix("\u{FEFF}Beschikbaar vanaf;Mentor;Prioriteit;Certificaten;Aanpassingen;Max reistijd;Vervoer;Postcode;Woonplaats;Sectoren;Niveau;Naam;id\r\n"))
        #expect(dutch.contains("Zorg & Welzijn") && dutch.contains("prikkelarm") && dutch.contains("1-9-2026"))
        let fromDutch = try StudentImport.parse(Array(dutch.utf8), fileName: "leerlingen.csv")
        let fromEnglish = try StudentImport.parse(Array(english.utf8), fileName: "students.csv")
        #expect(fromDutch.count == 100)
        #expect(fromDutch == fromEnglish)
    }

    @Test func aDutchOrEnglishNearMissOfAColumnOrAWordIsNamedWithTheWayOut() {
        let text = "id;niveau;sectoren;woonplats;vervoer;max_reistijd;aanpassingen\nS-1;pro;detailhandle;Hilversum;fietss;30;prikelarm\n"
        #expect(problems { _ = try students(text) } == [
            "1:1: missing location columns: give postcode, town, or lat and lon",
            "1:4: column 'woonplats' is not one bpv reads; did you mean 'woonplaats'? rename it, or remove the column",
        ])
        let words = "id;niveau;sectoren;woonplaats;vervoer;max_reistijd;aanpassingen\nS-1;pro;detailhandle;Hilversum;fietss;30;prikelarm\n"
        #expect(problems { _ = try students(words) } == [
            "2:9: unknown sector 'detailhandle'; did you mean 'detailhandel'? expected retail, logistiek, zorg, techniek, horeca, groen",
            "2:32: unknown vervoer 'fietss'; did you mean 'fiets'? expected walk, bike, scooter, ov, car",
            "2:42: unknown need 'prikelarm'; did you mean 'prikkelarm'? expected what the workplace must provide (jobcoach, wheelchair, quiet, fixed_mentor, nt2, clear_instructions), never a diagnosis",
        ])
    }

    @Test func theWorkspaceRegionSettlesANameThatExistsTwice() throws {
        let text = "id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,groen,Laren,bike,40\n"
        let s = try StudentImport.parse(Array(text.utf8), fileName: "students.csv", region: Region(["Gooise Meren", "Laren", "Hilversum"]))
        #expect(s[0].home.nearestPlace()?.province == "Noord-Holland")
    }

    @Test func quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws {
        let text = """
            id,employer,sector,town,capacity,support_capacity,offers,requires,levels,leerbedrijf_id
            I-1,"Bakkerij ""De Zon"", Haarlem",retail,Haarlem,3,1,jobcoach|quiet,,entree|2,100200300
            I-2,"Tuin
            en Zo",groen,Driehuis,2,,,,,

            """
        let i = try internships(text)
        #expect(i.count == 2)
        #expect(i[0].employer == "Bakkerij \"De Zon\", Haarlem" && i[0].leerbedrijfID == "100200300")
        #expect(i[0].levels == [.entree, .two] && i[0].supportCapacity == 1)
        #expect(i[1].employer == "Tuin\nen Zo" && i[1].levels == Set(Level.allCases) && i[1].supportCapacity == 0)
    }

    @Test func duplicateIdsAreRefusedWithBothLines() {
        let p = problems { _ = try students("id,level,sectors,town,travel_mode,max_travel_min\nS-1,2,zorg,Haarlem,bike,30\nS-1,2,zorg,Haarlem,bike,30\n") }
        #expect(p == ["3:1: duplicate id S-1 (first on line 2)"])
    }

    @Test func unknownSectorsAndNeedsAreNamedAtTheirColumn() {
        let p = problems {
            _ = try students("id,level,sectors,town,travel_mode,max_travel_min,needs\nS-1,2,zorg|bakery,Haarlem,bike,30,quiet|autism\n")
        }
        #expect(p.count == 2)
        #expect(p[0].hasPrefix("2:12: unknown sector 'bakery'"))
        #expect(p[1].hasPrefix("2:41: unknown need 'autism'") && p[1].contains("never a diagnosis"))
    }

    @Test func outOfRangeNumbersAreRefused() {
        let p = problems {
            _ = try students("id,level,sectors,lat,lon,travel_mode,max_travel_min,priority\nS-1,2,zorg,95.0,4.6,bike,500,12\n")
        }
        #expect(p == [
            "2:12: lat 95.0 is out of range -90.0...90.0",
            "2:26: max_travel_min 500 is out of range 1...240",
            "2:30: priority 12 is out of range 0...9",
        ])
        let q = problems { _ = try internships("id,employer,sector,town,capacity,support_capacity\nI-1,X,zorg,Haarlem,2,3\n") }
        #expect(q == ["2:22: support_capacity 3 is more than the capacity 2"])
    }

    @Test func missingRequiredColumnsAreListed() {
        let p = problems { _ = try students("id,sectors,town\nS-1,zorg,Haarlem\n") }
        #expect(p.count == 3)
        #expect(p.allSatisfy { $0.hasPrefix("1:1: missing required column") })
        let q = problems { _ = try internships("id,employer,sector,capacity\nI-1,X,zorg,1\n") }
        #expect(q == ["1:1: missing location columns: give postcode, town, or lat and lon"])
    }

    @Test func brokenQuotingIsLocated() {
        let unclosed = problems { _ = try internships("id,employer,sector,town,capacity\nI-1,\"Open,zorg,Haarlem,1\n") }
        #expect(unclosed.contains("2:5: this quote is never closed"))
        let stray = problems { _ = try internships("id,employer,sector,town,capacity\nI-1,Jan \"de\" Vries,zorg,Haarlem,1\n") }
        #expect(stray.first?.hasPrefix("2:9: a quote inside an unquoted field") == true)
    }

    @Test func citizenNumbersAreNeverAcceptedAsIds() {
        let p = problems { _ = try students("id,level,sectors,town,travel_mode,max_travel_min\n123456782,2,zorg,Haarlem,bike,30\n") }
        #expect(p.count == 1 && p[0].hasPrefix("2:1: id '123456782' looks like a citizen service (BSN)"))
    }

    @Test func textThatIsNotUTF8IsRefused() {
        // "Noë" as Windows-1252: the ë is byte 0xEB.
        var bytes = Array("id,name,level,sectors,town,travel_mode,max_travel_min\nS-1,No".utf8)
        bytes += [0xEB]
        bytes += Array(",2,zorg,Haarlem,bike,30\n".utf8)
        do {
            _ = try StudentImport.parse(bytes, fileName: "students.csv")
            Issue.record("accepted a Windows-1252 file")
        } catch {
            #expect(error.problems.map(\.description) == ["students.csv:2:5: not valid UTF-8 text (save the file as CSV UTF-8)"])
        }
    }

    @Test func everyProblemIsReportedUpToTheCapAndNothingIsImported() {
        var text = "id,level,sectors,town,travel_mode,max_travel_min\n"
        for k in 0 ..< 80 { text += "S-\(k),9,zorg,Haarlem,bike,30\n" }
        do {
            _ = try students(text)
            Issue.record("accepted")
        } catch {
            #expect(error.total == 80)
            #expect(error.problems.count == ImportFailure.cap)
            #expect(error.description.contains("... and 30 more problems"))
            #expect(error.description.hasSuffix("nothing was imported"))
        }
    }
}

/// Malformed files, one class each: refused whole at the right line and column, with no
/// personal data repeated; and the well-formed variants Excel writes, accepted.
@Suite("malformed student files")
struct MalformedFileTests {
    static let header = "id;name;level;sectors;town;travel_mode;max_travel_min\n"

    static let refused: [(String, String, String)] = [
        ("no header", "S-1;Ann Jansen;2;retail;Hilversum;bike;30\n",
         "s.csv:1:1: the first line is not a header: it names none of the columns id, level, sectors, travel_mode, max_travel_min; add a header line"),
        ("duplicate column", "id;id;level;sectors;town;travel_mode;max_travel_min\nS-1;S-2;2;retail;Hilversum;bike;30\n",
         "s.csv:1:2: column 'id' appears twice (columns 1 and 2); keep one"),
        ("one column under two spellings", "id;level;sectors;town;travel_mode;max_travel_min;Max Travel Min\nS-1;2;retail;Hilversum;bike;30;40\n",
         "s.csv:1:7: column 'max_travel_min' appears twice (columns 6 and 7); keep one"),
        ("a misspelt column", "id;level;sectors;town;travel_mode;max_travel_min;coch\nS-1;2;retail;Hilversum;bike;30;mentor-1\n",
         "s.csv:1:7: column 'coch' is not one bpv reads; did you mean 'coach'? rename it, or remove the column"),
        ("more fields than the header", header + "S-1;Ann;2;retail;Hilversum;bike;30;extra\n",
         "s.csv:2:36: more fields than the header has columns (7); remove them or name the column in the header"),
        ("swapped coordinates", "id;name;level;sectors;lat;lon;travel_mode;max_travel_min\nS-1;Ann;2;retail;5.17;52.22;bike;30\n",
         "s.csv:2:18: lat 5.17 and lon 52.22 look swapped: in the Netherlands lat is about 51 to 53.5 and lon about 3.4 to 7.2"),
        ("outside the Netherlands", "id;name;level;sectors;lat;lon;travel_mode;max_travel_min\nS-1;Ann;2;retail;48.85;2.35;bike;30\n",
         "s.csv:2:18: lat 48.85, lon 2.35 is outside the Netherlands and its border regions (lat 50 to 54, lon 2.5 to 8)"),
        ("a hex number", header + "S-1;Ann;2;retail;Hilversum;bike;0x1E\n", "s.csv:2:33: max_travel_min '0x1E' is not a whole number"),
        ("a stray quote", header + "S-1;Ann;2;retail;Hilversum;bike;30\nS-2;B\"ob;2;retail;Hilversum;bike;30\n",
         "s.csv:3:6: a quote inside an unquoted field; quote the whole field and double inner quotes (\"\")"),
        ("a quote never closed", header + "S-1;\"Ann;2;retail;Hilversum;bike;30\nS-2;Bob;2;retail;Hilversum;bike;30\n",
         "s.csv:2:5: this quote is never closed"),
        ("a NUL byte", header + "S-1;A\u{0}n;2;retail;Hilversum;bike;30\n", "s.csv:2:6: control character U+0000 in a field; remove it (it is not text)"),
        ("a citizen number as id", header + "123.456.782;Ann;2;retail;Hilversum;bike;30\n",
         "s.csv:2:1: id '123.456.782' looks like a citizen service (BSN) or education number; use a pseudonymous id such as S-0042"),
    ]

    static let refusedBytes: [(String, [UInt8], String)] = [
        ("Latin-1", Array("id;name;level;sectors;town;travel_mode;max_travel_min\nS-1;No".utf8) + [0xEB] + Array(";2;retail;Hilversum;bike;30\n".utf8),
         "s.csv:2:5: not valid UTF-8 text (save the file as CSV UTF-8)"),
        ("UTF-16 with a byte order mark", [0xFF, 0xFE] + Array("id;name".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
         "s.csv:1:1: the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as CSV UTF-8"),
        ("a double byte order mark", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array((header + "S-1;Ann;2;retail;Hilversum;bike;30\n").utf8),
         "s.csv:1:1: the file starts with two byte order marks (saved twice by a converter); save it again as CSV UTF-8"),
        ("a quote not closed on its line, the next quote lines later",
         Array((header + "S-1;\"Ann;2;retail;Hilversum;bike;30\nS-2;Bob;2;retail;Hilversum;bike;30\nS-3;\"Cor\";2;retail;Hilversum;bike;30\n").utf8),
         "s.csv:2:5: this quote is not closed on its line (the next quote is on line 4); close it, or double a quote inside the text (\"\")"),
        ("text after a closing quote, said once", Array((header + "S-1;\"Ann\" Jansen x;2;retail;Hilversum;bike;30\n").utf8),
         "s.csv:2:11: text after the closing quote of a field; put the whole field inside the quotes"),
        ("a hexadecimal latitude", Array("id;name;level;sectors;lat;lon;travel_mode;max_travel_min\nS-1;Ann;2;retail;0x1.a3p5;5.17;bike;30\n".utf8),
         "s.csv:2:18: lat '0x1.a3p5' is not a number; write it in decimals, for example 52.37"),
        ("a very long field", Array((header + "S-1;" + String(repeating: "A", count: 5000) + ";2;retail;Hilversum;bike;30\n").utf8),
         "s.csv:2:5: a field of 5000 characters; at most 1000 (is a quote missing?)"),
    ]

    @Test(arguments: refusedBytes.indices)
    func aFileInTheWrongEncodingOrWithARunawayFieldIsRefusedWithOneClearProblem(k: Int) {
        let (name, bytes, only) = Self.refusedBytes[k]
        do {
            _ = try StudentImport.parse(bytes, fileName: "s.csv")
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.description == only + "\nnothing was imported", "\(name)")
        }
    }

    @Test(arguments: refused.indices)
    func aMalformedFileIsRefusedWholeAtItsPlace(k: Int) {
        let (name, text, first) = Self.refused[k]
        do {
            _ = try StudentImport.parse(Array(text.utf8), fileName: "s.csv")
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.description.split(separator: "\n").first.map(String.init) == first, "\(name)")
            #expect(error.description.hasSuffix("nothing was imported"), "\(name)")
            #expect(!error.description.contains("Jansen"), "\(name): the message repeats the record")
        }
    }

    static let accepted: [(String, String)] = [
        ("Excel's sep=; line", "sep=;\n" + header + "S-1;Ann;2;retail;Hilversum;bike;30\n"),
        ("Excel's empty rows", header + ";;;;;;\n   \nS-1;Ann;2;retail;Hilversum;bike;30\n;;;;;;\n"),
        ("tab-separated", "id\tname\tlevel\tsectors\ttown\ttravel_mode\tmax_travel_min\nS-1\tAnn\t2\tretail\tHilversum\tbike\t30\n"),
        ("header case and spaces", " ID ; Name;LEVEL;sectors;town;travel_mode;max_travel_min\nS-1;Ann;2;retail;Hilversum;bike;30\n"),
        ("spaces and hyphens in column names", "id;name;level;sectors;town;Travel Mode;max-travel-min\nS-1;Ann;2;retail;Hilversum;bike;30\n"),
        ("a column bpv does not read", header.dropLast() + ";klas\nS-1;Ann;2;retail;Hilversum;bike;30;1B\n"),
        ("a location across the border", "id;name;level;sectors;lat;lon;travel_mode;max_travel_min\nS-1;Ann;2;retail;51,30;3,20;bike;30\n"),
    ]

    @Test(arguments: accepted.indices)
    func aWellFormedVariantIsAccepted(k: Int) throws {
        let (name, text) = Self.accepted[k]
        let students = try StudentImport.parse(Array(text.utf8), fileName: "s.csv")
        #expect(students.map(\.id.value) == ["S-1"], "\(name)")
    }
}

/// The import's messages are values with one catalogue per language: every one reads in Dutch
/// and in English, and a Dutch school sees its file's problems in Dutch.
@Suite("import messages in Dutch and English")
struct ImportCatalogueTests {
    /// One of every issue.
    static let every: [ImportIssue] = [
        .utf16, .twoByteOrderMarks, .oldExcel, .sheetForCSV, .workbookUnreadable("x"), .workbookCell("x"), .excelError("#N/A"), .notUTF8,
        .fieldTooLong(9_000, limit: 8_192), .controlCharacter("001B"), .quoteInsideField, .quoteNotClosedOnLine(nextQuoteLine: 4),
        .textAfterClosingQuote, .quoteNeverClosed, .cellOutsideSheet(row: 0, column: 3), .cellBeyondLastColumn,
        .cellTooLong(9_000, limit: 8_192), .cellControlCharacter("7"), .moreFieldsThanHeader(12), .notAHeader(expected: ["id", "level"]),
        .missingColumn("level", header: ["id"]), .duplicateColumn("'naam'", first: 2, second: 5), .unknownColumn("woonplats", meant: "woonplaats"),
        .missingLocationColumns, .empty(column: "vervoer"), .notAWholeNumber(column: "max_reistijd", text: "veel"),
        .outOfRange(column: "max_reistijd", value: "999", lower: "1", upper: "240"), .notADate(column: "beschikbaar_vanaf", text: "morgen"),
        .dateOutsideWindow(column: "beschikbaar_vanaf", text: "9999-01-01"), .notANumber(column: "lat", text: "x"),
        .unknownWord(what: .sector, word: "detailhandle", nearest: "detailhandel", expected: ["retail"]),
        .unknownWord(what: .need, word: "prikelarm", nearest: nil, expected: ["quiet"]), .unknownWord(what: .accommodation, word: "x", nearest: nil, expected: []),
        .unknownWord(what: .certificate, word: "x", nearest: nil, expected: []), .unknownWord(what: .travelMode(column: "vervoer"), word: "boot", nearest: nil, expected: []),
        .unknownWord(what: .mode, word: "boot", nearest: nil, expected: []), .unknownLevel("7"), .unknownProfile("x"), .profileNotForLevel(.two), .noSectors,
        .duplicateID(try! PseudonymousID("S-1"), firstLine: 2), .invalidID("123456782", .looksLikeCitizenNumber), .invalidID("", .empty),
        .invalidID(String(repeating: "x", count: 41), .tooLong), .invalidID("S.1", .badCharacters), .halfACoordinate,
        .swappedCoordinates(lat: "5.1", lon: "52.2"), .outsideNetherlands(lat: "48", lon: "2"), .noLocation,
        .place(.malformedPostcode("12")), .place(.unknownPostcode(Postcode(number: 1000)!, nearest: [Postcode(number: 1011)!])),
        .place(.unknownPlace("Hilversun", suggestions: ["Hilversum"])), .place(.ambiguousPlace("Laren", candidates: [])),
        .place(.unknownRegionName("x", suggestions: [])), .place(.tableUnavailable("x")),
        .supportAboveCapacity(support: 3, capacity: 2), .untilBeforeFrom(until: CalendarDate("2026-08-01")!, from: CalendarDate("2026-09-01")!),
    ]

    @Test func everyMessageExistsInBothLanguagesAndTheyDiffer() {
        for issue in Self.every {
            let en = issue.text(.en), nl = issue.text(.nl)
            #expect(!en.isEmpty && !nl.isEmpty, "\(issue)")
            #expect(en != nl, "\(issue) reads the same in both: \(en)")
            // The Dutch catalogue does not fall back on English words.
            for english in [" is not ", "expected", "give ", "remove", "missing", "unknown", "did you mean"] {
                #expect(!nl.contains(english), "\(issue): '\(nl)' has '\(english)'")
            }
        }
    }

    @Test func aDutchSchoolSeesItsFilesProblemsInDutch() {
        let text = "id;niveau;sectoren;woonplaats;vervoer;max_reistijd\nS-1;pro;detailhandle;Laren;fiets;30\nS-2;vso;zorg;Hilversum;boot;999\n"
        do {
            _ = try StudentImport.parse(Array(text.utf8), fileName: "leerlingen.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.description(in: .nl) == """
                leerlingen.csv:2:9: sector 'detailhandle' is onbekend; bedoelt u 'detailhandel'? verwacht: detailhandel, logistiek, zorg, techniek, horeca, groen
                leerlingen.csv:2:22: 'Laren' is een plaats in 2 gemeenten (Laren, Laren (Lochem)); voeg de postcode toe, zet de gemeente tussen haakjes ('Laren (Laren)'), of stel de regio van de werkruimte in (set region GEMEENTE|...)
                leerlingen.csv:3:24: vervoer 'boot' is onbekend; bedoelt u 'foot'? verwacht: lopen, fiets, brommer, ov, auto
                leerlingen.csv:3:29: max_reistijd 999 ligt buiten 1 tot en met 240
                er is niets ingelezen
                """)
        }
    }
}

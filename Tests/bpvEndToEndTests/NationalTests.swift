import Foundation
import Testing

/// A school's files from anywhere in the Netherlands: pupils and internships by postcode and by
/// place name in all twelve provinces import, match and report; an ambiguous place name and an
/// unknown postcode are refused at their line with the way out.
@Suite("anywhere in the Netherlands, end to end")
struct NationalTests {
    static let postcodes = WorkspaceCommandTests.samples.deletingLastPathComponent()
        .appendingPathComponent("Sources/BPVGeography/Resources/nl-postcodes.csv")

    /// Up to `perProvince` areas of each province, as (pc4, place, municipality, province).
    static func areas(perProvince: Int) throws -> [(String, String, String, String)] {
        var out: [(String, String, String, String)] = [], seen: [String: Int] = [:]
        for line in try String(contentsOf: postcodes, encoding: .utf8).split(separator: "\n").dropFirst() where !line.contains("\"") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, seen[f[4], default: 0] < perProvince else { continue }
            seen[f[4], default: 0] += 1
            out.append((f[0], f[1], f[2], f[4]))
        }
        return out
    }

    @Test func pupilsAndInternshipsFromAllTwelveProvincesImportMatchAndReport() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path
        let areas = try Self.areas(perProvince: 6)
        #expect(Set(areas.map(\.3)).count == 12)
        // Pupils by postcode (six characters for half of them), internships by place name with
        // the municipality in brackets (a name may exist twice), in the same areas.
        var students = ["id;level;sectors;postcode;travel_mode;max_travel_min;profile"]
        var internships = ["id;employer;sector;town;capacity;levels"]
        for (k, a) in areas.enumerated() {
            let level = ["pro", "vso", "entree", "2"][k % 4]
            students.append("NL-\(k + 1);\(level);retail;\(k % 2 == 0 ? a.0 : a.0 + " AB");\(["bike", "ov", "walk"][k % 3]);45;\(k % 4 < 2 ? "arbeidsmarkt" : "")")
            internships.append("NLI-\(k + 1);Winkel \(a.1) \(k + 1);retail;\(a.1) (\(a.2));1;pro|vso|entree|2")
        }
        let s = dir.appendingPathComponent("leerlingen.csv"), i = dir.appendingPathComponent("stages.csv")
        try students.joined(separator: "\n").write(to: s, atomically: true, encoding: .utf8)
        try internships.joined(separator: "\n").write(to: i, atomically: true, encoding: .utf8)
        for (kind, file) in [("students", s), ("internships", i)] {
            let r = try BPVBinary.run(["import", kind, file.path, "--db", db])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let match = try BPVBinary.run(["match", "--db", db])
        #expect(match.status == 0, "\(match.stderr)")
        let placed = try BPVBinary.run(["placements", "--db", db]).stdout.split(separator: "\n").filter { $0.contains("NLI-") }
        #expect(placed.count >= areas.count / 2, "\(placed.count) of \(areas.count) placed")
        let stats = try BPVBinary.run(["stats", "--db", db]).stdout
        for level in ["pro", "vso", "entree"] { #expect(stats.split(separator: "\n").contains { $0.hasPrefix(level + " ") }, "\(level)") }
        #expect(stats.contains("arbeidsmarkt"))
        let report = dir.appendingPathComponent("report.html")
        #expect(try BPVBinary.run(["report", report.path, "--db", db]).status == 0)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("GeoNames"))
        // Every province's first place is named somewhere in the report (map or charts).
        for province in Set(areas.map(\.3)) {
            let place = try #require(areas.first { $0.3 == province }?.1)
            #expect(html.contains(place.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(place), "\(place) (\(province))")
        }
    }

    /// `--lang` decides for one run, before the workspace's language and the environment's.
    @Test func langChoosesTheLanguageOfOneRun() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path, csv = dir.appendingPathComponent("leerlingen.csv").path
        try "id;niveau;sectoren;woonplaats;vervoer;max_reistijd\nS-1;pro;detailhandle;Hilversum;fiets;30\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try BPVBinary.run(["set", "language", "nl", "--db", db]).status == 0)
        let dutch = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(dutch.stderr == "bpv: \(csv):2:9: sector 'detailhandle' is onbekend; bedoelt u 'detailhandel'? verwacht: detailhandel, logistiek, zorg, techniek, horeca, groen\ner is niets ingelezen\n")
        let english = try BPVBinary.run(["--lang", "en", "import", "students", csv, "--db", db])
        #expect(english.stderr == "bpv: \(csv):2:9: unknown sector 'detailhandle'; did you mean 'detailhandel'? expected retail, logistiek, zorg, techniek, horeca, groen\nnothing was imported\n")
        let wrong = try BPVBinary.run(["import", "students", csv, "--lang=fr", "--db", db])
        #expect(wrong.status == 64 && wrong.stderr == "bpv: --lang is nl or en, not 'fr'\n")
    }

    /// make demo's first step: a workspace may begin by naming its region (or language, or
    /// title); any other verb on a path without a workspace is refused, creating nothing.
    @Test func aWorkspaceBeginsWithItsRegionOrAnImportAndNothingElse() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fresh = dir.appendingPathComponent("gooi.sqlite").path, typo = dir.appendingPathComponent("gooj.sqlite").path
        let set = try BPVBinary.run(["set", "region", "Hilversum|Laren|Gooise Meren", "--db", fresh])
        #expect(set.status == 0 && set.stdout.hasPrefix("region = Hilversum|Laren|Gooise Meren"), "\(set.stderr)")
        #expect(try BPVBinary.run(["show", "settings", "--db", fresh]).stdout.contains("region: Hilversum|Laren|Gooise Meren"))
        for words in [["set", "travel_minute_weight", "2"], ["match"], ["students"]] {
            let r = try BPVBinary.run(words + ["--db", typo])
            #expect(r.status == 1 && r.stderr.contains("there is no workspace here"), "\(words)")
        }
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test func anAmbiguousPlaceAndAnUnknownPostcodeAreRefusedAtTheirLineAndNothingIsImported() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("ws.sqlite").path, csv = dir.appendingPathComponent("leerlingen.csv").path
        try "id;level;sectors;town;postcode;travel_mode;max_travel_min\nS-1;pro;retail;Zwolle;;bike;30\nS-2;vso;retail;Hoorn;;ov;45\nS-3;pro;zorg;;1000;ov;45\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr == """
            bpv: \(csv):3:16: 'Hoorn' is a place in 2 municipalities (Hoorn, Hoorn (Terschelling)); add the postcode, write the municipality in brackets ('Hoorn (Hoorn)'), or set the workspace's region (set region MUNICIPALITY|...)
            \(csv):4:15: postcode 1000 is not a postcode area in the Netherlands (nearest: 1011, 1012, 1013); check the code, or give the place name
            nothing was imported

            """)
        // The region settles it.
        #expect(try BPVBinary.run(["set", "region", "Noord-Holland", "--db", db]).status == 0)
        try "id;level;sectors;town;postcode;travel_mode;max_travel_min\nS-1;pro;retail;Zwolle;;bike;30\nS-2;vso;retail;Hoorn;;ov;45\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let settled = try BPVBinary.run(["import", "students", csv, "--db", db])
        #expect(settled.status == 0, "\(settled.stderr)")
        let shown = try BPVBinary.run(["show", "S-2", "--db", db]).stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(shown.contains("lives near Hoorn"))
    }
}

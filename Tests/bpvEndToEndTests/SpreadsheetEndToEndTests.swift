import Foundation
import Testing

/// LibreOffice Calc, headless: installed on demand (Debian `libreoffice-calc`), each call with a
/// profile of its own so that conversions never wait on each other's lock.
enum LibreOffice {
    /// The `soffice` to use; installs `libreoffice-calc` when there is none.
    static func soffice() throws -> String {
        try DebianPackage.program(["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"], package: "libreoffice-calc")
    }

    /// Converts `file` to `format` (`csv`, `xlsx`) into `directory`; returns the new file.
    static func convert(_ file: URL, to format: String, filter: String? = nil, into directory: URL) throws -> URL {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try soffice())
        p.arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless"] + (filter.map { ["--infilter=\($0)"] } ?? [])
            + ["--convert-to", format, "--outdir", directory.path, file.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return directory.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + format)
    }
}

/// `.xlsx` against a real spreadsheet program: what bpv exports opens in LibreOffice as the CSV
/// export, and what LibreOffice writes imports as the CSV does.
@Suite("spreadsheets in LibreOffice", .serialized)
struct SpreadsheetEndToEndTests {
    static let samples = WorkspaceCommandTests.samples

    /// The Gooi sample matched on 2026-09-01 with held placements, one of them active (dates).
    func season() throws -> (URL, String) {
        let dir = try BPVBinary.scratch()
        let db = dir.appendingPathComponent("ws.sqlite").path
        for kind in ["students", "employers", "internships"] {
            #expect(try BPVBinary.run(["import", kind, Self.samples.appendingPathComponent("gooi-\(kind).csv").path, "--db", db]).status == 0)
        }
        let script = "match on 2026-09-01\npropose GV-003\naccept GV-003\nstart GV-003 2026-09-07\npropose GV-004\nset GVI-001 capacity 0\n"
        let r = try BPVBinary.run(["--db", db], stdin: script)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    @Test func theWorkbookExportOpensInLibreOfficeAsTheCSVExport() throws {
        let (dir, db) = try season()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xlsx = dir.appendingPathComponent("placements.xlsx"), csv = dir.appendingPathComponent("bpv.csv")
        let wrote = try BPVBinary.run(["export", "placements", xlsx.path, "--db", db])
        #expect(wrote.stdout == "wrote \(xlsx.path): 100 placements\n", "\(wrote.stderr)")
        #expect(try BPVBinary.run(["export", "placements", csv.path, "--db", db]).status == 0)
        let perms = try FileManager.default.attributesOfItem(atPath: xlsx.path)[.posixPermissions] as? Int
        #expect(perms == 0o600)
        let out = dir.appendingPathComponent("lo")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let converted = try LibreOffice.convert(xlsx, to: "csv", into: out)
        let theirs = try String(contentsOf: converted, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        let ours = try String(contentsOf: csv, encoding: .utf8)
        #expect(theirs == ours)
        // The active placement's dates came through as dates.
        #expect(ours.contains("\nGV-003,GVI-023,Buurtsuper Naarden 22,GVE-022,194289840,retail,entree,,mentor-1,13,13,2026-09-07,2027-01-25,,active\n"), "\(ours)")
    }

    @Test func workbooksWrittenByLibreOfficeImportAsTheirCSV() throws {
        let dir = try BPVBinary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lo = dir.appendingPathComponent("lo")
        try FileManager.default.createDirectory(at: lo, withIntermediateDirectories: true)
        // Semicolon-separated UTF-8 (filter options 59,34,76), as a Dutch Excel user saves it.
        var book: [String: URL] = [:]
        for kind in ["students", "employers", "internships"] {
            let converted = try LibreOffice.convert(Self.samples.appendingPathComponent("gooi-\(kind).csv"), to: "xlsx", filter: "CSV:59,34,76,1",
                                                    into: lo)
            #expect(FileManager.default.fileExists(atPath: converted.path), "LibreOffice wrote no \(converted.lastPathComponent)")
            book[kind] = converted
        }
        var exports: [String] = []
        for source in ["csv", "xlsx"] {
            let db = dir.appendingPathComponent("\(source).sqlite").path
            for kind in ["students", "employers", "internships"] {
                let file = source == "csv" ? Self.samples.appendingPathComponent("gooi-\(kind).csv").path : book[kind]?.path ?? ""
                let r = try BPVBinary.run(["import", kind, file, "--db", db])
                #expect(r.status == 0, "\(r.stderr)")
            }
            let m = try BPVBinary.run(["--db", db], stdin: "match on 2026-09-01\n")
            #expect(m.status == 0, "\(m.stderr)")
            let out = dir.appendingPathComponent("\(source).csv").path
            #expect(try BPVBinary.run(["export", "placements", out, "--db", db]).status == 0)
            exports.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(exports.count == 2 && exports[0] == exports[1] && exports[0].split(separator: "\n").count == 101)
    }
}

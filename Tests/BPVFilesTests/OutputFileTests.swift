import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import BPVFiles

@Suite("output files")
struct OutputFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bpv-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }

    func bytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
    func mode(_ path: String) throws -> Int { try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    @Test func aDatabaseItsLogsAndAFolderAreRefusedUntouched() throws {
        let db = folder + "/W.sqlite"
        let content = Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 7, count: 100)
        _ = FileManager.default.createFile(atPath: db, contents: Data(content), attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: db + "-wal", contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o644])
        let cases: [(String, String)] = [
            (db, "\(db): cannot write: it is a database (a bpv workspace?), which this would destroy; name another file, for example one ending in .csv, .xlsx or .html"),
            (db + "-wal", "\(db)-wal: cannot write: it belongs to the database \(db) (its wal file), which this would destroy; name another file"),
            (db + "-shm", "\(db)-shm: cannot write: it belongs to the database \(db) (its shm file), which this would destroy; name another file"),
            (folder, "\(folder): cannot write: it is a folder; name a file inside it"),
        ]
        for (target, message) in cases {
            #expect(throws: OutputFileError(path: target, reason: String(message.dropFirst(target.count + 16)))) {
                try OutputFile.write(Array("report".utf8), to: target)
            }
            do { try OutputFile.write([1], to: target) } catch { #expect(error.description == message) }
        }
        #expect(bytes(db) == content && bytes(db + "-wal") == [1, 2, 3])
        #expect(try mode(db) == 0o644)
        #expect(try listing() == ["W.sqlite", "W.sqlite-wal"])
        // A link to the database is refused too: the check follows it.
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: db)
        #expect(throws: OutputFileError.self) { try OutputFile.write([1], to: folder + "/link.csv") }
        #expect(bytes(db) == content)
    }

    @Test func aWriteIsWholeOwnerOnlyAndLeavesNoTemporaryFile() throws {
        let target = folder + "/report.html"
        _ = FileManager.default.createFile(atPath: target, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        try OutputFile.write(Array("new".utf8), to: target)
        #expect(bytes(target) == Array("new".utf8))
        #expect(try mode(target) == 0o600)
        #expect(try listing() == ["report.html"])
    }

    @Test func aFailingWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        struct Broken: Error {}
        let target = folder + "/placements.csv"
        _ = FileManager.default.createFile(atPath: target, contents: Data("old".utf8))
        #expect(throws: OutputFileError.self) {
            try OutputFile.write(to: target) { fd in
                _ = try fd.writeAll(Array("half".utf8))
                throw Broken()
            }
        }
        #expect(bytes(target) == Array("old".utf8))
        #expect(try listing() == ["placements.csv"])
    }

    @Test func temporaryFilesOfAKilledRunAreRemovedBeforeTheNextWriteYoungOnesAndOthersKept() throws {
        let stale = ["report.html.bpv-00aa11bb22cc33dd.tmp", "placements.xlsx.bpv-4242-17.tmp"]
        let young = "report.html.bpv-ffee000011112222.tmp"
        let unrelated = ["notes.tmp", "report.html.bpv-xyz.tmp"]
        for name in stale + [young] + unrelated { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("names".utf8)) }
        let old = Date(timeIntervalSinceNow: -OutputFile.staleAfterSeconds - 30)
        for name in stale + unrelated { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + name) }
        try OutputFile.write(Array("x".utf8), to: folder + "/out.csv")
        #expect(try listing() == (["out.csv", young] + unrelated).sorted())
    }

    @Test func temporaryNamesAreUnguessableAndRecognised() {
        #expect(OutputFile.token() != OutputFile.token())
        #expect(OutputFile.token().count == 16)
        #expect(OutputFile.isTemporaryName("a.csv.bpv-\(OutputFile.token()).tmp"))
        #expect(OutputFile.isTemporaryName("a.csv.bpv-12-3.tmp"))
        #expect(!OutputFile.isTemporaryName("a.csv.tmp") && !OutputFile.isTemporaryName("a.bpv-1.tmp") && !OutputFile.isTemporaryName("a.bpv-12-3.txt"))
    }

    @Test func aDeviceIsWrittenToNeverReplaced() throws {
        // Renaming over /dev/null would put a regular file in its place.
        try OutputFile.write(Array("discarded".utf8), to: "/dev/null")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix("null.bpv-") }.isEmpty)
    }
}

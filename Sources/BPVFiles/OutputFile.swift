import Foundation
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file was not written; whatever was at the target is as it was.
public struct OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target as the user named it.
    public var path: String
    /// What is wrong and the way out.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot write: \(reason)" }
}

/// The one way bpv writes a file a user names: reports, exports, DIMACS instances, a pupil's
/// data.
///
/// - **Outputs never touch inputs.** A target that is a folder, a SQLite database (an open
///   workspace, any bpv workspace, another program's), or the write-ahead log, shared memory
///   or journal of one, is refused before anything is written: one mistyped file name
///   (`export placements W.sqlite`) must not replace the register.
/// - **Whole or not at all, owner-only, never through a link.** The bytes go to a temporary
///   file beside the target, created exclusively (mode 0600) with an unguessable name, synced,
///   and renamed over the target. A kill leaves the old file or the new one.
/// - **A device or a pipe** (`/dev/stdout`, a FIFO) is written to directly.
/// - **No temporary file outlives its write.** It is removed on every error path; one left by
///   a killed run (bpv's pattern, owned by this user, older than a minute) is removed before
///   the next write into that folder.
///
/// Written here, not taken from a package: swift-system (used for the descriptors) has no
/// atomic replace, and Foundation's `Data.write(options: .atomic)` neither sets the mode
/// before the bytes exist nor cleans up after a kill.
public enum OutputFile {
    /// The first 16 bytes of every SQLite 3 database.
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)
    /// The suffixes of a SQLite database's companion files.
    static let companions = ["-wal", "-shm", "-journal"]
    /// A stale temporary file is one older than this.
    public static let staleAfterSeconds: Double = 60

    /// Refuses a target that must not be written (see the type's notes).
    /// - Complexity: O(1) file system calls.
    public static func check(_ path: String) throws(OutputFileError) {
        guard !path.isEmpty else { throw OutputFileError(path: path, reason: "no file name given") }
        if isDirectory(path) { throw OutputFileError(path: path, reason: "it is a folder; name a file inside it") }
        if isSQLite(path) {
            throw OutputFileError(path: path, reason:
                "it is a database (a bpv workspace?), which this would destroy; name another file, for example one ending in .csv, .xlsx or .html")
        }
        for suffix in companions where path.hasSuffix(suffix) {
            let base = String(path.dropLast(suffix.count))
            if isSQLite(base) {
                throw OutputFileError(path: path, reason:
                    "it belongs to the database \(base) (its \(suffix.dropFirst()) file), which this would destroy; name another file")
            }
        }
    }

    /// Writes `bytes` to `path` (see the type's notes).
    /// - Complexity: O(bytes).
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        try write(to: path) { fd in _ = try fd.writeAll(bytes) }
    }

    /// Writes what `body` writes to its descriptor to `path`, all or nothing (see the type's
    /// notes). `body` may throw; the target is then untouched and the temporary file gone.
    public static func write(to path: String, _ body: (FileDescriptor) throws -> Void) throws(OutputFileError) {
        try check(path)
        // A device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written to as it is: it
        // cannot be replaced by a rename (and must not be: renaming over /dev/null would put a
        // file in its place).
        if isStream(path) {
            do {
                let fd = try FileDescriptor.open(FilePath(path), .writeOnly)
                try fd.closeAfter { try body(fd) }
            } catch let error as Errno {
                throw OutputFileError(path: path, reason: error.description)
            } catch {
                throw OutputFileError(path: path, reason: "\(error)")
            }
            return
        }
        let target = FilePath(path)
        let folder = target.removingLastComponent()
        removeStaleTemporaries(in: folder.isEmpty ? FilePath(".") : folder)
        let name = target.lastComponent?.string ?? "output"
        let temporary = folder.appending("\(name).bpv-\(token()).tmp")
        do {
            let fd = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .noFollow],
                                             permissions: [.ownerRead, .ownerWrite])
            do {
                try fd.closeAfter {
                    try body(fd)
                    guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
                }
                // Checked again just before the rename: a database may have appeared meanwhile.
                try check(path)
                guard rename(temporary.string, target.string) == 0 else { throw Errno(rawValue: errno) }
            } catch {
                _ = unlink(temporary.string)
                throw error
            }
        } catch let error as OutputFileError {
            throw error
        } catch let error as Errno {
            throw OutputFileError(path: path, reason: error.description)
        } catch {
            throw OutputFileError(path: path, reason: "\(error)")
        }
    }

    /// Whether `name` is a temporary file of bpv's: `NAME.bpv-<16 hex>.tmp`, or the
    /// `NAME.bpv-<pid>-<n>.tmp` of earlier releases.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasSuffix(".tmp"), let mark = name.range(of: ".bpv-", options: .backwards) else { return false }
        let middle = name[mark.upperBound ..< name.index(name.endIndex, offsetBy: -4)]
        if middle.count == 16, middle.allSatisfy(\.isHexDigit) { return true }
        let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Removes bpv's temporary files in `folder` that this user owns and that are older than
    /// ``staleAfterSeconds`` (a write in progress elsewhere is younger). Best effort: a file
    /// that cannot be removed is left.
    public static func removeStaleTemporaries(in folder: FilePath) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.string) else { return }
        let now = Date().timeIntervalSince1970
        for name in names where isTemporaryName(name) {
            let file = folder.appending(name).string
            var info = stat()
            guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(),
                  now - Double(info.st_mtim.tv_sec) > staleAfterSeconds
            else { continue }
            _ = unlink(file)
        }
    }

    /// 64 random bits as 16 hex digits (the system's secure generator).
    static func token() -> String {
        let hex = String(UInt64.random(in: 0 ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether `path` (through links) is a character device or a pipe.
    static func isStream(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether the file at `path` (through links) starts with SQLite's header.
    public static func isSQLite(_ path: String) -> Bool {
        guard let fd = try? FileDescriptor.open(FilePath(path), .readOnly) else { return false }
        defer { try? fd.close() }
        var header = [UInt8](repeating: 0, count: sqliteMagic.count)
        let read = (try? header.withUnsafeMutableBytes { try fd.read(into: $0) }) ?? 0
        return read == sqliteMagic.count && header == sqliteMagic
    }
}

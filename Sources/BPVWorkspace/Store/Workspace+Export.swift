import BPVDomain
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Workspace {
    /// Writes the register (the current draft, pins and commitments) as CSV: ids,
    /// employer, travel minutes, score and status only. No names, no needs: the minimum a
    /// school or employer needs. The file is created, or truncated and reset, to mode 0600.
    ///
    /// - Returns: the number of rows written.
    /// - Throws: ``WorkspaceError/cannotWrite(_:_:)`` when the file cannot be written.
    @discardableResult
    public func exportPlacements(to file: String) throws(WorkspaceError) -> Int {
        let internships = Dictionary(try internships().map { ($0.internshipID, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try placements()
        var csv = "student,internship,employer,travel_min,score,status\n"
        for p in rows {
            let employer = p.internship.flatMap { internships[$0]?.employer } ?? ""
            let status = p.status.rawValue
            let fields: [String] = [p.student.value, p.internship?.value ?? "", employer, p.travelMinutes.map(String.init) ?? "",
                                    p.score.map(String.init) ?? "", status]
            csv += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        try Self.writeOwnerOnly(csv, to: file)
        return rows.count
    }

    /// Writes `text` to `file`, owner-only (0600), all or nothing: the bytes go to a new
    /// temporary file beside it (created exclusively, so no link is followed), are synced, and
    /// the temporary file then replaces `file` by a rename. A kill leaves the old file or the new
    /// one, never a half; a symbolic link at `file` is replaced, its target left alone.
    static func writeOwnerOnly(_ text: String, to file: String) throws(WorkspaceError) {
        let target = FilePath(file)
        var isDirectory = stat()
        if stat(file, &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotWrite(file, "it is a folder")
        }
        let temporary = FilePath(file + ".bpv-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp")
        do {
            let fd = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .noFollow],
                                             permissions: [.ownerRead, .ownerWrite])
            do {
                try fd.closeAfter {
                    _ = try fd.writeAll(Array(text.utf8))
                    guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
                }
            } catch {
                _ = unlink(temporary.string)
                throw error
            }
            guard rename(temporary.string, target.string) == 0 else {
                let failure = Errno(rawValue: errno)
                _ = unlink(temporary.string)
                throw failure
            }
        } catch let error as Errno {
            throw .cannotWrite(file, error.description)
        } catch {
            throw .cannotWrite(file, "\(error)")
        }
    }

    /// One CSV field, quoted when it must be, and defused when a spreadsheet would run it: a
    /// field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (an employer named
    /// `=HYPERLINK(...)`) gets a leading `'`, which spreadsheets show as text (OWASP's advice on
    /// CSV injection).
    static func csvField(_ text: String) -> String {
        var s = text
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

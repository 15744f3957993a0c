import BPVDomain
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
        let internships = Dictionary(uniqueKeysWithValues: try internships().map { ($0.internshipID, $0) })
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

    /// Writes `text` to `file` with mode 0600, also when the file existed with wider permissions.
    static func writeOwnerOnly(_ text: String, to file: String) throws(WorkspaceError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(file, String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw .cannotWrite(file, String(cString: strerror(errno))) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .cannotWrite(file, String(cString: strerror(errno))) }
            bytes = bytes.dropFirst(n)
        }
    }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, n)
        #else
        Darwin.write(fd, p, n)
        #endif
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

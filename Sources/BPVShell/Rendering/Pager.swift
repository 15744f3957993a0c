import BPVLineEditor
import Foundation

/// Long output on a terminal goes through a pager, as psql does: `$PAGER`, else `less -FRX`
/// (quit at once when it fits, keep colours, leave the screen as it is); never in scripts or
/// pipes, and `set pager off` turns it off.
enum Pager {
    /// Whether output of `lines` lines should be paged on a terminal of `rows` rows.
    static func wanted(lines: Int, rows: Int?, enabled: Bool) -> Bool {
        guard enabled, let rows else { return false }
        return lines > rows - 1
    }

    /// The pager command: `$PAGER` when set (empty: none), else `less -FRX` when it is installed.
    static func command(environment: [String: String]) -> String? {
        if let pager = environment["PAGER"] { return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : pager }
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/less") {
            return dir + "/less -FRX"
        }
        return nil
    }

    /// Shows `text` through `command` (run by `/bin/sh -c`); false when it could not run.
    static func show(_ text: String, command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        // A pager that quits early (q) closes the pipe: the rest is dropped, not an error.
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}

import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What bpv needs to know about the terminal, read through the C seam.
public enum Terminal {
    /// Whether `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The width of the terminal on `fd`, or nil when it is not a terminal. `COLUMNS` wins when
    /// set, as in other command-line tools.
    public static func columns(_ fd: Int32 = STDOUT_FILENO) -> Int? {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let n = Int(text), n > 0 { return n }
        let n = Int(bpv_terminal_columns(fd))
        return n > 0 ? n : nil
    }

    /// Rows of the terminal on `fd` (`LINES` first, as for the columns); nil when it is not a terminal.
    public static func rows(_ fd: Int32 = STDOUT_FILENO) -> Int? {
        if let text = getenv("LINES").map({ String(cString: $0) }), let n = Int(text), n > 0 { return n }
        let n = Int(bpv_terminal_rows(fd))
        return n > 0 ? n : nil
    }

    /// Adopts the user's character encoding, so that libedit reads and shows non-ASCII input
    /// (names like Daniël or Ömer) instead of silently dropping it. A plain C locale (no `LANG`,
    /// common in containers) falls back to C.UTF-8, since bpv's data is UTF-8 anyway.
    public static func adoptLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if chosen == "C" || chosen == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }
}

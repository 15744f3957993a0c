import BPVDomain
import BPVLineEditor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell writes: results to one sink, errors and progress to another, with the style
/// and width of the terminal (if any). Tests give it closures that collect the text.
public final class Console: @unchecked Sendable {
    // Unchecked: the shell runs commands on one thread; only the progress line writes from a
    // second one, through `progress`, which serializes on `lock`.
    private let out: (String) -> Void
    private let err: (String) -> Void
    public let style: Style
    /// Columns of the output terminal; nil when output is not a terminal (no fitting).
    public let width: Int?
    /// Whether errors go to a terminal (the progress line is shown only there).
    public let errorsToTerminal: Bool
    /// The language phrases are worded in (``say(_:)``): the session sets it before each command.
    public var language: Language = .en
    private var lock = pthread_mutex_t()

    public init(style: Style, width: Int?, errorsToTerminal: Bool = false,
                out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.style = style
        self.width = width
        self.errorsToTerminal = errorsToTerminal
        self.out = out
        self.err = err
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    /// The process's standard output and error.
    public static func standard(environment: [String: String]) -> Console {
        let tty = isatty(STDOUT_FILENO) == 1
        return Console(
            style: Style.forTerminal(isTerminal: tty, environment: environment),
            width: tty ? (Terminal.columns(STDOUT_FILENO) ?? 80) : nil, errorsToTerminal: isatty(STDERR_FILENO) == 1,
            out: { text in Self.writeAll(STDOUT_FILENO, text) }, err: { text in Self.writeAll(STDERR_FILENO, text) })
    }

    /// Writes a line (or lines) of results. Control characters are shown, not sent (see
    /// ``ControlText``): whatever a file or another user stored, only bpv's colours reach the terminal.
    /// On a terminal, a line longer than its width wraps at spaces, continued two columns in
    /// from where it began, so that no word is cut and nothing runs past the edge.
    public func print(_ text: String) {
        let escaped = ControlText.escaped(text, keepingStyle: true)
        let fitted = width.map { w in escaped.split(separator: "\n", omittingEmptySubsequences: false).flatMap { Self.wrap($0, width: w) }.joined(separator: "\n") }
        locked {
            if captured != nil {
                captured?.append((fitted ?? escaped) + "\n")
            } else {
                eraseProgress()
                out((fitted ?? escaped) + "\n")
            }
        }
    }

    /// What one command printed, held while it runs so that the shell can page it.
    private var captured: [String]?

    /// Holds what ``print(_:)`` writes until ``release()``.
    func capture() { locked { captured = [] } }

    /// Stops holding output; returns what was held.
    func release() -> String {
        var text = ""
        locked {
            text = (captured ?? []).joined()
            captured = nil
        }
        return text
    }

    /// Writes held output as it is (when it was not paged).
    func writeHeld(_ text: String) { locked { out(text) } }

    /// One line as lines of at most `width` visible columns, broken at spaces (a word longer
    /// than a line stands alone); continuation lines are indented two more than the first.
    /// - Complexity: O(line length).
    static func wrap(_ line: Substring, width: Int) -> [String] {
        guard Table.visibleWidth(String(line)) > width else { return [String(line)] }
        let indent = line.prefix { $0 == " " }.count
        let hanging = String(repeating: " ", count: min(indent + 2, max(width / 3, 0)))
        var lines: [String] = [], current = String(line.prefix(indent)), currentWidth = indent, started = false
        for word in line.dropFirst(indent).split(separator: " ", omittingEmptySubsequences: true) {
            let w = Table.visibleWidth(String(word))
            if !started {
                current += word
                currentWidth += w
                started = true
            } else if currentWidth + 1 + w <= width {
                current += " " + word
                currentWidth += 1 + w
            } else {
                lines.append(current)
                current = hanging + word
                currentWidth = hanging.count + w
            }
        }
        lines.append(current)
        return lines
    }

    /// When tables print as records (`set expanded on|off|auto`, psql's `\\x`); for this session.
    public var expanded: Table.Expanded = .auto

    /// Writes a table fitted to the terminal (wrapped, or as records), never cutting a cell.
    public func print(_ table: Table) { print(table.render(width: width, style: style, expanded: expanded)) }

    /// Writes a line to the error stream, escaped as ``print(_:)``.
    public func error(_ text: String) {
        locked {
            eraseProgress()
            err(ControlText.escaped(text, keepingStyle: true) + "\n")
        }
    }

    /// Writes raw text to the error stream (the progress line).
    func progress(_ text: String) {
        locked {
            err(text)
            progressShown = !text.hasSuffix("\u{1B}[K")
        }
    }

    /// Whether a progress line stands on the terminal (erased before anything else is written).
    private var progressShown = false

    /// Erases a progress line first, so that output never runs on after it (`report… 0.7 swrote`).
    private func eraseProgress() {
        if progressShown {
            err("\r\u{1B}[K")
            progressShown = false
        }
    }

    private func locked(_ body: () -> Void) {
        pthread_mutex_lock(&lock)
        body()
        pthread_mutex_unlock(&lock)
    }

    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }
}

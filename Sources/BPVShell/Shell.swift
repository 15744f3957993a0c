import BPVDomain
import BPVLineEditor
import BPVWorkspace
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// bpv's shell, in the two modes sqlite3 has: interactive (banner, prompt, line editing,
/// history, completion) when a person types, and script mode when lines come from a pipe or
/// a file (no banner or prompt; each error as `line N: message` on standard error; exit
/// status 1 if any line failed, or stop at the first with `bail`).
///
/// ```swift
/// let shell = Shell(session: Session(workspace: ws, console: .standard(environment: [:])))
/// let status = shell.runScript(lines: ["match", "placements"], bail: false)
/// ```
public final class Shell {
    public let session: Session

    public init(session: Session) { self.session = session }

    /// What running one line did.
    public enum LineResult: Equatable, Sendable {
        case done
        case failed(String)
        /// Stopped by Ctrl-C, as asked: said, but not as an error.
        case cancelled(String)
        case quit
    }

    /// Runs one line: a command and its arguments, or nothing (blank, or a `#` comment).
    /// - Complexity: that of the command.
    public func run(line: String) -> LineResult {
        let start = ContinuousClock.now
        let usage = Self.cpuTimes()
        session.phases = []
        defer {
            if session.timer {
                let elapsed = ContinuousClock.now - start, now = Self.cpuTimes()
                session.console.print(String(
                    format: "Run Time: real %.3f user %.3f sys %.3f", Self.seconds(elapsed), now.user - usage.user, now.system - usage.system))
                // A command's parts on a line of their own (the two together would pass 80
                // columns), as `name seconds` pairs: a match's load, graph, solve, certify, store.
                if !session.phases.isEmpty {
                    session.console.print("Run Time parts:" + session.phases.map { " \($0.name) " + String(format: "%.3f", Self.seconds($0.time)) }.joined())
                }
            }
        }
        do throws(ShellError) {
            return try run(words: try Tokenizer.words(line))
        } catch {
            return error.isCancellation ? .cancelled(error.text(session.language())) : .failed(error.text(session.language()))
        }
    }

    /// The shell's commands: name and one-line summary, in help's order.
    public static var commands: [(name: String, summary: String)] { summaries(in: .en) }

    /// The shell's commands with what they do in `language`, one block each, wrapped to `width`
    /// (for `bpv --help`).
    public static func commandList(in language: Language, width: Int = 80, leaving: Set<String> = ["help", "quit", "timer"]) -> String {
        let shown = Command.all.filter { !leaving.contains($0.name) }
        let column = (shown.map(\.name.count).max() ?? 10) + 4
        return shown.map { c in
            Command.wrap(c.summary(in: language), width: width - column).enumerated().map { k, line in
                (k == 0 ? "  " + c.name.padding(toLength: column - 2, withPad: " ", startingAt: 0) : String(repeating: " ", count: column)) + line
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The shell's commands with their summaries in `language`.
    public static func summaries(in language: Language) -> [(name: String, summary: String)] {
        Command.all.map { ($0.name, $0.summary(in: language)) }
    }

    /// Whether `name` is one of the shell's commands (`bpv NAME ...` runs it, see ``run(arguments:)``).
    public static func isCommand(_ name: String) -> Bool { Command.byName[name] != nil }

    /// `help [COMMAND]` without a workspace: for `bpv VERB --help`.
    public static func help(_ name: String?, console: Console) -> LineResult {
        console.language = Session.languageWithoutWorkspace()
        do {
            try Command.printHelp(name, console: console)
            return .done
        } catch {
            return .failed(error.text(Session.languageWithoutWorkspace()))
        }
    }

    /// Runs one command given as words, as the command line passes them (`bpv why GV-001`):
    /// the same definition, output and refusals as the line typed in the shell.
    public func run(arguments words: [String]) -> LineResult {
        do throws(ShellError) {
            return try run(words: words)
        } catch {
            return error.isCancellation ? .cancelled(error.text(session.language())) : .failed(error.text(session.language()))
        }
    }

    private func run(words: [String]) throws(ShellError) -> LineResult {
        guard let name = words.first else { return .done }
        guard let command = Command.byName[name] else {
            throw .message(.unknownCommand(name, meant: Self.closest(to: name)))
        }
        Interrupt.clear()
        // A register on a server: what others changed is taken in before the command, so it
        // works on the region as it is; an interactive shell says what that was.
        let others = (try? session.workspace.takeInNews()) ?? []
        session.console.language = session.language()
        if session.announcesOthers, !others.isEmpty {
            session.console.print(Phrase.othersChanged(others.map(\.changeBy)).text(session.console.language, .plain))
        }
        let session = self.session
        let arguments = Arguments(command: command, words: Array(words.dropFirst()),
                                  known: ({ session.studentIDs() }, { session.internshipIDs() }))
        let outcome = try Progress.run(command.name, on: session.console) { () throws(ShellError) in
            try command.run(arguments, session)
        }
        switch outcome {
        case .proceed: return .done
        case .quit: return .quit
        }
    }

    /// The greeting of an interactive shell on the workspace at `path`, in the session's language.
    public func banner(for path: String) -> String {
        let counts = ((try? session.workspace.students().count) ?? 0, (try? session.workspace.internships().count) ?? 0)
        return Phrase.banner(workspace: path, students: counts.0, internships: counts.1).text(session.language(), .plain)
    }

    /// Runs lines as a script.
    /// - Returns: the exit status: 0 when every line succeeded, 1 otherwise, 130 after Ctrl-C.
    public func runScript<Lines: Sequence<String>>(lines: Lines, bail: Bool) -> Int32 {
        session.console.language = session.language()
        var status: Int32 = 0
        for (k, line) in lines.enumerated() {
            switch run(line: line) {
            case .done: break
            case .quit: return status
            case .failed(let message), .cancelled(let message):
                session.console.error(Phrase.scriptLine(k + 1, message).text(session.console.language, .plain))
                status = 1
                if bail { return status }
            }
            if Interrupt.take() {
                session.console.error(Phrase.scriptInterrupted(k + 1).text(session.console.language, .plain))
                return 130
            }
        }
        return status
    }

    /// Runs the interactive loop on a line editor until `quit` or Ctrl-D.
    /// - Returns: the exit status, 0.
    public func runInteractive(editor: LineEditor, banner: String) -> Int32 {
        session.console.language = session.language()
        editor.completer = { [unowned self] before in completions(before: before) }
        session.announcesOthers = true
        session.console.print(banner)
        while true {
            switch editor.readLine(prompt: "bpv> ") {
            case .endOfInput:
                session.console.print("")
                return 0
            case .interrupted:
                continue
            case .line(let line):
                editor.remember(line)
                // Held while the command runs, then paged when longer than the terminal.
                let rows = Terminal.rows(STDOUT_FILENO)
                let paging = session.pager && rows != nil && session.console.width != nil
                if paging { session.console.capture() }
                let outcome = run(line: line)
                if paging {
                    let text = session.console.release()
                    let lines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
                    let pager = Pager.command(environment: ProcessInfo.processInfo.environment)
                    if !(Pager.wanted(lines: lines, rows: rows, enabled: true) && pager.map({ Pager.show(text, command: $0) }) == true) {
                        session.console.writeHeld(text)
                    }
                }
                // After an erasure, no line that names the erased student stays in the history
                // (the `forget` line itself included).
                if !session.erasedWords.isEmpty {
                    let words = session.erasedWords
                    session.erasedWords = []
                    editor.scrub { Register.mentionsAny($0, words) }
                }
                switch outcome {
                case .done: break
                case .quit: return 0
                case .cancelled(let message):
                    // A Ctrl-C the user asked for is not an error.
                    session.console.error(message)
                case .failed(let message):
                    session.console.error(Phrase.errorMark.text(session.console.language, session.console.style) + message)
                }
            }
        }
    }

    /// Words that may complete the word being typed: command names first, then what the
    /// command expects next (keywords, ids, setting names, files).
    public func completions(before: String) -> [String] {
        var words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let typed = before.last.map { $0 == " " || $0 == "\t" } ?? true ? "" : (words.popLast() ?? "")
        guard let name = words.first else { return Command.all.map(\.name) }
        guard let command = Command.byName[name] else { return [] }
        return command.complete(Array(words.dropFirst()), typed, session)
    }

    /// The command a mistyped name most likely meant (at most two edits away), as the
    /// unknown-command message suggests it.
    public static func suggestion(for name: String) -> String? { closest(to: name) }

    /// The command whose name is nearest to a mistyped one (at most two edits away).
    static func closest(to name: String) -> String? {
        // One slip in a short name, two in a longer one: `foo` should not suggest `log`.
        let allowed = name.count < 5 ? 1 : 2
        // Names whose lengths differ by more than that are never close: no table for them (a
        // pasted paragraph is compared with nothing).
        let scored = Command.all.filter { abs($0.name.count - name.count) <= allowed }
            .map { ($0.name, editDistance($0.name, name)) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0 ... b.count)
        for i in 1 ... max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func cpuTimes() -> (user: Double, system: Double) {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (s(usage.ru_utime), s(usage.ru_stime))
    }
}

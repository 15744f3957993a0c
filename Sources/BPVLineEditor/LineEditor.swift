import CEditLine
import SystemPackage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interactive line reader on libedit: emacs key bindings, history kept across sessions,
/// and Tab completion.
///
/// Every call into libedit goes through this type (and the non-variadic shims of `CEditLine`).
/// libedit calls back into Swift for the prompt and for completion; those C callbacks find their
/// editor through libedit's client-data pointer (`Unmanaged`), so no global state is involved.
///
/// ```swift
/// Terminal.adoptLocale()
/// Interrupt.install()
/// let editor = try LineEditor(name: "bpv", history: .file("/home/me/.bpv_history"))
/// editor.completer = { line, cursor in ["match", "placements"].filter { $0.hasPrefix(line) } }
/// while case .line(let text) = editor.readLine(prompt: "bpv> ") { print(text) }
/// ```
public final class LineEditor {
    /// What a call to ``readLine(prompt:)`` produced.
    public enum Input: Equatable, Sendable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C: the line being typed was discarded.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    /// Where history is kept.
    public enum HistoryStore: Equatable, Sendable {
        /// In memory only.
        case none
        /// Loaded from and saved to a file, which is created with mode 0600 and kept at 0600.
        case file(String)
    }

    /// Words that may complete the word being typed. Called with the line up to the cursor;
    /// returns whole words, of which the editor keeps those that extend the word under the cursor.
    public var completer: ((_ lineBeforeCursor: String) -> [String])?

    private let editLine: OpaquePointer
    private let historyHandle: OpaquePointer
    private let historyStore: HistoryStore
    private var prompt: UnsafeMutablePointer<CChar>?
    private var event = HistEvent()

    /// Opens a line editor on the standard input and output.
    ///
    /// - Parameters:
    ///   - name: the program name, which selects `~/.editrc` sections.
    ///   - history: where history is kept; at most `historySize` unique lines.
    /// - Throws: ``LineEditorError`` when libedit cannot start (no terminal description).
    public init(name: String, history: HistoryStore, historySize: Int32 = 1000) throws(LineEditorError) {
        guard let el = bpv_el_init_standard(name) else { throw LineEditorError(message: "libedit could not start on this terminal") }
        guard let h = history_init() else {
            el_end(el)
            throw LineEditorError(message: "libedit could not create a history")
        }
        editLine = el
        historyHandle = h
        historyStore = history
        bpv_history_set_size(h, &event, historySize)
        bpv_history_set_unique(h, &event, 1)
        if case .file(let path) = history, access(path, R_OK) == 0 {
            bpv_history_load(h, &event, path)
        }
        bpv_el_set_signal(el, 0)
        bpv_el_set_editor(el, "emacs")
        bpv_el_set_history(el, h)
        bpv_el_set_client_data(el, Unmanaged.passUnretained(self).toOpaque())
        bpv_el_set_prompt(el) { el in
            guard let el, let data = bpv_el_client_data(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().prompt
        }
        bpv_el_add_function(el, "bpv-complete", "Complete the word under the cursor") { el, _ in
            guard let el, let data = bpv_el_client_data(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
        }
        bpv_el_bind(el, "^I", "bpv-complete")
        // The user's ~/.editrc may rebind keys, as in other libedit programs.
        el_source(el, nil)
    }

    deinit {
        el_end(editLine)
        history_end(historyHandle)
        free(prompt)
    }

    /// Reads one line with editing. Ctrl-C discards what was typed and returns ``Input/interrupted``.
    /// - Complexity: O(length of the line), plus the completer's cost per Tab.
    public func readLine(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        Interrupt.clear()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            if Interrupt.take() || (count < 0 && errno == EINTR) {
                // libedit keeps a line it was interrupted in; start the next one empty.
                el_reset(editLine)
                bpv_put_stdout("^C\n")
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the history and saves the history file.
    /// - Complexity: O(history size), for the save.
    public func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        bpv_history_enter(historyHandle, &event, line)
        guard case .file(let path) = historyStore else { return }
        Self.ownerOnly(path)
        bpv_history_save(historyHandle, &event, path)
    }

    /// Removes every history line for which `erase` is true, in memory and in the history
    /// file (after `forget`: the lines that named the erased student, the `forget` line too).
    /// - Complexity: O(history size).
    public func scrub(_ erase: (String) -> Bool) {
        var kept: [String] = []
        var line = bpv_history_oldest(historyHandle, &event)
        while let raw = line {
            let text = String(cString: raw)
            if !erase(text) { kept.append(text) }
            line = bpv_history_newer(historyHandle, &event)
        }
        bpv_history_clear(historyHandle, &event)
        for text in kept { bpv_history_enter(historyHandle, &event, text) }
        guard case .file(let path) = historyStore else { return }
        Self.ownerOnly(path)
        bpv_history_save(historyHandle, &event, path)
    }

    /// The lines of the history, oldest first.
    public var lines: [String] {
        var out: [String] = []
        var line = bpv_history_oldest(historyHandle, &event)
        while let raw = line {
            out.append(String(cString: raw))
            line = bpv_history_newer(historyHandle, &event)
        }
        return out
    }

    /// Creates the history file owner-only before libedit writes it (the lines name students),
    /// and tightens one made with wider permissions. Through swift-system, as the workspace's
    /// files; it has no chmod, so that one call is the C library's.
    static func ownerOnly(_ path: String) {
        let file = FilePath(path)
        if let fd = try? FileDescriptor.open(file, .writeOnly, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite) {
            try? fd.close()
            return
        }
        guard let info = try? file.stat(), info.userID.rawValue == geteuid(),
              !info.permissions.intersection([.groupReadWriteExecute, .otherReadWriteExecute]).isEmpty
        else { return }
        _ = chmod(path, 0o600)
    }

    /// The completion bound to Tab: extends the word under the cursor as far as the candidates
    /// agree, adds a space when one candidate is left, and lists them when there is a choice.
    private func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let before = String(
            decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: info.pointee.cursor - info.pointee.buffer),
            as: UTF8.self)
        let word = String(before.reversed().prefix { $0 != " " && $0 != "\t" }.reversed())
        let candidates = Array(Set(completer(before).filter { $0.hasPrefix(word) })).sorted()
        guard let first = candidates.first else { return UInt8(CC_REFRESH_BEEP) }
        var common = first
        for c in candidates.dropFirst() {
            common = String(zip(common, c).prefix { $0 == $1 }.map(\.0))
        }
        if candidates.count == 1 {
            let addition = String(first.dropFirst(word.count)) + (first.hasSuffix("/") ? "" : " ")
            el_insertstr(editLine, addition)
            return UInt8(CC_REFRESH)
        }
        if common.count > word.count {
            el_insertstr(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        // A real choice: show the candidates in columns below the line, then redraw it.
        let width = Terminal.columns(STDOUT_FILENO) ?? 80
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        var listing = "\n"
        for (k, c) in candidates.enumerated() {
            listing += c.padding(toLength: cell, withPad: " ", startingAt: 0)
            if (k + 1) % perRow == 0 || k == candidates.count - 1 { listing += "\n" }
        }
        bpv_put_stdout(listing)
        return UInt8(CC_REDISPLAY)
    }
}

/// libedit could not be started.
public struct LineEditorError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension String {
    fileprivate func padding(toLength n: Int, withPad pad: Character, startingAt _: Int) -> String {
        count >= n ? self : self + String(repeating: pad, count: n - count)
    }
}

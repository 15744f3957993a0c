import BPVDomain
import BPVWorkspace
import Foundation

/// One shell command: its name, usage, help text, argument completion and what it does.
///
/// Commands are values in ``Command/all``; each is defined in its own file as a static member
/// (`Command.match`, `Command.why`, ...), so the help, the completion and the dispatch all read
/// the same list.
struct Command: Sendable {
    let name: String
    /// Usage, e.g. `pin STUDENT INTERNSHIP [reason...]`.
    let synopsis: String
    /// One line for `help`.
    let summary: String
    /// The rest of `help COMMAND`.
    let details: String
    /// Words that may complete the next argument, given the arguments before it.
    let complete: @Sendable (_ previous: [String], _ typed: String, _ session: Session) -> [String]
    let run: @Sendable (_ arguments: Arguments, _ session: Session) throws(ShellError) -> Outcome

    /// What the shell does after a command.
    enum Outcome: Equatable {
        case proceed
        case quit
    }

    init(
        _ name: String, synopsis: String, summary: String, details: String = "",
        complete: @escaping @Sendable (_ previous: [String], _ typed: String, _ session: Session) -> [String] = { _, _, _ in [] },
        run: @escaping @Sendable (_ arguments: Arguments, _ session: Session) throws(ShellError) -> Outcome
    ) {
        self.name = name
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.complete = complete
        self.run = run
    }

    /// Every command, in the order `help` lists them.
    static let all: [Command] = [
        .help, .importFile, .students, .internships, .employers, .show, .match, .placements, .unplaced,
        .pin, .unpin, .ban, .unban, .set, .tryChange, .why, .whyNot, .propose, .accept, .decline, .start, .end, .commit, .release,
        .history, .waiting, .gaps, .check, .forget, .purge, .undo,
        .log, .export, .report, .stats, .timer, .quit,
    ]

    /// Commands by name, with `exit` for `quit`.
    static let byName: [String: Command] = {
        var table = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        table["exit"] = .quit
        table["whynot"] = .whyNot
        return table
    }()
}

/// A command's arguments, with helpers that turn a missing one into a usage error.
struct Arguments {
    let command: Command
    let words: [String]
    /// The workspace's ids, read when an id is not found as typed (for `gv-072` and `GV-72`).
    var known: (students: () -> [String], internships: () -> [String])?

    var count: Int { words.count }
    var isEmpty: Bool { words.isEmpty }

    subscript(_ k: Int) -> String? { k < words.count ? words[k] : nil }

    /// The argument at `k`, or a usage error naming it.
    func required(_ k: Int, _ name: String) throws(ShellError) -> String {
        guard k < words.count else { throw usage(.missing(name)) }
        return words[k]
    }

    /// The student id at `k`, or a usage error; see ``resolved(_:among:what:)``.
    func student(_ k: Int) throws(ShellError) -> StudentID {
        StudentID(try Self.resolved(try required(k, "STUDENT"), among: known?.students, what: .student))
    }

    /// The internship id at `k`, or a usage error; see ``resolved(_:among:what:)``.
    func internship(_ k: Int) throws(ShellError) -> InternshipID {
        InternshipID(try Self.resolved(try required(k, "INTERNSHIP"), among: known?.internships, what: .internship))
    }

    /// An id as typed, or the one id it means: the same letters in another case (`gv-072` is
    /// `GV-072` when no other id differs only in case). An id that is not there but whose
    /// number is (`GV-72` for `GV-072`) is refused with that id as the way out; anything else
    /// passes on, for the command to say what is missing.
    /// - Complexity: O(ids) when the id is not found as typed.
    static func resolved(_ typed: String, among ids: (() -> [String])?, what: ShellMessage.IDKind) throws(ShellError) -> String {
        guard let ids = ids?(), !ids.isEmpty, !ids.contains(typed) else { return typed }
        let folded = ids.filter { $0.lowercased() == typed.lowercased() }
        if folded.count == 1 { return folded[0] }
        func split(_ id: String) -> (String, Int)? {
            let digits = id.reversed().prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count < 10, let n = Int(String(digits.reversed())) else { return nil }
            return (String(id.dropLast(digits.count)).lowercased(), n)
        }
        if let (prefix, number) = split(typed) {
            let near = ids.filter { id in split(id).map { $0 == (prefix, number) } ?? false }
            if let first = near.first { throw .message(.didYouMean(what, typed: typed, meant: first)) }
        }
        return typed
    }

    /// The words from `k` on, joined by spaces (a free-text reason); nil when there are none.
    /// Control characters (a pasted terminal escape) are left out: a reason is stored and
    /// printed back to other people's terminals.
    func text(from k: Int) -> String? { k < words.count ? words[k...].joined(separator: " ").printable : nil }

    /// Refuses arguments beyond `n`.
    func atMost(_ n: Int) throws(ShellError) {
        if words.count > n { throw usage(.unexpected(words[n])) }
    }

    func usage(_ what: Usage) -> ShellError { .usage(what, synopsis: command.synopsis) }
}

/// Completion helpers shared by the commands.
enum Complete {
    static func students(_ session: Session) -> [String] { session.studentIDs() }
    static func internships(_ session: Session) -> [String] { session.internshipIDs() }

    /// A verb whose first word is a student (`accept`, `history`, `why`).
    static let student: @Sendable ([String], String, Session) -> [String] = { previous, _, session in
        previous.isEmpty ? students(session) : []
    }

    /// A verb about a pair: a student, then an internship (`pin`, `ban`, `propose`, `why-not`).
    static let studentThenInternship: @Sendable ([String], String, Session) -> [String] = { previous, _, session in
        previous.isEmpty ? students(session) : previous.count == 1 ? internships(session) : []
    }

    /// File and folder names for a partly typed path (folders end with `/`).
    static func files(_ typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let dir = slash.map { String(typed[...$0]) } ?? ""
        let path = dir.isEmpty ? "." : dir
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir + name, isDirectory: &isDirectory)
            return dir + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}

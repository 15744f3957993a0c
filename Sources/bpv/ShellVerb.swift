import BPVDomain
import BPVLineEditor
import BPVPostgres
import BPVShell
import BPVWorkspace
import Foundation

/// `bpv VERB ...` for every verb of the shell that has no command-line definition of its own
/// (`bpv why GV-072`, `bpv waiting over 28 --db W.sqlite`): the shell's one definition runs,
/// with the same output and refusals as the line typed in the shell, as psql runs its
/// backslash commands for `psql -c`. swift-argument-parser keeps the commands it defines (and
/// the help and usage of those); these words never reach it, since one definition in the
/// shell's command table cannot also be an argument-parser type.
///
/// A first word that is neither kind of command is refused here with a near-miss suggestion
/// and exit status 64 (usage), instead of argument-parser's message about `bpv shell`.
struct ShellVerb {
    let words: [String]
    let db: String

    /// The shell's commands that run this way (those argument-parser does not define), for
    /// `bpv --help`, given the names it does define (the configuration itself cannot be read
    /// while it is being made).
    static func routed(besides own: [String]) -> [String] {
        let own = Set(own + ["help", "quit", "timer"])
        return Shell.commands.map(\.name).filter { !own.contains($0) }
    }

    /// Nil when argument-parser should handle `arguments` (one of its commands, an option
    /// first, or nothing).
    init?(_ arguments: [String], subcommands: Set<String>) {
        // The verb is the first word after any `--db PATH` (`bpv --db W.sqlite match` as well as
        // `bpv match --db W.sqlite`).
        var verbAt = 0
        while verbAt < arguments.count, arguments[verbAt] == "--db" || arguments[verbAt].hasPrefix("--db=") {
            verbAt += arguments[verbAt] == "--db" ? 2 : 1
        }
        guard verbAt < arguments.count, case let first = arguments[verbAt], !first.hasPrefix("-"), !subcommands.contains(first) else { return nil }
        var words: [String] = [], db = WorkspaceOption.defaultPath, k = 0
        while k < arguments.count {
            let a = arguments[k]
            if a == "--db", k + 1 < arguments.count {
                db = arguments[k + 1]
                k += 2
                continue
            }
            if a.hasPrefix("--db=") { db = String(a.dropFirst(5)) } else { words.append(a) }
            k += 1
        }
        // `bpv VERB --help` is the shell's `help VERB`, as `bpv COMMAND --help` is for the commands
        // argument-parser defines.
        if let verb = words.first, words.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            words = ["help", verb]
        }
        self.words = words
        self.db = db
    }

    /// Runs the verb; returns the exit status.
    func run() -> Int32 {
        guard let name = words.first, Shell.isCommand(name) else {
            let nl = BPV.language == .nl, typed = ControlText.escaped(words.first ?? "")
            let hint = words.first.flatMap(Shell.suggestion(for:)).map { nl ? " bedoelt u '\($0)'?" : " did you mean '\($0)'?" } ?? ""
            FileHandle.standardError.write(Data((nl
                ? "bpv: onbekend commando '\(typed)';\(hint)\nGebruik: bpv COMMANDO [ARGUMENTEN] [--db PAD] (bpv --help toont de commando's)\n"
                : "bpv: unknown command '\(typed)';\(hint)\nUsage: bpv COMMAND [ARGUMENTS] [--db PATH] (bpv --help lists the commands)\n").utf8))
            return 64
        }
        Terminal.adoptLocale()
        if name == "help" {
            // Help needs no workspace.
            let console = Console.standard(environment: ProcessInfo.processInfo.environment)
            if case .failed(let message) = Shell.help(words.dropFirst().first, console: console) {
                console.error("bpv: \(message)")
                return 1
            }
            return 0
        }
        let workspace: Workspace
        do {
            // An import, or setting up its region, language or title first, is how a workspace
            // begins; every other verb needs one that exists (a typo in --db must not make an
            // empty workspace that a match then reports on).
            let begins = name == "import" || (name == "set" && ["region", "language", "title"].contains(words.dropFirst().first ?? ""))
            workspace = try Workspace.open(db, create: begins)
        } catch {
            FileHandle.standardError.write(Data("bpv: \(ControlText.escaped(error.text(BPV.language)))\n".utf8))
            return 1
        }
        Interrupt.install()
        let console = Console.standard(environment: ProcessInfo.processInfo.environment)
        let shell = Shell(session: Session(workspace: workspace, console: console, shouldCancel: { Interrupt.isPending }))
        switch shell.run(arguments: words) {
        case .done, .quit: return Interrupt.take() ? 130 : 0
        case .failed(let message), .cancelled(let message):
            console.error("bpv: \(message)")
            return 1
        }
    }
}

import ArgumentParser
import BPVDimacs
import BPVDomain
import BPVFiles
import BPVLineEditor
import BPVShell
import BPVSolver
import BPVSpreadsheet
import BPVWorkspace
import Foundation

/// The `bpv` command: internship matching for students in Dutch vocational education.
@main
struct BPV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpv",
        abstract: "Match students to internships (BPV), optimally and explainably.",
        discussion: """
            bpv places students of MBO Entree and level 2, praktijkonderwijs and VSO at employer \
            internships. Its engine is a certified-optimal capacitated assignment solver.

            Every command of the shell also runs from here, with the shell's output \
            (bpv why GV-072 --db W.sqlite): \(ShellVerb.routed(besides: subcommands.map { $0._commandName }).joined(separator: ", ")).

            On a region's PostgreSQL server (set up with bpv server), every user works with \
            --db postgresql://USER@HOST/DATABASE on the pupils that user may see.
            """,
        subcommands: subcommands,
        defaultSubcommand: ShellCommand.self
    )

    /// The commands argument-parser defines; every other shell command runs through ``ShellVerb``.
    static let subcommands: [any ParsableCommand.Type] = [
        ShellCommand.self, Solve.self, Generate.self, Server.self, Copy.self,
    ]

    /// Runs the command: the one place where errors become what the user reads. Usage errors,
    /// help and exit codes keep argument-parser's handling; every other error a command throws
    /// (the workspace's, an import's `file:line:column: what is wrong`, the solver's, a
    /// ``CommandFailure``) is already phrased for the user and printed as `bpv: message`, with
    /// exit status 1. Commands therefore throw what they get and do not wrap it.
    static func main() {
        var words = Array(CommandLine.arguments.dropFirst())
        // `--lang nl|en`, anywhere: the language of this run, before the workspace's and the
        // environment's (Session.language reads it as BPV_LANG).
        if let k = words.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
            let value = words[k] == "--lang" ? (k + 1 < words.count ? words[k + 1] : "") : String(words[k].dropFirst(7))
            guard let language = Language(parsing: value) else {
                FileHandle.standardError.write(Data("bpv: --lang is nl or en, not '\(ControlText.escaped(value))'\n".utf8))
                Foundation.exit(64)
            }
            words.removeSubrange(k ..< (words[k] == "--lang" ? min(k + 2, words.count) : k + 1))
            setenv("BPV_LANG", language.rawValue, 1)
        }
        // `bpv --help` in Dutch: argument-parser's overview is one fixed text, so a Dutch reader
        // gets bpv's own, with every command and what it does from the Dutch catalogue.
        if Self.language == .nl, words == ["--help"] || words == ["-h"] || words == ["help"] {
            print(Self.dutchOverview())
            Foundation.exit(0)
        }
        if let verb = ShellVerb(words, subcommands: Set(subcommands.map { $0._commandName } + ["help"])) {
            Foundation.exit(verb.run())
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(words)
        } catch {
            Self.exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as any UserFacingError {
            // An error may quote what a user or a file gave: shown, never obeyed by the terminal.
            FileHandle.standardError.write(Data("bpv: \(ControlText.escaped(error.text(Self.language)))\n".utf8))
            Self.exit(withError: ExitCode.failure)
        } catch {
            // Everything else is argument-parser's to report: its exit codes, usage errors,
            // `--help` (its help command's run throws its own error type), and a type bpv
            // forgot to mark, which it prints as `Error: ...` with status 1.
            Self.exit(withError: error)
        }
    }
}

extension [String] {
    /// One tab-separated line: each field with its tabs, line breaks and other control
    /// characters shown as `\u{9}` (see ``ControlText``), so that a reason cannot break the
    /// columns or reach the terminal raw.
    var tabSeparated: String { map { ControlText.escaped($0, keepingLineBreaks: false) }.joined(separator: "\t") }
}

/// An error bpv's own modules throw, already phrased for the user (`file:line:column: what is
/// wrong`, a refusal with the way out): printed as `bpv: message` with exit status 1. Marked by
/// type, so that the boundary never inspects another library's errors by their names.
protocol UserFacingError: Error, CustomStringConvertible {
    /// The message in `language`; English (the description) unless the error has a catalogue.
    func text(_ language: Language) -> String
}

extension UserFacingError {
    func text(_ language: Language) -> String { description }
}

extension BPV {
    /// `bpv --help` for a Dutch reader.
    static func dutchOverview() -> String {
        return """
            bpv koppelt leerlingen van MBO Entree en niveau 2, praktijkonderwijs en VSO aan
            stageplaatsen bij erkende leerbedrijven, optimaal en uitlegbaar.

            GEBRUIK: bpv [COMMANDO] [ARGUMENTEN] [--db PAD] [--lang nl|en]
              zonder commando opent bpv de shell op ./bpv.sqlite (of --db PAD)

            COMMANDO'S (dezelfde als in de shell; bpv COMMANDO --help legt er één uit):
            \(Shell.commandList(in: .nl))

            VOOR ONDERHOUD: bpv solve --dimacs BESTAND, bpv generate ... (bpv solve --help)
            EEN REGIO OP EEN SERVER: bpv server init|add-school|add-user|users
              (bpv server --help); daarna werkt elke gebruiker met
              --db postgresql://GEBRUIKER@HOST/DATABASE op de leerlingen die hij mag zien
            """
    }

    /// The language of this run without a workspace's say: `--lang` (as BPV_LANG), else the
    /// environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    static var language: Language { Language.forRun(environment: ProcessInfo.processInfo.environment) ?? .en }
}

extension ImportFailure {
    func text(_ language: Language) -> String { description(in: language) }
}

extension CommandFailure: UserFacingError {}
extension WorkspaceError: UserFacingError {}
extension ImportFailure: UserFacingError {}
extension DimacsError: UserFacingError {}
extension DomainError: UserFacingError {}
extension RoundError: UserFacingError {}
extension ShellError: UserFacingError {}
extension SolverError: UserFacingError {}
extension AssignmentProblemError: UserFacingError {}
extension CertificateViolation: UserFacingError {}
extension OutputFileError: UserFacingError {}
extension WorkbookError: UserFacingError {}
extension LineEditorError: UserFacingError {}

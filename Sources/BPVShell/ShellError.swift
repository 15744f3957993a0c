import BPVDomain
import BPVWorkspace

/// A command failed, and nothing was changed: a value carrying what went wrong, worded in the
/// reader's language only where the front end shows it (``text(_:)``).
public enum ShellError: Error, CustomStringConvertible, Sendable {
    /// The register, the round or a value refused it.
    case workspace(WorkspaceError)
    case round(RoundError)
    /// An imported file holds problems, each at its line and column.
    case importFailure(ImportFailure)
    /// The shell's own words: an unknown command, a missing argument, nothing to undo.
    case message(ShellMessage)
    /// The arguments do not fit the command; with its synopsis.
    case usage(Usage, synopsis: String)
    /// Another library's error (a file that cannot be written, a DIMACS writer's error), as that
    /// library says it.
    case other(String)

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .workspace(let e): e.text(language)
        case .round(let e): e.text(language)
        case .importFailure(let f): f.description(in: language)
        case .message(let m): m.text(language)
        case .usage(let u, let synopsis): "\(u.text(language)); \(language == .nl ? "gebruik" : "usage"): \(synopsis)"
        case .other(let text): text
        }
    }

    public var description: String { text(.en) }

    /// Whether the command stopped because the user pressed Ctrl-C.
    var isCancellation: Bool {
        switch self {
        case .workspace(.cancelled), .round(.cancelled): true
        default: false
        }
    }

    static func refused(_ refusal: Refusal) -> ShellError { .workspace(.refused(refusal)) }
}

/// Colour and emphasis for terminal output: ANSI SGR codes when enabled, plain text otherwise.
///
/// Colour is on only when standard output is a terminal, `NO_COLOR` is unset or empty
/// (https://no-color.org) and `TERM` is not `dumb`. bpv writes its own five codes instead of
/// depending on a colour package: the packages at hand keep their on/off switch in a global
/// mutable variable, which Swift 6's concurrency checking rejects, and the decision of when
/// to colour is ours anyway.
public struct Style: Sendable, Equatable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// No colours (a file, a workbook cell).
    public static let plain = Style(enabled: false)

    /// The style for a stream: colour only on a terminal, never with `NO_COLOR`.
    public static func forTerminal(isTerminal: Bool, environment: [String: String]) -> Style {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return Style(enabled: isTerminal && !noColor && environment["TERM"] != "dumb")
    }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }

    private func wrap(_ s: String, _ code: String) -> String { enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

import Foundation

extension Command {
    static let help = Command(
        "help", synopsis: "help [COMMAND]", summary: "list the commands, or explain one",
        complete: { previous, _, _ in previous.isEmpty ? all.map(\.name) : [] }
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        try printHelp(args[0], console: session.console)
        return .proceed
    }

    /// The help for one command, or the list of all: what `help` prints, also without a
    /// workspace (`bpv VERB --help`).
    static func printHelp(_ name: String?, console: Console) throws(ShellError) {
        // Like psql's \?: the synopsis, then what it does indented below, wrapped to the
        // terminal, so that it reads at 80 columns as well as at 200.
        let width = max(console.width ?? 80, 40)
        if let name {
            guard let c = byName[name] else { throw .message(.unknownHelpTopic(name)) }
            console.print(console.style.bold(c.synopsis))
            for line in Self.wrap(c.summary(in: console.language), width: width - 2) { console.print("  " + line) }
            let details = c.details(in: console.language)
            // The details are prose: each paragraph (between blank lines) flowed to the width.
            let paragraphs = details.isEmpty ? [] : details.components(separatedBy: "\n\n")
            for (k, paragraph) in paragraphs.enumerated() {
                if k > 0 { console.print("") }
                let flowed = paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                for line in Self.wrap(flowed, width: width - 2) { console.print("  " + line) }
            }
            return
        }
        for c in all {
            // A long synopsis breaks at its alternatives (`|` between forms).
            let forms = c.synopsis.count <= width ? [c.synopsis] : c.synopsis.components(separatedBy: " | ").enumerated().map { $0 == 0 ? $1 : "| " + $1 }
            for form in forms { console.print(console.style.bold(form)) }
            for line in Self.wrap(c.summary(in: console.language), width: width - 4) { console.print("    " + line) }
        }
        let closing = console.language == .nl
            ? "help COMMANDO legt er één uit. Tab vult commando's, sleutelwoorden en ids aan; Ctrl-C stopt een lopend commando."
            : "help COMMAND explains one. Tab completes commands, keywords and ids; Ctrl-C stops a running command."
        for line in Self.wrap(closing, width: width) {
            console.print(line)
        }
    }

    /// Words of `text` in lines of at most `width` characters (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static let quit = Command("quit", synopsis: "quit", summary: "leave the shell (also exit, or Ctrl-D)") { args, _ throws(ShellError) in
        try args.atMost(0)
        return .quit
    }

    static let timer = Command(
        "timer", synopsis: "timer on|off", summary: "time each command, like sqlite3's .timer",
        details: """
            After each command: its wall time and the processor time it used. After a match, also
            its parts in seconds: loading the register, building the candidate graph, solving,
            certifying and storing.
            """,
        complete: { previous, _, _ in previous.isEmpty ? ["on", "off"] : [] }
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        switch args[0] {
        case "on": session.timer = true
        case "off": session.timer = false
        case nil: session.console.say(.timer(session.timer))
        default: throw args.usage(.onOrOff(setting: nil, value: ""))
        }
        return .proceed
    }
}

extension Command {
    static let help = Command(
        "help", synopsis: "help [COMMAND]", summary: "list the commands, or explain one",
        complete: { previous, _, _ in previous.isEmpty ? all.map(\.name) : [] }
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        let console = session.console
        if let name = args[0] {
            guard let c = byName[name] else { throw ShellError("unknown command '\(name)'; type help for the list") }
            console.print(console.style.bold(c.synopsis))
            console.print("  " + c.summary)
            if !c.details.isEmpty { console.print(c.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")) }
            return .proceed
        }
        var table = Table(["command", "what it does"])
        for c in all { table.append([c.synopsis, c.summary]) }
        console.print(table.render(width: console.width, style: console.style))
        console.print("help COMMAND explains one. Tab completes commands, keywords and ids; Ctrl-C stops a running command.")
        return .proceed
    }

    static let quit = Command("quit", synopsis: "quit", summary: "leave the shell (also exit, or Ctrl-D)") { args, _ throws(ShellError) in
        try args.atMost(0)
        return .quit
    }

    static let timer = Command(
        "timer", synopsis: "timer on|off", summary: "time each command, like sqlite3's .timer",
        complete: { previous, _, _ in previous.isEmpty ? ["on", "off"] : [] }
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        switch args[0] {
        case "on": session.timer = true
        case "off": session.timer = false
        case nil: session.console.print("timer is \(session.timer ? "on" : "off")")
        default: throw args.usage("expected on or off")
        }
        return .proceed
    }
}

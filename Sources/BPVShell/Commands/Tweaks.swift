import BPVDomain
import BPVWorkspace

extension Command {
    static let pin = Command(
        "pin", synopsis: "pin STUDENT INTERNSHIP [reason...]",
        summary: "fix a student at an internship (a place the student found); later rounds work around it",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? Complete.internships(session) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.required(0, "STUDENT"), i = try args.required(1, "INTERNSHIP")
        let reason = args.text(from: 2) ?? ""
        let ws = session.workspace
        let old = try session.shell { () throws(WorkspaceError) in try ws.pins()[s] }
        try session.shell { () throws(WorkspaceError) in try ws.pin(student: s, internship: i, reason: reason) }
        let moved = session.follow(.pin(student: s, internship: i))
        session.recordUndo("pin \(s) \(i)", follow: old.map { .pin(student: s, internship: $0.internship) } ?? .unpin(student: s)) {
            ws throws(WorkspaceError) in
            if let old { try ws.pin(student: s, internship: old.internship, reason: old.reason) } else { try ws.unpin(student: s) }
        }
        let model = try session.currentModel()
        session.console.print("pinned \(s) at \(Describe.internship(i, model))")
        session.report(moved, cause: .pin(student: s, internship: i))
        if let student = model.student(s), let internship = model.internship(i) {
            let broken = model.settings.exclusions(student, internship)
            if !broken.isEmpty {
                session.console.print(session.console.style.yellow("note: ") + "the pin overrides: " + broken.map(\.description).joined(separator: "; "))
            }
        }
        return .proceed
    }

    static let unpin = Command(
        "unpin", synopsis: "unpin STUDENT", summary: "remove a student's pin",
        complete: { previous, _, session in previous.isEmpty ? ((try? session.workspace.pins().keys.sorted()) ?? []) : [] }
    ) { args, session throws(ShellError) in
        let s = try args.required(0, "STUDENT")
        try args.atMost(1)
        let ws = session.workspace
        let old = try session.shell { () throws(WorkspaceError) in try ws.pins()[s] }
        try session.shell { () throws(WorkspaceError) in try ws.unpin(student: s) }
        let moved = session.follow(.unpin(student: s))
        if let old {
            session.recordUndo("unpin \(s)", follow: .pin(student: s, internship: old.internship)) { ws throws(WorkspaceError) in
                try ws.pin(student: s, internship: old.internship, reason: old.reason)
            }
        }
        session.console.print("unpinned \(s)")
        session.report(moved, cause: .unpin(student: s))
        return .proceed
    }

    static let ban = Command(
        "ban", synopsis: "ban STUDENT INTERNSHIP [reason...]", summary: "rule a pair out of every later round",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? Complete.internships(session) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.required(0, "STUDENT"), i = try args.required(1, "INTERNSHIP")
        let reason = args.text(from: 2) ?? ""
        let ws = session.workspace
        let old = try session.shell { () throws(WorkspaceError) in try ws.bans()[Pair(s, i)] }
        try session.shell { () throws(WorkspaceError) in try ws.ban(student: s, internship: i, reason: reason) }
        let moved = old == nil ? session.follow(.ban(student: s, internship: i)) : nil
        // Undoing a ban that only changed its reason leaves the pair banned: nothing to follow.
        session.recordUndo("ban \(s) \(i)", follow: old == nil ? .unban(student: s, internship: i) : .ban(student: s, internship: i)) {
            ws throws(WorkspaceError) in
            if let old { try ws.ban(student: s, internship: i, reason: old) } else { try ws.unban(student: s, internship: i) }
        }
        session.console.print("banned \(s) x \(i)")
        session.report(moved, cause: .ban(student: s, internship: i))
        return .proceed
    }

    static let unban = Command(
        "unban", synopsis: "unban STUDENT INTERNSHIP", summary: "allow a banned pair again",
        complete: { previous, _, session in
            let bans = (try? session.workspace.bans().keys) ?? [:].keys
            return previous.isEmpty ? bans.map(\.student) : previous.count == 1 ? bans.filter { $0.student == previous[0] }.map(\.internship) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.required(0, "STUDENT"), i = try args.required(1, "INTERNSHIP")
        try args.atMost(2)
        let ws = session.workspace
        let old = try session.shell { () throws(WorkspaceError) in try ws.bans()[Pair(s, i)] }
        try session.shell { () throws(WorkspaceError) in try ws.unban(student: s, internship: i) }
        let moved = session.follow(.unban(student: s, internship: i))
        session.recordUndo("unban \(s) \(i)", follow: .ban(student: s, internship: i)) { ws throws(WorkspaceError) in
            try ws.ban(student: s, internship: i, reason: old ?? "")
        }
        session.console.print("unbanned \(s) x \(i)")
        session.report(moved, cause: .unban(student: s, internship: i))
        return .proceed
    }

    static let set = Command(
        "set", synopsis: "set NAME VALUE | set STUDENT NAME VALUE | set INTERNSHIP capacity|support_capacity N",
        summary: "change a weight or limit, one student's setting (a longer travel limit), or an internship's places",
        details: """
            Workspace settings: \(Workspace.settingNames.map(\.name).joined(separator: ", ")).
            Student settings: \(StudentSetting.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")).
            Internship settings: capacity, support_capacity (places; support places never exceed them).
            VALUE default puts a workspace or student setting back. show settings lists them all.
            Examples: set S-014 max_travel_min 60    set I-203 capacity 2
            """,
        complete: { previous, _, session in
            switch previous.count {
            case 0: Workspace.settingNames.map(\.name) + Complete.students(session) + Complete.internships(session)
            case 1 where Workspace.settingNames.contains { $0.name == previous[0] }: ["default"]
            case 1 where Complete.internships(session).contains(previous[0]): Workspace.internshipSettingNames
            case 1: StudentSetting.allCases.map(\.rawValue)
            case 2 where previous[1] == StudentSetting.travelMode.rawValue: TravelMode.allCases.map(\.rawValue) + ["default"]
            case 2: ["default"]
            default: []
            }
        }
    ) { args, session throws(ShellError) in
        let first = try args.required(0, "NAME or STUDENT")
        let ws = session.workspace
        if Workspace.settingNames.contains(where: { $0.name == first }) {
            let value = try args.required(1, "VALUE")
            let reason = args.text(from: 2)
            let old = try session.shell { () throws(WorkspaceError) in try ws.changedSettings()[first] }
            try session.shell { () throws(WorkspaceError) in
                if value == "default" { try ws.reset(first, reason: reason) } else { try ws.set(first, to: value, reason: reason) }
            }
            // A weight or speed changes every arc: the live round is solved cold on next use.
            session.invalidate()
            session.recordUndo("set \(first) \(value)") { ws throws(WorkspaceError) in
                if let old { try ws.set(first, to: old, reason: "undo") } else { try ws.reset(first, reason: "undo") }
            }
            let now = try session.shell { () throws(WorkspaceError) in try ws.settings() }
            session.console.print("\(first) = \(Workspace.value(of: first, in: now) ?? value) for later rounds")
            return .proceed
        }
        if session.internshipIDs().contains(first) {
            let name = try args.required(1, "capacity or support_capacity"), value = try args.required(2, "N")
            let reason = args.text(from: 3)
            guard let old = try session.currentModel().internship(first) else { throw ShellError("no internship \(first)") }
            let now = try session.shell { () throws(WorkspaceError) in try ws.set(name, ofInternship: first, to: value, reason: reason) }
            let cause = RoundChange.places(internship: first, places: now.places, support: now.support)
            let moved = session.follow(cause)
            session.recordUndo("set \(first) \(name) \(value)",
                               follow: .places(internship: first, places: old.capacity, support: old.supportCapacity)) { ws throws(WorkspaceError) in
                try ws.set("capacity", ofInternship: first, to: "\(old.capacity)", reason: "undo")
                try ws.set("support_capacity", ofInternship: first, to: "\(old.supportCapacity)", reason: "undo")
            }
            session.console.print("\(first): \(now.places) place\(now.places == 1 ? "" : "s"), \(now.support) with a job coach on site")
            session.report(moved, cause: cause)
            return .proceed
        }
        guard session.studentIDs().contains(first) || (try? ws.students().contains { $0.id.value == first }) == true else {
            throw ShellError("'\(first)' is neither a setting, a student nor an internship; settings: \(Workspace.settingNames.map(\.name).joined(separator: ", "))")
        }
        let name = try args.required(1, "NAME"), value = try args.required(2, "VALUE")
        let reason = args.text(from: 3)
        let old = try session.shell { () throws(WorkspaceError) in try ws.studentSettings()[first]?[name] }
        let before = try session.currentModel().student(first)
        try session.shell { () throws(WorkspaceError) in
            if value == "default" { try ws.reset(name, of: first, reason: reason) } else { try ws.set(name, of: first, to: value, reason: reason) }
        }
        let setting = StudentSetting(rawValue: name)
        // The value now in force: the new setting, or for `default` the imported one.
        let shown: String
        if value == "default" {
            let imported = try session.shell { () throws(WorkspaceError) in try ws.students() }.first { $0.id.value == first }
            shown = imported.flatMap { s in setting.map { $0.value(of: s) } } ?? value
        } else {
            shown = try session.shell { () throws(WorkspaceError) in try ws.studentSettings()[first]?[name] } ?? value
        }
        let cause = setting.map { RoundChange.studentSetting(student: first, $0, value: shown) }
        let moved = cause.flatMap { session.follow($0) }
        let undoChange = setting.flatMap { st in before.map { RoundChange.studentSetting(student: first, st, value: st.value(of: $0)) } }
        session.recordUndo("set \(first) \(name) \(value)", follow: undoChange) { ws throws(WorkspaceError) in
            if let old { try ws.set(name, of: first, to: old, reason: "undo") } else { try ws.reset(name, of: first, reason: "undo") }
        }
        session.console.print("\(first): \(name) = \(shown) for later rounds")
        session.report(moved, cause: cause)
        return .proceed
    }

    static let undo = Command(
        "undo", synopsis: "undo",
        summary: "reverse the last pin, unpin, ban, unban or set of this session (commits, releases and imports stay)"
    ) { args, session throws(ShellError) in
        try args.atMost(0)
        guard let step = session.popUndo() else { throw ShellError("nothing to undo in this session") }
        do {
            try step.revert(session.workspace)
        } catch {
            session.recordUndo(step.description, step.revert)
            throw ShellError("cannot undo \(step.description): \(error)")
        }
        session.console.print("undid: \(step.description)")
        if let change = step.change {
            session.report(session.follow(change), cause: change)
        } else {
            session.invalidate()
        }
        return .proceed
    }
}

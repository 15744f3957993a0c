import BPVDomain
import BPVWorkspace

extension Command {
    static let pin = Command(
        "pin", synopsis: "pin STUDENT INTERNSHIP [reason...]",
        summary: "fix a student at an internship (a place the student found); later rounds work around it",
        complete: Complete.studentThenInternship
    ) { args, session throws(ShellError) in
        let s = try args.student(0), i = try args.internship(1)
        let reason = args.text(from: 2) ?? ""
        let moved = try session.undoably("pin \(s) \(i)", .pin(student: s, internship: i)) { r throws(WorkspaceError) in
            try r.pin(student: s, internship: i, reason: reason)
        }
        let model = try session.currentModel()
        session.console.say(.pinned(s, Describe.place(i, model)))
        session.report(moved, cause: .pin(student: s, internship: i))
        if let student = model.student(s), let internship = model.internship(i) {
            let broken = model.settings.exclusions(student, internship)
            if !broken.isEmpty {
                session.console.say(.pinOverrides(broken))
            }
        }
        return .proceed
    }

    static let unpin = Command(
        "unpin", synopsis: "unpin STUDENT", summary: "remove a student's pin",
        complete: { previous, _, session in previous.isEmpty ? ((try? session.workspace.pins().keys.sorted().map(\.value)) ?? []) : [] }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        try args.atMost(1)
        let moved = try session.undoably("unpin \(s)", .unpin(student: s)) { r throws(WorkspaceError) in try r.unpin(student: s) }
        session.console.say(.unpinned(s))
        session.report(moved, cause: .unpin(student: s))
        return .proceed
    }

    static let ban = Command(
        "ban", synopsis: "ban STUDENT INTERNSHIP [reason...]", summary: "rule a pair out of every later round",
        complete: Complete.studentThenInternship
    ) { args, session throws(ShellError) in
        let s = try args.student(0), i = try args.internship(1)
        let reason = args.text(from: 2) ?? ""
        let moved = try session.undoably("ban \(s) \(i)", .ban(student: s, internship: i)) { r throws(WorkspaceError) in
            try r.ban(student: s, internship: i, reason: reason)
        }
        session.console.say(.banned(s, i))
        session.report(moved, cause: .ban(student: s, internship: i))
        return .proceed
    }

    static let unban = Command(
        "unban", synopsis: "unban STUDENT INTERNSHIP", summary: "allow a banned pair again",
        complete: { previous, _, session in
            let bans = (try? session.workspace.bans().keys) ?? [:].keys
            return previous.isEmpty ? bans.map(\.student.value) : previous.count == 1 ? bans.filter { $0.student.value == previous[0] }.map(\.internship.value) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0), i = try args.internship(1)
        try args.atMost(2)
        let moved = try session.undoably("unban \(s) \(i)", .unban(student: s, internship: i)) { r throws(WorkspaceError) in
            try r.unban(student: s, internship: i)
        }
        session.console.say(.unbanned(s, i))
        session.report(moved, cause: .unban(student: s, internship: i))
        return .proceed
    }

    static let set = Command(
        "set", synopsis: "set NAME VALUE | set region MUNICIPALITY|... | set STUDENT NAME VALUE | set INTERNSHIP capacity|support_capacity N",
        summary: "change a weight or limit, one student's setting (a longer travel limit), or an internship's places",
        details: """
            Workspace settings: \(MatchSetting.allCases.map(\.rawValue).joined(separator: ", ")).
            Student settings: \(StudentSetting.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")).
            Internship settings: capacity, support_capacity (places; support places never exceed them).
            set pager on|off: long output through $PAGER (else less -FRX) on a terminal, never in scripts; for this session.
            set expanded on|off|auto: tables as records (psql's \\x) for this session; auto when the columns cannot fit.
            The region: the municipalities or provinces the workspace works in, separated by | (quote names with spaces: set region "Hilversum|Gooise Meren|Laren"); it settles a place name that exists in two municipalities when files are imported.
            VALUE default puts a workspace or student setting back. show settings lists them all.
            Examples: set S-014 max_travel_min 60    set I-203 capacity 2
            """,
        complete: { previous, _, session in
            switch previous.count {
            case 0: MatchSetting.allCases.map(\.rawValue) + ["region", "language", "title", "expanded", "pager"] + Complete.students(session) + Complete.internships(session)
            case 1 where MatchSetting(rawValue: previous[0]) != nil: ["default"]
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
        if first == "title" {
            let value = try args.required(1, "the report's title (quoted), or default")
            try session.shell { () throws(WorkspaceError) in try ws.setTitle(value, reason: args.text(from: 2)) }
            session.console.say(.titleSet(value == "default" ? nil : value))
            return .proceed
        }
        if first == "pager" {
            let value = try args.required(1, "on or off")
            guard value == "on" || value == "off" else { throw args.usage(.onOrOff(setting: "pager", value: value)) }
            try args.atMost(2)
            session.pager = value == "on"
            session.console.say(.pagerSet(value == "on"))
            return .proceed
        }
        if first == "expanded" {
            let value = try args.required(1, "on, off or auto")
            guard let mode = Table.Expanded(rawValue: value) else { throw args.usage(.expanded(value)) }
            try args.atMost(2)
            session.console.expanded = mode
            session.console.say(.expandedSet(mode.rawValue))
            return .proceed
        }
        if first == "language" {
            let value = try args.required(1, "nl, en or default")
            try session.shell { () throws(WorkspaceError) in try ws.setLanguage(value, reason: args.text(from: 2)) }
            session.console.language = session.language()
            session.console.say(.languageSet(session.language(), separator: session.language().csvSeparator))
            return .proceed
        }
        if first == "region" {
            let value = try args.required(1, "MUNICIPALITY|... (or default)")
            try session.shell { () throws(WorkspaceError) in try ws.setRegion(value, reason: args.text(from: 2)) }
            let region = try session.region()
            session.console.say(.regionSet(region.isEmpty ? [] : region.names))
            return .proceed
        }
        if let setting = MatchSetting(rawValue: first) {
            let value = try args.required(1, "VALUE")
            let reason = args.text(from: 2)
            let old = try session.currentModel().settings
            let moved = try session.undoably("set \(first) \(value)", .settings(old)) { r throws(WorkspaceError) in
                try r.set(first, to: value, reason: reason)
            }
            let now = try session.currentModel().settings
            session.console.say(.settingNow(first, setting.value(in: now)))
            session.report(moved, cause: nil)
            return .proceed
        }
        if session.internshipIDs().contains(first) {
            let name = try args.required(1, "capacity or support_capacity"), value = try args.required(2, "N")
            let reason = args.text(from: 3)
            let id = InternshipID(first)
            guard let old = try session.currentModel().internship(id) else { throw .refused(.noInternship(first)) }
            let now = try session.undoably("set \(first) \(name) \(value)", .places(internship: id, places: old.capacity, support: old.supportCapacity)) {
                r throws(WorkspaceError) in try r.set(name, ofInternship: id, to: value, reason: reason)
            }
            let cause = RoundChange.places(internship: id, places: now.places, support: now.support)
            session.console.say(.placesNow(id, places: now.places, support: now.support))
            session.report(now.moved, cause: cause)
            return .proceed
        }
        guard session.studentIDs().contains(first) || (try? ws.students().contains { $0.id.value == first }) == true else {
            throw .message(.neitherSettingNorRecord(first, settings: MatchSetting.allCases.map(\.rawValue)))
        }
        let name = try args.required(1, "NAME"), value = try args.required(2, "VALUE")
        let reason = args.text(from: 3)
        guard let setting = StudentSetting(rawValue: name) else {
            throw .refused(.unknownStudentSetting(name))
        }
        let student = StudentID(first)
        guard try session.currentModel().student(student) != nil else { throw .refused(.noStudent(first)) }
        let moved = try session.undoably("set \(first) \(name) \(value)", .studentSetting(student: student, setting, value: value)) {
            r throws(WorkspaceError) in try r.set(name, of: student, to: value, reason: reason)
        }
        let shown = try session.currentModel().student(student).map { setting.value(of: $0) } ?? value
        let cause = RoundChange.studentSetting(student: student, setting, value: shown)
        session.console.say(.studentSettingNow(student, name, shown))
        session.report(moved, cause: cause)
        return .proceed
    }

    static let undo = Command(
        "undo", synopsis: "undo",
        summary: "reverse your last pin, unpin, ban, unban or set of this session, while it is still in effect (commits, releases and imports stay)",
        details: """
            Only your own changes, newest first, and only while nobody changed the same thing since:
            then undo says who changed it, when, and how.
            """
    ) { args, session throws(ShellError) in
        try args.atMost(0)
        guard let step = session.popUndo() else { throw .message(.nothingToUndo) }
        let register = session.register, reversal = step.reversal
        guard try session.shell({ () throws(WorkspaceError) in try register.isInEffect(reversal) }) else {
            let by = try session.shell { () throws(WorkspaceError) in try register.lastChange(after: reversal.seq, about: reversal.subject) }
            throw .message(.cannotUndo(step.description, by: by?.changeBy))
        }
        let moved: RoundChanges?
        do throws(WorkspaceError) {
            moved = try register.perform(reversal.change, reason: reversal.reason ?? "undo")
        } catch {
            session.pushUndo(step)
            throw .message(.undoFailed(step.description, error))
        }
        session.console.say(.undid(step.description))
        session.report(moved, cause: reversal.change)
        return .proceed
    }
}

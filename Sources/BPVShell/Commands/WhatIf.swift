import BPVDomain
import BPVWorkspace

extension Command {
    /// The changes `try` can try.
    static let tryable = ["pin", "unpin", "ban", "unban", "set", "release"]

    static let tryChange = Command(
        "try", synopsis: "try pin|unpin|ban|unban|set|release ...",
        summary: "what-if: run a change on a copy and show who would move and the change in placed count and score; nothing is kept",
        details: """
            Takes the arguments of the command it tries, for example:
              try pin S-014 I-203
              try set S-014 max_travel_min 60
              try set travel_minute_weight 2
            """,
        complete: { previous, typed, session in
            guard let first = previous.first else { return tryable }
            guard tryable.contains(first), let c = byName[first] else { return [] }
            return c.complete(Array(previous.dropFirst()), typed, session)
        }
    ) { args, session throws(ShellError) in
        let what = try args.required(0, "a change to try")
        guard tryable.contains(what), let tried = byName[what] else {
            throw args.usage(.tryable(tryable, not: what))
        }
        let sub = Arguments(command: tried, words: Array(args.words.dropFirst()), known: args.known)
        let live = try session.current()
        let model = live.model
        let changes: RoundChanges
        var cause: RoundChange?
        do {
            switch what {
            case "pin": cause = .pin(student: try sub.student(0), internship: try sub.internship(1))
            case "unpin": cause = .unpin(student: try sub.student(0))
            case "ban": cause = .ban(student: try sub.student(0), internship: try sub.internship(1))
            case "unban": cause = .unban(student: try sub.student(0), internship: try sub.internship(1))
            case "release": cause = .release(student: try sub.student(0))
            default: break
            }
            if let cause {
                changes = try live.whatIf(cause)
            } else {
                (changes, cause) = try trySetting(sub, on: live, session)
            }
        } catch let error as RoundError {
            throw .round(error)
        } catch let error as ShellError {
            throw error
        } catch {
            throw .other("\(error)")
        }
        let console = session.console
        console.say(.whatIf(args.words.joined(separator: " ")))
        for line in Describe.changes(changes, model, cause: cause) { console.say(line) }
        return .proceed
    }

    /// `try set ...`: a student's setting through the live round (one repair on a snapshot); a
    /// weight or speed changes every arc, so that one is tried by a cold solve of a copy.
    private static func trySetting(_ sub: Arguments, on live: RoundSession, _ session: Session) throws(ShellError)
        -> (RoundChanges, RoundChange?)
    {
        let first = try sub.required(0, "NAME or STUDENT")
        if let setting = MatchSetting(rawValue: first) {
            let value = try sub.required(1, "VALUE")
            var settings = live.model.settings
            do { setting.set(try setting.validate(value), in: &settings) } catch { throw .refused(error.refusal) }
            do { return (try live.whatIf(.settings(settings), shouldCancel: session.shouldCancel), nil) } catch { throw .round(error) }
        }
        if let internship = live.model.internship(InternshipID(first)) {
            let name = try sub.required(1, "capacity or support_capacity")
            guard Workspace.internshipSettingNames.contains(name), let n = Int(try sub.required(2, "N")), n >= 0 else {
                throw .message(.tryPlaces(first))
            }
            let places = name == "capacity" ? Places(n, support: internship.supportCapacity) : Places(internship.capacity, support: n)
            let change = RoundChange.places(internship: internship.internshipID, places: places.count, support: places.support)
            do { return (try live.whatIf(change), change) } catch { throw .round(error) }
        }
        let name = try sub.required(1, "NAME")
        var value = try sub.required(2, "VALUE")
        guard let setting = StudentSetting(rawValue: name) else {
            throw .refused(.unknownStudentSetting(name))
        }
        if value == "default" {
            let imported = try session.shell { () throws(WorkspaceError) in try session.workspace.students() }.first { $0.id.value == first }
            guard let imported else { throw .refused(.noStudent(first)) }
            value = setting.value(of: imported)
        }
        let change = RoundChange.studentSetting(student: StudentID(first), setting, value: value)
        do { return (try live.whatIf(change), change) } catch { throw .round(error) }
    }

    static let why = Command(
        "why", synopsis: "why STUDENT",
        summary: "why a student landed where they did: the score by component, the next-best internships and why each lost",
        details: "For the round as match would compute it now. A taken alternative shows the exact cost to the round of forcing it.",
        complete: Complete.student
    ) { args, session throws(ShellError) in
        let id = try args.student(0)
        try args.atMost(1)
        let live = try session.current()
        let model = live.model
        try session.noteIfNotTheStoredDraft(live.outcome)
        let explanation: PlacementExplanation
        do throws(RoundError) { explanation = try live.why(id) } catch { throw .round(error) }
        let console = session.console
        switch explanation.status {
        case .unplaced(let reason):
            console.say(.isUnplaced(id))
            for line in Describe.unplaced(reason, model, bans: session.banReasons(of: id)) { console.say(line, indent: "  ") }
            return .proceed
        case .agreed: console.say(.heldAt(id, .agreed, Describe.place(explanation.internship, model)))
        case .active: console.say(.heldAt(id, .active, Describe.place(explanation.internship, model)))
        case .proposed: console.say(.heldAt(id, .proposed, Describe.place(explanation.internship, model)))
        case .pinned: console.say(.heldAt(id, .pinned, Describe.place(explanation.internship, model)))
        case .placed: console.say(.heldAt(id, .placed, Describe.place(explanation.internship, model)))
        }
        if let score = explanation.score { console.say(.score(score, weight: model.settings.travelMinuteWeight)) }
        guard !explanation.alternatives.isEmpty else {
            if explanation.status == .placed { console.say(.noOtherOpen) }
            return .proceed
        }
        console.say(.nextBest)
        for alt in explanation.alternatives {
            let at = Describe.place(alt.internship, model)
            switch alt.verdict {
            case .worseForStudent(let by):
                console.say(.alternativeWorse(at, score: alt.score.total, worseBy: by))
            case .taken(let holders, let forced):
                console.say(.alternativeTaken(at, score: alt.score.total, holders: holders))
                for line in Describe.forced(forced, student: id, internship: alt.internship, model) { console.say(line, indent: "    ") }
            }
        }
        return .proceed
    }

    static let whyNot = Command(
        "why-not", synopsis: "why-not STUDENT INTERNSHIP",
        summary: "which hard constraint rules a pair out or, if it is allowed, how much worse the round would be if forced and who would be displaced",
        complete: Complete.studentThenInternship
    ) { args, session throws(ShellError) in
        let s = try args.student(0), i = try args.internship(1)
        try args.atMost(2)
        let live = try session.current()
        let model = live.model
        let forced: ForcedPair
        do throws(RoundError) { forced = try live.force(s, i) } catch { throw .round(error) }
        for line in Describe.forced(forced.outcome, student: s, internship: i, model, banReason: session.banReasons(of: s)[i]) {
            session.console.say(line)
        }
        return .proceed
    }
}

import BPVDomain
import BPVWorkspace

/// The placement year in the shell: propose, accept, decline, start, end, history.
extension Command {
    static let propose = Command(
        "propose", synopsis: "propose STUDENT [INTERNSHIP] [reason...]",
        summary: "put a student forward to an employer (intake interview): the place is held, rounds no longer move the student",
        details: "Without an internship, the one the draft gives the student.",
        complete: Complete.studentThenInternship
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        let named = args[1].map { InternshipID($0) }.flatMap { id in session.internshipIDs().contains(id.value) ? id : nil }
        let reason = args.text(from: named == nil ? 1 : 2)
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.propose(student: s, internship: named, reason: reason) }
        let model = try session.currentModel()
        session.console.say(.proposed(s, Describe.place(model.proposals[s], model)))
        session.report(moved, cause: model.proposals[s].map { .propose(student: s, internship: $0) })
        return .proceed
    }

    static let accept = Command(
        "accept", synopsis: "accept STUDENT [reason...]",
        summary: "employer and student said yes: the proposed placement is agreed",
        complete: Complete.student
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.accept(student: s, reason: args.text(from: 1)) }
        let model = try session.currentModel()
        session.console.say(.agreed(s, Describe.place(model.commitments[s], model)))
        session.report(moved, cause: .accept(student: s))
        return .proceed
    }

    static let decline = Command(
        "decline", synopsis: "decline STUDENT by employer|student reason...",
        summary: "the employer or the student said no: the proposal ends, the pair is banned, and the draft places the student again at once",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? ["by"] : previous.count == 2 ? ["employer", "student"] : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard args[1] == "by", let who = args[2].flatMap(Register.Decliner.init(rawValue:)) else {
            throw args.usage(.whoDeclined)
        }
        guard let reason = args.text(from: 3) else { throw args.usage(.giveReasonForHistory) }
        let was = try session.currentModel().proposals[s]
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.decline(student: s, by: who, reason: reason) }
        let model = try session.currentModel()
        session.console.say(.declined(by: who.rawValue, s, Describe.place(was, model)))
        session.report(moved, cause: .decline(student: s))
        return .proceed
    }

    static let start = Command(
        "start", synopsis: "start STUDENT [DATE] [days N]",
        summary: "the praktijkovereenkomst is signed: the agreed placement is active from DATE (today), planned to end placement_weeks later, N days a week",
        complete: { previous, _, session in previous.isEmpty ? Complete.students(session) : ["days"] }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        var words = Array(args.words.dropFirst())
        var days: Int?
        if let k = words.firstIndex(of: "days") {
            guard k + 1 < words.count, let n = Int(words[k + 1]) else { throw args.usage(.daysAWeekAs("\(s)")) }
            days = n
            words.removeSubrange(k ... k + 1)
        }
        guard words.count <= 1 else { throw args.usage(.unexpected(words.joined(separator: " "))) }
        let date = try words.first.map { (text) throws(ShellError) -> CalendarDate in try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) } }
        try session.shell { () throws(WorkspaceError) in _ = try session.register.start(student: s, on: date, daysPerWeek: days) }
        let entry = try session.shell { () throws(WorkspaceError) in try session.workspace.history(of: s).last { $0.outcome == "active" } }
        session.console.say(.started(s, entry?.internship, employer: entry?.employer, from: entry?.start, plannedEnd: entry?.end, days: days))
        return .proceed
    }

    static let end = Command(
        "end", synopsis: "end STUDENT completed|broke_down|left|other reason... [on DATE]",
        summary: "an agreed or active placement ends with its outcome; after broke_down the student is never placed at that employer again unless unbanned",
        details: "release STUDENT reason... is the short form of end STUDENT broke_down reason....",
        complete: { previous, _, session in
            previous.isEmpty ? Complete.students(session) : previous.count == 1 ? PlacementOutcome.allCases.map(\.rawValue) : []
        }
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard let outcome = args[1].flatMap(PlacementOutcome.init(rawValue:)) else {
            throw args.usage(.howEnded)
        }
        var words = Array(args.words.dropFirst(2))
        var date: CalendarDate?
        if words.count >= 2, words[words.count - 2] == "on" {
            let text = words[words.count - 1]
            date = try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) }
            words.removeLast(2)
        }
        guard !words.isEmpty else { throw args.usage(.giveReasonForHistory) }
        let reason = words.joined(separator: " ")
        let moved = try session.shell { () throws(WorkspaceError) in
            try session.register.end(student: s, outcome: outcome, reason: reason, on: date)
        }
        session.console.say(.ended(outcome, s))
        session.report(moved, cause: .end(student: s, outcome: outcome))
        return .proceed
    }

    static let history = Command(
        "history", synopsis: "history STUDENT",
        summary: "every placement a student had and has: internship, employer, dates, outcome or status, who decided and why",
        complete: Complete.student
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        try args.atMost(1)
        let entries = try session.shell { () throws(WorkspaceError) in try session.workspace.history(of: s) }
        guard !entries.isEmpty else {
            session.console.say(.noPlacementsYet(s))
            return .proceed
        }
        let language = session.console.language
        var table = Table([.internship, .employer, .from, .until, .outcome, .by, .whenUTC, .why], language)
        for e in entries {
            let days = e.daysPerWeek.map { language == .nl ? ", \($0) dg/wk" : ", \($0) d/wk" } ?? ""
            table.append([e.internship.value, e.employer, e.start ?? "", e.end ?? "", language.word(e.outcome) + days, e.user,
                          String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " "), e.reason ?? ""])
        }
        session.console.print(table)
        return .proceed
    }
}

extension Command {
    static let waiting = Command(
        "waiting", synopsis: "waiting [drafts] [over DAYS] [on DATE] [coach NAME] [school NAME] [level L]",
        summary: "the agenda of the weekly case meeting: every student without a held placement, longest waiting first, with why and their coach",
        details: """
            Days waiting count from the later of: the day the student became available (the
            available_from column, else the day they were first imported) and the day their last
            placement ended. A mark (!) shows a wait past waiting_alarm_days (28). Students
            available only later are not waiting yet. on DATE counts to that day instead of today
            and explains each student as a match on that day would (what why says after match on
            DATE). Students with a place in the draft only are counted apart: waiting drafts lists
            them (propose to hold the place). coach, school and level narrow the list.
            """,
        complete: { previous, _, _ in
            previous.last == "level" ? Level.allCases.map(\.rawValue) : ["drafts", "over", "on", "coach", "school", "level"]
        }
    ) { args, session throws(ShellError) in
        var over = 0, today = CalendarDate.today, dated = false, drafts = false
        var coach: String?, school: String?, level: Level?
        var words = args.words[...]
        while let word = words.first {
            if word == "drafts" {
                drafts = true
                words = words.dropFirst()
                continue
            }
            guard words.count >= 2 else { throw args.usage(.unexpected(word)) }
            let value = words[words.startIndex + 1]
            switch word {
            case "over":
                guard let n = Int(value), n >= 0 else { throw args.usage(.daysAs("waiting over 28")) }
                over = n
            case "on":
                today = try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: value) }
                dated = true
            case "coach": coach = value
            case "school": school = value
            case "level":
                guard let l = Level(parsing: value) else { throw .message(.unknownLevel(value)) }
                level = l
            default: throw args.usage(.unexpected(word))
            }
            words = words.dropFirst(2)
        }
        // As of the day asked: the live draft for the round's own day, else a match on that day
        // (solved here, nothing stored), so that each reason is the one `why` gives after
        // `match on DATE`.
        let live = try session.current()
        let model: RoundModel, outcome: RoundOutcome
        if dated, live.model.date != today {
            model = try session.shell { () throws(WorkspaceError) in try session.workspace.roundModel(on: today) }
            do throws(RoundError) { outcome = try model.solve(shouldCancel: session.shouldCancel) } catch { throw .round(error) }
        } else {
            (model, outcome) = (live.model, live.outcome)
        }
        let waiting = try session.shell { () throws(WorkspaceError) in try session.workspace.waiting(on: today) }
        let bans = session.banReasons()
        let language = session.console.language
        let alarm = model.settings.waitingAlarmDays
        func same(_ a: String?, _ b: String?) -> Bool { a.map { $0.lowercased() } == b.map { $0.lowercased() } }
        let reasons = model.whyUnplaced(waiting.map(\.student), in: outcome)
        var rows: [(days: Int?, cells: [String])] = [], inDraft = 0
        for w in waiting {
            let student = model.student(w.student)
            if let coach, !same(w.coach, coach) { continue }
            if let school, !same(student?.school, school) { continue }
            if let level, student?.level != level { continue }
            let days = w.since.map { $0.days(to: today) }
            if let days, days < over { continue }
            if days == nil, over > 0 { continue }
            let why: String
            if let i = outcome.internshipOf[w.student] {
                inDraft += 1
                guard drafts else { continue }
                why = Phrase.inDraftAt(Describe.place(i, model)).text(language, .plain)
            } else if drafts {
                continue
            } else if let reason = reasons[w.student] {
                let lines = Describe.unplaced(reason, model, bans: bans[w.student] ?? [:])
                why = lines.map { $0.text(language, .plain).trimmingCharacters(in: .whitespaces) }.prefix(2).joined(separator: "; ")
            } else {
                why = Phrase.notInRound.text(language, .plain)
            }
            let mark = (days ?? 0) > alarm ? session.console.style.red("!") : ""
            rows.append((days, [mark, w.student.value, days.map(String.init) ?? "?", w.since?.description ?? "", w.coach ?? "", why]))
        }
        rows.sort { ($0.days ?? -1, $1.cells[1]) > ($1.days ?? -1, $0.cells[1]) }
        let others = drafts ? 0 : inDraft
        if rows.isEmpty {
            session.console.say(.nobodyWaiting(draftsOnly: drafts, over: over, on: today, inDraft: others))
            return .proceed
        }
        var table = Table([.blank, .student, .days, .since, .coach, drafts ? .placeInDraft : .whyNotPlaced], language)
        for r in rows { table.append(r.cells) }
        table.rightAligned = [2]
        session.console.print(table)
        let late = rows.filter { ($0.days ?? 0) > alarm }.count
        session.console.say(.waitingCount(rows.count, draftsOnly: drafts, late: late, alarm: alarm, inDraft: others))
        return .proceed
    }
}

extension Command {
    static let employers = Command(
        "employers", synopsis: "employers [town T] [sector S] [free]",
        summary: "every employer with its internships, places, taken places and breakdowns (from the employer file, or derived from the internships), filtered by the town or sector of its internships, or free places",
        complete: { previous, _, _ in Filters.complete(previous, flags: ["free"]).filter { $0 != "level" && $0 != "need" } }
    ) { args, session throws(ShellError) in
        let f = try Filters(args, flags: ["free"], region: session.region())
        if f.level != nil || f.need != nil { throw args.usage(.employerFilters) }
        let (list, model) = try session.shell { () throws(WorkspaceError) in (try session.workspace.employerSummaries(), try session.workspace.roundModel()) }
        var table = Table([.employer, .name, .town, .internships, .places, .taken, .free, .breakdowns], session.console.language)
        var shown = 0
        for e in list {
            let internships = e.internships.compactMap(model.internship)
            guard f.sector.map({ s in internships.contains { $0.sector == s } }) ?? true,
                  internships.contains(where: { f.near($0.location) }) || (f.town == nil),
                  !f.flags.contains("free") || e.places > e.taken
            else { continue }
            let town = e.record?.town ?? internships.first?.location.nearestPlace()?.name ?? ""
            table.append([e.key, e.name, town, "\(e.internships.count)", "\(e.places)", "\(e.taken)", "\(max(e.places - e.taken, 0))", "\(e.breakdowns)"])
            shown += 1
        }
        table.rightAligned = [3, 4, 5, 6, 7]
        session.console.print(table)
        session.console.print(session.console.style.dim(shown == list.count ? "\(list.count) employers" : "\(shown) of \(list.count) employers"))
        return .proceed
    }
}

extension Command {
    static let check = Command(
        "check", synopsis: "check",
        summary: "stored records that break today's rules (a date outside 2000 to 2100, an end before its start), each with its repair"
    ) { args, session throws(ShellError) in
        try args.atMost(0)
        let problems = try session.shell { () throws(WorkspaceError) in try session.register.check() }
        for p in problems { session.console.print(p.text(session.console.language)) }
        session.console.say(problems.isEmpty ? .nothingToRepair : .toRepair(problems.count))
        return .proceed
    }

    static let forget = Command(
        "forget", synopsis: "forget STUDENT reason...",
        summary: "erase one student and everything about them (the right to erasure); the log keeps that an erasure happened, not who",
        complete: Complete.student
    ) { args, session throws(ShellError) in
        let s = try args.student(0)
        guard let reason = args.text(from: 1) else { throw args.usage(.giveRequest) }
        let words = try session.shell { () throws(WorkspaceError) in try session.register.identifyingWords(of: [s]) }
        let moved = try session.shell { () throws(WorkspaceError) in try session.register.forget(students: [s], reason: reason) }
        session.forgetIDs()
        session.erasedWords += words
        session.console.say(.erased(s, token: Register.erasedToken))
        if let moved, !moved.moves.isEmpty {
            session.console.say(.draftFollowsErasure(moved.moves.count))
        }
        return .proceed
    }

    static let purge = Command(
        "purge", synopsis: "purge ended-before DATE",
        summary: "erase every student whose last placement ended before DATE and who holds no place (the retention term)"
    ) { args, session throws(ShellError) in
        guard args.count == 2, args[0] == "ended-before", let text = args[1] else { throw args.usage(.dayAs("purge ended-before YYYY-MM-DD")) }
        let date = try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) }
        let words = try session.shell { () throws(WorkspaceError) in
            try session.register.identifyingWords(of: try session.register.purgeable(endedBefore: date))
        }
        let n = try session.shell { () throws(WorkspaceError) in try session.register.purge(endedBefore: date) }.count
        session.forgetIDs()
        session.erasedWords += words
        session.console.say(.purged(n, before: date))
        return .proceed
    }
}

extension Command {
    static let gaps = Command(
        "gaps", synopsis: "gaps [STUDENT]",
        summary: "where places are missing: one more place, support place or accommodation at an internship, or a new place of a sector in a town, that would place unplaced students, and who; for one student, the travel limit or an accommodation at an internship that would place them",
        details: """
            Each answer is exact: a what-if on the live round (one repair, nothing kept). Only a full
            internship can gain from one more place, so each of those is tried, and each support
            place where a job coach can work; a new place is tried for every sector an unplaced
            student wishes, in the town nearest their home, offering what they need.
            The score column is how much the round's total score changes (travel minutes and
            steps down the wish lists, lower is better): the price of placing more students.
            gaps STUDENT gives what would place one student: a longer travel limit up to what
            their mode can reasonably reach (walk 30, bike 45, scooter 60, car 60, ov 90 minutes),
            the accommodations internships lack for them, and every line of gaps that places them.
            """,
        complete: Complete.student
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        let live = try session.current()
        let model = live.model, console = session.console
        if args.count == 1 {
            let s = try args.student(0)
            guard model.student(s) != nil else { throw .refused(.noStudent(s.value)) }
            guard live.outcome.internshipOf[s] == nil else {
                console.say(.placedAt(s, Describe.place(live.outcome.internshipOf[s], model)))
                return .proceed
            }
            let found: Relaxation?
            do throws(RoundError) { found = try live.relaxation(for: s) } catch { throw .round(error) }
            if let r = found {
                console.say(.travelLimitWouldPlace(s, minutes: r.maxTravelMinutes, now: model.student(s)?.maxTravelMinutes ?? 0, at: Describe.place(r.internship, model)))
            } else if let mode = model.student(s)?.travelMode {
                console.say(.noTravelLimitWouldPlace(s, ceiling: mode.reasonableCeilingMinutes, mode: mode))
            }
            let offers: [AccommodationRelaxation]
            do throws(RoundError) { offers = try live.accommodationRelaxations(for: s) } catch { throw .round(error) }
            for o in offers {
                console.say(.ifOffered(s, Describe.place(o.internship, model), missing: o.missing,
                                       placedAt: o.placedAt == o.internship ? nil : Describe.place(o.placedAt, model)))
            }
            // Every ask of plain gaps that places this student.
            let all: [PlaceGap]
            do throws(RoundError) { all = try live.gaps(limit: Int.max) } catch { throw .round(error) }
            for g in all where g.placed.contains(s) {
                console.say(.gapWouldPlace(s, gap(g, model), more: g.gain - 1))
            }
            return .proceed
        }
        let gaps: [PlaceGap]
        do throws(RoundError) { gaps = try live.gaps() } catch { throw .round(error) }
        if live.outcome.unplaced.isEmpty {
            console.say(.everyStudentPlaced)
            return .proceed
        }
        if gaps.isEmpty {
            console.say(.noGap)
            return .proceed
        }
        var table = Table([.oneMore, .at, .wouldPlace, .students, .score], console.language)
        for g in gaps {
            let who = g.placed.map(\.value).joined(separator: ", ")
                + (g.displaced.isEmpty ? "" : (console.language == .nl ? " (voor " : " (for ") + g.displaced.map(\.value).joined(separator: ", ")
                    + (console.language == .nl ? ", met een lagere prioriteit)" : ", of a lower priority)"))
            let (what, at) = gap(g, model).cells(console.language)
            table.append([what, at, "\(g.gain)", who,
                          g.scoreChange >= 0 ? "+\(g.scoreChange)" : "\(g.scoreChange)"])
        }
        table.rightAligned = [2, 4]
        console.print(table)
        console.say(.gapsFooter(unplaced: live.outcome.unplaced.count))
        return .proceed
    }
}

/// One line of `gaps` as a phrase's data: what more, and where.
func gap(_ g: PlaceGap, _ model: RoundModel) -> Phrase.Gap {
    Phrase.Gap(gap: g, at: Describe.place(g.internship, model))
}

import BPVDomain
import BPVWorkspace

extension Command {
    static let match = Command(
        "match", synopsis: "match [on DATE]",
        summary: "run a round: place every student optimally around held placements and bans, and store the draft",
        details: """
            Places students for DATE (today by default): only students available then, only
            internships open then; held placements stay. Shows placed and unplaced students, the placement rate by sector and the mean travel
            time, then who changed against the previous draft. Ctrl-C stops a long match; nothing
            is stored then. The draft is final only after commit.
            """
    ) { args, session throws(ShellError) in
        var date: CalendarDate?
        if !args.isEmpty {
            guard args.count == 2, args[0] == "on", let text = args[1] else { throw args.usage(.dayAs("match on YYYY-MM-DD")) }
            date = try session.shell { () throws(WorkspaceError) in try CalendarDate(parsing: text) }
        }
        // Solved cold, certified, stored as a round and as the draft; compared with the draft before.
        let report = try session.shell { () throws(WorkspaceError) in try session.register.match(on: date) }
        session.phases = report.phases
        let model = report.session.model, outcome = report.session.outcome, summary = report.summary
        let console = session.console
        let pinned = model.pins.keys.filter { model.commitments[$0] == nil }.count
        console.say(.roundSummary(round: summary.round, placed: outcome.placedCount, students: model.students.count, unplaced: outcome.unplaced.count,
                                  committed: model.commitments.count, pinned: pinned, meanTravel: outcome.meanTravelMinutes, score: outcome.totalScore))
        var table = Table([.sector, .students, .placed, .rate, .inWishedSector], console.language)
        var wanted: [Sector: (Int, Int, Int)] = [:]
        for s in model.students {
            guard let first = s.sectors.first else { continue }
            var entry = wanted[first] ?? (0, 0, 0)
            entry.0 += 1
            if let i = outcome.internshipOf[s.studentID] {
                entry.1 += 1
                if model.internship(i).map({ s.sectors.contains($0.sector) }) ?? false { entry.2 += 1 }
            }
            wanted[first] = entry
        }
        for sector in Sector.allCases {
            guard let (n, p, w) = wanted[sector] else { continue }
            table.append([console.language.word(sector.rawValue), "\(n)", "\(p)", percent(p, n), "\(w)"])
        }
        console.print(table)
        console.say(.countedUnderFirstSector)
        if let changes = report.changes {
            if changes.moves.isEmpty {
                console.say(.noChangesAgainstDraft)
            } else {
                console.say(.changesAgainstDraft(changes.moves.count))
                for m in changes.moves.prefix(25) {
                    console.say(.move(m.student, from: Describe.place(m.from, model), to: Describe.place(m.to, model),
                                      because: Describe.reason(m, model, cause: nil, since: report.previousDate)))
                }
                if changes.moves.count > 25 { console.say(.andMore(changes.moves.count - 25, hint: .placementsShowsAll)) }
            }
        }
        for o in report.overfills { console.say(.overfillWarning(o)) }
        return .proceed
    }

    static let placements = Command(
        "placements", synopsis: "placements [draft|pinned|proposed|agreed|active|committed|unplaced]",
        summary: "the register: every student's place and status (draft, pinned, proposed, agreed, active), as stored",
        complete: { previous, _, _ in previous.isEmpty ? Self.placementFilters : [] }
    ) { args, session throws(ShellError) in
        try args.atMost(1)
        let ws = session.workspace
        // Looking at the register brings this shell's view up to date: `commit all` then commits this.
        _ = try session.current()
        let (rows, internships) = try session.shell { () throws(WorkspaceError) in (try ws.placements(), try ws.internships()) }
        if let f = args[0], !Self.placementFilters.contains(f) { throw args.usage(.unknownStatus(f, known: Self.placementFilters)) }
        let byID = Dictionary(internships.map { ($0.internshipID, $0) }, uniquingKeysWith: { first, _ in first })
        let language = session.console.language
        var table = Table([.student, .internship, .employer, .sector, .min, .score, .status], language)
        var shown = 0
        for p in rows {
            let status = p.status.rawValue
            if let f = args[0], f != status, !(f == "committed" && p.committed) { continue }
            let i = p.internship.flatMap { byID[$0] }
            let word = language.word(status)
            let styled = status == "unplaced" ? session.console.style.red(word) : status == "committed" ? session.console.style.green(word) : word
            table.append([p.student.value, p.internship?.value ?? "", i?.employer ?? "", i.map { language.word($0.sector.rawValue) } ?? "",
                          p.travelMinutes.map(String.init) ?? "", p.score.map(String.init) ?? "", styled])
            shown += 1
        }
        table.rightAligned = [4, 5]
        session.console.print(table)
        session.console.say(.placementCount(shown, noDraft: rows.isEmpty))
        if let live = session.liveOutcome { try session.noteIfNotTheStoredDraft(live) }
        return .proceed
    }

    static let unplaced = Command(
        "unplaced", synopsis: "unplaced",
        summary: "the students left without a place, and why: the hard constraint that ruled out every internship, or who has the places",
        details: "Reasons are for the round as match would compute it now."
    ) { args, session throws(ShellError) in
        try args.atMost(0)
        let live = try session.current()
        let model = live.model, outcome = live.outcome
        try session.noteIfNotTheStoredDraft(outcome)
        let console = session.console
        if outcome.unplaced.isEmpty {
            console.say(.everyStudentPlaced)
            return .proceed
        }
        let bans = session.banReasons()
        let reasons = model.whyUnplaced(outcome.unplaced, in: outcome)
        for id in outcome.unplaced {
            guard let s = model.student(id), let reason = reasons[id] else { continue }
            console.say(.unplacedHead(id, level: s.level, sectors: s.sectors, mode: s.travelMode, maxMinutes: s.maxTravelMinutes, needs: s.needs.elements))
            for line in Describe.unplaced(reason, model, bans: bans[id] ?? [:]) { console.say(line, indent: "  ") }
        }
        console.say(.unplacedCount(outcome.unplaced.count))
        return .proceed
    }

    /// The statuses `placements` filters on; `committed` is agreed or active.
    static let placementFilters = ["draft", "pinned", "proposed", "agreed", "active", "committed", "unplaced"]

    static func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "–" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%" }
}

extension Session {
    /// Says so when the round shown is not the stored draft: before the first match (it is the
    /// round match would make), or when this shell solved afresh and broke ties differently
    /// from the stored draft (the next change or match stores it).
    func noteIfNotTheStoredDraft(_ outcome: RoundOutcome) throws(ShellError) {
        let (round, stored) = try shell { () throws(WorkspaceError) in (try workspace.latestRound(), try workspace.placements()) }
        guard round != nil else {
            console.say(.noDraftYet)
            return
        }
        let old = Dictionary(stored.compactMap { p in p.internship.map { (p.student, $0) } }, uniquingKeysWith: { first, _ in first })
        if old != outcome.internshipOf {
            let moved = Set(old.keys).union(outcome.internshipOf.keys).filter { old[$0] != outcome.internshipOf[$0] }.count
            console.say(.placedDifferently(moved))
        }
    }
}

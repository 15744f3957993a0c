import BPVDomain

extension String {
    /// The text with control characters (terminal escapes, NULs) shown as `\u{1B}`: safe to print
    /// whatever a file or another user put in it.
    var printable: String {
        var out = ""
        for u in unicodeScalars {
            if (u.value < 0x20 && u != "\n") || (0x7F ... 0x9F).contains(u.value) {
                out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// The shell's answers as phrases: what the domain computed, turned into ``Phrase`` values that
/// the console words in the session's language.
enum Describe {
    /// An internship as a line names it, with its employer; unplaced for nil.
    static func place(_ id: InternshipID?, _ model: RoundModel) -> Phrase.Place {
        guard let id else { return .unplaced }
        return .at(id, employer: model.internship(id)?.employer)
    }

    /// `I-014 (Albert Heijn Hilversum)`, or `unplaced`, in English (for the report's tables).
    static func internship(_ id: InternshipID?, _ model: RoundModel) -> String { place(id, model).english }

    /// Who moves, then the change in placed count and total score (a what-if's answer).
    static func changes(_ c: RoundChanges, _ model: RoundModel, cause: RoundChange? = nil, limit: Int = 25) -> [Phrase] {
        (c.moves.isEmpty ? [.nobodyMoves] : [.wouldMove(c.moves.count)] + moves(c, model, cause: cause, limit: limit, hint: .none))
            + [.totals(placed: (c.placedBefore, c.placedAfter), score: (c.scoreBefore, c.scoreAfter), lowerIsBetter: true)]
    }

    /// Who moved in the live draft after a tweak, each with why, then the change in placed
    /// count and total score; nothing when nobody moved and the totals stayed.
    static func moved(_ c: RoundChanges?, _ model: RoundModel, cause: RoundChange?, limit: Int = 15) -> [Phrase] {
        guard let c, !c.isEmpty else { return [] }
        return (c.moves.isEmpty ? [] : [.draftChanges(c.moves.count)] + moves(c, model, cause: cause, limit: limit, hint: .placementsAfterMatch))
            + [.totals(placed: (c.placedBefore, c.placedAfter), score: (c.scoreBefore, c.scoreAfter), lowerIsBetter: false)]
    }

    /// One line per moving student (the first `limit`), with why.
    private static func moves(_ c: RoundChanges, _ model: RoundModel, cause: RoundChange?, limit: Int, hint: Phrase.MoreHint) -> [Phrase] {
        c.moves.prefix(limit).map { m in .move(m.student, from: place(m.from, model), to: place(m.to, model), because: reason(m, model, cause: cause)) }
            + (c.moves.count > limit ? [.andMore(c.moves.count - limit, hint: hint)] : [])
    }

    /// Why one student moved: the change itself, or what it set off. For a match (no cause),
    /// `since` is the date of the draft before, so that a student who became available in
    /// between is said to be so.
    static func reason(_ m: RoundChanges.Move, _ model: RoundModel, cause: RoundChange?, since: CalendarDate? = nil) -> MoveReason {
        if let cause, cause.students.contains(m.student) {
            switch cause {
            case .pin: return .pinned
            case .unpin: return .pinLifted
            case .ban: return .bannedFrom(m.from)
            case .unban: return .banLifted
            case .end(_, let outcome): return outcome == .brokeDown ? .brokeDown : .ended(outcome)
            case .propose: return .proposed
            case .accept: return .agreed
            case .decline: return .declinedAt(m.from)
            case .start: return .started
            case .commit: return .agreed
            case .studentSetting(_, let setting, let value): return .setting(setting, value)
            case .places(let i, let n, _): return .placesNow(i, n)
            case .records: return .importedAnew
            case .forget: return .erased
            case .offers(let i, _): return .offersMore(i)
            case .settings: return .newWeights
            }
        }
        if case .places(let i, _, _) = cause, m.from == i, m.to == nil || model.internship(i)?.capacity == 0 {
            return .fewerPlaces(i)
        }
        if cause == nil {
            if let status = model.heldStatus(of: m.student) { return .held(status) }
            if let from = m.from, model.bans.contains(Pair(m.student, from)) { return .bannedFrom(from) }
            if m.from == nil, let e = model.ending[m.student] { return .nextPlacement(e.internship, plannedEnd: e.plannedEnd) }
            if m.from == nil, let since, let available = model.student(m.student)?.availableFrom, since < available {
                return .availableFrom(available)
            }
            if m.from == nil, let since, let to = m.to, let opens = model.internship(to)?.availableFrom, since < opens {
                return .opensFrom(to, opens)
            }
        }
        guard let from = m.from, let s = model.student(m.student), let old = model.internship(from) else { return .placeCameFree }
        guard let to = m.to, let new = model.internship(to) else { return .lostPlace }
        let delta = model.settings.score(s, new).total - model.settings.score(s, old).total
        return delta > 0 ? .madeRoom(worseBy: delta) : delta < 0 ? .tookBetter(by: -delta) : .madeRoomSameScore
    }

    /// Why no internship is open to a student.
    /// - Parameter bans: the student's banned internships with the reason of each (a decline, a
    ///   breakdown, a coach's ban), so that the coordinator sees which decision closed them.
    static func tally(_ t: ExclusionTally, bans: [InternshipID: String] = [:]) -> [Phrase] {
        var lines: [Phrase] = [.tallyHard(outside: t.outsideWishedSectors, inside: t.inWishedSectors)]
        if let from = t.availableFrom { lines.insert(.tallyNotAvailable(from), at: 0) }
        if t.inWishedSectors == 0 { return lines }
        if t.tooFar > 0 { lines.append(.tallyTooFar(t.tooFar, nearestMinutes: t.nearestTooFarMinutes)) }
        if t.levelNotAccepted > 0 { lines.append(.tallyLevel(t.levelNotAccepted)) }
        for (a, n) in t.accommodationsMissing.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { lines.append(.tallyAccommodation(n, a)) }
        for (c, n) in t.certificatesMissing.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { lines.append(.tallyCertificate(n, c)) }
        if t.noSupportPlaces > 0 { lines.append(.tallyNoSupport(t.noSupportPlaces)) }
        if t.noPlaces > 0 { lines.append(.tallyNoPlaces(t.noPlaces)) }
        if t.closedOnDate > 0 { lines.append(.tallyClosed(t.closedOnDate)) }
        if t.banned > 0 {
            lines.append(.tallyBanned(t.banned, listed: !bans.isEmpty))
            for (i, reason) in bans.sorted(by: { $0.key < $1.key }) { lines.append(.tallyBan(i, reason: reason)) }
        }
        if t.fullWithFixedStudents > 0 { lines.append(.tallyFull(t.fullWithFixedStudents)) }
        return lines
    }

    /// Why a student is unplaced, in one or more lines.
    static func unplaced(_ reason: UnplacedReason, _ model: RoundModel, bans: [InternshipID: String] = [:]) -> [Phrase] {
        switch reason {
        case .noCandidate(let t): return tally(t, bans: bans)
        case .lostCompetition(let options):
            var lines: [Phrase] = [.lostCompetition(options: options.count)]
            for o in options.prefix(3) { lines.append(.optionTaken(place(o.internship, model), score: Int64(o.score.total), holders: o.holders)) }
            if options.count > 3 { lines.append(.andMore(options.count - 3, hint: .none)) }
            return lines
        }
    }

    /// The answer of `why-not` (and of a taken alternative in `why`).
    /// - Parameter banReason: why the pair is banned, when it is (a decline, a breakdown, a coach's ban).
    static func forced(_ o: ForcedPair.Outcome, student: StudentID, internship: InternshipID, _ model: RoundModel,
                       banReason: String? = nil) -> [Phrase] {
        switch o {
        case .ruledOut(let exclusions): return [.ruledOut(student, internship, exclusions)]
        case .banned: return [.pairBanned(student, internship, reason: banReason.flatMap { $0.isEmpty ? nil : $0 })]
        case .heldElsewhere(let i, let status): return [.heldElsewhere(student, status, place(i, model))]
        case .fullWithFixedStudents(let holders): return [.everyPlaceHeld(internship, holders: holders)]
        case .alreadyThere: return [.alreadyThere(student, internship)]
        case .allowed(let changes):
            let displaced = changes.moves.filter { $0.student != student }
            return [.allowed(fewer: changes.placedBefore - changes.placedAfter, scoreChange: changes.scoreAfter - changes.scoreBefore)]
                + (displaced.isEmpty ? [.nobodyElseMoves]
                    : [.displacementChain] + displaced.map { .chainLink($0.student, from: place($0.from, model), to: place($0.to, model)) })
        }
    }
}

/// Why each unplaced student of a round is unplaced, in the words of `unplaced`, one line per
/// student: for the `unplaced` sheet of a workbook export, in the export's language.
public enum UnplacedReasons {
    /// - Complexity: O(unplaced students × internships) for the explanations.
    public static func of(_ round: RoundSession, bans: [Pair: String], language: Language = .en) -> [StudentID: String] {
        var byStudent: [StudentID: [InternshipID: String]] = [:]
        for (pair, reason) in bans { byStudent[pair.student, default: [:]][pair.internship] = reason }
        var out: [StudentID: String] = [:]
        for (id, reason) in round.model.whyUnplaced(round.outcome.unplaced, in: round.outcome) {
            out[id] = Describe.unplaced(reason, round.model, bans: byStudent[id] ?? [:])
                .map { $0.text(language, .plain).trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
        }
        return out
    }
}

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

/// The shell's words for the domain's answers.
enum Describe {
    /// `I-014 (Albert Heijn Hilversum)`, or `unplaced`.
    static func internship(_ id: InternshipID?, _ model: RoundModel) -> String {
        guard let id else { return "unplaced" }
        guard let i = model.internship(id) else { return id.value }
        return "\(id) (\(i.employer))"
    }

    /// Who moves, then the change in placed count and total score.
    static func changes(_ c: RoundChanges, _ model: RoundModel, style: Style, cause: RoundChange? = nil, limit: Int = 25) -> [String] {
        var lines: [String] = []
        if c.moves.isEmpty {
            lines.append("nobody moves")
        } else {
            lines.append("\(c.moves.count) student\(c.moves.count == 1 ? "" : "s") would move:")
            for m in c.moves.prefix(limit) {
                lines.append("  \(m.student): \(internship(m.from, model)) → \(style.yellow(internship(m.to, model)))  (\(reason(m, model, cause: cause)))")
            }
            if c.moves.count > limit { lines.append("  … and \(c.moves.count - limit) more") }
        }
        lines.append("placed \(c.placedBefore) → \(c.placedAfter) (\(signed(c.placedAfter - c.placedBefore))), "
            + "total score \(c.scoreBefore) → \(c.scoreAfter) (\(signed(Int(c.scoreAfter - c.scoreBefore)))); lower scores are better")
        return lines
    }

    /// Who moved in the live draft after a tweak, each with why, then the change in placed
    /// count and total score; nothing when nobody moved and the totals stayed.
    static func moved(_ c: RoundChanges?, _ model: RoundModel, cause: RoundChange?, style: Style, limit: Int = 15) -> [String] {
        guard let c, !c.isEmpty else { return [] }
        var lines: [String] = []
        if !c.moves.isEmpty {
            lines.append("the draft changes: \(c.moves.count) student\(c.moves.count == 1 ? "" : "s") move\(c.moves.count == 1 ? "s" : "")")
            for m in c.moves.prefix(limit) {
                lines.append("  \(m.student): \(internship(m.from, model)) → \(style.yellow(internship(m.to, model)))  (\(reason(m, model, cause: cause)))")
            }
            if c.moves.count > limit { lines.append("  … and \(c.moves.count - limit) more (placements after match shows all)") }
        }
        lines.append("placed \(c.placedBefore) → \(c.placedAfter) (\(signed(c.placedAfter - c.placedBefore))), "
            + "total score \(c.scoreBefore) → \(c.scoreAfter) (\(signed(Int(c.scoreAfter - c.scoreBefore))))")
        return lines
    }

    /// Why one student moved: the change itself, or what it set off. For a match (no cause),
    /// `since` is the date of the draft before, so that a student who became available in
    /// between is said to be so.
    static func reason(_ m: RoundChanges.Move, _ model: RoundModel, cause: RoundChange?, since: CalendarDate? = nil) -> String {
        if let cause, cause.students.contains(m.student) {
            switch cause {
            case .pin: return "pinned"
            case .unpin: return "pin lifted"
            case .ban: return "banned from \(m.from ?? "there")"
            case .unban: return "ban lifted"
            case .end(_, let outcome): return outcome == .brokeDown ? "placement broke down" : "placement ended (\(outcome.rawValue))"
            case .propose: return "proposed"
            case .accept: return "agreed"
            case .decline: return "declined at \(m.from ?? "there")"
            case .start: return "started"
            case .commit: return "agreed"
            case .studentSetting(_, let setting, let value): return "\(setting.rawValue) now \(value)"
            case .places(let i, let n, _): return "\(i) now has \(n) place\(n == 1 ? "" : "s")"
            case .records: return "imported anew"
            case .forget: return "erased"
            case .offers(let i, _): return "\(i) offers more"
            case .settings: return "new weights"
            }
        }
        if case .places(let i, _, _) = cause, m.from == i, m.to == nil || model.internship(i)?.capacity == 0 {
            return "\(i) has fewer places"
        }
        if cause == nil {
            if let status = model.heldStatus(of: m.student) { return status.rawValue }
            if let from = m.from, model.bans.contains(Pair(m.student, from)) { return "banned from \(from)" }
            if m.from == nil, let e = model.ending[m.student] {
                return "next placement: the one at \(e.internship) was planned to end \(e.plannedEnd)"
            }
            if m.from == nil, let since, let available = model.student(m.student)?.availableFrom, since < available {
                return "available from \(available)"
            }
            if m.from == nil, let since, let to = m.to, let opens = model.internship(to)?.availableFrom, since < opens {
                return "\(to) takes students from \(opens)"
            }
        }
        guard let from = m.from, let s = model.student(m.student), let old = model.internship(from) else { return "a place came free" }
        guard let to = m.to, let new = model.internship(to) else { return "lost the place to someone placed first; nothing else in reach has room" }
        let delta = model.settings.score(s, new).total - model.settings.score(s, old).total
        return delta > 0 ? "made room, \(delta) points worse for them" : delta < 0 ? "took a better place, \(-delta) points better for them" : "made room, same score for them"
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n == 0 ? "±0" : "−\(-n)" }

    /// A score by component.
    static func score(_ s: ScoreBreakdown, _ settings: MatchSettings) -> String {
        var parts = ["sector wish \(s.sectorRank + 1): \(s.sectorCost)",
                     "travel \(s.travelMinutes) min × \(settings.travelMinuteWeight): \(s.travelCost)"]
        if s.scarceSupport { parts.append("only support place: \(s.supportCost)") }
        return "score \(s.total) = " + parts.joined(separator: " + ")
    }

    /// Why no internship is open to a student.
    /// - Parameter bans: the student's banned internships with the reason of each (a decline, a
    ///   breakdown, a coach's ban), so that the coordinator sees which decision closed them.
    static func tally(_ t: ExclusionTally, bans: [InternshipID: String] = [:]) -> [String] {
        var lines = ["no internship passes the hard constraints: \(t.outsideWishedSectors) are outside the wished sectors, \(t.inWishedSectors) inside"]
        if let from = t.availableFrom { lines.insert("not available on the round's date: the student can start from \(from)", at: 0) }
        if t.inWishedSectors == 0 { return lines }
        if t.tooFar > 0 {
            lines.append("  \(t.tooFar) too far" + (t.nearestTooFarMinutes.map { " (the nearest otherwise suitable one is about \($0) min away)" } ?? ""))
        }
        if t.levelNotAccepted > 0 { lines.append("  \(t.levelNotAccepted) do not accept the student's level") }
        for (a, n) in t.accommodationsMissing.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("  \(n) do not offer \(a.rawValue)")
        }
        for (c, n) in t.certificatesMissing.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("  \(n) require \(c.rawValue), which the student lacks")
        }
        if t.noSupportPlaces > 0 { lines.append("  \(t.noSupportPlaces) have no support place for a job coach") }
        if t.noPlaces > 0 { lines.append("  \(t.noPlaces) have no places this term") }
        if t.closedOnDate > 0 { lines.append("  \(t.closedOnDate) take no new students on the round's date") }
        if t.banned > 0 {
            lines.append("  \(t.banned) are banned for this student" + (bans.isEmpty ? "" : ":"))
            for (i, reason) in bans.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(i)" + (reason.isEmpty ? "" : " (\(reason))"))
            }
        }
        if t.fullWithFixedStudents > 0 { lines.append("  \(t.fullWithFixedStudents) are full with pinned or committed students") }
        return lines
    }

    /// Why a student is unplaced, in one or more lines.
    static func unplaced(_ reason: UnplacedReason, _ model: RoundModel, bans: [InternshipID: String] = [:]) -> [String] {
        switch reason {
        case .noCandidate(let t): return tally(t, bans: bans)
        case .lostCompetition(let options):
            var lines = [options.count == 1
                ? "lost the competition for places: the one allowed internship is taken"
                : "lost the competition for places: all \(options.count) allowed internships are taken"]
            for o in options.prefix(3) {
                lines.append("  \(internship(o.internship, model)), score \(o.score.total): taken by \(o.holders.isEmpty ? "nobody (no support place left)" : o.holders.map(\.value).joined(separator: ", "))")
            }
            if options.count > 3 { lines.append("  … and \(options.count - 3) more") }
            return lines
        }
    }

    /// The answer of `why-not` (and of a taken alternative in `why`).
    /// - Parameter banReason: why the pair is banned, when it is (a decline, a breakdown, a coach's ban).
    static func forced(_ o: ForcedPair.Outcome, student: StudentID, internship: InternshipID, _ model: RoundModel, style: Style,
                       banReason: String? = nil) -> [String] {
        switch o {
        case .ruledOut(let exclusions):
            return ["\(student) cannot go to \(internship): " + exclusions.map(\.description).joined(separator: "; ")]
        case .banned:
            let why = banReason.flatMap { $0.isEmpty ? nil : $0 }.map { ": \($0)" } ?? ""
            return ["\(student) x \(internship) is banned\(why) (unban to allow it)"]
        case .heldElsewhere(let i, let status):
            let wayOut = switch status {
            case .pinned: "unpin first"
            case .proposed: "decline the proposal first"
            case .agreed, .active: "end that placement first"
            }
            return ["\(student) is \(status.rawValue) at \(Self.internship(i, model)); \(wayOut)"]
        case .fullWithFixedStudents(let holders):
            return ["every place at \(internship) is held (pinned, proposed, agreed or active): \(holders.map(\.value).joined(separator: ", "))"]
        case .alreadyThere:
            return ["\(student) is placed at \(internship) already"]
        case .allowed(let changes):
            let delta = changes.scoreAfter - changes.scoreBefore, lost = changes.placedBefore - changes.placedAfter
            var head = "allowed; forcing it makes the round "
            if lost > 0 { head += "place \(lost) student\(lost == 1 ? "" : "s") fewer and " }
            head += delta == 0 ? "score the same" : "\(delta > 0 ? "worse" : "better") by \(abs(delta)) points"
            let displaced = changes.moves.filter { $0.student != student }
            return [head] + (displaced.isEmpty ? ["nobody else moves"]
                : ["displacement chain:"] + displaced.map { "  \($0.student): \(Self.internship($0.from, model)) → \(style.yellow(Self.internship($0.to, model)))" })
        }
    }
}

/// Why each unplaced student of a round is unplaced, in the words of `unplaced`, one line per
/// student: for the `unplaced` sheet of a workbook export.
public enum UnplacedReasons {
    /// - Complexity: O(unplaced students × internships) for the explanations.
    public static func of(_ round: RoundSession, bans: [Pair: String]) -> [StudentID: String] {
        var byStudent: [StudentID: [InternshipID: String]] = [:]
        for (pair, reason) in bans { byStudent[pair.student, default: [:]][pair.internship] = reason }
        var out: [StudentID: String] = [:]
        for id in round.outcome.unplaced {
            guard let reason = round.model.whyUnplaced(id, in: round.outcome) else { continue }
            out[id] = Describe.unplaced(reason, round.model, bans: byStudent[id] ?? [:])
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
        }
        return out
    }
}

import BPVDomain
import Foundation

// The English catalogue of what the shell says: the only place its English words are written.
extension Phrase {
    func text(_ language: Language, _ style: Style) -> String {
        switch language {
        case .en: english(style)
        case .nl: dutch(style)
        }
    }

    static func s(_ n: Int) -> String { n == 1 ? "" : "s" }
    static func list<T>(_ items: [T], _ word: (T) -> String) -> String { items.map(word).joined(separator: ", ") }
    static func signed(_ n: Int64) -> String { n > 0 ? "+\(n)" : n == 0 ? "±0" : "−\(-n)" }
    static func ids(_ ids: [StudentID]) -> String { ids.map(\.value).joined(separator: ", ") }

    private func english(_ style: Style) -> String {
        let w = { (stored: String) in stored }
        switch self {
        case .roundSummary(let round, let placed, let students, let unplaced, let committed, let pinned, let travel, let score):
            return style.bold("round \(round)") + ": \(placed) of \(students) placed, \(unplaced == 0 ? "0" : style.red("\(unplaced)")) unplaced "
                + "(\(committed) committed, \(pinned) pinned); mean travel \(String(format: "%.1f", travel)) min, total score \(score)"
        case .countedUnderFirstSector: return style.dim("students are counted under their first wished sector")
        case .noChangesAgainstDraft: return "no changes against the draft before"
        case .changesAgainstDraft(let n): return "changes against the draft before: \(n)"
        case .andMore(let n, let hint):
            return "  … and \(n) more" + (hint == .placementsShowsAll ? " (placements shows all)" : hint == .placementsAfterMatch ? " (placements after match shows all)" : "")
        case .overfillWarning(let o):
            return style.yellow("warning: ") + "\(o.text(.en)); they keep their places and nobody else is placed there; "
                + "release or unpin \(o.held.count - o.limit) of them, or give the internship room"
        case .placementCount(let n, let noDraft): return style.dim("\(n) placement\(Self.s(n))" + (noDraft ? "; run match first" : ""))
        case .noDraftYet: return style.dim("(no draft yet: this is the round match would make now)")
        case .placedDifferently(let n):
            return style.dim("(\(n) student\(Self.s(n)) placed differently here than in the stored draft; the next change or match stores this draft)")
        case .everyStudentPlaced: return "every student is placed"
        case .unplacedCount(let n): return style.dim("\(n) unplaced")
        case .unplacedHead(let id, let level, let sectors, let mode, let max, let needs):
            return style.bold(id.value) + " (\(level.rawValue), \(sectors.map(\.rawValue).joined(separator: " > ")), \(mode.rawValue) ≤ \(max) min"
                + (needs.isEmpty ? "" : ", needs " + needs.map(\.rawValue).joined(separator: ",")) + "):"

        case .nobodyMoves: return "nobody moves"
        case .wouldMove(let n): return "\(n) student\(Self.s(n)) would move:"
        case .draftChanges(let n): return "the draft changes: \(n) student\(Self.s(n)) move\(n == 1 ? "s" : "")"
        case .move(let s, let from, let to, let why):
            return "  \(s): \(from.english) → \(style.yellow(to.english))  (\(why.english))"
        case .totals(let placed, let score, let lower):
            return "placed \(placed.0) → \(placed.1) (\(Self.signed(Int64(placed.1 - placed.0)))), total score \(score.0) → \(score.1) (\(Self.signed(score.1 - score.0)))"
                + (lower ? "; lower scores are better" : "")

        case .isUnplaced(let s): return "\(style.bold(s.value)) is unplaced:"
        case .heldAt(let s, let kind, let at):
            let how = switch kind {
            case .agreed: "has an agreed placement at \(at.english)"
            case .active: "is in an active placement at \(at.english)"
            case .proposed: "is proposed at \(at.english) (intake interview)"
            case .pinned: "is pinned at \(at.english) by a job coach"
            case .placed: "is placed at \(at.english)"
            }
            return "\(style.bold(s.value)) \(how)"
        case .score(let b, let weight):
            var parts = ["sector wish \(b.sectorRank + 1): \(b.sectorCost)", "travel \(b.travelMinutes) min × \(weight): \(b.travelCost)"]
            if b.scarceSupport { parts.append("only support place: \(b.supportCost)") }
            return "  score \(b.total) = " + parts.joined(separator: " + ")
        case .noOtherOpen: return "  no other internship is open to this student"
        case .nextBest: return "next-best:"
        case .alternativeWorse(let at, let score, let by): return "  \(at.english), score \(score): \(by) point\(Self.s(by)) worse for this student"
        case .alternativeTaken(let at, let score, let holders):
            return "  \(at.english), score \(score): as good or better for the student, but taken" + (holders.isEmpty ? "" : " by " + Self.ids(holders))
        case .tallyNotAvailable(let from): return "not available on the round's date: the student can start from \(from)"
        case .tallyHard(let outside, let inside):
            return "no internship passes the hard constraints: \(outside) are outside the wished sectors, \(inside) inside"
        case .tallyTooFar(let n, let nearest):
            return "  \(n) too far" + (nearest.map { " (the nearest otherwise suitable one is about \($0) min away)" } ?? "")
        case .tallyLevel(let n): return "  \(n) do not accept the student's level"
        case .tallyAccommodation(let n, let a): return "  \(n) do not offer \(w(a.rawValue))"
        case .tallyCertificate(let n, let c): return "  \(n) require \(c.rawValue), which the student lacks"
        case .tallyNoSupport(let n): return "  \(n) have no support place for a job coach"
        case .tallyNoPlaces(let n): return "  \(n) have no places this term"
        case .tallyClosed(let n): return "  \(n) take no new students on the round's date"
        case .tallyBanned(let n, let listed): return "  \(n) are banned for this student" + (listed ? ":" : "")
        case .tallyBan(let i, let reason): return "    \(i)" + (reason.isEmpty ? "" : " (\(reason))")
        case .tallyFull(let n): return "  \(n) are full with pinned or committed students"
        case .lostCompetition(let n):
            return n == 1 ? "lost the competition for places: the one allowed internship is taken"
                : "lost the competition for places: all \(n) allowed internships are taken"
        case .optionTaken(let at, let score, let holders):
            return "  \(at.english), score \(score): taken by \(holders.isEmpty ? "nobody (no support place left)" : Self.ids(holders))"
        case .ruledOut(let s, let i, let exclusions): return "\(s) cannot go to \(i): " + exclusions.map(\.english).joined(separator: "; ")
        case .pairBanned(let s, let i, let reason): return "\(s) x \(i) is banned\(reason.map { ": \($0)" } ?? "") (unban to allow it)"
        case .heldElsewhere(let s, let status, let at):
            let wayOut = switch status {
            case .pinned: "unpin first"
            case .proposed: "decline the proposal first"
            case .agreed, .active: "end that placement first"
            }
            return "\(s) is \(status.rawValue) at \(at.english); \(wayOut)"
        case .everyPlaceHeld(let i, let holders): return "every place at \(i) is held (pinned, proposed, agreed or active): \(Self.ids(holders))"
        case .alreadyThere(let s, let i): return "\(s) is placed at \(i) already"
        case .allowed(let fewer, let delta):
            return "allowed; forcing it makes the round " + (fewer > 0 ? "place \(fewer) student\(Self.s(fewer)) fewer and " : "")
                + (delta == 0 ? "score the same" : "\(delta > 0 ? "worse" : "better") by \(abs(delta)) points")
        case .nobodyElseMoves: return "nobody else moves"
        case .displacementChain: return "displacement chain:"
        case .chainLink(let s, let from, let to): return "  \(s): \(from.english) → \(style.yellow(to.english))"
        case .whatIf(let words): return style.dim("what if: \(words) (nothing is kept)")

        case .pinned(let s, let at): return "pinned \(s) at \(at.english)"
        case .pinOverrides(let exclusions): return style.yellow("note: ") + "the pin overrides: " + exclusions.map(\.english).joined(separator: "; ")
        case .unpinned(let s): return "unpinned \(s)"
        case .banned(let s, let i): return "banned \(s) x \(i)"
        case .unbanned(let s, let i): return "unbanned \(s) x \(i)"
        case .undid(let what): return "undid: \(what)"
        case .settingNow(let name, let value): return "\(name) = \(value) for later rounds"
        case .placesNow(let i, let places, let support): return "\(i): \(places) place\(Self.s(places)), \(support) with a job coach on site"
        case .studentSettingNow(let s, let name, let value): return "\(s): \(name) = \(value) for later rounds"
        case .titleSet(let title): return title.map { "title = \($0) (the report's)" } ?? "title cleared: the report names the region or the schools"
        case .pagerSet(let on): return on ? "pager on for this session: output longer than the terminal goes through $PAGER (else less -FRX)" : "pager off for this session"
        case .expandedSet(let mode):
            return "expanded = \(mode) for this session: tables \(mode == "on" ? "print as records" : mode == "off" ? "never print as records" : "print as records when their columns cannot fit")"
        case .languageSet(let language, let separator): return "language = \(language.rawValue) (CSV exports use \(separator))"
        case .regionSet(let names):
            return names.isEmpty ? "region cleared: a place name that exists twice needs its postcode or municipality"
                : "region = \(names.joined(separator: "|")): it settles place names that exist twice in later imports"

        case .committed(let n): return "committed \(n) placement\(Self.s(n)) of the draft"
        case .released(let s): return "released \(s) (the placement broke down); the draft will not place \(s) at that employer again"
        case .proposed(let s, let at): return "proposed \(s) at \(at.english)"
        case .agreed(let s, let at): return "agreed: \(s) at \(at.english)"
        case .declined(let by, let s, let at): return "declined by \(by): \(s) at \(at.english); \(s) is not proposed there again unless unbanned"
        case .started(let s, let i, let employer, let from, let end, let days):
            return "started: \(s) at \(i.map { "\($0) (\(employer ?? ""))" } ?? "?") from \(from ?? "?"), planned end \(end ?? "?")"
                + (days.map { ", \($0) days a week" } ?? "")
        case .ended(let outcome, let s):
            return "ended (\(outcome.rawValue)): \(s)" + (outcome == .brokeDown ? "; the draft will not place \(s) at that employer again" : "")
        case .noPlacementsYet(let s): return "\(s) has no placements yet"
        case .inDraftAt(let at): return "in the draft at \(at.english); propose to hold it"
        case .notInRound: return "not in the round"
        case .nobodyWaiting(let drafts, let over, let day, let inDraft):
            return "nobody is waiting\(drafts ? " with a place in the draft only" : "")\(over > 0 ? " over \(over) days" : "") on \(day)"
                + (inDraft > 0 ? "; \(inDraft) more with a place in the draft only (waiting drafts lists them)" : "")
        case .waitingCount(let n, let drafts, let late, let alarm, let inDraft):
            return style.dim("\(n) waiting\(drafts ? " with a place in the draft only" : ""); \(late) past \(alarm) days"
                + (inDraft > 0 ? "; \(inDraft) more with a place in the draft only (waiting drafts lists them)" : ""))

        case .importedEmployers(let file, let added, let updated): return "imported employers from \(file): \(added) added, \(updated) updated"
        case .importedTravelTimes(let file, let added, let updated):
            return "imported travel times from \(file): \(added) journeys added, \(updated) updated"
        case .imported(let kind, let file, let added, let updated): return "imported \(kind) from \(file): \(added) added, \(updated) updated"
        case .draftFollows(let n): return "the draft follows: \(n) student\(Self.s(n)) placed differently (placements shows them)"

        case .studentsCount(let shown, let total, let overrides): return style.dim("\(shown) of \(total) students" + (overrides ? "; * a job coach's setting" : ""))
        case .internshipsCount(let shown, let total): return style.dim("\(shown) of \(total) internships")
        case .employersCount(let shown, let total): return style.dim(shown == total ? "\(total) employers" : "\(shown) of \(total) employers")
        case .committedMark: return "committed"
        case .notMatched: return "not matched"
        case .none: return "none"
        case .nothingListed: return "nothing listed"
        case .nobody: return "nobody"
        case .travelAtMost(let mode, let minutes): return "\(mode.rawValue), at most \(minutes) min"
        case .travelSetForStudent(let mode, let minutes): return "  (set for this student; imported: \(mode.rawValue), \(minutes) min)"
        case .availableFrom(let d): return "from \(d)"
        case .endingRow(let at, let end): return "\(at.english), planned to end \(end); end it when it is over"
        case .nextRow(let at, let status): return "\(at.english), \(status.rawValue), once the placement below ends"
        case .placementRow(let at, let minutes, let score, let status, let start, let end, let days):
            return "\(at.english), \(minutes) min, score \(score), \(status)" + (start.map { " from \($0)" } ?? "") + (end.map { " until \($0)" } ?? "")
                + (days.map { ", \($0) days a week" } ?? "")
        case .placesRow(let n, let support): return "\(n), of which \(support) with a job coach on site"
        case .employerPlacesRow(let places, let internships, let taken): return "\(places) in \(internships) internship\(Self.s(internships)), \(taken) taken"
        case .derivedRecord: return "derived from the internships (no employer file)"
        case .promisedRow(let s, let status): return "\(s) (next placement, \(status?.rawValue ?? "held"))"
        case .regionLine(let names): return "region: \(names.isEmpty ? "none (set region MUNICIPALITY|...)" : names.joined(separator: "|"))"
        case .languageLine(let language, let source):
            return "language: \(language.rawValue)\(source == .workspace ? "" : source == .environment ? " (from the environment)" : " (the default)")"
        case .measuredLine(let n): return "measured travel times: \(n == 0 ? "none (the travel model for every pair)" : "\(n) journeys (import travel-times)")"
        case .overall(let placed, let total, let rate, let committed):
            return style.bold("overall") + ": \(placed) of \(total) placed (\(rate)), \(committed) committed"
        case .notGiven: return "(not given)"
        case .elsewhere: return "(elsewhere)"
        case .travelBucket(let r): return r.upperBound == Int.max ? "over \(r.lowerBound - 1) min" : "\(r.lowerBound)-\(r.upperBound) min"
        case .travelFigures(let median, let mean, let longest): return "median \(median) min, mean \(String(format: "%.1f", mean)) min, longest \(longest) min"
        case .wroteAccess(let file, let s, let n): return "wrote \(file): everything held about \(s), with \(n) audit entr\(n == 1 ? "y" : "ies")"
        case .wroteDimacs(let file, let students, let arcs):
            return "wrote \(file): \(students) students, \(arcs) arcs (bpv solve --dimacs \(file), or any min-cost-flow solver)"
        case .wrotePlacements(let file, let n): return "wrote \(file): \(n) placements"
        case .wroteReport(let file, let workspace): return "wrote \(file): the report of \(workspace)"
        case .nothingToRepair: return "no records to repair"
        case .toRepair(let n): return "\(n) record\(Self.s(n)) to repair"
        case .erased(let s, let token):
            return "erased \(s): the record, settings, placements, bans, history and their own audit entries; what others wrote about them now reads \(token)"
        case .draftFollowsErasure(let n): return "the draft follows: \(n) student\(Self.s(n)) placed differently"
        case .purged(let n, let date): return "erased \(n) student\(Self.s(n)) whose last placement ended before \(date)"
        case .timer(let on): return "timer is \(on ? "on" : "off")"

        case .scriptLine(let n, let message): return "line \(n): \(message)"
        case .scriptInterrupted(let n): return "line \(n): interrupted"
        case .errorMark: return style.red("error: ")
        case .progress(let label, let seconds): return "\(label)… \(String(format: "%.1f", seconds)) s (Ctrl-C stops)"
        case .banner(let db, let students, let internships):
            return "bpv shell on \(db): \(students) students, \(internships) internships.\nType help for the commands, Tab to complete, Ctrl-D or quit to leave."

        case .othersChanged(let changes): return changes.map { "meanwhile: \($0.text(.en))" }.joined(separator: "\n")
        case .placedAt(let s, let at): return "\(s) is placed at \(at.english)"
        case .travelLimitWouldPlace(let s, let minutes, let now, let at):
            return "\(s): a travel limit of \(minutes) min (now \(now)) would place them at \(at.english); try set \(s) max_travel_min \(minutes)"
        case .noTravelLimitWouldPlace(let s, let ceiling, let mode):
            let how = [TravelMode.walk: "on foot", .bike: "by bike", .scooter: "by scooter", .ov: "by public transport", .car: "by car"][mode] ?? ""
            return "\(s): no travel limit up to \(ceiling) min (as far as bpv proposes \(how)) would place them; see why \(s)"
        case .ifOffered(let s, let at, let missing, let placedAt):
            return "\(s): if \(at.english) offered \(missing.map(\.rawValue).joined(separator: ", ")), they would be placed "
                + (placedAt.map { "at \($0.english)" } ?? "there")
        case .gapWouldPlace(let s, let gap, let more): return "\(s): \(gap.englishPhrase) would place them\(more > 0 ? " (and \(more) more)" : "")"
        case .noGap: return "no single extra place, accommodation or new place would place anyone; see unplaced for why"
        case .gapsFooter(let n): return style.dim("\(n) unplaced; each line is one extra place on its own (gaps STUDENT: what would place one student)")
        }
    }
}

extension Phrase.Place {
    func text(_ language: Language) -> String { language == .nl ? dutch : english }

    var english: String {
        switch self {
        case .at(let i, let employer): employer.map { "\(i) (\($0))" } ?? i.value
        case .unplaced: "unplaced"
        }
    }
}

extension Phrase.Gap {
    /// The two cells of a `gaps` line: what more, and where.
    func cells(_ language: Language) -> (what: String, at: String) { gap.cells(language, place: at.text(language)) }

    /// The same as a phrase: `one more place at GVI-013 (...)`, `a new retail employer in Huizen`.
    var englishPhrase: String {
        let (what, at) = cells(.en)
        switch kind {
        case .newPlace: return at
        case .offer: return "an \(what) at \(at)"
        default: return "one more \(what) at \(at)"
        }
    }
}

extension MoveReason {
    var english: String {
        switch self {
        case .pinned: "pinned"
        case .pinLifted: "pin lifted"
        case .bannedFrom(let i): "banned from \(i?.value ?? "there")"
        case .banLifted: "ban lifted"
        case .brokeDown: "placement broke down"
        case .ended(let outcome): "placement ended (\(outcome.rawValue))"
        case .proposed: "proposed"
        case .agreed: "agreed"
        case .declinedAt(let i): "declined at \(i?.value ?? "there")"
        case .started: "started"
        case .setting(let setting, let value): "\(setting.rawValue) now \(value)"
        case .placesNow(let i, let n): "\(i) now has \(n) place\(n == 1 ? "" : "s")"
        case .importedAnew: "imported anew"
        case .erased: "erased"
        case .offersMore(let i): "\(i) offers more"
        case .newWeights: "new weights"
        case .fewerPlaces(let i): "\(i) has fewer places"
        case .held(let status): status.rawValue
        case .nextPlacement(let i, let end): "next placement: the one at \(i) was planned to end \(end)"
        case .availableFrom(let d): "available from \(d)"
        case .opensFrom(let i, let d): "\(i) takes students from \(d)"
        case .placeCameFree: "a place came free"
        case .lostPlace: "lost the place to someone placed first; nothing else in reach has room"
        case .madeRoom(let by): "made room, \(by) points worse for them"
        case .tookBetter(let by): "took a better place, \(by) points better for them"
        case .madeRoomSameScore: "made room, same score for them"
        }
    }
}

extension Exclusion {
    var english: String { description }
}

extension Heading {
    func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    private var english: String {
        switch self {
        case .sector: "sector"
        case .students: "students"
        case .placed: "placed"
        case .rate: "rate"
        case .inWishedSector: "in wished sector"
        case .student: "student"
        case .internship: "internship"
        case .employer: "employer"
        case .min: "min"
        case .score: "score"
        case .status: "status"
        case .from: "from"
        case .until: "until"
        case .outcome: "outcome"
        case .by: "by"
        case .whenUTC: "when (UTC)"
        case .why: "why"
        case .days: "days"
        case .since: "since"
        case .coach: "coach"
        case .placeInDraft: "place in the draft"
        case .whyNotPlaced: "why not placed"
        case .name: "name"
        case .town: "town"
        case .internships: "internships"
        case .places: "places"
        case .taken: "taken"
        case .free: "free"
        case .breakdowns: "breakdowns"
        case .oneMore: "one more"
        case .at: "at"
        case .wouldPlace: "would place"
        case .blank: ""
        case .level: "level"
        case .sectors: "sectors"
        case .travel: "travel"
        case .needs: "needs"
        case .placement: "placement"
        case .support: "support"
        case .offers: "offers"
        case .exitProfile: "exit profile"
        case .livesNear: "lives near"
        case .certificates: "certificates"
        case .priority: "priority"
        case .school: "school"
        case .available: "available"
        case .ending: "ending"
        case .next: "next"
        case .pinned: "pinned"
        case .banned: "banned"
        case .leerbedrijf: "leerbedrijf"
        case .requires: "requires"
        case .levels: "levels"
        case .promised: "promised"
        case .contact: "contact"
        case .record: "record"
        case .setting: "setting"
        case .value: "value"
        case .defaultValue: "default"
        case .meaning: "meaning"
        case .number: "#"
        case .atUTC: "at (UTC)"
        case .user: "user"
        case .action: "action"
        case .subject: "subject"
        case .detail: "detail"
        case .reason: "reason"
        case .profile: "profile"
        case .need: "need"
        case .share: "share"
        case .overall: "overall"
        }
    }
}

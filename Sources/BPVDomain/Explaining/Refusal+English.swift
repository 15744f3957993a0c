import BPVGeography

// The English catalogue of refusals: the only place their English text is written.
extension Refusal {
    var english: String {
        switch self {
        case .noStudent(let s): "no student \(s)"
        case .noInternship(let i): "no internship \(i)"
        case .noRecord(let id): "no student, internship or employer '\(id)'"
        case .noPin(let s): "no pin for student \(s)"
        case .noBan(let s, let i): "no ban for \(s) x \(i)"
        case .noRound(let n): "no round \(n)"
        case .noDraft: "there is no draft to commit; run match first"
        case .settingAtDefault(let name): "\(name) is at its default"
        case .noStudentSetting(let s, let name): "student \(s) has no setting \(name)"
        case .noDraftPlaceToPropose(let s): "\(s) has no place in the draft to propose; name an internship: propose \(s) INTERNSHIP"
        case .noDraftPlaceToCommit(let s): "\(s) has no place in the draft to commit"
        case .noProposalToDecline(let s): "\(s) has no proposal to decline"
        case .noPlacementToEnd(let s): "\(s) has no agreed or active placement to end"
        case .endProposed(let s): "\(s) is proposed, not agreed; decline the proposal instead"

        case .pinHeld(let s, let status, let c): "\(s) is \(status.english) at \(c); end that placement first to place them elsewhere"
        case .pinProposed(let s, let p): "\(s) is proposed at \(p); decline or accept the proposal first"
        case .banned(let s, let i): "\(s) x \(i) is banned; unban \(s) \(i) first if the pair is now wanted"
        case .banHeld(let s, let status, let i): "\(s) is \(status.english) at \(i); end that placement first (a breakdown also bans the pair)"
        case .banProposed(let s, let i): "\(s) is proposed at \(i); decline the proposal instead, which also bans the pair"
        case .banPinned(let s, let i): "\(s) is pinned at \(i); unpin \(s) first, then ban"
        case .proposeHeld(let s, let status, let c): "\(s) is \(status.english) at \(c); end that placement first"
        case .acceptHeld(let s, let status): "\(s) is \(status.english) already"
        case .noProposalToAccept(let s): "\(s) has no proposal to accept; propose \(s) first, or commit \(s) to agree the draft place directly"
        case .declineHeld(let s, let status): "\(s)'s placement is \(status.english); end it instead of declining"
        case .startAfterEnding(let s, let i, let end):
            "\(s)'s placement at \(i) (planned end \(end)) is still on record; end it first (end \(s) completed REASON), then start the next one"
        case .alreadyActive(let s): "\(s)'s placement is active already"
        case .startProposed(let s): "\(s) is proposed, not agreed; accept first, then start"
        case .noAgreedToStart(let s): "\(s) has no agreed placement to start; a draft place must be proposed and accepted (or committed) first"
        case .commitBanned(let s, let i): "\(s) x \(i) is banned; the draft no longer places \(s) there"
        case .commitHeldElsewhere(let s, let status, let c): "\(s) is already \(status.english) at \(c)"
        case .commitProposedElsewhere(let s, let p): "\(s) is proposed at \(p); accept or decline that first"
        case .mustBePlaced(let s): "student \(s) must be placed but every place they could take is held"
        case .overfilled(let o, let wayOut): "\(o.english); \(wayOut.english(o))"
        case .notAvailableYet(let s, let from, let day):
            "\(s) is available from \(from), not on \(day); start on \(from) or later (start \(s) \(from)), or change the student's available_from"
        case .outsideInternshipWindow(let i, let window, let day):
            "\(i) takes students from \(window), not on \(day); start within that window, or change the internship's dates"
        case .endBeforeStart(let s, let i, let from, let day, let outcome):
            "\(s)'s placement at \(i) started on \(from); an end on \(day) would come before it. Give the day it ended: end \(s) \(outcome.rawValue) REASON on \(from) or later"
        case .reasonNamesStudent(let s):
            "the reason names \(s), whom forget erases, and the audit log would keep it for good; give a reason without the student's id or name, for example 'request of the parents'"
        case .unknownEmployers(let count, let first, let employer):
            "\(count) internship\(count == 1 ? " names" : "s name") an employer the workspace does not know (\(first) names \(employer)); import the employers file first"

        case .keptChanging: "the workspace kept changing under this change; try again"
        case .keptChangingDuringMatch: "the workspace kept changing during the match; try again"
        case .changedSinceSeen(let changes, let more):
            "the draft changed since you last saw it (\(changes.map(\.english).joined(separator: "; "))\(more > 0 ? "; and \(more) more" : "")); look at placements, then commit again"
        case .changedSinceRound(let round, let changes, let more):
            "the draft changed since round \(round) (\(changes.map(\.english).joined(separator: "; "))\(more > 0 ? "; …" : "")); commit the draft as it is now without --round, or run match"

        case .negativeCapacity(let n): "capacity must be 0 or more, not \(n)"
        case .daysAWeek(let n): "\(n) days a week is not a BPV week; give 1 to 5"
        case .dateOutsideWindow(let text):
            "'\(text)' lies outside the dates bpv takes (\(CalendarDate.supported.lowerBound) to \(CalendarDate.supported.upperBound)); check the year"
        case .notADate(let text): "'\(text)' is not a date; write it as YYYY-MM-DD, for example 2026-09-01"
        case .unknownStudentSetting(let name): "unknown student setting '\(name)'; known: \(StudentSetting.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownInternshipSetting(let name, let known): "unknown internship setting '\(name)'; known: \(known.joined(separator: ", "))"
        case .unknownSetting(let name, let known): "unknown setting '\(name)'; known: \(known.joined(separator: ", "))"
        case .placesRange(let setting, let value): "\(setting) must be a whole number of places in 0...1000, not '\(value)'"
        case .settingRange(let setting, let lower, let upper, let value): "\(setting) must be a number in \(lower)...\(upper), not '\(value)'"
        case .settingWhole(let setting): "\(setting) must be a whole number"
        case .maxTravelRange(let value): "max_travel_min must be a whole number of minutes in 5...240, not '\(value)'"
        case .unknownTravelMode(let value): "travel_mode must be one of \(TravelMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'"
        case .priorityRange(let value): "priority must be a whole number in 0...9, not '\(value)'"
        case .place(let error): error.text(.en)
        case .invalidID(let text, let why): "id '\(text)' \(why.text(.en))"
        case .notUndoable: "this change is not taken back by undo; it has a verb of its own"
        case .unwritableFormat(let file, let ext):
            "\(file): cannot write: bpv writes .xlsx workbooks and .csv files, not .\(ext); name the file .xlsx (LibreOffice and Excel open it) or .csv"
        case .unknownLanguage(let text): "language must be nl or en (or default), not '\(text)'"
        case .badTitle: "a title is one line of 1 to 120 characters"
        case .reasonTooLong(let limit, let count): "a reason may be at most \(limit) characters (this one has \(count)); say it shorter"
        case .reasonControl(let scalar):
            "a reason may not hold a control character (U+\(String(scalar, radix: 16, uppercase: true)), a tab, a line break or a terminal escape); type it as plain text on one line"
        }
    }
}

extension HeldStatus {
    /// The status as an English sentence says it (`pinned`, `proposed`, `agreed`, `active`).
    var english: String { rawValue }
}

extension ChangeBy {
    var english: String { "\(user) at \(at): \(action) \(subject)" }
}

extension Overfill {
    /// The overfill in `language`: who holds how many of how many places.
    public func text(_ language: Language) -> String { language == .nl ? dutch : english }

    var english: String {
        let what = supportPlaces ? "support place" : "place"
        let who = held.map { "\($0.student) (\($0.status.rawValue)\($0.promised ? ", next placement" : ""))" }.joined(separator: ", ")
        let elsewhere = heldElsewhere == 0 ? ""
            : " left for your pupils (\(heldElsewhere) more held by pupils of other schools)"
        return "\(internship) has \(limit) \(what)\(limit == 1 ? "" : "s")\(elsewhere) but \(held.count) held: \(who)"
    }
}

extension OverfillWayOut {
    func english(_ o: Overfill) -> String {
        let release = self.release.map { h in
            switch h.status {
            case .pinned: "unpin \(h.student)"
            case .proposed: "decline \(h.student)"
            case .agreed, .active: "end \(h.student)"
            }
        }.joined(separator: ", ")
        let setting = o.supportPlaces ? "support_capacity" : "capacity"
        let places = (o.supportPlaces ? "support place" : "place") + (need == 1 ? "" : "s")
        switch through {
        case .records:
            return "import the file with at least \(need) \(places) for \(o.internship)" + (release.isEmpty ? "" : ", or first \(release)")
        case .places:
            return "keep at least \(need) \(places) (set \(o.internship) \(setting) \(need))" + (release.isEmpty ? "" : ", or first \(release)")
        case .other:
            return release.isEmpty ? "give it room first (set \(o.internship) \(setting) \(need))"
                : "first \(release), or give it room (set \(o.internship) \(setting) \(need))"
        }
    }
}

extension IDProblem {
    /// The problem in `language`, after "id 'X' ".
    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.empty, .en): "is empty"
        case (.tooLong, .en): "is longer than 40 characters"
        case (.looksLikeCitizenNumber, .en): "looks like a citizen service (BSN) or education number; use a pseudonymous id such as S-0042"
        case (.badCharacters, .en): "may contain only the letters A to Z, digits, '-' and '_'"
        case (.empty, .nl): "is leeg"
        case (.tooLong, .nl): "is langer dan 40 tekens"
        case (.looksLikeCitizenNumber, .nl): "lijkt op een burgerservicenummer (BSN) of onderwijsnummer; gebruik een pseudoniem zoals S-0042"
        case (.badCharacters, .nl): "mag alleen de letters A tot Z, cijfers, '-' en '_' bevatten"
        }
    }
}

extension GeographyError {
    /// The message in `language` (the English is the error's description, written in
    /// BPVGeography, which sits below the languages).
    public func text(_ language: Language) -> String {
        switch language {
        case .en: description
        case .nl: dutch
        }
    }
}

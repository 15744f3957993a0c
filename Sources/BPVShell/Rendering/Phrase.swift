import BPVDomain

/// What the shell says back: each line a value carrying its data, worded by one catalogue per
/// language (`Phrase+English.swift`, `Phrase+Dutch.swift`, exhaustive switches) and printed by
/// ``Console/say(_:)`` in the session's language. Ids, numbers and dates are data; the words
/// around them are the catalogue's.
enum Phrase {
    // match, placements, unplaced
    case roundSummary(round: Int64, placed: Int, students: Int, unplaced: Int, committed: Int, pinned: Int, meanTravel: Double, score: Int64)
    case countedUnderFirstSector
    case noChangesAgainstDraft
    case changesAgainstDraft(Int)
    case andMore(Int, hint: MoreHint)
    case overfillWarning(Overfill)
    case placementCount(Int, noDraft: Bool)
    case noDraftYet
    case placedDifferently(Int)
    case everyStudentPlaced
    case unplacedCount(Int)
    case unplacedHead(StudentID, level: Level, sectors: [Sector], mode: TravelMode, maxMinutes: Int, needs: [Accommodation])

    // Who moves.
    case nobodyMoves
    case wouldMove(Int)
    case draftChanges(Int)
    case move(StudentID, from: Place, to: Place, because: MoveReason)
    case totals(placed: (Int, Int), score: (Int64, Int64), lowerIsBetter: Bool)

    // Why a student is (not) placed.
    case isUnplaced(StudentID)
    case heldAt(StudentID, HeldKind, Place)
    case score(ScoreBreakdown, weight: Int)
    case noOtherOpen
    case nextBest
    case alternativeWorse(Place, score: Int, worseBy: Int)
    case alternativeTaken(Place, score: Int, holders: [StudentID])
    case tallyNotAvailable(CalendarDate)
    case tallyHard(outside: Int, inside: Int)
    case tallyTooFar(Int, nearestMinutes: Int?)
    case tallyLevel(Int)
    case tallyAccommodation(Int, Accommodation)
    case tallyCertificate(Int, Certificate)
    case tallyNoSupport(Int)
    case tallyNoPlaces(Int)
    case tallyClosed(Int)
    case tallyBanned(Int, listed: Bool)
    case tallyBan(InternshipID, reason: String)
    case tallyFull(Int)
    case lostCompetition(options: Int)
    case optionTaken(Place, score: Int64, holders: [StudentID])
    case ruledOut(StudentID, InternshipID, [Exclusion])
    case pairBanned(StudentID, InternshipID, reason: String?)
    case heldElsewhere(StudentID, HeldStatus, Place)
    case everyPlaceHeld(InternshipID, holders: [StudentID])
    case alreadyThere(StudentID, InternshipID)
    case allowed(fewer: Int, scoreChange: Int64)
    case nobodyElseMoves
    case displacementChain
    case chainLink(StudentID, from: Place, to: Place)
    case whatIf(String)

    // Tweaks and settings.
    case pinned(StudentID, Place)
    case pinOverrides([Exclusion])
    case unpinned(StudentID)
    case banned(StudentID, InternshipID)
    case unbanned(StudentID, InternshipID)
    case undid(String)
    case settingNow(String, String)
    case placesNow(InternshipID, places: Int, support: Int)
    case studentSettingNow(StudentID, String, String)
    case titleSet(String?)
    case pagerSet(Bool)
    case expandedSet(String)
    case languageSet(Language, separator: Character)
    case regionSet([String])

    // The year.
    case committed(Int)
    case released(StudentID)
    case proposed(StudentID, Place)
    case agreed(StudentID, Place)
    case declined(by: String, StudentID, Place)
    case started(StudentID, InternshipID?, employer: String?, from: String?, plannedEnd: String?, days: Int?)
    case ended(PlacementOutcome, StudentID)
    case noPlacementsYet(StudentID)
    case inDraftAt(Place)
    case notInRound
    case nobodyWaiting(draftsOnly: Bool, over: Int, on: CalendarDate, inDraft: Int)
    case waitingCount(Int, draftsOnly: Bool, late: Int, alarm: Int, inDraft: Int)

    // Imports.
    case importedEmployers(file: String, added: Int, updated: Int)
    case importedTravelTimes(file: String, added: Int, updated: Int)
    case imported(kind: String, file: String, added: Int, updated: Int)
    case draftFollows(Int)

    // Listings, show, stats, log, exports, erasure.
    case studentsCount(shown: Int, of: Int, overrides: Bool)
    case internshipsCount(shown: Int, of: Int)
    case employersCount(shown: Int, of: Int)
    case committedMark
    case notMatched
    case none
    case nothingListed
    case nobody
    case travelAtMost(TravelMode, Int)
    case travelSetForStudent(TravelMode, Int)
    case availableFrom(CalendarDate)
    case endingRow(Place, CalendarDate)
    case nextRow(Place, HeldStatus)
    case placementRow(Place, minutes: Int, score: Int, status: String, start: String?, end: String?, days: Int?)
    case placesRow(Int, support: Int)
    case employerPlacesRow(places: Int, internships: Int, taken: Int)
    case derivedRecord
    case promisedRow(StudentID, HeldStatus?)
    case regionLine([String])
    case languageLine(Language, from: LanguageSource)
    case measuredLine(Int)
    case overall(placed: Int, of: Int, rate: String, committed: Int)
    case notGiven
    case elsewhere
    case travelBucket(ClosedRange<Int>)
    case travelFigures(median: Int, mean: Double, longest: Int)
    case wroteAccess(file: String, StudentID, entries: Int)
    case wroteDimacs(file: String, students: Int, arcs: Int)
    case wrotePlacements(file: String, Int)
    case wroteReport(file: String, workspace: String)
    case nothingToRepair
    case toRepair(Int)
    case erased(StudentID, token: String)
    case draftFollowsErasure(Int)
    case purged(Int, before: CalendarDate)
    case timer(Bool)

    // The shell around the commands.
    case scriptLine(Int, String)
    case scriptInterrupted(Int)
    case errorMark
    case progress(String, seconds: Double)
    case banner(workspace: String, students: Int, internships: Int)
    /// What other users changed since this shell's last command (a register on a server).
    case othersChanged([ChangeBy])

    // gaps
    case placedAt(StudentID, Place)
    case travelLimitWouldPlace(StudentID, minutes: Int, now: Int, at: Place)
    case noTravelLimitWouldPlace(StudentID, ceiling: Int, mode: TravelMode)
    case ifOffered(StudentID, Place, missing: [Accommodation], placedAt: Place?)
    case gapWouldPlace(StudentID, Gap, more: Int)
    case noGap
    case gapsFooter(unplaced: Int)

    /// An internship as a line names it: `GVI-013 (Retail Loosdrecht 13)`, or unplaced.
    enum Place {
        case at(InternshipID, employer: String?)
        case unplaced
    }

    /// How a student holds a place, for `why`.
    enum HeldKind { case agreed, active, proposed, pinned, placed }

    /// What a cut-off list says after `… and N more`.
    enum MoreHint { case none, placementsShowsAll, placementsAfterMatch }

    /// Where the language of the session comes from, for `show settings`.
    enum LanguageSource { case workspace, environment, fallback }

    /// One extra place of `gaps`: what more, and where.
    struct Gap {
        var gap: PlaceGap
        var at: Place
        var kind: PlaceGap.Kind { gap.kind }
    }
}

/// Why one student moved in the draft.
enum MoveReason {
    case pinned, pinLifted, bannedFrom(InternshipID?), banLifted, brokeDown, ended(PlacementOutcome), proposed, agreed
    case declinedAt(InternshipID?), started, setting(StudentSetting, String), placesNow(InternshipID, Int), importedAnew, erased
    case offersMore(InternshipID), newWeights, fewerPlaces(InternshipID), held(HeldStatus)
    case nextPlacement(InternshipID, plannedEnd: CalendarDate), availableFrom(CalendarDate), opensFrom(InternshipID, CalendarDate)
    case placeCameFree, lostPlace, madeRoom(worseBy: Int), tookBetter(by: Int), madeRoomSameScore
}

/// The column headings of the shell's tables.
enum Heading {
    case sector, students, placed, rate, inWishedSector, student, internship, employer, min, score, status
    case from, until, outcome, by, whenUTC, why, days, since, coach, placeInDraft, whyNotPlaced
    case name, town, internships, places, taken, free, breakdowns, oneMore, at, wouldPlace, blank
    case level, sectors, travel, needs, placement, support, offers, exitProfile, livesNear, certificates, priority, school
    case available, ending, next, pinned, banned, leerbedrijf, requires, levels, promised, contact, record, setting, value
    case defaultValue, meaning, number, atUTC, user, action, subject, detail, reason, profile, need, share, overall
}

extension Console {
    /// Prints a phrase in this console's language.
    func say(_ phrase: Phrase, indent: String = "") { print(indent + phrase.text(language, style)) }
}

extension Table {
    /// A table with these headings in `language`.
    init(_ headings: [Heading], _ language: Language) {
        self.init(headings.map { $0.text(language) })
    }
}

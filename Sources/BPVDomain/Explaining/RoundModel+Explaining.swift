/// Why a student has no place in a round.
public enum UnplacedReason: Sendable, Equatable {
    /// Every internship breaks a hard constraint (or the pair is banned): no competition was
    /// involved. The tally says which constraints rule out how many internships.
    case noCandidate(ExclusionTally)
    /// The student had allowed internships, but each one's places (or support places) went to
    /// students who fit them better or have a higher priority. Listed best first for the student.
    case lostCompetition([TakenAlternative])
}

/// How the internships of a region are ruled out for one student.
public struct ExclusionTally: Sendable, Equatable {
    /// Internships in none of the student's wished sectors.
    public var outsideWishedSectors = 0
    /// Internships in a wished sector.
    public var inWishedSectors = 0
    /// Of those in wished sectors: how many each constraint rules out (one internship may break several).
    public var tooFar = 0
    /// The nearest internship of a wished sector that breaks nothing but distance, in minutes.
    public var nearestTooFarMinutes: Int?
    public var levelNotAccepted = 0
    public var accommodationsMissing: [Accommodation: Int] = [:]
    public var certificatesMissing: [Certificate: Int] = [:]
    public var noSupportPlaces = 0
    public var noPlaces = 0
    public var banned = 0
    /// Places all taken by pinned or committed students.
    public var fullWithFixedStudents = 0
    /// The student is not available on the round's date (from this day on).
    public var availableFrom: CalendarDate?
    /// Internships where no new placement can start on the round's date.
    public var closedOnDate = 0
}

/// An allowed internship a student did not get, and who has its places.
public struct TakenAlternative: Sendable, Equatable {
    public var internship: InternshipID
    public var score: ScoreBreakdown
    public var holders: [StudentID]
}

/// Why a student is where they are.
public struct PlacementExplanation: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case placed
        case pinned
        case proposed
        case agreed
        case active
        case unplaced(UnplacedReason)
    }

    public var student: StudentID
    public var status: Status
    public var internship: InternshipID?
    public var score: ScoreBreakdown?
    /// The student's next-best allowed internships and why each lost.
    public var alternatives: [Alternative]

    public struct Alternative: Sendable, Equatable {
        public var internship: InternshipID
        public var score: ScoreBreakdown
        public var verdict: Verdict
    }

    public enum Verdict: Sendable, Equatable {
        /// It had room, but scores this much worse for the student.
        case worseForStudent(by: Int)
        /// Better or as good for the student, but its places went to others; forcing the student
        /// there changes the round as given.
        case taken(holders: [StudentID], ifForced: ForcedPair.Outcome)
    }
}

/// What forcing a student to an internship would do (`why-not`).
public struct ForcedPair: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Hard constraints rule the pair out.
        case ruledOut([Exclusion])
        case banned
        /// The student's place is held elsewhere (agreed, active or proposed).
        case heldElsewhere(InternshipID, HeldStatus)
        /// Every place is held by pinned or committed students.
        case fullWithFixedStudents([StudentID])
        /// The student is already placed there.
        case alreadyThere
        /// Allowed: the round with the pair forced, against the round as it is.
        case allowed(RoundChanges)
    }

    public var student: StudentID
    public var internship: InternshipID
    public var outcome: Outcome
}

extension RoundModel {
    /// Why `student` is unplaced in `outcome` (nil when placed).
    /// - Complexity: O(internships) for the tally, O(candidates) otherwise.
    public func whyUnplaced(_ student: StudentID, in outcome: RoundOutcome) -> UnplacedReason? {
        whyUnplaced(student, in: outcome, UnplacedContext(self, outcome))
    }

    /// Why each of `students` is unplaced in `outcome` (the placed ones left out), with what
    /// every explanation reads (who holds each internship, who is held or promised there)
    /// gathered once: the report explains thousands of unplaced students at national scale.
    /// - Complexity: O(students + internships) once, then O(internships) per student.
    public func whyUnplaced(_ students: [StudentID], in outcome: RoundOutcome) -> [StudentID: UnplacedReason] {
        let context = UnplacedContext(self, outcome)
        var out: [StudentID: UnplacedReason] = [:]
        for s in students { out[s] = whyUnplaced(s, in: outcome, context) }
        return out
    }

    /// Who holds each internship, and how many are held or promised there.
    struct UnplacedContext {
        let holders: [InternshipID: [StudentID]]
        let fixedHere: [InternshipID: Int]
        /// The internships as the pair rules read them on the round's date.
        let facts: [InternshipFacts]

        init(_ model: RoundModel, _ outcome: RoundOutcome) {
            holders = outcome.holders()
            facts = model.internships.map { InternshipFacts($0, on: model.date) }
            var fixed: [InternshipID: Int] = [:]
            for (_, i) in outcome.fixed { fixed[i, default: 0] += 1 }
            for (i, who) in model.promised() { fixed[i, default: 0] += who.count }
            fixedHere = fixed
        }
    }

    private func whyUnplaced(_ student: StudentID, in outcome: RoundOutcome, _ context: UnplacedContext) -> UnplacedReason? {
        guard outcome.internshipOf[student] == nil, let s = self.student(student) else { return nil }
        let holders = context.holders
        var candidates: [TakenAlternative] = []
        var tally = ExclusionTally()
        let rules = PairRules(s, settings, on: date)
        // By position, not `for i in internships`: copying each internship (its strings) for
        // every unplaced student was a fifth of a 30,000-student report.
        let all = internships
        for k in all.indices {
            guard s.sectors.contains(all[k].sector) else {
                tally.outsideWishedSectors += 1
                continue
            }
            tally.inWishedSectors += 1
            let exclusions = rules.exclusions(context.facts[k]) { all[k] }
            for e in exclusions {
                switch e {
                case .sectorNotWanted: break
                case .tooFar(let minutes, _):
                    tally.tooFar += 1
                    if exclusions.count == 1 { tally.nearestTooFarMinutes = min(tally.nearestTooFarMinutes ?? .max, minutes) }
                case .levelNotAccepted: tally.levelNotAccepted += 1
                case .accommodationsMissing(let a): for x in a { tally.accommodationsMissing[x, default: 0] += 1 }
                case .certificatesMissing(let c): for x in c { tally.certificatesMissing[x, default: 0] += 1 }
                case .noSupportPlaces: tally.noSupportPlaces += 1
                case .noPlaces: tally.noPlaces += 1
                case .notAvailableYet(let d): tally.availableFrom = d
                case .closedOnDate: tally.closedOnDate += 1
                }
            }
            guard exclusions.isEmpty else { continue }
            let i = all[k], id = i.internshipID
            if bans.contains(Pair(student, id)) {
                tally.banned += 1
                continue
            }
            // Held here, or promised to a next placement from a later date (``upcoming``).
            if context.fixedHere[id] ?? 0 >= i.capacity {
                tally.fullWithFixedStudents += 1
                continue
            }
            candidates.append(TakenAlternative(internship: id, score: settings.score(s, i), holders: holders[id] ?? []))
        }
        guard !candidates.isEmpty else { return .noCandidate(tally) }
        return .lostCompetition(candidates.sorted { ($0.score.total, $0.internship) < ($1.score.total, $1.internship) })
    }

    /// Explains a student's place: the score by component, and the next-best allowed
    /// internships (up to `alternatives`) with why each lost. Better alternatives are full by
    /// optimality; for each, the round is solved with the pair forced to show the exact cost.
    /// - Throws: ``RoundError`` (unknown student, cancelled).
    /// - Parameter force: how to force a pair; by default a cold solve (``force(_:_:against:shouldCancel:)``),
    ///   in a ``RoundSession`` one repair on a snapshot.
    public func why(_ student: StudentID, in outcome: RoundOutcome, alternatives limit: Int = 3,
                    shouldCancel: (@Sendable () -> Bool)? = nil,
                    force forcer: ((StudentID, InternshipID) throws(RoundError) -> ForcedPair.Outcome)? = nil) throws(RoundError) -> PlacementExplanation
    {
        guard let s = self.student(student) else { throw .refused(.noStudent(student.value)) }
        if let reason = whyUnplaced(student, in: outcome) {
            return PlacementExplanation(student: student, status: .unplaced(reason), internship: nil, score: nil, alternatives: [])
        }
        let here = outcome.internshipOf[student]
        let status: PlacementExplanation.Status = switch heldStatus(of: student) {
        case .agreed: .agreed
        case .active: .active
        case .proposed: .proposed
        case .pinned: .pinned
        case nil: .placed
        }
        let score = outcome.scoreOf[student]
        let holders = outcome.holders()
        var options: [(Internship, ScoreBreakdown)] = []
        for i in internships where i.internshipID != here && settings.exclusions(s, i, on: date).isEmpty && !bans.contains(Pair(student, i.internshipID)) {
            options.append((i, settings.score(s, i)))
        }
        options.sort { ($0.1.total, $0.0.internshipID) < ($1.1.total, $1.0.internshipID) }
        var alternatives: [PlacementExplanation.Alternative] = []
        // A pinned or committed student is where people decided; alternatives explain only the solver's choices.
        for (i, alt) in options.prefix(status == .placed ? limit : 0) {
            let id = i.internshipID
            let own = score?.total ?? 0
            let verdict: PlacementExplanation.Verdict
            if alt.total > own {
                verdict = .worseForStudent(by: alt.total - own)
            } else if let forcer {
                verdict = .taken(holders: holders[id] ?? [], ifForced: try forcer(student, id))
            } else {
                verdict = .taken(holders: holders[id] ?? [], ifForced: try force(student, id, against: outcome, shouldCancel: shouldCancel).outcome)
            }
            alternatives.append(PlacementExplanation.Alternative(internship: id, score: alt, verdict: verdict))
        }
        return PlacementExplanation(student: student, status: status, internship: here, score: score, alternatives: alternatives)
    }

    /// What stands in the way of forcing a pair before any solving: the student is there
    /// already, a hard constraint, a ban, a commitment elsewhere; nil when forcing is allowed.
    /// - Throws: ``RoundError/notFound(_:)`` for an unknown id.
    public func obstacle(_ student: StudentID, _ internship: InternshipID, in outcome: RoundOutcome) throws(RoundError) -> ForcedPair.Outcome? {
        guard let s = self.student(student) else { throw .refused(.noStudent(student.value)) }
        guard let i = self.internship(internship) else { throw .refused(.noInternship(internship.value)) }
        if outcome.internshipOf[student] == internship { return .alreadyThere }
        let exclusions = settings.exclusions(s, i, on: date)
        if !exclusions.isEmpty { return .ruledOut(exclusions) }
        if bans.contains(Pair(student, internship)) { return .banned }
        if let c = commitments[student] ?? proposals[student], let status = heldStatus(of: student) { return .heldElsewhere(c, status) }
        return nil
    }

    /// What forcing `student` to `internship` would do: the hard constraint that rules it out,
    /// or the round re-solved with the pair pinned and compared with `outcome`.
    /// - Throws: ``RoundError`` (unknown ids, cancelled).
    public func force(_ student: StudentID, _ internship: InternshipID, against outcome: RoundOutcome,
                      shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> ForcedPair
    {
        func result(_ o: ForcedPair.Outcome) -> ForcedPair { ForcedPair(student: student, internship: internship, outcome: o) }
        if let obstacle = try obstacle(student, internship, in: outcome) { return result(obstacle) }
        var forced = self
        do {
            try forced.apply(.pin(student: student, internship: internship))
            let after = try forced.solve(shouldCancel: shouldCancel)
            return result(.allowed(outcome.changes(to: after)))
        } catch {
            if case .refused(.overfilled(let o, _)) = error {
                return result(.fullWithFixedStudents(o.held.map(\.student).filter { $0 != student }))
            }
            throw error
        }
    }
}

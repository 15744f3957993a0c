import BPVSolver

/// A student and an internship, by id.
public struct Pair: Hashable, Sendable, CustomStringConvertible {
    public var student: StudentID
    public var internship: InternshipID

    public init(_ student: StudentID, _ internship: InternshipID) {
        self.student = student
        self.internship = internship
    }

    public var description: String { "\(student) x \(internship)" }
}

/// Everything a matching round is computed from, in memory: the students (with any per-student
/// settings applied), the internships, the weights, the pins, commitments and bans.
///
/// The workspace builds one from its tables; the shell changes a copy of it for `try` and
/// `why-not`, so a what-if never touches the stored workspace.
///
/// ```swift
/// var model = RoundModel(students: students, internships: internships, settings: MatchSettings())
/// let before = try model.solve()
/// try model.pin(student: "S-014", internship: "I-203")
/// let changes = before.changes(to: try model.solve())
/// ```
public struct RoundModel: Sendable {
    public internal(set) var students: [Student]
    public internal(set) var internships: [Internship]
    public var settings: MatchSettings
    /// Student → internship, fixed by a job coach (a place the student found).
    public internal(set) var pins: [StudentID: InternshipID]
    /// Student → internship, agreed (by `commit` or `accept`) or active: never moved.
    public internal(set) var commitments: [StudentID: InternshipID]
    /// Student → internship the student is put forward to (intake interview): held, not moved.
    public internal(set) var proposals: [StudentID: InternshipID]
    /// The agreed students whose placement has started (the praktijkovereenkomst is signed).
    public internal(set) var active: Set<StudentID>
    /// Active placements that end (by their planned end) before the round's date: on that
    /// date neither the student nor the place is held, so the student is matched for the next
    /// placement. The placement stays on record until `end` closes it.
    public internal(set) var ending: [StudentID: Ending]
    /// Next placements held for students whose current placement still runs on the round's
    /// date (matched for a later date, before that one ends): the place is promised from the
    /// current placement's planned end, so no one else is matched into it, on any date.
    public internal(set) var upcoming: [StudentID: Upcoming]
    public internal(set) var bans: Set<Pair>
    /// Student → internship in the previous draft, for minimum disruption (see
    /// ``MatchSettings/stabilityWeight``): moving away from it costs that weight.
    public var previous: [StudentID: InternshipID]
    /// The day the round places students for: only students available then, only internships
    /// open then (held placements stay). Nil: no date rules.
    public var date: CalendarDate?
    private var studentIndex: [StudentID: Int]
    private var internshipIndex: [InternshipID: Int]

    public init(
        students: [Student], internships: [Internship], settings: MatchSettings,
        pins: [StudentID: InternshipID] = [:], commitments: [StudentID: InternshipID] = [:], bans: Set<Pair> = [],
        previous: [StudentID: InternshipID] = [:], proposals: [StudentID: InternshipID] = [:], active: Set<StudentID> = [],
        ending: [StudentID: Ending] = [:], upcoming: [StudentID: Upcoming] = [:]
    ) {
        self.ending = ending
        self.upcoming = upcoming
        self.proposals = proposals
        self.active = active
        self.previous = previous
        self.students = students
        self.internships = internships
        self.settings = settings
        self.pins = pins
        self.commitments = commitments
        self.bans = bans
        studentIndex = Dictionary(students.enumerated().map { ($1.studentID, $0) }, uniquingKeysWith: { a, _ in a })
        internshipIndex = Dictionary(internships.enumerated().map { ($1.internshipID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Looking up

    /// - Complexity: O(1).
    public func student(_ id: StudentID) -> Student? { studentIndex[id].map { students[$0] } }

    /// - Complexity: O(1).
    public func internship(_ id: InternshipID) -> Internship? { internshipIndex[id].map { internships[$0] } }

    /// Where a student is held (agreed or active first, then proposed, then pinned), if anywhere.
    /// - Complexity: O(1).
    public func fixedInternship(of student: StudentID) -> InternshipID? { commitments[student] ?? proposals[student] ?? pins[student] }

    /// How a student's place is held, if it is.
    /// - Complexity: O(1).
    public func heldStatus(of student: StudentID) -> HeldStatus? {
        if commitments[student] != nil { return active.contains(student) ? .active : .agreed }
        if proposals[student] != nil { return .proposed }
        if pins[student] != nil { return .pinned }
        return nil
    }

    // MARK: Changing (what-if)

    /// Fixes a student at an internship, as the shell's `pin` does.
    /// - Throws: ``RoundError/notFound(_:)`` for an unknown id.
    public mutating func pin(student: StudentID, internship: InternshipID) throws(RoundError) {
        try require(student: student, internship: internship)
        pins[student] = internship
    }

    public mutating func unpin(student: StudentID) throws(RoundError) {
        guard pins.removeValue(forKey: student) != nil else { throw .refused(.noPin(student)) }
    }

    public mutating func ban(student: StudentID, internship: InternshipID) throws(RoundError) {
        try require(student: student, internship: internship)
        bans.insert(Pair(student, internship))
    }

    public mutating func unban(student: StudentID, internship: InternshipID) throws(RoundError) {
        guard bans.remove(Pair(student, internship)) != nil else { throw .refused(.noBan(student, internship)) }
    }

    /// Ends an agreed or active placement with its outcome: the one planned to end before the
    /// round's date (``ending``) when there is one, else the one the student holds. After a breakdown the
    /// student is not placed at that employer again (any of its internships: the pairs are banned).
    public mutating func end(student: StudentID, outcome: PlacementOutcome) throws(RoundError) {
        let i: InternshipID
        if let past = ending.removeValue(forKey: student) {
            // The placement on record ends first; a next one agreed meanwhile stays.
            i = past.internship
        } else if let held = commitments.removeValue(forKey: student) {
            i = held
            active.remove(student)
            pins[student] = nil
        } else {
            throw .refused(proposals[student] != nil ? .endProposed(student) : .noPlacementToEnd(student))
        }
        if outcome == .brokeDown, let employer = internship(i)?.employerKey {
            // A next placement the student already holds there stays: that was decided after.
            let next = fixedInternship(of: student)
            for other in internships where other.employerKey == employer && other.internshipID != next {
                bans.insert(Pair(student, other.internshipID))
            }
        }
    }

    /// Makes placements agreed (from the draft or a proposal): later rounds never move them.
    public mutating func commit(_ placements: [StudentID: InternshipID]) throws(RoundError) {
        for (s, i) in placements { try require(student: s, internship: i) }
        for (s, i) in placements {
            commitments[s] = i
            proposals[s] = nil
            pins[s] = nil
        }
    }

    /// Applies one change (as the shell's tweak commands do), refusing it whole when it would
    /// break the register's integrity: a held placement (pinned or committed) over an
    /// internship's places or support places, or a pin and a ban on the same pair.
    ///
    /// This is the one home of those rules: the workspace checks them through here inside the
    /// writing transaction, and the live session through here before it repairs.
    /// - Throws: ``RoundError/refused(_:)`` naming every student involved and the way out;
    ///   ``RoundError/overfilled(_:wayOut:)`` for places; ``RoundError/notFound(_:)``.
    /// - Complexity: the change, plus O(held placements) per internship it touches.
    public mutating func apply(_ change: RoundChange) throws(RoundError) {
        let before = self
        switch change {
        case .pin(let s, let i):
            try require(student: s, internship: i)
            if let c = commitments[s] {
                throw .refused(.pinHeld(s, heldStatus(of: s) ?? .agreed, at: c))
            }
            if let p = proposals[s] { throw .refused(.pinProposed(s, at: p)) }
            if bans.contains(Pair(s, i)) {
                throw .refused(.banned(s, i))
            }
            try pin(student: s, internship: i)
        case .unpin(let s): try unpin(student: s)
        case .ban(let s, let i):
            try require(student: s, internship: i)
            if commitments[s] == i { throw .refused(.banHeld(s, heldStatus(of: s) ?? .agreed, at: i)) }
            if proposals[s] == i { throw .refused(.banProposed(s, at: i)) }
            if pins[s] == i { throw .refused(.banPinned(s, at: i)) }
            try ban(student: s, internship: i)
        case .unban(let s, let i): try unban(student: s, internship: i)
        case .end(let s, let outcome): try end(student: s, outcome: outcome)
        case .propose(let s, let i):
            try require(student: s, internship: i)
            if let c = commitments[s] { throw .refused(.proposeHeld(s, heldStatus(of: s) ?? .agreed, at: c)) }
            if bans.contains(Pair(s, i)) { throw .refused(.banned(s, i)) }
            pins[s] = nil
            proposals[s] = i
        case .accept(let s):
            guard let i = proposals[s] else {
                throw .refused(commitments[s] != nil ? .acceptHeld(s, heldStatus(of: s) ?? .agreed) : .noProposalToAccept(s))
            }
            try commit([s: i])
        case .decline(let s):
            guard let i = proposals.removeValue(forKey: s) else {
                throw .refused(commitments[s] != nil ? .declineHeld(s, heldStatus(of: s) ?? .agreed) : .noProposalToDecline(s))
            }
            bans.insert(Pair(s, i))
        case .start(let s):
            if let e = ending[s] {
                throw .refused(.startAfterEnding(s, e.internship, plannedEnd: e.plannedEnd))
            }
            guard commitments[s] != nil, !active.contains(s) else {
                throw .refused(active.contains(s) ? .alreadyActive(s) : proposals[s] != nil ? .startProposed(s) : .noAgreedToStart(s))
            }
            active.insert(s)
        case .commit(let placements):
            for (s, i) in placements.sorted(by: { $0.key < $1.key }) where bans.contains(Pair(s, i)) {
                throw .refused(.commitBanned(s, i))
            }
            for (s, i) in placements.sorted(by: { $0.key < $1.key }) {
                if let c = commitments[s], c != i { throw .refused(.commitHeldElsewhere(s, heldStatus(of: s) ?? .agreed, at: c)) }
                if let p = proposals[s], p != i { throw .refused(.commitProposedElsewhere(s, at: p)) }
            }
            try commit(placements)
        case .studentSetting(let s, let setting, let value): try set(setting, of: s, to: value)
        case .places(let i, let places, let support): try setCapacity(of: i, to: places, support: support)
        case .offers(let i, let offers):
            guard let k = internshipIndex[i] else { throw .refused(.noInternship(i.value)) }
            internships[k].offers = offers
        case .records(let students, let internships): replace(students: students, internships: internships)
        case .forget(let ids): forget(ids)
        case .settings(let settings): self.settings = settings
        }
        try checkIntegrity(at: change.heldInternships, against: before, wayOut: { o in
            Self.wayOut(for: change, o) })
    }

    /// Changes one of a student's settings (for example a longer travel limit).
    public mutating func set(_ setting: StudentSetting, of student: StudentID, to value: String) throws(RoundError) {
        guard let k = studentIndex[student] else { throw .refused(.noStudent(student.value)) }
        do {
            try setting.apply(value, to: &students[k])
        } catch {
            throw .refused(error.refusal)
        }
    }

    /// Changes an internship's number of places (the employer has one place less, or more).
    public mutating func setCapacity(of internship: InternshipID, to places: Int, support: Int? = nil) throws(RoundError) {
        guard let k = internshipIndex[internship] else { throw .refused(.noInternship(internship.value)) }
        guard places >= 0 else { throw .refused(.negativeCapacity(places)) }
        internships[k].places = Places(places, support: support ?? internships[k].supportCapacity)
    }

    private func require(student: StudentID, internship: InternshipID) throws(RoundError) {
        guard studentIndex[student] != nil else { throw .refused(.noStudent(student.value)) }
        guard internshipIndex[internship] != nil else { throw .refused(.noInternship(internship.value)) }
    }

    // MARK: Solving

    /// Position of a student in ``students`` (the solver's index).
    public func position(ofStudent id: StudentID) -> Int? { studentIndex[id] }

    /// Position of an internship in ``internships`` (the solver's index).
    public func position(ofInternship id: InternshipID) -> Int? { internshipIndex[id] }

    /// Students fixed by a commitment or a pin, and where (commitments win).
    public var fixed: [StudentID: InternshipID] {
        var fixed = pins.filter { studentIndex[$0.key] != nil && internshipIndex[$0.value] != nil }
        for (s, i) in proposals where studentIndex[s] != nil && internshipIndex[i] != nil { fixed[s] = i }
        for (s, i) in commitments where studentIndex[s] != nil && internshipIndex[i] != nil { fixed[s] = i }
        return fixed
    }

    /// The students holding places at each internship (pinned or committed), sorted.
    /// - Complexity: O(held placements).
    public func held(at internships: Set<InternshipID>? = nil) -> [InternshipID: [StudentID]] {
        var out: [InternshipID: [StudentID]] = [:]
        for (s, i) in fixed where internships?.contains(i) ?? true { out[i, default: []].append(s) }
        for k in out.keys { out[k]?.sort() }
        return out
    }

    /// Every internship whose held placements (pinned or committed) exceed its places or its
    /// support places. The register never lets a change create one; a workspace made before
    /// the register existed may hold some, and ``problem(shouldCancel:)`` then keeps those
    /// students where they are rather than fail the round for everyone.
    /// - Complexity: O(held placements).
    public func overfills(at internships: Set<InternshipID>? = nil) -> [Overfill] {
        var out: [Overfill] = []
        var holding = held(at: internships)
        let promised = promised(at: internships)
        for (i, who) in promised { holding[i, default: []] += who }
        for (i, who) in holding.sorted(by: { $0.key < $1.key }) {
            func holders(_ students: [StudentID]) -> [Overfill.Holder] {
                students.map { s in
                    promised[i]?.contains(s) == true
                        ? Overfill.Holder(student: s, status: upcoming[s]?.status ?? .agreed, promised: true)
                        : Overfill.Holder(student: s, status: heldStatus(of: s) ?? .pinned)
                }
            }
            guard let j = internshipIndex[i] else { continue }
            let internship = self.internships[j]
            let places = internship.capacity, support = internship.supportCapacity
            let needing = who.filter { studentIndex[$0].map { students[$0].needsIntensiveSupport } ?? false }
            if who.count > places {
                out.append(Overfill(internship: i, limit: places, supportPlaces: false, held: holders(who)))
            } else if needing.count > support {
                out.append(Overfill(internship: i, limit: support, supportPlaces: true, held: holders(needing)))
            }
        }
        return out
    }

    /// The students promised a next placement at each internship (see ``upcoming``), sorted;
    /// not a student whose next placement is where they are now (the same place goes on).
    /// - Complexity: O(upcoming placements).
    public func promised(at internships: Set<InternshipID>? = nil) -> [InternshipID: [StudentID]] {
        var out: [InternshipID: [StudentID]] = [:]
        for (s, u) in upcoming where studentIndex[s] != nil && internships?.contains(u.internship) ?? true
            && fixedInternship(of: s) != u.internship
        {
            out[u.internship, default: []].append(s)
        }
        for k in out.keys { out[k]?.sort() }
        return out
    }

    /// Refuses a state in which an internship in `touched` (every internship when nil) is
    /// overfilled by held placements more than it was in `before`.
    private func checkIntegrity(at touched: Set<InternshipID>?, against before: RoundModel, wayOut: (Overfill) -> OverfillWayOut) throws(RoundError) {
        if touched?.isEmpty == true { return }
        let was = Dictionary(before.overfills(at: touched).map { ("\($0.internship)\($0.supportPlaces)", $0.excess) }, uniquingKeysWith: max)
        for o in overfills(at: touched) where o.excess > (was["\(o.internship)\(o.supportPlaces)"] ?? 0) {
            throw .refused(.overfilled(o, wayOut: wayOut(o)))
        }
    }

    /// How a coordinator gets past a refused change: the holders they could release (not the
    /// student being placed, not a promised next placement), or room.
    static func wayOut(for change: RoundChange, _ o: Overfill) -> OverfillWayOut {
        var others = o.held
        switch change {
        case .pin(let s, _), .propose(let s, _): others.removeAll { $0.student == s }
        default: break
        }
        // A promised place cannot be released on this date; only room helps there.
        others.removeAll(where: \.promised)
        let through: OverfillWayOut.Through = switch change {
        case .records: .records
        case .places: .places
        default: .other
        }
        return OverfillWayOut(through: through, release: others, need: o.held.count)
    }

    /// Removes students and everything the round knows about them.
    mutating func forget(_ ids: [StudentID]) {
        let gone = Set(ids)
        students.removeAll { gone.contains($0.studentID) }
        for s in gone {
            pins[s] = nil
            commitments[s] = nil
            proposals[s] = nil
            active.remove(s)
            ending[s] = nil
            upcoming[s] = nil
            previous[s] = nil
        }
        bans = bans.filter { !gone.contains($0.student) }
        studentIndex = Dictionary(students.enumerated().map { ($1.studentID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Replaces students and internships by id and adds new ones (an import), keeping both
    /// sorted by id as the workspace stores them.
    mutating func replace(students new: [Student], internships newInternships: [Internship]) {
        func merged<T>(_ old: [T], _ new: [T], id: (T) -> String) -> [T] {
            var byID = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
            for x in new { byID[id(x)] = x }
            return byID.values.sorted { id($0) < id($1) }
        }
        students = merged(students, new, id: { $0.id.value })
        internships = merged(internships, newInternships, id: { $0.id.value })
        studentIndex = Dictionary(students.enumerated().map { ($1.studentID, $0) }, uniquingKeysWith: { a, _ in a })
        internshipIndex = Dictionary(internships.enumerated().map { ($1.internshipID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An internship's places and support places as the solver sees them (see ``solverInternships()``).
    /// - Complexity: O(held placements).
    public func solverPlaces(of id: InternshipID) -> (places: Int, support: Int)? {
        guard let j = internshipIndex[id] else { return nil }
        return places(of: internships[j], held: held(at: [id])[id] ?? [], promised: promised(at: [id])[id] ?? [])
    }

    /// The places the solver gets at `i`, given who holds it and who is promised it.
    func places(of i: Internship, held who: [StudentID], promised: [StudentID]) -> (places: Int, support: Int) {
        func needing(_ who: [StudentID]) -> Int {
            who.filter { studentIndex[$0].map { students[$0].needsIntensiveSupport } ?? false }.count
        }
        // Places promised to next placements are not there for this round's students.
        let capacity = i.capacity - promised.count, support = i.supportCapacity - needing(promised)
        let places = max(capacity, who.count, 0)
        return (places, max(min(max(support, 0), max(capacity, 0)), needing(who)))
    }

    /// The internships as the solver sees them: places promised to next placements
    /// (``upcoming``) are taken off, and an internship overfilled by held placements (only
    /// possible in a workspace made before the register) gets just enough places for them, so
    /// that the round goes on for everyone else and nobody joins them there.
    /// - Complexity: O(held placements).
    public func solverInternships() -> [Internship] {
        let changed = Set(overfills().map(\.internship)).union(upcoming.values.map(\.internship))
        guard !changed.isEmpty else { return internships }
        let held = held(at: changed), promised = promised(at: changed)
        var out = internships
        for i in changed {
            guard let j = internshipIndex[i] else { continue }
            let places = places(of: out[j], held: held[i] ?? [], promised: promised[i] ?? [])
            out[j].capacity = places.places
            out[j].supportCapacity = places.support
        }
        return out
    }

    /// The problem the solver sees: every student, the fixed ones with their one arc and placed
    /// first, the others with an arc to every internship that passes the hard constraints and is
    /// not banned, scored, with the stability weight off the previous draft's internship.
    /// Never fails because of held placements: see ``solverInternships()``.
    /// - Complexity: O(students + internships + candidate pairs).
    public func problem(shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> RoundProblem {
        let fixed = self.fixed
        var fixedAt: [Int: Int32] = [:], previousAt: [Int: Int32] = [:]
        for (s, i) in fixed { if let k = studentIndex[s], let j = internshipIndex[i] { fixedAt[k] = Int32(j) } }
        for (s, i) in previous where fixed[s] == nil {
            if let k = studentIndex[s], let j = internshipIndex[i] { previousAt[k] = Int32(j) }
        }
        var banned: [Int: Set<Int32>] = [:]
        for pair in bans {
            if let k = studentIndex[pair.student], let j = internshipIndex[pair.internship] { banned[k, default: []].insert(Int32(j)) }
        }
        do {
            let graph = try CandidateGraph(
                students: students, internships: solverInternships(), settings: settings, excluding: banned,
                fixed: fixedAt, previous: previousAt, on: date, shouldCancel: shouldCancel)
            return RoundProblem(graph: graph, fixed: fixed)
        } catch is CandidateGraph.Cancelled {
            throw .cancelled
        } catch {
            throw .solver("\(error)")
        }
    }

    /// Solves the round optimally (most students placed, by priority tier, then the lowest total
    /// score), around pins, commitments and bans.
    /// - Throws: ``RoundError``; ``RoundError/cancelled`` when `shouldCancel` turned true.
    public func solve(shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> RoundOutcome {
        // A Ctrl-C that came before the work began counts too: small rounds finish between polls.
        if shouldCancel?() == true { throw .cancelled }
        let round = try problem(shouldCancel: shouldCancel)
        if shouldCancel?() == true { throw .cancelled }
        let result: Assignment
        do {
            result = try AssignmentSolver(shouldCancel: shouldCancel).solve(round.graph.problem)
        } catch {
            if error == .cancelled { throw .cancelled }
            throw .solver("\(error)")
        }
        // Every round the workspace stores is certified, in release builds too (O(arcs), small
        // next to the solve); debug builds also certify inside the solver.
        do {
            try OptimalityCertificate.verify(result, for: round.graph.problem)
        } catch {
            throw .solver("the round failed its optimality certificate: \(error)")
        }
        let penalties = (try? round.graph.problem.effectiveUnplacedCosts()) ?? []
        var objective = result.arcCost
        for s in 0 ..< students.count where result.internshipOfStudent[s] < 0 { objective += penalties[s] ?? 0 }
        return RoundOutcome(model: self, internshipOfStudent: result.internshipOfStudent.map(Int.init), dimacsObjective: objective)
    }
}

/// A round's solver input: student `s` of the graph is the model's `students[s]`, internship
/// `j` its `internships[j]`.
public struct RoundProblem: Sendable {
    public var graph: CandidateGraph
    /// Students fixed by a commitment or a pin, and where.
    public var fixed: [StudentID: InternshipID]
}

/// A change a job coach makes to a round (see ``RoundSession``).
public enum RoundChange: Sendable, Equatable {
    case pin(student: StudentID, internship: InternshipID)
    case unpin(student: StudentID)
    case ban(student: StudentID, internship: InternshipID)
    case unban(student: StudentID, internship: InternshipID)
    /// An agreed or active placement ends with its outcome (after a breakdown the employer's
    /// internships are banned for the student).
    case end(student: StudentID, outcome: PlacementOutcome)
    /// The student is put forward to the internship (an intake interview): the place is held.
    case propose(student: StudentID, internship: InternshipID)
    /// Employer and student said yes: proposed → agreed.
    case accept(student: StudentID)
    /// The employer or the student said no: the proposal ends and the pair is banned.
    case decline(student: StudentID)
    /// The praktijkovereenkomst is signed: agreed → active.
    case start(student: StudentID)
    /// Draft or proposed placements become agreed: student → internship.
    case commit([StudentID: InternshipID])
    case studentSetting(student: StudentID, StudentSetting, value: String)
    /// An internship's places and support places change (the employer has one place less).
    case places(internship: InternshipID, places: Int, support: Int)
    /// The accommodations an internship offers change (an employer will offer a quiet workplace).
    case offers(internship: InternshipID, offers: AccommodationSet)
    /// Students and internships added or updated by id (an import; per-student settings
    /// already applied). Every arc may change: the session solves again.
    case records(students: [Student], internships: [Internship])
    /// New weights and limits for the whole round: every arc changes, the session solves again.
    case settings(MatchSettings)
    /// Students erased from the workspace (the right to erasure, or a retention purge): they
    /// leave the round with everything about them; the session solves again.
    case forget([StudentID])

    /// The students whose arcs or tier the change touches (for places: none directly).
    public var students: [StudentID] {
        switch self {
        case .pin(let s, _), .unpin(let s), .ban(let s, _), .unban(let s, _), .end(let s, _), .studentSetting(let s, _, _),
             .propose(let s, _), .accept(let s), .decline(let s), .start(let s): [s]
        case .commit(let placements): placements.keys.sorted()
        case .places, .records, .settings, .forget, .offers: []
        }
    }

    /// Whether the session must solve again rather than repair (every arc may change).
    /// The short form of a breakdown (`release STUDENT reason`).
    public static func release(student: StudentID) -> RoundChange { .end(student: student, outcome: .brokeDown) }

    public var changesEveryArc: Bool {
        switch self {
        case .records, .settings, .forget: true
        default: false
        }
    }

    /// The internships whose held placements the change can add to or whose places it can
    /// lower; nil when it may touch every internship (an import).
    var heldInternships: Set<InternshipID>? {
        switch self {
        case .pin(_, let i), .places(let i, _, _), .propose(_, let i): [i]
        case .commit(let placements): Set(placements.values)
        case .records: nil
        case .unpin, .ban, .unban, .end, .studentSetting, .settings, .accept, .decline, .start, .forget, .offers: []
        }
    }
}

/// An internship whose held placements (pinned or committed) exceed its places or support places.
public struct Overfill: Sendable, Hashable, CustomStringConvertible {
    public struct Holder: Sendable, Hashable {
        public var student: StudentID
        public var status: HeldStatus
        /// The place is promised to the student's next placement (see ``RoundModel/upcoming``):
        /// it cannot be released on this date.
        public var promised = false
    }

    public var internship: InternshipID
    /// The limit that is broken: places, or support places.
    public var limit: Int
    public var supportPlaces: Bool
    /// The students holding them (for support places: those who need a job coach on site).
    public var held: [Holder]
    /// Places (support places) held by pupils the user cannot see (a school's view of a
    /// region): `limit` is what is left of the internship's places for this user's pupils.
    public var heldElsewhere = 0

    public var excess: Int { held.count - limit }

    public var description: String { english }
}

/// Why a round could not be computed or changed.
public enum RoundError: Error, Equatable, CustomStringConvertible {
    /// The change is refused (a thing not found, a rule of the register, a value out of
    /// range); the refusal carries its data and the way out, worded where it is shown.
    case refused(Refusal)
    case cancelled
    case solver(String)

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .refused(let r): r.framed(language)
        case .cancelled: language == .nl ? "afgebroken; er is niets veranderd" : "cancelled; nothing was changed"
        case .solver(let why): language == .nl ? "matchen mislukt: \(why)" : "matching failed: \(why)"
        }
    }

    public var description: String { text(.en) }
}

/// How a student's place is held: by a job coach's pin, a proposal to the employer, an
/// agreement, or a started placement. Held places never move in a round.
/// An active placement whose planned end lies before the round's date (see ``RoundModel/ending``).
public struct Ending: Sendable, Equatable {
    public var internship: InternshipID
    public var plannedEnd: CalendarDate

    public init(internship: InternshipID, plannedEnd: CalendarDate) {
        self.internship = internship
        self.plannedEnd = plannedEnd
    }
}

/// A next placement held for a student whose current placement still runs on the round's date
/// (see ``RoundModel/upcoming``).
public struct Upcoming: Sendable, Equatable {
    public var internship: InternshipID
    public var status: HeldStatus

    public init(internship: InternshipID, status: HeldStatus) {
        self.internship = internship
        self.status = status
    }
}

public enum HeldStatus: String, Sendable, Equatable, CaseIterable {
    case pinned, proposed, agreed, active
}

/// How a placement ended.
public enum PlacementOutcome: String, Sendable, Equatable, CaseIterable {
    case completed
    /// It broke down (behaviour, attitude, conflict): the student is not placed at that
    /// employer again unless unbanned.
    case brokeDown = "broke_down"
    case left
    case other
}

extension Internship {
    /// Who the employer is, for rules over all of its internships: the employer record, else the
    /// leerbedrijf id, else the name.
    public var employerKey: String { employerID ?? leerbedrijfID ?? employer }
}

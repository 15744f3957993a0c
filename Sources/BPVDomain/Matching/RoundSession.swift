import BPVSolver

/// A round kept optimal while job coaches change it: the first solve is cold, every later
/// change (a pin, a ban, a student's travel limit, a release, a commit) is repaired
/// incrementally from the previous optimum and its duals (``IncrementalAssignment``), so the
/// answer comes in milliseconds instead of a full re-solve, and is the same optimum a cold
/// solve of the changed round would give.
///
/// ```swift
/// let session = try RoundSession(model: try workspace.roundModel())
/// let moved = try session.apply(.pin(student: "S-014", internship: "I-203"))
/// let wouldMove = try session.whatIf(.ban(student: "S-020", internship: "I-7"))
/// ```
public final class RoundSession {
    public private(set) var model: RoundModel
    public private(set) var outcome: RoundOutcome
    private(set) var solver: IncrementalAssignment
    /// The model's internships as the pair rules read them, kept between tweaks (rebuilding
    /// them for every touched student would cost more than the repair).
    private var facts: [InternshipFacts]
    /// Per student position: internship position, or -1.
    private(set) var placedAt: [Int]
    /// The outcome's total score, kept up to date (summing 30,000 scores per tweak would cost
    /// more than the repair).
    private var scoreTotal: Int64

    /// Solves `model` cold and keeps the session.
    /// - Throws: ``RoundError`` (overfilled by fixed students, cancelled).
    /// - Complexity: the candidate graph and a cold solve.
    public init(model: RoundModel, shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) {
        let (solver, times) = try Self.coldSolver(model, shouldCancel: shouldCancel)
        coldTimes = times
        let placed = solver.internshipOfEveryStudent()
        self.solver = solver
        self.model = model
        facts = model.internships.map { InternshipFacts($0, on: model.date) }
        placedAt = placed
        outcome = RoundOutcome(model: model, internshipOfStudent: placed, dimacsObjective: solver.coldObjective)
        scoreTotal = outcome.totalScore
    }

    /// How long the last cold solve took, by part: building the candidate graph (with the
    /// round's rules) and solving it. For maintainers (the shell's `timer` shows them after a
    /// `match`): a match is measured against `bpv solve` of its round plus the graph's build.
    public private(set) var coldTimes: (graph: Duration, solve: Duration)

    private static func coldSolver(
        _ model: RoundModel, shouldCancel: (@Sendable () -> Bool)?
    ) throws(RoundError) -> (IncrementalAssignment, (graph: Duration, solve: Duration)) {
        if shouldCancel?() == true { throw .cancelled }
        let clock = ContinuousClock(), start = clock.now
        let round = try model.problem(shouldCancel: shouldCancel)
        let built = clock.now
        if shouldCancel?() == true { throw .cancelled }
        do {
            let solver = try IncrementalAssignment(round.graph.problem, shouldCancel: shouldCancel)
            return (solver, (built - start, clock.now - built))
        } catch {
            throw Self.roundError(error)
        }
    }

    /// A change that may alter every arc (an import, new weights): solved cold, compared with
    /// the round before it.
    private func resolve(_ changed: RoundModel, shouldCancel: (@Sendable () -> Bool)?) throws(RoundError) -> RoundChanges {
        let (solver, times) = try Self.coldSolver(changed, shouldCancel: shouldCancel)
        let placed = solver.internshipOfEveryStudent()
        let after = RoundOutcome(model: changed, internshipOfStudent: placed, dimacsObjective: solver.coldObjective)
        let changes = outcome.changes(to: after)
        self.solver = solver
        coldTimes = times
        model = changed
        facts = changed.internships.map { InternshipFacts($0, on: changed.date) }
        placedAt = placed
        outcome = after
        scoreTotal = after.totalScore
        return changes
    }

    /// Applies a change to the round and repairs it.
    /// - Returns: who moved, and the change in placed count and total score.
    /// - Throws: ``RoundError``; the session is unchanged then.
    /// - Complexity: O(internships) per touched student to rebuild its arcs, the repair (usually
    ///   a few searches), O(students) compares to find who moved. An internship that opens or
    ///   closes also rebuilds the arcs of every student in its reach.
    @discardableResult
    public func apply(_ change: RoundChange, shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> RoundChanges {
        var changed = model
        try changed.apply(change)
        if change.changesEveryArc { return try resolve(changed, shouldCancel: shouldCancel) }
        let edits = try solverChanges(for: change, in: changed)
        do {
            try solver.apply(edits)
        } catch {
            throw Self.roundError(error)
        }
        let after = solver.internshipOfEveryStudent()
        let moved = diff(after, in: changed, touched: change.students)
        switch change {
        case .places(let id, _, _), .offers(let id, _):
            if let j = changed.position(ofInternship: id) { facts = Self.facts(facts, changed, changing: j) }
        default: break
        }
        model = changed
        refresh(after, touched: change.students)
        return moved
    }

    /// What one more internship, not in the round, would do: the students it is open to get an
    /// arc to it (as the candidate graph would give them), on a snapshot of the solver that is
    /// put back afterwards. Held and pinned students keep their place.
    /// - Returns: who would move (the new internship as `internship.internshipID`), and the
    ///   change in placed count and total score.
    /// - Complexity: O(students) to find its candidates, plus one repair.
    public func whatIf(adding internship: Internship) throws(RoundError) -> RoundChanges {
        let m = model.internships.count, fixed = model.fixed
        let facts = [InternshipFacts(internship, on: model.date)]
        var changes: [AssignmentChange] = [.addInternship(places: Int32(internship.capacity), supportPlaces: Int32(internship.supportCapacity))]
        for (k, student) in model.students.enumerated() where fixed[student.studentID] == nil {
            for arc in CandidateGraph.arcs(for: student, facts: facts, settings: model.settings, banned: [], previous: nil, on: model.date) {
                changes.append(.setArc(student: k, arc: Arc(internship: Int32(m), cost: arc.cost)))
            }
        }
        guard changes.count > 1 else {
            return RoundChanges(moves: [], placed: (outcome.placedCount, outcome.placedCount), score: (scoreTotal, scoreTotal))
        }
        let after: [Int]
        do {
            after = try solver.whatIf(changes) { s in s.internshipOfEveryStudent() }
        } catch let error as SolverError {
            throw Self.roundError(error)
        } catch {
            throw .solver("\(error)")
        }
        // The same accounting as any what-if, over the round with the internship appended.
        let widened = RoundModel(students: model.students, internships: model.internships + [internship], settings: model.settings)
        return diff(after, in: widened, touched: [])
    }

    /// What a change would do, without keeping it.
    /// - Returns: who would move, and the change in placed count and total score.
    /// - Complexity: that of ``apply(_:)`` plus O(students + internships) to save and restore.
    public func whatIf(_ change: RoundChange, shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> RoundChanges {
        var changed = model
        try changed.apply(change)
        if change.changesEveryArc { return outcome.changes(to: try changed.solve(shouldCancel: shouldCancel)) }
        let changes = try solverChanges(for: change, in: changed)
        let after: [Int]
        do {
            after = try solver.whatIf(changes) { s in s.internshipOfEveryStudent() }
        } catch let error as SolverError {
            throw Self.roundError(error)
        } catch {
            throw .solver("\(error)")
        }
        return diff(after, in: changed, touched: change.students)
    }

    /// Who moves from the current outcome to `after` (per student position, under `m`), and the
    /// change in placed count and total score.
    /// - Complexity: O(students) compares, plus O(moved · log moved).
    private func diff(_ after: [Int], in m: RoundModel, touched: [StudentID]) -> RoundChanges {
        var positions: [Int] = []
        for k in 0 ..< after.count where after[k] != placedAt[k] { positions.append(k) }
        var rescored = Set(positions)
        for id in touched { if let k = m.position(ofStudent: id) { rescored.insert(k) } }
        var placedDelta = 0, scoreDelta: Int64 = 0
        for k in rescored {
            let student = m.students[k], id = student.studentID
            let old = outcome.scoreOf[id].map { Int64($0.total) } ?? 0
            let new = after[k] >= 0 ? Int64(m.settings.score(student, m.internships[after[k]]).total) : 0
            scoreDelta += new - old
            placedDelta += (after[k] >= 0 ? 1 : 0) - (outcome.internshipOf[id] != nil ? 1 : 0)
        }
        let moves = positions.map { k in
            RoundChanges.Move(student: m.students[k].studentID,
                              from: placedAt[k] >= 0 ? m.internships[placedAt[k]].internshipID : nil,
                              to: after[k] >= 0 ? m.internships[after[k]].internshipID : nil)
        }.sorted { $0.student < $1.student }
        return RoundChanges(moves: moves, placed: (outcome.placedCount, outcome.placedCount + placedDelta),
                            score: (scoreTotal, scoreTotal + scoreDelta))
    }

    /// What forcing `student` to `internship` would do (`why-not`), from the potentials and one
    /// repair on a snapshot: the rule that forbids it, or the exact change to the round and the
    /// chain of students it displaces.
    /// - Complexity: that of ``whatIf(_:)``.
    public func force(_ student: StudentID, _ internship: InternshipID) throws(RoundError) -> ForcedPair {
        if let obstacle = try model.obstacle(student, internship, in: outcome) {
            return ForcedPair(student: student, internship: internship, outcome: obstacle)
        }
        do {
            return ForcedPair(student: student, internship: internship,
                              outcome: .allowed(try whatIf(.pin(student: student, internship: internship))))
        } catch {
            if case .refused(.overfilled(let o, _)) = error {
                return ForcedPair(student: student, internship: internship,
                                  outcome: .fullWithFixedStudents(o.held.map(\.student).filter { $0 != student }))
            }
            throw error
        }
    }

    /// Explains a student's place, forcing alternatives through this session.
    /// - Complexity: O(internships) to find the alternatives, plus one ``force(_:_:)`` for each
    ///   better one.
    public func why(_ student: StudentID, alternatives: Int = 3) throws(RoundError) -> PlacementExplanation {
        try model.why(student, in: outcome, alternatives: alternatives, force: { (s, i) throws(RoundError) in try self.force(s, i).outcome })
    }

    /// Checks the live round with the independent certificate (feasible, every reduced cost
    /// non-negative, no augmenting path). The shell runs it before storing a round; debug
    /// builds also run it after every repair.
    /// - Complexity: O(arcs).
    public func certify() throws(RoundError) {
        do {
            try OptimalityCertificate.verify(solver.assignment, for: solver.problem())
        } catch {
            throw .solver("the live round failed its optimality certificate: \(error)")
        }
    }

    /// Makes `placements` the previous draft (after the round is stored): moving away from them
    /// now costs the stability weight. Nobody moves.
    /// - Complexity: O(internships) per student whose previous internship changes.
    public func rebase(on placements: [StudentID: InternshipID]) throws(RoundError) {
        let changedStudents = Set(model.previous.keys).union(placements.keys).filter { model.previous[$0] != placements[$0] }
        var changed = model
        changed.previous = placements
        // The stability bonus moves from each student's old place to the new one: two arc
        // costs change, no geometry does. So the solver's own arcs are re-costed in place
        // instead of each student's arcs being rebuilt (which took seconds after a match of
        // 20,000 students). Pinned and held students, whose arcs are built differently, and
        // bonuses on arcs the solver does not have, go the full way.
        let weight = Int64(max(model.settings.stabilityWeight, 0))
        let oldFixed = model.fixed, newFixed = changed.fixed
        var changes: [AssignmentChange] = [], rebuilt: [StudentID] = []
        for id in changedStudents where weight > 0 {
            guard oldFixed[id] == nil, newFixed[id] == nil, let k = model.position(ofStudent: id) else {
                rebuilt.append(id)
                continue
            }
            let arcs = solver.arcs(of: k)
            func recost(_ internship: InternshipID?, by delta: Int64) {
                guard let internship, let j = model.position(ofInternship: internship),
                      let arc = arcs.first(where: { $0.internship == Int32(j) })
                else { return }
                changes.append(.setArc(student: k, arc: Arc(internship: arc.internship, cost: arc.cost + delta)))
            }
            recost(model.previous[id], by: weight)
            recost(placements[id], by: -weight)
        }
        changes += try solverChanges(for: rebuilt, in: changed, facts: facts)
        do {
            try solver.apply(changes)
        } catch {
            throw Self.roundError(error)
        }
        model = changed
        refresh(solver.internshipOfEveryStudent(), touched: [])
    }

    // MARK: Plumbing

    /// The solver's changes for a round change: the touched students' arcs and tiers, and for
    /// an internship's places its capacities (plus, when the internship opens, closes, or its
    /// support places cross 0 or 1, the arcs of the students it is in reach of, whose candidate
    /// set or support-scarcity cost changes).
    private func solverChanges(for change: RoundChange, in m: RoundModel) throws(RoundError) -> [AssignmentChange] {
        if case .offers(let id, _) = change {
            // The students the internship opens to or closes for rebuild their arcs.
            guard let j = m.position(ofInternship: id), let old = model.internship(id), let new = m.internship(id) else {
                throw .refused(.noInternship(id.value))
            }
            func open(_ i: Internship) -> Internship {
                var open = i
                open.capacity = max(open.capacity, 2)
                open.supportCapacity = max(open.supportCapacity, 2)
                return open
            }
            let fixed = m.fixed
            // Only a student who needs an accommodation whose offer changed can gain or lose
            // the internship (offers change no arc's cost): the bit test spares the pair rules
            // for everyone else.
            let changedOffers = old.offers.bits ^ new.offers.bits
            let reach = m.students.filter { s in
                s.needs.bits & changedOffers != 0 && fixed[s.studentID] == nil
                    && (m.settings.exclusions(s, open(new), on: m.date).isEmpty || model.settings.exclusions(s, open(old), on: model.date).isEmpty)
            }.map(\.studentID)
            return try solverChanges(for: reach, in: m, facts: Self.facts(facts, m, changing: j))
        }
        guard case .places(let id, _, _) = change else {
            // A student held at the same internship before and after (a proposal accepted, a
            // placement started, a proposed student committed) keeps the same one arc: telling
            // the solver anyway would take the student out and back, and a repair may then
            // reshuffle others between equally good drafts for nothing.
            let touched = change.students.filter { s in
                guard let was = model.fixedInternship(of: s), was == m.fixedInternship(of: s) else { return true }
                return model.student(s) != m.student(s)
            }
            return try solverChanges(for: touched, in: m, facts: facts) + placesRefresh(for: change, in: m)
        }
        guard let j = m.position(ofInternship: id), let old = model.internship(id), let new = m.internship(id),
              let places = m.solverPlaces(of: id)
        else {
            throw .refused(.noInternship(id.value))
        }
        func shape(_ i: Internship) -> (Bool, Int) { (i.capacity > 0, min(i.supportCapacity, 2)) }
        var out: [AssignmentChange] = [
            .setCapacity(internship: j, places: Int32(clamping: places.places)),
            .setSupportCapacity(internship: j, places: Int32(clamping: places.support)),
        ]
        if shape(old) != shape(new) {
            // Who could use the internship at all, whatever its places.
            var open = new
            open.capacity = max(open.capacity, 2)
            open.supportCapacity = max(open.supportCapacity, 2)
            let fixed = m.fixed
            let reach = m.students.filter { s in
                fixed[s.studentID] == nil && m.settings.exclusions(s, open, on: m.date).isEmpty
            }.map(\.studentID)
            out += try solverChanges(for: reach, in: m, facts: Self.facts(facts, m, changing: j))
        }
        return out
    }

    /// Places of the internships a held placement leaves or joins, as the solver sees them:
    /// they differ from the imported places only where held placements overfill an internship
    /// (a workspace made before the register), and then follow the held count.
    private func placesRefresh(for change: RoundChange, in m: RoundModel) -> [AssignmentChange] {
        var ids = Set<InternshipID>()
        for s in change.students {
            if let i = model.fixedInternship(of: s) { ids.insert(i) }
            if let i = m.fixedInternship(of: s) { ids.insert(i) }
        }
        var out: [AssignmentChange] = []
        for id in ids.sorted() {
            guard let j = m.position(ofInternship: id), let was = model.solverPlaces(of: id), let now = m.solverPlaces(of: id),
                  was != now else { continue }
            out.append(.setCapacity(internship: j, places: Int32(clamping: now.places)))
            out.append(.setSupportCapacity(internship: j, places: Int32(clamping: now.support)))
        }
        return out
    }

    /// Each touched student's arcs and tier as the changed model gives them.
    /// `facts` with internship `j` read again from `m`.
    private static func facts(_ facts: [InternshipFacts], _ m: RoundModel, changing j: Int) -> [InternshipFacts] {
        var out = facts
        out[j] = InternshipFacts(m.internships[j], on: m.date)
        return out
    }

    private func solverChanges(for students: [StudentID], in m: RoundModel, facts: [InternshipFacts]) throws(RoundError) -> [AssignmentChange] {
        var out: [AssignmentChange] = []
        let fixed = m.fixed
        for id in students {
            guard let k = m.position(ofStudent: id), let s = m.student(id) else { throw .refused(.noStudent(id.value)) }
            if let i = fixed[id], let j = m.position(ofInternship: i), let internship = m.internship(i) {
                out.append(.setArcs(student: k, arcs: [Arc(internship: Int32(j), cost: Int64(m.settings.score(s, internship).total))]))
                out.append(.setTier(student: k, tier: CandidateGraph.fixedTier))
            } else {
                let banned = Set(m.bans.filter { $0.student == id }.compactMap { m.position(ofInternship: $0.internship).map(Int32.init) })
                let arcs = CandidateGraph.arcs(for: s, facts: facts, settings: m.settings, banned: banned,
                                               previous: m.previous[id].flatMap { m.position(ofInternship: $0) }.map(Int32.init), on: m.date)
                out.append(.setArcs(student: k, arcs: arcs.map { Arc(internship: $0.internship, cost: $0.cost) }))
                out.append(.setTier(student: k, tier: s.priority))
            }
        }
        return out
    }

    /// Brings ``outcome`` up to date with the solver: moved students and `touched` ones (whose
    /// score may change in place, after a travel-mode change).
    private func refresh(_ after: [Int], touched: [StudentID]) {
        var changedPositions = Set<Int>()
        for k in 0 ..< after.count where after[k] != placedAt[k] { changedPositions.insert(k) }
        for id in touched { if let k = model.position(ofStudent: id) { changedPositions.insert(k) } }
        var unplacedChanged = false
        var unplaced = outcome.unplaced
        for k in changedPositions {
            let student = model.students[k], id = student.studentID
            scoreTotal -= outcome.scoreOf[id].map { Int64($0.total) } ?? 0
            if after[k] >= 0 {
                let internship = model.internships[after[k]]
                let score = model.settings.score(student, internship)
                outcome.internshipOf[id] = internship.internshipID
                outcome.scoreOf[id] = score
                scoreTotal += Int64(score.total)
                if placedAt[k] < 0 { unplaced.removeAll { $0 == id }; unplacedChanged = true }
            } else {
                outcome.internshipOf[id] = nil
                outcome.scoreOf[id] = nil
                if placedAt[k] >= 0 { unplaced.append(id); unplacedChanged = true }
            }
        }
        if unplacedChanged { outcome.unplaced = unplaced.sorted() }
        outcome.fixed = model.fixed
        outcome.dimacsObjective = solver.coldObjective
        placedAt = after
    }

    static func roundError(_ error: SolverError) -> RoundError {
        switch error {
        case .cancelled: .cancelled
        case .infeasible(let s): .refused(.mustBePlaced("\(s)"))
        default: .solver("\(error)")
        }
    }
}

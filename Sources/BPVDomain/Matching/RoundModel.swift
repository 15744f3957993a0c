import BPVSolver

/// A student and an internship, by id.
public struct Pair: Hashable, Sendable, CustomStringConvertible {
    public var student: String
    public var internship: String

    public init(_ student: String, _ internship: String) {
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
    public internal(set) var pins: [String: String]
    /// Student → internship, agreed and committed.
    public internal(set) var commitments: [String: String]
    public internal(set) var bans: Set<Pair>
    /// Student → internship in the previous draft, for minimum disruption (see
    /// ``MatchSettings/stabilityWeight``): moving away from it costs that weight.
    public var previous: [String: String]
    private var studentIndex: [String: Int]
    private var internshipIndex: [String: Int]

    public init(
        students: [Student], internships: [Internship], settings: MatchSettings,
        pins: [String: String] = [:], commitments: [String: String] = [:], bans: Set<Pair> = [],
        previous: [String: String] = [:]
    ) {
        self.previous = previous
        self.students = students
        self.internships = internships
        self.settings = settings
        self.pins = pins
        self.commitments = commitments
        self.bans = bans
        studentIndex = Dictionary(students.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        internshipIndex = Dictionary(internships.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Looking up

    /// - Complexity: O(1).
    public func student(_ id: String) -> Student? { studentIndex[id].map { students[$0] } }

    /// - Complexity: O(1).
    public func internship(_ id: String) -> Internship? { internshipIndex[id].map { internships[$0] } }

    /// Where a student is fixed (committed first, then pinned), if anywhere.
    public func fixedInternship(of student: String) -> String? { commitments[student] ?? pins[student] }

    // MARK: Changing (what-if)

    /// Fixes a student at an internship, as the shell's `pin` does.
    /// - Throws: ``RoundError/notFound(_:)`` for an unknown id.
    public mutating func pin(student: String, internship: String) throws(RoundError) {
        try require(student: student, internship: internship)
        pins[student] = internship
    }

    public mutating func unpin(student: String) throws(RoundError) {
        guard pins.removeValue(forKey: student) != nil else { throw .notFound("no pin for student \(student)") }
    }

    public mutating func ban(student: String, internship: String) throws(RoundError) {
        try require(student: student, internship: internship)
        bans.insert(Pair(student, internship))
    }

    public mutating func unban(student: String, internship: String) throws(RoundError) {
        guard bans.remove(Pair(student, internship)) != nil else { throw .notFound("no ban for \(student) x \(internship)") }
    }

    /// Ends a commitment: the student is placed again, not at the same internship.
    public mutating func release(student: String) throws(RoundError) {
        guard let i = commitments.removeValue(forKey: student) else {
            throw .notFound("student \(student) has no committed placement")
        }
        pins[student] = nil
        bans.insert(Pair(student, i))
    }

    /// Makes placements final: committed students are fixed where they are committed.
    public mutating func commit(_ placements: [String: String]) throws(RoundError) {
        for (s, i) in placements { try require(student: s, internship: i) }
        for (s, i) in placements { commitments[s] = i }
    }

    /// Applies one change (as the shell's tweak commands do).
    public mutating func apply(_ change: RoundChange) throws(RoundError) {
        switch change {
        case .pin(let s, let i): try pin(student: s, internship: i)
        case .unpin(let s): try unpin(student: s)
        case .ban(let s, let i): try ban(student: s, internship: i)
        case .unban(let s, let i): try unban(student: s, internship: i)
        case .release(let s): try release(student: s)
        case .commit(let placements): try commit(placements)
        case .studentSetting(let s, let setting, let value): try set(setting, of: s, to: value)
        case .places(let i, let places, let support): try setCapacity(of: i, to: places, support: support)
        }
    }

    /// Changes one of a student's settings (for example a longer travel limit).
    public mutating func set(_ setting: StudentSetting, of student: String, to value: String) throws(RoundError) {
        guard let k = studentIndex[student] else { throw .notFound("no student \(student)") }
        do {
            try setting.apply(value, to: &students[k])
        } catch {
            throw .invalid("\(error)")
        }
    }

    /// Changes an internship's number of places (the employer has one place less, or more).
    public mutating func setCapacity(of internship: String, to places: Int, support: Int? = nil) throws(RoundError) {
        guard let k = internshipIndex[internship] else { throw .notFound("no internship \(internship)") }
        guard places >= 0 else { throw .invalid("capacity must be 0 or more, not \(places)") }
        internships[k].capacity = places
        internships[k].supportCapacity = min(support ?? internships[k].supportCapacity, places)
    }

    private func require(student: String, internship: String) throws(RoundError) {
        guard studentIndex[student] != nil else { throw .notFound("no student \(student)") }
        guard internshipIndex[internship] != nil else { throw .notFound("no internship \(internship)") }
    }

    // MARK: Solving

    /// Position of a student in ``students`` (the solver's index).
    public func position(ofStudent id: String) -> Int? { studentIndex[id] }

    /// Position of an internship in ``internships`` (the solver's index).
    public func position(ofInternship id: String) -> Int? { internshipIndex[id] }

    /// Students fixed by a commitment or a pin, and where (commitments win).
    public var fixed: [String: String] {
        var fixed = pins.filter { studentIndex[$0.key] != nil && internshipIndex[$0.value] != nil }
        for (s, i) in commitments where studentIndex[s] != nil && internshipIndex[i] != nil { fixed[s] = i }
        return fixed
    }

    /// Refuses fixed students who alone overfill an internship (or its support places).
    /// - Complexity: O(fixed students).
    public func checkFixedPlaces() throws(RoundError) {
        var taken: [String: (all: Int, support: Int, who: [String])] = [:]
        for (s, i) in fixed.sorted(by: { $0.key < $1.key }) {
            guard let j = internshipIndex[i], let k = studentIndex[s] else { continue }
            var t = taken[i] ?? (0, 0, [])
            t.all += 1
            if students[k].needsIntensiveSupport { t.support += 1 }
            t.who.append(s)
            taken[i] = t
            if t.all > internships[j].capacity || t.support > internships[j].supportCapacity {
                throw .overfilled(internship: i, students: t.who)
            }
        }
    }

    /// The problem the solver sees: every student, the fixed ones with their one arc and placed
    /// first, the others with an arc to every internship that passes the hard constraints and is
    /// not banned, scored, with the stability weight off the previous draft's internship.
    /// - Throws: ``RoundError/overfilled(internship:students:)`` when fixed students overfill an internship.
    /// - Complexity: O(students + internships + candidate pairs).
    public func problem(shouldCancel: (@Sendable () -> Bool)? = nil) throws(RoundError) -> RoundProblem {
        try checkFixedPlaces()
        let fixed = self.fixed
        var fixedAt: [Int: Int32] = [:], previousAt: [Int: Int32] = [:]
        for (s, i) in fixed { if let k = studentIndex[s], let j = internshipIndex[i] { fixedAt[k] = Int32(j) } }
        for (s, i) in previous where fixed[s] == nil {
            if let k = studentIndex[s], let j = internshipIndex[i] { previousAt[k] = Int32(j) }
        }
        let banned = Set(bans.map { "\($0.student)\u{1F}\($0.internship)" })
        do {
            let graph = try CandidateGraph(
                students: students, internships: internships, settings: settings, excluding: banned,
                fixed: fixedAt, previous: previousAt, shouldCancel: shouldCancel)
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
    public var fixed: [String: String]
}

/// A change a job coach makes to a round (see ``RoundSession``).
public enum RoundChange: Sendable, Equatable {
    case pin(student: String, internship: String)
    case unpin(student: String)
    case ban(student: String, internship: String)
    case unban(student: String, internship: String)
    /// The committed placement ends; the pair is banned.
    case release(student: String)
    /// Draft placements become final: student → internship.
    case commit([String: String])
    case studentSetting(student: String, StudentSetting, value: String)
    /// An internship's places and support places change (the employer has one place less).
    case places(internship: String, places: Int, support: Int)

    /// The students whose arcs or tier the change touches (for places: none directly).
    public var students: [String] {
        switch self {
        case .pin(let s, _), .unpin(let s), .ban(let s, _), .unban(let s, _), .release(let s), .studentSetting(let s, _, _): [s]
        case .commit(let placements): placements.keys.sorted()
        case .places: []
        }
    }
}

/// Why a round could not be computed or changed.
public enum RoundError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalid(String)
    /// Pinned and committed students alone overfill an internship.
    case overfilled(internship: String, students: [String])
    case cancelled
    case solver(String)

    public var description: String {
        switch self {
        case .notFound(let what): what
        case .invalid(let why): why
        case .overfilled(let i, let s):
            "internship \(i) is overfilled by pinned and committed students (\(s.joined(separator: ", ")))"
        case .cancelled: "cancelled; nothing was changed"
        case .solver(let why): "matching failed: \(why)"
        }
    }
}

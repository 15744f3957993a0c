
/// The optimal placements of a ``RoundModel``: the fixed students where they are fixed, the
/// others where the solver put them, with scores.
public struct RoundOutcome: Sendable {
    /// The settings the round was scored with.
    public let settings: MatchSettings
    /// Every placed student, fixed ones included → internship.
    public internal(set) var internshipOf: [String: String]
    /// Every placed student → score (lower is better; without the stability weight).
    public internal(set) var scoreOf: [String: ScoreBreakdown]
    /// Students fixed by a commitment or a pin.
    public internal(set) var fixed: [String: String]
    /// Students left without a place, by id.
    public internal(set) var unplaced: [String]
    /// Every student of the round, by id.
    public let studentIDs: [String]
    /// The solver's objective in DIMACS terms: arc costs (stability included) plus the exact
    /// penalty of each student left unplaced (what `bpv export --dimacs` and any min-cost-flow
    /// solver give for this round's graph).
    public internal(set) var dimacsObjective: Int64

    /// - Parameter internshipOfStudent: per student of `model.students`, the internship's position or -1.
    init(model: RoundModel, internshipOfStudent: [Int], dimacsObjective: Int64) {
        settings = model.settings
        fixed = model.fixed
        var placed: [String: String] = [:], scores: [String: ScoreBreakdown] = [:]
        var unplaced: [String] = []
        for (k, student) in model.students.enumerated() {
            let j = internshipOfStudent[k]
            if j >= 0 {
                let internship = model.internships[j]
                placed[student.id.value] = internship.id.value
                scores[student.id.value] = model.settings.score(student, internship)
            } else {
                unplaced.append(student.id.value)
            }
        }
        internshipOf = placed
        scoreOf = scores
        self.unplaced = unplaced.sorted()
        studentIDs = model.students.map(\.id.value)
        self.dimacsObjective = dimacsObjective
    }

    /// Students placed, fixed ones included.
    public var placedCount: Int { internshipOf.count }

    /// The sum of the scores of every placed student (lower is better).
    public var totalScore: Int64 { scoreOf.values.reduce(0) { $0 + Int64($1.total) } }

    /// Mean estimated one-way travel of the placed students, in minutes.
    public var meanTravelMinutes: Double {
        scoreOf.isEmpty ? 0 : Double(scoreOf.values.reduce(0) { $0 + $1.travelMinutes }) / Double(scoreOf.count)
    }

    /// Students placed at each internship.
    public func holders() -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (s, i) in internshipOf { out[i, default: []].append(s) }
        for k in out.keys { out[k]?.sort() }
        return out
    }

    /// Who moves from this round to `other`, and the change in placed count and total score.
    /// - Complexity: O(students).
    public func changes(to other: RoundOutcome) -> RoundChanges {
        RoundChanges(
            before: internshipOf, after: other.internshipOf, students: Set(studentIDs).union(other.studentIDs),
            placed: (placedCount, other.placedCount), score: (totalScore, other.totalScore))
    }
}

/// The difference between two rounds, or between a round and a what-if.
public struct RoundChanges: Sendable, Equatable {
    /// A student whose internship differs; nil is "unplaced".
    public struct Move: Sendable, Equatable {
        public var student: String
        public var from: String?
        public var to: String?
    }

    public var moves: [Move]
    public var placedBefore: Int
    public var placedAfter: Int
    public var scoreBefore: Int64
    public var scoreAfter: Int64

    /// Compares two placement maps (student → internship) over `students`.
    /// - Complexity: O(students log students).
    public init(
        before: [String: String], after: [String: String], students: Set<String>,
        placed: (Int, Int), score: (Int64, Int64)
    ) {
        moves = students.sorted().compactMap { s in
            before[s] == after[s] ? nil : Move(student: s, from: before[s], to: after[s])
        }
        (placedBefore, placedAfter) = placed
        (scoreBefore, scoreAfter) = score
    }

    /// Changes already computed (by a ``RoundSession``, from the students that moved).
    init(moves: [Move], placed: (Int, Int), score: (Int64, Int64)) {
        self.moves = moves
        (placedBefore, placedAfter) = placed
        (scoreBefore, scoreAfter) = score
    }

    public var isEmpty: Bool { moves.isEmpty && placedBefore == placedAfter && scoreBefore == scoreAfter }
}


/// The optimal placements of a ``RoundModel``: the fixed students where they are fixed, the
/// others where the solver put them, with scores.
public struct RoundOutcome: Sendable {
    /// The settings the round was scored with.
    public let settings: MatchSettings
    /// Every placed student, fixed ones included → internship.
    public internal(set) var internshipOf: [StudentID: InternshipID]
    /// Every placed student → score (lower is better; without the stability weight).
    public internal(set) var scoreOf: [StudentID: ScoreBreakdown]
    /// Students fixed by a commitment or a pin.
    public internal(set) var fixed: [StudentID: InternshipID]
    /// Students left without a place, by id.
    public internal(set) var unplaced: [StudentID]
    /// Every student of the round, by id.
    public let studentIDs: [StudentID]
    /// The solver's objective in DIMACS terms: arc costs (stability included) plus the exact
    /// penalty of each student left unplaced (what `bpv export dimacs FILE` and any min-cost-flow
    /// solver give for this round's graph).
    public internal(set) var dimacsObjective: Int64

    /// - Parameter internshipOfStudent: per student of `model.students`, the internship's position or -1.
    init(model: RoundModel, internshipOfStudent: [Int], dimacsObjective: Int64) {
        settings = model.settings
        fixed = model.fixed
        var placed: [StudentID: InternshipID] = [:], scores: [StudentID: ScoreBreakdown] = [:]
        var unplaced: [StudentID] = []
        for (k, student) in model.students.enumerated() {
            let j = internshipOfStudent[k]
            if j >= 0 {
                let internship = model.internships[j]
                placed[student.studentID] = internship.internshipID
                scores[student.studentID] = model.settings.score(student, internship)
            } else {
                unplaced.append(student.studentID)
            }
        }
        internshipOf = placed
        scoreOf = scores
        self.unplaced = unplaced.sorted()
        studentIDs = model.students.map(\.studentID)
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
    public func holders() -> [InternshipID: [StudentID]] {
        var out: [InternshipID: [StudentID]] = [:]
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
        public var student: StudentID
        public var from: InternshipID?
        public var to: InternshipID?
    }

    public var moves: [Move]
    public var placedBefore: Int
    public var placedAfter: Int
    public var scoreBefore: Int64
    public var scoreAfter: Int64

    /// Compares two placement maps (student → internship) over `students`.
    /// - Complexity: O(students log students).
    public init(
        before: [StudentID: InternshipID], after: [StudentID: InternshipID], students: Set<StudentID>,
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

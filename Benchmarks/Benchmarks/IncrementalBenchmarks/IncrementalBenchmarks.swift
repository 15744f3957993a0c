import Benchmark
import BPVSolver
import BPVSynthetic

/// A job coach's single-student tweaks on the 30,000-student generated region (7.4 million
/// arcs, `Instances.wide30k` of SolverBenchmarks), each repaired by `IncrementalAssignment`
/// against a cold solve of the same instance. Every sample is one tweak on a session that
/// keeps all earlier tweaks, as in a shell session; students are drawn with a fixed seed.
let region = SyntheticRegion(students: 30_000, internships: 9_000, seed: 1, areaKm: 110, meanCapacity: 4)
/// The same region with places for three quarters of the students (the shortage case of the
/// engine issue: every place taken, a quarter of the students waiting).
let shortRegion = SyntheticRegion(students: 30_000, internships: 9_000, seed: 1, areaKm: 110, placesRatio: 0.75)

/// A session on the region, and a seeded stream of students to tweak.
final class Tweaker: @unchecked Sendable {
    let session: IncrementalAssignment
    var rng = SeededGenerator(seed: 42)
    /// Students pinned so far at each internship (a pin beyond the places would be refused).
    var pinned: [Int32: Int32] = [:]

    init(_ instance: SyntheticRegion = region, mode: ShortageMode = .automatic) throws {
        session = try IncrementalAssignment(try instance.makeProblem(), shortageMode: mode)
    }

    /// A placed student with at least two arcs, and its arcs.
    func placedStudent() -> (Int, [Arc]) {
        while true {
            let s = Int.random(in: 0 ..< session.studentCount, using: &rng)
            let arcs = session.arcs(of: s)
            if session.internship(of: s) != nil, arcs.count >= 2 { return (s, arcs) }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(30),
        maxIterations: 300
    )

    Benchmark("cold solve 30k (reference)", configuration: .init(timeUnits: .milliseconds, maxIterations: 3)) { benchmark, problem in
        for _ in benchmark.scaledIterations { blackHole(try AssignmentSolver().solve(problem)) }
    } setup: {
        try region.makeProblem()
    }

    // What `match` adds before storing a live round: the independent certificate on the
    // session's current instance (materialised, then checked in O(arcs)).
    Benchmark("certify live round 30k", configuration: .init(timeUnits: .milliseconds, maxIterations: 10)) { benchmark, t in
        for _ in benchmark.scaledIterations {
            try OptimalityCertificate.verify(t.session.assignment, for: t.session.problem())
        }
    } setup: {
        try Tweaker()
    }

    tweaks("30k", region)
    tweaks("30k shortage", shortRegion)
}

/// The single-student tweaks on one region, each a benchmark of its own.
func tweaks(_ name: String, _ instance: SyntheticRegion, mode: ShortageMode = .automatic) {
    // Pin: the student is fixed at one of its other internships (must be placed there).
    Benchmark("tweak \(name): pin") { benchmark, t in
        for _ in benchmark.scaledIterations {
            var (s, arcs) = t.placedStudent()
            var other: Arc?
            while other == nil {
                let here = t.session.internship(of: s)
                // Students who need a job coach are left out here: their pins would also have to
                // fit the support places, which this benchmark does not track.
                if !t.session.needsSupport(s) {
                    other = arcs.first { Int($0.internship) != here && t.pinned[$0.internship, default: 0] < t.session.capacity(of: Int($0.internship)) }
                }
                if other == nil { (s, arcs) = t.placedStudent() }
            }
            guard let other else { continue }
            t.pinned[other.internship, default: 0] += 1
            blackHole(try t.session.apply([.setArcs(student: s, arcs: [other]), .setMustPlace(student: s, true)]))
        }
    } setup: {
        try Tweaker(instance, mode: mode)
    }

    // Ban: the pair the student is placed at is ruled out, so the student must move.
    Benchmark("tweak \(name): ban") { benchmark, t in
        for _ in benchmark.scaledIterations {
            let (s, _) = t.placedStudent()
            let here = Int32(t.session.internship(of: s) ?? 0)
            blackHole(try t.session.apply([.removeArc(student: s, internship: here)]))
        }
    } setup: {
        try Tweaker(instance, mode: mode)
    }

    // Travel limit: ten more minutes reach a few more internships, a little dearer than the
    // student's current ones.
    Benchmark("tweak \(name): travel limit") { benchmark, t in
        for _ in benchmark.scaledIterations {
            let (s, arcs) = t.placedStudent()
            let dearest = arcs.map(\.cost).max() ?? 0
            var more = arcs
            for k in 0 ..< 5 {
                let j = Int32.random(in: 0 ..< Int32(t.session.internshipCount), using: &t.rng)
                if !more.contains(where: { $0.internship == j }) { more.append(Arc(internship: j, cost: dearest + 1 + Int64(k))) }
            }
            blackHole(try t.session.apply([.setArcs(student: s, arcs: more)]))
        }
    } setup: {
        try Tweaker(instance, mode: mode)
    }

    // Removal: a placed student drops out; the freed place goes to whoever gains most.
    Benchmark("tweak \(name): removal") { benchmark, t in
        for _ in benchmark.scaledIterations {
            let (s, _) = t.placedStudent()
            blackHole(try t.session.apply([.removeStudent(s)]))
        }
    } setup: {
        try Tweaker(instance, mode: mode)
    }

    // Capacity: an internship has one place less.
    Benchmark("tweak \(name): one place less") { benchmark, t in
        for _ in benchmark.scaledIterations {
            let (s, _) = t.placedStudent()
            let j = t.session.internship(of: s) ?? 0
            blackHole(try t.session.apply([.setCapacity(internship: j, places: max(t.session.capacity(of: j) - 1, 0))]))
        }
    } setup: {
        try Tweaker(instance, mode: mode)
    }
}

import Benchmark
import BPVDimacs
import BPVSolver
import BPVSynthetic

/// The instances of Benchmarks/RESULTS.md: the same generator parameters as `compare.py`.
enum Instances {
    static let small = SyntheticRegion(students: 1_000, internships: 300, seed: 1, areaKm: 40)
    /// About 7.2 million candidate arcs: a dense metropolitan region.
    static let dense10k = SyntheticRegion(students: 10_000, internships: 5_000, seed: 1, areaKm: 22)
    /// About 7.4 million candidate arcs over a large area; places 1.2 times the students.
    static let wide30k = SyntheticRegion(students: 30_000, internships: 9_000, seed: 1, areaKm: 110, meanCapacity: 4)
    /// The same with 15% fewer places than students: a stress case.
    static let shortage30k = SyntheticRegion(students: 30_000, internships: 9_000, seed: 1, areaKm: 110, meanCapacity: 3)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(20),
        maxIterations: 20
    )

    let instances = [
        ("1k", Instances.small), ("10k", Instances.dense10k), ("30k", Instances.wide30k),
        ("30k-shortage", Instances.shortage30k),
    ]
    for (name, region) in instances {
        // Solve only: the problem is built once in setup.
        Benchmark("solve \(name)", configuration: .init(maxIterations: name == "1k" ? 200 : 5)) { benchmark, problem in
            for _ in benchmark.scaledIterations {
                blackHole(try AssignmentSolver().solve(problem))
            }
        } setup: {
            try region.makeProblem()
        }

        // The whole process of `bpv solve --dimacs`: read the file, solve, certify.
        Benchmark("read+solve+certify \(name)", configuration: .init(maxIterations: name == "1k" ? 100 : 3)) { benchmark, path in
            for _ in benchmark.scaledIterations {
                let instance = try DimacsReader.read(path: path)
                let result = try AssignmentSolver().solve(instance.problem)
                try OptimalityCertificate.verify(result, for: instance.problem)
                blackHole(instance.dimacsCost(of: result))
            }
        } setup: {
            let path = "/tmp/bpv-benchmark-\(name).dimacs"
            try DimacsWriter.write(try region.makeProblem(), to: path)
            return path
        }
    }
}

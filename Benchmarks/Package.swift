// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between clones (main,
/// fresh, bpv...): derive it rather than hard-code it.
let bpvPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

/// bpv's benchmarks, in their own package (as swift-collections does) so that the main package
/// does not depend on package-benchmark. Run from this folder: `swift package benchmark`.
let package = Package(
    name: "bpv-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SolverBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BPVSolver", package: bpvPackage),
                .product(name: "BPVDimacs", package: bpvPackage),
                .product(name: "BPVSynthetic", package: bpvPackage),
            ],
            path: "Benchmarks/SolverBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IncrementalBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BPVSolver", package: bpvPackage),
                .product(name: "BPVSynthetic", package: bpvPackage),
            ],
            path: "Benchmarks/IncrementalBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DomainBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BPVDomain", package: bpvPackage),
                .product(name: "BPVSolver", package: bpvPackage),
                .product(name: "BPVSynthetic", package: bpvPackage),
                .product(name: "BPVWorkspace", package: bpvPackage),
            ],
            path: "Benchmarks/DomainBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

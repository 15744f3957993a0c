// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between clones: derive it.
let bpvPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

/// libFuzzer targets for bpv's parsers of untrusted input, in their own package so that the main
/// build never links libFuzzer. Built and run by `make fuzz` (scripts/fuzz.sh) with
/// `-sanitize=fuzzer,address -parse-as-library`: libFuzzer provides `main` and calls
/// `LLVMFuzzerTestOneInput` with each generated input.
let package = Package(
    name: "bpv-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "BPVWorkspace", package: bpvPackage)]),
        .executableTarget(name: "FuzzWorkbook", dependencies: [
            "FuzzSupport", .product(name: "BPVSpreadsheet", package: bpvPackage), .product(name: "BPVWorkspace", package: bpvPackage),
        ]),
        .executableTarget(name: "FuzzDimacs", dependencies: ["FuzzSupport", .product(name: "BPVDimacs", package: bpvPackage)]),
        .executableTarget(name: "FuzzVerbs", dependencies: [
            "FuzzSupport", .product(name: "BPVShell", package: bpvPackage), .product(name: "BPVWorkspace", package: bpvPackage),
        ]),
        .executableTarget(name: "FuzzShellWords", dependencies: [
            "FuzzSupport", .product(name: "BPVShell", package: bpvPackage), .product(name: "BPVWorkspace", package: bpvPackage),
            .product(name: "BPVDomain", package: bpvPackage),
        ]),
    ]
)

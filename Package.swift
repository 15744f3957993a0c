// swift-tools-version: 6.1
import PackageDescription

/// bpv: internship matching for vulnerable students in Dutch vocational education.
///
/// Modules depend only downward:
/// - `BPVSolver`: certified-optimal capacitated assignment on integer indices (no I/O, no domain words).
/// - `BPVFiles`: the one seam for writing a file a user names (never over a database, all or nothing, 0600).
/// - `BPVDimacs`: DIMACS min-cost-flow text in and out, in the assignment shape.
/// - `BPVGeography`: every Dutch postcode area and place (a bundled table), the land outline, the distance formula.
/// - `BPVDomain`: students, internships, hard constraints, scoring and the candidate graph.
/// - `BPVWorkspace`: the SQLite workspace (GRDB), CSV import with located errors, the audit log.
/// - `BPVSynthetic`: seeded synthetic rounds (clustered towns, sectors, travel, support), scored by the domain's rules.
/// - `CEditLine` and `BPVLineEditor`: libedit (system library, pkg-config `libedit`) and its small Swift wrapper.
/// - `BPVPostgres`: the region's register on a PostgreSQL server: address, schema, roles, row-level security.
/// - `BPVShell`: the interactive shell and script runner: commands, parsing, rendering.
/// - `bpv`: the thin command-line executable.
let package = Package(
    name: "bpv",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bpv", targets: ["bpv"]),
        .library(name: "BPVSolver", targets: ["BPVSolver"]),
        .library(name: "BPVDimacs", targets: ["BPVDimacs"]),
        .library(name: "BPVSynthetic", targets: ["BPVSynthetic"]),
        .library(name: "BPVDomain", targets: ["BPVDomain"]),
        .library(name: "BPVWorkspace", targets: ["BPVWorkspace"]),
        .library(name: "BPVShell", targets: ["BPVShell"]),
        .library(name: "BPVReport", targets: ["BPVReport"]),
        .library(name: "BPVSpreadsheet", targets: ["BPVSpreadsheet"]),
        .library(name: "BPVFiles", targets: ["BPVFiles"]),
        .library(name: "BPVGeography", targets: ["BPVGeography"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The .xlsx container (a ZIP archive); MIT, Linux through the system zlib.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The register on a PostgreSQL server (issue: a region on one server); Vapor's client, MIT.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own dependencies, named because BPVPostgres imports them (TLS for sslmode, logging off).
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        .target(
            name: "BPVSolver",
            swiftSettings: [
                // Invariant checks (heap order, dual feasibility after each augmentation) run in
                // debug builds, so every test exercises them; release builds keep the hot loop lean.
                .define("BPV_INTERNAL_CHECKS", .when(configuration: .debug)),
            ]
        ),
        // The one way a file a user names is written: never over a database, whole or not at all.
        .target(name: "BPVFiles", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(
            name: "BPVDimacs",
            dependencies: ["BPVSolver", "BPVFiles", .product(name: "SystemPackage", package: "swift-system")]
        ),
        // Synthetic rounds are built with the domain's own rules and scores.
        .target(name: "BPVSynthetic", dependencies: ["BPVDomain", "BPVSolver"]),
        // Data tables as resource files, read once (GeoNames postcodes, CC BY 4.0; DCW outline, LGPL-3+).
        .target(name: "BPVGeography", resources: [.copy("Resources/nl-postcodes.csv"), .copy("Resources/nl-outline.csv")]),
        .target(name: "BPVDomain", dependencies: ["BPVSolver", "BPVGeography"]),
        // Spreadsheets: reading the cells of an .xlsx sheet and writing a workbook (no domain).
        .target(name: "BPVSpreadsheet", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "BPVWorkspace",
            dependencies: [
                "BPVDomain", "BPVGeography", "BPVSolver", "BPVSpreadsheet", "BPVFiles", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The region's register on PostgreSQL: the server's address (libpq's conventions), its
        // schema, roles and row-level security, schools and users.
        .target(
            name: "BPVPostgres",
            dependencies: [
                "BPVWorkspace", "BPVDomain", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(name: "BPVLineEditor", dependencies: ["CEditLine", .product(name: "SystemPackage", package: "swift-system")]),
        // The HTML report: below both front ends, beside the shell (which writes it for `report`).
        .target(name: "BPVReport", dependencies: ["BPVWorkspace", "BPVDomain", "BPVGeography", "BPVSpreadsheet"]),
        .target(name: "BPVShell", dependencies: ["BPVWorkspace", "BPVDomain", "BPVGeography", "BPVDimacs", "BPVLineEditor", "BPVSpreadsheet", "BPVReport"]),
        .executableTarget(
            name: "bpv",
            dependencies: [
                "BPVSolver", "BPVDimacs", "BPVSynthetic", "BPVDomain", "BPVWorkspace", "BPVShell", "BPVLineEditor", "BPVFiles",
                "BPVSpreadsheet", "BPVPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(name: "BPVFilesTests", dependencies: ["BPVFiles"]),
        .testTarget(name: "BPVGeographyTests", dependencies: ["BPVGeography"]),
        .testTarget(name: "BPVSolverTests", dependencies: ["BPVSolver", "BPVSynthetic"]),
        .testTarget(name: "BPVDimacsTests", dependencies: ["BPVDimacs", "BPVDomain", "BPVSolver", "BPVSynthetic"], exclude: ["Fixtures"]),
        .testTarget(name: "BPVDomainTests", dependencies: ["BPVDomain", "BPVGeography", "BPVSolver", "BPVSynthetic"]),
        .testTarget(
            name: "BPVWorkspaceTests",
            dependencies: [
                "BPVWorkspace", "BPVDomain", "BPVSpreadsheet", "BPVTestServer", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // A workspace made by an earlier release, opened (as a copy) by MigrationTests.
            exclude: ["Fixtures"]
        ),
        // A PostgreSQL server of the test run's own (initdb in a temporary folder, a Unix socket).
        .target(name: "BPVTestServer", dependencies: ["BPVPostgres", "BPVWorkspace"], path: "Tests/BPVTestServer"),
        .testTarget(name: "BPVPostgresTests", dependencies: ["BPVPostgres", "BPVTestServer", "BPVWorkspace"]),
        .testTarget(name: "BPVSpreadsheetTests", dependencies: ["BPVSpreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "BPVShellTests", dependencies: ["BPVShell", "BPVLineEditor", "BPVWorkspace", "BPVDomain", "BPVGeography", "BPVReport", "BPVTestServer"]),
        // GRDB: a test writes what an earlier release could store (raw control characters, far dates).
        .testTarget(name: "bpvEndToEndTests", dependencies: ["bpv", "BPVTestServer", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)

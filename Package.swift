// swift-tools-version: 6.1
//
// Mutualisation: the social-economy structures of a territory share their spaces.
// Every fact is an event in an append-only LMDB log; everything people see is a
// projection rebuilt from it. The layers (see README "Architecture"):
//
//   CLMDB, Domain  <-  LMDB  <-  EventLog  <-  App, Projections  <-  HTTP  <-  mutualise
import PackageDescription

/// One list of compiler settings for every target, so that the layers are held to
/// the same rules (Swift 6 language mode, strict concurrency, explicit imports).
let sharedSwiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Mutualisation",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "App", targets: ["App"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
    ],
    targets: [
        // C: liblmdb through pkg-config, behind a C-prefixed module.
        .systemLibrary(
            name: "CLMDB",
            path: "Sources/CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // CRC-32C with the processor's instruction when present: the per-record checksum.
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),
        // A small safe wrapper over LMDB: environment, scoped transactions, databases, cursors.
        .target(
            name: "LMDB",
            dependencies: ["CLMDB"],
            swiftSettings: sharedSwiftSettings
        ),
        // Storage only: append, read, subscribe, checkpoints, integrity chain, backup.
        .target(
            name: "EventLog",
            dependencies: [
                "LMDB",
                "CCRC32C",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // Pure rules: identifiers, values, commands, events, deciders. Depends on nothing.
        .target(
            name: "Domain",
            swiftSettings: sharedSwiftSettings
        ),
        // Command handling: load a stream, decide, seal personal data, append, retry; tokens.
        .target(
            name: "App",
            dependencies: [
                "Domain",
                "EventLog",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // Everything people see, as pure folds of the log, with the runner that rebuilds and follows them.
        .target(
            name: "Projections",
            dependencies: ["Domain", "EventLog"],
            path: "Projections",
            swiftSettings: sharedSwiftSettings
        ),
        // The 2012 history of the pôle (shared/context/2012-report.md), loaded as real commands.
        .target(
            name: "DemoHistory",
            dependencies: ["App", "Domain"],
            swiftSettings: sharedSwiftSettings
        ),
        // The HTTP API, feeds and the web application (Mustache templates) over Hummingbird 2.
        .target(
            name: "HTTP",
            dependencies: [
                "App", "Domain", "EventLog", "Projections",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // The executable: serve, demo, replay, history, report, audit, backup, export, import, tokens.
        .executableTarget(
            name: "mutualise",
            dependencies: [
                "App", "Domain", "EventLog", "Projections", "HTTP", "DemoHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // A child process for the crash-safety test: appends and prints each acknowledged position.
        .executableTarget(
            name: "eventlog-crash-child",
            dependencies: ["EventLog"],
            path: "tools/crash-child",
            swiftSettings: sharedSwiftSettings
        ),
        // Helpers shared by the test targets: temporary folders, child processes.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: sharedSwiftSettings
        ),
        // Benchmarks (tools/bench/run): our log side by side with raw LMDB in the same run.
        .executableTarget(
            name: "mutualise-bench",
            dependencies: ["EventLog", "LMDB", "CLMDB", "Domain", "App", "Projections"],
            path: "tools/bench/swift",
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "LMDBTests",
            dependencies: ["LMDB", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "LMDB", "CCRC32C", "TestSupport", "eventlog-crash-child"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "DomainTests",
            dependencies: ["Domain"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: ["Projections", "Domain", "EventLog", "App", "DemoHistory", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "DemoHistoryTests",
            dependencies: ["DemoHistory", "App", "Domain", "EventLog", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "HTTPTests",
            dependencies: [
                "HTTP", "App", "Domain", "EventLog", "Projections", "DemoHistory", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "MutualiseTests",
            dependencies: ["mutualise", "EventLog", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "AppTests",
            dependencies: ["App", "Domain", "EventLog", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
    ]
)

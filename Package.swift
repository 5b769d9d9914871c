// swift-tools-version: 6.1
// Unsent — a scripted coaching bot for keeping no contact after a breakup.
// GPL-3.0-or-later (it links GNU readline).
import PackageDescription

// Release builds give every function a section of its own, so that the linker can place the
// functions ordinary sessions run side by side (the list is Sources/unsent/link-order.txt, made
// by Scripts/link-order). The kernel maps a program's code in 64 KB runs around each page it
// touches: scattered over 20 MB of code, a session's few thousand functions keep about 16 MB of
// it resident; side by side, a few megabytes less (BENCHMARKS.md, peak memory).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release)),
]
let linkOrder = Context.packageDirectory + "/Sources/unsent/link-order.txt"

let package = Package(
    name: "unsent",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "unsent", targets: ["unsent"]),
        .library(name: "UnsentCore", targets: ["UnsentCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // The pure core: content model, parser, linter, engine, matching, safety. No I/O.
        .target(
            name: "UnsentCore",
            dependencies: ["CUtf8proc"],
            swiftSettings: swiftSettings,
            // utf8proc's static library on Linux ("-l:" names the file), so the binary and the .deb need no
            // libutf8proc2; macOS links whichever the system has.
            linkerSettings: [.linkedLibrary(":libutf8proc.a", .when(platforms: [.linux])),
                             .linkedLibrary("utf8proc", .when(platforms: [.macOS]))]),
        // utf8proc's character widths, for measuring text on the terminal (DisplayWidth).
        .systemLibrary(
            name: "CUtf8proc",
            providers: [.apt(["libutf8proc-dev"]), .brew(["utf8proc"])]),
        // The session store: SQLite through GRDB. It names event kinds and fields as the core does (EventKind).
        .target(
            name: "UnsentStore",
            dependencies: ["UnsentCore", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // SQLite settings made through variadic C calls, which Swift cannot make (the system SQLite GRDB links).
        .systemLibrary(
            name: "CSQLiteConfig",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // GNU readline, as a system library (like GRDB's own SQLite target).
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"])]),
        // The bundled Content/ folder, embedded into the binary at build time.
        .target(
            name: "UnsentContent",
            swiftSettings: swiftSettings,
            plugins: ["EmbedContentPlugin"]),
        .executableTarget(
            name: "ContentEmbedder",
            swiftSettings: swiftSettings),
        .plugin(
            name: "EmbedContentPlugin",
            capability: .buildTool(),
            dependencies: ["ContentEmbedder"],
            path: "Sources/EmbedContentPlugin"),
        // The thin shell: commands, terminal, rendering.
        .executableTarget(
            name: "unsent",
            dependencies: [
                "UnsentCore", "UnsentStore", "UnsentContent", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["link-order.txt"],
            swiftSettings: swiftSettings,
            // GNU gold reads the order as section names (lld would want another option).
            linkerSettings: [.unsafeFlags(["-use-ld=gold", "-Xlinker", "--section-ordering-file=\(linkOrder)"],
                                          .when(configuration: .release))]),
        // Test helpers shared by the test targets: starting child processes without Foundation's Process.
        .target(name: "UnsentTestSupport", path: "Tests/UnsentTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "UnsentCoreTests",
            dependencies: ["UnsentCore", "UnsentContent"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "UnsentStoreTests",
            dependencies: ["UnsentStore", "UnsentCore", "UnsentTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "UnsentCLITests",
            dependencies: ["UnsentCore", "UnsentTestSupport"],
            exclude: ["Expected"],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)

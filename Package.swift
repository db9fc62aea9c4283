// swift-tools-version:6.1
import CompilerPluginSupport
import PackageDescription

// psea: submission, validation and scoring for the Public Sector Excellence Awards
// (participatory-governance branch). Data flows one way:
// file -> Intake -> Model -> Scoring (with Rubric) -> Panel -> Ranking -> Export, persisted by Store;
// Results drives a round's ranking, exports and reports over Round, Ranking and Export.
let package = Package(
    name: "psea",
    products: [
        .executable(name: "psea", targets: ["psea"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The only C of the project's own: libxml2 (through pkg-config) and a shim header, which also holds the one
        // allocator setting the psea executable makes (`psea_map_buffers_from`).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Embeds data files in the binary as Swift source (no `Bundle.module`, which a copied or installed binary
        // cannot find): the tool writes one enum of texts; the plugin gives it the files of each target it serves.
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        // The application model, diagnostics and Thai conventions shared by every module, the scoring-mode
        // vocabulary, the one CSV field writer, JSON string escaper and terminal text table (TextFormats.swift)
        // that every module writes with, the one registry of problem codes (ProblemCode) with the Problem protocol
        // that every module's findings conform to, the Thai and English names of every closed list's keys
        // (`Data/labels.json`) and the 77 provinces (`Data/provinces.json`) with the one lookup that applications,
        // judges and the conflict rules share; both data files are embedded by the plugin.
        .target(name: "Model", dependencies: ["ModelMacros"], exclude: ["Data"], plugins: ["EmbedFilesPlugin"]),
        // `@MemberwiseInit`: the memberwise initialiser at a struct's own access level (Swift writes one only for use
        // inside its module), so the model's values and the panel's records need no hand-written `self.x = x`.
        .macro(
            name: "ModelMacros",
            dependencies: [
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        // Reading XML and JSON applications into the model, each format at two speeds (fast path, locating path)
        // over one mapper; the input checks (size, empty, UTF-8) in one place; schema checks and business rules.
        // The schemas (`Schemas/`) are embedded by the plugin.
        .target(
            name: "Intake",
            dependencies: ["Model", "CLibXML2"],
            exclude: ["Schemas"],
            plugins: ["EmbedFilesPlugin"]
        ),
        // Rubric files (YAML): parsed, decoded into the typed rubric, checked; the shipped `Rubrics/` folder is
        // embedded by the plugin and is the catalogue used unless `--rubrics` or `$PSEA_RUBRICS` names a folder.
        .target(
            name: "Rubric",
            dependencies: ["Model", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedFilesPlugin"]
        ),
        // Automatic criteria: scores computed from an application alone, with their trail.
        .target(name: "Scoring", dependencies: ["Model", "Rubric"]),
        // The judging panel as plain values and pure functions: judges, conflicts, assignments and scores (the one
        // home of each), CSV files, conflict merging, assignment (first run and top-up), score checks, aggregation.
        .target(name: "Panel", dependencies: ["Model"]),
        // The competition database: an append-only, hash-chained ledger of events and the projections derived from it.
        // Panel's values become records and ledger payloads here, as extensions (`Judge+Record.swift`, …); what each
        // fact must satisfy before it is appended is written once, in `StoreBatch` (`Batch.swift`). Rubric and
        // Scoring give the entry facts projection (`EntryFacts+Record.swift`): each entry's automatic criteria under
        // its frozen rubric, rebuilt from the events like every projection.
        .target(
            name: "Store",
            dependencies: [
                "Model",
                "Panel",
                "Rubric",
                "Scoring",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, which the sealed check reads rows with (no Swift value made per column).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A competition round: ingest, judges, conflicts, assignment, scores and the read model built from the store;
        // the rubrics' rules for the intake (narrative limits, known sub-types).
        .target(name: "Round", dependencies: ["Model", "Intake", "Rubric", "Scoring", "Panel", "Store"]),
        // Final scores, gates, award levels, site-visit flags and ranks with the tie-break cascade, as pure functions.
        .target(name: "Ranking", dependencies: ["Model", "Rubric", "Scoring", "Panel"]),
        // Published results: CSV, JSON, the static HTML page and the applicants' feedback reports; psea's one
        // template system (`HTMLTemplates`: Mustache, escaping by default), whose templates (`Templates/`) the plugin
        // embeds and which the web pages use too.
        .target(
            name: "Export",
            dependencies: [
                "Model", "Rubric", "Scoring", "Ranking", "Panel", .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Templates"],
            plugins: ["EmbedFilesPlugin"]
        ),
        // The round's results workflow: ranking runs with their lottery seeds (a typed scope), exports and their
        // verification against the ledger, feedback reports and site visits. Its own target above Round, Ranking
        // and Export because it needs all three, while Ranking and Export stay pure and Round knows nothing of them.
        .target(
            name: "Results",
            dependencies: ["Model", "Intake", "Rubric", "Scoring", "Panel", "Store", "Round", "Ranking", "Export"]
        ),
        // The web workspace (`psea serve`): a Hummingbird server over the same database and ledger, with sessions from
        // invite links, CSRF tokens and security headers; its Mustache templates (`Templates/`, escaping by default)
        // are embedded by the plugin.
        .target(
            name: "Web",
            dependencies: [
                "Model", "Intake", "Rubric", "Scoring", "Panel", "Store", "Round", "Ranking", "Export", "Results",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Templates"],
            plugins: ["EmbedFilesPlugin"]
        ),
        // The command-line front: a thin layer of ArgumentParser commands; the options every round command shares
        // (database, actor, language, rubrics) are one group, `RoundOptions`.
        .executableTarget(
            name: "psea",
            dependencies: [
                "Model", "Intake", "Rubric", "Scoring", "Store", "Panel", "Round", "Ranking", "Export", "Results", "Web", "CLibXML2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share (like Hummingbird's `HummingbirdTesting`): paths in the source tree, temporary
        // folders, stores and rounds, the rubric built in code, the rubric catalogues loaded once per process, sample
        // applications and the harness that runs the built `psea`. A regular target with `package` access.
        .target(
            name: "PSEATestSupport",
            dependencies: [
                "Model", "Intake", "Rubric", "Panel", "Store", "Round", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/PSEATestSupport"
        ),
        .testTarget(name: "ModelTests", dependencies: ["Model", "PSEATestSupport"]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Model", "PSEATestSupport"]),
        .testTarget(name: "RubricTests", dependencies: ["Rubric", "Model", "PSEATestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Rubric", "Intake", "Model", "PSEATestSupport"]),
        .testTarget(name: "PanelTests", dependencies: ["Panel", "Model"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Panel", "Model", "PSEATestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "RankingTests", dependencies: ["Ranking", "Rubric", "Scoring", "Panel", "Model", "PSEATestSupport"]),
        .testTarget(
            name: "ExportTests", dependencies: ["Export", "Ranking", "Rubric", "Scoring", "Panel", "Model", "PSEATestSupport"]
        ),
        .testTarget(
            name: "RoundTests",
            dependencies: [
                "Round", "Store", "Panel", "Rubric", "Scoring", "Intake", "Model", "PSEATestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ResultsTests",
            dependencies: [
                "Results", "Round", "Store", "Export", "Ranking", "Rubric", "Scoring", "Intake", "Model", "PSEATestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Round", "Store", "Panel", "Model", "Ranking", "Export", "Results", "PSEATestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "CLITests", dependencies: ["psea", "Model", "Store", "PSEATestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

// Fuzzing (`Fuzz/`, see `Fuzz/README.md`): one libFuzzer executable per reader, declared only when `PSEA_FUZZ` is
// set (as `Fuzz/run.sh` does, with its own scratch path), so the normal build and tests never see them. They live in
// this package, not one of their own, because the readers' entry points have `package` access. The sanitizers are
// set per target, not with `swift build --sanitize`, which would build the build tool and the macro plugin with
// them too (neither links then): the package's own library targets get the coverage and address instrumentation.
if Context.environment["PSEA_FUZZ"] != nil {
    let sanitizers = ["-sanitize=fuzzer,address"]
    for target in package.targets where target.type == .regular {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(sanitizers)]
    }
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzXML", []),
        ("FuzzJSON", []),
        ("FuzzCSV", ["Panel", "Model"]),
        ("FuzzRubric", ["Rubric", "Model"]),
    ]
    // libFuzzer's driver declared for Swift, and what the targets share (the entry point, the application run).
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/Sources/FuzzDriver"),
        .target(
            name: "FuzzSupport", dependencies: ["FuzzDriver", "Intake", "Model", "Rubric"], path: "Fuzz/Sources/FuzzSupport",
            swiftSettings: [.unsafeFlags(sanitizers)]),
    ]
    for target in fuzzTargets {
        package.products.append(.executable(name: target.name, targets: [target.name]))
        package.targets.append(
            .executableTarget(
                name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Fuzz/Sources/\(target.name)",
                swiftSettings: [.unsafeFlags(sanitizers + ["-parse-as-library"])], linkerSettings: [.unsafeFlags(sanitizers)]))
    }
}

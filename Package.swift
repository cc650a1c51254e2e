// swift-tools-version:6.0
// TimelineKit: the Swift side of timelinec, and timelinec itself, built by SwiftPM for the
// build-tool plugin. Each target has its own path, so SwiftPM reads nothing else of the
// repository (the Makefile builds the same C sources on its own). See docs/swift.md.
import PackageDescription

// What the Makefile's CPPFLAGS_ALL defines (and -std=c11 below): keep the two in step.
let cDefines: [CSetting] = [
    .define("TLC_BUILDING"),
    .define("TLC_VERSION", to: "\"0.1.0\""),
    .define("_POSIX_C_SOURCE", to: "200809L"),
]

let package = Package(
    name: "timelinec",
    platforms: [
        .iOS("16.1"),
        .macOS(.v13),
    ],
    products: [
        .library(name: "TimelineKit", targets: ["TimelineKit"]),
        // The C runtime core: instantiate programs on device (no ICU, no cJSON).
        .library(name: "TimelineCore", targets: ["TimelineCore"]),
        // WidgetKit, SwiftUI and ActivityKit helpers: Apple platforms only. Every file is
        // wrapped in `#if canImport(WidgetKit) && canImport(SwiftUI)`, so on Linux the target
        // builds as an empty module.
        .library(name: "TimelineKitUI", targets: ["TimelineKitUI"]),
        // The compiler, built by SwiftPM from compiler/ and runtime/ with the system's libyaml,
        // cJSON and ICU (pkg-config), for the plugin; `swift run timelinec` works too.
        .executable(name: "timelinec", targets: ["timelinec"]),
        // Runs `timelinec compile` on the specs under a target's Timelines/ folder and bundles
        // the programs as resources (docs/swift.md, "The build-tool plugin").
        .plugin(name: "TimelinecPlugin", targets: ["TimelinecPlugin"]),
    ],
    targets: [
        // The C runtime core (no ICU, no cJSON), compiled from runtime/core by SwiftPM: an app
        // instantiates programs on device with nothing to add by hand.
        .target(
            name: "CTimelineCore",
            path: "runtime/core",
            exclude: ["swiftpm/README.md"],
            publicHeadersPath: "swiftpm",
            cSettings: [.headerSearchPath("../../include")] + cDefines
        ),
        // The render module (ICU), compiled from runtime/render for the timelinec executable,
        // with the module map in runtime/render/swiftpm (include/timelinec/render.h).
        .target(
            name: "CTimelineRender",
            dependencies: ["CTimelineCore", "CICU"],
            path: "runtime/render",
            publicHeadersPath: "swiftpm",
            cSettings: [.headerSearchPath("../../include")] + cDefines
        ),
        // The command line, compiled from compiler/ with the two generated sources the Makefile
        // writes into build/gen, committed in compiler/swiftpm (tests/tools/swiftpm-generated.sh
        // checks that they are current).
        .executableTarget(
            name: "timelinec",
            dependencies: ["CTimelineCore", "CTimelineRender", "CYaml", "CcJSON", "CICU"],
            path: "compiler",
            exclude: ["gen-explain.sh", "preview/gen.sh", "preview/preview.html", "swiftpm/README.md"],
            cSettings: [
                .headerSearchPath("."), // "base/diag.h": the folders by pass, as the Makefile's -Icompiler
                .headerSearchPath("../include"),
                .headerSearchPath("../runtime"), // "core/jsonw.h", as the Makefile's -Iruntime
            ] + cDefines,
            linkerSettings: [.linkedLibrary("m"), .linkedLibrary("pthread", .when(platforms: [.linux]))]
        ),
        // The system libraries, found with pkg-config like the Makefile's DEPS. On macOS, a brew
        // provider also adds $(brew --prefix)/opt/NAME/lib/pkgconfig to the search: icu4c is
        // keg-only (docs/swift.md, "Requirements").
        .systemLibrary(
            name: "CYaml",
            path: "swiftpm/CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CcJSON",
            path: "swiftpm/CcJSON",
            pkgConfig: "libcjson",
            providers: [.apt(["libcjson-dev"]), .brew(["cjson"])]
        ),
        .systemLibrary(
            name: "CICU",
            path: "swiftpm/CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        .plugin(
            name: "TimelinecPlugin",
            capability: .buildTool(),
            dependencies: ["timelinec"],
            path: "Plugins/TimelinecPlugin"
        ),
        .target(
            name: "TimelineCore",
            dependencies: ["CTimelineCore"],
            path: "runtime/swift/TimelineCore"
        ),
        .target(
            name: "TimelineKit",
            path: "runtime/swift/TimelineKit"
        ),
        .target(
            name: "TimelineKitUI",
            dependencies: ["TimelineKit"],
            path: "runtime/swift/TimelineKitUI"
        ),
        .testTarget(
            name: "TimelineCoreTests",
            dependencies: ["TimelineCore", "TimelineKit"],
            path: "tests/swift/TimelineCoreTests"
        ),
        .testTarget(
            name: "TimelineKitTests",
            dependencies: ["TimelineKit"],
            path: "tests/swift/TimelineKitTests",
            // Read from disk by a path computed from #filePath, like tests/golden and
            // tests/conformance: not resources.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cLanguageStandard: .c11
)

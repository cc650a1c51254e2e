// swift-tools-version:6.0
// TimelineKit: the Swift side of timelinec. Each target has its own path, so SwiftPM reads
// nothing else of the repository (the C sources build with the Makefile). See docs/swift.md.
import PackageDescription

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
    ],
    targets: [
        // The C runtime core (no ICU, no cJSON), compiled from runtime/core by SwiftPM: an app
        // instantiates programs on device with nothing to add by hand.
        .target(
            name: "CTimelineCore",
            path: "runtime/core",
            exclude: ["swiftpm/README.md"],
            publicHeadersPath: "swiftpm",
            cSettings: [
                .headerSearchPath("../../include"),
                .define("TLC_BUILDING"),
                .define("TLC_VERSION", to: "\"0.1.0\""),
                .define("_POSIX_C_SOURCE", to: "200809L"),
            ]
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
    swiftLanguageModes: [.v6]
)

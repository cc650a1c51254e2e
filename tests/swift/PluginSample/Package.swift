// swift-tools-version:6.0
// A package that uses timelinec's build-tool plugin, as an app's widget package would: the spec
// in Sources/LaunchWidget/Timelines/ is compiled at build time and bundled as
// launch.program.json. Built and tested by tests/tools/swift-plugin.sh (docs/swift.md).
import PackageDescription

let package = Package(
    name: "PluginSample",
    platforms: [.iOS("16.1"), .macOS(.v13)],
    dependencies: [
        // The repository root. `name:` makes `package: "timelinec"` below independent of the
        // checkout's folder name (a path dependency's identity is its last path component).
        .package(name: "timelinec", path: "../../.."),
    ],
    targets: [
        .target(
            name: "LaunchWidget",
            dependencies: [
                .product(name: "TimelineKit", package: "timelinec"),
                .product(name: "TimelineCore", package: "timelinec"),
            ],
            plugins: [.plugin(name: "TimelinecPlugin", package: "timelinec")]
        ),
        .testTarget(name: "LaunchWidgetTests", dependencies: ["LaunchWidget"]),
    ],
    swiftLanguageModes: [.v6]
)

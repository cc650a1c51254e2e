import Foundation
import LaunchWidget
import TimelineKit
import XCTest

/// The plugin compiled Timelines/launch.yaml at build time and SwiftPM bundled the program.
final class LaunchWidgetTests: XCTestCase {
    func testTheBundledProgramIsTheCompiledSpec() throws {
        let program = try LaunchWidget.program("launch")
        XCTAssertEqual(program.widget, "LaunchCountdown")
        XCTAssertEqual(program.zone, "Europe/Berlin")
        XCTAssertEqual(program.locales, ["en_US", "de_DE"])
        XCTAssertEqual(program.countdowns.map(\.id), ["main"])
        XCTAssertTrue(program.source?.hasSuffix("Timelines/launch.yaml") ?? false, "\(program.source ?? "nil")")
    }

    func testTheBundleHoldsThePrograms() throws {
        let root = try XCTUnwrap(LaunchWidget.bundle.resourceURL)
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path)
        XCTAssertTrue(files.contains("launch.program.json"), "\(files)")
        XCTAssertFalse(files.contains("launch.yaml"), "\(files)") // the spec is not a resource
    }

    func testTheProgramInstantiatesOnDevice() throws {
        let now = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-11-25T08:00:00Z"))
        let timeline = try LaunchWidget.timeline("launch", now: now)
        let entry = try XCTUnwrap(timeline.entry(at: now))
        XCTAssertEqual(entry.view(countdown: "main", family: .accessoryInline).render(locale: "en_US"),
                       "6d to launch")
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// The Swift snippets of docs/swift.md are the code of DocSnippets.swift, and they work.
final class DocSnippetTests: XCTestCase {
    func testReadingSnippetPicksTheEntryAndPolicy() throws {
        let url = Repo.goldenExamples.appendingPathComponent("launch.timeline.json")

        let before = try widgetLines(timelineURL: url, at: instant("2026-11-25T07:59:59Z"))
        XCTAssertEqual(before.lines, [])
        XCTAssertEqual(before.policy, .never)

        let first = try widgetLines(timelineURL: url, at: instant("2026-11-25T08:00:00Z"))
        XCTAssertEqual(first.lines, ["6d to launch"])

        let lastDay = try widgetLines(timelineURL: url, at: instant("2026-11-29T17:00:00Z"))
        XCTAssertEqual(lastDay.lines, ["1d to launch"])

        // accessoryInline is not listed from here on: the default runs show.
        let timer = try widgetLines(timelineURL: url, at: instant("2026-11-30T17:00:00Z"))
        XCTAssertEqual(timer.lines, ["Launch in ", "timer to 2026-12-01T17:00:00Z"])

        let standup = Repo.goldenExamples.appendingPathComponent("standup.timeline.json")
        XCTAssertEqual(try widgetLines(timelineURL: standup, at: instant("2026-10-22T06:00:00Z")).policy,
                       .after(try instant("2026-10-29T00:00:00Z")))
    }

    func testContentStateSnippetDecodesEveryEncoding() throws {
        let eta = try instant("2026-12-03T16:10:00Z")
        let bodies: [(DateEncoding, String)] = [
            (.deferredToDate, "818007000"), (.secondsSince1970, "1796314200"),
            (.millisecondsSince1970, "1796314200000"), (.iso8601, "\"2026-12-03T16:10:00Z\""),
        ]
        for (encoding, value) in bodies {
            let json = Data(#"{"eta":\#(value),"status":"Nearby","stops":0}"#.utf8)
            XCTAssertEqual(try decodePushedState(json, encoding: encoding),
                           DeliveryState(eta: eta, status: "Nearby", stops: 0), encoding.rawValue)
        }
    }

    func testPlansSnippetNamesTheSwiftUIViewOfEachRun() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        XCTAssertEqual(swiftUIViews(of: launch, at: try instant("2026-11-25T09:00:00Z"), family: .accessoryInline,
                                    locale: "de-DE"),
                       ["Text(verbatim: \"6d to launch\")"])
        XCTAssertEqual(swiftUIViews(of: launch, at: try instant("2026-11-25T09:00:00Z"), family: .accessoryInline,
                                    locale: "fr_FR"),
                       ["Text(\"main.above-1d.accessoryInline\") or Text(verbatim: \"6d to launch\")"])
        XCTAssertEqual(swiftUIViews(of: launch, at: try instant("2026-11-30T18:00:00Z"), family: .accessoryInline,
                                    locale: "en_US"),
                       ["Text(verbatim: \"Launch in \")", "Text(2026-12-01T17:00:00Z, style: .timer)"])
        XCTAssertEqual(swiftUIViews(of: launch, at: try instant("2026-11-01T00:00:00Z"), family: .small,
                                    locale: "en_US"), [])

        var fixture = try CompiledTimeline(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
        fixture.entries = fixture.entries.map { entry in
            var entry = entry
            entry.views["main"] = entry.views["paused"]
            return entry
        }
        XCTAssertEqual(swiftUIViews(of: fixture, at: try instant("2026-12-01T03:00:00Z"), family: .small,
                                    locale: "en_US"), [
            "Text(verbatim: \"Paused \")",
            "Text(timerInterval: 2026-12-01T00:00:00Z...2026-12-01T12:00:00Z, pauseTime: 2026-12-01T10:00:00Z, countsDown: true)",
            "Text(verbatim: \" · \")",
            "Text(timerInterval: 2026-12-01T00:00:00Z...2026-12-01T12:00:00Z, pauseTime: 2026-12-01T10:00:00Z, countsDown: true)",
            "Text(verbatim: \" · \")",
            "ProgressView(timerInterval: 2026-12-01T00:00:00Z...2026-12-01T12:00:00Z, countsDown: false)",
            "Text(verbatim: \" · \")",
            "Text(2026-12-01T12:00:00Z, style: .relative)",
        ])
    }

    func testCatalogSnippetPrefersTheVerifiedText() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        guard case .message(let run)? = launch.entries[0].view().first else {
            return XCTFail("launch's first run is not a message")
        }
        let bundle = Bundle(for: DocSnippetTests.self) // no LaunchCountdown table here
        XCTAssertEqual(messageText(run, in: launch, locale: "de_DE", bundle: bundle), "6 days to launch")
        // fr_FR is not one of the spec's locales: no catalog either, so the first locale's text
        XCTAssertEqual(messageText(run, in: launch, locale: "fr_FR", bundle: bundle), "6 days to launch")
        XCTAssertEqual(launch.program.locales.first, "en_US")
    }

    func testActivityProgramSnippet() throws {
        let plan = try pushPlan(programURL: Repo.goldenExamples
            .appendingPathComponent("delivery-activity.activity-program.json"))
        XCTAssertEqual(plan.params, ["eta"])
        XCTAssertEqual(plan.pushes, ["update: stops", "update: status, stops", "end: status"])
    }

    func testDocSnippetsAreTheCompiledCode() throws {
        let doc = try String(decoding: Repo.data("docs/swift.md"), as: UTF8.self)
        let code = try String(decoding: Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("DocSnippets.swift")), as: UTF8.self)
        for name in ["reading", "content-state", "plans", "catalog", "activity-program"] {
            let fromDoc = try XCTUnwrap(docSnippet(doc, name), "docs/swift.md has no snippet \(name)")
            let fromCode = try XCTUnwrap(codeSnippet(code, name), "DocSnippets.swift has no snippet \(name)")
            XCTAssertEqual(fromDoc, fromCode, "snippet \(name) differs between docs/swift.md and DocSnippets.swift")
        }
    }

    /// The lines of the ```swift block after `<!-- snippet: NAME -->`.
    private func docSnippet(_ text: String, _ name: String) -> [Substring]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let marker = lines.firstIndex(of: "<!-- snippet: \(name) -->"),
              marker + 1 < lines.count, lines[marker + 1] == "```swift",
              let end = lines[(marker + 2)...].firstIndex(of: "```") else { return nil }
        return Array(lines[(marker + 2)..<end])
    }

    /// The lines between `// BEGIN SNIPPET NAME` and `// END SNIPPET NAME`.
    private func codeSnippet(_ text: String, _ name: String) -> [Substring]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let begin = lines.firstIndex(of: "// BEGIN SNIPPET \(name)"),
              let end = lines.firstIndex(of: "// END SNIPPET \(name)"), begin < end else { return nil }
        return Array(lines[(begin + 1)..<end])
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// tests/conformance/*.vectors.json (made by tests/tools/gen-conformance.py from the golden
/// timelines): at every instant they record, the entry that shows, its resolved views, and the
/// text `timelinec render` prints per view ("countdown/family") and locale.
final class ConformanceTests: XCTestCase {
    struct Vectors: Decodable {
        let timeline: String
        let cases: [Case]
    }

    struct Case: Decodable {
        let at: String
        let entry: Int
        let views: [String: CompiledTimeline.View]
        let text: [String: [String: String]]
    }

    private func loadVectors() throws -> [(name: String, timeline: CompiledTimeline, vectors: Vectors)] {
        let files = try Repo.files(in: Repo.conformance, endingWith: ".vectors.json")
        XCTAssertEqual(files.count, 5)
        return try files.map { file in
            let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: file))
            // "timeline" is relative to the vectors file.
            let url = file.deletingLastPathComponent().appendingPathComponent(vectors.timeline)
            return (file.lastPathComponent, try CompiledTimeline(contentsOf: url), vectors)
        }
    }

    func testEntryAtEveryRecordedInstant() throws {
        var cases = 0
        for (name, timeline, vectors) in try loadVectors() {
            XCTAssertFalse(vectors.cases.isEmpty, name)
            for c in vectors.cases {
                let at = try instant(c.at)
                XCTAssertEqual(timeline.entryIndex(at: at), c.entry, "\(name) at \(c.at)")
                cases += 1
            }
        }
        XCTAssertEqual(cases, 260)
    }

    func testViewsAtEveryRecordedInstant() throws {
        for (name, timeline, vectors) in try loadVectors() {
            for c in vectors.cases {
                let entry = try XCTUnwrap(timeline.entry(at: instant(c.at)), "\(name) at \(c.at)")
                XCTAssertEqual(entry.views, c.views, "\(name) at \(c.at)")
            }
        }
    }

    /// Where every run carries its text (literal or baked), the rendered text is exactly what
    /// `timelinec render` printed; where a run is self-updating (ICU renders it), the literal
    /// and baked pieces appear in order around it.
    func testRunsAndTextAtEveryRecordedInstant() throws {
        var exact = 0, withLiveRuns = 0
        for (name, timeline, vectors) in try loadVectors() {
            for c in vectors.cases {
                let entry = try XCTUnwrap(timeline.entry(at: instant(c.at)))
                for (view, texts) in c.text {
                    let parts = view.split(separator: "/", maxSplits: 1).map(String.init)
                    XCTAssertEqual(parts.count, 2)
                    let family = try XCTUnwrap(Family(rawValue: parts[1]), view)
                    let runs = entry.view(countdown: parts[0], family: family)
                    XCTAssertFalse(runs.isEmpty, "\(name) at \(c.at): \(view)")
                    for (locale, expected) in texts {
                        let context = "\(name) at \(c.at): \(view) [\(locale)]"
                        if let text = runs.render(locale: locale) {
                            XCTAssertEqual(text, expected, context)
                            exact += 1
                        } else {
                            XCTAssertTrue(runs.contains { if case .live = $0 { true } else { false } }, context)
                            XCTAssertTrue(try matchesAroundLiveRuns(runs, locale: locale, text: expected),
                                          "\(context): \"\(expected)\" does not fit \(runs)")
                            withLiveRuns += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(exact, 100)
        XCTAssertGreaterThan(withLiveRuns, 100)
    }

    /// The instants around the recorded ones: before the first entry nothing shows; at and after
    /// each entry's date that entry; past `end` the last entry.
    func testLookupBoundaries() throws {
        for (name, timeline, _) in try loadVectors() {
            let first = try XCTUnwrap(timeline.entries.first)
            XCTAssertNil(timeline.entry(at: first.date.addingTimeInterval(-1)), name)
            XCTAssertNil(timeline.entryIndex(at: .distantPast), name)
            for (i, entry) in timeline.entries.enumerated() {
                XCTAssertEqual(timeline.entryIndex(at: entry.date), i, name)
                if i > 0 {
                    XCTAssertEqual(timeline.entryIndex(at: entry.date.addingTimeInterval(-1)), i - 1, name)
                    XCTAssertEqual(timeline.entryIndex(at: entry.date.addingTimeInterval(-0.001)), i - 1, name)
                }
            }
            XCTAssertEqual(timeline.entryIndex(at: timeline.end), timeline.entries.count - 1, name)
            XCTAssertEqual(timeline.entryIndex(at: .distantFuture), timeline.entries.count - 1, name)
        }
    }

    private func matchesAroundLiveRuns(_ runs: [Run], locale: String, text: String) throws -> Bool {
        var pattern = "^"
        for run in runs {
            switch run {
            case .live: pattern += "(.*)"
            default:
                let piece = try XCTUnwrap(run.text(locale: locale))
                pattern += NSRegularExpression.escapedPattern(for: piece)
            }
        }
        pattern += "$"
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// The iOS 18 reference style `date-reference` (examples/concert-ios18.yaml): its options are
/// read, planned and refused as the C readers do (tests/unit/test_program.c,
/// date_reference_runs_carry_their_style).
final class ReferenceStyleTests: XCTestCase {
    private static let program = "tests/golden/examples/concert-ios18.program.json"
    private static let timeline = "tests/golden/examples/concert-ios18.timeline.json"
    private static let run: [JSONTree.PathItem] = ["countdowns", 0, "phases", 0, "views", "default", 1]

    private func tree(_ relative: String) throws -> JSONTree { try JSONTree.parse(Repo.data(relative)) }

    func testTheProgramAndTimelineCarryTheOptions() throws {
        let program = try CompiledProgram(contentsOf: Repo.url(Self.program))
        XCTAssertEqual(program.minimumIOS, 18)
        let main = try XCTUnwrap(program.countdowns[0].phases[0].views[.default]?[1])
        XCTAssertEqual(main.kind, .live(.dateReference))
        XCTAssertEqual(main.reference, ReferenceOptions(fields: [.week, .day, .hour, .minute],
                                                        maxFieldCount: 2, threshold: .day))
        XCTAssertNil(main.options)
        XCTAssertNil(main.clock)
        let inline = try XCTUnwrap(program.countdowns[0].phases[0].views[.accessoryInline]?[1])
        XCTAssertEqual(inline.reference, ReferenceOptions(fields: [.year, .month, .day, .hour, .minute],
                                                          maxFieldCount: 1, threshold: .day))

        let timeline = try CompiledTimeline(contentsOf: Repo.url(Self.timeline))
        let first = try XCTUnwrap(timeline.entries.first)
        let runs = try XCTUnwrap(first.views["main"]).runs(for: .default)
        guard case .live(let live) = runs[1] else { return XCTFail("not a live run: \(runs[1])") }
        XCTAssertEqual(live.style, .dateReference)
        XCTAssertNil(live.from)
        XCTAssertEqual(TextPlan(runs[1], shownFrom: first.date, locale: "en_US"),
                       .dateReference(live.target, options: live.reference!))
        XCTAssertEqual(runs[1].shifted(by: 60), .live(LiveRun(style: .dateReference,
                                                               target: live.target.addingTimeInterval(60),
                                                               reference: live.reference)))
    }

    func testDefaultsAndRoundTrip() throws {
        XCTAssertEqual(ReferenceOptions.default,
                       ReferenceOptions(fields: [.minute, .hour, .day, .month, .year], maxFieldCount: 2,
                                        threshold: .day))
        XCTAssertTrue(LiveStyle.dateReference.isIOS18)
        XCTAssertFalse(LiveStyle.dateReference.isClockStyle)
        XCTAssertFalse(LiveStyle.dateReference.hasInterval)
        for file in [Self.program, Self.timeline] {
            let base = try tree(file)
            let data = try base.data()
            let encoded = file.hasSuffix(".program.json")
                ? try JSONEncoder().encode(CompiledProgram(jsonData: data))
                : try JSONEncoder().encode(CompiledTimeline(jsonData: data))
            XCTAssertEqual(try JSONTree.parse(encoded), base, file)
        }
    }

    func testWhatTheCReaderRefuses() throws {
        let base = try tree(Self.program)
        let cases: [(String, JSONTree)] = [
            ("no threshold", base.replacing(Self.run + ["threshold"], with: nil)),
            ("no fields", base.replacing(Self.run + ["fields"], with: nil)),
            ("no max", base.replacing(Self.run + ["max"], with: nil)),
            ("threshold days", base.replacing(Self.run + ["threshold"], with: .string("days"))),
            ("threshold a list", base.replacing(Self.run + ["threshold"], with: .array([.string("day")]))),
            ("max 8", base.replacing(Self.run + ["max"], with: .number(8))),
            ("max 0", base.replacing(Self.run + ["max"], with: .number(0))),
            ("no fields at all", base.replacing(Self.run + ["fields"], with: .array([]))),
            ("a field twice", base.replacing(Self.run + ["fields"], with: .array([.string("day"), .string("day")]))),
            ("a sign", base.replacing(Self.run + ["sign"], with: .string("never"))),
            ("hours", base.replacing(Self.run + ["hours"], with: .bool(true))),
            ("threshold on a literal run",
             base.replacing(["countdowns", 0, "phases", 0, "views", "default", 0, "threshold"], with: .string("day"))),
        ]
        for (what, doc) in cases {
            XCTAssertThrowsError(try CompiledProgram(jsonData: doc.data()), what)
        }
        let timeline = try tree(Self.timeline)
        let tl: [JSONTree.PathItem] = ["entries", 0, "views", "main", "families", "default", 1]
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tl + ["threshold"], with: nil).data()))
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tl + ["from"],
                                                                             with: .string("2026-12-01T08:00:00Z")).data()))
        // a date-offset run never carries a threshold
        let offset = JSONTree.object(["live": .string("date-offset"), "target": .string("2026-12-01T00:00:00Z"),
                                      "fields": .array([.string("day")]), "max": .number(2),
                                      "sign": .string("never"), "threshold": .string("day")])
        XCTAssertThrowsError(try JSONDecoder().decode(Run.self, from: offset.data()))
    }
}

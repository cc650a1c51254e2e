import Foundation
import XCTest
@testable import TimelineKit

/// The iOS 18 `date-offset` runs (examples/sale-ios18.yaml): their options are read, planned and
/// refused as the C readers do (tests/unit/test_program.c, date_offset_runs_carry_their_style).
final class DateOffsetStyleTests: XCTestCase {
    private static let program = "tests/golden/examples/sale-ios18.program.json"
    private static let timeline = "tests/golden/examples/sale-ios18.timeline.json"
    private static let run: [JSONTree.PathItem] = ["countdowns", 0, "phases", 0, "views", "default", 1]

    private func tree(_ relative: String) throws -> JSONTree { try JSONTree.parse(Repo.data(relative)) }

    func testTheProgramAndTimelineCarryTheOptions() throws {
        let program = try CompiledProgram(contentsOf: Repo.url(Self.program))
        XCTAssertEqual(program.minimumIOS, 18)
        let run = try XCTUnwrap(program.countdowns[0].phases[0].views[.default]?[1])
        XCTAssertEqual(run.kind, .live(.dateOffset))
        XCTAssertEqual(run.options, StyleOptions(fields: [.day, .hour, .minute, .second], maxFieldCount: 2,
                                                 sign: .never))
        let inline = try XCTUnwrap(program.countdowns[0].phases[0].views[.accessoryInline]?[1])
        XCTAssertEqual(inline.options?.maxFieldCount, 1)
        XCTAssertEqual(inline.options?.fields, [.day, .hour, .minute])

        let timeline = try CompiledTimeline(contentsOf: Repo.url(Self.timeline))
        let entry = try XCTUnwrap(timeline.entries.first)
        let runs = try XCTUnwrap(entry.views["main"]).runs(for: .default)
        guard case .live(let live) = runs[1] else { return XCTFail("not a live run: \(runs[1])") }
        XCTAssertEqual(live.style, .dateOffset)
        XCTAssertEqual(live.options?.sign, .never)
        XCTAssertEqual(TextPlan(runs[1], shownFrom: entry.date, locale: "en_US"),
                       .dateOffset(live.target, options: live.options!))
        // it counts, so previews move it with the clock
        XCTAssertEqual(runs[1].shifted(by: 60), .live(LiveRun(style: .dateOffset,
                                                               target: live.target.addingTimeInterval(60),
                                                               options: live.options)))
    }

    func testOptionsAreKeptLargestFirstAndEncodedAsCWritesThem() throws {
        let options = StyleOptions(fields: [.minute, .day, .hour], maxFieldCount: 3, sign: .always)
        XCTAssertEqual(options.fields, [.day, .hour, .minute])
        XCTAssertEqual(StyleOptions.default.fields, StyleField.allCases)
        XCTAssertEqual(StyleOptions.default.maxFieldCount, 2)
        let base = try tree(Self.program)
        let again = try JSONTree.parse(JSONEncoder().encode(CompiledProgram(jsonData: base.data())))
        XCTAssertEqual(again, base)
    }

    func testWhatTheCReaderRefuses() throws {
        let base = try tree(Self.program)
        let cases: [(String, JSONTree)] = [
            ("no sign", base.replacing(Self.run + ["sign"], with: nil)),
            ("no fields", base.replacing(Self.run + ["fields"], with: .array([]))),
            ("a field twice", base.replacing(Self.run + ["fields"], with: .array([.string("day"), .string("day")]))),
            ("an unknown field", base.replacing(Self.run + ["fields", 0], with: .string("days"))),
            ("max 0", base.replacing(Self.run + ["max"], with: .number(0))),
            ("max 8", base.replacing(Self.run + ["max"], with: .number(8))),
            ("an unknown sign", base.replacing(Self.run + ["sign"], with: .string("negative"))),
            ("options on a literal run",
             base.replacing(["countdowns", 0, "phases", 0, "views", "default", 0, "max"], with: .number(2))),
        ]
        for (what, doc) in cases {
            XCTAssertThrowsError(try CompiledProgram(jsonData: doc.data()), what)
        }
        let timeline = try tree(Self.timeline)
        let tlRun: [JSONTree.PathItem] = ["entries", 0, "views", "main", "families", "default", 1]
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tlRun + ["fields"], with: nil).data()))
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tlRun + ["max"], with: .number(9)).data()))
        // a timer run never carries options
        let timer = JSONTree.object(["live": .string("timer"), "target": .string("2026-12-01T00:00:00Z"),
                                     "sign": .string("never")])
        XCTAssertThrowsError(try JSONDecoder().decode(Run.self, from: timer.data()))
    }
}

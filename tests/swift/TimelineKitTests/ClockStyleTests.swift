import Foundation
import XCTest
@testable import TimelineKit

/// The iOS 18 clock styles `countdown-timer` and `stopwatch` (examples/oven-ios18.yaml): their
/// options are read, planned and refused as the C readers do (tests/unit/test_program.c,
/// clock_style_runs_carry_their_style).
final class ClockStyleTests: XCTestCase {
    private static let program = "tests/golden/examples/oven-ios18.program.json"
    private static let timeline = "tests/golden/examples/oven-ios18.timeline.json"
    private static let timerRun: [JSONTree.PathItem] = ["countdowns", 0, "phases", 0, "views", "default", 1]
    private static let watchRun: [JSONTree.PathItem] = ["countdowns", 0, "phases", 1, "views", "default", 1]

    private func tree(_ relative: String) throws -> JSONTree { try JSONTree.parse(Repo.data(relative)) }

    func testTheProgramAndTimelineCarryTheOptions() throws {
        let program = try CompiledProgram(contentsOf: Repo.url(Self.program))
        XCTAssertEqual(program.minimumIOS, 18)
        let timer = try XCTUnwrap(program.countdowns[0].phases[0].views[.default]?[1])
        XCTAssertEqual(timer.kind, .live(.countdownTimer))
        XCTAssertEqual(timer.clock, ClockOptions(showsHours: true, maxFieldCount: 3, precision: .seconds))
        XCTAssertNil(timer.options)
        let inline = try XCTUnwrap(program.countdowns[0].phases[0].views[.accessoryInline]?[1])
        XCTAssertEqual(inline.clock, ClockOptions(showsHours: false, maxFieldCount: 3, precision: .minutes))
        let watch = try XCTUnwrap(program.countdowns[0].phases[1].views[.default]?[1])
        XCTAssertEqual(watch.kind, .live(.stopwatch))
        XCTAssertEqual(watch.clock, ClockOptions(showsHours: true, maxFieldCount: 2, precision: .hundredths))

        let timeline = try CompiledTimeline(contentsOf: Repo.url(Self.timeline))
        let first = try XCTUnwrap(timeline.entries.first)
        let runs = try XCTUnwrap(first.views["main"]).runs(for: .default)
        guard case .live(let live) = runs[1] else { return XCTFail("not a live run: \(runs[1])") }
        XCTAssertEqual(live.style, .countdownTimer)
        let from = try XCTUnwrap(live.from)
        XCTAssertEqual(TextPlan(runs[1], shownFrom: first.date, locale: "en_US"),
                       .countdownTimer(TimerIntervalPlan(from: from, to: live.target, pauseTime: nil,
                                                         countsDown: true)!, options: live.clock!))
        XCTAssertEqual(runs[1].shifted(by: 60), .live(LiveRun(style: .countdownTimer,
                                                               target: live.target.addingTimeInterval(60),
                                                               from: from.addingTimeInterval(60),
                                                               clock: live.clock)))
        let second = timeline.entries[1]
        let wruns = try XCTUnwrap(second.views["main"]).runs(for: .default)
        guard case .live(let w) = wruns[1] else { return XCTFail("not a live run: \(wruns[1])") }
        XCTAssertEqual(w.style, .stopwatch)
        XCTAssertNil(w.from)
        XCTAssertEqual(TextPlan(wruns[1], shownFrom: second.date, locale: "de_DE"),
                       .stopwatch(w.target, options: w.clock!))
    }

    func testDefaultsAndRoundTrip() throws {
        XCTAssertEqual(ClockOptions.default(for: .countdownTimer),
                       ClockOptions(showsHours: true, maxFieldCount: 3, precision: .seconds))
        XCTAssertEqual(ClockOptions.default(for: .stopwatch),
                       ClockOptions(showsHours: true, maxFieldCount: 4, precision: .hundredths))
        XCTAssertTrue(LiveStyle.countdownTimer.hasInterval)
        XCTAssertFalse(LiveStyle.stopwatch.hasInterval)
        XCTAssertTrue(LiveStyle.stopwatch.isIOS18)
        for file in [Self.program] {
            let base = try tree(file)
            let again = try JSONTree.parse(JSONEncoder().encode(CompiledProgram(jsonData: base.data())))
            XCTAssertEqual(again, base)
        }
    }

    func testWhatTheCReaderRefuses() throws {
        let base = try tree(Self.program)
        let cases: [(String, JSONTree)] = [
            ("no precision", base.replacing(Self.watchRun + ["precision"], with: nil)),
            ("no hours", base.replacing(Self.timerRun + ["hours"], with: nil)),
            ("timer max 4", base.replacing(Self.timerRun + ["max"], with: .number(4))),
            ("stopwatch max 5", base.replacing(Self.watchRun + ["max"], with: .number(5))),
            ("stopwatch max 0", base.replacing(Self.watchRun + ["max"], with: .number(0))),
            ("timer hundredths", base.replacing(Self.timerRun + ["precision"], with: .string("hundredths"))),
            ("an unknown precision", base.replacing(Self.watchRun + ["precision"], with: .string("hours"))),
            ("hours a string", base.replacing(Self.watchRun + ["hours"], with: .string("true"))),
            ("a sign on a stopwatch", base.replacing(Self.watchRun + ["sign"], with: .string("never"))),
            ("fields on a timer", base.replacing(Self.timerRun + ["fields"], with: .array([.string("day")]))),
            ("precision on a literal run",
             base.replacing(["countdowns", 0, "phases", 0, "views", "default", 0, "precision"], with: .string("seconds"))),
        ]
        for (what, doc) in cases {
            XCTAssertThrowsError(try CompiledProgram(jsonData: doc.data()), what)
        }
        let timeline = try tree(Self.timeline)
        let tlTimer: [JSONTree.PathItem] = ["entries", 0, "views", "main", "families", "default", 1]
        let tlWatch: [JSONTree.PathItem] = ["entries", 1, "views", "main", "families", "default", 1]
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tlTimer + ["from"], with: nil).data()))
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tlWatch + ["from"],
                                                                             with: .string("2026-12-01T08:00:00Z")).data()))
        XCTAssertThrowsError(try CompiledTimeline(jsonData: timeline.replacing(tlWatch + ["precision"], with: nil).data()))
        // a date-offset run never carries the clock options
        let offset = JSONTree.object(["live": .string("date-offset"), "target": .string("2026-12-01T00:00:00Z"),
                                      "fields": .array([.string("day")]), "max": .number(2),
                                      "sign": .string("never"), "hours": .bool(true)])
        XCTAssertThrowsError(try JSONDecoder().decode(Run.self, from: offset.data()))
    }
}

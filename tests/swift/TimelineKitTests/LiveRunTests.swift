import Foundation
import XCTest
@testable import TimelineKit

/// The run kinds and view states the golden examples lack, from
/// Fixtures/live-runs.timeline.json (compiled from Fixtures/live-runs.yaml by timelinec).
final class LiveRunTests: XCTestCase {
    private func fixture() throws -> CompiledTimeline {
        try CompiledTimeline(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
    }

    func testPausedCountdownCarriesItsPauseOnTimerAndCountdownOnly() throws {
        let timeline = try fixture()
        let runs = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T03:00:00Z"))).view(countdown: "paused")
        let target = try instant("2026-12-01T12:00:00Z"), pause = try instant("2026-12-01T10:00:00Z")
        let start = try instant("2026-12-01T00:00:00Z")
        XCTAssertEqual(runs, [
            .text("Paused "),
            .live(LiveRun(style: .timer, target: target, pause: pause)),
            .text(" · "),
            .live(LiveRun(style: .countdown, target: target, from: start, pause: pause)),
            .text(" · "),
            .live(LiveRun(style: .progress, target: target, from: start)),
            .text(" · "),
            .live(LiveRun(style: .relative, target: target)),
        ])
        guard case .live(let countdown) = runs[3] else { return XCTFail("not a live run") }
        // Text(timerInterval: from...target, pauseTime: pause ?? target, countsDown: true)
        XCTAssertEqual(countdown.timerInterval, start...target)
        XCTAssertEqual(countdown.pauseTime, pause)
        XCTAssertTrue(countdown.countsDown)
        XCTAssertNil(runs.render(locale: "en_US"), "self-updating runs have no baked text")
    }

    func testCountdownWithoutPauseHoldsAtItsTargetAndProgressHasAnInterval() throws {
        let timeline = try fixture()
        let entry = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T05:30:00Z")))
        let target = try instant("2026-12-01T06:00:00Z"), from = try instant("2026-12-01T05:00:00Z")
        let runs = entry.view(countdown: "oven")
        guard case .live(let countdown)? = runs.last else { return XCTFail("no countdown run") }
        XCTAssertEqual(countdown.style, .countdown)
        XCTAssertNil(countdown.pause)
        XCTAssertEqual(countdown.pauseTime, target, "pauseTime: pause ?? target")
        XCTAssertEqual(countdown.timerInterval, from...target)
        let styles: [LiveStyle] = runs.compactMap { run in
            if case .live(let live) = run { return live.style }
            return nil
        }
        XCTAssertEqual(styles, [.offset, .time, .date, .countdown])
        XCTAssertEqual(runs.first, .message(MessageRun(
            message: 0, key: "oven.above-0s.default", args: [.days: 0],
            text: ["en_US": "0 days ", "de_DE": "0 days "])))

        // accessoryCircular has its own runs; accessoryInline falls back to default.
        let circular = entry.view(countdown: "oven", family: .accessoryCircular)
        XCTAssertEqual(circular, [.live(LiveRun(style: .progress, target: target, from: from))])
        guard case .live(let progress) = circular[0] else { return XCTFail("not live") }
        XCTAssertEqual(progress.timerInterval, from...target)
        XCTAssertNil(progress.pauseTime)
        XCTAssertFalse(progress.countsDown)
        XCTAssertEqual(entry.view(countdown: "oven", family: .accessoryInline), runs)
        XCTAssertEqual(entry.view(countdown: "oven", family: .small), runs)
    }

    func testHiddenStaleAndEndedRecurrenceViews() throws {
        let timeline = try fixture()
        XCTAssertEqual(timeline.policy, .atEnd)
        XCTAssertEqual(timeline.entries.count, 5)

        let ready = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T06:30:00Z")))
        XCTAssertEqual(ready.views["oven"]?.phase, .index(1))
        XCTAssertEqual(ready.view(countdown: "oven").render(locale: "de_DE"), "Ready")

        let hidden = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T07:00:00Z")))
        XCTAssertEqual(hidden.views["oven"]?.phase, .hidden)
        XCTAssertEqual(hidden.views["oven"]?.families, [:])
        XCTAssertEqual(hidden.view(countdown: "oven", family: .large), [])
        XCTAssertEqual(hidden.view(countdown: "oven").render(locale: "en_US"), "")

        let ended = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T08:00:00Z")))
        XCTAssertEqual(ended.views["once"]?.phase, .hidden)
        XCTAssertNil(try XCTUnwrap(ended.views["once"]).target, "no further occurrence")

        let stale = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T20:00:00Z")))
        XCTAssertEqual(stale.views["oven"]?.phase, .stale)
        XCTAssertEqual(stale.view(countdown: "oven", family: .accessoryRectangular), [.text("Open the app")])
        XCTAssertEqual(timeline.program.countdown(id: "oven")?.stale?.after, 72_000)

        XCTAssertEqual(stale.view(countdown: "no-such-countdown"), [])
    }

    func testProgramOfTheFixture() throws {
        let program = try fixture().program
        XCTAssertEqual(program.countdowns.map(\.id), ["paused", "oven", "once"])
        let paused = try XCTUnwrap(program.countdown(id: "paused"))
        XCTAssertEqual(paused.pausedAt?.literalDate, try instant("2026-12-01T10:00:00Z"))
        XCTAssertNil(paused.from)
        XCTAssertEqual(program.countdown(id: "oven")?.from?.literalDate, try instant("2026-12-01T05:00:00Z"))
        let once = try XCTUnwrap(program.countdown(id: "once"))
        XCTAssertEqual(once.mode, .recur)
        XCTAssertEqual(once.dtstart, "2026-12-01T09:00:00")
        XCTAssertEqual(once.exdate, [])
        XCTAssertEqual(program.reload.policy, .atEnd)
        XCTAssertEqual(program.window?.start.literalDate, try instant("2026-12-01T00:00:00Z"))
        XCTAssertNil(program.horizon)
        let phase = try XCTUnwrap(program.countdown(id: "oven")?.phases.first)
        XCTAssertEqual(phase.views[.accessoryCircular]?.map(\.kind), [.live(.progress)])
        XCTAssertEqual(phase.views[.default]?.first?.kind, .message(0))
    }

    func testLiveRunIntervalNeverTraps() {
        let later = Date(timeIntervalSince1970: 2_000), earlier = Date(timeIntervalSince1970: 1_000)
        let inverted = LiveRun(style: .countdown, target: earlier, from: later)
        XCTAssertEqual(inverted.timerInterval, later...later, "clamped as the renderer does")
        XCTAssertNil(LiveRun(style: .timer, target: earlier).timerInterval)
        XCTAssertEqual(LiveRun(style: .timer, target: earlier, pause: later).pauseTime, later)
    }

    func testFixtureRoundTripsLosslessly() throws {
        let data = try Data(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
        let encoded = try JSONEncoder().encode(CompiledTimeline(jsonData: data))
        XCTAssertEqual(try JSONTree.parse(data), try JSONTree.parse(encoded))
        XCTAssertEqual(try CompiledTimeline(jsonData: encoded), try CompiledTimeline(jsonData: data))
    }
}

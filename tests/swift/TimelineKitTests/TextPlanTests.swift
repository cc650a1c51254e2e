import Foundation
import XCTest
@testable import TimelineKit

/// The SwiftUI view TimelineKitUI draws for each run (TextPlan, RunsLayout), on every golden
/// timeline and the live-runs fixture.
final class TextPlanTests: XCTestCase {
    private func fixture() throws -> CompiledTimeline {
        try CompiledTimeline(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
    }

    private func allTimelines() throws -> [(name: String, timeline: CompiledTimeline)] {
        var out = try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json").map {
            ($0.lastPathComponent, try CompiledTimeline(contentsOf: $0))
        }
        out.append(("live-runs.timeline.json", try fixture()))
        return out
    }

    /// Every run of every entry, view and family: the plan is the one docs/swift.md's table
    /// gives for its kind, and every kind occurs.
    func testEveryRunKindOfTheGoldenAndFixtureTimelinesHasItsPlan() throws {
        var kinds = Set<String>()
        var checked = 0
        for (name, timeline) in try allTimelines() {
            for entry in timeline.entries {
                for (id, view) in entry.views {
                    for (family, runs) in view.families {
                        for run in runs {
                            let plan = TextPlan(run, shownFrom: entry.date, locale: "en_US",
                                                fallbackLocales: timeline.program.locales)
                            let at = "\(name) \(Instant.string(from: entry.date)!) \(id) \(family.rawValue)"
                            checked += 1
                            switch run {
                            case .text(let text):
                                kinds.insert("text")
                                XCTAssertEqual(plan, .verbatim(text), at)
                            case .message(let message):
                                kinds.insert("message")
                                XCTAssertEqual(plan, .baked(try XCTUnwrap(message.text(locale: "en_US")),
                                                            locale: "en_US"), at)
                            case .live(let live):
                                kinds.insert(live.style.rawValue + (live.pause == nil ? "" : "+pause"))
                                XCTAssertEqual(plan, expectedPlan(live, shownFrom: entry.date), at)
                                XCTAssertNil(TextPlan.replanDate(for: run, shownFrom: entry.date), at)
                            }
                            if case .timerInterval(let interval) = plan {
                                XCTAssertFalse(interval.clamped, at)
                            }
                            XCTAssertEqual(plan.isText, { if case .progressView = plan { false } else { true } }(), at)
                        }
                    }
                }
            }
        }
        XCTAssertEqual(kinds, ["text", "message", "timer", "timer+pause", "countdown", "countdown+pause",
                               "progress", "relative", "offset", "date", "time", "date-offset",
                               "countdown-timer", "stopwatch", "date-reference"])
        XCTAssertGreaterThan(checked, 100)
    }

    /// The table of docs/swift.md, written out independently of TextPlan's code.
    private func expectedPlan(_ live: LiveRun, shownFrom: Date) -> TextPlan {
        switch live.style {
        case .timer:
            guard let pause = live.pause else { return .date(live.target, style: .timer) }
            return .timerInterval(TimerIntervalPlan(from: min(shownFrom, pause), to: live.target,
                                                    pauseTime: pause, countsDown: true)!)
        case .countdown:
            return .timerInterval(TimerIntervalPlan(from: live.from!, to: live.target,
                                                    pauseTime: live.pause ?? live.target, countsDown: true)!)
        case .progress:
            return .progressView(TimerIntervalPlan(from: live.from!, to: live.target, pauseTime: nil,
                                                   countsDown: false)!)
        case .relative: return .date(live.target, style: .relative)
        case .offset: return .date(live.target, style: .offset)
        case .date: return .date(live.target, style: .date)
        case .time: return .date(live.target, style: .time)
        case .dateOffset: return .dateOffset(live.target, options: live.options!)
        case .countdownTimer:
            return .countdownTimer(TimerIntervalPlan(from: live.from!, to: live.target, pauseTime: nil,
                                                     countsDown: true)!, options: live.clock!)
        case .stopwatch: return .stopwatch(live.target, options: live.clock!)
        case .dateReference: return .dateReference(live.target, options: live.reference!)
        }
    }

    /// The paused countdown of the fixture, plan by plan, with the SwiftUI arguments.
    func testPausedRunsPlanWithTheirSwiftUIArguments() throws {
        let timeline = try fixture()
        let entry = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T03:00:00Z")))
        XCTAssertEqual(entry.date, try instant("2026-12-01T00:00:00Z"))
        let start = try instant("2026-12-01T00:00:00Z"), pause = try instant("2026-12-01T10:00:00Z")
        let target = try instant("2026-12-01T12:00:00Z")
        let plans = entry.view(countdown: "paused").textPlans(shownFrom: entry.date, locale: "de_DE")
        func interval(_ range: ClosedRange<Date>, _ pause: Date?, _ down: Bool) -> TimerIntervalPlan {
            TimerIntervalPlan(from: range.lowerBound, to: range.upperBound, pauseTime: pause, countsDown: down)!
        }
        XCTAssertEqual(plans, [
            .verbatim("Paused "),
            // {timer} paused before its target: Text(timerInterval: entry...T, pauseTime: P),
            // reading T - min(t, P) for as long as the entry shows.
            .timerInterval(interval(start...target, pause, true)),
            .verbatim(" · "),
            // {countdown}: Text(timerInterval: from...T, pauseTime: P, countsDown: true).
            .timerInterval(interval(start...target, pause, true)),
            .verbatim(" · "),
            // {progress}: ProgressView(timerInterval: from...T, countsDown: false): it fills.
            .progressView(interval(start...target, nil, false)),
            .verbatim(" · "),
            .date(target, style: .relative),
        ])
        // The same run shown from after the pause: the interval starts at the pause.
        let later = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T21:00:00Z")))
        XCTAssertEqual(later.view(countdown: "paused").textPlans(shownFrom: later.date, locale: "en_US")[1],
                       .timerInterval(interval(pause...target, pause, true)))
        // Unpaused: Text(T, style: .timer).
        let once = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T03:00:00Z"))).view(countdown: "once")
        XCTAssertEqual(once.textPlans(shownFrom: entry.date, locale: "en_US").last,
                       .date(try instant("2026-12-01T08:00:00Z"), style: .timer))
    }

    /// A `from` after the target never builds an inverted ClosedRange (Swift traps on one): the
    /// range is clamped to from...from and flagged; a date that is not finite builds none.
    func testInvertedIntervalIsClampedAndNeverBuilt() throws {
        let from = try instant("2026-12-01T06:00:00Z"), target = try instant("2026-12-01T05:00:00Z")
        let countdown = Run.live(LiveRun(style: .countdown, target: target, from: from))
        let progress = Run.live(LiveRun(style: .progress, target: target, from: from))

        let plan = TextPlan(countdown, shownFrom: from, locale: "en_US")
        guard case .timerInterval(let interval) = plan else { return XCTFail("\(plan)") }
        XCTAssertEqual(interval.range, from...from)
        XCTAssertTrue(interval.clamped)
        XCTAssertEqual(interval.pauseTime, target)
        XCTAssertTrue(interval.countsDown)

        guard case .progressView(let bar) = TextPlan(progress, shownFrom: from, locale: "en_US")
        else { return XCTFail("not a progress view") }
        XCTAssertEqual(bar.range, from...from)
        XCTAssertTrue(bar.clamped)

        // LiveRun.timerInterval goes through the same guard.
        guard case .live(let live) = countdown else { return XCTFail() }
        XCTAssertEqual(live.timerInterval, from...from)

        // The guard itself: ordered, equal, inverted, not finite.
        XCTAssertEqual(TimerIntervalPlan.safeRange(from: target, to: from)?.range, target...from)
        XCTAssertEqual(TimerIntervalPlan.safeRange(from: target, to: from)?.clamped, false)
        XCTAssertEqual(TimerIntervalPlan.safeRange(from: from, to: from)?.clamped, false)
        XCTAssertEqual(TimerIntervalPlan.safeRange(from: from, to: target)?.clamped, true)
        let nan = Date(timeIntervalSinceReferenceDate: .nan)
        let infinite = Date(timeIntervalSinceReferenceDate: .infinity)
        XCTAssertNil(TimerIntervalPlan.safeRange(from: nan, to: target))
        XCTAssertNil(TimerIntervalPlan.safeRange(from: from, to: nan))
        XCTAssertNil(TimerIntervalPlan.safeRange(from: from, to: infinite))
        XCTAssertNil(TimerIntervalPlan(from: nan, to: nan, pauseTime: nil, countsDown: true))
        let broken = Run.live(LiveRun(style: .countdown, target: nan, from: from))
        XCTAssertEqual(TextPlan(broken, shownFrom: from, locale: "en_US"), .verbatim(""))
        guard case .live(let brokenLive) = broken else { return XCTFail() }
        XCTAssertNil(brokenLive.timerInterval, "no trap, no range")

        // A paused timer never inverts either: its interval starts at min(shownFrom, pause).
        let t = try instant("2026-12-01T12:00:00Z"), p = try instant("2026-12-01T10:00:00Z")
        let timer = Run.live(LiveRun(style: .timer, target: t, pause: p))
        for shown in ["2026-12-01T00:00:00Z", "2026-12-01T11:00:00Z", "2026-12-02T00:00:00Z"] {
            guard case .timerInterval(let i) = TextPlan(timer, shownFrom: try instant(shown), locale: "en_US")
            else { return XCTFail(shown) }
            XCTAssertFalse(i.clamped, shown)
            XCTAssertLessThanOrEqual(i.range.lowerBound, min(try instant(shown), p), shown)
            XCTAssertEqual(i.range.upperBound, t)
        }
    }

    /// A timer paused after its target counts down, then up, then holds: Text(T, style: .timer)
    /// until T, then Text(timerInterval: T...P, pauseTime: P, countsDown: false).
    func testTimerPausedAfterItsTargetIsReplannedAtTheTarget() throws {
        let t = try instant("2026-12-01T12:00:00Z"), p = try instant("2026-12-01T14:00:00Z")
        let run = Run.live(LiveRun(style: .timer, target: t, pause: p))
        let before = try instant("2026-12-01T09:00:00Z")
        XCTAssertEqual(TextPlan(run, shownFrom: before, locale: "en_US"), .date(t, style: .timer))
        XCTAssertEqual(TextPlan.replanDate(for: run, shownFrom: before), t)
        for shown in [t, p, try instant("2026-12-02T00:00:00Z")] {
            XCTAssertEqual(TextPlan(run, shownFrom: shown, locale: "en_US"),
                           .timerInterval(TimerIntervalPlan(from: t, to: p, pauseTime: p, countsDown: false)!))
            XCTAssertNil(TextPlan.replanDate(for: run, shownFrom: shown))
        }
        // Runs that never need a second plan.
        XCTAssertNil(TextPlan.replanDate(for: .live(LiveRun(style: .timer, target: t)), shownFrom: before))
        XCTAssertNil(TextPlan.replanDate(for: .live(LiveRun(style: .timer, target: p, pause: t)), shownFrom: before))
        XCTAssertNil(TextPlan.replanDate(for: .text("x"), shownFrom: before))
    }

    /// Baked text for the device locale when the timeline has it (exact, `-` for `_`, or the
    /// same language); otherwise the key and arguments with the first locale's text as fallback.
    func testMessagesPickTheBakedTextOfTheDeviceLocaleOrFallBack() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        let run = launch.entries[0].view(countdown: "main", family: .accessoryInline)[0]
        let locales = launch.program.locales // en_US, de_DE
        func plan(_ locale: String) -> TextPlan {
            TextPlan(run, shownFrom: launch.entries[0].date, locale: locale, fallbackLocales: locales)
        }
        XCTAssertEqual(plan("en_US"), .baked("6d to launch", locale: "en_US"))
        XCTAssertEqual(plan("de-DE"), .baked("6d to launch", locale: "de_DE"))
        XCTAssertEqual(plan("de_AT"), .baked("6d to launch", locale: "de_DE"))
        XCTAssertEqual(plan("en"), .baked("6d to launch", locale: "en_US"))
        XCTAssertEqual(plan("EN_us@calendar=gregorian"), .baked("6d to launch", locale: "en_US"))
        XCTAssertEqual(plan("fr_FR"), .localized(MessagePlan(
            message: 1, key: "main.above-1d.accessoryInline", arguments: [.days: 6],
            fallback: "6d to launch", fallbackLocale: "en_US")))

        // Without text in any locale (a timeline written without locales): key and arguments only.
        let bare = Run.message(MessageRun(message: 3, key: "k", args: [.minutes: 5, .days: 1, .hours: 2], text: nil))
        let plan = TextPlan(bare, shownFrom: Date(), locale: "en_US")
        XCTAssertEqual(plan, .localized(MessagePlan(message: 3, key: "k", arguments: [.minutes: 5, .days: 1, .hours: 2],
                                                    fallback: nil, fallbackLocale: nil)))
        guard case .localized(let message) = plan else { return XCTFail() }
        XCTAssertEqual(message.orderedArguments.map(\.unit), [.days, .hours, .minutes])
        XCTAssertEqual(message.orderedArguments.map(\.value), [1, 2, 5])

        // A locale listed with null text does not count; the order of the program decides ties.
        let partial = MessageRun(message: 0, key: "k", args: [:],
                                 text: ["en_US": nil, "en_GB": "colour", "de_DE": "Farbe"])
        XCTAssertEqual(LocaleMatch.locales(withTextIn: partial, order: ["en_US", "de_DE"]), ["de_DE", "en_GB"])
        XCTAssertEqual(TextPlan(.message(partial), shownFrom: Date(), locale: "en_US", fallbackLocales: ["en_US", "de_DE"]),
                       .baked("colour", locale: "en_GB"))
        XCTAssertNil(LocaleMatch.best(for: "", among: ["en_US"]))
        XCTAssertNil(LocaleMatch.best(for: "fr", among: []))
    }

    /// One concatenated Text where every plan is a Text; an HStack around a ProgressView,
    /// with the Texts next to each other merged; nothing for a hidden view.
    func testRunsLayoutConcatenatesTextsAndStacksAroundProgressViews() throws {
        let timeline = try fixture()
        let entry = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T05:30:00Z")))
        func layout(_ id: String, _ family: Family = .default) -> RunsLayout {
            RunsLayout(entry.view(countdown: id, family: family).textPlans(shownFrom: entry.date, locale: "en_US"))
        }
        guard case .text(let oven) = layout("oven") else { return XCTFail("oven is all text") }
        XCTAssertEqual(oven.count, 8)
        guard case .stack(let circular) = layout("oven", .accessoryCircular),
              circular.count == 1, case .progress = circular[0] else { return XCTFail("a lone progress view") }
        guard case .stack(let paused) = layout("paused") else { return XCTFail("paused has a progress view") }
        XCTAssertEqual(paused.count, 3)
        guard case .text(let head) = paused[0], case .progress = paused[1], case .text(let tail) = paused[2]
        else { return XCTFail("\(paused)") }
        XCTAssertEqual(head.count, 5, "Paused, timer, ·, countdown, · in one Text")
        XCTAssertEqual(tail.count, 2, "·, relative")

        let hidden = try XCTUnwrap(timeline.entry(at: instant("2026-12-01T07:00:00Z")))
        XCTAssertEqual(RunsLayout(hidden.view(countdown: "oven").textPlans(shownFrom: hidden.date, locale: "en_US")),
                       .empty)
        // Every golden example is text only: one Text per view.
        for file in try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json") {
            let golden = try CompiledTimeline(contentsOf: file)
            for entry in golden.entries {
                for family in Family.allCases {
                    let plans = entry.view(family: family).textPlans(shownFrom: entry.date, locale: "en_US")
                    guard case .text = RunsLayout(plans) else {
                        return XCTFail("\(file.lastPathComponent): \(RunsLayout(plans))")
                    }
                }
            }
        }
    }
}

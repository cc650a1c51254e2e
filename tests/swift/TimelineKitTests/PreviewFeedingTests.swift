import Foundation
import XCTest
@testable import TimelineKit

/// What Xcode previews get: the entries of `#Preview(as:widget:timeline:)` and the content states
/// of `#Preview(_:as:using:widget:contentStates:)`, and the ActivityKit content of a schedule.
final class PreviewFeedingTests: XCTestCase {
    private func delivery() throws -> ActivitySchedule {
        try ActivitySchedule(contentsOf: Repo.goldenExamples.appendingPathComponent("delivery-activity.schedule.json"))
    }

    /// The delivery schedule's four content states, decoded into the app's ContentState
    /// (DeliveryState of the docs' snippet), in time order.
    func testDeliveryScheduleFeedsTheLiveActivityPreview() throws {
        let schedule = try delivery()
        let eta = try instant("2026-12-03T16:10:00Z")
        let states = try schedule.previewContentStates(DeliveryState.self)
        XCTAssertEqual(states, [
            DeliveryState(eta: eta, status: "On the way", stops: 3),
            DeliveryState(eta: eta, status: "On the way", stops: 2),
            DeliveryState(eta: eta, status: "Nearby", stops: 0),
            DeliveryState(eta: eta, status: "Delivered", stops: 0),
        ])

        // Rebased: each state's eta keeps its distance from the state's own time, counted from now.
        let now = try instant("2027-01-10T08:00:00Z")
        let rebased = try schedule.previewContentStates(DeliveryState.self, rebasedTo: now.addingTimeInterval(0.75))
        XCTAssertEqual(rebased.map(\.eta), schedule.states.map { now.addingTimeInterval(eta.timeIntervalSince($0.at)) })
        XCTAssertEqual(rebased.map(\.eta.timeIntervalSince1970).map { $0.rounded() }, rebased.map(\.eta.timeIntervalSince1970),
                       "whole seconds")
        XCTAssertEqual(rebased.map(\.status), states.map(\.status))
        XCTAssertEqual(rebased.map(\.stops), states.map(\.stops))
    }

    /// Every state as ActivityContent(state:staleDate:relevanceScore:) plus its event and
    /// dismissal: pushed states decoded from the push body with the schedule's date-encoding,
    /// exactly as ActivityKit decodes them.
    func testDeliveryScheduleGivesActivityKitItsContent() throws {
        let schedule = try delivery()
        let plans = try schedule.activityContentPlans(DeliveryState.self)
        let eta = try instant("2026-12-03T16:10:00Z")
        XCTAssertEqual(plans.map(\.event), [.start, .update, .update, .end])
        XCTAssertEqual(plans.map(\.via), [.app, .push, .push, .push])
        XCTAssertEqual(plans.map(\.at), schedule.states.map(\.at))
        XCTAssertEqual(plans.map(\.state), try schedule.previewContentStates(DeliveryState.self),
                       "the push bodies decode to the readable content states")
        XCTAssertEqual(plans.map(\.state.eta), Array(repeating: eta, count: 4))
        XCTAssertEqual(plans.map(\.staleDate), [try instant("2026-12-03T15:30:00Z"), try instant("2026-12-03T16:00:00Z"),
                                                try instant("2026-12-03T16:15:00Z"), nil])
        XCTAssertEqual(plans.map(\.relevanceScore), [0, 0, 0, 0], "no relevance-score: ActivityKit's default")
        XCTAssertEqual(plans.map(\.dismissal), [nil, nil, nil, .after(try instant("2026-12-03T16:30:00Z"))])
        XCTAssertEqual(plans[2].alert, ActivitySchedule.Alert(title: "Your order is nearby",
                                                              body: "About 10 minutes away", sound: "default"))
        XCTAssertEqual(plans.filter { $0.alert != nil }.count, 1)

        // A wrong date-encoding shows as it would on the device: 31 years off (TL208).
        var wrong = schedule
        wrong.dateEncoding = .secondsSince1970
        let misread = try wrong.activityContentPlans(DeliveryState.self)
        XCTAssertEqual(misread[0].state.eta, eta, "the app's own state has no push body")
        XCTAssertEqual(misread[1].state.eta.timeIntervalSince(eta), -978_307_200)
        XCTAssertThrowsError(try schedule.activityContentPlans([String: Int].self), "a type that does not fit")
    }

    /// ActivityUIDismissalPolicy as a value: none is .default, at or before the end
    /// .immediate, later .after(date).
    func testDismissalPlanCoversEveryPolicy() throws {
        let end = try instant("2026-12-03T16:15:00Z")
        XCTAssertEqual(DismissalPlan(dismissalDate: nil, endingAt: end), .default)
        XCTAssertEqual(DismissalPlan(dismissalDate: end, endingAt: end), .immediate)
        XCTAssertEqual(DismissalPlan(dismissalDate: end.addingTimeInterval(-60), endingAt: end), .immediate)
        XCTAssertEqual(DismissalPlan(dismissalDate: end.addingTimeInterval(900), endingAt: end),
                       .after(end.addingTimeInterval(900)))
    }

    /// The widget preview steps through distinct displays of the family, at most `limit`,
    /// first and last kept.
    func testTimelinePreviewEntriesAreTheDistinctDisplays() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        let inline = launch.previewEntries(family: .accessoryInline)
        // 10 entries; 30 Nov 17:00 and 1 Dec 15:00 show the same runs (only the relevance changes).
        XCTAssertEqual(inline.count, 9)
        XCTAssertEqual(inline.map(\.date), launch.entries.map(\.date).filter { $0 != (try? instant("2026-12-01T15:00:00Z")) })
        XCTAssertEqual(inline.map { $0.view(family: .accessoryInline).render(locale: "en_US") ?? "(live)" },
                       ["6d to launch", "5d to launch", "4d to launch", "3d to launch", "2d to launch", "1d to launch",
                        "(live)", "Launching now", "Launched"])
        let four = launch.previewEntries(family: .accessoryInline, limit: 4)
        XCTAssertEqual(four.map { $0.view(family: .accessoryInline).render(locale: "en_US") ?? "(live)" },
                       ["6d to launch", "3d to launch", "1d to launch", "Launched"])
        XCTAssertEqual(launch.previewEntries(limit: 1), [launch.entries[0]])
        XCTAssertEqual(launch.previewEntries(family: .small, limit: 100).count, 9)

        // Every golden: at most the limit, distinct consecutive displays, first entry first.
        for file in try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json") {
            let timeline = try CompiledTimeline(contentsOf: file)
            for family in Family.allCases {
                let entries = timeline.previewEntries(family: family, limit: 6)
                XCTAssertLessThanOrEqual(entries.count, 6)
                XCTAssertEqual(entries.first, timeline.entries.first)
                for (a, b) in zip(entries, entries.dropFirst()) {
                    XCTAssertLessThan(a.date, b.date)
                    XCTAssertNotEqual(a.views.mapValues { $0.runs(for: family) }, b.views.mapValues { $0.runs(for: family) })
                }
            }
        }
    }

    /// Rebased to now, each preview entry reads what the device reads at the entry's date:
    /// counting runs keep their distance to the entry's date; date and time runs keep theirs.
    func testRebasedPreviewEntriesReadAsAtTheirOwnDate() throws {
        let flight = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("flight.timeline.json"))
        let now = try instant("2027-03-01T12:00:00Z")
        let rebased = flight.previewEntries(rebasedTo: now.addingTimeInterval(0.5))
        let plain = flight.previewEntries()
        XCTAssertEqual(rebased.count, plain.count)
        var counting = 0, naming = 0
        for (moved, original) in zip(rebased, plain) {
            XCTAssertEqual(moved.date, now)
            XCTAssertEqual(moved.relevance, original.relevance)
            for (run, before) in zip(moved.view(), original.view()) {
                switch (run, before) {
                case (.live(let a), .live(let b)) where b.style == .date || b.style == .time:
                    XCTAssertEqual(a, b, "a run that names a date keeps it")
                    naming += 1
                case (.live(let a), .live(let b)):
                    XCTAssertEqual(a.target.timeIntervalSince(now), b.target.timeIntervalSince(original.date))
                    counting += 1
                default:
                    XCTAssertEqual(run, before)
                }
            }
            XCTAssertEqual(moved.views["main"]?.target, original.views["main"]?.target)
        }
        XCTAssertGreaterThan(counting, 0)
        XCTAssertGreaterThan(naming, 0)

        // Run.shifted moves from, target and pause of counting styles only.
        let t = try instant("2026-12-01T12:00:00Z"), f = try instant("2026-12-01T10:00:00Z")
        XCTAssertEqual(Run.live(LiveRun(style: .countdown, target: t, from: f, pause: t)).shifted(by: 60),
                       .live(LiveRun(style: .countdown, target: t + 60, from: f + 60, pause: t + 60)))
        XCTAssertEqual(Run.live(LiveRun(style: .time, target: t)).shifted(by: 60), .live(LiveRun(style: .time, target: t)))
        XCTAssertEqual(Run.text("x").shifted(by: 60), .text("x"))
    }
}

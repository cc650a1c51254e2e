import Foundation
import XCTest
@testable import TimelineKit

/// What TimelineKitUI hands WidgetKit: `Timeline(entries:policy:)` as values.
final class WidgetTimelinePlanTests: XCTestCase {
    private func timelineFiles() throws -> [URL] {
        try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json")
            + [Repo.fixtures.appendingPathComponent("live-runs.timeline.json")]
    }

    /// The JSON's entries (date, relevance) and policy, read with Foundation alone.
    private struct Raw: Decodable {
        struct Policy: Decodable { let kind: String; let date: Date? }
        struct Relevance: Decodable { let score: Double; let duration: Int }
        struct Entry: Decodable { let date: Date; let relevance: Relevance? }
        let now: Date
        let policy: Policy
        let entries: [Entry]
    }

    private func raw(_ file: URL) throws -> Raw {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Raw.self, from: Data(contentsOf: file))
    }

    private func policy(_ raw: Raw.Policy) -> ReloadPolicy? {
        switch raw.kind {
        case "at-end": return .atEnd
        case "never": return .never
        case "after": return raw.date.map { .after($0) }
        default: return nil
        }
    }

    /// Every golden timeline (and the fixture) gives WidgetKit exactly its JSON: the entries'
    /// dates, relevance and views, and the policy; also at its own compile instant.
    func testEveryGoldenTimelineGivesWidgetKitItsEntriesAndPolicy() throws {
        var policies = Set<String>()
        for file in try timelineFiles() {
            let name = file.lastPathComponent
            let timeline = try CompiledTimeline(contentsOf: file)
            let json = try raw(file)
            for plan in [timeline.widgetTimeline(), timeline.widgetTimeline(at: json.now)] {
                XCTAssertEqual(plan.entries.map(\.date), json.entries.map(\.date), name)
                XCTAssertEqual(plan.entries.map { $0.relevance?.score }, json.entries.map { $0.relevance?.score }, name)
                XCTAssertEqual(plan.entries.map { $0.relevance?.duration }, json.entries.map { $0.relevance?.duration }, name)
                XCTAssertEqual(plan.entries, timeline.entries, name)
                XCTAssertEqual(plan.policy, try XCTUnwrap(policy(json.policy)), name)
                XCTAssertEqual(plan.locales, timeline.program.locales, name)
            }
            policies.insert(timeline.policy.widgetKitName)
            // What TimelineEntryRelevance(score:duration:) gets.
            for entry in timeline.entries {
                if let relevance = entry.relevance {
                    XCTAssertEqual(relevance.widgetKitScore, Float(relevance.score))
                    XCTAssertEqual(relevance.widgetKitDuration, TimeInterval(relevance.duration))
                }
            }
        }
        XCTAssertEqual(policies, ["never", "after", "atEnd"], "the goldens and the fixture use every policy")
    }

    /// At a later instant the entries before the one showing are dropped (it keeps its date);
    /// before the first entry nothing is.
    func testEntriesBeforeTheShowingOneAreDropped() throws {
        let launch = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("launch.timeline.json"))
        let now = try instant("2026-12-01T16:00:00Z")
        let plan = launch.widgetTimeline(at: now)
        XCTAssertEqual(plan.entries.first?.date, try instant("2026-12-01T15:00:00Z"))
        XCTAssertEqual(plan.entries, Array(launch.entries[7...]))
        XCTAssertEqual(plan.policy, .never)
        XCTAssertEqual(launch.widgetTimeline(at: try instant("2026-11-01T00:00:00Z")).entries, launch.entries)
        // Long after the end: the last entry alone, still .never.
        let late = launch.widgetTimeline(at: try instant("2027-06-01T00:00:00Z"))
        XCTAssertEqual(late.entries, [launch.entries.last!])
        XCTAssertEqual(late.policy, .never)
    }

    /// A reload asked for at or before now would loop (the same bundled file again): it is
    /// moved to now + the minimum interval. The mapping of the three policies is total.
    func testPolicyDueInThePastIsPostponedNotLooped() throws {
        let standup = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("standup.timeline.json"))
        let after = try instant("2026-10-29T00:00:00Z")
        XCTAssertEqual(standup.widgetTimeline(at: try instant("2026-10-28T23:59:59Z")).policy, .after(after))
        let late = try instant("2026-11-02T10:00:00Z")
        XCTAssertEqual(standup.widgetTimeline(at: late).policy, .after(late.addingTimeInterval(900)))
        XCTAssertEqual(standup.widgetTimeline(at: after, minimumReloadInterval: 1800).policy,
                       .after(after.addingTimeInterval(1800)))
        XCTAssertEqual(standup.widgetTimeline(at: late, minimumReloadInterval: 0).policy,
                       .after(late.addingTimeInterval(60)), "at least a minute")

        let fixture = try CompiledTimeline(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
        let last = try XCTUnwrap(fixture.entries.last).date
        XCTAssertEqual(fixture.widgetTimeline(at: last.addingTimeInterval(-1)).policy, .atEnd)
        XCTAssertEqual(fixture.widgetTimeline(at: last).policy, .after(last.addingTimeInterval(900)))

        let now = try instant("2026-12-01T00:00:00Z")
        let cases: [(ReloadPolicy, String, Date?)] = [
            (.atEnd, "atEnd", now), (.after(after), "after", after), (.never, "never", nil),
        ]
        for (policy, name, date) in cases {
            XCTAssertEqual(policy.widgetKitName, name)
            XCTAssertEqual(policy.reloadDate(lastEntryDate: now), date)
        }
        XCTAssertEqual(ReloadPolicy.never.guarded(now: .distantFuture, lastEntryDate: now), .never)
        XCTAssertEqual(ReloadPolicy.atEnd.guarded(now: now.addingTimeInterval(-1), lastEntryDate: now), .atEnd)
    }

    /// A timer paused after its target gets an entry at its target (the plan changes there),
    /// with the views unchanged and the rest of the relevance.
    func testAnEntryIsAddedWhereARunNeedsItsSecondPlan() throws {
        var timeline = try CompiledTimeline(contentsOf: Repo.fixtures.appendingPathComponent("live-runs.timeline.json"))
        let d0 = try instant("2026-12-01T00:00:00Z"), t = try instant("2026-12-01T12:00:00Z")
        let p = try instant("2026-12-01T14:00:00Z"), d1 = try instant("2026-12-01T20:00:00Z")
        let view = CompiledTimeline.View(phase: .index(0), target: t, families: [
            .default: [.text("Held "), .live(LiveRun(style: .timer, target: t, pause: p))],
        ])
        timeline.entries = [
            .init(date: d0, relevance: .init(score: 50, duration: 14 * 3600), views: ["main": view]),
            .init(date: d1, views: ["main": view]),
        ]
        let plan = timeline.widgetTimeline()
        XCTAssertEqual(plan.entries.map(\.date), [d0, t, d1])
        XCTAssertEqual(plan.entries[1].views, plan.entries[0].views)
        XCTAssertEqual(plan.entries[1].relevance, .init(score: 50, duration: 2 * 3600))
        XCTAssertNil(plan.entries[2].relevance)
        // Each entry's plan is exact for its whole span.
        let plans = plan.entries.map { $0.view(countdown: "main").textPlans(shownFrom: $0.date, locale: "en_US")[1] }
        XCTAssertEqual(plans[0], .date(t, style: .timer))
        XCTAssertEqual(plans[1], .timerInterval(TimerIntervalPlan(from: t, to: p, pauseTime: p, countsDown: false)!))
        XCTAssertEqual(plans[2], plans[1])
        // Relevance that ends before the target is not carried over; a target past the next
        // entry adds nothing.
        timeline.entries[0].relevance = .init(score: 50, duration: 3600)
        XCTAssertNil(timeline.widgetTimeline().entries[1].relevance)
        timeline.entries[1].date = try instant("2026-12-01T11:00:00Z")
        XCTAssertEqual(timeline.widgetTimeline().entries.map(\.date),
                       [d0, try instant("2026-12-01T11:00:00Z"), t])
    }

    /// No timeline to read: one empty entry now and a retry later, never an immediate reload.
    func testUnavailableTimelineRetriesLater() throws {
        let now = try instant("2026-12-01T00:00:00Z")
        let plan = WidgetTimelinePlan.unavailable(at: now)
        XCTAssertEqual(plan.entries, [CompiledTimeline.Entry(date: now, views: [:])])
        XCTAssertEqual(plan.entries[0].view(), [])
        XCTAssertEqual(plan.policy, .after(now.addingTimeInterval(900)))
        XCTAssertEqual(WidgetTimelinePlan.unavailable(at: now, retryAfter: 0).policy, .after(now.addingTimeInterval(60)))
    }

    /// WidgetFamily case names map to TimelineKit's families and back; any other family uses the
    /// default runs.
    func testWidgetFamilyNamesMapBothWays() {
        for family in Family.allCases {
            if let name = family.widgetFamilyName {
                XCTAssertEqual(Family(widgetFamilyName: name), family, name)
            } else {
                XCTAssertEqual(family, .default)
            }
        }
        XCTAssertEqual(Family(widgetFamilyName: "systemSmall"), .small)
        XCTAssertEqual(Family(widgetFamilyName: "accessoryInline"), .accessoryInline)
        for other in ["accessoryCorner", "systemExtraLargePortrait", "", "small"] {
            XCTAssertEqual(Family(widgetFamilyName: other), .default, other)
        }
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// Every golden output of timelinec decodes, and the models keep every value of it.
final class GoldenTests: XCTestCase {
    func testEveryGoldenTimelineDecodes() throws {
        let files = try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json")
        XCTAssertEqual(files.count, 9, "the nine example timelines")
        for file in files {
            let timeline = try CompiledTimeline(contentsOf: file)
            let name = file.lastPathComponent
            XCTAssertFalse(timeline.entries.isEmpty, name)
            XCTAssertEqual(timeline.entries.first?.date, timeline.start, "\(name): entries[0].date is start")
            XCTAssertLessThan(timeline.start, timeline.end, name)
            XCTAssertEqual(timeline.program.widget, timeline.widget, name)
            for entry in timeline.entries {
                XCTAssertEqual(Set(entry.views.keys), Set(timeline.program.countdowns.map(\.id)), name)
            }
        }
    }

    func testEveryGoldenProgramDecodesAndEqualsTheTimelinesProgram() throws {
        let files = try Repo.files(in: Repo.goldenExamples, endingWith: ".program.json")
        XCTAssertEqual(files.count, 9)
        for file in files {
            let program = try CompiledProgram(contentsOf: file)
            let timelineURL = file.deletingLastPathComponent().appendingPathComponent(
                file.lastPathComponent.replacingOccurrences(of: ".program.json", with: ".timeline.json"))
            let timeline = try CompiledTimeline(contentsOf: timelineURL)
            XCTAssertEqual(program, timeline.program, file.lastPathComponent)
            XCTAssertFalse(program.countdowns.isEmpty)
            XCTAssertTrue((program.window == nil) != (program.horizon == nil))
        }
    }

    func testEveryGoldenScheduleDecodes() throws {
        let examples = try Repo.files(in: Repo.goldenExamples, endingWith: ".schedule.json")
        let pinned = try Repo.files(in: Repo.goldenSchedules, endingWith: ".schedule.json")
        XCTAssertEqual(examples.count, 4)
        XCTAssertGreaterThanOrEqual(pinned.count, 32)
        for file in examples + pinned {
            let schedule = try ActivitySchedule(contentsOf: file)
            XCTAssertEqual(schedule.states.first?.event, .start)
            XCTAssertEqual(schedule.states.first?.at, schedule.lifecycle.start)
            for state in schedule.states {
                XCTAssertEqual(state.request == nil, state.via == .app || state.via == .intent)
                if let request = state.request {
                    XCTAssertEqual(request.method, "POST")
                    XCTAssertEqual(request.headers.pushType, "liveactivity")
                    XCTAssertEqual(request.headers.topic, schedule.bundleID + ".push-type.liveactivity")
                    XCTAssertEqual(request.body.aps.timestamp, Int(state.at.timeIntervalSince1970))
                    XCTAssertEqual(request.body.aps.event, state.event)
                }
            }
        }
    }

    /// decode -> encode gives back the same JSON value: no key is lost or renamed, nulls stay
    /// null, absent keys stay absent.
    func testGoldenFilesRoundTripLosslessly() throws {
        var checked = 0
        for suffix in [".timeline.json", ".program.json", ".schedule.json"] {
            let pinned = suffix == ".schedule.json" ? try Repo.files(in: Repo.goldenSchedules, endingWith: suffix) : []
            for file in try Repo.files(in: Repo.goldenExamples, endingWith: suffix) + pinned {
                let data = try Data(contentsOf: file)
                let encoded: Data
                switch suffix {
                case ".timeline.json": encoded = try JSONEncoder().encode(CompiledTimeline(jsonData: data))
                case ".program.json": encoded = try JSONEncoder().encode(CompiledProgram(jsonData: data))
                default: encoded = try JSONEncoder().encode(ActivitySchedule(jsonData: data))
                }
                let original = try JSONTree.parse(data), again = try JSONTree.parse(encoded)
                XCTAssertEqual(original, again, file.lastPathComponent)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 22 + (try Repo.files(in: Repo.goldenSchedules, endingWith: ".schedule.json").count))
    }

    /// Every instant in the golden files: TimelineKit's strict parser, Foundation's
    /// JSONDecoder (.iso8601) and ISO8601DateFormatter read the same Date.
    func testJSONDecoderAgreesWithEveryGoldenInstant() throws {
        let iso = JSONDecoder()
        iso.dateDecodingStrategy = .iso8601
        let formatter = ISO8601DateFormatter()
        var count = 0
        for file in try Repo.files(in: Repo.goldenExamples, endingWith: ".json") {
            for (path, text) in try JSONTree.parse(Data(contentsOf: file)).strings()
            where text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/) != nil {
                let ours = try XCTUnwrap(Instant.parse(text), "\(file.lastPathComponent)\(path)")
                let foundation = try iso.decode(Date.self, from: Data("\"\(text)\"".utf8))
                XCTAssertEqual(ours, foundation, "\(file.lastPathComponent)\(path)")
                XCTAssertEqual(ours, formatter.date(from: text), "\(file.lastPathComponent)\(path)")
                XCTAssertEqual(Instant.string(from: ours), text)
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 200)
    }

    /// The decoded model carries the golden values, read independently with Foundation.
    func testDecodedValuesMatchTheGoldenJSON() throws {
        let iso = JSONDecoder()
        iso.dateDecodingStrategy = .iso8601
        struct RawEntry: Decodable {
            struct Relevance: Decodable { let score: Double; let duration: Int }
            let date: Date
            let relevance: Relevance?
        }
        struct Raw: Decodable {
            let now: Date, start: Date, end: Date
            let entries: [RawEntry]
        }
        for file in try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json") {
            let data = try Data(contentsOf: file)
            let raw = try iso.decode(Raw.self, from: data)
            let timeline = try CompiledTimeline(jsonData: data)
            XCTAssertEqual(timeline.now, raw.now)
            XCTAssertEqual(timeline.start, raw.start)
            XCTAssertEqual(timeline.end, raw.end)
            XCTAssertEqual(timeline.entries.map(\.date), raw.entries.map(\.date))
            XCTAssertEqual(timeline.entries.map { $0.relevance?.score }, raw.entries.map { $0.relevance?.score })
            XCTAssertEqual(timeline.entries.map { $0.relevance?.duration },
                           raw.entries.map { $0.relevance?.duration })
        }
    }

    func testFlightGoldenInDetail() throws {
        let timeline = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("flight.timeline.json"))
        XCTAssertEqual(timeline.widget, "FlightStatus")
        XCTAssertEqual(timeline.nowSource, .option)
        XCTAssertEqual(timeline.displayZone, "Europe/Berlin")
        XCTAssertEqual(timeline.policy, .never)
        XCTAssertTrue(timeline.constantTail)
        XCTAssertEqual(timeline.params, ["departure": "2026-12-03T16:45:00Z", "flight": "LH454"])
        XCTAssertEqual(timeline.program.horizon, 172_800)
        XCTAssertEqual(timeline.program.reload.policy, .auto)
        XCTAssertEqual(timeline.program.locales, ["en_US", "de_DE", "ja_JP"])
        let main = try XCTUnwrap(timeline.program.countdown(id: "main"))
        XCTAssertEqual(main.mode, .to)
        XCTAssertEqual(main.target, CompiledProgram.Time(kind: .param, at: nil, param: "departure", offset: 0))
        XCTAssertEqual(main.relevance, CompiledProgram.Relevance(score: 90, from: -10_800, until: 1800))
        XCTAssertEqual(main.phases.map(\.above), [10_800, 2400, 0, -1800, nil])
        XCTAssertEqual(main.phases[0].at, SpecPosition(line: 19, column: 7))
        XCTAssertEqual(timeline.program.messages[0].pattern, "{flight} departs at ")
        XCTAssertEqual(timeline.program.messages[0].params, ["flight"])

        let second = timeline.entries[1]
        XCTAssertEqual(second.date, try instant("2026-12-03T13:45:00Z"))
        XCTAssertEqual(second.relevance, CompiledTimeline.Relevance(score: 90, duration: 12_600))
        XCTAssertEqual(second.views["main"]?.phase, .index(1))
        XCTAssertEqual(second.view(), [
            .message(MessageRun(message: 1, key: "main.above-40m.default", args: [:],
                                text: ["en_US": "LH454 boards in ", "de_DE": "LH454 boards in ",
                                       "ja_JP": "LH454 boards in "])),
            .live(LiveRun(style: .timer, target: try instant("2026-12-03T16:45:00Z"))),
        ])
        XCTAssertNil(timeline.entries[4].relevance)
        XCTAssertEqual(timeline.entries[4].view().render(locale: "ja_JP"), "Have a good flight")
    }

    func testStandupGoldenHasAnAfterPolicy() throws {
        let timeline = try CompiledTimeline(contentsOf: Repo.goldenExamples.appendingPathComponent("standup.timeline.json"))
        XCTAssertEqual(timeline.policy, .after(try instant("2026-10-29T00:00:00Z")))
        XCTAssertFalse(timeline.constantTail)
        let countdown = try XCTUnwrap(timeline.program.countdowns.first)
        XCTAssertEqual(countdown.mode, .recur)
        XCTAssertNotNil(countdown.rrule)
        XCTAssertNotNil(countdown.rollAfter)
        XCTAssertNil(countdown.target)
    }
}

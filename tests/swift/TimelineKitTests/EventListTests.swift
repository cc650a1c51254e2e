import Foundation
import XCTest
@testable import TimelineKit

/// Countdowns over a list of events (`events:`): TimelineKit reads the program's items, fields
/// and `above: "end"`, and the timeline's `item` per view, as the C readers do, and refuses
/// what they refuse (tests/unit/test_program.c, events_refusals). The fixtures are
/// `timelinec compile tests/semantics/sessions.yaml -o Fixtures/sessions.program.json` and
/// `timelinec compile --timeline --now 2026-12-05T10:00:00Z tests/semantics/sessions.yaml
/// -o Fixtures/sessions.timeline.json`.
final class EventListTests: XCTestCase {
    private func text(_ name: String) throws -> String {
        String(decoding: try Repo.data("tests/swift/TimelineKitTests/Fixtures/" + name), as: UTF8.self)
    }

    func testReadsTheItemsAndTheirFields() throws {
        let program = try CompiledProgram(jsonData: Data(try text("sessions.program.json").utf8))
        let c = program.countdowns[0]
        XCTAssertEqual(c.mode, .events)
        XCTAssertEqual(c.fields?.map(\.name), ["name", "laps"])
        XCTAssertEqual(c.fields?.map(\.type), [.text, .integer])
        XCTAssertEqual(c.events?.map(\.values), [["FP2", "1"], ["FP1", "2"], ["Press", "0"]])
        XCTAssertEqual(c.events?[1].start?.at, "2026-12-05T12:30:00Z")
        XCTAssertEqual(c.events?[1].end?.at, "2026-12-05T13:30:00Z")
        XCTAssertEqual(c.phases.map(\.aboveEnd), [false, false, true, false])
        XCTAssertEqual(c.phases[2].views[.default]?.map(\.toEnd), [false, true]) // {timer end}
        XCTAssertEqual(c.phases[1].views[.default]?.map(\.toEnd), [false, false])
        let again = try CompiledProgram(jsonData: JSONEncoder().encode(program))
        XCTAssertEqual(again.countdowns, program.countdowns)
    }

    func testTimelineViewsNameTheirItem() throws {
        let timeline = try CompiledTimeline(jsonData: Data(try text("sessions.timeline.json").utf8))
        let items = timeline.entries.map { $0.views["main"]!.item }
        XCTAssertEqual(items, [1, 1, 1, 0, 0, 0, nil])
        let live = timeline.entries[2].views["main"]!
        XCTAssertEqual(timeline.fieldValues(of: live, countdown: "main"), ["name": "FP1", "laps": "2"])
        let again = try CompiledTimeline(jsonData: JSONEncoder().encode(timeline))
        XCTAssertEqual(again.entries.map { $0.views["main"]!.item }, items)
    }

    private func refuses(_ file: String, _ from: String, _ to: String, _ want: String,
                         line: UInt = #line) throws {
        let source = try text(file)
        XCTAssertTrue(source.contains(from), "the fixture has \(from)", line: line)
        let data = Data(source.replacingOccurrences(of: from, with: to).utf8)
        let read: (Data) throws -> Void = file.hasSuffix(".program.json")
            ? { _ = try CompiledProgram(jsonData: $0) } : { _ = try CompiledTimeline(jsonData: $0) }
        XCTAssertThrowsError(try read(data), line: line) {
            XCTAssertTrue(String(describing: $0).contains(want), "\($0)", line: line)
        }
    }

    func testRefusesWhatTheCReadersRefuse() throws {
        let p = "sessions.program.json"
        try refuses(p, #""values": ["FP1", "2"]"#, #""values": ["FP1"]"#, "1 values for 2 fields")
        try refuses(p, #""values": ["FP1", "2"]"#, #""values": ["FP1", "two"]"#, "not an integer")
        try refuses(p, #"{"name": "laps", "type": "integer"}"#, #"{"name": "name", "type": "integer"}"#,
                    "two fields have the same name")
        try refuses(p, #""mode": "events""#, #""mode": "to""#, "is not allowed in a countdown of mode")
        try refuses(p, #""above": "end""#, #""above": "start""#, "\"end\"")
        try refuses(p, #""to": "end""#, #""to": "start""#, "is \"end\"")
        try refuses(p, #""params": []"#, #""params": [{"name": "laps", "type": "text"}]"#,
                    "has the name of a parameter")
        let t = "sessions.timeline.json"
        try refuses(t, #""item": 0"#, #""item": 3"#, "item 3 is not an event")
        try refuses(t, #""item": 0,"#, "", "needs")
    }

    // A list parameter (Fixtures/sessions-param.*: `timelinec compile
    // tests/semantics/sessions-param.yaml` and `--timeline --now 2026-12-05T10:00:00Z --param
    // sessions=@tests/semantics/sessions.json`).
    func testListParameters() throws {
        let program = try CompiledProgram(jsonData: Data(try text("sessions-param.program.json").utf8))
        XCTAssertEqual(program.params.first?.type, .events)
        XCTAssertEqual(program.params.first?.fields?.map(\.name), ["name", "laps"])
        XCTAssertEqual(program.countdowns[0].eventsParam, "sessions")
        XCTAssertEqual(program.countdowns[0].fields?.map(\.type), [.text, .integer])
        XCTAssertNil(program.countdowns[0].events)
        let timeline = try CompiledTimeline(jsonData: Data(try text("sessions-param.timeline.json").utf8))
        XCTAssertEqual(timeline.lists?["main"]?.map(\.values), [["FP2", "1"], ["FP1", "2"], ["Press", "0"]])
        XCTAssertNil(timeline.lists?["main"]?[2].end)
        XCTAssertEqual(timeline.entries.last?.views["main"]?.phase, .empty)
        XCTAssertNil(timeline.entries.last?.views["main"]?.target)
        XCTAssertEqual(program.countdowns[0].empty?[.default]?.count, 1)
        let live = timeline.entries[2].views["main"]!
        XCTAssertEqual(timeline.fieldValues(of: live, countdown: "main"), ["name": "FP1", "laps": "2"])
        let again = try CompiledTimeline(jsonData: JSONEncoder().encode(timeline))
        XCTAssertEqual(again.lists, timeline.lists)
        XCTAssertEqual(again.program.countdowns, timeline.program.countdowns)
        try refuses("sessions-param.program.json", #""empty": {"#,
                    #""empty": {"small": [{"live": "timer"}], "#, "no self-updating run")
        let t = "sessions-param.timeline.json"
        try refuses(t, #""values": ["FP1", "2"]"#, #""values": ["FP1", "x"]"#, "not an integer")
        try refuses(t, #""lists": {"#, #""lists": {"other": [], "#, "is not a countdown that reads")
        try refuses(t, #""events-param": "sessions""#, #""events-param": "nope""#,
                    "is not a parameter of the program")
    }

    // Recurring items (Fixtures/timetable.program.json: `timelinec compile
    // tests/semantics/timetable.yaml`).
    func testRecurringItems() throws {
        let program = try CompiledProgram(jsonData: Data(try text("timetable.program.json").utf8))
        let events = try XCTUnwrap(program.countdowns[0].events)
        XCTAssertEqual(events[0].rrule, "FREQ=DAILY;BYSECOND=0;BYMINUTE=10;BYHOUR=9;BYDAY=MO")
        XCTAssertEqual(events[0].length, 3000)
        XCTAssertNil(events[0].start)
        XCTAssertNotNil(events[3].start)
        let again = try CompiledProgram(jsonData: JSONEncoder().encode(program))
        XCTAssertEqual(again.countdowns, program.countdowns)
        try refuses("timetable.program.json", #""length": 3000,"#,
                    #""length": 3000, "start": {"kind": "literal", "at": "2026-12-07T08:00:00Z", "offset": 0},"#,
                    "not allowed in a recurring event")
    }
}


import Foundation
import XCTest
@testable import TimelineKit

/// Live Activity programs (`timelinec compile --program`, docs/activity-program.schema.json):
/// TimelineKit reads every one the compiler writes, gives back the same JSON, and refuses what
/// the C reader (runtime/core/activity_json.c) refuses.
final class ActivityProgramTests: XCTestCase {
    private static let goldenPrograms = Repo.url("tests/golden/activity-programs")
    private static let typed = "tests/swift/TimelineKitTests/Fixtures/typed-delivery.activity-program.json"
    private static let delivery = "tests/golden/examples/delivery-activity.activity-program.json"

    /// Every activity program compiled from examples/, examples/scenarios and
    /// examples/real-world, and the typed fixture.
    private func allPrograms() throws -> [URL] {
        try Repo.files(in: Repo.goldenExamples, endingWith: ".activity-program.json")
            + Repo.files(in: Self.goldenPrograms, endingWith: ".activity-program.json")
            + [Repo.url(Self.typed)]
    }

    private func text(_ relative: String) throws -> String {
        String(decoding: try Repo.data(relative), as: UTF8.self)
    }

    /// The error reading `json` throws (the test fails if it decodes).
    private func error(_ json: String, file: StaticString = #filePath,
                       line: UInt = #line) -> TimelineKitError? {
        do {
            _ = try ActivityProgram(jsonData: Data(json.utf8))
            XCTFail("decoded", file: file, line: line)
        } catch let error as TimelineKitError {
            return error
        } catch {
            XCTFail("not a TimelineKitError: \(error)", file: file, line: line)
        }
        return nil
    }

    /// `base` with `from` replaced by `to` (once), refused with `needle` in the error.
    private func refused(_ base: String, _ from: String, _ to: String, _ needle: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        guard let range = base.range(of: from) else {
            return XCTFail("'\(from)' is not in the program", file: file, line: line)
        }
        let bad = base.replacingCharacters(in: range, with: to)
        guard let error = error(bad, file: file, line: line) else { return }
        XCTAssertTrue(error.description.contains(needle), "\(from) -> \(to): \(error)",
                      file: file, line: line)
    }

    private func accepted(_ base: String, _ from: String, _ to: String,
                          file: StaticString = #filePath, line: UInt = #line) -> ActivityProgram? {
        guard let range = base.range(of: from) else {
            XCTFail("'\(from)' is not in the program", file: file, line: line)
            return nil
        }
        do {
            return try ActivityProgram(jsonData: Data(base.replacingCharacters(in: range, with: to).utf8))
        } catch {
            XCTFail("\(from) -> \(to): \(error)", file: file, line: line)
            return nil
        }
    }

    func testEveryCompiledProgramDecodes() throws {
        let files = try allPrograms()
        let specs = try Repo.specs(in: "examples", kind: "live-activity").count
            + Repo.specs(in: "examples/scenarios", kind: "live-activity").count
            + Repo.specs(in: "examples/real-world", kind: "live-activity").count
        XCTAssertEqual(files.count, specs + 1, "every activity spec of examples/, and the fixture")
        for file in files {
            let program = try ActivityProgram(contentsOf: file)
            let name = file.lastPathComponent
            XCTAssertFalse(program.liveActivity.isEmpty, name)
            XCTAssertEqual(program.events.first?.kind, .start, name)
            XCTAssertEqual(program.events.filter { $0.kind == .start }.count, 1, name)
            XCTAssertLessThanOrEqual(program.events.filter { $0.kind == .end }.count, 1, name)
            for event in program.events {
                XCTAssertEqual(event.dismissal != nil, event.kind == .end, name)
                for (field, value) in event.state {
                    let type = try XCTUnwrap(program.field(named: field)?.type, "\(name): \(field)")
                    if case .time = value { XCTAssertTrue(type.isDate, "\(name): \(field)") }
                    if case .param(let p) = value {
                        XCTAssertTrue(type.takes(try XCTUnwrap(program.param(named: p)).type), name)
                    }
                }
            }
        }

        let delivery = try ActivityProgram(contentsOf: Repo.url(Self.delivery))
        XCTAssertEqual(delivery.liveActivity, "Delivery")
        XCTAssertEqual(delivery.bundleID, "com.example.shop")
        XCTAssertNil(delivery.channelID)
        XCTAssertEqual(delivery.dateEncoding, .deferredToDate)
        XCTAssertEqual(delivery.params, [CompiledProgram.Param(name: "eta", type: .instant)])
        XCTAssertEqual(delivery.fields.map(\.type), [.date, .string, .int])
        XCTAssertEqual(delivery.attributes, ["order": .some(.string("A-1234"))])
        XCTAssertEqual(delivery.views[.compactLeading], "{stops}")
        XCTAssertEqual(delivery.events.map(\.kind), [.start, .update, .update, .end])
        XCTAssertEqual(delivery.events[0].state["eta"],
                       .time(CompiledProgram.Time(kind: .param, at: nil, param: "eta", offset: 0)))
        XCTAssertEqual(delivery.events[0].state["stops"], .int(3))
        XCTAssertEqual(delivery.events[0].position, SpecPosition(line: 26, column: 3))
        XCTAssertEqual(delivery.events[1].at.offset, -2400)
        XCTAssertEqual(delivery.events[2].alert?.title, "Your order is nearby")
        XCTAssertEqual(delivery.events[3].dismissal, .after(900))
        XCTAssertNil(delivery.events[3].staleAfter)
    }

    /// decode -> encode gives back the same JSON value, and decoding that gives the same model.
    func testRoundTripIsLossless() throws {
        for file in try allPrograms() {
            let data = try Data(contentsOf: file)
            let program = try ActivityProgram(jsonData: data)
            let encoded = try JSONEncoder().encode(program)
            XCTAssertEqual(try JSONTree.parse(data), try JSONTree.parse(encoded), file.lastPathComponent)
            XCTAssertEqual(try ActivityProgram(jsonData: encoded), program, file.lastPathComponent)
        }
    }

    /// Attributes keep their JSON type: an integer stays an integer (exactly, past 2^53), a number
    /// with a fraction or an exponent a number, null null, as the C reader writes them back.
    func testAttributesKeepTheirTypes() throws {
        let base = try text(Self.typed)
        let from = #""attributes": {"order": "A-1", "items": 3, "total": 18.5, "gift": true, "note": null}"#
        let to = #""attributes": {"order": "A-1", "items": 3, "total": 18.5, "gift": true, "note": null, "#
            + #""big": 9007199254740993, "neg": -12, "exp": 1e2, "whole": 4.0, "huge": 1e300}"#
        let program = try XCTUnwrap(accepted(base, from, to))
        XCTAssertEqual(program.attributes, [
            "order": .some(.string("A-1")), "items": .some(.integer(3)), "total": .some(.number(18.5)),
            "gift": .some(.bool(true)), "note": ActivityValue?.none, "big": .some(.integer(9_007_199_254_740_993)),
            "neg": .some(.integer(-12)), "exp": .some(.number(100)), "whole": .some(.number(4)),
            "huge": .some(.number(1e300)),
        ])
        let encoded = String(decoding: try JSONEncoder().encode(program), as: UTF8.self)
        for piece in [#""big":9007199254740993"#, #""items":3"#, #""total":18.5"#, #""note":null"#,
                      #""gift":true"#, #""neg":-12"#] {
            XCTAssertTrue(encoded.contains(piece), "\(piece) in \(encoded)")
        }
        // the values each field takes, typed
        XCTAssertEqual(program.events[0].state["rating"], .param("rating"))
        XCTAssertEqual(program.events[0].state["late"], .bool(false))
        XCTAssertEqual(program.events[1].every, 300)
        XCTAssertEqual(program.events[1].until?.param, "eta")
    }

    /// The nulls C writes are written: every event has each of its keys, the root its channel.
    func testEncodingWritesTheKeysTheCWriterWrites() throws {
        let program = try ActivityProgram(contentsOf: Repo.url(Self.delivery))
        let tree = try JSONTree.parse(JSONEncoder().encode(program))
        guard case .object(let root) = tree, case .array(let events)? = root["events"] else {
            return XCTFail("not an object with events")
        }
        XCTAssertEqual(Set(root.keys), ["timelinec-activity-program", "source", "live-activity", "bundle-id",
                                        "channel-id", "zone", "date-encoding", "locales", "params",
                                        "fields", "attributes", "views", "events"])
        XCTAssertEqual(root["channel-id"], .null)
        XCTAssertEqual(root["timelinec-activity-program"], .number(2))
        for case .object(let event) in events {
            XCTAssertEqual(Set(event.keys), ["event", "at", "via", "priority", "state", "stale-after",
                                             "relevance", "alert", "dismissal", "every", "until", "position"])
        }
        XCTAssertEqual(events[0]["dismissal"], .null)
        XCTAssertEqual(events[0]["until"], .null)
        XCTAssertEqual(events[3]["dismissal"], .object(["kind": .string("after"), "after": .number(900)]))

        // a program without a source (C: optional) is written with "source": null
        var anonymous = program
        anonymous.source = nil
        XCTAssertEqual(try JSONTree.parse(JSONEncoder().encode(anonymous))["source"], .null)
    }

    func testNewerVersionsAreRefusedBeforeAnythingElse() throws {
        let tree = try JSONTree.parse(Repo.data(Self.delivery))
        let v3 = tree.replacing(["timelinec-activity-program"], with: .number(3))
        XCTAssertEqual(error(String(decoding: try v3.data(), as: UTF8.self)),
                       .unsupportedVersion(format: .activityProgram, found: 3, supported: [2]))
        // a version 3 of another shape, with unknown keys and no events: still the version error
        for other in [#"{"timelinec-activity-program": 3, "events": [], "frames": {}}"#,
                      #"{"frames": {}, "timelinec-activity-program": 3}"#,
                      #"{"timelinec-activity-program": 0}"#] {
            guard case .unsupportedVersion(.activityProgram, _, [2])? = error(other) else {
                return XCTFail(other)
            }
        }
        XCTAssertEqual(error(String(decoding: try tree.replacing(["timelinec-activity-program"], with: nil).data(),
                                    as: UTF8.self)),
                       .missingVersion(format: .activityProgram))
        // the C reader's pj_int: an integer written as an integer
        refused(try text(Self.delivery), #""timelinec-activity-program": 2"#, #""timelinec-activity-program": 2.0"#,
                "timelinec-activity-program")
        refused(try text(Self.delivery), #""timelinec-activity-program": 2"#, #""timelinec-activity-program": "2""#,
                "timelinec-activity-program")
        // another format's document, and an activity program where another is expected
        XCTAssertEqual(error(try text("tests/golden/examples/launch.program.json")),
                       .wrongFormat(expected: .activityProgram, found: .program))
        XCTAssertThrowsError(try CompiledProgram(jsonData: Repo.data(Self.delivery))) {
            XCTAssertEqual($0 as? TimelineKitError, .wrongFormat(expected: .program, found: .activityProgram))
        }
        XCTAssertThrowsError(try ActivitySchedule(jsonData: Repo.data(Self.delivery))) {
            XCTAssertEqual($0 as? TimelineKitError, .wrongFormat(expected: .schedule, found: .activityProgram))
        }
        XCTAssertEqual(ActivityProgram.versionKey, "timelinec-activity-program")
        XCTAssertEqual(DocumentFormat.activityProgram.supportedVersions, [2])
        XCTAssertEqual(DocumentFormat.activityProgram.description, "activity program")
    }

    /// Every object of every program with one key added that no writer writes: refused, naming
    /// the key, as the C reader does. `state` and `views` take only their own names (a field, a
    /// presentation), so the key is refused there too; only `attributes` takes any name.
    func testEveryObjectRefusesAnUnknownKey() throws {
        let key = #""x-unknown": 1"#
        var tried = 0
        for url in try allPrograms() {
            let text = Array(try Data(contentsOf: url))
            var inString = false
            var i = 0
            while i < text.count {
                let c = text[i]
                defer { i += 1 }
                if inString {
                    if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                if c == UInt8(ascii: "\"") { inString = true }
                guard c == UInt8(ascii: "{") else { continue }
                let before = String(decoding: text[max(0, i - 20)..<i], as: UTF8.self)
                let insert = text[i + 1] == UInt8(ascii: "}") ? key : key + ", "
                let mutated = Data(text[...i] + Array(insert.utf8) + text[(i + 1)...])
                if before.hasSuffix(#""attributes": "#) {
                    XCTAssertNoThrow(try ActivityProgram(jsonData: mutated), url.lastPathComponent)
                    continue
                }
                XCTAssertThrowsError(try ActivityProgram(jsonData: mutated),
                                     "\(url.lastPathComponent): object at byte \(i)") {
                    XCTAssertTrue(String(describing: $0).contains("x-unknown"),
                                  "\(url.lastPathComponent), object at byte \(i): \($0)")
                }
                tried += 1
            }
        }
        XCTAssertGreaterThan(tried, 300)
    }

    /// Each refusal of tests/unit/test_activity_program.c, on the same program.
    func testWhatTheCReaderRefuses() throws {
        let json = try text(Self.typed)
        // reader_refuses_a_newer_version
        refused(json, #""timelinec-activity-program": 2"#, #""timelinec-activity-program": 3"#,
                "version 3 is not supported")
        // reader_refuses_unknown_keys
        refused(json, #""zone":"#, #""x": 1, "zone":"#, #"unknown key "x" in an activity program"#)
        refused(json, #""every":"#, #""x": 1, "every":"#, #"unknown key "x" in an event"#)
        refused(json, #""dismissal": {"kind""#, #""dismissal": {"x": 1, "kind""#, #"unknown key "x" in a dismissal"#)
        refused(json, #"{"name": "eta", "type": "instant"}"#, #"{"name": "eta", "type": "instant", "x": 1}"#,
                #"unknown key "x" in a parameter"#)
        refused(json, #""courier": {"param": "courier"}"#, #""courier": {"param": "courier", "x": 1}"#,
                #"unknown key "x" in a parameter reference"#)
        // reader_refuses_values_of_another_type
        refused(json, #""late": false"#, #""late": 0"#, "field 'late' is a bool")
        refused(json, #""stops": 0"#, #""stops": "0""#, "stops")
        refused(json, #""stops": 0"#, #""stops": 0.5"#, "stops")
        refused(json, #""courier": {"param": "courier"}"#, #""courier": {"param": "stops"}"#,
                "field 'courier' cannot take 'stops'")
        refused(json, #""eta": {"kind": "param", "param": "eta""#, #""eta": {"kind": "param", "param": "courier""#,
                "'courier' is not a declared instant parameter")
        refused(json, #""late": false"#, #""early": false"#, "'early' is not a content-state field")
        refused(json, #""total": 18.5"#, #""total": [18.5]"#, "an attribute is a string, a number")
        refused(json, #""lock-screen":"#, #""lock-screens":"#, "'lock-screens' is not a presentation")
        refused(json, #""priority": 10"#, #""priority": 7"#, "a priority is 5 or 10")
        // reader_refuses_events_out_of_order
        refused(json, #""event": "start""#, #""event": "update""#, "events are the start, then updates")
        refused(json, #""event": "update""#, #""event": "end""#, "the end has a dismissal")
        refused(json, #""every": 300"#, #""every": 0"#, "'until' goes with 'every'")
        refused(json, "\"every\": 0,\n      \"until\": null,\n      \"position\": [16, 3]",
                "\"every\": 60,\n      \"until\": null,\n      \"position\": [16, 3]", "only an update repeats")
        refused(json, #""dismissal": null"#, #""dismissal": {"kind": "default"}"#, "only the end has a dismissal")
        // reader_refuses_a_via_the_event_cannot_have
        refused(json, #""via": "app""#, #""via": "push""#, "via 'push' cannot make the start")
        refused(json, #""via": "app""#, #""via": "intent""#, "via 'intent' cannot make the start")
        refused(json, #""via": "push""#, #""via": "push-to-start""#, "via 'push-to-start' cannot make the update")
        refused(json, #""via": "push""#, #""via": "intent""#, "an update via 'intent' does not repeat")
        refused(json, "\"via\": \"push\",\n      \"priority\": 10,\n      \"state\": {},",
                "\"via\": \"push-to-start\",\n      \"priority\": 10,\n      \"state\": {},",
                "via 'push-to-start' cannot make the end")
        // while: foreground only on an update or the end via the app (as the C reader)
        refused(json, #""via": "app""#, #""via": "app", "while": "foreground""#, "a start has no 'while'")
        refused(json, #""via": "push""#, #""via": "push", "while": "foreground""#, "'while' goes with via 'app'")
        refused(json, #""via": "push""#, #""via": "app", "while": "background""#, "unknown value 'background'")
        let intentEnd = try XCTUnwrap(accepted(json, "\"via\": \"push\",\n      \"priority\": 10,\n      \"state\": {},",
                                               "\"via\": \"intent\",\n      \"priority\": 10,\n      \"state\": {},"))
        XCTAssertEqual(intentEnd.events.last?.via, .intent)
        let inApp = try XCTUnwrap(accepted(json, "\"via\": \"push\",\n      \"priority\": 10,\n      \"state\": {},",
                                           "\"via\": \"app\", \"while\": \"foreground\",\n      \"priority\": 10,\n      \"state\": {},"))
        XCTAssertEqual(inApp.events.last?.foreground, true)
        XCTAssertEqual(inApp.events.first?.foreground, false)
        let appEnd = try XCTUnwrap(accepted(json, "\"via\": \"push\",\n      \"priority\": 10,\n      \"state\": {},",
                                            "\"via\": \"app\",\n      \"priority\": 10,\n      \"state\": {},"))
        XCTAssertEqual(appEnd.events.last?.via, .app)
        // reader_refuses_bad_varies
        refused(json, #""until": {"#, #""varies": [], "until": {"#, "names at least one field")
        refused(json, #""until": {"#, #""varies": ["eta"], "until": {"#, "'eta' is not a field this event's state sets")
        refused(json, #""until": {"#, #""varies": ["stops", "stops"], "until": {"#, "'stops' is listed twice")
        refused(json, #""until": {"#, #""varies": [3], "until": {"#, "'varies' lists field names")
        refused(json, #""until": null"#, #""until": null, "varies": ["eta"]"#, "only an update has 'varies'")
        let varies = try XCTUnwrap(accepted(json, #""until": {"#, #""varies": ["stops"], "until": {"#))
        XCTAssertEqual(varies.events[1].varies, ["stops"])
        XCTAssertEqual(varies.events[0].varies, [])
    }

    /// The rest of what the C reader refuses (and accepts), one case each.
    func testMoreOfTheCReadersRules() throws {
        let json = try text(Self.typed)
        // what only the JSON text shows: pj_int's integers, duplicate keys, \u0000
        refused(json, #""priority": 10"#, #""priority": 10.0"#, "events[0].priority")
        refused(json, #""priority": 10"#, #""priority": 1e1"#, "events[0].priority")
        refused(json, #""every": 300"#, #""every": 3e2"#, "events[1].every")
        refused(json, #""offset": -600"#, #""offset": -600.0"#, "events[1].at.offset")
        refused(json, #""after": 900"#, #""after": 900.0"#, "events[2].dismissal.after")
        refused(json, #""position": [16, 3]"#, #""position": [16.0, 3]"#, "events[0].position[0]")
        refused(json, #""stops": 0"#, #""stops": 0e0"#, "events[1].state.stops")
        refused(json, #""channel-id": null"#, #""channel-id": null, "channel-id": "c""#,
                "duplicate key 'channel-id'")
        refused(json, #""stops": 0"#, #""stops": 0, "stops": 1"#, "duplicate key 'stops'")
        refused(json, #""order": "A-1""#, #""order": "A\u0000""#, "cannot hold a NUL")
        // the events
        refused(try text(Self.delivery), #""event": "update""#, #""event": "start""#,
                "events are the start, then updates") // a second start
        let endFirst = try JSONTree.parse(Repo.data(Self.delivery))
            .replacing(["events", 1, "event"], with: .string("end"))
            .replacing(["events", 1, "dismissal"], with: .object(["kind": .string("default")]))
        guard case .invalidData(.activityProgram, "events[1]", let detail)?
                = error(String(decoding: try endFirst.data(), as: UTF8.self)) else {
            return XCTFail("an end before the last event")
        }
        XCTAssertTrue(detail.contains("at most one end"), detail)
        refused(json, #""event": "end""#, #""event": "start""#, "only the end has a dismissal")
        refused(json, #""events": ["#, #""events": [], "x": ["#, "x")
        refused(json, #""at": {"kind": "now", "offset": 0}"#, #""at": null"#, "an instant is needed here")
        refused(json, #""eta": {"kind": "param", "param": "eta", "offset": 0}"#, #""eta": null"#,
                "an instant is needed here")
        refused(json, #""eta": {"kind": "param", "param": "eta", "offset": 0}"#, #""eta": "2026-12-01T10:00:00Z""#,
                "eta")
        refused(json, #""kind": "after", "after": 900"#, #""kind": "default", "after": 900"#, "after")
        refused(json, #""kind": "after", "after": 900"#, #""kind": "after""#, "after")
        refused(json, #""every": 300"#, #""every": 31622401"#, "every")
        refused(json, #""at": {"kind": "now", "offset": 0}"#,
                #""at": {"kind": "literal", "at": "1969-12-31T23:00:00Z", "offset": 0}"#, "1970")
        refused(json, #""at": {"kind": "now", "offset": 0}"#, #""at": {"kind": "none", "offset": 0}"#, "at.kind")
        refused(json, #""position": [16, 3]"#, #""position": [16, 3, 1]"#, "position")
        refused(json, #""position": [16, 3]"#, #""position": [-1, 3]"#, "position")
        // the fields and parameters
        refused(json, #""stops": {"param": "stops"}"#, #""stops": {"param": "rating"}"#,
                "field 'stops' cannot take 'rating'")
        refused(json, #""late": false"#, #""late": {"param": "stops"}"#, "field 'late' cannot take 'stops'")
        refused(json, #""courier": {"param": "courier"}"#, #""courier": {"param": "nobody"}"#,
                "field 'courier' cannot take 'nobody'")
        refused(json, #""courier": {"param": "courier"}"#, #""courier": {"param": null}"#, "courier")
        refused(json, #""stops": 0"#, #""stops": 9007199254740993"#, "stops")
        refused(json, #"{"name": "late", "type": "bool"}"#, #"{"name": "late", "type": "bool"}, {"name": "late", "type": "int"}"#,
                "two fields have the name 'late'")
        refused(json, #"{"name": "rating", "type": "number"}"#, #"{"name": "rating", "type": "number"}, {"name": "rating", "type": "text"}"#,
                "two parameters have the name 'rating'")
        refused(json, #"{"name": "eta", "type": "instant"}"#, #"{"name": null, "type": "instant"}"#, "params[0].name")
        refused(json, #"{"name": "late", "type": "bool"}"#, #"{"name": null, "type": "bool"}"#, "fields[4].name")
        refused(json, #""eta": {"kind": "param", "param": "eta""#, #""eta": {"kind": "param", "param": null"#, "param")
        refused(json, #""live-activity": "Delivery""#, #""live-activity": null"#, "live-activity")
        refused(json, #""locales": ["en_US"]"#, #""locales": [null]"#, "locales[0]")
        refused(json, #""lock-screen": "{courier} · {countdown eta}""#, #""lock-screen": null"#, "lock-screen")

        // and what it accepts
        let twoWays = try XCTUnwrap(accepted(json, #""rating": {"param": "rating"}"#, #""rating": {"param": "stops"}"#))
        XCTAssertEqual(twoWays.events[0].state["rating"], .param("stops"), "a double takes an integer parameter")
        let literal = try XCTUnwrap(accepted(json, #""state": {"stops": 0}"#, #""state": {"stops": 0, "rating": 4}"#))
        XCTAssertEqual(literal.events[1].state["rating"], .double(4), "a double field takes an integer literal")
        let zero = try XCTUnwrap(accepted(json, #""position": [16, 3]"#, #""position": [0, 0]"#))
        XCTAssertEqual(zero.events[0].position, SpecPosition(line: 0, column: 0))
        let silent = try XCTUnwrap(accepted(json, #""alert": null"#, #""alert": {"title": null, "sound": "default"}"#))
        XCTAssertEqual(silent.events[0].alert, ActivitySchedule.Alert(title: nil, body: nil, sound: "default"))
        let noSource = try XCTUnwrap(accepted(json, #""source": "tests/swift/TimelineKitTests/Fixtures/typed-delivery.yaml","#, ""))
        XCTAssertNil(noSource.source)
        let repeating = try XCTUnwrap(accepted(
            json, "\"every\": 300,\n      \"until\": {\"kind\": \"param\", \"param\": \"eta\", \"offset\": 0}",
            "\"every\": 300,\n      \"until\": null"))
        XCTAssertNil(repeating.events[1].until, "an update repeats without until (the C reader takes it)")
        XCTAssertNotNil(accepted(json, #""live-activity": "Delivery""#, #""live-activity": """#))
        XCTAssertNotNil(accepted(json, #""state": {}"#, #""state": {"late": true, "rating": -0.5}"#))
        XCTAssertNotNil(accepted(json, #""stale-after": null"#, #""stale-after": -5"#))
        XCTAssertNotNil(accepted(json, #""at": {"kind": "now", "offset": 0}"#,
                                 #""at": {"kind": "local", "at": "2026-12-01T10:00:00", "offset": 3600}"#))
    }

    func testTruncatedOrEmptyJSON() throws {
        let data = try Repo.data(Self.delivery)
        for data in [Data(), Data(" \n".utf8)] {
            XCTAssertThrowsError(try ActivityProgram(jsonData: data)) {
                XCTAssertEqual($0 as? TimelineKitError, .empty(format: .activityProgram))
            }
        }
        let end = data.lastIndex { $0 != 0x0A && $0 != 0x20 } ?? 0
        for length in Array(stride(from: 1, to: end, by: 29)) + [end] {
            XCTAssertThrowsError(try ActivityProgram(jsonData: data.prefix(length))) {
                guard case .malformedJSON? = $0 as? TimelineKitError else {
                    return XCTFail("\(length) bytes: \($0)")
                }
            }
        }
        for text in ["[]", "1", "null", "\"timelinec-activity-program\""] {
            XCTAssertThrowsError(try ActivityProgram(jsonData: Data(text.utf8)), text) {
                XCTAssertTrue($0 is TimelineKitError, "\(text): \($0)")
            }
        }
        let url = Repo.fixtures.appendingPathComponent("no-such-file.activity-program.json")
        XCTAssertThrowsError(try ActivityProgram(contentsOf: url)) {
            guard case .unreadableFile? = $0 as? TimelineKitError else { return XCTFail("\($0)") }
        }
        // larger than the C reader's limit (TLC_MAX_PROGRAM_BYTES)
        var big = data
        big.append(Data(repeating: 0x20, count: ActivityProgram.maxBytes))
        XCTAssertThrowsError(try ActivityProgram(jsonData: big)) {
            guard case .invalidData(.activityProgram, "", let detail)? = $0 as? TimelineKitError else {
                return XCTFail("\($0)")
            }
            XCTAssertTrue(detail.contains("16 MiB"), detail)
        }
    }

    /// Damaged bytes: each decodes or throws a TimelineKitError, never a crash.
    func testDamagedBytesNeverCrash() throws {
        var rng = SplitMix64(state: 0x6163_7469_7669_7479)
        for round in 0..<300 {
            var bytes = (0..<Int.random(in: 1...512, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if round % 3 == 0 { bytes[0] = UInt8(ascii: "{") }
            XCTAssertThrowsError(try ActivityProgram(jsonData: Data(bytes))) { XCTAssertTrue($0 is TimelineKitError) }
        }
        var thrown = 0
        for file in [Self.delivery, Self.typed] {
            let original = try Repo.data(file)
            for _ in 0..<300 {
                var bytes = [UInt8](original)
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[i] = "0123456789{}[]\",:-.eEZnul\\".utf8.randomElement(using: &rng) ?? 0
                }
                do {
                    let program = try ActivityProgram(jsonData: Data(bytes))
                    // what decodes encodes, and reads back as the same JSON value
                    let encoded = try JSONEncoder().encode(program)
                    let again = try JSONEncoder().encode(ActivityProgram(jsonData: encoded))
                    XCTAssertEqual(try JSONTree.parse(encoded), try JSONTree.parse(again))
                } catch {
                    XCTAssertTrue(error is TimelineKitError, "\(error)")
                    thrown += 1
                }
            }
        }
        XCTAssertGreaterThan(thrown, 200)
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// The golden Live Activity schedule's content states, into an app's ContentState.
final class ScheduleTests: XCTestCase {
    /// The ContentState of examples/delivery-activity.yaml, as an app declares it.
    struct DeliveryContentState: Codable, Hashable {
        var eta: Date
        var status: String
        var stops: Int
    }

    private func schedule() throws -> ActivitySchedule {
        try ActivitySchedule(contentsOf: Repo.goldenExamples.appendingPathComponent("delivery-activity.schedule.json"))
    }

    func testScheduleHeaderAndLifecycle() throws {
        let s = try schedule()
        XCTAssertEqual(s.liveActivity, "Delivery")
        XCTAssertEqual(s.bundleID, "com.example.shop")
        XCTAssertEqual(s.dateEncoding, .deferredToDate)
        XCTAssertEqual(s.now, try instant("2026-12-03T15:00:00Z"))
        XCTAssertEqual(s.lifecycle.start, try instant("2026-12-03T15:00:00Z"))
        XCTAssertEqual(s.lifecycle.end, try instant("2026-12-03T16:15:00Z"))
        XCTAssertEqual(s.lifecycle.systemEnd, try instant("2026-12-03T23:00:00Z"))
        XCTAssertEqual(s.lifecycle.gone, try instant("2026-12-03T16:30:00Z"))
        XCTAssertEqual(s.views[.compactLeading], "{stops}")
        XCTAssertNil(s.views[.expandedBottom])
        XCTAssertEqual(s.states.map(\.event), [.start, .update, .update, .end])
        XCTAssertEqual(s.states.map(\.via), [.app, .push, .push, .push])
        XCTAssertNil(s.states[0].request)
        let nearby = try XCTUnwrap(s.states[2].request)
        XCTAssertEqual(nearby.headers.priority, "10")
        XCTAssertEqual(nearby.headers.expiration, "1796314500")
        XCTAssertNil(nearby.headers.channelID)
        XCTAssertEqual(nearby.bytes, 225)
        XCTAssertEqual(nearby.body.aps.alert,
                       ActivitySchedule.Alert(title: "Your order is nearby", body: "About 10 minutes away",
                                              sound: "default"))
        XCTAssertEqual(nearby.body.aps.staleDate, 1_796_314_500)
        XCTAssertEqual(s.states[3].dismissalDate, try instant("2026-12-03T16:30:00Z"))
        XCTAssertEqual(s.states[3].request?.body.aps.dismissalDate, 1_796_315_400)
        XCTAssertNil(s.states[3].staleDate)
    }

    /// examples/sleep-timer-activity.yaml: an update the user makes (via intent) and an end the
    /// app makes (via app) carry no request; the small presentation reads back; a request on
    /// them, or a via the event cannot have, is refused.
    func testAppEndIntentUpdateAndSmall() throws {
        let url = Repo.goldenExamples.appendingPathComponent("sleep-timer-activity.schedule.json")
        let s = try ActivitySchedule(contentsOf: url)
        XCTAssertEqual(s.states.map(\.event), [.start, .update, .end])
        XCTAssertEqual(s.states.map(\.via), [.app, .intent, .app])
        XCTAssertEqual(s.states.map { $0.request == nil }, [true, true, true])
        XCTAssertEqual(s.views[.small], "Sleep {countdown deadline}")
        XCTAssertEqual(s.lifecycle.end, try instant("2026-12-08T22:35:00Z"))
        let text = try String(contentsOf: url, encoding: .utf8)
        for (from, to, needle) in [
            (#""via": "intent","#, #""via": "push-to-start","#, "via 'push-to-start' cannot make the update"),
            (#""via": "app","#, #""via": "intent","#, "via 'intent' cannot make the start"),
            (#""dismissal-date": "2026-12-08T22:35:00Z""#,
             #""dismissal-date": "2026-12-08T22:35:00Z", "request": {}"#, "via app"),
        ] {
            let range = try XCTUnwrap(text.range(of: from), from)
            let bad = text.replacingCharacters(in: range, with: to)
            XCTAssertThrowsError(try ActivitySchedule(jsonData: Data(bad.utf8)), from) { error in
                XCTAssertTrue("\(error)".contains(needle), "\(from): \(error)")
            }
        }
    }

    /// Trai's workout: the app's 5-second updates and its end while the user has the app open
    /// read back marked (`while: foreground`), the intent's update not; `while` on the start or
    /// on an intent is refused, and an end via intent reads back.
    func testWhileForeground() throws {
        let url = Repo.goldenSchedules.appendingPathComponent("trai-workout-activity.1.schedule.json")
        let s = try ActivitySchedule(contentsOf: url)
        XCTAssertEqual(s.states.first?.foreground, false)
        XCTAssertEqual(s.states[1].foreground, true)
        XCTAssertEqual(s.states[2].at.timeIntervalSince(s.states[1].at), 5)
        XCTAssertEqual(s.states.last?.event, .end)
        XCTAssertEqual(s.states.last?.foreground, true)
        XCTAssertTrue(s.states.allSatisfy { $0.request == nil })
        let intent = try XCTUnwrap(s.states.first { $0.via == .intent })
        XCTAssertFalse(intent.foreground)
        let data = try JSONEncoder().encode(s)
        XCTAssertEqual(try ActivitySchedule(jsonData: data), s, "round-trips")
        let text = try String(contentsOf: url, encoding: .utf8)
        for (from, to, needle) in [
            (#""via": "app","#, #""via": "app", "while": "foreground","#, "a start has no 'while'"),
            (#""via": "intent","#, #""via": "intent", "while": "foreground","#, "'while' goes with via 'app'"),
            (#""while": "foreground""#, #""while": "background""#, "unknown value 'background'"),
        ] {
            let range = try XCTUnwrap(text.range(of: from), from)
            let bad = text.replacingCharacters(in: range, with: to)
            XCTAssertThrowsError(try ActivitySchedule(jsonData: Data(bad.utf8)), from) { error in
                XCTAssertTrue("\(error)".contains(needle), "\(from): \(error)")
            }
        }
        let ended = text.replacingOccurrences(of: "\"via\": \"app\",\n      \"while\": \"foreground\",\n      \"content-state\": {\"exercise\": \"Done\"",
                                              with: "\"via\": \"intent\",\n      \"content-state\": {\"exercise\": \"Done\"")
        XCTAssertNotEqual(ended, text)
        XCTAssertEqual(try ActivitySchedule(jsonData: Data(ended.utf8)).states.last?.via, .intent)
    }

    /// mi-parada's pushed estimates vary at each send: every update lists them, the start not;
    /// a varies on the start, or naming no field of the content state, is refused.
    func testVaries() throws {
        let url = Repo.goldenSchedules.appendingPathComponent("mi-parada-bus-arrival.1.schedule.json")
        let s = try ActivitySchedule(contentsOf: url)
        XCTAssertEqual(s.states[0].varies, [])
        XCTAssertEqual(s.states[1].varies, ["next-s", "second-s"])
        XCTAssertTrue(s.states.dropFirst().allSatisfy { $0.varies == ["next-s", "second-s"] })
        let again = try ActivitySchedule(jsonData: JSONEncoder().encode(s))
        XCTAssertEqual(again.states.map(\.varies), s.states.map(\.varies))
        let text = try String(contentsOf: url, encoding: .utf8)
        for (from, to, needle) in [
            (#""varies": ["next-s", "second-s"]"#, #""varies": ["next-s", "minutes"]"#, "'minutes' is not a field"),
            (#""varies": ["next-s", "second-s"]"#, #""varies": []"#, "at least one field"),
            (#""varies": ["next-s", "second-s"]"#, #""varies": ["next-s", "next-s"]"#, "listed twice"),
        ] {
            let range = try XCTUnwrap(text.range(of: from), from)
            let bad = text.replacingCharacters(in: range, with: to)
            XCTAssertThrowsError(try ActivitySchedule(jsonData: Data(bad.utf8)), to) { error in
                XCTAssertTrue("\(error)".contains(needle), "\(to): \(error)")
            }
        }
    }

    /// The pushed content states decode, with the schedule's date-encoding, into the app's
    /// ContentState, and agree with the readable content states.
    func testPushedContentStatesDecodeIntoTheAppsContentState() throws {
        let s = try schedule()
        let eta = try instant("2026-12-03T16:10:00Z")
        let expected: [DeliveryContentState?] = [
            nil, // the start is made by the app (no push)
            DeliveryContentState(eta: eta, status: "On the way", stops: 2),
            DeliveryContentState(eta: eta, status: "Nearby", stops: 0),
            DeliveryContentState(eta: eta, status: "Delivered", stops: 0),
        ]
        for (state, want) in zip(s.states, expected) {
            XCTAssertEqual(try s.pushedContentState(DeliveryContentState.self, of: state), want)
            if let want {
                XCTAssertEqual(try state.decodeContentState(DeliveryContentState.self), want)
                // exactly as ActivityKit: a plain JSONDecoder on the push body's bytes
                let aps = try XCTUnwrap(state.request).body.aps
                let bytes = try JSONEncoder().encode(aps.contentState)
                XCTAssertEqual(try JSONDecoder().decode(DeliveryContentState.self, from: bytes), want)
                XCTAssertEqual(aps.contentState["eta"], .integer(818_007_000))
            }
        }
        XCTAssertEqual(try s.states[0].decodeContentState(DeliveryContentState.self),
                       DeliveryContentState(eta: eta, status: "On the way", stops: 3))
    }

    /// The body in each curl command is the same JSON as `body`, and decodes the same way.
    func testCurlBodiesMatchTheRequestBodies() throws {
        let s = try schedule()
        for state in s.states {
            guard let request = state.request else { continue }
            let parts = request.curl.components(separatedBy: "--data '")
            XCTAssertEqual(parts.count, 2)
            let json = try XCTUnwrap(parts.last?.components(separatedBy: "' https://").first)
            XCTAssertEqual(json.utf8.count, request.bytes)
            let body = try JSONDecoder().decode(ActivitySchedule.Body.self, from: Data(json.utf8))
            XCTAssertEqual(body, request.body)
        }
    }

    /// A server written in Swift produces the golden push content-state with the coder.
    func testEncodingTheContentStateGivesThePushedJSON() throws {
        let s = try schedule()
        let state = DeliveryContentState(eta: try instant("2026-12-03T16:10:00Z"), status: "Nearby", stops: 0)
        let data = try ContentStateCoder(dateEncoding: s.dateEncoding).encode(state)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"eta":818007000,"status":"Nearby","stops":0}"#)
        let pushed = try XCTUnwrap(s.states[2].request).body.aps.contentState
        XCTAssertEqual(try JSONDecoder().decode([String: ActivityValue].self, from: data), pushed)
    }

    func testActivityValuesKeepTheirJSONType() throws {
        let data = Data(#"{"a":"3","b":3,"c":2.5,"d":true,"e":1796314200000,"f":-1}"#.utf8)
        let values = try JSONDecoder().decode([String: ActivityValue].self, from: data)
        XCTAssertEqual(values, ["a": .string("3"), "b": .integer(3), "c": .number(2.5), "d": .bool(true),
                                "e": .integer(1_796_314_200_000), "f": .integer(-1)])
        XCTAssertEqual(values["a"]?.description, #""3""#)
        XCTAssertEqual(values["d"]?.description, "true")
        XCTAssertThrowsError(try JSONDecoder().decode([String: ActivityValue].self, from: Data(#"{"a":[1]}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode([String: ActivityValue].self, from: Data(#"{"a":null}"#.utf8)))
    }

    /// The schedules of tests/fixtures/activity/typed.yaml (a field of every type, an attribute
    /// of every scalar kind), as the compiler writes them (the schema test keeps them equal):
    /// each value keeps its JSON type, in the readable state and in the push.
    func testTypedSchedulesKeepEveryValueKind() throws {
        struct Typed: Codable, Hashable {
            var eta: Date
            var since: Date
            var status: String
            var stops: Int
            var ratio: Double
            var done: Bool
        }
        let eta = try instant("2026-12-03T16:10:00Z")
        let since = try instant("2026-12-03T15:00:00Z")
        let pushedETA: [DateEncoding: ActivityValue] = [
            .millisecondsSince1970: .integer(1_796_314_200_000), .iso8601: .string("2026-12-03T16:10:00Z"),
        ]
        for (encoding, pushed) in pushedETA {
            let s = try ActivitySchedule(contentsOf: Repo.fixtures
                .appendingPathComponent("typed-\(encoding.rawValue).schedule.json"))
            XCTAssertEqual(s.dateEncoding, encoding)
            let first = s.states[0]
            XCTAssertEqual(first.contentState, [
                "eta": .string("2026-12-03T16:10:00Z"), "since": .string("2026-12-03T15:00:00Z"),
                "status": .string("Café ☕"), "stops": .integer(-3), "ratio": .number(0.25), "done": .bool(false),
            ])
            let aps = try XCTUnwrap(first.request).body.aps
            XCTAssertEqual(aps.contentState["eta"], pushed)
            XCTAssertEqual(aps.contentState["stops"], .integer(-3))
            XCTAssertEqual(aps.attributesType, "Typed")
            let attributes: [String: ActivityValue?] = [
                "order": .string("A-1"), "count": .integer(9_007_199_254_740_993), "weight": .number(2.5),
                "gift": .bool(true), "note": nil, // written `note: null` in the spec
            ]
            XCTAssertEqual(aps.attributes, attributes)
            let want = [
                Typed(eta: eta, since: since, status: "Café ☕", stops: -3, ratio: 0.25, done: false),
                Typed(eta: eta, since: since, status: "Café ☕", stops: 9_007_199_254_740_992, ratio: -1.5e-7, done: false),
                Typed(eta: eta, since: since, status: "Café ☕", stops: 9_007_199_254_740_992, ratio: 1e300, done: true),
            ]
            XCTAssertEqual(s.states.count, want.count)
            for (state, want) in zip(s.states, want) {
                XCTAssertEqual(try state.decodeContentState(Typed.self), want)
                XCTAssertEqual(try s.pushedContentState(Typed.self, of: state), want)
            }
            // the readable state of an update says the same as its push
            XCTAssertEqual(s.states[1].contentState["stops"], .integer(9_007_199_254_740_992))
            XCTAssertEqual(s.states[1].contentState["ratio"], .number(-1.5e-7))
            // and a schedule written back reads the same
            XCTAssertEqual(try ActivitySchedule(jsonData: JSONEncoder().encode(s)), s)
        }
    }
}

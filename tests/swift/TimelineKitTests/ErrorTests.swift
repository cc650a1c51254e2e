import Foundation
import XCTest
@testable import TimelineKit

/// Bad input is a thrown TimelineKitError, never a crash and never a silent misread.
final class ErrorTests: XCTestCase {
    private let flight = "tests/golden/examples/flight.timeline.json"
    private let program = "tests/golden/examples/launch.program.json"
    private let schedule = "tests/golden/examples/delivery-activity.schedule.json"

    private func tree(_ relative: String) throws -> JSONTree {
        try JSONTree.parse(Repo.data(relative))
    }

    /// The error reading a timeline from `tree` throws (the test fails if it decodes).
    private func timelineError(_ tree: JSONTree, file: StaticString = #filePath,
                               line: UInt = #line) throws -> TimelineKitError? {
        do {
            _ = try CompiledTimeline(jsonData: tree.data())
            XCTFail("decoded", file: file, line: line)
            return nil
        } catch let error as TimelineKitError {
            return error
        }
    }

    func testNewerVersionsAreRefusedBeforeAnythingElse() throws {
        let v3 = try tree(flight).replacing(["timelinec-timeline"], with: .number(3))
        XCTAssertEqual(try timelineError(v3), .unsupportedVersion(format: .timeline, found: 3, supported: [2]))

        // A version 3 of another shape: still the version error, not a missing-key one.
        let reshaped = JSONTree.object(["timelinec-timeline": .number(3), "frames": .array([])])
        XCTAssertEqual(try timelineError(reshaped), .unsupportedVersion(format: .timeline, found: 3, supported: [2]))

        // The program embedded in a timeline is checked too.
        let innerV3 = try tree(flight).replacing(["program", "timelinec-program"], with: .number(3))
        XCTAssertEqual(try timelineError(innerV3), .unsupportedVersion(format: .program, found: 3, supported: [2]))

        XCTAssertThrowsError(try CompiledProgram(jsonData: tree(program)
            .replacing(["timelinec-program"], with: .number(0)).data())) {
            XCTAssertEqual($0 as? TimelineKitError, .unsupportedVersion(format: .program, found: 0, supported: [2]))
        }
        XCTAssertThrowsError(try ActivitySchedule(jsonData: tree(schedule)
            .replacing(["timelinec-schedule"], with: .number(3)).data())) {
            XCTAssertEqual($0 as? TimelineKitError, .unsupportedVersion(format: .schedule, found: 3, supported: [2]))
        }

        XCTAssertEqual(CompiledTimeline.versionKey, "timelinec-timeline")
        XCTAssertEqual(CompiledProgram.versionKey, "timelinec-program")
        XCTAssertEqual(ActivitySchedule.versionKey, "timelinec-schedule")
        XCTAssertEqual(DocumentFormat.allCases.map(\.supportedVersions), [[2], [2], [2], [2]])
        XCTAssertEqual(TimelineKitError.unsupportedVersion(format: .timeline, found: 3, supported: [2]).description,
                       "timelinec-timeline version 3 is not supported: TimelineKit reads version 2; use a "
                       + "TimelineKit that reads version 3, or a timelinec that writes version 2")
    }

    func testMissingOrForeignVersionKey() throws {
        let noVersion = try tree(flight).replacing(["timelinec-timeline"], with: nil)
        XCTAssertEqual(try timelineError(noVersion), .missingVersion(format: .timeline))
        XCTAssertEqual(try timelineError(tree(program)), .wrongFormat(expected: .timeline, found: .program))
        XCTAssertThrowsError(try CompiledProgram(jsonData: Repo.data(flight))) {
            XCTAssertEqual($0 as? TimelineKitError, .wrongFormat(expected: .program, found: .timeline))
        }
        let stringVersion = try tree(flight).replacing(["timelinec-timeline"], with: .string("2"))
        guard case .invalidData(.timeline, "timelinec-timeline", _)? = try timelineError(stringVersion) else {
            return XCTFail("a string version is invalid data")
        }
        let fraction = try tree(flight).replacing(["timelinec-timeline"], with: .number(2.5))
        guard case .invalidData(.timeline, "timelinec-timeline", _)? = try timelineError(fraction) else {
            return XCTFail("a fractional version is invalid data")
        }
    }

    func testEmptyAndWhitespaceFiles() {
        for data in [Data(), Data(" \n\t\r\n".utf8)] {
            XCTAssertThrowsError(try CompiledTimeline(jsonData: data)) {
                XCTAssertEqual($0 as? TimelineKitError, .empty(format: .timeline))
            }
            XCTAssertThrowsError(try CompiledProgram(jsonData: data)) {
                XCTAssertEqual($0 as? TimelineKitError, .empty(format: .program))
            }
            XCTAssertThrowsError(try ActivitySchedule(jsonData: data)) {
                XCTAssertEqual($0 as? TimelineKitError, .empty(format: .schedule))
            }
        }
    }

    func testEmptyFileOnDisk() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("timelinekit-empty-\(ProcessInfo.processInfo.processIdentifier).json")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try CompiledTimeline(contentsOf: url)) {
            XCTAssertEqual($0 as? TimelineKitError, .empty(format: .timeline))
        }
        XCTAssertThrowsError(try ActivitySchedule(contentsOf: url)) {
            XCTAssertEqual($0 as? TimelineKitError, .empty(format: .schedule))
        }
    }

    func testTruncatedJSONIsMalformed() throws {
        for relative in [flight, program, schedule] {
            let data = try Repo.data(relative)
            let end = (data.lastIndex { $0 != 0x0A && $0 != 0x20 } ?? 0) // the closing brace
            var lengths = Array(stride(from: 1, to: end, by: 37)) + Array(max(1, end - 40)..<end)
            lengths.append(end) // everything but the closing brace
            for length in lengths {
                let prefix = data.prefix(length)
                do {
                    switch relative {
                    case flight: _ = try CompiledTimeline(jsonData: prefix)
                    case program: _ = try CompiledProgram(jsonData: prefix)
                    default: _ = try ActivitySchedule(jsonData: prefix)
                    }
                    XCTFail("\(relative): \(length) bytes decoded")
                } catch let error as TimelineKitError {
                    guard case .malformedJSON = error else {
                        return XCTFail("\(relative): \(length) bytes: \(error)")
                    }
                }
            }
        }
    }

    func testNotAnObject() throws {
        for text in ["[]", "1", "\"timelinec-timeline\"", "null", "true"] {
            XCTAssertThrowsError(try CompiledTimeline(jsonData: Data(text.utf8)), text) {
                guard case .invalidData(.timeline, "", _)? = $0 as? TimelineKitError else {
                    return XCTFail("\(text): \($0)")
                }
            }
        }
    }

    func testWrongTypesNameThePathOfTheBadValue() throws {
        let base = try tree(flight)
        let cases: [([JSONTree.PathItem], JSONTree?, String)] = [
            (["entries"], .string("none"), "entries"),
            (["entries"], .array([]), "entries"),
            (["now"], .number(1_796_144_400), "now"),
            (["now"], .string("2026-12-03T10:00:00+01:00"), "now"),
            (["now"], .string("2026-12-03T10:00:00.000Z"), "now"),
            (["now"], nil, "now"),
            (["constant-tail"], .string("yes"), "constant-tail"),
            (["policy", "kind"], .string("auto"), "policy.kind"),
            (["policy", "kind"], .string("after"), "policy.date"),
            (["policy"], .object(["kind": .string("never"), "date": .string("2026-12-03T10:00:00Z")]), "policy.date"),
            (["now-source"], .string("sundial"), "now-source"),
            (["display-zone"], .string("floating"), "display-zone"),
            (["params", "flight"], .number(454), "params.flight"),
            (["entries", 1, "date"], .string("yesterday"), "entries[1].date"),
            (["entries", 1, "views", "main", "target"], .number(42), "entries[1].views.main.target"),
            (["entries", 1, "views", "main", "phase"], .string("later"), "entries[1].views.main.phase"),
            (["entries", 1, "views", "main", "phase"], .number(-1), "entries[1].views.main.phase"),
            (["entries", 1, "views", "main", "phase"], nil, "entries[1].views.main.phase"),
            (["entries", 1, "views", "main", "target"], nil, "entries[1].views.main.target"),
            (["entries", 1, "views", "main", "families", "default", 1, "live"], .string("sparkle"),
             "entries[1].views.main.families.default[1].live"),
            (["entries", 1, "views", "main", "families", "default", 1, "target"], nil,
             "entries[1].views.main.families.default[1].target"),
            (["entries", 1, "views", "main", "families", "default", 1, "text"], .string("x"),
             "entries[1].views.main.families.default[1].text"),
            (["entries", 1, "views", "main", "families", "default", 0, "args"], .object(["days": .number(-3)]),
             "entries[1].views.main.families.default[0].args"),
            (["entries", 1, "views", "main", "families", "default", 0, "text"], .string("flat"),
             "entries[1].views.main.families.default[0].text"),
            (["entries", 1, "views", "main", "families", "default", 0, "message"], .number(99), "entries"),
            (["entries", 1, "views", "main", "families", "watchFace"], .array([.object(["text": .string("x")])]),
             "entries[1].views.main.families.watchFace"),
            (["entries", 1, "views", "main", "families", "default"], .array([]),
             "entries[1].views.main.families"),
            (["entries", 1, "views", "main"], nil, "entries[1].views"),
            (["entries", 1, "views", "other"], .object(["phase": .null, "target": .null, "families": .object([:])]),
             "entries"), // views are keyed by the countdown ids
            (["entries", 1, "date"], .string("2026-12-03T10:00:00Z"), "entries"),
            (["entries", 1, "relevance", "score"], .number(0), "entries[1].relevance.score"),
            (["entries", 1, "relevance", "duration"], .number(1.5), "entries[1].relevance.duration"),
            (["entries", 1, "views", "main", "families", "default", 0, "message"], .number(0.5),
             "entries[1].views.main.families.default[0].message"),
            (["program", "countdowns", 0, "phases"], .array([]), "program.countdowns[0].phases"),
            (["program", "countdowns", 0, "from"], nil, "program.countdowns[0].from"),
            (["program", "countdowns", 0, "mode"], .string("recur"), "program.countdowns[0].target"),
            (["program", "countdowns", 0, "target", "kind"], .string("literal"), "program.countdowns[0].target.param"),
            (["program", "countdowns", 0, "phases", 1, "above"], .number(2.5), "program.countdowns[0].phases[1].above"),
            (["program", "countdowns", 0, "phases", 1, "above"], nil, "program.countdowns[0].phases[1].above"),
            (["program", "countdowns", 0, "phases", 1, "above"], .null, "program.countdowns[0].phases"),
            (["program", "countdowns", 1], base["program"]?["countdowns"].flatMap { if case .array(let a) = $0 { a[0] } else { nil } },
             "program.countdowns"),
            (["program", "countdowns", 0, "relevance", "score"], .number(100.5),
             "program.countdowns[0].relevance.score"),
            (["program", "horizon"], nil, "program.horizon"),
            (["program", "source"], nil, "program.source"),
            (["program", "messages", 0, "units"], .array([.string("weeks")]), "program.messages[0].units[0]"),
            (["program", "countdowns", 0, "phases", 0, "at"], .array([.number(0), .number(1)]),
             "program.countdowns[0].phases[0].at"),
        ]
        for (path, value, expectedPath) in cases {
            let error = try timelineError(base.replacing(path, with: value))
            guard case .invalidData(.timeline, let at, let detail)? = error else {
                XCTFail("\(path): \(String(describing: error))")
                continue
            }
            XCTAssertEqual(at, expectedPath, "\(path) -> \(detail)")
            XCTAssertFalse(detail.isEmpty)
        }
    }

    /// A number with a fraction where an integer belongs: Foundation's decoder on Linux loses
    /// the path of such a value inside a dictionary; the error still says what is wrong.
    func testFractionWhereAnIntegerBelongs() throws {
        let path: [JSONTree.PathItem] = ["entries", 1, "views", "main", "families", "default", 0, "args", "days"]
        let error = try timelineError(tree(flight).replacing(path, with: .number(0.5)))
        guard case .invalidData(.timeline, let at, let detail)? = error else {
            return XCTFail(String(describing: error))
        }
        XCTAssertTrue(["", "entries[1].views.main.families.default[0].args.days"].contains(at), at)
        XCTAssertFalse(detail.isEmpty)
    }

    /// The schema says additionalProperties: false, and TimelineKit, like the C reader, refuses
    /// a key it does not know, naming it, at its path: a document from a newer or another writer
    /// is an error, never a silent misread. (ReaderKeysTests tries every object.)
    func testUnknownKeysAreRefused() throws {
        let base = try tree(flight)
        let timelineCases: [([JSONTree.PathItem], String)] = [
            (["future-key"], "future-key"),
            (["entries", 0, "future"], "entries[0].future"),
            (["entries", 0, "views", "main", "future"], "entries[0].views.main.future"),
            (["entries", 0, "views", "main", "families", "default", 1, "future"],
             "entries[0].views.main.families.default[1].future"),
            (["policy", "future"], "policy.future"),
            (["program", "future"], "program.future"),
            (["program", "countdowns", 0, "future"], "program.countdowns[0].future"),
        ]
        for (path, expectedPath) in timelineCases {
            let error = try timelineError(base.replacing(path, with: .number(1)))
            guard case .invalidData(.timeline, let at, let detail)? = error else {
                XCTFail("\(path): \(String(describing: error))")
                continue
            }
            XCTAssertEqual(at, expectedPath)
            XCTAssertTrue(detail.hasPrefix("unknown key \"future"), detail)
        }

        let schedule = try tree(schedule)
        for (path, expectedPath) in [
            (["future"], "future"),
            (["states", 1, "request", "body", "aps", "future"], "states[1].request.body.aps.future"),
            (["states", 2, "request", "body", "aps", "sound"], "states[2].request.body.aps.sound"),
        ] as [([JSONTree.PathItem], String)] {
            XCTAssertThrowsError(try ActivitySchedule(jsonData: schedule.replacing(path, with: .string("x")).data())) {
                guard case .invalidData(.schedule, let at, let detail)? = $0 as? TimelineKitError else {
                    return XCTFail("\(path): \($0)")
                }
                XCTAssertEqual(at, expectedPath)
                XCTAssertTrue(detail.hasPrefix("unknown key"), detail)
            }
        }
        // maps take their own names: content-state fields and attributes are the app's
        XCTAssertNoThrow(try ActivitySchedule(jsonData: schedule
            .replacing(["states", 1, "content-state", "eta-window"], with: .number(5)).data()))
    }

    func testScheduleShapeErrors() throws {
        let base = try tree(schedule)
        let cases: [([JSONTree.PathItem], JSONTree?, String)] = [
            (["date-encoding"], .string("seconds-since-2001"), "date-encoding"),
            (["states"], .array([]), "states"),
            (["states", 1, "request"], nil, "states[1].request"),
            (["states", 0, "request"], base["states"].flatMap { if case .array(let a) = $0 { a[1]["request"] } else { nil } },
             "states[0].request"),
            (["states", 1, "content-state", "stops"], .array([]), "states[1].content-state.stops"),
            (["states", 1, "stale-date"], nil, "states[1].stale-date"),
            (["lifecycle", "end"], .string("soon"), "lifecycle.end"),
            (["views", "dynamic-island"], .string("x"), "views.dynamic-island"),
            (["states", 1, "request", "body", "aps", "timestamp"], .string("now"),
             "states[1].request.body.aps.timestamp"),
        ]
        for (path, value, expectedPath) in cases {
            XCTAssertThrowsError(try ActivitySchedule(jsonData: base.replacing(path, with: value).data())) {
                guard case .invalidData(.schedule, let at, _)? = $0 as? TimelineKitError else {
                    return XCTFail("\(path): \($0)")
                }
                XCTAssertEqual(at, expectedPath, "\(path)")
            }
        }
    }

    func testRandomBytesNeverCrash() {
        var rng = SplitMix64(state: 0x7469_6D65_6C69_6E65)
        for round in 0..<300 {
            let count = Int.random(in: 1...512, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if round % 3 == 0 { bytes[0] = UInt8(ascii: "{") } // get past the first byte
            let data = Data(bytes)
            XCTAssertThrowsError(try CompiledTimeline(jsonData: data)) { XCTAssertTrue($0 is TimelineKitError) }
            XCTAssertThrowsError(try CompiledProgram(jsonData: data)) { XCTAssertTrue($0 is TimelineKitError) }
            XCTAssertThrowsError(try ActivitySchedule(jsonData: data)) { XCTAssertTrue($0 is TimelineKitError) }
        }
    }

    /// Golden files with bytes overwritten at random: each one decodes or throws a
    /// TimelineKitError.
    func testCorruptedGoldenBytesNeverCrash() throws {
        var rng = SplitMix64(state: 42)
        let original = try Repo.data(flight)
        var thrown = 0
        for _ in 0..<300 {
            var bytes = [UInt8](original)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] = "0123456789{}[]\",:-Znul\\".utf8.randomElement(using: &rng) ?? 0
            }
            do {
                _ = try CompiledTimeline(jsonData: Data(bytes))
            } catch {
                XCTAssertTrue(error is TimelineKitError, "\(error)")
                thrown += 1
            }
        }
        XCTAssertGreaterThan(thrown, 100)
    }

    func testUnreadableFile() {
        let url = Repo.fixtures.appendingPathComponent("no-such-file.timeline.json")
        XCTAssertThrowsError(try CompiledTimeline(contentsOf: url)) {
            guard case .unreadableFile(let path, _)? = $0 as? TimelineKitError else { return XCTFail("\($0)") }
            XCTAssertEqual(path, url.path)
        }
    }

    func testErrorDescriptionsSayWhatAndWhere() {
        XCTAssertEqual(TimelineKitError.invalidData(format: .timeline, path: "entries[1].date", detail: "bad").description,
                       "invalid timeline at entries[1].date: bad")
        XCTAssertEqual(TimelineKitError.missingVersion(format: .schedule).description,
                       "not a timelinec schedule: the key \"timelinec-schedule\" is missing")
        XCTAssertEqual(TimelineKitError.wrongFormat(expected: .timeline, found: .program).description,
                       "expected a timelinec timeline (\"timelinec-timeline\"), found a program (\"timelinec-program\")")
        XCTAssertEqual(TimelineKitError.empty(format: .program).description, "the program is empty")
    }
}

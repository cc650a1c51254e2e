import Foundation
import XCTest
@testable import TimelineKit

/// Every object of every golden program, timeline and schedule, with one key added that no
/// writer writes: TimelineKit refuses each, naming the key, as the C readers do
/// (tests/unit/test_reader_keys.c) and the schemas (additionalProperties: false). The maps whose
/// keys are the app's own names (a message run's text by locale, content states and attributes
/// by field) take any key.
final class ReaderKeysTests: XCTestCase {
    private static let key = #""x-unknown": 1"#
    /// Objects that are maps of the app's names (the key before their '{').
    private static let openMaps = [#""text": "#, #""content-state": "#, #""content-state":"#,
                                   #""attributes":"#]

    /// Inserts the key into each object of the file in turn; returns how many were tried.
    private func eachObject(_ url: URL, read: (Data) throws -> Void) throws -> Int {
        let text = Array(try Data(contentsOf: url))
        XCTAssertNoThrow(try read(Data(text)), url.lastPathComponent)
        var tried = 0
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
            if Self.openMaps.contains(where: { before.hasSuffix($0) }) { continue }
            let insert = text[i + 1] == UInt8(ascii: "}") ? Self.key : Self.key + ", "
            let mutated = Data(text[...i] + Array(insert.utf8) + text[(i + 1)...])
            XCTAssertThrowsError(try read(mutated), "\(url.lastPathComponent): object at byte \(i)") {
                XCTAssertTrue(String(describing: $0).contains("x-unknown"),
                              "\(url.lastPathComponent), object at byte \(i): \($0)")
            }
            tried += 1
        }
        return tried
    }

    func testEveryObjectRefusesAnUnknownKey() throws {
        var tried = 0
        for url in try Repo.files(in: Repo.goldenExamples, endingWith: ".program.json") {
            tried += try eachObject(url) { _ = try CompiledProgram(jsonData: $0) }
        }
        for url in try Repo.files(in: Repo.goldenExamples, endingWith: ".timeline.json")
            + [Repo.fixtures.appendingPathComponent("live-runs.timeline.json")] {
            tried += try eachObject(url) { _ = try CompiledTimeline(jsonData: $0) }
        }
        for url in try Repo.files(in: Repo.goldenExamples, endingWith: ".schedule.json")
            + Repo.files(in: Repo.fixtures, endingWith: ".schedule.json") {
            tried += try eachObject(url) { _ = try ActivitySchedule(jsonData: $0) }
        }
        XCTAssertGreaterThan(tried, 500)
    }

    /// Keys of another kind of the same object, and the maps' foreign names, as the C reader.
    func testKeysOfAnotherKindAndForeignNames() throws {
        let runs = try String(decoding: Data(contentsOf: Repo.fixtures
            .appendingPathComponent("live-runs.timeline.json")), as: UTF8.self)
        let relative = #"{"live": "relative", "target": "2026-12-01T12:00:00Z"}"#
        let progress = #"{"live": "progress", "from": "2026-12-01T00:00:00Z", "target": "2026-12-01T12:00:00Z"}"#
        let cases: [(String, String, String)] = [
            (relative, #"{"live": "relative", "target": "2026-12-01T12:00:00Z", "pause": "2026-12-01T10:00:00Z"}"#,
             #""pause" is not allowed in a relative run"#),
            (progress, #"{"live": "progress", "from": "2026-12-01T00:00:00Z", "target": "2026-12-01T12:00:00Z", "pause": "2026-12-01T10:00:00Z"}"#,
             #""pause" is not allowed in a progress run"#),
            (#""args": {"days": 0}"#, #""args": {"days": 0, "hours": 1}"#,
             #"unknown key "hours" in a message run's args"#),
            (#""params": {}"#, #""params": {"eta": "2026-12-01T12:00:00Z"}"#,
             #"unknown parameter "eta""#),
        ]
        for (from, to, message) in cases {
            XCTAssertNotNil(runs.range(of: from), from)
            let json = runs.replacingOccurrences(of: from, with: to)
            XCTAssertThrowsError(try CompiledTimeline(jsonData: Data(json.utf8))) {
                XCTAssertTrue(String(describing: $0).contains(message), "\($0)")
            }
        }
    }
}

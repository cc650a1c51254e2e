import Foundation
import TimelineCore
import TimelineKit
import XCTest

/// The repository root: this file is tests/swift/TimelineCoreTests/TimelineCoreTests.swift.
private let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The examples that compile to a widget program, with their `# golden-args:`.
private func widgetExamples() throws -> [(name: String, args: [String])] {
    let dir = root.appendingPathComponent("examples")
    return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        .filter { $0.hasSuffix(".yaml") }
        .compactMap { file in
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            guard !text.contains("\nlive-activity:"),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# golden-args: ") })
            else { return nil }
            let args = line.dropFirst("# golden-args: ".count).split(separator: " ").map(String.init)
            return (String(file.dropLast(5)), args)
        }
}

private func instantiate(_ name: String, _ args: [String], zones: Zones) throws -> Data {
    let programURL = root.appendingPathComponent("tests/golden/examples/\(name).program.json")
    let program = try Program(json: Data(contentsOf: programURL))
    var now = Date()
    var params: [String: ParamValue] = [:]
    let types = Dictionary(uniqueKeysWithValues: program.parameters.map { ($0.name, $0.type) })
    var i = 0
    while i + 1 < args.count {
        if args[i] == "--now" {
            now = try XCTUnwrap(Instant.parse(args[i + 1]))
        } else if args[i] == "--param" {
            let kv = args[i + 1].split(separator: "=", maxSplits: 1).map(String.init)
            switch types[kv[0]] {
            case .instant: params[kv[0]] = .instant(try XCTUnwrap(Instant.parse(kv[1])))
            case .integer: params[kv[0]] = .integer(try XCTUnwrap(Int64(kv[1])))
            case .number: params[kv[0]] = .number(kv[1])
            case .events: params[kv[0]] = .events(kv[1])
            default: params[kv[0]] = .text(kv[1])
            }
        }
        i += 2
    }
    return try program.timelineJSON(now: now, zones: zones, params: params)
}

final class TimelineCoreTests: XCTestCase {
    /// The core compiled by SwiftPM writes the CLI's timeline, byte for byte.
    func testEveryExampleInstantiatesToTheCLIsTimeline() throws {
        let zones = try Zones.tzif()
        let examples = try widgetExamples()
        XCTAssertGreaterThanOrEqual(examples.count, 5)
        for (name, args) in examples {
            let got = try instantiate(name, args, zones: zones)
            let want = try Data(contentsOf: root.appendingPathComponent("tests/golden/examples/\(name).timeline.json"))
            let g = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let w = String(decoding: want, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            // A message that reads a runtime text parameter ({flight}) or an event item's field
            // ({name}) has no baked text: the
            // core writes null where the CLI wrote what ICU made of it; the app formats it on
            // device from the key and the arguments. Every other byte is the CLI's.
            var nulled = 0
            for (k, (gl, wl)) in zip(g, w).enumerated() where gl != wl {
                var fixed = String(wl)
                for locale in ["en_US", "de_DE", "ja_JP", "fr_FR", "es_ES", "ar", "en_GB"]
                where gl.contains("\"\(locale)\": null") {
                    fixed = fixed.replacingOccurrences(of: "\"\(locale)\": \"[^\"]*\"", with: "\"\(locale)\": null",
                                                       options: .regularExpression)
                }
                if fixed == gl {
                    nulled += 1
                } else {
                    XCTFail("\(name).timeline.json line \(k + 1): got '\(gl)', want '\(wl)'")
                    break
                }
            }
            if name != "flight" && name != "race-weekend" { // race-weekend's read its items' fields
                XCTAssertEqual(nulled, 0, "\(name): every text is baked, so every byte is the CLI's")
            }
            XCTAssertEqual(g.count, w.count, "\(name): lines")
            // and TimelineKit reads it
            XCTAssertNoThrow(try CompiledTimeline(jsonData: got), name)
        }
    }

    /// Foundation's TimeZone behind the core's provider interface gives the same timelines.
    func testFoundationZonesGiveTheSameTimelines() throws {
        let tzif = try Zones.tzif(), foundation = try Zones.foundation()
        for (name, args) in try widgetExamples() {
            XCTAssertEqual(try instantiate(name, args, zones: foundation), try instantiate(name, args, zones: tzif), name)
        }
    }

    /// Offsets and daylight-saving transitions agree with the TZif provider, 2020 to 2035.
    func testFoundationZonesAgreeWithTZif() throws {
        let names = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
                     "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago", "UTC"]
        let tzif = try Zones.tzif(), foundation = try Zones.foundation()
        for name in names {
            var t = tlc_time_probe(2020)
            let end = tlc_time_probe(2035)
            var n = 0
            while t < end {
                XCTAssertEqual(try foundation.offset(name, at: t), try tzif.offset(name, at: t), "\(name) at \(t)")
                guard let a = try tzif.nextTransition(name, after: t) else { break }
                XCTAssertEqual(try foundation.nextTransition(name, after: t), a, "\(name) after \(t)")
                XCTAssertEqual(try foundation.previousTransition(name, at: a), a, "\(name) before \(a)")
                t = a
                n += 1
            }
            XCTAssertTrue(name == "UTC" || name == "Asia/Kolkata" || n > 20, "\(name): \(n) transitions")
        }
    }

    func testADamagedProgramIsAnErrorThatSaysWhere() throws {
        XCTAssertThrowsError(try Program(json: Data("{\"timelinec-program\": 2,\n  \"widget\": }".utf8))) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("line 2"), text)
        }
        XCTAssertThrowsError(try Program(json: Data("{\"timelinec-program\": 3}".utf8)))
        XCTAssertThrowsError(try Program(json: Data()))
        XCTAssertThrowsError(try Program(json: Data([0xFF, 0xFE, 0x00])))
    }

    func testAMissingParameterIsAnError() throws {
        let program = try Program(json: Data(contentsOf: root.appendingPathComponent(
            "tests/golden/examples/flight.program.json")))
        XCTAssertThrowsError(try program.timelineJSON(now: Date(timeIntervalSince1970: 1_796_292_000),
                                                      zones: try Zones.tzif())) { error in
            XCTAssertTrue(String(describing: error).contains("departure"), String(describing: error))
        }
    }
}

private func tlc_time_probe(_ year: Int) -> Int64 {
    Int64(DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                         year: year, month: 1, day: 1).date!.timeIntervalSince1970)
}

final class CoreDocSnippetTests: XCTestCase {
    func testSnippetIsTheCompiledCodeAndWorks() throws {
        let doc = String(decoding: try Data(contentsOf: root.appendingPathComponent("docs/swift.md")), as: UTF8.self)
        let code = String(decoding: try Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("CoreDocSnippet.swift")), as: UTF8.self)
        func block(_ lines: [Substring], from: Substring, to: Substring) -> [Substring]? {
            guard let b = lines.firstIndex(of: from), let e = lines[(b + 1)...].firstIndex(of: to) else { return nil }
            return Array(lines[(b + 1)..<e])
        }
        let docLines = doc.split(separator: "\n", omittingEmptySubsequences: false)
        let fromDoc = try XCTUnwrap(docLines.firstIndex(of: "<!-- snippet: instantiate -->").flatMap {
            block(Array(docLines[($0 + 1)...]), from: "```swift", to: "```")
        }, "docs/swift.md has no snippet instantiate")
        let fromCode = try XCTUnwrap(block(code.split(separator: "\n", omittingEmptySubsequences: false),
                                           from: "// BEGIN SNIPPET instantiate", to: "// END SNIPPET instantiate"))
        XCTAssertEqual(fromDoc, fromCode)
        // and it works: the delivery ETA program is the flight example's shape; use flight
        let program = root.appendingPathComponent("tests/golden/examples/launch.program.json")
        XCTAssertThrowsError(try deliveryTimeline(programURL: program, eta: Date()),
                             "launch takes no 'eta': an unknown parameter is refused")
    }
}

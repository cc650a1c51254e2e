import Foundation
import XCTest
@testable import TimelineKit

/// The schedule's date-encoding, through Foundation's own JSONDecoder/JSONEncoder strategies.
final class DateEncodingTests: XCTestCase {
    struct Stamped: Codable, Equatable {
        var at: Date
    }

    /// tests/fixtures/activity/date-encoding.tsv: instant, encoding, the JSON value in a push's
    /// content-state (the table of docs/live-activities.md).
    private func vectors() throws -> [(instant: Date, encoding: DateEncoding, json: String)] {
        let text = try String(decoding: Repo.data("tests/fixtures/activity/date-encoding.tsv"), as: UTF8.self)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let cells = line.split(separator: "\t").map(String.init)
            XCTAssertEqual(cells.count, 3, String(line))
            return (try instant(cells[0]),
                    try XCTUnwrap(DateEncoding(rawValue: cells[1]), cells[1]), cells[2])
        }
    }

    func testTableVectorsDecodeToTheirInstant() throws {
        let rows = try vectors()
        XCTAssertEqual(rows.count, 9)
        XCTAssertEqual(Set(rows.map(\.encoding)), Set(DateEncoding.allCases))
        for row in rows {
            let json = Data("{\"at\":\(row.json)}".utf8)
            // ContentStateCoder, and a plain JSONDecoder with Foundation's strategy.
            let coder = ContentStateCoder(dateEncoding: row.encoding)
            XCTAssertEqual(try coder.decode(Stamped.self, from: json).at, row.instant, row.json)
            let plain = JSONDecoder()
            plain.dateDecodingStrategy = row.encoding.decodingStrategy
            XCTAssertEqual(try plain.decode(Stamped.self, from: json).at, row.instant, row.json)
        }
    }

    func testTableVectorsAreWhatTheEncoderWrites() throws {
        for row in try vectors() {
            let data = try ContentStateCoder(dateEncoding: row.encoding).encode(Stamped(at: row.instant))
            XCTAssertEqual(String(decoding: data, as: UTF8.self), "{\"at\":\(row.json)}",
                           "\(row.encoding.rawValue)")
        }
    }

    func testEveryEncodingRoundTripsToTheIntendedInstant() throws {
        let instants = try ["2026-12-03T16:10:00Z", "2001-01-01T00:00:00Z", "2000-12-31T23:59:59Z",
                            "1970-01-01T00:00:00Z", "1969-07-20T20:17:40Z", "2038-01-19T03:14:08Z",
                            "9999-12-31T23:59:59Z"].map { try instant($0) }
        for encoding in DateEncoding.allCases {
            let coder = ContentStateCoder(dateEncoding: encoding)
            for date in instants {
                let data = try coder.encode(Stamped(at: date))
                XCTAssertEqual(try coder.decode(Stamped.self, from: data).at, date, "\(encoding)")
                // Foundation's decoder configured by hand agrees.
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = encoding.decodingStrategy
                XCTAssertEqual(try decoder.decode(Stamped.self, from: data).at, date, "\(encoding)")
            }
        }
    }

    /// ActivityKit decodes with default JSON decoding: a synthesized Codable reads
    /// deferred-to-date, exactly what a JSONDecoder with no configuration does.
    func testDeferredToDateIsTheDefaultJSONDecoder() throws {
        let json = Data(#"{"at":818007000}"#.utf8)
        let expected = try instant("2026-12-03T16:10:00Z")
        XCTAssertEqual(try JSONDecoder().decode(Stamped.self, from: json).at, expected)
        XCTAssertEqual(try ContentStateCoder().decode(Stamped.self, from: json).at, expected)
        XCTAssertEqual(ContentStateCoder().dateEncoding, .deferredToDate)
    }

    /// The trap TL208 catches: the two epochs are 978,307,200 s (31 years) apart.
    func testWrongEpochLandsThirtyOneYearsOff() throws {
        let meant = try instant("2026-12-03T16:10:00Z")
        let unixJSON = Data(#"{"at":1796314200}"#.utf8)
        let misread = try ContentStateCoder(dateEncoding: .deferredToDate).decode(Stamped.self, from: unixJSON).at
        XCTAssertEqual(misread.timeIntervalSince(meant), 978_307_200)
        XCTAssertEqual(misread, try instant("2057-12-03T16:10:00Z"))

        let referenceJSON = Data(#"{"at":818007000}"#.utf8)
        let early = try ContentStateCoder(dateEncoding: .secondsSince1970).decode(Stamped.self, from: referenceJSON).at
        XCTAssertEqual(meant.timeIntervalSince(early), 978_307_200)
        XCTAssertEqual(early, try instant("1995-12-03T16:10:00Z"))

        let millisJSON = Data(#"{"at":1796314200000}"#.utf8)
        let far = try ContentStateCoder(dateEncoding: .secondsSince1970).decode(Stamped.self, from: millisJSON).at
        XCTAssertEqual(far.timeIntervalSince1970, meant.timeIntervalSince1970 * 1000)
    }

    func testISO8601EncodingIsTheSchemasInstantForm() throws {
        let date = try instant("2026-12-03T16:10:00Z")
        let data = try ContentStateCoder(dateEncoding: .iso8601).encode(Stamped(at: date))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"at":"2026-12-03T16:10:00Z"}"#)
        XCTAssertThrowsError(try ContentStateCoder(dateEncoding: .iso8601)
            .decode(Stamped.self, from: Data(#"{"at":1796314200}"#.utf8)))
    }

    func testInstantParserIsStrict() throws {
        XCTAssertEqual(Instant.parse("2026-12-01T17:00:00Z")?.timeIntervalSince1970, 1_796_144_400)
        XCTAssertEqual(Instant.parse("0000-01-01T00:00:00Z")?.timeIntervalSince1970, -62_167_219_200)
        XCTAssertEqual(Instant.parse("2024-02-29T00:00:00Z")?.timeIntervalSince1970, 1_709_164_800)
        for bad in ["2026-12-01T17:00:00", "2026-12-01T17:00:00.5Z", "2026-12-01T17:00:00+01:00",
                    "2026-12-01t17:00:00Z", "2026-12-01T17:00:00z", "2026-13-01T17:00:00Z",
                    "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-01T24:00:00Z",
                    "2026-12-01T17:60:00Z", "2026-12-01T17:00:60Z", "2026-12-00T17:00:00Z",
                    "+026-12-01T17:00:00Z", "", "2026-12-01 17:00:00Z", "２026-12-01T17:00:00Z"] {
            XCTAssertNil(Instant.parse(bad), bad)
        }
        XCTAssertEqual(Instant.string(from: Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        XCTAssertNil(Instant.string(from: Date(timeIntervalSince1970: 0.5)), "whole seconds only")
        XCTAssertNil(Instant.string(from: Date(timeIntervalSince1970: 253_402_300_800)), "after 9999")
        // Every day of a leap and a common year, both ways.
        var t: Int64 = 1_704_067_200 // 2024-01-01
        for _ in 0..<(366 + 365) {
            let date = Date(timeIntervalSince1970: TimeInterval(t + 45_296)) // 12:34:56
            let text = try XCTUnwrap(Instant.string(from: date))
            XCTAssertEqual(Instant.parse(text), date)
            XCTAssertEqual(ISO8601DateFormatter().string(from: date), text)
            t += 86_400
        }
    }
}

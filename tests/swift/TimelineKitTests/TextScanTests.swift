import Foundation
import XCTest
@testable import TimelineKit

/// What JSONDecoder cannot see, refused in every format as the C readers refuse it: a duplicate
/// key (the decoder keeps one of the two) and a `\u0000` in a string; checked after the version.
final class TextScanTests: XCTestCase {
    private func golden(_ name: String) throws -> String {
        try String(decoding: Data(contentsOf: Repo.goldenExamples.appendingPathComponent(name)), as: UTF8.self)
    }

    private func expectRefused<T>(_ make: (Data) throws -> T, _ text: String, _ needle: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try make(Data(text.utf8)), file: file, line: line) { error in
            XCTAssertTrue(String(describing: error).contains(needle),
                          "\(error) lacks '\(needle)'", file: file, line: line)
        }
    }

    func testDuplicateKeysAreRefusedInEveryFormat() throws {
        let program = try golden("launch.program.json")
        expectRefused(CompiledProgram.init(jsonData:),
                      program.replacingOccurrences(of: "\"widget\": \"LaunchCountdown\",",
                                                   with: "\"widget\": \"LaunchCountdown\", \"widget\": \"Other\","),
                      "duplicate key 'widget'")
        let timeline = try golden("launch.timeline.json")
        expectRefused(CompiledTimeline.init(jsonData:),
                      timeline.replacingOccurrences(of: "\"now-source\": \"option\",",
                                                    with: "\"now-source\": \"option\", \"now-source\": \"clock\","),
                      "duplicate key 'now-source'")
        let schedule = try golden("delivery-activity.schedule.json")
        expectRefused(ActivitySchedule.init(jsonData:),
                      schedule.replacingOccurrences(of: "\"bundle-id\": \"com.example.shop\",",
                                                    with: "\"bundle-id\": \"com.example.shop\", \"bundle-id\": \"x\","),
                      "duplicate key 'bundle-id'")
    }

    func testNULInAStringIsRefused() throws {
        let program = try golden("launch.program.json")
        expectRefused(CompiledProgram.init(jsonData:),
                      program.replacingOccurrences(of: "\"LaunchCountdown\"", with: "\"Launch\\u0000Countdown\""),
                      "\\u0000")
    }

    func testTheVersionIsStillCheckedFirst() throws {
        let program = try golden("launch.program.json")
        let newer = program.replacingOccurrences(of: "\"timelinec-program\": 2,",
                                                 with: "\"timelinec-program\": 3, \"widget\": \"x\",")
        XCTAssertThrowsError(try CompiledProgram(jsonData: Data(newer.utf8))) { error in
            guard case TimelineKitError.unsupportedVersion = error else {
                return XCTFail("\(error) is not unsupportedVersion")
            }
        }
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// Phase thresholds that are duration parameters (`above: $lead`, `-$lead`): TimelineKit reads
/// and writes them as the C reader does, and refuses what it refuses (tests/unit/test_program.c,
/// above_param_refusals). Fixtures/lead.program.json is
/// `timelinec compile tests/semantics/lead.yaml -o tests/swift/TimelineKitTests/Fixtures/lead.program.json`.
final class ThresholdParamTests: XCTestCase {
    private func text() throws -> String {
        String(decoding: try Repo.data("tests/swift/TimelineKitTests/Fixtures/lead.program.json"),
               as: UTF8.self)
    }

    func testReadsAndWritesParameterThresholds() throws {
        let program = try CompiledProgram(jsonData: Data(try text().utf8))
        let phases = program.countdowns[0].phases
        XCTAssertEqual(phases.map(\.above), [3600, nil, 0, nil, nil])
        XCTAssertEqual(phases[1].aboveParam, CompiledProgram.ThresholdParam(param: "lead", sign: 1))
        XCTAssertEqual(phases[3].aboveParam, CompiledProgram.ThresholdParam(param: "grace", sign: -1))
        XCTAssertNil(phases[4].aboveParam)
        let again = try CompiledProgram(jsonData: JSONEncoder().encode(program))
        XCTAssertEqual(again.countdowns[0].phases, phases)
    }

    private func refuses(_ from: String, _ to: String, _ want: String,
                         line: UInt = #line) throws {
        let source = try text()
        XCTAssertTrue(source.contains(from), "the fixture has \(from)", line: line)
        let data = Data(source.replacingOccurrences(of: from, with: to).utf8)
        XCTAssertThrowsError(try CompiledProgram(jsonData: data), line: line) {
            XCTAssertTrue(String(describing: $0).contains(want), "\($0)", line: line)
        }
    }

    func testRefusesWhatTheCReaderRefuses() throws {
        let lead = "\"param\": \"lead\",\n            \"sign\": 1"
        try refuses(lead, "\"param\": \"nope\",\n            \"sign\": 1",
                    "is not a parameter of the program")
        try refuses(lead, "\"param\": \"lead\",\n            \"sign\": 0", "sign is 1 or -1")
        try refuses(lead, "\"param\": \"lead\",\n            \"sign\": 2", "sign")
        try refuses(lead, "\"param\": \"lead\",\n            \"sign\": 1, \"x\": 1", "x")
        try refuses(lead, "\"sign\": 1", "param")
        try refuses(#"{"name": "lead", "type": "duration"}"#, #"{"name": "lead", "type": "text"}"#,
                    "is not a duration")
    }
}

import Foundation
import XCTest
@testable import TimelineKit

/// `minimum-ios` in programs and activity programs, as the C readers and writers handle it
/// (tests/unit/test_program.c, test_activity_program.c): absent means 17, 17...26 is the range,
/// and the key is written only when it is not 17.
final class MinimumIOSTests: XCTestCase {
    private static let program = "tests/golden/examples/launch.program.json"
    private static let activity = "tests/golden/examples/delivery-activity.activity-program.json"

    private func tree(_ relative: String) throws -> JSONTree { try JSONTree.parse(Repo.data(relative)) }

    func testProgramDefaultsReadsAndWritesOnlyANonDefault() throws {
        let base = try tree(Self.program)
        XCTAssertNil(base["minimum-ios"])
        let plain = try CompiledProgram(jsonData: base.data())
        XCTAssertEqual(plain.minimumIOS, 17)
        XCTAssertNil(try JSONTree.parse(JSONEncoder().encode(plain))["minimum-ios"])

        let ios18 = try CompiledProgram(jsonData: base.replacing(["minimum-ios"], with: .number(18)).data())
        XCTAssertEqual(ios18.minimumIOS, 18)
        XCTAssertEqual(try JSONTree.parse(JSONEncoder().encode(ios18))["minimum-ios"], .number(18))

        for bad: JSONTree in [.number(16), .number(27), .number(18.5), .string("18"), .null] {
            XCTAssertThrowsError(try CompiledProgram(jsonData: base.replacing(["minimum-ios"], with: bad).data()),
                                 "accepted \(bad)")
        }
    }

    func testActivityProgramDefaultsReadsAndWritesOnlyANonDefault() throws {
        let base = try tree(Self.activity)
        XCTAssertNil(base["minimum-ios"])
        let plain = try ActivityProgram(jsonData: base.data())
        XCTAssertEqual(plain.minimumIOS, 17)
        XCTAssertNil(try JSONTree.parse(JSONEncoder().encode(plain))["minimum-ios"])

        let ios18 = try ActivityProgram(jsonData: base.replacing(["minimum-ios"], with: .number(18)).data())
        XCTAssertEqual(ios18.minimumIOS, 18)
        XCTAssertEqual(try JSONTree.parse(JSONEncoder().encode(ios18))["minimum-ios"], .number(18))

        for bad: JSONTree in [.number(16), .number(27), .number(18.5), .string("18"), .null] {
            XCTAssertThrowsError(try ActivityProgram(jsonData: base.replacing(["minimum-ios"], with: bad).data()),
                                 "accepted \(bad)")
        }
        // what the C writer writes for `minimum-ios: 18` (examples/flight-boarding-activity.yaml)
        let boarding = try ActivityProgram(contentsOf: Repo.url(
            "tests/golden/examples/flight-boarding-activity.activity-program.json"))
        XCTAssertEqual(boarding.minimumIOS, 18)
        XCTAssertTrue(boarding.views[.lockScreen]?.contains("{date-offset boarding,") ?? false)
    }
}

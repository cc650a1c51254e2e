import Foundation
import TimelineCore
import TimelineKit

// The code of docs/swift.md's snippet "instantiate" (CoreDocSnippetTests checks they are the same).
// BEGIN SNIPPET instantiate
/// A widget extension's getTimeline: the program bundled at build time, instantiated now with
/// the ETA the app stored, in the device's zone.
func deliveryTimeline(programURL: URL, eta: Date, now: Date = Date()) throws -> CompiledTimeline {
    let program = try Program(json: Data(contentsOf: programURL))
    let zones = try Zones.foundation() // Foundation's TimeZone: the device's zone data
    let json = try program.timelineJSON(now: now, zones: zones,
                                        displayZone: TimeZone.current.identifier,
                                        params: ["eta": .instant(eta)])
    return try CompiledTimeline(jsonData: json) // entries and the reload policy, as TimelineKit reads them
}
// END SNIPPET instantiate

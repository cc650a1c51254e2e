import Foundation
import TimelineCore
import TimelineKit

/// What a widget extension does with the plugin's output: the program compiled at build time
/// from Timelines/launch.yaml, bundled as launch.program.json.
public enum LaunchWidget {
    /// The target's resource bundle: the plugin's outputs.
    public static var bundle: Bundle { .module }

    /// The URL of a bundled program, `NAME.program.json` for the spec `Timelines/NAME.yaml`.
    public static func programURL(_ name: String) -> URL? {
        Bundle.module.url(forResource: "\(name).program", withExtension: "json")
    }

    /// The bundled program, read by TimelineKit.
    public static func program(_ name: String) throws -> CompiledProgram {
        guard let url = programURL(name) else { throw CocoaError(.fileNoSuchFile) }
        return try CompiledProgram(contentsOf: url)
    }

    /// The bundled program instantiated on the device (TimelineCore), read by TimelineKit: what
    /// getTimeline hands WidgetKit.
    public static func timeline(_ name: String, now: Date) throws -> CompiledTimeline {
        guard let url = programURL(name) else { throw CocoaError(.fileNoSuchFile) }
        let program = try Program(json: Data(contentsOf: url))
        let json = try program.timelineJSON(now: now, zones: try Zones.foundation())
        return try CompiledTimeline(jsonData: json)
    }
}

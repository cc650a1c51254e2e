#if canImport(WidgetKit) && canImport(SwiftUI)
import Foundation
import TimelineKit
import WidgetKit

extension CompiledTimelineSource {
    /// The entries to step through in `#Preview(as:widget:timeline:)`
    /// (``CompiledTimeline/previewEntries(family:limit:rebasedTo:)``): distinct displays in
    /// `family`, at most `limit`, rebased to `now` so each reads as on the device at its own
    /// date. Empty when the timeline cannot be read.
    ///
    /// ```swift
    /// #Preview(as: .accessoryInline) {
    ///     LaunchWidget()
    /// } timeline: {
    ///     for entry in CompiledTimelineSource(resource: "launch.timeline")!
    ///         .previewEntries(family: .accessoryInline) {
    ///         entry
    ///     }
    /// }
    /// ```
    public func previewEntries(family: Family = .default, limit: Int = 12,
                               rebasedTo now: Date? = Date()) -> [CompiledTimelineEntry] {
        guard let timeline = try? load() else { return [] }
        return timeline.previewEntries(family: family, limit: limit, rebasedTo: now)
            .map { CompiledTimelineEntry($0, locales: timeline.program.locales) }
    }
}
#endif

#if canImport(WidgetKit) && canImport(SwiftUI)
import Foundation
import TimelineKit
import WidgetKit

/// Where a widget's compiled timeline comes from: a value, or a JSON file (bundled with the
/// widget extension, or written by the app into an App Group container), read on each request
/// so a newer file is picked up on the next reload.
public struct CompiledTimelineSource: Sendable {
    private enum Origin: Sendable {
        case value(CompiledTimeline)
        case file(URL)
    }

    private let origin: Origin

    /// A timeline already in memory.
    public init(_ timeline: CompiledTimeline) {
        origin = .value(timeline)
    }

    /// A timeline file, read with `CompiledTimeline(contentsOf:)` on each request.
    public init(contentsOf url: URL) {
        origin = .file(url)
    }

    /// A JSON resource of `bundle` (by default the widget extension's own), e.g.
    /// `CompiledTimelineSource(resource: "launch.timeline")` for `launch.timeline.json`; nil
    /// when the bundle has no such file.
    public init?(resource name: String, bundle: Bundle = .main) {
        guard let url = bundle.url(forResource: name, withExtension: "json") else { return nil }
        origin = .file(url)
    }

    /// The timeline. - Throws: ``TimelineKitError``.
    public func load() throws -> CompiledTimeline {
        switch origin {
        case .value(let timeline): return timeline
        case .file(let url): return try CompiledTimeline(contentsOf: url)
        }
    }

    /// The plan at `now`: ``CompiledTimeline/widgetTimeline(at:minimumReloadInterval:)``, or
    /// ``WidgetTimelinePlan/unavailable(at:retryAfter:)`` when the timeline cannot be read.
    public func plan(at now: Date = Date(),
                     minimumReloadInterval: TimeInterval = 900) -> WidgetTimelinePlan {
        guard let timeline = try? load() else {
            return .unavailable(at: now, retryAfter: minimumReloadInterval)
        }
        return timeline.widgetTimeline(at: now, minimumReloadInterval: minimumReloadInterval)
    }

    /// `Timeline(entries:policy:)` for `getTimeline(in:completion:)`.
    public func timeline(at now: Date = Date(),
                         minimumReloadInterval: TimeInterval = 900) -> Timeline<CompiledTimelineEntry> {
        plan(at: now, minimumReloadInterval: minimumReloadInterval).timeline
    }

    /// The entry showing at `now` (the first one before the timeline starts), for
    /// `getSnapshot(in:completion:)` and `placeholder(in:)`.
    public func entry(at now: Date = Date()) -> CompiledTimelineEntry {
        let plan = plan(at: now)
        let entry = plan.entries.last { $0.date <= now } ?? plan.entries[0]
        return CompiledTimelineEntry(entry, locales: plan.locales)
    }
}

/// A ready `TimelineProvider` for a widget showing a compiled timeline:
///
/// ```swift
/// StaticConfiguration(kind: "LaunchCountdown",
///                     provider: CompiledTimelineProvider(CompiledTimelineSource(resource: "launch.timeline")!)) { entry in
///     CountdownView(entry: entry)
/// }
/// ```
public struct CompiledTimelineProvider: TimelineProvider {
    public typealias Entry = CompiledTimelineEntry

    /// Where the timeline comes from.
    public let source: CompiledTimelineSource
    /// The shortest delay before a reload the policy asks for in the past (seconds).
    public let minimumReloadInterval: TimeInterval

    /// A provider.
    public init(_ source: CompiledTimelineSource, minimumReloadInterval: TimeInterval = 900) {
        self.source = source
        self.minimumReloadInterval = minimumReloadInterval
    }

    public func placeholder(in context: Context) -> CompiledTimelineEntry {
        source.entry(at: Date())
    }

    public func getSnapshot(in context: Context,
                            completion: @escaping @Sendable (CompiledTimelineEntry) -> Void) {
        completion(source.entry(at: Date()))
    }

    public func getTimeline(in context: Context,
                            completion: @escaping @Sendable (Timeline<CompiledTimelineEntry>) -> Void) {
        completion(source.timeline(at: Date(), minimumReloadInterval: minimumReloadInterval))
    }
}
#endif

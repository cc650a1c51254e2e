#if canImport(WidgetKit) && canImport(SwiftUI)
import Foundation
import TimelineKit
import WidgetKit

/// A WidgetKit `TimelineEntry` carrying one entry of a compiled timeline: its date, its
/// relevance and the views of every countdown.
public struct CompiledTimelineEntry: TimelineEntry, Hashable, Sendable {
    /// `TimelineEntry.date`: when the entry starts to show.
    public let date: Date
    /// The entry as TimelineKit reads it (views per countdown, relevance).
    public let entry: CompiledTimeline.Entry
    /// The timeline's locales in the spec's order, for the messages' fallback text.
    public let locales: [String]

    /// An entry.
    public init(_ entry: CompiledTimeline.Entry, locales: [String] = []) {
        self.date = entry.date
        self.entry = entry
        self.locales = locales
    }

    /// `TimelineEntry.relevance`: `TimelineEntryRelevance(score:duration:)`, or nil.
    public var relevance: TimelineEntryRelevance? {
        entry.relevance?.timelineEntryRelevance
    }

    /// The runs countdown `countdown` shows in `family` (its own runs, else the default ones).
    public func runs(countdown: String = "main", family: Family = .default) -> [Run] {
        entry.view(countdown: countdown, family: family)
    }
}

extension WidgetTimelinePlan {
    /// The entries as WidgetKit entries.
    public var timelineEntries: [CompiledTimelineEntry] {
        entries.map { CompiledTimelineEntry($0, locales: locales) }
    }

    /// `Timeline(entries:policy:)`.
    public var timeline: Timeline<CompiledTimelineEntry> {
        Timeline(entries: timelineEntries, policy: policy.timelineReloadPolicy)
    }
}
#endif

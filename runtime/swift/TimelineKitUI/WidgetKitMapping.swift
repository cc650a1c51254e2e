// TimelineKitUI: the thin WidgetKit, SwiftUI and ActivityKit layer over TimelineKit. Every
// decision it applies is a TimelineKit value tested on every platform (TextPlan, RunsLayout,
// WidgetTimelinePlan, ReloadPolicy, ActivityContentPlan, DismissalPlan); this layer only maps
// them onto Apple's types. On platforms without WidgetKit and SwiftUI (Linux) every file of
// this target compiles to nothing. See docs/swift.md, "TimelineKitUI".
#if canImport(WidgetKit) && canImport(SwiftUI)
import Foundation
import SwiftUI
import TimelineKit
import WidgetKit

extension ReloadPolicy {
    /// WidgetKit's policy, one to one: `.atEnd`, `.after(date)`, `.never`.
    public var timelineReloadPolicy: TimelineReloadPolicy {
        switch self {
        case .atEnd: return .atEnd
        case .after(let date): return .after(date)
        case .never: return .never
        }
    }
}

extension CompiledTimeline.Relevance {
    /// `TimelineEntryRelevance(score:duration:)`.
    public var timelineEntryRelevance: TimelineEntryRelevance {
        TimelineEntryRelevance(score: widgetKitScore, duration: widgetKitDuration)
    }
}

extension Family {
    /// The family whose runs a widget of `family` shows (read it from
    /// `@Environment(\.widgetFamily)`). A family TimelineKit does not name (`accessoryCorner`,
    /// `systemExtraLargePortrait`, a future one) is ``Family/default``.
    public init(_ family: WidgetFamily) {
        switch family {
        case .systemSmall: self = .small
        case .systemMedium: self = .medium
        case .systemLarge: self = .large
        #if os(iOS)
        // Not available on macOS 13 (extra large) or at all on macOS (accessory families):
        // matched by name there, below.
        case .systemExtraLarge: self = .extraLarge
        case .accessoryCircular: self = .accessoryCircular
        case .accessoryRectangular: self = .accessoryRectangular
        case .accessoryInline: self = .accessoryInline
        #endif
        default: self = Family(widgetFamilyName: String(describing: family))
        }
    }
}

extension TextDateStyle {
    /// `Text.DateStyle`.
    public var dateStyle: Text.DateStyle {
        switch self {
        case .timer: return .timer
        case .relative: return .relative
        case .offset: return .offset
        case .date: return .date
        case .time: return .time
        }
    }
}
extension StyleField {
    /// `Date.ComponentsFormatStyle.Field`.
    @available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *)
    public var componentsField: Date.ComponentsFormatStyle.Field {
        switch self {
        case .year: return .year
        case .month: return .month
        case .week: return .week
        case .day: return .day
        case .hour: return .hour
        case .minute: return .minute
        case .second: return .second
        }
    }
}

extension StyleField {
    /// `Date.RelativeFormatStyle.Field`, the fields of `SystemFormatStyle.DateReference`.
    @available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *)
    public var relativeField: Date.RelativeFormatStyle.Field {
        switch self {
        case .year: return .year
        case .month: return .month
        case .week: return .week
        case .day: return .day
        case .hour: return .hour
        case .minute: return .minute
        case .second: return .second
        }
    }
}

extension StylePrecision {
    /// `maxPrecision` of `SystemFormatStyle.Timer` and `.Stopwatch`.
    @available(iOS 16, macOS 13, watchOS 9, tvOS 16, *)
    public var duration: Duration {
        switch self {
        case .hundredths: return .milliseconds(10)
        case .seconds: return .seconds(1)
        case .minutes: return .seconds(60)
        }
    }
}

extension StyleSign {
    /// `NumberFormatStyleConfiguration.SignDisplayStrategy`.
    @available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *)
    public var strategy: NumberFormatStyleConfiguration.SignDisplayStrategy {
        switch self {
        case .automatic: return .automatic
        case .never: return .never
        case .always: return .always()
        }
    }
}
#endif

#if canImport(WidgetKit) && canImport(SwiftUI)
import Foundation
import SwiftUI
import TimelineKit
import WidgetKit

/// Draws a view's runs as TimelineKit plans them (``TextPlan``, ``RunsLayout``): one text where
/// every run is a `Text` (so it wraps, truncates and scales as one), an `HStack` around a
/// `ProgressView` otherwise, nothing for a hidden view.
///
/// ```swift
/// RunsView(runs: entry.runs(family: Family(family)), shownFrom: entry.date, locales: entry.locales)
/// ```
public struct RunsView: View {
    private let runs: [Run]
    private let shownFrom: Date
    private let locales: [String]
    private let localize: ((MessagePlan) -> Text?)?
    @Environment(\.locale) private var locale

    /// A view of `runs`, shown from `shownFrom` (the entry's date).
    ///
    /// - `locales`: the timeline's locales (``CompiledTimelineEntry/locales``), for the fallback
    ///   text of a message the timeline has no text for in the environment's locale.
    /// - `localize`: your localization of such a message (its key and arguments, e.g. from
    ///   your String Catalog); return nil to use the fallback text.
    public init(runs: [Run], shownFrom: Date, locales: [String] = [],
                localize: ((MessagePlan) -> Text?)? = nil) {
        self.runs = runs
        self.shownFrom = shownFrom
        self.locales = locales
        self.localize = localize
    }

    public var body: some View {
        let plans = runs.textPlans(shownFrom: shownFrom, locale: locale.identifier,
                                   fallbackLocales: locales)
        switch RunsLayout(plans) {
        case .empty:
            EmptyView()
        case .text(let plans):
            RunsView.text(plans, localize: localize)
        case .stack(let segments):
            HStack(spacing: 4) {
                ForEach(Array(segments.enumerated()), id: \.offset) { _, segment in
                    switch segment {
                    case .text(let plans):
                        RunsView.text(plans, localize: localize)
                    case .progress(let interval):
                        ProgressView(timerInterval: interval.range, countsDown: interval.countsDown)
                    }
                }
            }
        }
    }

    /// The plans as one `Text`: a lone plan as is; several interpolated into one text
    /// (`Text("\(a)\(b)")`, which replaces the `Text + Text` Apple deprecates in iOS 26).
    @MainActor
    public static func text(_ plans: [TextPlan], localize: ((MessagePlan) -> Text?)? = nil) -> Text {
        if plans.count == 1 { return text(plans[0], localize: localize) }
        var interpolation = LocalizedStringKey.StringInterpolation(literalCapacity: 0,
                                                                   interpolationCount: plans.count)
        for plan in plans {
            interpolation.appendInterpolation(text(plan, localize: localize))
        }
        return Text(LocalizedStringKey(stringInterpolation: interpolation))
    }

    /// The `Text` of one plan (a ``TextPlan/progressView(_:)`` is no text: empty).
    @MainActor
    public static func text(_ plan: TextPlan, localize: ((MessagePlan) -> Text?)? = nil) -> Text {
        switch plan {
        case .verbatim(let text), .baked(let text, _):
            return Text(verbatim: text)
        case .localized(let message):
            if let text = localize?(message) { return text }
            if let fallback = message.fallback { return Text(verbatim: fallback) }
            return Text(LocalizedStringKey(message.key))
        case .date(let date, let style):
            return Text(date, style: style.dateStyle)
        case .timerInterval(let interval):
            return Text(timerInterval: interval.range, pauseTime: interval.pauseTime,
                        countsDown: interval.countsDown)
        case .progressView:
            return Text(verbatim: "")
        case .dateOffset(let date, let options):
            // The spec's minimum-ios is 18 when it uses this style (TL033); on an older system
            // the nearest iOS 17 style stands in.
            if #available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *) {
                return Text(.currentDate, format: .offset(to: date,
                                                          allowedFields: Set(options.fields.map(\.componentsField)),
                                                          maxFieldCount: options.maxFieldCount,
                                                          sign: options.sign.strategy))
            }
            return Text(date, style: .offset)
        case .dateReference(let date, let o):
            // relative near the date, absolute beyond the threshold; before iOS 18 the
            // relative style stands in (it never shows a date)
            if #available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *) {
                return Text(.currentDate, format: .reference(
                    to: date, allowedFields: Set(o.fields.map(\.relativeField)),
                    maxFieldCount: o.maxFieldCount, thresholdField: o.threshold.relativeField))
            }
            return Text(date, style: .relative)
        case .countdownTimer(let interval, let o):
            if #available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *) {
                return Text(.currentDate, format: .timer(
                    countingDownIn: interval.range.lowerBound..<interval.range.upperBound,
                    showsHours: o.showsHours, maxFieldCount: o.maxFieldCount,
                    maxPrecision: o.precision.duration))
            }
            return Text(timerInterval: interval.range, pauseTime: interval.range.upperBound,
                        countsDown: true)
        case .stopwatch(let date, let o):
            if #available(iOS 18, macOS 15, watchOS 11, tvOS 18, visionOS 2, *) {
                return Text(.currentDate, format: .stopwatch(
                    startingAt: date, showsHours: o.showsHours, maxFieldCount: o.maxFieldCount,
                    maxPrecision: o.precision.duration))
            }
            return Text(date, style: .timer)
        }
    }
}

/// One countdown of a compiled timeline entry in the current widget family
/// (`@Environment(\.widgetFamily)`).
///
/// ```swift
/// StaticConfiguration(kind: "LaunchCountdown", provider: provider) { entry in
///     CountdownView(entry: entry)
///         .containerBackground(.fill.tertiary, for: .widget)
/// }
/// ```
public struct CountdownView: View {
    private let entry: CompiledTimelineEntry
    private let countdown: String
    private let localize: ((MessagePlan) -> Text?)?
    @Environment(\.widgetFamily) private var widgetFamily

    /// The view of `countdown` (`"main"` for a lone countdown) in `entry`.
    public init(entry: CompiledTimelineEntry, countdown: String = "main",
                localize: ((MessagePlan) -> Text?)? = nil) {
        self.entry = entry
        self.countdown = countdown
        self.localize = localize
    }

    public var body: some View {
        RunsView(runs: entry.runs(countdown: countdown, family: Family(widgetFamily)),
                 shownFrom: entry.date, locales: entry.locales, localize: localize)
    }
}
#endif

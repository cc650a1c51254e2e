// The Swift of docs/swift.md, compiled here and exercised by DocSnippetTests. The text between
// each BEGIN/END pair must stay identical to the docs' snippet of that name (a test checks it).

// BEGIN SNIPPET reading
import Foundation
import TimelineKit

/// What countdown "main" shows at `date` in the accessoryInline family (one line per run),
/// and the reload policy to hand to WidgetKit.
func widgetLines(timelineURL: URL, at date: Date) throws -> (lines: [String], policy: ReloadPolicy) {
    let timeline = try CompiledTimeline(contentsOf: timelineURL)
    // The last entry whose date is <= date; nil before the first entry.
    guard let entry = timeline.entry(at: date) else { return ([], timeline.policy) }
    // The family's own runs, else the "default" runs.
    let runs = entry.view(countdown: "main", family: .accessoryInline)
    let lines = runs.map { run -> String in
        switch run {
        case .text(let text):          // Text(verbatim: text)
            return text
        case .message(let message):    // the baked text, or String(localized:) with key/args
            return message.text(locale: "en_US") ?? message.key
        case .live(let live):          // Text(live.target, style: .timer), ...
            return "\(live.style.rawValue) to \(Instant.string(from: live.target) ?? "?")"
        }
    }
    return (lines, timeline.policy)
}
// END SNIPPET reading

// BEGIN SNIPPET content-state
/// The app's ContentState, with a synthesized Codable conformance.
struct DeliveryState: Codable, Hashable {
    var eta: Date
    var status: String
    var stops: Int
}

/// Decodes a pushed content-state as ActivityKit would, in the schedule's date-encoding.
func decodePushedState(_ json: Data, encoding: DateEncoding) throws -> DeliveryState {
    try ContentStateCoder(dateEncoding: encoding).decode(DeliveryState.self, from: json)
}
// END SNIPPET content-state

// BEGIN SNIPPET plans
/// The SwiftUI view TimelineKitUI draws for each run of countdown "main" at `date`: decided by
/// TimelineKit, so the same values here (Linux, tests) as on the device.
func swiftUIViews(of timeline: CompiledTimeline, at date: Date, family: Family,
                  locale: String) -> [String] {
    guard let entry = timeline.entry(at: date) else { return [] }
    let plans = entry.view(countdown: "main", family: family)
        .textPlans(shownFrom: entry.date, locale: locale, fallbackLocales: timeline.program.locales)
    func at(_ date: Date?) -> String { date.flatMap { Instant.string(from: $0) } ?? "nil" }
    return plans.map { plan -> String in
        switch plan {
        case .verbatim(let text), .baked(let text, _):
            return "Text(verbatim: \"\(text)\")"
        case .localized(let message):   // your String Catalog entry, else the fallback text
            return "Text(\"\(message.key)\") or Text(verbatim: \"\(message.fallback ?? "")\")"
        case .date(let date, let style):
            return "Text(\(at(date)), style: .\(style.rawValue))"
        case .timerInterval(let t):     // t.range never inverted (clamped when from > to)
            return "Text(timerInterval: \(at(t.range.lowerBound))...\(at(t.range.upperBound)), "
                + "pauseTime: \(at(t.pauseTime)), countsDown: \(t.countsDown))"
        case .progressView(let t):
            return "ProgressView(timerInterval: \(at(t.range.lowerBound))...\(at(t.range.upperBound)), "
                + "countsDown: \(t.countsDown))"
        case .dateOffset(let date, let o): // iOS 18: the spec says minimum-ios: 18
            return "Text(.currentDate, format: .offset(to: \(at(date)), allowedFields: "
                + "\(o.fields.map(\.rawValue)), maxFieldCount: \(o.maxFieldCount), sign: .\(o.sign.rawValue)))"
        case .countdownTimer(let t, let o): // iOS 18; holds at 0:00 past the end (inferred)
            return "Text(.currentDate, format: .timer(countingDownIn: \(at(t.range.lowerBound))..<"
                + "\(at(t.range.upperBound)), showsHours: \(o.showsHours), maxFieldCount: "
                + "\(o.maxFieldCount), maxPrecision: .\(o.precision.rawValue)))"
        case .stopwatch(let date, let o): // iOS 18; counts up from date on purpose
            return "Text(.currentDate, format: .stopwatch(startingAt: \(at(date)), showsHours: "
                + "\(o.showsHours), maxFieldCount: \(o.maxFieldCount), maxPrecision: .\(o.precision.rawValue)))"
        case .dateReference(let date, let o): // iOS 18; relative near the date, then the date
            return "Text(.currentDate, format: .reference(to: \(at(date)), allowedFields: "
                + "\(o.fields.map(\.rawValue)), maxFieldCount: \(o.maxFieldCount), thresholdField: .\(o.threshold.rawValue)))"
        }
    }
}
// END SNIPPET plans

// BEGIN SNIPPET catalog
/// The text of a message run in `locale`: the baked text the timeline carries for it (what
/// `check` verified), else the entry of the app's String Catalog (`compile --xcstrings`), else
/// the text baked for the first of the timeline's locales.
func messageText(_ run: MessageRun, in timeline: CompiledTimeline, locale: String,
                 bundle: Bundle = .main) -> String? {
    run.text(locale: locale)
        ?? timeline.localizedText(for: run, bundle: bundle, locale: Locale(identifier: locale))
        ?? timeline.program.locales.lazy.compactMap { run.text(locale: $0) }.first
}
// END SNIPPET catalog

// BEGIN SNIPPET activity-program
/// What a push server must know of an activity program before its first order: the
/// parameters each order supplies, and the pushes it sends (the fields each one sets).
func pushPlan(programURL: URL) throws -> (params: [String], pushes: [String]) {
    let program = try ActivityProgram(contentsOf: programURL)
    let pushes = program.events.filter { $0.via != .app }.map { event in
        "\(event.kind.rawValue): " + event.state.keys.sorted().joined(separator: ", ")
    }
    return (program.params.map(\.name), pushes)
}
// END SNIPPET activity-program

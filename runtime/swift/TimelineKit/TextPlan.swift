import Foundation

/// Which SwiftUI view draws one ``Run``, with every argument it takes: the decision
/// TimelineKitUI applies, as a value (so it is tested on every platform, Linux included).
///
/// run | plan | SwiftUI
/// ---|---|---
/// ``Run/text(_:)`` | ``verbatim(_:)`` | `Text(verbatim:)`
/// ``Run/message(_:)`` with text in the locale | ``baked(_:locale:)`` | `Text(verbatim:)`
/// ``Run/message(_:)`` without | ``localized(_:)`` | the app's String Catalog entry for the key, else the fallback text
/// `timer`, `relative`, `offset`, `date`, `time` | ``date(_:style:)`` | `Text(date, style:)`
/// `countdown`; a paused `timer` | ``timerInterval(_:)`` | `Text(timerInterval:pauseTime:countsDown:)`
/// `progress` | ``progressView(_:)`` | `ProgressView(timerInterval:countsDown:)`
/// `date-offset` (iOS 18) | ``dateOffset(_:options:)`` | `Text(.currentDate, format: .offset(to:allowedFields:maxFieldCount:sign:))`
/// `countdown-timer` (iOS 18) | ``countdownTimer(_:options:)`` | `Text(.currentDate, format: .timer(countingDownIn:showsHours:maxFieldCount:maxPrecision:))`
/// `stopwatch` (iOS 18) | ``stopwatch(_:options:)`` | `Text(.currentDate, format: .stopwatch(startingAt:showsHours:maxFieldCount:maxPrecision:))`
/// `date-reference` (iOS 18) | ``dateReference(_:options:)`` | `Text(.currentDate, format: .reference(to:allowedFields:maxFieldCount:thresholdField:))`
///
/// Every `ClosedRange<Date>` a plan carries is built by ``TimerIntervalPlan/safeRange(from:to:)``:
/// a start after the end never reaches SwiftUI (Swift traps on an inverted range).
public enum TextPlan: Hashable, Sendable {
    /// A literal run: `Text(verbatim:)`.
    case verbatim(String)
    /// A message's text baked for `locale` (the locale of the timeline that matched):
    /// `Text(verbatim:)`.
    case baked(String, locale: String)
    /// A message the timeline carries no text for in the requested locale: the app localizes
    /// ``MessagePlan/key`` with ``MessagePlan/arguments``, or shows ``MessagePlan/fallback``.
    case localized(MessagePlan)
    /// `Text(date, style: style)`.
    case date(Date, style: TextDateStyle)
    /// `Text(timerInterval: range, pauseTime: pauseTime, countsDown: countsDown)`.
    case timerInterval(TimerIntervalPlan)
    /// `ProgressView(timerInterval: range, countsDown: countsDown)` (not a `Text`: it cannot be
    /// concatenated, see ``RunsLayout``).
    case progressView(TimerIntervalPlan)
    /// iOS 18: `Text(.currentDate, format: .offset(to: date, allowedFields:, maxFieldCount:,
    /// sign:))` with `options`.
    case dateOffset(Date, options: StyleOptions)
    /// iOS 18: `Text(.currentDate, format: .timer(countingDownIn: range.lowerBound..<range.upperBound,
    /// showsHours:, maxFieldCount:, maxPrecision:))`; the range is built by
    /// ``TimerIntervalPlan/safeRange(from:to:)`` (its `pauseTime` is nil, `countsDown` true).
    case countdownTimer(TimerIntervalPlan, options: ClockOptions)
    /// iOS 18: `Text(.currentDate, format: .stopwatch(startingAt: date, showsHours:,
    /// maxFieldCount:, maxPrecision:))`.
    case stopwatch(Date, options: ClockOptions)
    /// iOS 18: `Text(.currentDate, format: .reference(to: date, allowedFields:, maxFieldCount:,
    /// thresholdField:))` with `options`.
    case dateReference(Date, options: ReferenceOptions)

    /// The plan of `run` in an entry that shows from `shownFrom` (the entry's date), for the
    /// device locale `locale` (`"de_DE"`, `"de-DE"`, `"de"`).
    ///
    /// - `shownFrom` matters only for a paused `timer`: `Text(_:style: .timer)` has no pause, so
    ///   a paused timer is drawn as `Text(timerInterval:pauseTime:countsDown:)` over an interval
    ///   that starts no later than the entry (see ``replanDate(for:shownFrom:)`` for the one case
    ///   that needs a second entry).
    /// - `fallbackLocales` orders the timeline's locales (pass ``CompiledProgram/locales``): the
    ///   first one with text is a message's ``MessagePlan/fallback``, and it breaks ties when
    ///   several locales share the requested language.
    public init(_ run: Run, shownFrom: Date, locale: String, fallbackLocales: [String] = []) {
        switch run {
        case .text(let text):
            self = .verbatim(text)
        case .message(let message):
            self = TextPlan.message(message, locale: locale, fallbackLocales: fallbackLocales)
        case .live(let live):
            self = TextPlan.live(live, shownFrom: shownFrom)
        }
    }

    /// True when the plan draws a `Text` (everything but ``progressView(_:)``): consecutive
    /// `Text`s concatenate with `+`.
    public var isText: Bool {
        if case .progressView = self { return false }
        return true
    }

    /// The date after which `run`, shown from `shownFrom`, needs another plan; nil (almost
    /// always) when one plan draws it for as long as it shows.
    ///
    /// The one case: a `timer` paused after its target (`pause` P > target T), shown from before
    /// T. It counts down to T, then up until P, then holds at P − T: no single SwiftUI text does
    /// both directions, so it is `Text(T, style: .timer)` until T and
    /// `Text(timerInterval: T...P, pauseTime: P, countsDown: false)` from T on.
    /// ``CompiledTimeline/widgetTimeline(at:minimumReloadInterval:)`` adds an entry at T.
    public static func replanDate(for run: Run, shownFrom: Date) -> Date? {
        guard case .live(let live) = run, live.style == .timer, let pause = live.pause,
              pause > live.target, shownFrom < live.target else { return nil }
        return live.target
    }

    private static func message(_ message: MessageRun, locale: String,
                                fallbackLocales: [String]) -> TextPlan {
        let available = LocaleMatch.locales(withTextIn: message, order: fallbackLocales)
        if let match = LocaleMatch.best(for: locale, among: available),
           let text = message.text(locale: match) {
            return .baked(text, locale: match)
        }
        return .localized(MessagePlan(
            message: message.message, key: message.key, arguments: message.args,
            fallback: available.first.flatMap { message.text(locale: $0) },
            fallbackLocale: available.first))
    }

    private static func live(_ live: LiveRun, shownFrom: Date) -> TextPlan {
        switch live.style {
        case .timer:
            guard let pause = live.pause else { return .date(live.target, style: .timer) }
            // Reads |T - min(t, P)| (docs/semantics.md, Pause).
            if pause <= live.target {
                // Counts down to T, held at T - P from P on: an interval that starts no later
                // than the entry, so it never clamps while the entry shows.
                return interval(from: min(shownFrom, pause), to: live.target, pauseTime: pause,
                                countsDown: true, progress: false)
            }
            if shownFrom < live.target {
                return .date(live.target, style: .timer) // exact until T: replanDate(for:)
            }
            return interval(from: live.target, to: pause, pauseTime: pause, countsDown: false,
                            progress: false)
        case .countdown:
            // Text(timerInterval: from...T, pauseTime: pause ?? T): holds at 0:00 from T on.
            return interval(from: live.from ?? live.target, to: live.target,
                            pauseTime: live.pauseTime, countsDown: true, progress: false)
        case .progress:
            // Fills from `from` to T (the fraction elapsed): countsDown false (SwiftUI's default,
            // true, would empty it).
            return interval(from: live.from ?? live.target, to: live.target, pauseTime: nil,
                            countsDown: false, progress: true)
        case .relative: return .date(live.target, style: .relative)
        case .offset: return .date(live.target, style: .offset)
        case .date: return .date(live.target, style: .date)
        case .time: return .date(live.target, style: .time)
        case .dateOffset: return .dateOffset(live.target, options: live.options ?? .default)
        case .countdownTimer:
            // counts down from `from` to T and holds at 0:00 (docs/rendering.md: inferred)
            guard let plan = TimerIntervalPlan(from: live.from ?? live.target, to: live.target,
                                               pauseTime: nil, countsDown: true) else {
                return .verbatim("")
            }
            return .countdownTimer(plan, options: live.clock ?? .default(for: .countdownTimer))
        case .stopwatch:
            return .stopwatch(live.target, options: live.clock ?? .default(for: .stopwatch))
        case .dateReference:
            return .dateReference(live.target, options: live.reference ?? .default)
        }
    }

    private static func interval(from: Date, to: Date, pauseTime: Date?, countsDown: Bool,
                                 progress: Bool) -> TextPlan {
        guard let plan = TimerIntervalPlan(from: from, to: to, pauseTime: pauseTime,
                                           countsDown: countsDown) else {
            return .verbatim("") // a date that is not finite: nothing rather than a trap
        }
        return progress ? .progressView(plan) : .timerInterval(plan)
    }
}

/// `Text.DateStyle`, by name.
public enum TextDateStyle: String, CaseIterable, Hashable, Sendable {
    /// `.timer`
    case timer
    /// `.relative`
    case relative
    /// `.offset`
    case offset
    /// `.date`
    case date
    /// `.time`
    case time
}

/// The arguments of `Text(timerInterval:pauseTime:countsDown:)` and
/// `ProgressView(timerInterval:countsDown:)`, with a range that cannot trap.
public struct TimerIntervalPlan: Hashable, Sendable {
    /// `timerInterval:`, always `lowerBound <= upperBound`.
    public var range: ClosedRange<Date>
    /// `pauseTime:` (nil for `ProgressView`, which has none).
    public var pauseTime: Date?
    /// `countsDown:`.
    public var countsDown: Bool
    /// True when the start asked for was after the end: the range is the empty `start...start`
    /// (as timelinec's renderer clamps it, flag `RANGE_CLAMPED`; a timer then reads 0:00 and a
    /// progress view is full).
    public var clamped: Bool

    /// A plan for `from...to`, clamped to `from...from` when `from > to`; nil when a date is not
    /// finite (no range can be built from NaN or an infinity).
    public init?(from: Date, to: Date, pauseTime: Date?, countsDown: Bool) {
        guard let (range, clamped) = TimerIntervalPlan.safeRange(from: from, to: to) else {
            return nil
        }
        self.range = range
        self.pauseTime = pauseTime
        self.countsDown = countsDown
        self.clamped = clamped
    }

    /// The only way TimelineKit builds a `ClosedRange<Date>`: `from...to`, or `from...from`
    /// with `clamped` true when `from > to`; nil when either date is not finite. `from...to`
    /// with `from > to` traps at run time ("Range requires lowerBound <= upperBound"), which in
    /// a widget extension is a crash with no way back.
    public static func safeRange(from: Date, to: Date) -> (range: ClosedRange<Date>, clamped: Bool)? {
        guard from.timeIntervalSinceReferenceDate.isFinite,
              to.timeIntervalSinceReferenceDate.isFinite else { return nil }
        if from > to { return (from...from, true) }
        return (from...to, false)
    }
}

/// A message without baked text in the requested locale.
public struct MessagePlan: Hashable, Sendable {
    /// Index into the program's ``CompiledProgram/messages``.
    public var message: Int
    /// The message key (a String Catalog key).
    public var key: String
    /// The named arguments of the message's ICU pattern.
    public var arguments: [TimeUnit: Int]
    /// The text baked for ``fallbackLocale``, to show when the app has no localization of
    /// ``key``; nil when the timeline carries no text at all.
    public var fallback: String?
    /// The locale of ``fallback``: the first of the timeline's locales with text.
    public var fallbackLocale: String?

    /// A message plan.
    public init(message: Int, key: String, arguments: [TimeUnit: Int], fallback: String?,
                fallbackLocale: String?) {
        self.message = message
        self.key = key
        self.arguments = arguments
        self.fallback = fallback
        self.fallbackLocale = fallbackLocale
    }

    /// ``arguments`` in ``TimeUnit`` declaration order (days, hours, minutes, seconds,
    /// total-hours, total-minutes, calendar-days), for positional format strings.
    public var orderedArguments: [(unit: TimeUnit, value: Int)] {
        TimeUnit.allCases.compactMap { unit in arguments[unit].map { (unit, $0) } }
    }
}

/// How a device locale picks one of the locales a timeline bakes text for.
public enum LocaleMatch {
    /// The locale of `available` that `requested` reads: the same identifier (ignoring case,
    /// `-` against `_`, and `@…` keywords), else the first with the same language (`"de_AT"`
    /// reads `"de_DE"`; `"en"` reads `"en_US"`), else nil.
    public static func best(for requested: String, among available: [String]) -> String? {
        let want = normalized(requested)
        if let exact = available.first(where: { normalized($0) == want }) { return exact }
        let language = want.split(separator: "_").first.map(String.init) ?? want
        guard !language.isEmpty else { return nil }
        return available.first { normalized($0).split(separator: "_").first.map(String.init) == language }
    }

    /// The locales `message` has text for: those of `order` first, in its order, then the
    /// others sorted.
    public static func locales(withTextIn message: MessageRun, order: [String]) -> [String] {
        guard let text = message.text else { return [] }
        let present = Set(text.compactMap { $0.value == nil ? nil : $0.key })
        var seen = Set<String>()
        var out: [String] = []
        for locale in order where present.contains(locale) && seen.insert(locale).inserted {
            out.append(locale)
        }
        out += present.subtracting(seen).sorted()
        return out
    }

    private static func normalized(_ identifier: String) -> String {
        let base = identifier.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        return base.replacingOccurrences(of: "-", with: "_").lowercased()
    }
}

extension Sequence where Element == Run {
    /// The plans of these runs: see ``TextPlan/init(_:shownFrom:locale:fallbackLocales:)``.
    public func textPlans(shownFrom: Date, locale: String,
                          fallbackLocales: [String] = []) -> [TextPlan] {
        map { TextPlan($0, shownFrom: shownFrom, locale: locale, fallbackLocales: fallbackLocales) }
    }
}

/// How a view of runs is laid out: one concatenated `Text` where it can be, an `HStack`
/// otherwise.
public enum RunsLayout: Hashable, Sendable {
    /// No runs (a hidden view): draw nothing.
    case empty
    /// Every plan is a `Text`: draw `Text + Text + …`, one text that wraps and truncates as one.
    case text([TextPlan])
    /// A progress view is among them: an `HStack` of the segments, in order.
    case stack([Segment])

    /// One element of a ``stack(_:)``.
    public enum Segment: Hashable, Sendable {
        /// Consecutive `Text` plans, concatenated.
        case text([TextPlan])
        /// `ProgressView(timerInterval:countsDown:)`.
        case progress(TimerIntervalPlan)
    }

    /// The layout of `plans`: consecutive `Text` plans are merged into one segment.
    public init(_ plans: [TextPlan]) {
        if plans.isEmpty {
            self = .empty
        } else if plans.allSatisfy(\.isText) {
            self = .text(plans)
        } else {
            var segments: [Segment] = []
            var pending: [TextPlan] = []
            for plan in plans {
                if case .progressView(let interval) = plan {
                    if !pending.isEmpty { segments.append(.text(pending)) }
                    pending = []
                    segments.append(.progress(interval))
                } else {
                    pending.append(plan)
                }
            }
            if !pending.isEmpty { segments.append(.text(pending)) }
            self = .stack(segments)
        }
    }
}

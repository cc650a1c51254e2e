import Foundation

// Xcode previews, as plain values: the entries of `#Preview(as:widget:timeline:)` and the content
// states of `#Preview(_:as:using:widget:contentStates:)`. Xcode steps through them "ignoring the
// dates of the entries": each one is drawn at the real current time, so a timeline compiled for
// December would show its timers hundreds of hours off. `rebasedTo:` moves what counts so each
// preview reads as the device would at the entry's (or state's) own date.

extension CompiledTimeline {
    /// The entries to step through in a widget timeline preview, in order.
    ///
    /// - `family`: consecutive entries that show the same runs in this family (every countdown)
    ///   are one preview: only the first is kept.
    /// - `limit`: at most this many, evenly spaced, the first and the last kept (a limit of 1
    ///   or less keeps the first only).
    /// - `rebasedTo now`: when given, each entry is moved to `now`: its self-updating runs that
    ///   count (timer, countdown, relative, offset, progress) shift by `now - entry.date`, so the
    ///   preview reads what the device reads at the entry's date. Runs that name a date
    ///   (`date`, `time`), the views' `target` and the baked text keep their values. Rebased
    ///   entries are for previews only: they all carry the date `now`.
    public func previewEntries(family: Family = .default, limit: Int = 12,
                               rebasedTo now: Date? = nil) -> [Entry] {
        var distinct: [Entry] = []
        var last: [String: [Run]]?
        for entry in entries {
            let shown = entry.views.mapValues { $0.runs(for: family) }
            if shown != last { distinct.append(entry) }
            last = shown
        }
        let picked = PreviewSampling.evenly(distinct, limit: limit)
        guard let now else { return picked }
        let base = now.timeIntervalSinceReferenceDate.rounded(.down)
        return picked.map { entry in
            let shift = base - entry.date.timeIntervalSinceReferenceDate
            var moved = entry
            moved.date = Date(timeIntervalSinceReferenceDate: base)
            moved.views = entry.views.mapValues { view in
                var view = view
                view.families = view.families.mapValues { $0.map { $0.shifted(by: shift) } }
                return view
            }
            return moved
        }
    }
}

extension Run {
    /// This run with the dates of a counting self-updating run (timer, countdown, relative,
    /// offset, progress, date-offset) moved by `seconds`; literal and message runs and `date`/`time` runs
    /// unchanged.
    public func shifted(by seconds: TimeInterval) -> Run {
        guard case .live(var live) = self else { return self }
        switch live.style {
        case .date, .time: return self
        case .timer, .countdown, .relative, .offset, .progress, .dateOffset, .countdownTimer,
             .stopwatch, .dateReference:
            live.target = live.target.addingTimeInterval(seconds)
            live.from = live.from?.addingTimeInterval(seconds)
            live.pause = live.pause?.addingTimeInterval(seconds)
            return .live(live)
        }
    }
}

enum PreviewSampling {
    /// At most `limit` elements, evenly spaced, the first and the last kept.
    static func evenly<T>(_ items: [T], limit: Int) -> [T] {
        guard items.count > max(limit, 1) else { return items }
        guard limit >= 2 else { return [items[0]] }
        return (0..<limit).map { i in items[(i * (items.count - 1) + (limit - 1) / 2) / (limit - 1)] }
    }
}

// MARK: - Live Activities

/// When the system removes an ended Live Activity: ActivityKit's `ActivityUIDismissalPolicy`
/// (`.default`, `.immediate`, `.after(date)`) as a value.
public enum DismissalPlan: Hashable, Sendable {
    /// `.default`: the system keeps it on the Lock Screen for up to four hours.
    case `default`
    /// `.immediate`.
    case immediate
    /// `.after(date)`.
    case after(Date)

    /// The plan for an end at `at` with the schedule's `dismissal-date`: none is `.default`, a
    /// date at or before the end `.immediate`, a later one `.after(date)`.
    public init(dismissalDate: Date?, endingAt at: Date) {
        guard let date = dismissalDate else { self = .default; return }
        self = date <= at ? .immediate : .after(date)
    }
}

/// One content state of a schedule, ready for ActivityKit: what `ActivityContent(state:
/// staleDate:relevanceScore:)` takes, plus when and how it is applied.
public struct ActivityContentPlan<State> {
    /// Start, update or end.
    public var event: ActivitySchedule.Event
    /// When it takes effect.
    public var at: Date
    /// Who applies it (the app, or a push).
    public var via: ActivitySchedule.Via
    /// The app's `ContentState`.
    public var state: State
    /// `staleDate:`.
    public var staleDate: Date?
    /// `relevanceScore:`: the push's `relevance-score`, else 0 (ActivityKit's default).
    public var relevanceScore: Double
    /// For the end: how the activity is dismissed (`end(_:dismissalPolicy:)`); nil otherwise.
    public var dismissal: DismissalPlan?
    /// The push's alert (`AlertConfiguration` on an app-side update), or nil.
    public var alert: ActivitySchedule.Alert?
}

extension ActivityContentPlan: Equatable where State: Equatable {}
extension ActivityContentPlan: Hashable where State: Hashable {}
extension ActivityContentPlan: Sendable where State: Sendable {}

extension ActivitySchedule {
    /// Every state as an ``ActivityContentPlan``, its content decoded into the app's
    /// `ContentState`:
    ///
    /// - a pushed state from its push body, with ``ContentStateCoder`` in the schedule's
    ///   ``dateEncoding``: exactly what ActivityKit hands the app (a wrong `date-encoding` shows
    ///   here as a date 31 years off, as on the device);
    /// - a state the app makes (`via: app`, no body) from its readable `content-state`.
    ///
    /// - Throws: the decoder's `DecodingError` when a state does not fit `type`.
    public func activityContentPlans<Content: Decodable>(
        _ type: Content.Type
    ) throws -> [ActivityContentPlan<Content>] {
        try states.map { state in
            let content = try pushedContentState(type, of: state) ?? state.decodeContentState(type)
            let aps = state.request?.body.aps
            return ActivityContentPlan(
                event: state.event, at: state.at, via: state.via, state: content,
                staleDate: state.staleDate, relevanceScore: aps?.relevanceScore ?? 0,
                dismissal: state.event == .end
                    ? DismissalPlan(dismissalDate: state.dismissalDate, endingAt: state.at) : nil,
                alert: aps?.alert)
        }
    }

    /// The content states for `#Preview(_:as:using:widget:contentStates:)`, in time order.
    ///
    /// With `rebasedTo now`, every date field (an RFC 3339 instant in the readable
    /// `content-state`) moves by `now - state.at`, so a `Text(timerInterval:)` on it reads in
    /// the preview what it reads on the device when the state arrives.
    ///
    /// - Throws: `DecodingError` when a state does not fit `type`.
    public func previewContentStates<Content: Decodable>(
        _ type: Content.Type, rebasedTo now: Date? = nil
    ) throws -> [Content] {
        guard let now else { return try states.map { try $0.decodeContentState(type) } }
        let base = now.timeIntervalSinceReferenceDate.rounded(.down)
        return try states.map { state in
            var moved = state
            let shift = base - state.at.timeIntervalSinceReferenceDate
            moved.contentState = state.contentState.mapValues { value in
                guard case .string(let text) = value, let date = Instant.parse(text),
                      let again = Instant.string(from: date.addingTimeInterval(shift))
                else { return value }
                return .string(again)
            }
            return try moved.decodeContentState(type)
        }
    }
}

import Foundation

/// Everything WidgetKit's `Timeline(entries:policy:)` needs, as plain values: the entries
/// (date, relevance, views) and the reload policy. TimelineKitUI maps it one to one
/// (`CompiledTimelineEntry`, `TimelineReloadPolicy`).
public struct WidgetTimelinePlan: Hashable, Sendable {
    /// The entries, dates strictly increasing.
    public var entries: [CompiledTimeline.Entry]
    /// The reload policy.
    public var policy: ReloadPolicy
    /// The timeline's locales in the spec's order (``CompiledProgram/locales``), for
    /// ``TextPlan``'s fallback.
    public var locales: [String]

    /// A plan.
    public init(entries: [CompiledTimeline.Entry], policy: ReloadPolicy, locales: [String] = []) {
        self.entries = entries
        self.policy = policy
        self.locales = locales
    }

    /// What to return when no timeline can be read (a missing or damaged file): one entry at
    /// `now` that shows nothing, and a new attempt after `retryAfter` seconds (never an
    /// immediate reload, which WidgetKit would repeat until the budget is spent).
    public static func unavailable(at now: Date, retryAfter: TimeInterval = 900) -> WidgetTimelinePlan {
        WidgetTimelinePlan(entries: [CompiledTimeline.Entry(date: now, views: [:])],
                           policy: .after(now.addingTimeInterval(max(retryAfter, 60))))
    }
}

extension CompiledTimeline {
    /// The timeline as WidgetKit takes it.
    ///
    /// - Without `now` (the default): the entries and policy exactly as the JSON says.
    /// - With `now` (what `getTimeline` passes, `Date.now`): the entries before the one
    ///   showing at `now` are dropped (that one keeps its date); and a reload the policy asks for
    ///   at or before `now` (`.after(d)` with d <= now, `.atEnd` with the last entry at or before
    ///   now) becomes `.after(now + minimumReloadInterval)`: a bundled timeline that has run out
    ///   would otherwise be reloaded, identical, in a loop (see
    ///   ``ReloadPolicy/guarded(now:lastEntryDate:minimumInterval:)``).
    ///
    /// In both cases an entry is added where a run needs a second plan
    /// (``TextPlan/replanDate(for:shownFrom:)``: a timer paused after its target), with the
    /// same views and the rest of the relevance; no golden timeline needs one.
    public func widgetTimeline(at now: Date? = nil,
                               minimumReloadInterval: TimeInterval = 900) -> WidgetTimelinePlan {
        var kept = entries[...]
        if let now, let index = entryIndex(at: now) {
            kept = entries[index...]
        }
        let split = CompiledTimeline.splitForReplans(Array(kept))
        var policy = self.policy
        if let now, let last = split.last {
            policy = policy.guarded(now: now, lastEntryDate: last.date,
                                    minimumInterval: minimumReloadInterval)
        }
        return WidgetTimelinePlan(entries: split, policy: policy, locales: program.locales)
    }

    /// `entries` with an entry added at every ``TextPlan/replanDate(for:shownFrom:)`` that falls
    /// inside an entry's span.
    static func splitForReplans(_ entries: [Entry]) -> [Entry] {
        var out: [Entry] = []
        out.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            out.append(entry)
            let next = i + 1 < entries.count ? entries[i + 1].date : nil
            var dates = Set<Date>()
            for view in entry.views.values {
                for runs in view.families.values {
                    for run in runs {
                        if let date = TextPlan.replanDate(for: run, shownFrom: entry.date),
                           date > entry.date, next.map({ date < $0 }) ?? true {
                            dates.insert(date)
                        }
                    }
                }
            }
            for date in dates.sorted() {
                var added = entry
                added.date = date
                added.relevance = entry.relevance.flatMap { relevance in
                    let left = relevance.duration - Int(date.timeIntervalSince(entry.date))
                    return left > 0 ? Relevance(score: relevance.score, duration: left) : nil
                }
                out.append(added)
            }
        }
        return out
    }
}

extension ReloadPolicy {
    /// The earliest date WidgetKit asks for a new timeline: `.after(d)` gives d, `.atEnd` the
    /// last entry's date, `.never` nil. (`TimelineReloadPolicy` itself exposes no date.)
    public func reloadDate(lastEntryDate: Date) -> Date? {
        switch self {
        case .atEnd: return lastEntryDate
        case .after(let date): return date
        case .never: return nil
        }
    }

    /// This policy, unless it asks for a reload at or before `now`: then
    /// `.after(now + minimumInterval)` (at least one minute). `.never` stays `.never`.
    public func guarded(now: Date, lastEntryDate: Date,
                        minimumInterval: TimeInterval = 900) -> ReloadPolicy {
        guard let date = reloadDate(lastEntryDate: lastEntryDate), date <= now else { return self }
        return .after(now.addingTimeInterval(max(minimumInterval, 60)))
    }

    /// The `TimelineReloadPolicy` member this policy is, by name: `"atEnd"`, `"after"`,
    /// `"never"` (every case maps to exactly one).
    public var widgetKitName: String {
        switch self {
        case .atEnd: return "atEnd"
        case .after: return "after"
        case .never: return "never"
        }
    }
}

extension CompiledTimeline.Relevance {
    /// `TimelineEntryRelevance.score` (a `Float`).
    public var widgetKitScore: Float { Float(score) }
    /// `TimelineEntryRelevance.duration` (a `TimeInterval`, seconds from the entry's date).
    public var widgetKitDuration: TimeInterval { TimeInterval(duration) }
}

extension Family {
    /// The family of a WidgetKit `WidgetFamily` case, by its Swift name (`"systemSmall"`,
    /// `"accessoryInline"`, as `String(describing:)` prints it): `systemSmall` is ``small``,
    /// `systemMedium` ``medium``, `systemLarge` ``large``, `systemExtraLarge` ``extraLarge``,
    /// the accessory families their namesakes. Any other family (`accessoryCorner`,
    /// `systemExtraLargePortrait`, a future one) is ``default``: its views use the default runs.
    public init(widgetFamilyName name: String) {
        switch name {
        case "systemSmall": self = .small
        case "systemMedium": self = .medium
        case "systemLarge": self = .large
        case "systemExtraLarge": self = .extraLarge
        case "accessoryCircular": self = .accessoryCircular
        case "accessoryRectangular": self = .accessoryRectangular
        case "accessoryInline": self = .accessoryInline
        default: self = .default
        }
    }

    /// The `WidgetFamily` case name of this family (nil for ``default``, which is none).
    public var widgetFamilyName: String? {
        switch self {
        case .default: return nil
        case .small: return "systemSmall"
        case .medium: return "systemMedium"
        case .large: return "systemLarge"
        case .extraLarge: return "systemExtraLarge"
        case .accessoryInline: return "accessoryInline"
        case .accessoryCircular: return "accessoryCircular"
        case .accessoryRectangular: return "accessoryRectangular"
        }
    }
}

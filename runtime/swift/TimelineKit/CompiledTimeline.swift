import Foundation

/// An instantiated timeline, as `timelinec compile SPEC --timeline` writes it
/// (docs/timeline.schema.json): what a WidgetKit `TimelineProvider`'s `getTimeline` returns,
/// the entries and the reload policy, plus the program it came from.
///
/// Read one with ``init(jsonData:)`` or ``init(contentsOf:)``; pick the entry showing at a date
/// with ``entry(at:)``; give WidgetKit ``policy``.
public struct CompiledTimeline: Hashable, Sendable {
    /// The key of the format version: `"timelinec-timeline"`.
    public static let versionKey = DocumentFormat.timeline.versionKey
    /// The format versions this TimelineKit reads: `[2]`.
    public static let supportedVersions: [Int] = [2]

    /// The widget kind: your `Widget`'s `kind`, and what `reloadTimelines(ofKind:)` takes.
    public var widget: String
    /// The instant the timeline was computed for.
    public var now: Date
    /// Where ``now`` came from.
    public var nowSource: NowSource
    /// The age reference of the data: stale views show from `dataTime + stale.after` on.
    public var dataTime: Date
    /// The zone of `{calendar-days}` and of local times (never "floating").
    public var displayZone: String
    /// The start of the span the entries describe: `entries[0].date`.
    public var start: Date
    /// The end of the span the entries describe (exclusive).
    public var end: Date
    /// The reload policy to return with the entries: `Timeline(entries:policy:)`.
    public var policy: ReloadPolicy
    /// True when the last entry shows forever; false when the display changes again after
    /// ``end``, so a reload is needed by then.
    public var constantTail: Bool
    /// The parameter values the timeline was instantiated with, as given, by name.
    public var params: [String: String]
    /// The items of each list parameter, by the id of the countdown that reads it, as
    /// instantiated; nil when no countdown reads one.
    public var lists: [String: [ListItem]]?
    /// The entries, dates strictly increasing; entry i shows from its date until the next one's.
    public var entries: [Entry]
    /// The program the timeline was instantiated from.
    public var program: CompiledProgram

    /// Reads a timeline from its JSON.
    ///
    /// - Throws: ``TimelineKitError``:
    ///   ``TimelineKitError/unsupportedVersion(format:found:supported:)`` for a version other
    ///   than ``supportedVersions`` (checked before anything else),
    ///   ``TimelineKitError/invalidData(format:path:detail:)`` where the JSON does not follow the
    ///   schema, and the other cases for empty, malformed or other-format data.
    public init(jsonData: Data) throws {
        self = try DocumentReader.decode(CompiledTimeline.self, format: .timeline, from: jsonData)
    }

    /// Reads a timeline from a file (e.g. one bundled with the widget extension).
    /// - Throws: ``TimelineKitError``, as ``init(jsonData:)``, and
    ///   ``TimelineKitError/unreadableFile(path:detail:)``.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: DocumentReader.read(url))
    }

    /// The index of the entry showing at `date`: the last entry whose date is at or before
    /// `date`; nil before the first entry (as the C runtime's `tlc_timeline_lookup` returns -1).
    /// After ``end`` the last entry keeps showing (check ``constantTail`` and ``policy``).
    /// O(log n).
    public func entryIndex(at date: Date) -> Int? {
        guard let first = entries.first, date >= first.date else { return nil }
        var lo = 0, hi = entries.count // entries[lo].date <= date < entries[hi].date
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if entries[mid].date <= date { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The entry showing at `date`: see ``entryIndex(at:)``. nil before the first entry.
    public func entry(at date: Date) -> Entry? {
        entryIndex(at: date).map { entries[$0] }
    }
}

/// A timeline's reload policy, as WidgetKit's `TimelineReloadPolicy` (without importing
/// WidgetKit): ``atEnd`` is `.atEnd`, ``after(_:)`` is `.after(date)`, ``never`` is `.never`.
public enum ReloadPolicy: Hashable, Sendable {
    /// Ask for a new timeline after the last entry's date.
    case atEnd
    /// Ask for a new timeline after this date.
    case after(Date)
    /// Never ask; the app reloads the timeline itself.
    case never
}

extension CompiledTimeline {
    /// One timeline entry (a WidgetKit `TimelineEntry`): what every countdown shows from
    /// ``date`` until the next entry's date.
    public struct Entry: Hashable, Sendable {
        /// `TimelineEntry.date`: when this entry starts to show.
        public var date: Date
        /// `TimelineEntry.relevance`, or nil when the entry is not relevant.
        public var relevance: Relevance?
        /// One view per countdown of the program, keyed by countdown id (`"main"` for a lone
        /// countdown).
        public var views: [String: View]

        /// An entry.
        public init(date: Date, relevance: Relevance? = nil, views: [String: View]) {
            self.date = date
            self.relevance = relevance
            self.views = views
        }

        /// The runs countdown `countdown` shows in `family`: the family's own runs, else the
        /// `default` runs, else none (also for an unknown countdown id, and when nothing shows).
        public func view(countdown: String = "main", family: Family = .default) -> [Run] {
            views[countdown]?.runs(for: family) ?? []
        }
    }

    /// `TimelineEntryRelevance(score:duration:)`.
    public struct Relevance: Hashable, Sendable {
        /// The score, greater than 0 (only relative scores matter).
        public var score: Double
        /// How long the relevance lasts from the entry's date, in seconds.
        public var duration: Int

        /// A relevance.
        public init(score: Double, duration: Int) {
            self.score = score
            self.duration = duration
        }
    }

    /// One item of a list parameter, as instantiated.
    public struct ListItem: Hashable, Sendable {
        /// Its start.
        public var start: Date
        /// Its end, or nil when none was given.
        public var end: Date?
        /// The value of each of the parameter's fields, in their order.
        public var values: [String]
    }

    /// What one countdown shows in an entry.
    public struct View: Hashable, Sendable {
        /// Which phase shows.
        public var phase: Phase
        /// The occurrence counted to (recurring targets roll to the next occurrence); nil when
        /// a recurrence has no further occurrence.
        public var target: Date?
        /// The runs per family. A family not listed uses ``Family/default``.
        public var families: [Family: [Run]]
        /// A view of an events countdown: the index, as written in the program's
        /// ``CompiledProgram/Countdown/events``, of the item shown (nil when none remains);
        /// nil for the other countdowns.
        public var item: Int?
        /// Whether the view belongs to an events countdown (its JSON has `item`, maybe null).
        public var isEventsView: Bool

        /// A view.
        public init(phase: Phase, target: Date?, families: [Family: [Run]]) {
            self.init(phase: phase, target: target, families: families, item: nil,
                      isEventsView: false)
        }

        /// A view, of an events countdown when `isEventsView`.
        public init(phase: Phase, target: Date?, families: [Family: [Run]], item: Int?,
                    isEventsView: Bool) {
            self.phase = phase
            self.target = target
            self.families = families
            self.item = item
            self.isEventsView = isEventsView
        }

        /// The runs of `family`: its own, else the `default` runs, else none.
        public func runs(for family: Family) -> [Run] {
            families[family] ?? families[.default] ?? []
        }
    }

    /// Which phase of a countdown shows.
    public enum Phase: Hashable, Sendable {
        /// The phase at this index of the countdown's ``CompiledProgram/Countdown/phases``.
        case index(Int)
        /// The countdown's stale views (the data is older than `stale.after`).
        case stale
        /// Nothing shows (no phase matches, or a recurrence has no next occurrence).
        case hidden
        /// An events countdown's `empty` views: no item remains (the view has no target).
        case empty
    }
}

// MARK: - Codable

extension CompiledTimeline: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version = "timelinec-timeline"
        case widget, now
        case nowSource = "now-source"
        case dataTime = "data-time"
        case displayZone = "display-zone"
        case start, end, policy
        case constantTail = "constant-tail"
        case lists, params, entries, program
    }

    public init(from decoder: any Decoder) throws {
        try DocumentReader.checkHeader(decoder, format: .timeline)
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a timeline")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        widget = try c.decodeNonEmpty(forKey: .widget)
        now = try c.decodeInstant(forKey: .now)
        nowSource = try c.decode(NowSource.self, forKey: .nowSource)
        dataTime = try c.decodeInstant(forKey: .dataTime)
        displayZone = try c.decodeNonEmpty(forKey: .displayZone)
        if displayZone == "floating" {
            throw DecodingError.dataCorruptedError(
                forKey: .displayZone, in: c,
                debugDescription: "a timeline's display zone is never \"floating\"")
        }
        start = try c.decodeInstant(forKey: .start)
        end = try c.decodeInstant(forKey: .end)
        policy = try c.decode(ReloadPolicy.self, forKey: .policy)
        constantTail = try c.decode(Bool.self, forKey: .constantTail)
        params = try c.decode([String: String].self, forKey: .params)
        lists = try c.decodeIfPresent([String: [ListItem]].self, forKey: .lists)
        program = try c.decode(CompiledProgram.self, forKey: .program)
        entries = try c.decode([Entry].self, forKey: .entries)

        // What the C reader (tlc_timeline_read_json) checks too.
        func bad(_ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .entries, in: c, debugDescription: message)
        }
        guard !entries.isEmpty else { throw bad("a timeline needs at least one entry") }
        let names = Set(program.params.map(\.name))
        if let name = params.keys.sorted().first(where: { !names.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .params, in: c,
                debugDescription: "unknown parameter \"\(name)\" (not in the program)")
        }
        try checkLists(bad)
        for i in entries.indices {
            if i > 0 && entries[i].date <= entries[i - 1].date {
                throw bad("entry dates must increase (entry \(i))")
            }
            for countdown in program.countdowns where entries[i].views[countdown.id] == nil {
                throw bad("entry \(i) has no view for countdown \"\(countdown.id)\"")
            }
            if entries[i].views.count != program.countdowns.count {
                throw bad("entry \(i) has a view for a countdown the program does not have")
            }
            for countdown in program.countdowns {
                let view = entries[i].views[countdown.id]!
                let count = countdown.eventsParam != nil ? lists?[countdown.id]?.count ?? 0
                    : countdown.events?.count ?? 0
                if view.isEventsView != (countdown.mode == .events) {
                    throw bad("entry \(i): \(countdown.mode == .events ? "a view of an events countdown needs" : "unknown key") \"item\"")
                }
                if view.phase == .empty && countdown.empty == nil {
                    throw bad("entry \(i): phase \"empty\" in a countdown without an empty text")
                }
                if let item = view.item, item < 0 || item >= count {
                    throw bad("entry \(i): item \(item) is not an event of countdown "
                              + "\"\(countdown.id)\"")
                }
            }
            for view in entries[i].views.values {
                for runs in view.families.values {
                    for case .message(let m) in runs {
                        guard m.message < program.messages.count else {
                            throw bad("entry \(i): message \(m.message) is not in the program")
                        }
                        let units = program.messages[m.message].units
                        if let unit = m.args.keys.filter({ !units.contains($0) })
                            .map(\.rawValue).sorted().first {
                            throw bad("entry \(i): unknown key \"\(unit)\" in a message run's "
                                      + "args (not a unit of message \(m.message))")
                        }
                        if let unit = units.first(where: { m.args[$0] == nil }) {
                            throw bad("entry \(i): message \(m.message) needs its arg "
                                      + "\"\(unit.rawValue)\"")
                        }
                    }
                }
            }
        }
    }

    /// What the C reader (r_lists) checks: `lists` exactly when a countdown reads a list
    /// parameter, keyed by those countdowns' ids, at most 256 items each, a value per field,
    /// integers where the field is one, no end before its start.
    private func checkLists(_ bad: (String) -> DecodingError) throws {
        let readers = program.countdowns.filter { $0.eventsParam != nil }
        guard let lists else {
            if !readers.isEmpty { throw bad("a timeline of a list parameter needs \"lists\"") }
            return
        }
        if readers.isEmpty { throw bad("unknown key \"lists\" in a timeline") }
        if let id = lists.keys.sorted().first(where: { id in !readers.contains { $0.id == id } }) {
            throw bad("\"\(id)\" in lists is not a countdown that reads a list parameter")
        }
        for countdown in readers {
            guard let items = lists[countdown.id] else {
                throw bad("lists has no \"\(countdown.id)\"")
            }
            let fields = countdown.fields ?? []
            if items.count > 256 { throw bad("a list has at most 256 items") }
            for item in items {
                if item.values.count != fields.count {
                    throw bad("a list item has \(item.values.count) values for \(fields.count) fields")
                }
                if let end = item.end, end < item.start { throw bad("a list item ends before it starts") }
                for (field, value) in zip(fields, item.values) where field.type == .integer {
                    let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
                    if digits.isEmpty || digits.count > 18
                        || !digits.allSatisfy({ ("0"..."9").contains($0) }) {
                        throw bad("the integer field \"\(field.name)\" has a value that is not an integer")
                    }
                }
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(CompiledTimeline.supportedVersions[0], forKey: .version)
        try c.encode(widget, forKey: .widget)
        try c.encodeInstant(now, forKey: .now)
        try c.encode(nowSource, forKey: .nowSource)
        try c.encodeInstant(dataTime, forKey: .dataTime)
        try c.encode(displayZone, forKey: .displayZone)
        try c.encodeInstant(start, forKey: .start)
        try c.encodeInstant(end, forKey: .end)
        try c.encode(policy, forKey: .policy)
        try c.encode(constantTail, forKey: .constantTail)
        try c.encodeIfPresent(lists, forKey: .lists)
        try c.encode(params, forKey: .params)
        try c.encode(entries, forKey: .entries)
        try c.encode(program, forKey: .program)
    }
}

extension ReloadPolicy: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case kind, date }
    private enum Kind: String, Codable { case atEnd = "at-end", never, after }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "the policy")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .atEnd:
            try c.forbid(.date, because: "for policy \"at-end\"")
            self = .atEnd
        case .never:
            try c.forbid(.date, because: "for policy \"never\"")
            self = .never
        case .after:
            self = .after(try c.decodeInstant(forKey: .date))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .atEnd: try c.encode(Kind.atEnd, forKey: .kind)
        case .never: try c.encode(Kind.never, forKey: .kind)
        case .after(let date):
            try c.encode(Kind.after, forKey: .kind)
            try c.encodeInstant(date, forKey: .date)
        }
    }
}

extension CompiledTimeline.Entry: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case date, relevance, views }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an entry")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decodeInstant(forKey: .date)
        relevance = try c.decodeIfPresent(CompiledTimeline.Relevance.self, forKey: .relevance)
        views = try c.decode([String: CompiledTimeline.View].self, forKey: .views)
        guard !views.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .views, in: c,
                                                   debugDescription: "an entry needs a view")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeInstant(date, forKey: .date)
        try c.encodeIfPresent(relevance, forKey: .relevance)
        try c.encode(views, forKey: .views)
    }
}

extension CompiledTimeline.Relevance: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case score, duration }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an entry's relevance")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Double.self, forKey: .score)
        guard score > 0, score <= 100 else {
            throw DecodingError.dataCorruptedError(forKey: .score, in: c,
                                                   debugDescription: "a score is in (0, 100]")
        }
        duration = try c.decodeInt(forKey: .duration, in: 1...Int(Instant.maxSeconds))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(score, forKey: .score)
        try c.encode(duration, forKey: .duration)
    }
}

extension CompiledTimeline.View: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case phase, target, item, families }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a view")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phase = try c.decode(CompiledTimeline.Phase.self, forKey: .phase)
        target = try c.decodeNullableInstant(forKey: .target)
        isEventsView = c.contains(.item) // the timeline checks it against the countdown's mode
        item = isEventsView ? try c.decodeNullableInteger(forKey: .item) : nil
        families = try c.decode([Family: [Run]].self, forKey: .families)
        if target == nil && phase != .hidden && phase != .empty {
            throw DecodingError.dataCorruptedError(
                forKey: .phase, in: c, debugDescription: "a view without a target shows nothing")
        }
        if phase == .hidden && !families.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .families, in: c, debugDescription: "a view showing nothing has no runs")
        }
        if let empty = families.first(where: { $0.value.isEmpty }) {
            throw DecodingError.dataCorruptedError(
                forKey: .families, in: c,
                debugDescription: "family \(empty.key.rawValue) has no runs (omit it instead)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phase, forKey: .phase)
        try c.encodeNullableInstant(target, forKey: .target)
        if isEventsView {
            try c.encodeNullable(item, forKey: .item)
        }
        try c.encode(families, forKey: .families)
    }
}

extension CompiledTimeline.Phase: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .hidden
        } else if let index = try? c.decode(Int.self) {
            guard index >= 0, index <= Int(Int32.max) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "a phase index is 0 or more")
            }
            self = .index(index)
        } else if let word = try? c.decode(String.self), word == "stale" || word == "empty" {
            self = word == "stale" ? .stale : .empty
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "a phase is an index, \"stale\", \"empty\" or null")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .index(let index): try c.encode(index)
        case .stale: try c.encode("stale")
        case .empty: try c.encode("empty")
        case .hidden: try c.encodeNil()
        }
    }
}

extension CompiledTimeline.ListItem: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case start, end, values }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a list item")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decodeInstant(forKey: .start)
        end = try c.decodeNullableInstant(forKey: .end)
        values = try c.decode([String].self, forKey: .values)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeInstant(start, forKey: .start)
        try c.encodeNullableInstant(end, forKey: .end)
        try c.encode(values, forKey: .values)
    }
}

import Foundation

/// A compiled spec, as `timelinec compile SPEC` writes it and a timeline embeds it under
/// `"program"` (docs/program.schema.json): the countdowns, their phases and runs, the messages
/// and the parameters. Everything in it is independent of the instantiation instant.
///
/// TimelineKit reads programs; instantiating one into a timeline on the device is the C
/// runtime's job (TimelineCore, not built yet: see docs/swift.md).
public struct CompiledProgram: Hashable, Sendable {
    /// The key of the format version: `"timelinec-program"`.
    public static let versionKey = DocumentFormat.program.versionKey
    /// The format versions this TimelineKit reads: `[2]`.
    public static let supportedVersions: [Int] = [2]

    /// The spec file the program was compiled from, for humans (log it, never parse it).
    public var source: String?
    /// The widget kind.
    public var widget: String
    /// The event zone (an IANA name), or `"floating"`.
    public var zone: String
    /// How a local time in a DST gap or overlap resolves.
    public var disambiguation: Disambiguation
    /// The oldest iOS the app supports (`minimum-ios`, a major version); 17 when the program
    /// does not say.
    public var minimumIOS: Int = CompiledProgram.defaultMinimumIOS
    /// `minimum-ios` when a program has none (C: TLC_IOS_DEFAULT).
    public static let defaultMinimumIOS = 17
    /// The `minimum-ios` values a program may carry (C: TLC_IOS_LOWEST...TLC_IOS_HIGHEST).
    public static let minimumIOSRange = 17...26
    /// The locales the spec asked for (`"en_US"`), as `Locale(identifier:)` takes them.
    public var locales: [String]
    /// The parameters, in spec order.
    public var params: [Param]
    /// The span the timeline covers; nil when ``horizon`` is set instead.
    public var window: Window?
    /// Seconds past the instantiation instant the timeline reaches; nil when ``window`` is set.
    public var horizon: Int?
    /// The reload policy the spec asks for.
    public var reload: Reload
    /// The countdowns, in spec order; their ids are unique.
    public var countdowns: [Countdown]
    /// The baked messages; runs refer to them by index.
    public var messages: [Message]
    /// Precomputed text of messages, per message and locale (the current compiler writes none).
    public var baked: [BakedTable]

    /// Reads a program from its JSON.
    /// - Throws: ``TimelineKitError``, as ``CompiledTimeline/init(jsonData:)``.
    public init(jsonData: Data) throws {
        self = try DocumentReader.decode(CompiledProgram.self, format: .program, from: jsonData)
    }

    /// Reads a program from a file.
    /// - Throws: ``TimelineKitError``.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: DocumentReader.read(url))
    }

    /// The countdown with this id, or nil.
    public func countdown(id: String) -> Countdown? {
        countdowns.first { $0.id == id }
    }

    /// The DST disambiguation, with TC39 Temporal's names.
    public enum Disambiguation: String, Codable, CaseIterable, Hashable, Sendable {
        /// RFC 5545: a gap moves forward, an overlap takes the earlier instant.
        case compatible
        /// The earlier instant.
        case earlier
        /// The later instant.
        case later
        /// The compiler refused ambiguous literals (recurrences fall back to compatible).
        case reject
    }

    /// A parameter the app supplies at instantiation.
    public struct Param: Hashable, Sendable {
        /// Its name (`$name` in the spec, the key in a timeline's `params`).
        public var name: String
        /// Its type.
        public var type: ParamType
        /// ``ParamType/events``: each item's fields; nil for the other types.
        public var fields: [Field]?
    }

    /// The type of a parameter.
    public enum ParamType: String, Codable, CaseIterable, Hashable, Sendable {
        /// A `Date` (RFC 3339, or a local time in the event zone).
        case instant
        /// Seconds.
        case duration
        /// A string for message arguments.
        case text
        /// An integer.
        case integer
        /// A decimal number for message arguments, passed as written.
        case number
        /// A list of events, passed as a JSON array of items.
        case events
    }

    /// The window of a program: entries are made from max(now, start) to end.
    public struct Window: Codable, Hashable, Sendable {
        /// The start.
        public var start: Time
        /// The end (exclusive).
        public var end: Time

        private enum CodingKeys: String, CodingKey, CaseIterable { case start, end }
    }

    /// An instant as the spec gave it, resolved at instantiation: a literal, a local reading, a
    /// parameter or the instantiation instant, plus ``offset`` seconds.
    public struct Time: Hashable, Sendable {
        /// What the instant is.
        public var kind: Kind
        /// ``Kind/literal``: an instant (`"2026-12-01T17:00:00Z"`); ``Kind/local``: a
        /// wall-clock reading without `Z`; nil otherwise.
        public var at: String?
        /// ``Kind/param``: the name of an instant parameter; nil otherwise.
        public var param: String?
        /// Seconds added to the resolved instant (0 for literals).
        public var offset: Int

        /// The kinds of ``Time``.
        public enum Kind: String, Codable, CaseIterable, Hashable, Sendable {
            /// The instant ``Time/at``.
            case literal
            /// The wall-clock reading ``Time/at``, resolved in the display zone.
            case local
            /// The value of the instant parameter ``Time/param``.
            case param
            /// The instantiation instant.
            case now
        }

        /// The instant of a literal time; nil for the other kinds.
        public var literalDate: Date? {
            guard kind == .literal, let at, let date = Instant.parse(at) else { return nil }
            return date.addingTimeInterval(TimeInterval(offset))
        }
    }

    /// The reload policy a spec asks for; an instantiated timeline resolves it into its
    /// ``CompiledTimeline/policy``.
    public struct Reload: Hashable, Sendable {
        /// The policy.
        public var policy: Policy
        /// ``Policy/after`` only: when to ask for a new timeline.
        public var after: Time?

        /// The policies a program can ask for.
        public enum Policy: String, Codable, CaseIterable, Hashable, Sendable {
            /// Computed at instantiation (`.never` when the last entry shows forever, else
            /// `.after` a date before the entries run out).
            case auto
            /// `.atEnd`.
            case atEnd = "at-end"
            /// `.never`.
            case never
            /// `.after(` the ``Reload/after`` instant `)`.
            case after
        }
    }

    /// One countdown: a target (fixed, counted up from, or recurring), its phases, and its
    /// optional relevance and stale text.
    public struct Countdown: Hashable, Sendable {
        /// The key of its view in every timeline entry (`"main"` for a lone countdown).
        public var id: String
        /// How it counts.
        public var mode: Mode
        /// ``Mode/to`` and ``Mode/since``: the target.
        public var target: Time?
        /// ``Mode/recur``: the canonical RFC 5545 RRULE.
        public var rrule: String?
        /// ``Mode/recur``: DTSTART, a wall-clock reading in the event zone.
        public var dtstart: String?
        /// ``Mode/recur``: occurrences left out, wall-clock readings.
        public var exdate: [String]?
        /// ``Mode/recur``: extra occurrences, wall-clock readings.
        public var rdate: [String]?
        /// ``Mode/recur`` and ``Mode/events``: seconds after an occurrence (an item's start)
        /// at which it moves on; an item also stays until its end.
        public var rollAfter: Int?
        /// ``Mode/events``: the items' fields, which messages read by name.
        public var fields: [Field]?
        /// ``Mode/events``: the items as written (at least one), or nil when they come from
        /// ``eventsParam``.
        public var events: [Event]?
        /// ``Mode/events``: the list parameter whose items the app passes; the fields are its.
        public var eventsParam: String?
        /// ``Mode/events``: what shows once no item remains, per family, or nil.
        public var empty: [Family: [Run]]?
        /// The start of the interval of countdown and progress runs; nil: the phase start.
        public var from: Time?
        /// When set, live runs freeze at this instant.
        public var pausedAt: Time?
        /// Smart Stack relevance around the target, or nil.
        public var relevance: Relevance?
        /// What shows once the data is too old, or nil.
        public var stale: Stale?
        /// The phases on r = target - now; the first match wins.
        public var phases: [Phase]
        /// Where the countdown was written in the spec.
        public var at: SpecPosition?

        /// How a countdown counts.
        public enum Mode: String, Codable, CaseIterable, Hashable, Sendable {
            /// Counts down to the target.
            case to
            /// Counts up from the target, on purpose.
            case since
            /// The next occurrence of a recurrence.
            case recur
            /// The next item of a list of events not rolled yet.
            case events
        }
    }

    /// A field of the items of an events countdown.
    public struct Field: Hashable, Sendable {
        /// Its name, as messages use it.
        public var name: String
        /// Its type.
        public var type: FieldType
    }

    /// The type of an event field.
    public enum FieldType: String, Codable, CaseIterable, Hashable, Sendable {
        /// Text for message arguments.
        case text
        /// An integer (plural works); each value is a decimal integer.
        case integer
    }

    /// One item of an events countdown.
    public struct Event: Hashable, Sendable {
        /// Its start, the target: a literal or local time; nil for a recurring item.
        public var start: Time?
        /// Its end (not before the start), or nil: it ends at its start.
        public var end: Time?
        /// A recurring item: the canonical RRULE of its occurrences in the event zone (DTSTART
        /// 1970-01-01T00:00:00 local); nil for the others.
        public var rrule: String?
        /// A recurring item: seconds from each occurrence to its end.
        public var length: Int?
        /// The value of each field, in the order of ``Countdown/fields``.
        public var values: [String]
        /// Where the item was written in the spec.
        public var at: SpecPosition?
    }

    /// Relevance around a countdown's target.
    public struct Relevance: Codable, Hashable, Sendable {
        /// The score while relevant (0-100).
        public var score: Double
        /// Start of the relevant window, seconds relative to the target.
        public var from: Int
        /// End of the relevant window (exclusive), seconds relative to the target.
        public var until: Int

        private enum CodingKeys: String, CodingKey, CaseIterable { case score, from, until }
    }

    /// What a countdown shows once its data is older than ``after`` seconds.
    public struct Stale: Codable, Hashable, Sendable {
        /// Age of the data, in seconds, after which the stale views show.
        public var after: Int
        /// The stale views per family.
        public var views: [Family: [CompiledProgram.Run]]

        private enum CodingKeys: String, CodingKey, CaseIterable { case after, views }
    }

    /// One phase of a countdown.
    public struct Phase: Hashable, Sendable {
        /// The phase shows while r = target - now > above (seconds); nil only on the last phase
        /// and when `aboveParam` gives the threshold.
        public var above: Int?
        /// A threshold that is a duration parameter (`above: $lead`, `-$lead`), resolved at
        /// instantiation: `sign` times the parameter's value.
        public var aboveParam: ThresholdParam?
        /// `above: end` in an events countdown: the phase matches while t is before the end of
        /// the item shown.
        public var aboveEnd: Bool = false
        /// Where the phase was written in the spec.
        public var at: SpecPosition?
        /// What the phase shows per family; a family not listed shows the `default` runs.
        public var views: [Family: [CompiledProgram.Run]]
    }

    /// A phase threshold that is a duration parameter of the program.
    public struct ThresholdParam: Hashable, Sendable {
        /// The parameter's name.
        public var param: String
        /// 1, or -1 for `above: -$lead`.
        public var sign: Int
    }

    /// One run of a program's text: a template piece, resolved per entry in a timeline.
    public struct Run: Hashable, Sendable {
        /// What the run is.
        public var kind: Kind
        /// Where it was written in the spec.
        public var at: SpecPosition?
        /// The options of an iOS 18 style run (``LiveStyle/isIOS18``); nil otherwise.
        public var options: StyleOptions? = nil
        /// A live run of an events countdown's phase that counts to the item's end
        /// (`{timer end}`; `{countdown end}` and `{progress end}` run from the item's start).
        public var toEnd: Bool = false
        /// The options of an iOS 18 clock style run (``LiveStyle/isClockStyle``); nil otherwise.
        public var clock: ClockOptions? = nil
        /// The options of an iOS 18 reference style run (`date-reference`); nil otherwise.
        public var reference: ReferenceOptions? = nil

        /// The kinds of program runs.
        public enum Kind: Hashable, Sendable {
            /// Literal text.
            case text(String)
            /// A baked message: an index into ``CompiledProgram/messages``.
            case message(Int)
            /// A self-updating run; the timeline gives its dates per entry.
            case live(LiveStyle)
        }
    }

    /// A baked message: an ICU MessageFormat pattern with named arguments.
    public struct Message: Codable, Hashable, Sendable {
        /// A stable id for the app's own localization (`"main.above-1d.default"`).
        public var key: String
        /// The ICU MessageFormat pattern.
        public var pattern: String
        /// The time units the pattern uses.
        public var units: [TimeUnit]
        /// The text/number parameters the pattern uses, by name.
        public var params: [String]
        /// Where the message was written in the spec.
        public var at: SpecPosition?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case key, pattern, units, params, at
        }
    }

    /// Precomputed text of one message in one locale.
    public struct BakedTable: Codable, Hashable, Sendable {
        /// Index into ``CompiledProgram/messages``.
        public var message: Int
        /// The locale of the texts.
        public var locale: String
        /// One row per argument tuple.
        public var texts: [BakedRow]

        private enum CodingKeys: String, CodingKey, CaseIterable { case message, locale, texts }
    }

    /// The values of a message's units (in its ``Message/units`` order) and the text.
    public struct BakedRow: Hashable, Sendable {
        /// The unit values.
        public var values: [Int]
        /// The formatted text.
        public var text: String

        /// A baked row.
        public init(values: [Int], text: String) {
            self.values = values
            self.text = text
        }
    }
}

// MARK: - Codable

extension CompiledProgram: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version = "timelinec-program"
        case source, widget, zone, disambiguation, locales, params, window, horizon, reload
        case minimumIOS = "minimum-ios"
        case countdowns, messages, baked
    }

    public init(from decoder: any Decoder) throws {
        try DocumentReader.checkHeader(decoder, format: .program)
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a program")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeNullable(String.self, forKey: .source)
        widget = try c.decodeNonEmpty(forKey: .widget)
        zone = try c.decodeNonEmpty(forKey: .zone)
        disambiguation = try c.decode(Disambiguation.self, forKey: .disambiguation)
        minimumIOS = c.contains(.minimumIOS)
            ? try c.decodeInt(forKey: .minimumIOS, in: CompiledProgram.minimumIOSRange)
            : CompiledProgram.defaultMinimumIOS
        locales = try c.decode([String].self, forKey: .locales)
        params = try c.decode([Param].self, forKey: .params)
        window = try c.decodeIfPresent(Window.self, forKey: .window)
        horizon = c.contains(.horizon)
            ? try c.decodeInt(forKey: .horizon, in: 1...Int(Instant.maxSeconds)) : nil
        reload = try c.decode(Reload.self, forKey: .reload)
        countdowns = try c.decode([Countdown].self, forKey: .countdowns)
        messages = try c.decode([Message].self, forKey: .messages)
        baked = try c.decode([BakedTable].self, forKey: .baked)

        // What the C reader (tlc_program_read_json) checks too.
        func bad(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        if (window == nil) == (horizon == nil) {
            throw bad(.horizon, "a program has either \"window\" or \"horizon\"")
        }
        if countdowns.isEmpty { throw bad(.countdowns, "a program needs at least one countdown") }
        if Set(countdowns.map(\.id)).count != countdowns.count {
            throw bad(.countdowns, "two countdowns have the same id")
        }
        if Set(params.map(\.name)).count != params.count {
            throw bad(.params, "two parameters have the same name")
        }
        let names = Set(params.map(\.name))
        for param in params where param.type == .events {
            if let field = param.fields?.first(where: { names.contains($0.name) }) {
                throw bad(.params, "the field \"\(field.name)\" has the name of a parameter")
            }
        }
        for i in countdowns.indices {
            guard let name = countdowns[i].eventsParam else { continue }
            guard let param = params.first(where: { $0.name == name }) else {
                throw bad(.countdowns, "the list parameter \"\(name)\" is not a parameter of "
                          + "the program")
            }
            guard param.type == .events else {
                throw bad(.countdowns, "the list parameter \"\(name)\" is not a list of events")
            }
            countdowns[i].fields = param.fields
        }
        for countdown in countdowns {
            if let field = countdown.fields?.first(where: { names.contains($0.name) }) {
                throw bad(.countdowns, "the field \"\(field.name)\" has the name of a parameter")
            }
            for threshold in countdown.phases.compactMap(\.aboveParam) {
                guard let param = params.first(where: { $0.name == threshold.param }) else {
                    throw bad(.countdowns, "the threshold parameter \"\(threshold.param)\" is "
                              + "not a parameter of the program")
                }
                if param.type != .duration {
                    throw bad(.countdowns, "the threshold parameter \"\(threshold.param)\" is "
                              + "not a duration")
                }
            }
            let views = countdown.phases.map(\.views) + (countdown.stale.map { [$0.views] } ?? [])
                + (countdown.empty.map { [$0] } ?? [])
            for runs in views.flatMap(\.values) {
                for run in runs {
                    if case .message(let index) = run.kind, index >= messages.count {
                        throw bad(.countdowns, "countdown \"\(countdown.id)\": message \(index) "
                                  + "is not in \"messages\"")
                    }
                }
            }
        }
        for countdown in countdowns {
            for run in (countdown.empty ?? [:]).values.flatMap({ $0 }) {
                switch run.kind {
                case .live:
                    throw bad(.countdowns, "the empty text has no self-updating run and no time unit")
                case .message(let index) where index < messages.count && !messages[index].units.isEmpty:
                    throw bad(.countdowns, "the empty text has no self-updating run and no time unit")
                default: break
                }
            }
        }
        for table in baked where table.message >= messages.count {
            throw bad(.baked, "message \(table.message) is not in \"messages\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(CompiledProgram.supportedVersions[0], forKey: .version)
        try c.encodeNullable(source, forKey: .source)
        try c.encode(widget, forKey: .widget)
        try c.encode(zone, forKey: .zone)
        try c.encode(disambiguation, forKey: .disambiguation)
        if minimumIOS != CompiledProgram.defaultMinimumIOS { // absent: the default, as C writes it
            try c.encode(minimumIOS, forKey: .minimumIOS)
        }
        try c.encode(locales, forKey: .locales)
        try c.encode(params, forKey: .params)
        try c.encodeIfPresent(window, forKey: .window)
        try c.encodeIfPresent(horizon, forKey: .horizon)
        try c.encode(reload, forKey: .reload)
        try c.encode(countdowns, forKey: .countdowns)
        try c.encode(messages, forKey: .messages)
        try c.encode(baked, forKey: .baked)
    }
}

extension CompiledProgram.Time: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case kind, at, param, offset }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a time")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        offset = try c.decodeInt(forKey: .offset,
                                 in: -Int(Instant.maxSeconds)...Int(Instant.maxSeconds))
        at = try c.decodeIfPresent(String.self, forKey: .at)
        param = try c.decodeIfPresent(String.self, forKey: .param)
        func bad(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        switch kind {
        case .literal:
            try c.forbid(.param, because: "in a literal time")
            guard let at, Instant.parse(at) != nil else {
                throw bad(.at, "a literal time needs \"at\", an RFC 3339 instant")
            }
        case .local:
            try c.forbid(.param, because: "in a local time")
            guard let at, Instant.isLocalReading(at) else {
                throw bad(.at, "a local time needs \"at\", a wall-clock reading without 'Z'")
            }
        case .param:
            try c.forbid(.at, because: "in a parameter time")
            guard param != nil else { throw bad(.param, "a parameter time needs \"param\"") }
        case .now:
            try c.forbid(.at, .param, because: "in a \"now\" time")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(at, forKey: .at)
        try c.encodeIfPresent(param, forKey: .param)
        try c.encode(offset, forKey: .offset)
    }
}

extension CompiledProgram.Reload: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case policy, after }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "the reload")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policy = try c.decode(Policy.self, forKey: .policy)
        if policy == .after {
            after = try c.decode(CompiledProgram.Time.self, forKey: .after)
        } else {
            try c.forbid(.after, because: "for policy \"\(policy.rawValue)\"")
            after = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policy, forKey: .policy)
        try c.encodeIfPresent(after, forKey: .after)
    }
}

extension CompiledProgram.Countdown: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, mode, target, rrule, dtstart, exdate, rdate, fields, events
        case eventsParam = "events-param"
        case empty
        case rollAfter = "roll-after"
        case from
        case pausedAt = "paused-at"
        case relevance, stale, phases, at
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a countdown")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeNonEmpty(forKey: .id)
        mode = try c.decode(Mode.self, forKey: .mode)
        if mode == .recur {
            try c.forbid(.target, .fields, .events, .eventsParam, because: "in a recurring countdown")
            (fields, events, eventsParam) = (nil, nil, nil)
            target = nil
            rrule = try c.decodeNonEmpty(forKey: .rrule)
            dtstart = try c.decode(String.self, forKey: .dtstart)
            exdate = try c.decode([String].self, forKey: .exdate)
            rdate = try c.decode([String].self, forKey: .rdate)
            rollAfter = try c.decodeInt(forKey: .rollAfter, in: 0...Int(Instant.maxSeconds))
            for reading in [dtstart].compactMap({ $0 }) + (exdate ?? []) + (rdate ?? [])
            where !Instant.isLocalReading(reading) {
                throw DecodingError.dataCorruptedError(
                    forKey: .dtstart, in: c,
                    debugDescription: "\"\(reading)\" is not a wall-clock reading")
            }
        } else if mode == .events {
            try c.forbid(.target, .rrule, .dtstart, .exdate, .rdate, because: "in an events countdown")
            (target, rrule, dtstart, exdate, rdate) = (nil, nil, nil, nil, nil)
            rollAfter = try c.decodeInt(forKey: .rollAfter, in: 0...Int(Instant.maxSeconds))
            if c.contains(.eventsParam) { // the program fills `fields` from the parameter
                try c.forbid(.fields, .events, because: "with \"events-param\"")
                eventsParam = try c.decodeNonEmpty(forKey: .eventsParam)
                (fields, events) = (nil, nil)
            } else {
                let fields = try c.decode([CompiledProgram.Field].self, forKey: .fields)
                let events = try c.decode([CompiledProgram.Event].self, forKey: .events)
                (self.fields, self.events, eventsParam) = (fields, events, nil)
                try Self.check(fields: fields, events: events, in: c)
            }
        } else {
            try c.forbid(.rrule, .dtstart, .exdate, .rdate, .rollAfter, .fields, .events, .eventsParam,
                         because: "in a countdown of mode \"\(mode.rawValue)\"")
            target = try c.decode(CompiledProgram.Time.self, forKey: .target)
            (rrule, dtstart, exdate, rdate, rollAfter) = (nil, nil, nil, nil, nil)
            (fields, events, eventsParam) = (nil, nil, nil)
        }
        from = try c.decodeNullable(CompiledProgram.Time.self, forKey: .from)
        pausedAt = try c.decodeNullable(CompiledProgram.Time.self, forKey: .pausedAt)
        relevance = try c.decodeNullable(CompiledProgram.Relevance.self, forKey: .relevance)
        stale = try c.decodeNullable(CompiledProgram.Stale.self, forKey: .stale)
        if mode == .events {
            empty = try c.decodeNullable([Family: [CompiledProgram.Run]].self, forKey: .empty)
        } else {
            try c.forbid(.empty, because: "in a countdown of mode \"\(mode.rawValue)\"")
            empty = nil
        }
        phases = try c.decode([CompiledProgram.Phase].self, forKey: .phases)
        at = try c.decodeIfPresent(SpecPosition.self, forKey: .at)
        guard !phases.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .phases, in: c,
                                                   debugDescription: "a countdown needs a phase")
        }
        let toEnd = { (views: [Family: [CompiledProgram.Run]]) in
            views.values.contains { $0.contains(where: \.toEnd) }
        }
        if (mode != .events && phases.contains { toEnd($0.views) }) || stale.map({ toEnd($0.views) }) == true {
            throw DecodingError.dataCorruptedError(
                forKey: .phases, in: c,
                debugDescription: "a run to the item's end (\"to\": \"end\") outside the phases "
                    + "of an events countdown")
        }
        if mode != .events && phases.contains(where: \.aboveEnd) {
            throw DecodingError.dataCorruptedError(
                forKey: .phases, in: c,
                debugDescription: "a phase's above is \"end\" only in an events countdown")
        }
        if phases.dropLast().contains(where: { $0.above == nil && $0.aboveParam == nil && !$0.aboveEnd }) {
            throw DecodingError.dataCorruptedError(
                forKey: .phases, in: c,
                debugDescription: "only the last phase may have \"above\": null")
        }
    }

    /// What the C reader (r_events) checks: 1 to 256 items, at most 16 fields with unique
    /// names, one value per field, integers where the field is one, times written out, no end
    /// before its start.
    private static func check(fields: [CompiledProgram.Field], events: [CompiledProgram.Event],
                              in c: KeyedDecodingContainer<CodingKeys>) throws {
        func bad(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        if fields.count > 16 { throw bad(.fields, "an event has at most 16 fields") }
        if Set(fields.map(\.name)).count != fields.count {
            throw bad(.fields, "two fields have the same name")
        }
        if events.isEmpty || events.count > 256 {
            throw bad(.events, "an events countdown has 1 to 256 events, not \(events.count)")
        }
        for (i, event) in events.enumerated() {
            if event.values.count != fields.count {
                throw bad(.events, "event \(i) has \(event.values.count) values for "
                          + "\(fields.count) fields")
            }
            for (field, value) in zip(fields, event.values) where field.type == .integer {
                let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
                if digits.isEmpty || digits.count > 18 || !digits.allSatisfy({ ("0"..."9").contains($0) }) {
                    throw bad(.events, "the integer field \"\(field.name)\" has a value that is "
                              + "not an integer")
                }
            }
            guard let start = event.start else { continue } // a recurring item
            for time in [start] + (event.end.map { [$0] } ?? [])
            where time.kind != .literal && time.kind != .local {
                throw bad(.events, "an event's start or end is an instant written out "
                          + "(literal or local)")
            }
            if let end = event.end {
                let a = start.at.flatMap(Instant.seconds).map { $0 + Int64(start.offset) }
                let b = end.at.flatMap(Instant.seconds).map { $0 + Int64(end.offset) }
                if end.kind != start.kind || a == nil || b == nil || b! < a! {
                    throw bad(.events, "an event ends before it starts, or in another kind of time")
                }
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(mode, forKey: .mode)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(rrule, forKey: .rrule)
        try c.encodeIfPresent(dtstart, forKey: .dtstart)
        try c.encodeIfPresent(exdate, forKey: .exdate)
        try c.encodeIfPresent(rdate, forKey: .rdate)
        try c.encodeIfPresent(rollAfter, forKey: .rollAfter)
        try c.encodeIfPresent(eventsParam == nil ? fields : nil, forKey: .fields)
        try c.encodeIfPresent(events, forKey: .events)
        try c.encodeIfPresent(eventsParam, forKey: .eventsParam)
        try c.encodeNullable(from, forKey: .from)
        try c.encodeNullable(pausedAt, forKey: .pausedAt)
        try c.encodeNullable(relevance, forKey: .relevance)
        try c.encodeNullable(stale, forKey: .stale)
        if mode == .events { try c.encodeNullable(empty, forKey: .empty) }
        try c.encode(phases, forKey: .phases)
        try c.encodeIfPresent(at, forKey: .at)
    }
}

extension CompiledProgram.Phase: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case above, at, views }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a phase")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let word = try? c.decode(String.self, forKey: .above) { // only "end"
            guard word == "end" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .above, in: c,
                    debugDescription: "a phase's above is a number, an object or \"end\"")
            }
            (above, aboveParam, aboveEnd) = (nil, nil, true)
        } else if (try? c.nestedContainer(keyedBy: CompiledProgram.ThresholdParam.Keys.self,
                                   forKey: .above)) != nil { // an object: a parameter
            (above, aboveParam) = (nil, try c.decode(CompiledProgram.ThresholdParam.self, forKey: .above))
        } else {
            (above, aboveParam) = (try c.decodeNullableInteger(forKey: .above), nil)
        }
        at = try c.decodeIfPresent(SpecPosition.self, forKey: .at)
        views = try c.decode([Family: [CompiledProgram.Run]].self, forKey: .views)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if aboveEnd {
            try c.encode("end", forKey: .above)
        } else if let aboveParam {
            try c.encode(aboveParam, forKey: .above)
        } else {
            try c.encodeNullable(above, forKey: .above)
        }
        try c.encodeIfPresent(at, forKey: .at)
        try c.encode(views, forKey: .views)
    }
}

extension CompiledProgram.ThresholdParam: Codable {
    enum Keys: String, CodingKey, CaseIterable { case param, sign }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(Keys.self, in: "a threshold")
        let c = try decoder.container(keyedBy: Keys.self)
        param = try c.decodeNonEmpty(forKey: .param)
        sign = try c.decodeInt(forKey: .sign, in: -1...1)
        if sign == 0 {
            throw DecodingError.dataCorruptedError(
                forKey: .sign, in: c, debugDescription: "a threshold's sign is 1 or -1, not 0")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(param, forKey: .param)
        try c.encode(sign, forKey: .sign)
    }
}

extension CompiledProgram.Run: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text, message, live, fields, max, sign, hours, precision, threshold, to, at
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a run")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.message) {
            try c.forbid(.text, .live, .fields, .max, .sign, .hours, .precision, .threshold, .to,
                         because: "in a message run")
            kind = .message(try c.decodeInt(forKey: .message, in: 0...Int(UInt32.max)))
        } else if c.contains(.live) {
            try c.forbid(.text, because: "in a live run")
            let style = try c.decode(LiveStyle.self, forKey: .live)
            kind = .live(style)
            if style.isClockStyle {
                try c.forbid(.fields, .sign, .threshold, because: "in a \(style.rawValue) run")
                clock = try ClockOptions.decode(c, style: style, hours: .hours, max: .max,
                                                precision: .precision)
            } else if style == .dateReference {
                try c.forbid(.sign, .hours, .precision, because: "in a \(style.rawValue) run")
                reference = try ReferenceOptions.decode(c, fields: .fields, max: .max,
                                                        threshold: .threshold)
            } else if style.isIOS18 {
                try c.forbid(.hours, .precision, .threshold, because: "in a \(style.rawValue) run")
                options = try StyleOptions.decode(c, fields: .fields, max: .max, sign: .sign)
            } else {
                try c.forbid(.fields, .max, .sign, .hours, .precision, .threshold,
                             because: "in a \(style.rawValue) run")
            }
            if c.contains(.to) {
                guard try c.decode(String.self, forKey: .to) == "end" else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .to, in: c,
                        debugDescription: "a live run's \"to\" is \"end\" (the event item's end)")
                }
                toEnd = true
            }
        } else {
            try c.forbid(.fields, .max, .sign, .hours, .precision, .threshold, .to,
                         because: "in a literal run")
            kind = .text(try c.decode(String.self, forKey: .text))
        }
        at = try c.decodeIfPresent(SpecPosition.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case .text(let text): try c.encode(text, forKey: .text)
        case .message(let index): try c.encode(index, forKey: .message)
        case .live(let style):
            try c.encode(style, forKey: .live)
            if style.isClockStyle {
                try (clock ?? .default(for: style)).encode(to: &c, hours: .hours, max: .max,
                                                           precision: .precision)
            } else if style == .dateReference {
                try (reference ?? .default).encode(to: &c, fields: .fields, max: .max,
                                                   threshold: .threshold)
            } else if style.isIOS18 {
                try (options ?? .default).encode(to: &c, fields: .fields, max: .max, sign: .sign)
            }
        }
        if toEnd { try c.encode("end", forKey: .to) }
        try c.encodeIfPresent(at, forKey: .at)
    }
}

// The objects whose other coding is synthesized: their keys checked first.

extension CompiledProgram.Window {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "the window")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(CompiledProgram.Time.self, forKey: .start)
        end = try c.decode(CompiledProgram.Time.self, forKey: .end)
    }
}

extension CompiledProgram.Relevance {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a countdown's relevance")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Double.self, forKey: .score)
        guard score >= 0 && score <= 100 else {
            throw DecodingError.dataCorruptedError(
                forKey: .score, in: c, debugDescription: "the relevance score is a number from 0 to 100")
        }
        from = try c.decodeInteger(forKey: .from)
        until = try c.decodeInteger(forKey: .until)
    }
}

extension CompiledProgram.Stale {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a countdown's stale")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        after = try c.decodeInteger(forKey: .after)
        views = try c.decode([Family: [CompiledProgram.Run]].self, forKey: .views)
    }
}

extension CompiledProgram.Message {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a message")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        pattern = try c.decode(String.self, forKey: .pattern)
        units = try c.decode([TimeUnit].self, forKey: .units)
        params = try c.decode([String].self, forKey: .params)
        at = try c.decodeIfPresent(SpecPosition.self, forKey: .at)
    }
}

extension CompiledProgram.BakedTable {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a baked table")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decodeInteger(forKey: .message)
        locale = try c.decode(String.self, forKey: .locale)
        texts = try c.decode([CompiledProgram.BakedRow].self, forKey: .texts)
    }
}

extension CompiledProgram.BakedRow: Codable {
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var values: [Int] = []
        while !c.isAtEnd {
            if let value = try? c.decode(Int.self) {
                values.append(value)
                continue
            }
            let text = try c.decode(String.self)
            guard c.isAtEnd, values.count <= TimeUnit.allCases.count else { break }
            self.init(values: values, text: text)
            return
        }
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath,
            debugDescription: "a baked row is up to 7 integers, then a text"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        for value in values { try c.encode(value) }
        try c.encode(text)
    }
}

extension CompiledProgram.Field: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case name, type }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a field")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeNonEmpty(forKey: .name)
        type = try c.decode(CompiledProgram.FieldType.self, forKey: .type)
    }
}

extension CompiledProgram.Event: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case start, end, rrule, length, values, at }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an event")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.rrule) {
            try c.forbid(.start, .end, because: "in a recurring event")
            rrule = try c.decodeNonEmpty(forKey: .rrule)
            length = try c.decodeInt(forKey: .length, in: 0...Int(Instant.maxSeconds))
            (start, end) = (nil, nil)
        } else {
            try c.forbid(.length, because: "in an event with a start")
            start = try c.decode(CompiledProgram.Time.self, forKey: .start)
            end = try c.decodeNullable(CompiledProgram.Time.self, forKey: .end)
            (rrule, length) = (nil, nil)
        }
        values = try c.decode([String].self, forKey: .values)
        at = try c.decodeIfPresent(SpecPosition.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let rrule {
            try c.encode(rrule, forKey: .rrule)
            try c.encode(length ?? 0, forKey: .length)
        } else {
            try c.encodeIfPresent(start, forKey: .start)
            try c.encodeNullable(end, forKey: .end)
        }
        try c.encode(values, forKey: .values)
        try c.encodeIfPresent(at, forKey: .at)
    }
}

extension CompiledProgram.Param: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case name, type, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(CompiledProgram.ParamType.self, forKey: .type)
        if type == .events {
            try decoder.refuseUnknownKeys(CodingKeys.self, in: "a parameter")
            let fields = try c.decode([CompiledProgram.Field].self, forKey: .fields)
            if fields.count > 16 || Set(fields.map(\.name)).count != fields.count {
                throw DecodingError.dataCorruptedError(
                    forKey: .fields, in: c,
                    debugDescription: "a list parameter has at most 16 fields, with unique names")
            }
            self.fields = fields
        } else {
            try decoder.refuseUnknownKeys(Keys.self, in: "a parameter")
            fields = nil
        }
    }

    private enum Keys: String, CodingKey, CaseIterable { case name, type }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(fields, forKey: .fields)
    }
}

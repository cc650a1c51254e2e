import Foundation

/// One resolved run of a timeline entry: a piece of text in reading order. Concatenate the runs
/// of a family (`Text + Text`) to build the view.
///
/// - ``text(_:)``: literal text, shown as is (`Text(verbatim:)`).
/// - ``message(_:)``: a baked message: its key and arguments (for your own localization) and
///   the text the timeline carries per locale.
/// - ``live(_:)``: a self-updating run the device renders (`Text(target, style: .timer)`,
///   `Text(timerInterval:pauseTime:)`, `ProgressView(timerInterval:)`, ...). TimelineKit gives
///   its dates, never formatted text: the text depends on the device's clock, locale and ICU.
public enum Run: Hashable, Sendable {
    /// A literal run.
    case text(String)
    /// A baked message.
    case message(MessageRun)
    /// A self-updating run.
    case live(LiveRun)

    /// The text of this run in `locale` where the timeline carries it: the literal text, or the
    /// message's baked text. nil for a live run, and for a message without text in `locale`.
    public func text(locale: String) -> String? {
        switch self {
        case .text(let text): return text
        case .message(let message): return message.text(locale: locale)
        case .live: return nil
        }
    }
}

extension Sequence where Element == Run {
    /// The plain text of these runs in `locale`, for tests and previews: the concatenated
    /// literal and baked text. nil when a run is self-updating (its text needs the device, or
    /// ICU: use its dates instead) or a message carries no text for `locale`.
    public func render(locale: String) -> String? {
        var out = ""
        for run in self {
            guard let text = run.text(locale: locale) else { return nil }
            out += text
        }
        return out
    }
}

/// A baked message run: text whose words depend on a number, formatted per entry.
public struct MessageRun: Hashable, Sendable {
    /// Index into the program's ``CompiledProgram/messages``.
    public var message: Int
    /// The message's key (``CompiledProgram/Message/key``), a stable id for a String Catalog.
    public var key: String
    /// The values of the units the message uses: the named arguments of its ICU pattern.
    public var args: [TimeUnit: Int]
    /// The formatted text per locale, as the timeline carries it (nil where no text was
    /// available); nil when the timeline was written without locales.
    public var text: [String: String?]?

    /// A message run.
    public init(message: Int, key: String, args: [TimeUnit: Int], text: [String: String?]?) {
        self.message = message
        self.key = key
        self.args = args
        self.text = text
    }

    /// The baked text in `locale`, or nil.
    public func text(locale: String) -> String? {
        guard let text, let value = text[locale] else { return nil }
        return value
    }
}

/// A self-updating run: its style and the dates the device counts with.
public struct LiveRun: Hashable, Sendable {
    /// The style: which SwiftUI view draws it.
    public var style: LiveStyle
    /// The instant it counts to or shows: `Text(target, style:)`, and the upper bound of the
    /// interval of ``LiveStyle/countdown`` and ``LiveStyle/progress``.
    public var target: Date
    /// The start of the interval: always set for ``LiveStyle/countdown`` and
    /// ``LiveStyle/progress``, nil for the other styles.
    public var from: Date?
    /// The `pauseTime` of a paused countdown (the program's `paused-at`), or nil.
    public var pause: Date?
    /// The options of an iOS 18 style (``LiveStyle/isIOS18``); nil for the other styles.
    public var options: StyleOptions?
    /// The options of an iOS 18 clock style (``LiveStyle/isClockStyle``); nil for the others.
    public var clock: ClockOptions?
    /// The options of an iOS 18 reference style (`date-reference`); nil for the others.
    public var reference: ReferenceOptions?

    /// A live run.
    public init(style: LiveStyle, target: Date, from: Date? = nil, pause: Date? = nil,
                options: StyleOptions? = nil, clock: ClockOptions? = nil,
                reference: ReferenceOptions? = nil) {
        self.style = style
        self.target = target
        self.from = from
        self.pause = pause
        self.options = options
        self.clock = clock
        self.reference = reference
    }

    /// `from...target` for `Text(timerInterval:)` and `ProgressView(timerInterval:)`; nil for
    /// the styles without an interval (and for a date that is not finite). A `from` after the
    /// target gives the empty interval `from...from` rather than a trap (as timelinec's renderer
    /// clamps it): ``TimerIntervalPlan/safeRange(from:to:)``.
    public var timerInterval: ClosedRange<Date>? {
        guard let from else { return nil }
        return TimerIntervalPlan.safeRange(from: from, to: target)?.range
    }

    /// The `pauseTime:` to pass: for ``LiveStyle/countdown``, `pause ?? target` (it holds at
    /// 0:00 at the target); for the other styles, ``pause``.
    public var pauseTime: Date? {
        style == .countdown ? (pause ?? target) : pause
    }

    /// The `countsDown:` to pass to `Text(timerInterval:pauseTime:countsDown:)`: true for
    /// ``LiveStyle/countdown``.
    public var countsDown: Bool { style == .countdown }
}

extension Run: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case text, message, key, args, live, from, target, pause, fields, max, sign, hours, precision,
             threshold
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a run")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.message) {
            try c.forbid(.live, .from, .target, .pause, .fields, .max, .sign, .hours, .precision,
                         .threshold, because: "in a message run")
            let args = try c.decode([TimeUnit: Int].self, forKey: .args)
            for (unit, value) in args {
                let limit: Int
                switch unit {
                case .hours: limit = 23
                case .minutes, .seconds: limit = 59
                default: limit = Int.max
                }
                guard value >= 0, value <= limit else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .args, in: c,
                        debugDescription: "\(unit.rawValue) \(value) is outside 0...\(limit)")
                }
            }
            self = .message(MessageRun(
                message: try c.decodeInt(forKey: .message, in: 0...Int(UInt32.max)),
                key: try c.decodeNonEmpty(forKey: .key),
                args: args,
                text: try c.decodeIfPresent([String: String?].self, forKey: .text)))
        } else if c.contains(.live) {
            try c.forbid(.text, .key, .args, because: "in a live run")
            let style = try c.decode(LiveStyle.self, forKey: .live)
            let from = try c.decodeInstantIfPresent(forKey: .from)
            if style.hasInterval && from == nil {
                throw DecodingError.keyNotFound(CodingKeys.from, DecodingError.Context(
                    codingPath: c.codingPath,
                    debugDescription: "a \(style.rawValue) run needs \"from\""))
            }
            if !style.hasInterval {
                try c.forbid(.from, because: "in a \(style.rawValue) run")
            }
            // only timer and countdown can hold (Text(timerInterval:pauseTime:)): the compiler
            // writes `pause` on them alone
            if style != .timer && style != .countdown {
                try c.forbid(.pause, because: "in a \(style.rawValue) run")
            }
            var options: StyleOptions?
            var clock: ClockOptions?
            var reference: ReferenceOptions?
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
            self = .live(LiveRun(style: style, target: try c.decodeInstant(forKey: .target),
                                 from: from, pause: try c.decodeInstantIfPresent(forKey: .pause),
                                 options: options, clock: clock, reference: reference))
        } else {
            try c.forbid(.key, .args, .from, .target, .pause, .fields, .max, .sign, .hours,
                         .precision, .threshold, because: "in a literal run")
            self = .text(try c.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try c.encode(text, forKey: .text)
        case .message(let m):
            try c.encode(m.message, forKey: .message)
            try c.encode(m.key, forKey: .key)
            try c.encode(m.args, forKey: .args)
            try c.encodeIfPresent(m.text, forKey: .text)
        case .live(let l):
            try c.encode(l.style, forKey: .live)
            try c.encodeInstantIfPresent(l.from, forKey: .from)
            try c.encodeInstant(l.target, forKey: .target)
            try c.encodeInstantIfPresent(l.pause, forKey: .pause)
            if l.style.isClockStyle {
                try (l.clock ?? .default(for: l.style)).encode(to: &c, hours: .hours, max: .max,
                                                               precision: .precision)
            } else if l.style == .dateReference {
                try (l.reference ?? .default).encode(to: &c, fields: .fields, max: .max,
                                                     threshold: .threshold)
            } else if l.style.isIOS18 {
                try (l.options ?? .default).encode(to: &c, fields: .fields, max: .max, sign: .sign)
            }
        }
    }
}

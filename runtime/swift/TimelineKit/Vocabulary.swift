import Foundation

/// A widget family, as the JSON names it. Read the current one from
/// `@Environment(\.widgetFamily)` and map it by name (`.systemSmall` is ``small``,
/// `.accessoryInline` is ``accessoryInline``, ...).
///
/// ``default`` is the runs every family uses that a view does not list.
public enum Family: String, Codable, CodingKeyRepresentable, CaseIterable, Hashable, Sendable {
    /// The runs of every family a view does not list.
    case `default`
    /// `.systemSmall`
    case small
    /// `.systemMedium`
    case medium
    /// `.systemLarge`
    case large
    /// `.systemExtraLarge`
    case extraLarge
    /// `.accessoryInline`
    case accessoryInline
    /// `.accessoryCircular`
    case accessoryCircular
    /// `.accessoryRectangular`
    case accessoryRectangular
}

/// A time unit of a baked message's arguments, computed from r = target - date
/// (elapsed time after the target).
public enum TimeUnit: String, Codable, CodingKeyRepresentable, CaseIterable, Hashable, Sendable {
    /// Whole days left (elapsed after the target).
    case days
    /// Hours after the days (0-23).
    case hours
    /// Minutes after the hours (0-59).
    case minutes
    /// Seconds after the minutes (0-59).
    case seconds
    /// Whole hours left.
    case totalHours = "total-hours"
    /// Whole minutes left.
    case totalMinutes = "total-minutes"
    /// How many local dates apart the entry date and the target are in the display zone.
    case calendarDays = "calendar-days"
}

/// A self-updating style: the device renders and updates the run itself, so it needs no
/// timeline entries. The SwiftUI view each one maps to is in its documentation.
public enum LiveStyle: String, Codable, CaseIterable, Hashable, Sendable {
    /// `Text(target, style: .timer)`
    case timer
    /// `Text(timerInterval: from...target, pauseTime: pause ?? target)`, counting down.
    case countdown
    /// `Text(target, style: .relative)`
    case relative
    /// `Text(target, style: .offset)`
    case offset
    /// `Text(target, style: .date)`
    case date
    /// `Text(target, style: .time)`
    case time
    /// `ProgressView(timerInterval: from...target)`
    case progress
    /// iOS 18: `Text(.currentDate, format: .offset(to: target, allowedFields:, maxFieldCount:,
    /// sign:))`, with the run's ``StyleOptions``.
    case dateOffset = "date-offset"
    /// iOS 18: `Text(.currentDate, format: .timer(countingDownIn: from..<target, showsHours:,
    /// maxFieldCount:, maxPrecision:))`, with the run's ``ClockOptions``.
    case countdownTimer = "countdown-timer"
    /// iOS 18: `Text(.currentDate, format: .stopwatch(startingAt: target, showsHours:,
    /// maxFieldCount:, maxPrecision:))`, with the run's ``ClockOptions``.
    case stopwatch
    /// iOS 18: `Text(.currentDate, format: .reference(to: target, allowedFields:, maxFieldCount:,
    /// thresholdField:))`, with the run's ``ReferenceOptions``.
    case dateReference = "date-reference"

    /// True for the styles whose run carries an interval start (`from`).
    public var hasInterval: Bool { self == .countdown || self == .progress || self == .countdownTimer }
    /// True for the iOS 18 styles (`SystemFormatStyle`): their runs carry ``StyleOptions``
    /// (`date-offset`) or ``ClockOptions`` (the clock styles), and a spec uses them only with
    /// `minimum-ios: 18`.
    public var isIOS18: Bool { self == .dateOffset || self == .dateReference || isClockStyle }
    /// True for `countdown-timer` and `stopwatch`: options `hours`, `max`, `precision`.
    public var isClockStyle: Bool { self == .countdownTimer || self == .stopwatch }
}

/// `maxPrecision` of the iOS 18 clock styles.
public enum StylePrecision: String, Codable, CaseIterable, Hashable, Sendable {
    /// `.milliseconds(10)` (`stopwatch` only).
    case hundredths
    /// `.seconds(1)`.
    case seconds
    /// `.seconds(60)`.
    case minutes
}

/// The options of an iOS 18 clock style run (`hours`, `max`, `precision` in programs and
/// timelines).
public struct ClockOptions: Hashable, Sendable {
    /// `showsHours`.
    public var showsHours: Bool
    /// `maxFieldCount`: 1...3 (`countdown-timer`), 1...4 (`stopwatch`).
    public var maxFieldCount: Int
    /// `maxPrecision`.
    public var precision: StylePrecision

    /// Options.
    public init(showsHours: Bool, maxFieldCount: Int, precision: StylePrecision) {
        self.showsHours = showsHours
        self.maxFieldCount = maxFieldCount
        self.precision = precision
    }

    /// Apple's defaults: hours shown; 3 fields and seconds for the timer, 4 fields and
    /// hundredths for the stopwatch.
    public static func `default`(for style: LiveStyle) -> ClockOptions {
        style == .stopwatch ? ClockOptions(showsHours: true, maxFieldCount: 4, precision: .hundredths)
                            : ClockOptions(showsHours: true, maxFieldCount: 3, precision: .seconds)
    }

    /// Reads them as the C reader does (tlc__style_read): `hours` a Bool; `max` 1...3 for the
    /// timer, 1...4 for the stopwatch; `precision` a known one, hundredths for the stopwatch only.
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, style: LiveStyle, hours: K,
                                     max: K, precision: K) throws -> ClockOptions {
        let shows = try c.decode(Bool.self, forKey: hours)
        let count = try c.decodeInt(forKey: max, in: 1...(style == .stopwatch ? 4 : 3))
        let p = try c.decode(StylePrecision.self, forKey: precision)
        if p == .hundredths && style != .stopwatch {
            throw DecodingError.dataCorruptedError(forKey: precision, in: c,
                debugDescription: "'precision' of a \(style.rawValue) run is seconds or minutes")
        }
        return ClockOptions(showsHours: shows, maxFieldCount: count, precision: p)
    }

    func encode<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, hours: K, max: K,
                              precision: K) throws {
        try c.encode(showsHours, forKey: hours)
        try c.encode(maxFieldCount, forKey: max)
        try c.encode(self.precision, forKey: precision)
    }
}

/// A field of an iOS 18 style (`Date.ComponentsFormatStyle.Field`), largest first.
public enum StyleField: String, Codable, CaseIterable, Hashable, Sendable, Comparable {
    case year, month, week, day, hour, minute, second

    public static func < (a: StyleField, b: StyleField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The sign of the iOS 18 offset style (`NumberFormatStyleConfiguration.SignDisplayStrategy`).
public enum StyleSign: String, Codable, CaseIterable, Hashable, Sendable {
    /// A minus sign before the target.
    case automatic
    /// No sign.
    case never
    /// A minus sign before the target, a plus sign from it on.
    case always
}

/// The options of an iOS 18 style run (`fields`, `max`, `sign` in programs and timelines).
public struct StyleOptions: Hashable, Sendable {
    /// `allowedFields`: at least one, each once, largest first.
    public var fields: [StyleField]
    /// `maxFieldCount`, 1...7.
    public var maxFieldCount: Int
    /// `sign`.
    public var sign: StyleSign

    /// Apple's defaults (every field, 2, `.automatic`).
    public static let `default` = StyleOptions(fields: StyleField.allCases, maxFieldCount: 2,
                                               sign: .automatic)

    /// Options; `fields` are kept largest first, each once.
    public init(fields: [StyleField], maxFieldCount: Int, sign: StyleSign) {
        self.fields = Array(Set(fields)).sorted()
        self.maxFieldCount = maxFieldCount
        self.sign = sign
    }

    /// Reads them as the C reader does (tlc__style_read): `fields` at least one field, each
    /// once; `max` 1...7; `sign` a known strategy.
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, fields: K, max: K,
                                     sign: K) throws -> StyleOptions {
        let list = try c.decode([StyleField].self, forKey: fields)
        if list.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: fields, in: c,
                debugDescription: "'fields' names at least one field")
        }
        if Set(list).count != list.count {
            throw DecodingError.dataCorruptedError(forKey: fields, in: c,
                debugDescription: "'fields' lists a field twice")
        }
        return StyleOptions(fields: list,
                            maxFieldCount: try c.decodeInt(forKey: max, in: 1...StyleField.allCases.count),
                            sign: try c.decode(StyleSign.self, forKey: sign))
    }

    func encode<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, fields: K, max: K,
                              sign: K) throws {
        try c.encode(self.fields, forKey: fields)
        try c.encode(maxFieldCount, forKey: max)
        try c.encode(self.sign, forKey: sign)
    }
}

/// The options of an iOS 18 reference style run (`fields`, `max`, `threshold` in programs and
/// timelines).
public struct ReferenceOptions: Hashable, Sendable {
    /// `allowedFields` (`Date.RelativeFormatStyle.Field`): at least one, each once, largest first.
    public var fields: [StyleField]
    /// `maxFieldCount`, 1...7.
    public var maxFieldCount: Int
    /// `thresholdField`: the largest field shown relatively.
    public var threshold: StyleField

    /// Apple's defaults: year, month, day, hour, minute; 2; `.day`.
    public static let `default` = ReferenceOptions(fields: [.year, .month, .day, .hour, .minute],
                                                   maxFieldCount: 2, threshold: .day)

    /// Options; `fields` are kept largest first, each once.
    public init(fields: [StyleField], maxFieldCount: Int, threshold: StyleField) {
        self.fields = Array(Set(fields)).sorted()
        self.maxFieldCount = maxFieldCount
        self.threshold = threshold
    }

    /// Reads them as the C reader does (tlc__style_read): `fields` at least one field, each
    /// once; `max` 1...7; `threshold` a field.
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, fields: K, max: K,
                                     threshold: K) throws -> ReferenceOptions {
        let list = try c.decode([StyleField].self, forKey: fields)
        if list.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: fields, in: c,
                debugDescription: "'fields' names at least one field")
        }
        if Set(list).count != list.count {
            throw DecodingError.dataCorruptedError(forKey: fields, in: c,
                debugDescription: "'fields' lists a field twice")
        }
        return ReferenceOptions(fields: list,
                                maxFieldCount: try c.decodeInt(forKey: max, in: 1...StyleField.allCases.count),
                                threshold: try c.decode(StyleField.self, forKey: threshold))
    }

    func encode<K: CodingKey>(to c: inout KeyedEncodingContainer<K>, fields: K, max: K,
                              threshold: K) throws {
        try c.encode(self.fields, forKey: fields)
        try c.encode(maxFieldCount, forKey: max)
        try c.encode(self.threshold, forKey: threshold)
    }
}

/// Where the instantiation instant (`now`) came from.
public enum NowSource: String, Codable, CaseIterable, Hashable, Sendable {
    /// `--now`, or the caller of the runtime.
    case option
    /// The `SOURCE_DATE_EPOCH` environment variable (reproducible builds).
    case sourceDateEpoch = "SOURCE_DATE_EPOCH"
    /// The system clock at compile time.
    case clock
}

/// Where something was written in the spec, `[line, column]`, both 1-based. For tools and
/// error messages only; never needed to render.
public struct SpecPosition: Codable, Hashable, Sendable {
    /// The line, 1-based.
    public var line: Int
    /// The column in code points, 1-based.
    public var column: Int

    /// A position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        let line = try c.decode(Int.self)
        let column = try c.decode(Int.self)
        guard c.isAtEnd, line >= 1, column >= 1 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a position is [line, column], both 1 or more"))
        }
        self.init(line: line, column: column)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(line)
        try c.encode(column)
    }
}

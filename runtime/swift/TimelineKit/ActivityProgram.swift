import Foundation

/// A Live Activity program, as `timelinec compile SPEC --program` writes it for a
/// `live-activity:` spec (docs/activity-program.schema.json; the C side is `tlc_la_program` in
/// include/timelinec/activity.h, written and read by runtime/core/activity_json.c).
///
/// A program is the activity independent of when it runs: the content-state ``fields``, the
/// static ``attributes``, the ``views``' patterns, and the ``events`` (the start, the updates,
/// at most one end) with their instants as expressions of `now` and the ``params``. The C
/// runtime core instantiates it (`tlc_schedule_make`) with `now` and the parameter values into
/// the ``ActivitySchedule``; TimelineKit only reads and writes programs. A push server written
/// in Swift can read one to see what it will send (the events, their fields and parameters,
/// the parameters it must supply per order) and check it at startup; instantiating it is the C
/// core's job.
///
/// Reading is as strict as the C reader (`tlc_la_program_read_json`): every object is closed
/// (an unknown key is refused with its name and path), the version is checked first, the maps
/// take their own names (``Event/state`` the declared fields, ``views`` the presentations),
/// events come in order, each field is set by a value of its type or a parameter of a type it
/// takes. ``init(jsonData:)`` also refuses what the C reader refuses in the JSON text itself: a
/// duplicate key, a `\u0000` in a string, an integer written with a fraction or an exponent
/// (`5.0`, `5e0`), and a program larger than 16 MiB; a `JSONDecoder` of your own cannot see
/// those. Decoding then encoding gives back the same JSON value.
public struct ActivityProgram: Hashable, Sendable {
    /// The key of the format version: `"timelinec-activity-program"`.
    public static let versionKey = DocumentFormat.activityProgram.versionKey
    /// The format versions this TimelineKit reads: `[2]` (TLC_ACTIVITY_PROGRAM_VERSION).
    public static let supportedVersions: [Int] = [2]
    /// The largest program the readers take (TLC_MAX_PROGRAM_BYTES): 16 MiB.
    public static let maxBytes = 16 << 20
    /// The most parameters a program has (TLC_MAX_PARAMS).
    public static let maxParams = 64
    /// The most content-state fields a Live Activity has (TLC_LA_MAX_FIELDS).
    public static let maxFields = 32
    /// The most events a program has (TLC_LA_MAX_EVENTS).
    public static let maxEvents = 2048
    /// The largest `every`, in seconds: 366 days.
    public static let maxEvery = 366 * 86_400
    /// The largest magnitude of an int field's value (TLC_LA_MAX_INT): 2^53.
    public static let maxInt = 1 << 53

    /// The spec file the program was compiled from, for humans (`source`); nil when unknown.
    public var source: String?
    /// The name of the app's `ActivityAttributes` type (`live-activity`; C: `name`).
    public var liveActivity: String
    /// The app's bundle identifier (`bundle-id`).
    public var bundleID: String
    /// The broadcast channel of the pushes (`channel-id`), or nil for device pushes.
    public var channelID: String?
    /// The spec's zone (an IANA name, or `"floating"`).
    public var zone: String
    /// How date fields are written in a push's content state (`date-encoding`).
    public var dateEncoding: DateEncoding
    /// The oldest iOS the app supports (`minimum-ios`, a major version); 17 when the program
    /// does not say.
    public var minimumIOS: Int
    /// The spec's locales.
    public var locales: [String]
    /// The parameters the server supplies at instantiation, in spec order; names unique.
    public var params: [CompiledProgram.Param]
    /// The `ContentState`'s fields, in the app's order; names unique.
    public var fields: [Field]
    /// The static attributes the start carries, by name: each a string, a number or a
    /// boolean, nil for an attribute written `null`. An integer stays ``ActivityValue/integer(_:)``
    /// and a number with a fraction or exponent ``ActivityValue/number(_:)``, as the C reader
    /// keeps them.
    public var attributes: [String: ActivityValue?]
    /// Each presentation's pattern, as written in the spec.
    public var views: [ActivitySchedule.Presentation: String]
    /// The start, then the updates, then at most one end.
    public var events: [Event]

    /// A program.
    public init(source: String?, liveActivity: String, bundleID: String, channelID: String?,
                zone: String, dateEncoding: DateEncoding, locales: [String],
                params: [CompiledProgram.Param], fields: [Field],
                attributes: [String: ActivityValue?],
                views: [ActivitySchedule.Presentation: String], events: [Event],
                minimumIOS: Int = CompiledProgram.defaultMinimumIOS) {
        self.minimumIOS = minimumIOS
        self.source = source
        self.liveActivity = liveActivity
        self.bundleID = bundleID
        self.channelID = channelID
        self.zone = zone
        self.dateEncoding = dateEncoding
        self.locales = locales
        self.params = params
        self.fields = fields
        self.attributes = attributes
        self.views = views
        self.events = events
    }

    /// Reads a program from its JSON.
    /// - Throws: ``TimelineKitError``, as ``CompiledTimeline/init(jsonData:)``.
    public init(jsonData: Data) throws {
        let format = DocumentFormat.activityProgram
        if jsonData.count > Self.maxBytes {
            throw TimelineKitError.invalidData(
                format: format, path: "",
                detail: "the program is larger than the limit of 16 MiB (TLC_MAX_PROGRAM_BYTES)")
        }
        var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        if let scan = JSONTextScan(jsonData) { userInfo[JSONTextScan.key] = scan }
        self = try DocumentReader.decode(ActivityProgram.self, format: format, from: jsonData,
                                         userInfo: userInfo)
    }

    /// Reads a program from a file.
    /// - Throws: ``TimelineKitError``.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: DocumentReader.read(url))
    }

    /// The field with this name, or nil.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// The parameter with this name, or nil.
    public func param(named name: String) -> CompiledProgram.Param? {
        params.first { $0.name == name }
    }

    /// A content-state field (`tlc_la_field`).
    public struct Field: Hashable, Sendable {
        /// Its name, as the app's `ContentState` codes it.
        public var name: String
        /// Its type.
        public var type: FieldType

        /// A field.
        public init(name: String, type: FieldType) {
            self.name = name
            self.type = type
        }
    }

    /// The type of a content-state field (`tlc_field_type`, and `since` for `date-since`).
    public enum FieldType: String, Codable, CaseIterable, Hashable, Sendable {
        /// A `Date`, written per the program's ``ActivityProgram/dateEncoding``.
        case date
        /// A `Date` an elapsed timer counts up from.
        case dateSince = "date-since"
        /// A `String`.
        case string
        /// An `Int` (within ±2^53).
        case int
        /// A `Double` (finite).
        case double
        /// A `Bool`.
        case bool

        /// Whether a field of this type can be set by a parameter of type `param` (C:
        /// `field_takes`): a string takes text, an int an integer, a double a number or an
        /// integer, a date an instant (in its time expression), a bool none.
        public func takes(_ param: CompiledProgram.ParamType) -> Bool {
            switch self {
            case .string: return param == .text
            case .int: return param == .integer
            case .double: return param == .number || param == .integer
            case .date, .dateSince: return param == .instant
            case .bool: return false
            }
        }

        /// `date` or `date-since`.
        public var isDate: Bool { self == .date || self == .dateSince }
    }

    /// One event of the activity's life (`tlc_la_prog_event`), in spec order.
    public struct Event: Hashable, Sendable {
        /// Start, update or end (`event`).
        public var kind: ActivitySchedule.Event
        /// When it happens.
        public var at: CompiledProgram.Time
        /// Who makes it.
        public var via: ActivitySchedule.Via
        /// `while: foreground`: the app makes this update or end only while the user has it
        /// open (via the app only).
        public var foreground: Bool
        /// The push's apns-priority: 5 or 10.
        public var priority: Int
        /// The fields it sets, by field name; the others keep their values.
        public var state: [String: Value]
        /// Seconds after the event at which its content is stale (`stale-after`), or nil.
        public var staleAfter: Int?
        /// The push's relevance score, or nil.
        public var relevance: Double?
        /// The push's alert, or nil for a silent update.
        public var alert: ActivitySchedule.Alert?
        /// The end's dismissal policy; nil on the start and the updates (and only there).
        public var dismissal: Dismissal?
        /// An update repeated at this interval in seconds, until ``until`` (0: once).
        public var every: Int
        /// With ``every``: the last instant a repetition may have; nil otherwise.
        public var until: CompiledProgram.Time?
        /// An update's fields whose sent values differ each time (`varies`), in the order
        /// written; the values in ``state`` stand in for them. Empty when none vary.
        public var varies: [String]
        /// Where the event is in the spec (`position`, C: `line` and `col`); nil when unknown.
        /// The C reader takes 0 in either, so this one does too.
        public var position: SpecPosition?

        /// An event.
        public init(kind: ActivitySchedule.Event, at: CompiledProgram.Time,
                    via: ActivitySchedule.Via, priority: Int, state: [String: Value],
                    staleAfter: Int? = nil, relevance: Double? = nil,
                    alert: ActivitySchedule.Alert? = nil, dismissal: Dismissal? = nil,
                    every: Int = 0, until: CompiledProgram.Time? = nil,
                    varies: [String] = [], foreground: Bool = false,
                    position: SpecPosition? = nil) {
            self.kind = kind
            self.at = at
            self.via = via
            self.foreground = foreground
            self.priority = priority
            self.state = state
            self.staleAfter = staleAfter
            self.relevance = relevance
            self.alert = alert
            self.dismissal = dismissal
            self.every = every
            self.until = until
            self.varies = varies
            self.position = position
        }
    }

    /// What an event sets a field to (`tlc_la_assign`).
    public enum Value: Hashable, Sendable {
        /// A date field: an instant expression (C: `when`).
        case time(CompiledProgram.Time)
        /// Another field: the value of a declared parameter of a type the field takes,
        /// `{"param": NAME}` (C: `param`).
        case param(String)
        /// A string field's literal.
        case string(String)
        /// An int field's literal, within ±2^53.
        case int(Int)
        /// A double field's literal (finite).
        case double(Double)
        /// A bool field's literal.
        case bool(Bool)
    }

    /// The end's dismissal policy (`tlc_dismissal`).
    public enum Dismissal: Hashable, Sendable {
        /// The system's (up to 4 hours): `{"kind": "default"}`.
        case `default`
        /// At once: `{"kind": "immediate"}`.
        case immediate
        /// This many seconds after the end (the push's dismissal-date):
        /// `{"kind": "after", "after": SECONDS}`.
        case after(Int)
    }
}

// MARK: - Codable

extension ActivityProgram: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version = "timelinec-activity-program"
        case source
        case liveActivity = "live-activity"
        case bundleID = "bundle-id"
        case channelID = "channel-id"
        case zone
        case dateEncoding = "date-encoding"
        case minimumIOS = "minimum-ios"
        case locales, params, fields, attributes, views, events
    }

    public init(from decoder: any Decoder) throws {
        try DocumentReader.checkHeader(decoder, format: .activityProgram)
        let scan = decoder.userInfo[JSONTextScan.key] as? JSONTextScan
        try scan?.refuseDuplicatesAndNUL()
        try scan?.requireInteger(at: [.key(CodingKeys.version.rawValue)])
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an activity program")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func bad(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        source = try c.decodeIfPresent(String.self, forKey: .source) // C: optional, may be null
        liveActivity = try c.decode(String.self, forKey: .liveActivity)
        bundleID = try c.decode(String.self, forKey: .bundleID)
        channelID = try c.decodeNullable(String.self, forKey: .channelID)
        zone = try c.decode(String.self, forKey: .zone)
        dateEncoding = try c.decode(DateEncoding.self, forKey: .dateEncoding)
        minimumIOS = c.contains(.minimumIOS)
            ? try c.decodeInt(forKey: .minimumIOS, in: CompiledProgram.minimumIOSRange)
            : CompiledProgram.defaultMinimumIOS
        locales = try c.decode([String].self, forKey: .locales)

        params = try c.decode([CompiledProgram.Param].self, forKey: .params)
        if params.count > ActivityProgram.maxParams {
            throw bad(.params, "a program has at most \(ActivityProgram.maxParams) parameters, "
                      + "not \(params.count)")
        }
        if let twice = Self.firstRepeated(params.map(\.name)) {
            throw bad(.params, "two parameters have the name '\(twice)'")
        }
        fields = try c.decode([Field].self, forKey: .fields)
        if fields.count > ActivityProgram.maxFields {
            throw bad(.fields, "a Live Activity has at most \(ActivityProgram.maxFields) "
                      + "content-state fields, not \(fields.count)")
        }
        if let twice = Self.firstRepeated(fields.map(\.name)) {
            throw bad(.fields, "two fields have the name '\(twice)'")
        }

        let a = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .attributes)
        var attributes: [String: ActivityValue?] = [:]
        for key in a.allKeys {
            if try a.decodeNil(forKey: key) {
                attributes[key.stringValue] = .some(nil)
                continue
            }
            guard var value = try? a.decode(ActivityValue.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: a,
                    debugDescription: "an attribute is a string, a number, a boolean or null")
            }
            // an integer written with a fraction or an exponent is a number, as C keeps it
            if case .integer(let n) = value,
               scan?.isInexact([.key(CodingKeys.attributes.rawValue), .key(key.stringValue)]) == true {
                value = .number(Double(n))
            }
            attributes[key.stringValue] = .some(value)
        }
        self.attributes = attributes

        let v = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .views)
        var views: [ActivitySchedule.Presentation: String] = [:]
        for key in v.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            guard let presentation = ActivitySchedule.Presentation(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: v,
                    debugDescription: "'\(key.stringValue)' is not a presentation")
            }
            views[presentation] = try v.decode(String.self, forKey: key)
        }
        self.views = views

        var e = try c.nestedUnkeyedContainer(forKey: .events)
        let count = e.count ?? 0
        guard (1...ActivityProgram.maxEvents).contains(count) else {
            throw bad(.events, "an activity program has 1 to \(ActivityProgram.maxEvents) events, "
                      + "not \(count)")
        }
        let context = EventContext(fields: fields, params: params)
        var events: [Event] = []
        while !e.isAtEnd {
            let eventDecoder = try e.superDecoder()
            let event = try Event(from: eventDecoder, context: context)
            // the start first, then updates, the end last
            let first = events.isEmpty, last = e.isAtEnd
            if first != (event.kind == .start) || (event.kind == .end && !last) {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: eventDecoder.codingPath,
                    debugDescription: "events are the start, then updates, then at most one end"))
            }
            // who makes it (checked after the order, which says more)
            guard event.via.canMake(event.kind) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: eventDecoder.codingPath + [AnyCodingKey("via")],
                    debugDescription: "via '\(event.via.rawValue)' cannot make the \(event.kind.rawValue)"))
            }
            events.append(event)
        }
        self.events = events

        try scan?.requireIntegers(in: self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ActivityProgram.supportedVersions[0], forKey: .version)
        try c.encodeNullable(source, forKey: .source)
        try c.encode(liveActivity, forKey: .liveActivity)
        try c.encode(bundleID, forKey: .bundleID)
        try c.encodeNullable(channelID, forKey: .channelID)
        try c.encode(zone, forKey: .zone)
        try c.encode(dateEncoding, forKey: .dateEncoding)
        if minimumIOS != CompiledProgram.defaultMinimumIOS { // absent: the default, as C writes it
            try c.encode(minimumIOS, forKey: .minimumIOS)
        }
        try c.encode(locales, forKey: .locales)
        try c.encode(params, forKey: .params)
        try c.encode(fields, forKey: .fields)
        var a = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .attributes)
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            try a.encodeNullable(value, forKey: AnyCodingKey(name))
        }
        try c.encode(views, forKey: .views)
        try c.encode(events, forKey: .events)
    }

    private static func firstRepeated(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}

/// What an event's reading needs from its program: the fields and parameters by name.
struct EventContext {
    var fields: [String: ActivityProgram.FieldType]
    var params: [String: CompiledProgram.ParamType]

    init(fields: [ActivityProgram.Field], params: [CompiledProgram.Param]) {
        self.fields = Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        self.params = Dictionary(params.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
    }

    /// An instant expression as the C reader takes it (`r_when`): a parameter in it is a
    /// declared instant, a literal or local reading is within the years 1970 to 9999.
    func check<K: CodingKey>(_ time: CompiledProgram.Time, forKey key: K,
                             in c: KeyedDecodingContainer<K>) throws {
        func bad(_ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        switch time.kind {
        case .param:
            let name = time.param ?? ""
            guard params[name] == .instant else {
                throw bad("'\(name)' is not a declared instant parameter")
            }
        case .literal, .local:
            let text = (time.at ?? "") + (time.kind == .local ? "Z" : "")
            guard let date = Instant.parse(text), date.timeIntervalSince1970 >= 0 else {
                throw bad("an instant of the years 1970 to 9999 (TLC_TIME_MIN), not "
                          + "\"\(time.at ?? "")\"")
            }
        case .now:
            break
        }
    }
}

extension ActivityProgram.Field: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case name, type }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a field")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(ActivityProgram.FieldType.self, forKey: .type)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
    }
}

extension ActivityProgram.Event: Encodable {
    fileprivate enum CodingKeys: String, CodingKey, CaseIterable {
        case event, at, via
        case whileCondition = "while"
        case priority, state
        case staleAfter = "stale-after"
        case relevance, alert, dismissal, every, until, varies, position
    }

    /// An event as the C reader reads it (`r_event`), its fields and parameters checked
    /// against the program's.
    init(from decoder: any Decoder, context: EventContext) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an event")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func bad(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        kind = try c.decode(ActivitySchedule.Event.self, forKey: .event)
        guard try c.contains(.at) && !c.decodeNil(forKey: .at) else {
            throw bad(.at, "an instant is needed here")
        }
        at = try c.decode(CompiledProgram.Time.self, forKey: .at)
        try context.check(at, forKey: .at, in: c)
        via = try c.decode(ActivitySchedule.Via.self, forKey: .via)
        foreground = try ActivitySchedule.Via.readForeground(c, forKey: .whileCondition,
                                                             event: kind, via: via)
        priority = try c.decodeInt(forKey: .priority, in: 5...10)
        guard priority == 5 || priority == 10 else { throw bad(.priority, "a priority is 5 or 10") }

        let s = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .state)
        var state: [String: ActivityProgram.Value] = [:]
        for key in s.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            state[key.stringValue] = try Self.value(forKey: key, in: s, context: context)
        }
        self.state = state

        staleAfter = try c.decodeNullableInteger(forKey: .staleAfter)
        if let staleAfter, abs(staleAfter) > Int(Instant.maxSeconds) {
            throw bad(.staleAfter, "\(staleAfter) is outside -\(Instant.maxSeconds)...\(Instant.maxSeconds)")
        }
        relevance = try c.decodeNullable(Double.self, forKey: .relevance)
        alert = try c.decodeNullable(ActivitySchedule.Alert.self, forKey: .alert)

        guard c.contains(.dismissal) else {
            throw DecodingError.keyNotFound(CodingKeys.dismissal, DecodingError.Context(
                codingPath: c.codingPath, debugDescription: "required key \"dismissal\" is missing"))
        }
        let noDismissal = try c.decodeNil(forKey: .dismissal)
        if kind == .end {
            if noDismissal {
                throw bad(.dismissal, "the end has a dismissal ({\"kind\": \"default\"} at least)")
            }
            dismissal = try c.decode(ActivityProgram.Dismissal.self, forKey: .dismissal)
        } else {
            if !noDismissal { throw bad(.dismissal, "only the end has a dismissal") }
            dismissal = nil
        }

        every = try c.decodeInt(forKey: .every, in: 0...ActivityProgram.maxEvery)
        if every != 0 && kind != .update { throw bad(.every, "only an update repeats") }
        if every != 0 && via == .intent { throw bad(.every, "an update via 'intent' does not repeat") }
        until = try c.decodeNullable(CompiledProgram.Time.self, forKey: .until)
        if let until {
            try context.check(until, forKey: .until, in: c)
            if every == 0 { throw bad(.until, "'until' goes with 'every'") }
        }

        // varies: a non-empty list of the names of fields the state sets, each once
        if c.contains(.varies) {
            if kind != .update { throw bad(.varies, "only an update has 'varies'") }
            var v = try c.nestedUnkeyedContainer(forKey: .varies)
            if v.isAtEnd { throw bad(.varies, "'varies' names at least one field (leave it out for none)") }
            var names: [String] = []
            while !v.isAtEnd {
                guard let name = try? v.decode(String.self) else {
                    throw bad(.varies, "'varies' lists field names")
                }
                guard state[name] != nil else {
                    throw bad(.varies, "'\(name)' is not a field this event's state sets")
                }
                guard !names.contains(name) else { throw bad(.varies, "'\(name)' is listed twice") }
                names.append(name)
            }
            varies = names
        } else {
            varies = []
        }

        if c.contains(.position) {
            var p = try c.nestedUnkeyedContainer(forKey: .position)
            guard p.count == 2 else { throw bad(.position, "'position' is [line, column]") }
            let line = try p.decode(Int.self), column = try p.decode(Int.self)
            let range = 0...Int(UInt32.max)
            guard range.contains(line), range.contains(column) else {
                throw bad(.position, "a line and a column are integers from 0 to \(UInt32.max)")
            }
            position = SpecPosition(line: line, column: column)
        } else {
            position = nil
        }
    }

    /// A field's value (`r_assign`).
    private static func value(forKey key: AnyCodingKey, in s: KeyedDecodingContainer<AnyCodingKey>,
                              context: EventContext) throws -> ActivityProgram.Value {
        func bad(_ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: s, debugDescription: message)
        }
        let name = key.stringValue
        guard let type = context.fields[name] else {
            throw bad("'\(name)' is not a content-state field")
        }
        if type.isDate {
            if try s.decodeNil(forKey: key) { throw bad("an instant is needed here") }
            let time = try s.decode(CompiledProgram.Time.self, forKey: key)
            try context.check(time, forKey: key, in: s)
            return .time(time)
        }
        if let ref = try? s.nestedContainer(keyedBy: ParamRefKeys.self, forKey: key) {
            try s.superDecoder(forKey: key).refuseUnknownKeys(ParamRefKeys.self,
                                                               in: "a parameter reference")
            let param = try ref.decode(String.self, forKey: .param)
            guard let declared = context.params[param], type.takes(declared) else {
                throw bad("field '\(name)' cannot take '\(param)'")
            }
            return .param(param)
        }
        switch type {
        case .int:
            let v = try s.decodeInt(forKey: key, in: -ActivityProgram.maxInt...ActivityProgram.maxInt)
            return .int(v)
        case .double:
            guard let v = try? s.decode(Double.self, forKey: key), v.isFinite else {
                throw bad("field '\(name)' is a double (a finite number)")
            }
            return .double(v)
        case .bool:
            guard let v = try? s.decode(Bool.self, forKey: key) else {
                throw bad("field '\(name)' is a bool")
            }
            return .bool(v)
        default:
            guard let v = try? s.decode(String.self, forKey: key) else {
                throw bad("field '\(name)' is a string")
            }
            return .string(v)
        }
    }

    private enum ParamRefKeys: String, CodingKey, CaseIterable { case param }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .event)
        try c.encode(at, forKey: .at)
        try c.encode(via, forKey: .via)
        if foreground { try c.encode("foreground", forKey: .whileCondition) }
        try c.encode(priority, forKey: .priority)
        var s = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .state)
        for (name, value) in state.sorted(by: { $0.key < $1.key }) {
            let key = AnyCodingKey(name)
            switch value {
            case .time(let time): try s.encode(time, forKey: key)
            case .param(let param):
                var ref = s.nestedContainer(keyedBy: ParamRefKeys.self, forKey: key)
                try ref.encode(param, forKey: .param)
            case .string(let v): try s.encode(v, forKey: key)
            case .int(let v): try s.encode(v, forKey: key)
            case .double(let v): try s.encode(v, forKey: key)
            case .bool(let v): try s.encode(v, forKey: key)
            }
        }
        try c.encodeNullable(staleAfter, forKey: .staleAfter)
        try c.encodeNullable(relevance, forKey: .relevance)
        try c.encodeNullable(alert, forKey: .alert)
        try c.encodeNullable(dismissal, forKey: .dismissal)
        try c.encode(every, forKey: .every)
        try c.encodeNullable(until, forKey: .until)
        if !varies.isEmpty { try c.encode(varies, forKey: .varies) }
        if let position {
            var p = c.nestedUnkeyedContainer(forKey: .position)
            try p.encode(position.line)
            try p.encode(position.column)
        }
    }
}

extension ActivityProgram.Dismissal: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case kind, after }
    private enum Kind: String, Codable { case `default`, immediate, after }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a dismissal")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .after:
            self = .after(try c.decodeInt(forKey: .after, in: 0...Int(Instant.maxSeconds)))
            return
        case .default: self = .default
        case .immediate: self = .immediate
        }
        try c.forbid(.after, because: "(it goes with kind 'after')")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .default: try c.encode(Kind.default, forKey: .kind)
        case .immediate: try c.encode(Kind.immediate, forKey: .kind)
        case .after(let seconds):
            try c.encode(Kind.after, forKey: .kind)
            try c.encode(seconds, forKey: .after)
        }
    }
}

// MARK: - What only the JSON text shows

/// What the C reader's JSON parser (runtime/core/json.c, pjson.c) refuses and Foundation's
/// `JSONDecoder` cannot report: a duplicate key in an object (the decoder keeps one), a
/// `\u0000` in a string, and where numbers are written with a fraction or an exponent, or
/// outside Int64 (the decoder reads `5.0` and `5e0` as the integer 5; the C reader's `pj_int`
/// refuses them, and keeps such an attribute a number). A scan of the text, before decoding.
struct JSONTextScan: Sendable {
    enum PathItem: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    static let key = CodingUserInfoKey(rawValue: "timelinec.json-text-scan")!

    /// The second member of an object with a name an earlier member has, or nil.
    private(set) var duplicate: [PathItem]?
    /// A string or member name with a `\u0000`, or nil.
    private(set) var nul: [PathItem]?
    /// The numbers written with a fraction or an exponent, or outside Int64.
    private(set) var inexact: Set<[PathItem]> = []

    /// nil when the text is not JSON (the decoder then says why).
    init?(_ data: Data) {
        var parser = Parser(bytes: [UInt8](data))
        guard parser.document() else { return nil }
        duplicate = parser.duplicate
        nul = parser.nul
        inexact = parser.inexact
    }

    func isInexact(_ path: [PathItem]) -> Bool { inexact.contains(path) }

    func refuseDuplicatesAndNUL() throws {
        if let duplicate, case .key(let name)? = duplicate.last {
            throw Self.error(at: duplicate, "an object has a duplicate key '\(name)'")
        }
        if let nul { throw Self.error(at: nul, "\\u0000: strings here cannot hold a NUL") }
    }

    func requireInteger(at path: [PathItem]) throws {
        if inexact.contains(path) {
            throw Self.error(at: path, "expected an integer, written without a fraction or an "
                             + "exponent (within Int64)")
        }
    }

    /// Every integer of the program (C: each `pj_int`) written as an integer.
    func requireIntegers(in program: ActivityProgram) throws {
        for path in inexact.sorted(by: { "\($0)" < "\($1)" }) {
            guard path.count >= 3, path[0] == .key("events"), case .index(let i) = path[1],
                  program.events.indices.contains(i), case .key(let key) = path[2] else { continue }
            let rest = Array(path.dropFirst(3))
            let integer: Bool
            switch (key, rest.count) {
            case ("priority", 0), ("stale-after", 0), ("every", 0): integer = true
            case ("position", 1): integer = true
            case ("dismissal", 1): integer = rest == [.key("after")]
            case ("at", 1), ("until", 1): integer = rest == [.key("offset")]
            case ("state", 1), ("state", 2):
                guard case .key(let field)? = rest.first,
                      let type = program.field(named: field)?.type else { continue }
                integer = rest.count == 1 ? type == .int : type.isDate && rest[1] == .key("offset")
            default: integer = false
            }
            if integer { try requireInteger(at: path) }
        }
    }

    private static func error(at path: [PathItem], _ message: String) -> DecodingError {
        let keys: [any CodingKey] = path.map {
            switch $0 {
            case .key(let k): return AnyCodingKey(k)
            case .index(let i): return AnyCodingKey(intValue: i)!
            }
        }
        return DecodingError.dataCorrupted(DecodingError.Context(codingPath: keys,
                                                                 debugDescription: message))
    }

    /// A strict RFC 8259 parser that records only what the scan needs.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var path: [PathItem] = []
        var duplicate: [PathItem]?
        var nul: [PathItem]?
        var inexact: Set<[PathItem]> = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() -> Bool {
            skipSpace()
            guard value(depth: 0) else { return false }
            skipSpace()
            return i == bytes.count
        }

        private mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        private mutating func value(depth: Int) -> Bool {
            guard i < bytes.count, depth < 512 else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return word("true")
            case UInt8(ascii: "f"): return word("false")
            case UInt8(ascii: "n"): return word("null")
            default: return number()
            }
        }

        private mutating func word(_ w: String) -> Bool {
            let u = Array(w.utf8)
            guard bytes.count - i >= u.count, Array(bytes[i..<(i + u.count)]) == u else { return false }
            i += u.count
            return true
        }

        private mutating func object(depth: Int) -> Bool {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            var names = Set<String>()
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let name = string() else {
                    return false
                }
                if !names.insert(name).inserted && duplicate == nil {
                    duplicate = path + [.key(name)]
                }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipSpace()
                path.append(.key(name))
                guard value(depth: depth + 1) else { return false }
                path.removeLast()
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        }

        private mutating func array(depth: Int) -> Bool {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
            var index = 0
            while true {
                skipSpace()
                path.append(.index(index))
                guard value(depth: depth + 1) else { return false }
                path.removeLast()
                index += 1
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                guard bytes[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        }

        private func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for b in bytes[at..<(at + 4)] {
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }

        /// The decoded text of the string at i (its opening quote), or nil.
        private mutating func string() -> String? {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { return nil }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    i += 1
                    continue
                }
                guard i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(i) else { return nil }
                    i += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                              bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2),
                              (0xDC00...0xDFFF).contains(low) else { return nil }
                        i += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        return nil
                    }
                    if scalar == 0 && nul == nil { nul = path }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    return nil
                }
            }
            return nil
        }

        private mutating func number() -> Bool {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digits() -> Int {
                let from = i
                while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
                return i - from
            }
            let intStart = i
            let n = digits()
            guard n > 0, !(n > 1 && bytes[intStart] == UInt8(ascii: "0")) else { return false }
            var exact = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return false }
                exact = false
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return false }
                exact = false
            }
            if exact, Int64(String(decoding: bytes[start..<i], as: UTF8.self)) == nil {
                exact = false // outside Int64
            }
            if !exact { inexact.insert(path) }
            return true
        }
    }
}

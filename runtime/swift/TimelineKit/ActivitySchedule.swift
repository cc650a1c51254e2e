import Foundation

/// A Live Activity schedule, as `timelinec compile` writes it for a `live-activity:` spec
/// (docs/schedule.schema.json): the activity's lifecycle and its content states in time order,
/// each pushed state with the APNs request a server sends.
public struct ActivitySchedule: Hashable, Sendable {
    /// The key of the format version: `"timelinec-schedule"`.
    public static let versionKey = DocumentFormat.schedule.versionKey
    /// The format versions this TimelineKit reads: `[2]`.
    public static let supportedVersions: [Int] = [2]

    /// The name of the app's `ActivityAttributes` type.
    public var liveActivity: String
    /// The app's bundle identifier.
    public var bundleID: String
    /// How date fields are written in the push bodies' content states.
    public var dateEncoding: DateEncoding
    /// The compile instant (what `at: now` resolved to).
    public var now: Date
    /// Where ``now`` came from.
    public var nowSource: NowSource
    /// The activity's life as the system runs it.
    public var lifecycle: Lifecycle
    /// Each presentation's template, as written in the spec.
    public var views: [Presentation: String]
    /// The content states in time order: the start, the updates, the end.
    public var states: [State]

    /// Reads a schedule from its JSON.
    /// - Throws: ``TimelineKitError``, as ``CompiledTimeline/init(jsonData:)``.
    public init(jsonData: Data) throws {
        self = try DocumentReader.decode(ActivitySchedule.self, format: .schedule, from: jsonData)
    }

    /// Reads a schedule from a file.
    /// - Throws: ``TimelineKitError``.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: DocumentReader.read(url))
    }

    /// The content state a push sends, decoded into the app's `ContentState` type with this
    /// schedule's ``dateEncoding``, as ActivityKit decodes it; nil for a state without a request
    /// (`via: app`).
    public func pushedContentState<Content: Decodable>(
        _ type: Content.Type, of state: State
    ) throws -> Content? {
        guard let request = state.request else { return nil }
        return try ContentStateCoder(dateEncoding: dateEncoding)
            .decode(type, from: request.body.aps.contentState)
    }

    /// The activity's life as the system runs it.
    public struct Lifecycle: Hashable, Sendable {
        /// When the activity starts: the first state's time.
        public var start: Date
        /// When it ends (the end push, or ``systemEnd`` if that comes first); nil without an
        /// `end:`.
        public var end: Date?
        /// `start` + 8 hours: the latest the system lets the activity run.
        public var systemEnd: Date
        /// When the activity leaves the Lock Screen (approximate).
        public var gone: Date
    }

    /// A Live Activity presentation.
    public enum Presentation: String, Codable, CodingKeyRepresentable, CaseIterable, Hashable,
                              Sendable {
        /// The Lock Screen (and banner) presentation.
        case lockScreen = "lock-screen"
        /// The Dynamic Island's compact leading side.
        case compactLeading = "compact-leading"
        /// The Dynamic Island's compact trailing side.
        case compactTrailing = "compact-trailing"
        /// The Dynamic Island's minimal presentation.
        case minimal
        /// The expanded Dynamic Island's leading region.
        case expandedLeading = "expanded-leading"
        /// The expanded Dynamic Island's trailing region.
        case expandedTrailing = "expanded-trailing"
        /// The expanded Dynamic Island's center region.
        case expandedCenter = "expanded-center"
        /// The expanded Dynamic Island's bottom region.
        case expandedBottom = "expanded-bottom"
        /// `ActivityFamily.small` (iOS 18, `supplementalActivityFamilies`): the Apple Watch
        /// Smart Stack.
        case small
    }

    /// What made a content state.
    public enum Event: String, Codable, CaseIterable, Hashable, Sendable {
        /// The spec's `start:`.
        case start
        /// An entry of `updates:` (one per repetition).
        case update
        /// The spec's `end:`.
        case end
    }

    /// Who makes a change.
    public enum Via: String, Codable, CaseIterable, Hashable, Sendable {
        /// A server, through APNs.
        case push
        /// The app itself, while it runs (no request).
        case app
        /// A push that starts the activity (iOS 17.2+).
        case pushToStart = "push-to-start"
        /// An App Intent the user runs from a button of the activity, in the app's process
        /// (an update or the end; no request).
        case intent

        /// Whether `via` can make `event`: a start the app or a push-to-start, an update or an
        /// end a push, the app or an intent (as the C reader and the schemas).
        public func canMake(_ event: Event) -> Bool {
            switch event {
            case .start: return self == .app || self == .pushToStart
            case .update, .end: return self != .pushToStart
            }
        }

        /// `while: foreground` reads `"while": "foreground"`, the one value; it goes only with
        /// an update or the end via the app. Throws a message otherwise (as the C reader).
        static func readForeground<K: CodingKey>(_ c: KeyedDecodingContainer<K>, forKey key: K,
                                                 event: Event, via: Via) throws -> Bool {
            guard c.contains(key) else { return false }
            func bad(_ message: String) -> DecodingError {
                DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
            }
            let value = try c.decode(String.self, forKey: key)
            guard value == "foreground" else { throw bad("unknown value '\(value)'") }
            if event == .start { throw bad("a start has no 'while'") }
            if via != .app { throw bad("'while' goes with via 'app'") }
            return true
        }
    }

    /// One content state: what the activity shows from ``at`` until the next state.
    public struct State: Hashable, Sendable {
        /// Start, update or end.
        public var event: Event
        /// When the state takes effect.
        public var at: Date
        /// Who makes the change.
        public var via: Via
        /// Made by the app only while the user has it open (`"while": "foreground"`).
        public var foreground: Bool = false
        /// The whole content state after this event, for reading: date fields as RFC 3339
        /// instants (strings), other fields as the spec has them.
        public var contentState: [String: ActivityValue]
        /// When the content becomes stale, or nil.
        public var staleDate: Date?
        /// The end's dismissal date, or nil.
        public var dismissalDate: Date?
        /// The fields whose values a push server fills in at each send (the update's
        /// `varies`); ``contentState`` holds stand-ins for them. Empty when none vary.
        public var varies: [String] = []
        /// The APNs request that sends this state; nil for `via: app` and `via: intent`.
        public var request: PushRequest?

        /// ``contentState`` decoded into the app's `ContentState` type, its date fields read
        /// as the instants they are here (not in the schedule's push encoding).
        public func decodeContentState<Content: Decodable>(_ type: Content.Type) throws -> Content {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let c = try decoder.singleValueContainer()
                let text = try c.decode(String.self)
                guard let date = Instant.parse(text) else {
                    throw DecodingError.dataCorruptedError(
                        in: c, debugDescription: "\"\(text)\" is not an RFC 3339 instant")
                }
                return date
            }
            return try decoder.decode(type, from: JSONEncoder().encode(contentState))
        }
    }

    /// An HTTP/2 request to APNs, as the server sends it.
    public struct PushRequest: Codable, Hashable, Sendable {
        /// Always `POST`.
        public var method: String
        /// The endpoint, with the `${DEVICE_TOKEN}` placeholder for device pushes.
        public var url: String
        /// The apns-* headers.
        public var headers: Headers
        /// The JSON payload.
        public var body: Body
        /// The size of the compact body in bytes (APNs' 4096 limit).
        public var bytes: Int
        /// A ready-to-run curl command (fill in `${JWT}` and `${DEVICE_TOKEN}` first).
        public var curl: String

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case method, url, headers, body, bytes, curl
        }
    }

    /// The apns-* request headers of an ActivityKit push.
    public struct Headers: Codable, Hashable, Sendable {
        /// Always `liveactivity`.
        public var pushType: String
        /// `<bundle-id>.push-type.liveactivity`.
        public var topic: String
        /// `"10"` or `"5"`.
        public var priority: String
        /// Seconds since 1970 after which APNs stops trying, as a string.
        public var expiration: String
        /// The broadcast channel, for broadcast pushes only.
        public var channelID: String?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case pushType = "apns-push-type"
            case topic = "apns-topic"
            case priority = "apns-priority"
            case expiration = "apns-expiration"
            case channelID = "apns-channel-id"
        }
    }

    /// The push payload: only the `aps` dictionary.
    public struct Body: Codable, Hashable, Sendable {
        /// The ActivityKit payload.
        public var aps: APS

        private enum CodingKeys: String, CodingKey, CaseIterable { case aps }
    }

    /// The `aps` dictionary of an ActivityKit push.
    public struct APS: Codable, Hashable, Sendable {
        /// When the content was produced, in seconds since 1970.
        public var timestamp: Int
        /// Start (push-to-start), update or end.
        public var event: Event
        /// The content state as the app decodes it: dates in the schedule's ``DateEncoding``.
        public var contentState: [String: ActivityValue]
        /// When the activity becomes stale, in seconds since 1970.
        public var staleDate: Int?
        /// On an end push: when the system removes the activity, in seconds since 1970.
        public var dismissalDate: Int?
        /// The activity's relevance relative to the app's other activities.
        public var relevanceScore: Double?
        /// The alert shown with the update (its sound inside it).
        public var alert: Alert?
        /// Always nil: the schedule writes the alert's sound inside ``alert``
        /// (``Alert/sound``), and the reader refuses a `sound` next to it.
        @available(*, deprecated, message: "the sound is alert.sound")
        public var sound: String? = nil
        /// On a push-to-start: the name of the app's `ActivityAttributes` type.
        public var attributesType: String?
        /// On a push-to-start: the static attributes, each as its scalar is written in the spec
        /// (nil for an attribute written `null`).
        public var attributes: [String: ActivityValue?]?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case timestamp, event
            case contentState = "content-state"
            case staleDate = "stale-date"
            case dismissalDate = "dismissal-date"
            case relevanceScore = "relevance-score"
            case alert
            case attributesType = "attributes-type"
            case attributes
        }
    }

    /// The alert of a push.
    public struct Alert: Codable, Hashable, Sendable {
        /// The title.
        public var title: String?
        /// The text.
        public var body: String?
        /// The sound's name (`"default"` for the system sound).
        public var sound: String?

        private enum CodingKeys: String, CodingKey, CaseIterable { case title, body, sound }
    }
}

// MARK: - Codable

extension ActivitySchedule: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version = "timelinec-schedule"
        case liveActivity = "live-activity"
        case bundleID = "bundle-id"
        case dateEncoding = "date-encoding"
        case now
        case nowSource = "now-source"
        case lifecycle, views, states
    }

    public init(from decoder: any Decoder) throws {
        try DocumentReader.checkHeader(decoder, format: .schedule)
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a schedule")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        liveActivity = try c.decodeNonEmpty(forKey: .liveActivity)
        bundleID = try c.decodeNonEmpty(forKey: .bundleID)
        dateEncoding = try c.decode(DateEncoding.self, forKey: .dateEncoding)
        now = try c.decodeInstant(forKey: .now)
        nowSource = try c.decode(NowSource.self, forKey: .nowSource)
        lifecycle = try c.decode(Lifecycle.self, forKey: .lifecycle)
        views = try c.decode([Presentation: String].self, forKey: .views)
        states = try c.decode([State].self, forKey: .states)
        guard !states.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .states, in: c,
                                                   debugDescription: "a schedule needs a state")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ActivitySchedule.supportedVersions[0], forKey: .version)
        try c.encode(liveActivity, forKey: .liveActivity)
        try c.encode(bundleID, forKey: .bundleID)
        try c.encode(dateEncoding, forKey: .dateEncoding)
        try c.encodeInstant(now, forKey: .now)
        try c.encode(nowSource, forKey: .nowSource)
        try c.encode(lifecycle, forKey: .lifecycle)
        try c.encode(views, forKey: .views)
        try c.encode(states, forKey: .states)
    }
}

extension ActivitySchedule.Lifecycle: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case start, end
        case systemEnd = "system-end"
        case gone
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "the lifecycle")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decodeInstant(forKey: .start)
        end = try c.decodeNullableInstant(forKey: .end)
        systemEnd = try c.decodeInstant(forKey: .systemEnd)
        gone = try c.decodeInstant(forKey: .gone)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeInstant(start, forKey: .start)
        try c.encodeNullableInstant(end, forKey: .end)
        try c.encodeInstant(systemEnd, forKey: .systemEnd)
        try c.encodeInstant(gone, forKey: .gone)
    }
}

extension ActivitySchedule.State: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case event, at, via
        case whileCondition = "while"
        case contentState = "content-state"
        case staleDate = "stale-date"
        case dismissalDate = "dismissal-date"
        case varies
        case request
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a state")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        event = try c.decode(ActivitySchedule.Event.self, forKey: .event)
        at = try c.decodeInstant(forKey: .at)
        via = try c.decode(ActivitySchedule.Via.self, forKey: .via)
        guard via.canMake(event) else {
            throw DecodingError.dataCorruptedError(
                forKey: .via, in: c,
                debugDescription: "via '\(via.rawValue)' cannot make the \(event.rawValue)")
        }
        foreground = try ActivitySchedule.Via.readForeground(c, forKey: .whileCondition,
                                                             event: event, via: via)
        contentState = try c.decode([String: ActivityValue].self, forKey: .contentState)
        staleDate = try c.decodeNullableInstant(forKey: .staleDate)
        dismissalDate = try c.decodeNullableInstant(forKey: .dismissalDate)
        if c.contains(.varies) {
            func bad(_ message: String) -> DecodingError {
                DecodingError.dataCorruptedError(forKey: .varies, in: c, debugDescription: message)
            }
            if event != .update { throw bad("only an update has 'varies'") }
            let names = try c.decode([String].self, forKey: .varies)
            if names.isEmpty { throw bad("'varies' names at least one field (leave it out for none)") }
            if Set(names).count != names.count { throw bad("a field is listed twice in 'varies'") }
            if let name = names.first(where: { contentState[$0] == nil }) {
                throw bad("'\(name)' is not a field of the content state")
            }
            varies = names
        }
        if via == .app || via == .intent {
            try c.forbid(.request, because: "in a state the app makes (via \(via.rawValue))")
            request = nil
        } else {
            request = try c.decode(ActivitySchedule.PushRequest.self, forKey: .request)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(event, forKey: .event)
        try c.encodeInstant(at, forKey: .at)
        try c.encode(via, forKey: .via)
        if foreground { try c.encode("foreground", forKey: .whileCondition) }
        try c.encode(contentState, forKey: .contentState)
        try c.encodeNullableInstant(staleDate, forKey: .staleDate)
        try c.encodeNullableInstant(dismissalDate, forKey: .dismissalDate)
        if !varies.isEmpty { try c.encode(varies, forKey: .varies) }
        try c.encodeIfPresent(request, forKey: .request)
    }
}

// The objects whose encoding is synthesized: their keys checked first.

extension ActivitySchedule.PushRequest {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a request")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decode(String.self, forKey: .method)
        url = try c.decode(String.self, forKey: .url)
        headers = try c.decode(ActivitySchedule.Headers.self, forKey: .headers)
        body = try c.decode(ActivitySchedule.Body.self, forKey: .body)
        bytes = try c.decodeInteger(forKey: .bytes)
        curl = try c.decode(String.self, forKey: .curl)
    }
}

extension ActivitySchedule.Headers {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "the headers")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pushType = try c.decode(String.self, forKey: .pushType)
        topic = try c.decode(String.self, forKey: .topic)
        priority = try c.decode(String.self, forKey: .priority)
        expiration = try c.decode(String.self, forKey: .expiration)
        channelID = try c.decodeIfPresent(String.self, forKey: .channelID)
    }
}

extension ActivitySchedule.Body {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "a body")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        aps = try c.decode(ActivitySchedule.APS.self, forKey: .aps)
    }
}

extension ActivitySchedule.APS {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "aps")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timestamp = try c.decodeInteger(forKey: .timestamp)
        event = try c.decode(ActivitySchedule.Event.self, forKey: .event)
        contentState = try c.decode([String: ActivityValue].self, forKey: .contentState)
        staleDate = c.contains(.staleDate) ? try c.decodeInteger(forKey: .staleDate) : nil
        dismissalDate = c.contains(.dismissalDate)
            ? try c.decodeInteger(forKey: .dismissalDate) : nil
        relevanceScore = try c.decodeIfPresent(Double.self, forKey: .relevanceScore)
        alert = try c.decodeIfPresent(ActivitySchedule.Alert.self, forKey: .alert)
        attributesType = try c.decodeIfPresent(String.self, forKey: .attributesType)
        attributes = try c.decodeIfPresent([String: ActivityValue?].self, forKey: .attributes)
    }
}

extension ActivitySchedule.Alert {
    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self, in: "an alert")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        sound = try c.decodeIfPresent(String.self, forKey: .sound)
    }
}

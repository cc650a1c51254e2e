import Foundation

/// How the date fields of a Live Activity's content state are written in push bodies (the
/// schedule's `date-encoding`), each one a `JSONDecoder.DateDecodingStrategy` of Foundation.
///
/// encoding | a date is written as | Foundation strategy
/// ---|---|---
/// ``deferredToDate`` | seconds since 2001-01-01T00:00:00Z, a number | `.deferredToDate`
/// ``secondsSince1970`` | seconds since 1970, a number | `.secondsSince1970`
/// ``millisecondsSince1970`` | milliseconds since 1970, a number | `.millisecondsSince1970`
/// ``iso8601`` | an RFC 3339 string in UTC | `.iso8601`
///
/// ActivityKit decodes a pushed content state with default JSON decoding, so a `ContentState`
/// with a synthesized `Codable` conformance reads ``deferredToDate``. The two epochs are
/// 978,307,200 seconds apart: a value written in one and read in the other is 31 years off.
public enum DateEncoding: String, Codable, CaseIterable, Hashable, Sendable {
    /// Seconds since 2001-01-01T00:00:00Z: Swift's default (`.deferredToDate`).
    case deferredToDate = "deferred-to-date"
    /// Seconds since 1970-01-01T00:00:00Z (a UNIX timestamp).
    case secondsSince1970 = "seconds-since-1970"
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case millisecondsSince1970 = "milliseconds-since-1970"
    /// An RFC 3339 string in UTC, `"2026-12-03T16:10:00Z"`.
    case iso8601

    /// The `JSONDecoder` strategy that reads dates written this way.
    public var decodingStrategy: JSONDecoder.DateDecodingStrategy {
        switch self {
        case .deferredToDate: return .deferredToDate
        case .secondsSince1970: return .secondsSince1970
        case .millisecondsSince1970: return .millisecondsSince1970
        case .iso8601: return .iso8601
        }
    }

    /// The `JSONEncoder` strategy that writes dates this way.
    public var encodingStrategy: JSONEncoder.DateEncodingStrategy {
        switch self {
        case .deferredToDate: return .deferredToDate
        case .secondsSince1970: return .secondsSince1970
        case .millisecondsSince1970: return .millisecondsSince1970
        case .iso8601: return .iso8601
        }
    }
}

/// Decodes and encodes a Live Activity's `ContentState` (any `Codable` type of the app) the way
/// a schedule's ``DateEncoding`` says, with Foundation's own `JSONDecoder`/`JSONEncoder`: a
/// pushed `content-state` decodes to the values ActivityKit would give the app.
///
/// Errors are Foundation's (`DecodingError`, `EncodingError`) or the app type's own, unchanged.
public struct ContentStateCoder: Hashable, Sendable {
    /// How dates are written.
    public var dateEncoding: DateEncoding

    /// A coder for `dateEncoding` (by default ``DateEncoding/deferredToDate``, what ActivityKit
    /// reads).
    public init(dateEncoding: DateEncoding = .deferredToDate) {
        self.dateEncoding = dateEncoding
    }

    /// A new `JSONDecoder` with the date strategy and otherwise default settings.
    public func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = dateEncoding.decodingStrategy
        return decoder
    }

    /// A new `JSONEncoder` with the date strategy and sorted keys (deterministic bytes).
    public func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = dateEncoding.encodingStrategy
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Decodes a content state from the JSON of a push's `content-state` object.
    public func decode<State: Decodable>(_ type: State.Type, from data: Data) throws -> State {
        try makeDecoder().decode(type, from: data)
    }

    /// Decodes a content state from a schedule's `content-state` values (e.g.
    /// ``ActivitySchedule/APS/contentState``).
    public func decode<State: Decodable>(
        _ type: State.Type, from contentState: [String: ActivityValue]
    ) throws -> State {
        try decode(type, from: JSONEncoder().encode(contentState))
    }

    /// Encodes a content state as a push's `content-state` JSON.
    public func encode<State: Encodable>(_ state: State) throws -> Data {
        try makeEncoder().encode(state)
    }
}

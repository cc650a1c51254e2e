import Foundation

// Coding helpers shared by the models, and the reading of a whole document.

/// A coding key for any string or index.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

extension KeyedDecodingContainer {
    /// A required instant.
    func decodeInstant(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = Instant.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an RFC 3339 instant in UTC with whole seconds "
                    + "(\"2026-12-01T17:00:00Z\"), found \"\(text)\"")
        }
        return date
    }

    /// An optional instant: nil when the key is absent (or null).
    func decodeInstantIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeInstant(forKey: key)
    }

    /// A key the schema requires whose value may be null.
    func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try requireKey(key)
        return try decodeIfPresent(type, forKey: key)
    }

    /// A required integer that may be null.
    func decodeNullableInteger(forKey key: Key) throws -> Int? {
        try requireKey(key)
        return try decodeNil(forKey: key) ? nil : decodeInteger(forKey: key)
    }

    private func requireKey(_ key: Key) throws {
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "required key \"\(key.stringValue)\" is missing "
                    + "(it may be null)"))
        }
    }

    /// A required instant that may be null.
    func decodeNullableInstant(forKey key: Key) throws -> Date? {
        guard try decodeNullable(String.self, forKey: key) != nil else { return nil }
        return try decodeInstant(forKey: key)
    }

    /// Refuses a key the schema forbids here.
    func forbid(_ keys: Key..., because reason: String) throws {
        for key in keys where contains(key) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "\"\(key.stringValue)\" is not allowed \(reason)")
        }
    }

    /// A required integer, with a precise error for a number with a fraction (Foundation's
    /// decoder reports that one without a path on some platforms).
    func decodeInteger(forKey key: Key) throws -> Int {
        do {
            return try decode(Int.self, forKey: key)
        } catch {
            if let number = try? decode(Double.self, forKey: key) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self,
                    debugDescription: "expected an integer, found \(number)")
            }
            throw error
        }
    }

    /// A required integer within bounds.
    func decodeInt(forKey key: Key, in range: ClosedRange<Int>) throws -> Int {
        let v = try decodeInteger(forKey: key)
        guard range.contains(v) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "\(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    /// A required non-empty string.
    func decodeNonEmpty(forKey key: Key) throws -> String {
        let s = try decode(String.self, forKey: key)
        guard !s.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "must not be empty")
        }
        return s
    }
}

extension Decoder {
    /// Refuses a key this object does not have: Codable skips unknown keys, and a document from
    /// a newer or another writer must not be misread that way. `Keys` lists every key the
    /// object may have (its `CodingKeys`); keys of another kind of the same object are refused
    /// with ``KeyedDecodingContainer/forbid(_:because:)``. The error names the key, and its path
    /// says where it is (`countdowns[0].phases[1].colour`); what the C readers
    /// (tlc_program_read_json, tlc_timeline_read_json) and the schemas refuse too.
    func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type,
                                                          in what: String) throws {
        let c = try container(keyedBy: AnyCodingKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        let unknown = c.allKeys.filter { !known.contains($0.stringValue) }
        // the first in name order: the same message whatever order the decoder lists them in
        if let key = unknown.min(by: { $0.stringValue < $1.stringValue }) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "unknown key \"\(key.stringValue)\" in \(what)")
        }
    }
}

extension KeyedEncodingContainer {
    mutating func encodeInstant(_ date: Date, forKey key: Key) throws {
        guard let text = Instant.string(from: date) else {
            throw EncodingError.invalidValue(date, EncodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "an instant needs whole seconds within the years 0000-9999"))
        }
        try encode(text, forKey: key)
    }

    mutating func encodeInstantIfPresent(_ date: Date?, forKey key: Key) throws {
        if let date { try encodeInstant(date, forKey: key) }
    }

    /// Writes the date, or null.
    mutating func encodeNullableInstant(_ date: Date?, forKey key: Key) throws {
        if let date { try encodeInstant(date, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Writes the value, or null.
    mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// Reads a document: its version first, then the rest, with every failure a
/// ``TimelineKitError``.
enum DocumentReader {
    static func decode<T: Decodable>(_ type: T.Type, format: DocumentFormat,
                                     from data: Data,
                                     userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw TimelineKitError.empty(format: format)
        }
        do {
            let decoder = JSONDecoder()
            var info = userInfo
            // what JSONDecoder cannot see (a duplicate key, a NUL in a string), checked after
            // the version (checkHeader), as the C readers refuse them
            if info[JSONTextScan.key] == nil, let scan = JSONTextScan(data) {
                info[JSONTextScan.key] = scan
            }
            decoder.userInfo = info
            return try decoder.decode(T.self, from: data)
        } catch let error as TimelineKitError {
            throw error
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil {
                // Valid JSON: Foundation's decoder lost the path of a number that does not
                // fit its type (a fraction, or out of range, where an integer belongs).
                throw TimelineKitError.invalidData(
                    format: format, path: "",
                    detail: "a number does not fit its type (an integer with a fraction, or out "
                        + "of range): \(context.debugDescription)")
            }
            throw TimelineKitError(error, format: format)
        } catch {
            throw TimelineKitError.invalidData(format: format, path: "",
                                               detail: String(describing: error))
        }
    }

    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw TimelineKitError.unreadableFile(path: url.path,
                                                  detail: error.localizedDescription)
        }
    }

    /// Checks the version key before anything else of the document is read.
    static func checkHeader(_ decoder: any Decoder, format: DocumentFormat) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let key = AnyCodingKey(format.versionKey)
        guard c.contains(key) else {
            let other = DocumentFormat.allCases.first { c.contains(AnyCodingKey($0.versionKey)) }
            if let other {
                throw TimelineKitError.wrongFormat(expected: format, found: other)
            }
            throw TimelineKitError.missingVersion(format: format)
        }
        let found = try c.decodeInteger(forKey: key)
        guard format.supportedVersions.contains(found) else {
            throw TimelineKitError.unsupportedVersion(format: format, found: found,
                                                      supported: format.supportedVersions)
        }
        try (decoder.userInfo[JSONTextScan.key] as? JSONTextScan)?.refuseDuplicatesAndNUL()
    }
}

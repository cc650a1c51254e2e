import Foundation

/// A content-state or attribute value of a Live Activity schedule: a JSON string, number or
/// boolean.
///
/// Integers stay exact (``integer(_:)``: a date in milliseconds since 1970 is an integer);
/// other numbers are ``number(_:)``.
public enum ActivityValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A JSON string.
    case string(String)
    /// A JSON number without a fraction that fits in an `Int`.
    case integer(Int)
    /// Any other JSON number.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? c.decode(Double.self) {
            self = .number(value)
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "a value is a string, a number or a boolean")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .integer(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        }
    }

    /// The value as JSON text (`"On the way"` with its quotes, `3`, `true`).
    public var description: String {
        switch self {
        case .string(let v):
            let data = (try? JSONEncoder().encode(v)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .integer(let v): return String(v)
        case .number(let v): return String(v)
        case .bool(let v): return String(v)
        }
    }
}

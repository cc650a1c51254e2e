import Foundation

/// Why a timelinec document could not be read.
///
/// Every reading entry point of TimelineKit (``CompiledTimeline/init(jsonData:)``,
/// ``CompiledProgram/init(jsonData:)``, ``ActivitySchedule/init(jsonData:)``,
/// ``ActivityProgram/init(jsonData:)`` and their `contentsOf:` forms) throws only this error. Decoding the model types with a `JSONDecoder`
/// of your own throws either this error (for the version checks) or Foundation's
/// `DecodingError`.
public enum TimelineKitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadableFile(path: String, detail: String)
    /// The data is empty (or only white space).
    case empty(format: DocumentFormat)
    /// The data is not JSON: truncated, not UTF-8, a syntax error.
    case malformedJSON(format: DocumentFormat, detail: String)
    /// The document is JSON but has no version key of the expected format.
    case missingVersion(format: DocumentFormat)
    /// The document is of another timelinec format (a program where a timeline was expected).
    case wrongFormat(expected: DocumentFormat, found: DocumentFormat)
    /// The document's format version is one TimelineKit does not read.
    case unsupportedVersion(format: DocumentFormat, found: Int, supported: [Int])
    /// The document does not follow its schema: a missing key, a wrong type, a bad instant,
    /// an unknown enumeration value, an inconsistent entry. `path` locates the value
    /// (`entries[3].views.main.target`; empty for the document itself).
    case invalidData(format: DocumentFormat, path: String, detail: String)

    public var description: String {
        switch self {
        case let .unreadableFile(path, detail):
            return "cannot read \(path): \(detail)"
        case let .empty(format):
            return "the \(format) is empty"
        case let .malformedJSON(format, detail):
            return "the \(format) is not valid JSON: \(detail)"
        case let .missingVersion(format):
            return "not a timelinec \(format): the key \"\(format.versionKey)\" is missing"
        case let .wrongFormat(expected, found):
            return "expected a timelinec \(expected) (\"\(expected.versionKey)\"), "
                + "found a \(found) (\"\(found.versionKey)\")"
        case let .unsupportedVersion(format, found, supported):
            let list = supported.map(String.init).joined(separator: ", ")
            return "\(format.versionKey) version \(found) is not supported: TimelineKit reads "
                + "version \(list); use a TimelineKit that reads version \(found), or a timelinec "
                + "that writes version \(list)"
        case let .invalidData(format, path, detail):
            let place = path.isEmpty ? "" : " at \(path)"
            return "invalid \(format)\(place): \(detail)"
        }
    }
}

extension TimelineKitError {
    /// Maps Foundation's `DecodingError` to an error that says where and what.
    init(_ error: DecodingError, format: DocumentFormat) {
        switch error {
        case let .typeMismatch(type, context):
            self = .invalidData(format: format, path: Self.path(context.codingPath),
                                detail: "expected \(Self.typeName(type)): "
                                    + context.debugDescription)
        case let .valueNotFound(type, context):
            self = .invalidData(format: format, path: Self.path(context.codingPath),
                                detail: "expected \(Self.typeName(type)), found null or nothing")
        case let .keyNotFound(key, context):
            self = .invalidData(format: format, path: Self.path(context.codingPath + [key]),
                                detail: "required key \"\(key.stringValue)\" is missing")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { String(describing: $0) }
                    ?? context.debugDescription
                self = .malformedJSON(format: format, detail: detail)
            } else {
                self = .invalidData(format: format, path: Self.path(context.codingPath),
                                    detail: context.debugDescription)
            }
        @unknown default:
            self = .invalidData(format: format, path: "", detail: String(describing: error))
        }
    }

    /// `entries[3].views.main.target`
    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}

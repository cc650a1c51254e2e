import Foundation
import XCTest
@testable import TimelineKit

/// Paths of the repository's fixtures, computed from this file's path (not resources).
enum Repo {
    /// The repository root: this file is tests/swift/TimelineKitTests/Support.swift.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // TimelineKitTests
        .deletingLastPathComponent() // swift
        .deletingLastPathComponent() // tests
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    static let goldenExamples = url("tests/golden/examples")
    static let goldenSchedules = url("tests/golden/schedules")
    static let conformance = url("tests/conformance")
    static let fixtures = url("tests/swift/TimelineKitTests/Fixtures")

    /// The files of a directory whose names end with `suffix`, sorted.
    static func files(in directory: URL, endingWith suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(suffix) }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: url(relative))
    }

    /// The specs (`*.yaml`) of a directory of examples whose top level has the key `kind`
    /// (`widget` or `live-activity`): each has golden files, so the goldens are counted
    /// against them rather than against a number to bump with every new example.
    static func specs(in relative: String, kind: String) throws -> [URL] {
        try files(in: url(relative), endingWith: ".yaml").filter { file in
            String(decoding: try Data(contentsOf: file), as: UTF8.self)
                .split(separator: "\n").contains { $0.hasPrefix(kind + ":") }
        }
    }
}

/// An instant from a test literal (fails the test rather than trapping).
func instant(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Date {
    try XCTUnwrap(Instant.parse(text), "not an instant: \(text)", file: file, line: line)
}

/// Any JSON value, to compare documents independent of key order and formatting.
enum JSONTree: Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONTree].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONTree].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        }
    }

    static func parse(_ data: Data) throws -> JSONTree {
        try JSONDecoder().decode(JSONTree.self, from: data)
    }

    func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(self)
    }

    subscript(key: String) -> JSONTree? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Every string in the tree with its path.
    func strings(path: String = "") -> [(path: String, value: String)] {
        switch self {
        case .string(let s): return [(path, s)]
        case .array(let a):
            return a.enumerated().flatMap { $0.element.strings(path: "\(path)[\($0.offset)]") }
        case .object(let o):
            return o.keys.sorted().flatMap { o[$0, default: .null].strings(path: "\(path).\($0)") }
        default: return []
        }
    }

    /// A copy with the value at `path` (object keys and array indices) replaced, or removed
    /// when `value` is nil.
    func replacing(_ path: [PathItem], with value: JSONTree?) -> JSONTree {
        guard let first = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var o), .key(let k)):
            if rest.isEmpty && value == nil { o[k] = nil }
            else { o[k] = (o[k] ?? .null).replacing(rest, with: value) }
            return .object(o)
        case (.array(var a), .index(let i)) where a.indices.contains(i):
            if rest.isEmpty && value == nil { a.remove(at: i) }
            else { a[i] = a[i].replacing(rest, with: value) }
            return .array(a)
        case (.array(var a), .index(let i)) where i == a.count && rest.isEmpty:
            if let value { a.append(value) }
            return .array(a)
        default:
            return self
        }
    }

    enum PathItem: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case key(String)
        case index(Int)
        init(stringLiteral value: String) { self = .key(value) }
        init(integerLiteral value: Int) { self = .index(value) }
    }
}

/// A deterministic pseudo-random generator (SplitMix64) for the garbage-input tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

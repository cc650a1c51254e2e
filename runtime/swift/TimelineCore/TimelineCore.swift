// TimelineCore: the C runtime core (runtime/core, no ICU, no cJSON) from Swift. An app or a
// widget extension reads a compiled program and instantiates it on device, with the data it
// knows only then (an ETA, a courier's name), into the timeline JSON that `timelinec compile
// --timeline` writes, byte for byte, and that TimelineKit reads.
import CTimelineCore
import Foundation

/// A failure of the C core: its status and its message.
public struct TimelineCoreError: Error, CustomStringConvertible, Sendable {
    /// The core's status (`TLC_EINPUT`, `TLC_ENOTFOUND`, ...), negative.
    public let status: Int32
    public let message: String
    public var description: String { message }
}

private func message<T>(_ tuple: T) -> String {
    withUnsafeBytes(of: tuple) { raw in
        let bytes = raw.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The zones the core resolves names with: the system's TZif files, or Foundation's `TimeZone`
/// (what an iOS app has; see `Zones.foundation()`).
public final class Zones: @unchecked Sendable {
    let raw: OpaquePointer

    private init(raw: OpaquePointer) { self.raw = raw }
    deinit { tlc_zones_free(raw) }

    /// The TZif provider: `directory`, else `$TIMELINEC_TZDIR`, `$TZDIR`, `/usr/share/zoneinfo`.
    public static func tzif(directory: String? = nil) throws -> Zones {
        var out: OpaquePointer?
        let rc = tlc_zones_new_tzif(&out, directory)
        guard rc == 0, let out else {
            throw TimelineCoreError(status: rc, message: "cannot open the zone database")
        }
        return Zones(raw: out)
    }

    /// Zones from Foundation's `TimeZone`, through the core's provider interface
    /// (`tlc_zones_new_custom`). Foundation gives daylight-saving transitions only: an offset
    /// change without one (a zone moving its standard time) is seen only as a different offset.
    public static func foundation() throws -> Zones {
        var ops = tlc_zone_provider_ops()
        ops.open = { _, name, implOut in
            guard let name, let implOut, let tz = TimeZone(identifier: String(cString: name)) else {
                return TLC_ENOTFOUND.rawValue
            }
            implOut.pointee = UnsafeMutableRawPointer(Unmanaged.passRetained(ZoneBox(tz)).toOpaque())
            return 0
        }
        ops.offset = { _, impl, utc, offsetOut, isdstOut in
            guard let impl else { return TLC_EINVAL.rawValue }
            let tz = Unmanaged<ZoneBox>.fromOpaque(impl).takeUnretainedValue().zone
            let date = Date(timeIntervalSince1970: TimeInterval(utc))
            offsetOut?.pointee = Int32(tz.secondsFromGMT(for: date))
            isdstOut?.pointee = tz.isDaylightSavingTime(for: date)
            return 0
        }
        ops.next_transition = { _, impl, after, out in
            guard let impl else { return TLC_EINVAL.rawValue }
            let tz = Unmanaged<ZoneBox>.fromOpaque(impl).takeUnretainedValue().zone
            guard let next = tz.nextDaylightSavingTimeTransition(
                after: Date(timeIntervalSince1970: TimeInterval(after))) else {
                return TLC_ENOTFOUND.rawValue
            }
            out?.pointee = tlc_time(next.timeIntervalSince1970.rounded(.down))
            return 0
        }
        ops.prev_transition = { _, impl, at, out in
            guard let impl else { return TLC_EINVAL.rawValue }
            let tz = Unmanaged<ZoneBox>.fromOpaque(impl).takeUnretainedValue().zone
            // Foundation has no "previous": walk forward from a year back, then further back
            var span: TimeInterval = 366 * 86400
            while span <= 64 * 366 * 86400 {
                var last: Date?
                var t = Date(timeIntervalSince1970: TimeInterval(at) - span)
                while let n = tz.nextDaylightSavingTimeTransition(after: t),
                      n.timeIntervalSince1970 <= TimeInterval(at) {
                    last = n
                    t = n
                }
                if let last {
                    out?.pointee = tlc_time(last.timeIntervalSince1970.rounded(.down))
                    return 0
                }
                span *= 2
            }
            return TLC_ENOTFOUND.rawValue
        }
        ops.close = { _, impl in
            if let impl { Unmanaged<ZoneBox>.fromOpaque(impl).release() }
        }
        ops.version = { _ in nil }
        ops.free_ud = nil
        var out: OpaquePointer?
        let rc = tlc_zones_new_custom(&out, &ops, nil)
        guard rc == 0, let out else {
            throw TimelineCoreError(status: rc, message: "cannot make Foundation's zones")
        }
        return Zones(raw: out)
    }

    /// The UTC offset of zone `name` at `utc` (seconds since 1970), in seconds east.
    public func offset(_ name: String, at utc: Int64) throws -> Int32 {
        tlc_zone_offset(try zone(name), utc)
    }

    /// The first instant after `utc` where the zone's offset changes, or nil.
    public func nextTransition(_ name: String, after utc: Int64) throws -> Int64? {
        var out: tlc_time = 0
        return tlc_zone_next_transition(try zone(name), utc, &out) == 0 ? out : nil
    }

    /// The last instant at or before `utc` where the zone's offset changed, or nil.
    public func previousTransition(_ name: String, at utc: Int64) throws -> Int64? {
        var out: tlc_time = 0
        return tlc_zone_prev_transition(try zone(name), utc, &out) == 0 ? out : nil
    }

    /// The zone `name` ("Europe/Berlin", "UTC", "+05:30"), for instantiation.
    func zone(_ name: String) throws -> OpaquePointer {
        var z: OpaquePointer?
        let rc = tlc_zones_get(raw, name, &z)
        guard rc == 0, let z else {
            throw TimelineCoreError(status: rc, message: "unknown zone '\(name)'")
        }
        return z
    }
}

private final class ZoneBox {
    let zone: TimeZone
    init(_ zone: TimeZone) { self.zone = zone }
}

/// A value for one of the program's parameters.
public enum ParamValue: Sendable, Hashable {
    case instant(Date)        // `instant`
    case duration(Int64)      // `duration`, in seconds
    case integer(Int64)       // `integer`
    case text(String)         // `text`
    case number(String)       // `number`, as written ("2.5")
    case events(String)       // `events`: a JSON array of items, as docs/spec.md describes
}

/// A compiled program (`timelinec compile SPEC`), read by the core.
public final class Program: @unchecked Sendable {
    let raw: UnsafeMutablePointer<tlc_program>

    /// Reads a program's JSON; a damaged or newer file is a thrown error with the core's message.
    public init(json: Data) throws {
        var out: UnsafeMutablePointer<tlc_program>?
        var err = tlc_err()
        let rc = json.withUnsafeBytes { bytes in
            tlc_program_read_json(&out, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                  bytes.count, &err)
        }
        guard rc == 0, let out else {
            throw TimelineCoreError(status: rc, message: "not a valid program: " + message(err.msg))
        }
        raw = out
    }

    deinit { tlc_program_free(raw) }

    /// "2026-12-03T16:45:00Z", as the CLI records an instant given that way.
    static func rfc3339(_ t: tlc_time) -> String {
        var c = tlc_civil()
        tlc_civil_from_secs(t, &c)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.min, c.sec)
    }

    /// The program's zone: an IANA name, or "floating" (the device's).
    public var zone: String { String(cString: raw.pointee.zone) }

    /// A parameter's type, as the program declares it.
    public enum ParamType: String, Sendable {
        case instant, duration, text, integer, number, events
    }

    /// The parameters the program takes, in its order.
    public var parameters: [(name: String, type: ParamType)] {
        (0..<raw.pointee.nparams).map { i in
            let p = raw.pointee.params[i]
            let type: ParamType
            switch p.type {
            case TLC_PPARAM_INSTANT: type = .instant
            case TLC_PPARAM_DURATION: type = .duration
            case TLC_PPARAM_INTEGER: type = .integer
            case TLC_PPARAM_NUMBER: type = .number
            case TLC_PPARAM_EVENTS: type = .events
            default: type = .text
            }
            return (String(cString: p.name), type)
        }
    }

    /// Instantiates the program at `now` and writes the timeline JSON, as
    /// `timelinec compile SPEC --timeline --now NOW --param ...` does. `displayZone` is the
    /// device's zone (default: the program's zone, UTC when floating). Message texts come from
    /// the texts the compiler baked into the program.
    public func timelineJSON(now: Date, zones: Zones, displayZone: String? = nil,
                             params: [String: ParamValue] = [:]) throws -> Data {
        let known = Set(parameters.map(\.name))
        if let unknown = params.keys.sorted().first(where: { !known.contains($0) }) {
            throw TimelineCoreError(status: TLC_EINPUT.rawValue,
                                    message: "the program has no parameter '\(unknown)'")
        }
        let floating = zone == "floating"
        let eventZone = floating ? nil : try zones.zone(zone)
        let display = try zones.zone(displayZone ?? (floating ? "UTC" : zone))
        // the C strings live as long as this call
        let names = params.keys.sorted()
        var cStrings: [UnsafeMutablePointer<CChar>] = []
        defer { cStrings.forEach { free($0) } }
        func keep(_ s: String) -> UnsafePointer<CChar> {
            let p = strdup(s)!
            cStrings.append(p)
            return UnsafePointer(p)
        }
        var values: [tlc_param_value] = []
        for name in names {
            var v = tlc_param_value()
            v.name = keep(name)
            // the text is what the timeline records under "params"
            switch params[name]! {
            case .instant(let d):
                v.instant = tlc_time(d.timeIntervalSince1970.rounded(.down))
                v.text = keep(Program.rfc3339(v.instant))
            case .duration(let s):
                v.number = s
                v.text = keep("\(s)s")
            case .integer(let s):
                v.number = s
                v.text = keep(String(s))
            case .text(let t), .number(let t), .events(let t):
                v.text = keep(t)
            }
            values.append(v)
        }
        var timeline: UnsafeMutablePointer<tlc_timeline>?
        var ierr = tlc_inst_err()
        let rc = values.withUnsafeBufferPointer { vals -> Int32 in
            var o = tlc_instantiate_opts()
            o.now = tlc_time(now.timeIntervalSince1970.rounded(.down))
            o.data_time = Int64.min // TLC_TIME_NONE: the data time is now
            o.now_source = TLC_NOW_OPTION
            o.event_zone = eventZone
            o.display_zone = display
            o.params = vals.baseAddress
            o.nparams = vals.count
            return tlc_instantiate(&timeline, raw, &o, &ierr)
        }
        guard rc == 0, let timeline else {
            throw TimelineCoreError(status: rc, message: "cannot instantiate: " + message(ierr.msg))
        }
        defer { tlc_timeline_free(timeline) }
        var buf = tlc_buf()
        tlc_buf_init(&buf)
        defer { tlc_buf_release(&buf) }
        let locales = UnsafeRawPointer(raw.pointee.locales)?
            .assumingMemoryBound(to: UnsafePointer<CChar>?.self)
        let wrc = tlc_timeline_write_json(&buf, timeline, locales, raw.pointee.nlocales, nil, nil)
        guard wrc == 0, let ptr = buf.ptr else {
            throw TimelineCoreError(status: wrc, message: "cannot write the timeline")
        }
        return Data(bytes: ptr, count: buf.len)
    }
}

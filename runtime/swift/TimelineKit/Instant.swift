import Foundation

/// The instants of timelinec's JSON: RFC 3339 in UTC with a `Z` and whole seconds,
/// `"2026-12-01T17:00:00Z"`, years 0000 to 9999 (the schemas' `instant`).
///
/// The parser is strict and allocation-free: it accepts exactly the schemas' pattern (no
/// fractional seconds, no offsets, no lower-case `t`/`z`) and checks the day against the month.
/// It reads the same `Date` as Foundation's `ISO8601DateFormatter` and
/// `JSONDecoder.DateDecodingStrategy.iso8601` (the tests check it on every instant of the
/// golden files), independent of the device's zone, locale and calendar.
public enum Instant {
    /// The `Date` an instant string denotes, or nil when the text is not an instant of the
    /// schemas' form.
    public static func parse(_ text: String) -> Date? {
        guard let seconds = epochSeconds(text, requireZ: true) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The instant string of a date, or nil when the date has a fraction of a second or lies
    /// outside the years 0000 to 9999.
    public static func string(from date: Date) -> String? {
        let t = date.timeIntervalSince1970
        guard t.isFinite, t == t.rounded(.down), t >= Double(minSeconds), t <= Double(maxSeconds)
        else { return nil }
        let seconds = Int64(t)
        let days = floorDiv(seconds, 86_400)
        let rest = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rest / 3600, 2) + ":"
            + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2) + "Z"
    }

    /// True when `text` is a wall-clock reading of the program schema's `local` form
    /// (`"2026-11-06T16:00:00"`: an instant without the `Z`).
    static func isLocalReading(_ text: String) -> Bool {
        epochSeconds(text, requireZ: false) != nil
    }

    /// Seconds since 1970 of an instant (`Z`) or of a wall-clock reading read as UTC; nil
    /// when `text` is neither.
    static func seconds(_ text: String) -> Int64? {
        epochSeconds(text, requireZ: true) ?? epochSeconds(text, requireZ: false)
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since 1970.
    static let minSeconds: Int64 = -62_167_219_200
    static let maxSeconds: Int64 = 253_402_300_799

    private static func epochSeconds(_ text: String, requireZ: Bool) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0, requireZ: requireZ) }
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, requireZ: Bool) -> Int64? {
        guard b.count == (requireZ ? 20 : 19) else { return nil }
        if requireZ && b[19] != UInt8(ascii: "Z") { return nil }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int64(c - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2),
              let hh = number(11, 2), let mm = number(14, 2), let ss = number(17, 2),
              (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y),
              hh <= 23, mm <= 59, ss <= 59 else { return nil }
        return days(fromCivil: y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss
    }

    private static func daysIn(month m: Int64, year y: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func days(fromCivil year: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

import Foundation
import Domain

/// Small helpers on instants kept as whole seconds or microseconds, so that folds avoid Foundation's calendars.
enum Instant {
    /// Microseconds since 1970 of a date.
    @inline(__always)
    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    /// The date of microseconds since 1970.
    @inline(__always)
    static func date(micros: Int64) -> Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }

    /// `YYYYMMDDTHHMMSSZ` (RFC 5545 UTC form) of an instant.
    static func icsUTC(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let d = LocalDate(daysSinceEpoch: Int(days))
        let h = Int(rest / 3600), m = Int(rest % 3600 / 60), s = Int(rest % 60)
        return pad(d.year, 4) + pad(d.month, 2) + pad(d.day, 2) + "T" + pad(h, 2) + pad(m, 2) + pad(s, 2) + "Z"
    }

    /// ISO 8601 Paris time with its offset, e.g. `2012-04-27T10:00+02:00`.
    static func isoParis(_ date: Date) -> String {
        let l = ParisTime.local(date)
        let offset = ParisTime.utcOffset(at: date) / 3600
        return "\(l.date)T\(l.time)+\(pad(offset, 2)):00"
    }

    /// Zero-padded decimal.
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

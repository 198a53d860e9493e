public import Foundation

/// Europe/Paris civil time computed without tzdata.
///
/// Rule (EU, since 1996): CET = UTC+1; CEST = UTC+2 from the last Sunday of March 01:00 UTC
/// to the last Sunday of October 01:00 UTC. Instants before 1996 are converted with the same
/// rule, which is wrong for those years; the platform's data starts in 2009.
///
/// Local → instant (``instant(_:policy:label:)``):
/// - a local time in the spring gap (e.g. 2012-03-25 02:00–02:59) does not exist: refused with
///   `time.nonexistentLocalTime` under `.strict`, moved forward by the gap's length
///   (02:30 → 03:30 CEST) under `.shiftForward` (RFC 5545's reading);
/// - a local time in the autumn overlap (e.g. 2012-10-28 02:00–02:59) happens twice: refused with
///   `time.ambiguousLocalTime` under `.strict` (the person adds the offset), the first occurrence
///   (CEST, UTC+2) under `.shiftForward` (RFC 5545's reading).
public enum ParisTime {
    /// What to do with a local time that a change of offset skips or repeats.
    public enum Policy: Sendable {
        /// Refuse a skipped time and a repeated one: one-off times people enter.
        case strict
        /// Move a skipped time forward by one hour and read a repeated one as its first
        /// occurrence (summer time): occurrences of recurring patterns, and queries.
        case shiftForward
    }

    /// Seconds east of UTC in force at `instant`: 3600 or 7200.
    public static func utcOffset(at instant: Date) -> Int {
        utcOffset(atEpochSeconds: epochSeconds(instant))
    }

    /// Whole seconds since 1970, clamped to years ±100,000 so that no instant can trap (NaN reads as 1970).
    static func epochSeconds(_ instant: Date) -> Int64 {
        let x = instant.timeIntervalSince1970
        guard x.isFinite else { return 0 }
        return Int64(floor(min(max(x, -3e12), 3e12)))
    }

    static func utcOffset(atEpochSeconds t: Int64) -> Int {
        let days = Int((t >= 0 ? t : t - 86_399) / 86_400)
        let year = LocalDate(daysSinceEpoch: days).year
        let (start, end) = summerTime(year: year)
        return (t >= start && t < end) ? 7200 : 3600
    }

    /// Start and end of summer time in `year`, in seconds since 1970 (01:00 UTC on the last
    /// Sundays of March and October), read from ``SummerTimeTable`` for the years it covers.
    static func summerTime(year: Int) -> (start: Int64, end: Int64) {
        let index = year - SummerTimeTable.firstYear
        if index >= 0 && index < SummerTimeTable.bounds.count { return SummerTimeTable.bounds[index] }
        return SummerTimeTable.compute(year: year)
    }

    /// Summer-time bounds computed once for the years people book in: every conversion of a
    /// loan's times needs them, and computing two last Sundays each time is most of its cost.
    enum SummerTimeTable {
        static let firstYear = 1970
        static let bounds: [(start: Int64, end: Int64)] = (firstYear..<2200).map(compute(year:))

        static func compute(year: Int) -> (start: Int64, end: Int64) {
            (Int64(lastSunday(year: year, month: 3).daysSinceEpoch) * 86_400 + 3600,
             Int64(lastSunday(year: year, month: 10).daysSinceEpoch) * 86_400 + 3600)
        }
    }

    /// The last Sunday of a month.
    public static func lastSunday(year: Int, month: Int) -> LocalDate {
        let last = LocalDate(uncheckedYear: year, month: month, day: LocalDate.daysIn(year: year, month: month))
        return last.adding(days: -(last.weekday.rawValue % 7))
    }

    /// The Paris wall-clock time of `instant`, truncated to the minute.
    public static func local(_ instant: Date) -> LocalDateTime {
        let t = epochSeconds(instant)
        let local = t + Int64(utcOffset(atEpochSeconds: t))
        let days = Int((local >= 0 ? local : local - 86_399) / 86_400)
        let secs = Int(local - Int64(days) * 86_400)
        return LocalDateTime(LocalDate(daysSinceEpoch: days), LocalTime(minutesSinceMidnight: secs / 60))
    }

    /// The Paris calendar date of `instant`.
    public static func date(_ instant: Date) -> LocalDate { local(instant).date }

    /// The instant of a Paris wall-clock time.
    /// - Parameters:
    ///   - policy: what to do with a skipped or repeated local time.
    ///   - label: how the messages name the time, e.g. « L’heure de début ».
    /// - Throws: `DomainError` with code `time.nonexistentLocalTime` (spring gap) or
    ///   `time.ambiguousLocalTime` (autumn overlap) under `.strict`.
    public static func instant(_ local: LocalDateTime, policy: Policy = .strict, label: String = "L’heure") throws(DomainError) -> Date {
        let wall = Int64(local.date.daysSinceEpoch) * 86_400 + Int64(local.time.minutesSinceMidnight) * 60
        let summer = wall - 7200, winter = wall - 3600
        let isSummer = utcOffset(atEpochSeconds: summer) == 7200
        let isWinter = utcOffset(atEpochSeconds: winter) == 3600
        switch (isSummer, isWinter, policy) {
        case (true, false, _), (true, true, .shiftForward):
            return Date(timeIntervalSince1970: Double(summer))
        case (false, true, _):
            return Date(timeIntervalSince1970: Double(winter))
        case (true, true, .strict):
            throw DomainError(.ambiguousLocalTime, field: nil,
                              "\(label) \(local.time) du \(local.date.french) a lieu deux fois à Paris (retour à l’heure d’hiver) : ajoutez le décalage, \(local)+02:00 pour la première fois (heure d’été) ou \(local)+01:00 pour la seconde (heure d’hiver).")
        case (false, false, .strict):
            throw DomainError(.nonexistentLocalTime, field: nil,
                              "\(label) \(local.time) du \(local.date.french) n’existe pas à Paris (passage à l’heure d’été) : choisissez 03:00 ou plus tard.")
        case (false, false, .shiftForward):
            // In the gap: read the wall time with the winter offset, landing one hour later in summer time.
            return Date(timeIntervalSince1970: Double(winter))
        }
    }

    /// Start of the Paris day `date` (00:00 never falls in a gap in Paris).
    public static func startOfDay(_ date: LocalDate) -> Date {
        (try? instant(LocalDateTime(date, LocalTime(minutesSinceMidnight: 0)), policy: .shiftForward))
            ?? Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
    }

    /// `27/04/2012 10 h`, for messages.
    public static func french(_ instant: Date) -> String {
        let l = local(instant)
        return "\(l.date.french) \(l.time.french)"
    }

    /// `du 27/04/2012 10 h – 17 h` or spanning days `du 27/04/2012 10 h au 28/04/2012 12 h`.
    public static func french(_ period: Period) -> String {
        let s = local(period.start), e = local(period.end)
        if s.date == e.date { return "du \(s.date.french) \(s.time.french) – \(e.time.french)" }
        return "du \(s.date.french) \(s.time.french) au \(e.date.french) \(e.time.french)"
    }
}

extension ParisTime {
    /// RFC 3339 with the Paris offset in force: `2012-04-27T10:00:00+02:00`.
    public static func rfc3339(_ instant: Date) -> String {
        let local = local(instant)
        let offset = utcOffset(at: instant) / 3600
        let whole = instant.timeIntervalSince1970.rounded(.down)
        let seconds = whole.isFinite ? ((Int(max(min(whole, 1e15), -1e15)) % 60) + 60) % 60 : 0
        return "\(local.date)T\(local.time):\(seconds < 10 ? "0" : "")\(seconds)+0\(offset):00"
    }
}

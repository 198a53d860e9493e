/// A calendar date (proleptic Gregorian) with no time zone, e.g. a day in Europe/Paris.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Year, 1900...2999.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of month, 1...28/29/30/31.
    public let day: Int

    /// Creates a date, refusing impossible ones such as 2012-02-30.
    /// - Throws: `DomainError` with code `value.invalidDate`.
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(year: year, month: month)).contains(day) else {
            throw DomainError(.invalidDate, field: nil,
                              "La date \(year)-\(month)-\(day) n’existe pas (format attendu AAAA-MM-JJ).")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO 8601 `YYYY-MM-DD`.
    /// - Throws: `DomainError` with code `value.invalidDate` (malformed text or impossible date).
    public init(iso text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = Self.digits(bytes[0..<4]), let m = Self.digits(bytes[5..<7]), let d = Self.digits(bytes[8..<10]) else {
            throw DomainError(.invalidDate, field: nil, "« \(text.prefix(40)) » n’est pas une date au format AAAA-MM-JJ.")
        }
        try self.init(year: y, month: m, day: d)
    }

    static func digits(_ slice: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in slice {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// Whether `year` is a leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Number of days of a month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(uncheckedYear: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (4).
        let r = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday(rawValue: r + 1) ?? .monday
    }

    /// The date `n` days later (earlier when negative).
    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// The same day `n` months later, clamped to the month's last day (31 Jan + 1 month = 29 Feb 2012).
    public func adding(months n: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return LocalDate(uncheckedYear: y, month: m, day: min(day, LocalDate.daysIn(year: y, month: m)))
    }

    /// The same day `n` years later, clamped: 29 Feb 2012 + 1 year = 28 Feb 2013.
    public func adding(years n: Int) -> LocalDate { adding(months: 12 * n) }

    /// The month holding this date.
    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `DD/MM/YYYY`, as French readers expect.
    public var french: String { "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))" }

    /// Chronological order.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

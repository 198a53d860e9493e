/// A wall-clock date and time in Europe/Paris, to the minute.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The date.
    public let date: LocalDate
    /// The time of day.
    public let time: LocalTime

    /// Creates a date-time.
    public init(_ date: LocalDate, _ time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted).
    /// - Throws: `DomainError` with code `value.invalidDate` or `value.invalidTime`.
    public init(iso text: String) throws(DomainError) {
        guard text.utf8.count == 16 else {
            throw DomainError(.invalidDate, field: nil, "« \(text.prefix(40)) » n’est pas au format AAAA-MM-JJTHH:MM.")
        }
        let date = try LocalDate(iso: String(text.prefix(10)))
        let sep = text[text.index(text.startIndex, offsetBy: 10)]
        guard sep == "T" || sep == " " else {
            throw DomainError(.invalidDate, field: nil, "« \(text.prefix(40)) » n’est pas au format AAAA-MM-JJTHH:MM.")
        }
        self.init(date, try LocalTime(iso: String(text.suffix(5))))
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String { "\(date)T\(time)" }

    /// Chronological order.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { (lhs.date, lhs.time) < (rhs.date, rhs.time) }
}

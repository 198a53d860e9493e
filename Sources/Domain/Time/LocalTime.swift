/// A wall-clock time of day to the minute, 00:00...23:59.
public struct LocalTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Hour, 0...23.
    public let hour: Int
    /// Minute, 0...59.
    public let minute: Int

    /// Creates a time.
    /// - Throws: `DomainError` with code `value.invalidTime` (24:00 is refused).
    public init(hour: Int, minute: Int) throws(DomainError) {
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw DomainError(.invalidTime, field: nil, "L’heure \(hour):\(minute) n’existe pas (00:00 à 23:59).")
        }
        self.hour = hour
        self.minute = minute
    }

    init(minutesSinceMidnight m: Int) {
        hour = m / 60
        minute = m % 60
    }

    /// Parses `HH:MM`.
    /// - Throws: `DomainError` with code `value.invalidTime`.
    public init(iso text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let h = LocalDate.digits(bytes[0..<2]), let m = LocalDate.digits(bytes[3..<5]) else {
            throw DomainError(.invalidTime, field: nil, "« \(text.prefix(40)) » n’est pas une heure au format HH:MM.")
        }
        try self.init(hour: h, minute: m)
    }

    /// Minutes since midnight.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String { "\(pad(hour, 2)):\(pad(minute, 2))" }

    /// `10 h` or `10 h 30`, as French readers expect.
    public var french: String { minute == 0 ? "\(hour) h" : "\(hour) h \(pad(minute, 2))" }

    /// Chronological order.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

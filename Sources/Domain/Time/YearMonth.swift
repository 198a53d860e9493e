/// A calendar month, the unit of borrowing quotas.
public struct YearMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Year.
    public let year: Int
    /// Month, 1...12.
    public let month: Int

    /// Creates a month.
    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

    /// Chronological order.
    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

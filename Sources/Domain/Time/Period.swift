public import Foundation

/// A half-open interval of instants `[start, end)`: back-to-back periods do not overlap.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    /// First instant inside.
    public let start: Date
    /// First instant after.
    public let end: Date

    /// Creates a period.
    /// - Throws: `DomainError` with code `value.endNotAfterStart` unless `end > start`.
    public init(start: Date, end: Date) throws(DomainError) {
        guard start.timeIntervalSince1970.isFinite, end.timeIntervalSince1970.isFinite else {
            throw DomainError(.notFinite, field: "start", "Les instants doivent être des nombres finis.")
        }
        // Years 1900 to 2999, like LocalDate: keeps every later computation in range.
        let range = -2_208_988_800.0 ... 32_503_680_000.0
        guard range.contains(start.timeIntervalSince1970), range.contains(end.timeIntervalSince1970) else {
            throw DomainError(.invalidDate, field: "start", "Les dates doivent être comprises entre 1900 et 2999.")
        }
        guard end > start else {
            throw DomainError(.endNotAfterStart, field: "end", "La fin doit être postérieure au début.")
        }
        self.start = start
        self.end = end
    }

    init(uncheckedStart start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// The period between two Paris wall-clock times.
    /// - Throws: `DomainError` (`time.nonexistentLocalTime`, `time.ambiguousLocalTime`, `value.endNotAfterStart`).
    public init(paris start: LocalDateTime, _ end: LocalDateTime, policy: ParisTime.Policy = .strict) throws(DomainError) {
        try self.init(given: .paris(start), .paris(end), policy: policy)
    }

    /// The period between two given times (exact instants kept, wall-clock times resolved with `policy`).
    /// - Throws: `DomainError` (`time.nonexistentLocalTime`, `time.ambiguousLocalTime`, `value.endNotAfterStart`),
    ///   naming the field `start` or `end`.
    public init(given start: GivenTime, _ end: GivenTime, policy: ParisTime.Policy = .strict) throws(DomainError) {
        let s: Date, e: Date
        do {
            s = try start.instant(policy: policy, label: "L’heure de début")
        } catch {
            throw DomainError(error.code, field: "start", error.message)
        }
        do {
            e = try end.instant(policy: policy, label: "L’heure de fin")
        } catch {
            throw DomainError(error.code, field: "end", error.message)
        }
        try self.init(start: s, end: e)
    }

    /// Whether the two half-open periods share an instant.
    public func overlaps(_ other: Period) -> Bool { start < other.end && other.start < end }

    /// Whether `other` lies entirely inside.
    public func contains(_ other: Period) -> Bool { start <= other.start && other.end <= end }

    /// Length in whole minutes.
    public var minutes: Int { Int(((end.timeIntervalSince1970 - start.timeIntervalSince1970) / 60).rounded()) }

    /// This period widened by `seconds` on both sides.
    public func widened(by seconds: TimeInterval) -> Period {
        Period(uncheckedStart: start.addingTimeInterval(-seconds), end: end.addingTimeInterval(seconds))
    }

    /// ISO instants, for debugging.
    public var description: String { "[\(start.timeIntervalSince1970), \(end.timeIntervalSince1970))" }
}

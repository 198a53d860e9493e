public import Foundation

/// A time as a client gave it: a Paris wall-clock time, resolved by the Paris rules, or an exact
/// instant (given with `Z` or an offset), kept as it is.
///
/// Commands carry a `GivenTime` rather than a ``LocalDateTime`` so that an instant given with its
/// offset in the repeated hour of the autumn change (`2027-10-31T02:30+01:00`) is not read back as
/// the other 02:30.
public enum GivenTime: Hashable, Sendable, CustomStringConvertible {
    /// A Paris wall-clock time, without offset.
    case paris(LocalDateTime)
    /// An exact instant.
    case exact(Date)

    /// The Paris wall-clock reading, to the minute.
    public var local: LocalDateTime {
        switch self {
        case .paris(let local): local
        case .exact(let instant): ParisTime.local(instant)
        }
    }

    /// The instant: an exact one as it is, a wall-clock time through ``ParisTime/instant(_:policy:label:)``.
    /// - Throws: `DomainError` (`time.nonexistentLocalTime`, `time.ambiguousLocalTime`) under `.strict`.
    public func instant(policy: ParisTime.Policy = .strict, label: String = "L’heure") throws(DomainError) -> Date {
        switch self {
        case .paris(let local): try ParisTime.instant(local, policy: policy, label: label)
        case .exact(let instant): instant
        }
    }

    /// `YYYY-MM-DDTHH:MM` for a wall-clock time, seconds since 1970 for an exact instant.
    public var description: String {
        switch self {
        case .paris(let local): local.description
        case .exact(let instant): "@\(instant.timeIntervalSince1970)"
        }
    }
}

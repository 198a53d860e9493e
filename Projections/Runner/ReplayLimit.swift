public import Foundation

/// How far an as-of replay goes.
public enum ReplayLimit: Sendable {
    /// To the log's head.
    case head
    /// Through this position (included).
    case position(UInt64)
    /// Through the last record recorded at or before this instant.
    case instant(Date)
}

public import Domain
public import EventLog

/// Why a command or query of the application layer failed. Each case maps to one HTTP status
/// and one exit code at the edges.
public enum AppError: Error, Sendable, CustomStringConvertible {
    /// A domain rule refused the command; nothing was written.
    case refused(DomainError)
    /// The caller's expected stream version (`If-Match`) is not the current one.
    case versionMismatch(stream: String, expected: UInt64, actual: UInt64)
    /// The command kept conflicting with concurrent writers after several attempts.
    case tooMuchContention(stream: String)
    /// The thing asked for does not exist.
    case notFound(what: String)
    /// The caller may not do this.
    case forbidden(String)
    /// The log cannot take writes now (disk full): retry later.
    case unavailable(EventLogError)
    /// The log failed: storage error, damaged record, stopped log.
    case storage(EventLogError)
    /// An `Idempotency-Key` already served another request (another body, path or actor): nothing was written.
    case idempotencyKeyReused

    public var description: String {
        switch self {
        case .refused(let error): return "\(error.code.rawValue): \(error.message)"
        case let .versionMismatch(stream, expected, actual):
            return "\(stream) is at version \(actual), not \(expected)"
        case .tooMuchContention(let stream): return "too many concurrent changes to \(stream)"
        case .notFound(let what): return "not found: \(what)"
        case .forbidden(let why): return "forbidden: \(why)"
        case .unavailable(let error), .storage(let error): return error.description
        case .idempotencyKeyReused: return "the idempotency key already served another request"
        }
    }

    static func from(_ error: EventLogError) -> AppError {
        switch error.code {
        case .diskFull: return .unavailable(error)
        case .idempotencyMismatch: return .idempotencyKeyReused
        default: return .storage(error)
        }
    }
}

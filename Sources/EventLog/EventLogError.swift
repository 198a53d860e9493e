public import LMDB

/// Why the event log refused or failed an operation: a stable code, a message for a person,
/// and the storage error underneath when there is one.
public struct EventLogError: Error, Sendable, CustomStringConvertible {
    /// Stable codes, safe to match on and to show in problem documents.
    public enum Code: String, Sendable, Hashable {
        /// The stream's version is not the expected one (optimistic concurrency).
        case wrongExpectedVersion
        /// Some events of an append were already recorded, others not, or under another stream.
        case idempotencyMismatch
        /// A stream id is empty, too long, or contains a NUL byte.
        case invalidStreamID
        /// An event's type, actor or payload is invalid or too large.
        case invalidEvent
        /// A stored record failed its checksum or could not be parsed.
        case corruptRecord
        /// The integrity chain does not verify.
        case chainBroken
        /// The data folder was written by a newer version of the record format.
        case formatTooNew
        /// The disk (or quota) is full; the write was not made and may be retried once space returns.
        case diskFull
        /// A commit or fsync failed: the log stopped accepting writes (fail-stop).
        case stopped
        /// The log was closed.
        case closed
        /// An import does not continue this log (positions or hashes do not match).
        case importMismatch
        /// A side-table request's condition (``SideTableChange/expect(key:value:)``) did not hold: nothing was written.
        case sideTableConflict
        /// Any other storage failure.
        case storage
    }

    /// What went wrong.
    public let code: Code
    /// A message for a person.
    public let message: String
    /// The stream's actual version, for ``Code/wrongExpectedVersion`` (0 when the stream does not exist).
    public let actualVersion: UInt64?
    /// The record's global position, for ``Code/corruptRecord`` and ``Code/chainBroken``.
    public let position: UInt64?
    /// The LMDB error underneath, if any.
    public let cause: LMDBError?

    /// Creates an error.
    public init(_ code: Code, _ message: String, actualVersion: UInt64? = nil, position: UInt64? = nil, cause: LMDBError? = nil) {
        self.code = code
        self.message = message
        self.actualVersion = actualVersion
        self.position = position
        self.cause = cause
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }

    static func storage(_ error: any Error, _ what: String) -> EventLogError {
        if let error = error as? EventLogError { return error }
        if let lmdb = error as? LMDBError {
            if lmdb.isOutOfSpace {
                return EventLogError(.diskFull, "\(what): the disk is full", cause: lmdb)
            }
            return EventLogError(.storage, "\(what) failed", cause: lmdb)
        }
        return EventLogError(.storage, "\(what) failed: \(error)")
    }
}

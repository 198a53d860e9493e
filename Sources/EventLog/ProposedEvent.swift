public import Foundation

/// An event about to be appended: its identity, its type and schema version, and opaque payload bytes.
public struct ProposedEvent: Sendable, Hashable {
    /// The event's id; appending the same id twice is a no-op (idempotency).
    public var id: UUID
    /// A stable type name, e.g. `room.loanRequested.v1`. At most 255 bytes of UTF-8.
    public var type: String
    /// The payload's schema version, for upcasting old payloads when read.
    public var schemaVersion: UInt16
    /// The payload, opaque to the log.
    public var payload: [UInt8]

    /// Creates a proposed event.
    public init(id: UUID = UUID(), type: String, schemaVersion: UInt16 = 1, payload: [UInt8]) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
    }
}

/// Who caused an append and why: stored in every record of the append.
public struct AppendMetadata: Sendable, Hashable {
    /// The actor who caused the events, e.g. `coordinator:token-3` or `structure:radiance`.
    public var actor: String
    /// Groups the records of one user action or workflow.
    public var correlationID: UUID?
    /// The record or request that caused these events.
    public var causationID: UUID?

    /// The time to record instead of the commit's, for loading historical data (the demo's
    /// 2012 history, migrations). It never makes recorded-at go backwards: an earlier time than
    /// the head's is raised to it. The HTTP API never sets it.
    public var recordedAt: Date?

    /// Creates metadata.
    public init(actor: String, correlationID: UUID? = nil, causationID: UUID? = nil, recordedAt: Date? = nil) {
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.recordedAt = recordedAt
    }
}

/// The outcome of a successful append.
public struct AppendResult: Sendable, Hashable {
    /// The stream appended to.
    public let stream: String
    /// Global position of the first event of the append.
    public let firstPosition: UInt64
    /// Global position of the last event of the append.
    public let lastPosition: UInt64
    /// The stream's version after the append (the version of its last event).
    public let streamVersion: UInt64
    /// True when every event had been recorded before: nothing was written.
    public let wasAlreadyRecorded: Bool
}

extension EventLog {
    /// Appends `events` to `stream` atomically, once the stream's version matches `expected`.
    ///
    /// Returns only after the transaction holding the events is durable (committed and
    /// fsynced). Concurrent calls are committed together (group commit). Appending events
    /// whose ids were all recorded by an earlier identical append writes nothing and returns
    /// that append's positions.
    /// - Throws: ``EventLogError/Code/wrongExpectedVersion`` with the actual version;
    ///   ``EventLogError/Code/idempotencyMismatch``; ``EventLogError/Code/invalidStreamID``;
    ///   ``EventLogError/Code/invalidEvent``; ``EventLogError/Code/diskFull`` (retry later);
    ///   ``EventLogError/Code/stopped`` after a failed commit; ``EventLogError/Code/closed``.
    public func append(
        to stream: String, expected: ExpectedVersion, events: [ProposedEvent], metadata: AppendMetadata
    ) async throws(EventLogError) -> AppendResult {
        switch await writer.submit(.append(stream: stream, expected: expected, events: events, metadata: metadata)) {
        case .appended(let result): return result
        case .failed(let error): throw error
        case .done: throw EventLogError(.storage, "the writer gave no result for an append")
        }
    }

    /// Appends records exported from another log (`mutualise import`), keeping their positions,
    /// times and hashes. They must continue this log exactly: the next position, the chain.
    /// - Throws: ``EventLogError/Code/importMismatch`` or ``EventLogError/Code/chainBroken``; nothing is written then.
    public func importRecords(_ records: [RecordedEvent]) async throws(EventLogError) {
        guard !records.isEmpty else { return }
        if case .failed(let error) = await writer.submit(.importRecords(records)) { throw error }
    }

    /// The reason the log stopped accepting writes after a failed commit, if it did.
    public var stopReason: EventLogError? { writer.stopped }
}

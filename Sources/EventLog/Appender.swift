import Foundation
import LMDB

/// The write path of one append inside the writer's transaction. Every check runs before
/// the first write, so that a refused append leaves nothing behind in the shared transaction.
enum Appender {
    static func validate(streamID: String) throws(EventLogError) {
        let bytes = streamID.utf8
        guard !bytes.isEmpty, bytes.count <= RecordFormat.maxNameBytes, !bytes.contains(0) else {
            throw EventLogError(.invalidStreamID, "a stream id is 1 to \(RecordFormat.maxNameBytes) bytes of UTF-8 without NUL: \"\(streamID.prefix(80))\"")
        }
    }

    static func validate(_ events: [ProposedEvent], _ metadata: AppendMetadata) throws(EventLogError) {
        guard !events.isEmpty else { throw EventLogError(.invalidEvent, "an append needs at least one event") }
        guard metadata.actor.utf8.count <= RecordFormat.maxNameBytes else {
            throw EventLogError(.invalidEvent, "the actor is longer than \(RecordFormat.maxNameBytes) bytes")
        }
        var seen = Set<UUID>(minimumCapacity: events.count > 1 ? events.count : 0)
        for event in events {
            guard !event.type.isEmpty, event.type.utf8.count <= RecordFormat.maxNameBytes else {
                throw EventLogError(.invalidEvent, "an event type is 1 to \(RecordFormat.maxNameBytes) bytes: \"\(event.type.prefix(80))\"")
            }
            guard event.payload.count <= RecordFormat.maxPayloadBytes else {
                throw EventLogError(.invalidEvent, "payload of \(event.payload.count) bytes exceeds \(RecordFormat.maxPayloadBytes)")
            }
            guard events.count == 1 || seen.insert(event.id).inserted else {
                throw EventLogError(.invalidEvent, "event id \(event.id) appears twice in one append")
            }
        }
    }

    static func append(
        _ txn: Transaction, _ tables: EventLog.Tables, stream: String, expected: ExpectedVersion,
        events: [ProposedEvent], metadata: AppendMetadata, head: inout Head, recordedAt: Int64
    ) throws -> AppendResult {
        try validate(streamID: stream)
        try validate(events, metadata)

        // Idempotency: an append whose events were all recorded returns the original result.
        var knownPositions: [UInt64] = []
        for event in events {
            let key = uuidKey(event.id)
            if let raw = try key.withUnsafeBytes({ try txn.get(tables.eventIDs, key: $0) }) {
                knownPositions.append(readPositionKey(raw))
            }
        }
        if !knownPositions.isEmpty {
            return try alreadyRecorded(txn, tables, stream: stream, events: events, positions: knownPositions)
        }

        let current = try Head.streamVersion(txn, tables, stream)
        guard expected.accepts(current) else {
            throw EventLogError(
                .wrongExpectedVersion,
                "stream \(stream) is at version \(current), expected \(expected)",
                actualVersion: current
            )
        }

        var requested: Int64 = recordedAt
        if let historical = metadata.recordedAt {
            let micros: Double = (historical.timeIntervalSince1970 * 1_000_000).rounded()
            requested = Int64(micros)
        }
        let recordedAt: Int64 = Swift.max(requested, head.recordedAtMicroseconds)
        var version = current
        var position = head.position
        var hash = head.hash
        let firstPosition = position + 1
        let streamPrefix = Array(stream.utf8) + [0]
        for event in events {
            position += 1
            version += 1
            let (bytes, newHash) = RecordFormat.encode(
                position: position, previous: hash, streamID: stream, streamVersion: version, type: event.type,
                schemaVersion: event.schemaVersion, recordedAtMicroseconds: recordedAt, actor: metadata.actor,
                correlationID: metadata.correlationID, causationID: metadata.causationID, id: event.id, payload: event.payload
            )
            hash = newHash
            let key = positionKey(position)
            try txn.put(tables.log, key: key, value: bytes, flags: .append)
            try txn.put(tables.streams, key: streamPrefix + positionKey(version), value: key)
            try txn.put(tables.eventIDs, key: uuidKey(event.id), value: key, flags: .noOverwrite)
        }
        var versionBytes = [UInt8]()
        appendLE(&versionBytes, version)
        try txn.put(tables.heads, key: Array(stream.utf8), value: versionBytes)
        head = Head(position: position, hash: hash, recordedAtMicroseconds: recordedAt)
        return AppendResult(stream: stream, firstPosition: firstPosition, lastPosition: position, streamVersion: version, wasAlreadyRecorded: false)
    }

    private static func alreadyRecorded(
        _ txn: Transaction, _ tables: EventLog.Tables, stream: String, events: [ProposedEvent], positions: [UInt64]
    ) throws -> AppendResult {
        let mismatch = EventLogError(
            .idempotencyMismatch,
            "some events of this append were already recorded, but not this exact append to \(stream)"
        )
        guard positions.count == events.count else { throw mismatch }
        var versions: [UInt64] = []
        for (event, position) in zip(events, positions) {
            let key = positionKey(position)
            guard let raw = try key.withUnsafeBytes({ try txn.get(tables.log, key: $0) }) else { throw mismatch }
            let record = try RecordFormat.decode(position: position, raw)
            guard record.streamID == stream, record.id == event.id, record.type == event.type, record.payload == event.payload else {
                throw mismatch
            }
            versions.append(record.streamVersion)
        }
        for index in positions.indices.dropFirst() where positions[index] != positions[index - 1] + 1 {
            throw mismatch
        }
        return AppendResult(
            stream: stream, firstPosition: positions[0], lastPosition: positions[positions.count - 1],
            streamVersion: versions[versions.count - 1], wasAlreadyRecorded: true
        )
    }

    /// Appends records exported from another log, keeping their positions, times and hashes.
    /// Everything is checked first: they must continue this log's chain exactly.
    static func importRecords(_ txn: Transaction, _ tables: EventLog.Tables, _ records: [RecordedEvent], head: inout Head) throws {
        var position = head.position
        var hash = head.hash
        var streamVersions: [String: UInt64] = [:]
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(records.count)
        var seenIDs = Set<UUID>()
        for record in records {
            position += 1
            guard record.position == position else {
                throw EventLogError(.importMismatch, "record \(record.position) does not follow position \(position - 1)", position: record.position)
            }
            try validate(streamID: record.streamID)
            let current = try streamVersions[record.streamID] ?? Head.streamVersion(txn, tables, record.streamID)
            guard record.streamVersion == current + 1 else {
                throw EventLogError(.importMismatch, "record \(record.position) has stream version \(record.streamVersion), expected \(current + 1)", position: record.position)
            }
            streamVersions[record.streamID] = record.streamVersion
            let idKey = uuidKey(record.id)
            let known = try idKey.withUnsafeBytes { try txn.get(tables.eventIDs, key: $0) } != nil
            guard !known, seenIDs.insert(record.id).inserted else {
                throw EventLogError(.importMismatch, "record \(record.position) repeats event id \(record.id)", position: record.position)
            }
            let (bytes, newHash) = RecordFormat.encode(
                position: position, previous: hash, streamID: record.streamID, streamVersion: record.streamVersion,
                type: record.type, schemaVersion: record.schemaVersion, recordedAtMicroseconds: record.recordedAtMicroseconds,
                actor: record.actor, correlationID: record.correlationID, causationID: record.causationID,
                id: record.id, payload: record.payload
            )
            guard newHash == record.hash else {
                throw EventLogError(.chainBroken, "the chain breaks at position \(record.position): the record's hash does not match its content", position: record.position)
            }
            hash = newHash
            encoded.append(bytes)
        }
        var recordedAt = head.recordedAtMicroseconds
        for (record, bytes) in zip(records, encoded) {
            let key = positionKey(record.position)
            try txn.put(tables.log, key: key, value: bytes, flags: .append)
            try txn.put(tables.streams, key: Array(record.streamID.utf8) + [0] + positionKey(record.streamVersion), value: key)
            try txn.put(tables.eventIDs, key: uuidKey(record.id), value: key, flags: .noOverwrite)
            recordedAt = max(recordedAt, record.recordedAtMicroseconds)
        }
        for (stream, version) in streamVersions {
            var versionBytes = [UInt8]()
            appendLE(&versionBytes, version)
            try txn.put(tables.heads, key: Array(stream.utf8), value: versionBytes)
        }
        head = Head(position: position, hash: hash, recordedAtMicroseconds: recordedAt)
    }

    static func uuidKey(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }
}

import Foundation
public import LMDB

/// The outcome of ``EventLog/verifyChain(progress:)``.
public struct ChainVerification: Sendable, Hashable {
    /// Records whose checksum and hash were recomputed.
    public let checkedRecords: UInt64
    /// The head recorded in the log's metadata.
    public let headPosition: UInt64
    /// The hash of the last verified record.
    public let lastHash: ChainHash
    /// The first position where verification failed, with the reason; nil when the chain verifies.
    public let failure: (position: UInt64, reason: String)?

    /// True when every record verified and the chain reaches the recorded head.
    public var isValid: Bool { failure == nil }

    public static func == (a: Self, b: Self) -> Bool {
        a.checkedRecords == b.checkedRecords && a.headPosition == b.headPosition && a.lastHash == b.lastHash
            && a.failure?.position == b.failure?.position && a.failure?.reason == b.failure?.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(checkedRecords)
        hasher.combine(failure?.position)
    }
}

extension EventLog {
    /// Recomputes every record's checksum and chain hash from the first record, checks that
    /// positions are gap-free and that the chain ends at the recorded head, and reports the
    /// first bad position. Pages through the log in short read transactions.
    public func verifyChain(pageSize: Int = 8192, progress: ((UInt64) -> Void)? = nil) throws(EventLogError) -> ChainVerification {
        let recordedHead = try read { txn, tables in try Head.read(txn, tables) }
        var previous = ChainHash.genesis
        var checked: UInt64 = 0
        var next: UInt64 = 1
        while true {
            let outcome: (count: Int, failure: (UInt64, String)?) = try read { txn, tables in
                try txn.withCursor(tables.log) { cursor in
                    var entry = try cursor.seek(positionKey(next))
                    var count = 0
                    while let current = entry, count < pageSize {
                        let position = readPositionKey(current.key)
                        if position != next { return (count, (next, "position \(next) is missing (found \(position))")) }
                        let raw = current.value
                        guard RecordFormat.checksumMatches(raw) else { return (count, (position, "checksum mismatch: the record's bytes were altered")) }
                        do {
                            _ = try RecordFormat.decode(position: position, raw)
                        } catch {
                            return (count, (position, (error as? EventLogError)?.message ?? "\(error)"))
                        }
                        let recomputed = RecordFormat.chainHash(
                            previous: previous, position: position,
                            hashed: UnsafeRawBufferPointer(rebasing: raw[RecordFormat.hashedOffset...])
                        )
                        guard recomputed == RecordFormat.storedHash(raw) else {
                            return (count, (position, "chain hash mismatch: the record or an earlier one was altered"))
                        }
                        previous = recomputed
                        if let why = try Self.indexProblem(txn, tables, raw: raw, position: position) {
                            return (count, (position, why))
                        }
                        next += 1
                        count += 1
                        entry = try cursor.next()
                    }
                    return (count, nil)
                }
            }
            checked += UInt64(outcome.count)
            progress?(checked)
            if let failure = outcome.failure {
                return ChainVerification(checkedRecords: checked, headPosition: recordedHead.position, lastHash: previous, failure: failure)
            }
            if outcome.count < pageSize { break }
        }
        let (streamEntries, idEntries) = try read { txn, tables in (try txn.count(tables.streams), try txn.count(tables.eventIDs)) }
        if UInt64(streamEntries) != checked || UInt64(idEntries) != checked {
            return ChainVerification(
                checkedRecords: checked, headPosition: recordedHead.position, lastHash: previous,
                failure: (checked, "the indexes hold \(streamEntries) stream entries and \(idEntries) event ids for \(checked) records")
            )
        }
        if checked != recordedHead.position || previous != recordedHead.hash {
            return ChainVerification(
                checkedRecords: checked, headPosition: recordedHead.position, lastHash: previous,
                failure: (checked + 1, "the chain ends at position \(checked) but the recorded head is \(recordedHead.position) with another hash")
            )
        }
        return ChainVerification(checkedRecords: checked, headPosition: recordedHead.position, lastHash: previous, failure: nil)
    }

    /// Checks that the `streams` and `event-ids` indexes point back to the record at `position`.
    static func indexProblem(_ txn: Transaction, _ tables: Tables, raw: UnsafeRawBufferPointer, position: UInt64) throws -> String? {
        let record = try RecordFormat.decode(position: position, raw)
        let streamKey = Array(record.streamID.utf8) + [0] + positionKey(record.streamVersion)
        guard let indexed = try txn.getBytes(tables.streams, key: streamKey),
              indexed.withUnsafeBytes({ readPositionKey($0) }) == position else {
            return "the stream index does not point to this record (\(record.streamID) v\(record.streamVersion))"
        }
        guard let byID = try txn.getBytes(tables.eventIDs, key: Appender.uuidKey(record.id)),
              byID.withUnsafeBytes({ readPositionKey($0) }) == position else {
            return "the event-id index does not point to this record (\(record.id))"
        }
        return nil
    }

    /// Writes a consistent, compacted copy of the log's environment into the folder `destination`
    /// (created if missing, must be empty) while writers keep writing (`mdb_env_copy2` with `MDB_CP_COMPACT`).
    public func backup(to destination: String) throws(EventLogError) {
        do {
            try FileManagerShim.createEmptyDirectory(destination)
            try environment.copy(to: destination, flags: [.compact])
            // liblmdb creates the copy with mode 0644 less the umask: make it owner-only (the
            // folder itself is 0700 from its creation, so no one else could open it meanwhile).
            chmod(DataFolder.file("data.mdb", in: destination), 0o600)
        } catch {
            throw EventLogError.storage(error, "backing up to \(destination)")
        }
    }

    /// Figures of the underlying environment: map size and use, readers.
    public func environmentInfo() throws(EventLogError) -> Environment.Info {
        do { return try environment.info() } catch { throw EventLogError.storage(error, "reading environment figures") }
    }
}

public import Foundation
internal import CCRC32C
import CoreMetrics
public import LMDB

/// The append-only event log, kept in one LMDB environment.
///
/// Named databases: `log` (position → record, appended with `MDB_APPEND`), `streams`
/// (stream id ‖ 0x00 ‖ version → position), `heads` (stream id → last version), `event-ids`
/// (event id → position, for idempotency), `meta` (format version, head position and hash),
/// `checkpoints`, and the side tables named in the configuration.
///
/// Writes go through one writer thread that commits concurrent appends together (group
/// commit); reads run in short read-only transactions on the caller's thread.
public final class EventLog: Sendable {
    /// How the log is opened.
    public struct Configuration: Sendable {
        /// Initial size of the memory map; the map doubles whenever it is full.
        public var initialMapSize: Int = 1 << 30
        /// Reader slots, all processes together.
        public var maxReaders: UInt32 = 510
        /// Most requests committed in one transaction.
        public var maxRequestsPerCommit: Int = 4096
        /// Run every append of a batch in its own nested LMDB transaction. Off by default: appends
        /// validate before they write, so a refused append never leaves writes behind, and a nested
        /// transaction costs a 2 MiB allocation in liblmdb (see docs/record-format.md).
        public var nestedTransactionPerRequest: Bool = false
        /// Names of extra key-value tables kept beside the log (not part of it): e.g. key vaults, tokens.
        public var sideTables: [String] = []
        /// Prefix of the metric names.
        public var metricsPrefix: String = "mutualise_log"

        /// The default configuration.
        public init() {}
    }

    /// Where the log keeps its files.
    public let directory: String
    /// The LMDB environment (for tools and benchmarks; the log's own tables are listed in ``Tables``).
    public let environment: Environment
    let tables: Tables
    let configuration: Configuration
    let writer: GroupCommitWriter
    let notifier: HeadNotifier
    let metrics: EventLogMetrics

    struct Tables: Sendable {
        let log: Database
        let streams: Database
        let heads: Database
        let eventIDs: Database
        let meta: Database
        let checkpoints: Database
        let side: [String: Database]
    }

    /// Opens the log in `directory`, creating the folder (owner-only) and the log when missing.
    /// A folder holding symbolic links or files of another user is refused (``DataFolder``).
    /// - Throws: ``EventLogError/Code/formatTooNew`` for data written by a newer format,
    ///   ``EventLogError/Code/storage`` when LMDB refuses the files.
    public init(directory: String, configuration: Configuration = Configuration()) throws(EventLogError) {
        try DataFolder.prepare(directory)
        let environment: Environment
        do {
            environment = try Environment(
                path: directory,
                options: .init(
                    mapSize: configuration.initialMapSize,
                    maxDatabases: UInt32(8 + configuration.sideTables.count),
                    maxReaders: configuration.maxReaders
                )
            )
        } catch {
            throw EventLogError(.storage, "cannot open the log in \(directory)", cause: error)
        }
        let tables: Tables
        do {
            tables = try environment.write { txn in
                var side: [String: Database] = [:]
                for name in configuration.sideTables {
                    side[name] = try txn.openDatabase(named: "side:" + name)
                }
                let tables = Tables(
                    log: try txn.openDatabase(named: "log"),
                    streams: try txn.openDatabase(named: "streams"),
                    heads: try txn.openDatabase(named: "heads"),
                    eventIDs: try txn.openDatabase(named: "event-ids"),
                    meta: try txn.openDatabase(named: "meta"),
                    checkpoints: try txn.openDatabase(named: "checkpoints"),
                    side: side
                )
                if let format = try txn.getBytes(tables.meta, key: MetaKey.format) {
                    guard let version = format.first, version <= RecordFormat.currentVersion else {
                        throw EventLogError(
                            .formatTooNew,
                            "the data folder \(directory) was written by a newer version (format \(format.first ?? 0)); this program reads format \(RecordFormat.currentVersion)"
                        )
                    }
                } else {
                    try txn.put(tables.meta, key: MetaKey.format, value: [RecordFormat.currentVersion])
                }
                return tables
            }
        } catch {
            throw EventLogError.storage(error, "opening the log")
        }
        self.directory = directory
        self.environment = environment
        self.tables = tables
        self.configuration = configuration
        self.metrics = EventLogMetrics(prefix: configuration.metricsPrefix)
        self.notifier = HeadNotifier()
        self.writer = GroupCommitWriter(
            environment: environment, tables: tables, configuration: configuration,
            notifier: notifier, metrics: metrics
        )
        let head = (try? self.head())?.position ?? 0
        notifier.advance(to: head)
        metrics.head.record(Int64(head))
        if let info = try? environment.info() {
            metrics.mapUsedBytes.record(Int64(info.usedBytes))
            metrics.mapSizeBytes.record(Int64(info.mapSize))
        }
    }

    /// Stops the writer thread after the appends already queued; later appends fail with ``EventLogError/Code/closed``.
    public func close() {
        writer.close()
        notifier.close()
    }

    deinit {
        writer.close()
    }

    // MARK: Reading

    /// Drops the log's pages from this process's resident memory after a long scan (they stay in
    /// the operating system's cache; see ``LMDB/Environment/releaseMappedPages()``).
    /// - Returns: the bytes advised.
    @discardableResult
    public func releaseMappedPages() -> Int { environment.releaseMappedPages() }

    /// The position and chain hash of the last record (position 0 and the genesis hash when empty).
    public func head() throws(EventLogError) -> (position: UInt64, hash: ChainHash) {
        try read { txn, tables in
            let head = try Head.read(txn, tables)
            return (head.position, head.hash)
        }
    }

    /// The position of the last record, 0 when the log is empty.
    public func headPosition() throws(EventLogError) -> UInt64 {
        try head().position
    }

    /// The version of a stream's last event, 0 when the stream does not exist.
    public func streamVersion(_ streamID: String) throws(EventLogError) -> UInt64 {
        try read { txn, tables in try Head.streamVersion(txn, tables, streamID) }
    }

    /// Records from `position` on (inclusive), at most `limit`, in one short read transaction.
    /// - Throws: ``EventLogError/Code/corruptRecord`` when a record fails its checksum.
    public func read(from position: UInt64, limit: Int = 1024) throws(EventLogError) -> [RecordedEvent] {
        try read { txn, tables in
            try Self.records(txn, tables, from: max(position, 1), through: .max, limit: limit)
        }
    }

    /// The record at `position`, or nil when there is none.
    public func record(at position: UInt64) throws(EventLogError) -> RecordedEvent? {
        try read(from: position, limit: 1).first.flatMap { $0.position == position ? $0 : nil }
    }

    /// The position of the event with id `id`, or nil when no such event was recorded.
    public func position(ofEventID id: UUID) throws(EventLogError) -> UInt64? {
        try read { txn, tables in
            try txn.getBytes(tables.eventIDs, key: Appender.uuidKey(id)).map { bytes in
                bytes.withUnsafeBytes { readPositionKey($0) }
            }
        }
    }

    /// Events of one stream from `version` (inclusive), at most `limit`.
    public func readStream(_ streamID: String, from version: UInt64 = 1, limit: Int = .max) throws(EventLogError) -> [RecordedEvent] {
        try read { txn, tables in
            var result: [RecordedEvent] = []
            let prefix = Array(streamID.utf8) + [0]
            try txn.withCursor(tables.streams) { cursor in
                var entry = try cursor.seek(prefix + positionKey(max(version, 1)))
                while let current = entry, result.count < limit {
                    guard current.key.count == prefix.count + 8, current.key.starts(with: prefix) else { break }
                    let position = readPositionKey(current.value)
                    let key = positionKey(position)
                    guard let raw = try key.withUnsafeBytes({ try txn.get(tables.log, key: $0) }) else {
                        throw RecordFormat.corrupt(position, "the stream index points to a missing record")
                    }
                    let record = try RecordFormat.decode(position: position, raw)
                    let indexedVersion = readPositionKey(UnsafeRawBufferPointer(rebasing: current.key[prefix.count...]))
                    // Never trust the index alone: a damaged entry must not serve another stream's record.
                    guard record.streamID == streamID, record.streamVersion == indexedVersion else {
                        throw RecordFormat.corrupt(position, "the stream index entry \(streamID) v\(indexedVersion) points to \(record.streamID) v\(record.streamVersion)")
                    }
                    result.append(record)
                    entry = try cursor.next()
                }
            }
            return result
        }
    }

    /// Visits records from `position` through `last` in pages of `pageSize`, each page read in
    /// its own short transaction so that LMDB can reuse freed pages during a long scan.
    /// `body` returns false to stop early.
    public func scan(
        from position: UInt64 = 1, through last: UInt64 = .max, pageSize: Int = 256,
        _ body: ([RecordedEvent]) throws -> Bool
    ) throws {
        var next = max(position, 1)
        while next <= last {
            let page = try read { txn, tables in
                try Self.records(txn, tables, from: next, through: last, limit: pageSize)
            }
            guard let lastRead = page.last else { return }
            guard try body(page) else { return }
            if lastRead.position == .max { return }
            next = lastRead.position + 1
        }
    }

    /// Visits records from `position` through `last` in place (``RecordView``: no copy, valid only
    /// inside `body`), in pages of `pageSize` records, each page in its own short read transaction
    /// so that LMDB can reuse freed pages during a long scan. `body` runs inside the transaction:
    /// keep it to decoding and folding. It returns false to stop early.
    /// - Throws: ``EventLogError/Code/corruptRecord`` when a record fails its checks,
    ///   ``EventLogError/Code/chainBroken`` on a gap, and whatever `body` throws.
    public func scanInPlace(
        from position: UInt64 = 1, through last: UInt64 = .max, pageSize: Int = 4096,
        _ body: (RecordView) throws -> Bool
    ) throws {
        var next = max(position, 1)
        var done = false
        while !done && next <= last {
            do {
                try environment.read { txn in
                    try txn.withCursor(tables.log) { cursor in
                        var entry = try cursor.seek(positionKey(next))
                        var count = 0
                        var prefetchedPage = Self.prefetchPages(around: entry?.value.baseAddress, unless: 0)
                        while count < pageSize {
                            guard let current = entry else { done = true; return }
                            let recordPosition = readPositionKey(current.key)
                            if recordPosition > last { done = true; return }
                            if recordPosition != next {
                                throw EventLogError(.chainBroken, "positions are not gap-free: expected \(next), found \(recordPosition)", position: next)
                            }
                            // Move first and prefetch what comes next while this record is checked
                            // (pointers stay valid for the whole read transaction): on entering a
                            // database page, that page and the one after it in the file, which is
                            // where appended records go on (a hint: a wrong guess costs nothing).
                            let following = count + 1 < pageSize ? try cursor.next() : nil
                            prefetchedPage = Self.prefetchPages(around: following?.value.baseAddress, unless: prefetchedPage)
                            let view = try RecordFormat.view(position: recordPosition, current.value)
                            guard try body(view), recordPosition < .max else { done = true; return }
                            next = recordPosition + 1
                            count += 1
                            if count == pageSize { return }
                            entry = following
                        }
                    }
                }
            } catch let error as EventLogError {
                throw error
            } catch let error as LMDBError {
                throw EventLogError.storage(error, "reading the log")
            }
        }
    }

    /// LMDB's page size (the system's; 4 KiB on these machines), for the scan's prefetching.
    static let databasePageSize = 4096

    /// Prefetches the database page holding `address` and the page after it, unless that page is
    /// `done`; returns the page now prefetched (`done` when there was nothing to do).
    @inline(__always)
    static func prefetchPages(around address: UnsafeRawPointer?, unless done: UInt) -> UInt {
        guard let address else { return done }
        let page = UInt(bitPattern: address) & ~UInt(databasePageSize - 1)
        guard page != done else { return done }
        mutualisation_prefetch(UnsafeRawPointer(bitPattern: page), 2 * databasePageSize)
        return page
    }

    static func records(_ txn: Transaction, _ tables: Tables, from position: UInt64, through last: UInt64, limit: Int) throws -> [RecordedEvent] {
        var result: [RecordedEvent] = []
        result.reserveCapacity(min(limit, 4096))
        try txn.withCursor(tables.log) { cursor in
            var entry = try cursor.seek(positionKey(position))
            var expected = position
            while let current = entry, result.count < limit {
                let recordPosition = readPositionKey(current.key)
                if recordPosition > last { break }
                if recordPosition != expected {
                    throw EventLogError(.chainBroken, "positions are not gap-free: expected \(expected), found \(recordPosition)", position: expected)
                }
                result.append(try RecordFormat.decode(position: recordPosition, current.value))
                expected = recordPosition + 1
                entry = try cursor.next()
            }
        }
        return result
    }

    /// Runs `body` in a short read-only transaction, mapping failures to ``EventLogError``.
    func read<Result>(_ body: (Transaction, Tables) throws -> Result) throws(EventLogError) -> Result {
        do {
            return try environment.read { txn in try body(txn, tables) }
        } catch {
            throw EventLogError.storage(error, "reading the log")
        }
    }
}

/// Keys of the `meta` table.
enum MetaKey {
    static let format = Array("format".utf8)
    static let head = Array("head".utf8)
}

/// The log's head as stored in `meta`: last position, its chain hash, its recorded-at time.
struct Head {
    var position: UInt64
    var hash: ChainHash
    var recordedAtMicroseconds: Int64

    static let empty = Head(position: 0, hash: .genesis, recordedAtMicroseconds: 0)

    static func read(_ txn: Transaction, _ tables: EventLog.Tables) throws -> Head {
        guard let raw = try txn.getBytes(tables.meta, key: MetaKey.head), raw.count == 48 else { return .empty }
        return raw.withUnsafeBytes { b in
            Head(
                position: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                hash: ChainHash(raw: UnsafeRawBufferPointer(rebasing: b[8..<40])),
                recordedAtMicroseconds: Int64(littleEndian: b.loadUnaligned(fromByteOffset: 40, as: Int64.self))
            )
        }
    }

    func write(_ txn: Transaction, _ tables: EventLog.Tables) throws {
        var raw = [UInt8]()
        raw.reserveCapacity(48)
        appendLE(&raw, position)
        withUnsafeBytes(of: hash) { raw.append(contentsOf: $0) }
        appendLE(&raw, recordedAtMicroseconds)
        try txn.put(tables.meta, key: MetaKey.head, value: raw)
    }

    static func streamVersion(_ txn: Transaction, _ tables: EventLog.Tables, _ streamID: String) throws -> UInt64 {
        guard let raw = try txn.getBytes(tables.heads, key: Array(streamID.utf8)), raw.count == 8 else { return 0 }
        return raw.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
}

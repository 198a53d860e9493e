import Foundation
import LMDB
import CoreMetrics

/// One change to a side table.
public enum SideTableChange: Sendable, Hashable {
    /// Store `value` under `key`.
    case put(key: [UInt8], value: [UInt8])
    /// Store `value` under `key` unless the key already holds a value (which is kept).
    case putIfAbsent(key: [UInt8], value: [UInt8])
    /// Remove `key`.
    case delete(key: [UInt8])
    /// A condition, not a change: `key` must hold exactly `value` (nil: no value) when the
    /// transaction runs, or the whole request is refused with ``EventLogError/Code/sideTableConflict``
    /// and none of its changes is made (compare-and-set).
    case expect(key: [UInt8], value: [UInt8]?)
}

/// A unit of work for the writer thread.
enum WriteWork: Sendable {
    case append(stream: String, expected: ExpectedVersion, events: [ProposedEvent], metadata: AppendMetadata)
    case sideTable(name: String, changes: [SideTableChange])
    case checkpoint(name: String, value: [UInt8])
    case importRecords([RecordedEvent])
}

enum WriteOutcome: Sendable {
    case appended(AppendResult)
    case done
    case failed(EventLogError)
}

/// The log's single writer: one OS thread that takes every queued request, runs them all in
/// one LMDB write transaction, commits once (one fsync), then resumes each caller.
///
/// `@unchecked Sendable`: the queue and flags are guarded by `condition`; everything else is
/// immutable or touched only by the writer thread.
final class GroupCommitWriter: @unchecked Sendable {
    private struct Pending {
        let work: WriteWork
        let enqueued: ContinuousClock.Instant
        let continuation: CheckedContinuation<WriteOutcome, Never>
    }

    private let condition = NSCondition()
    private var queue: [Pending] = []
    private var closed = false
    private var stopReason: EventLogError?
    private var threadFinished = false

    private let environment: Environment
    private let tables: EventLog.Tables
    private let configuration: EventLog.Configuration
    private let notifier: HeadNotifier
    private let metrics: EventLogMetrics

    init(environment: Environment, tables: EventLog.Tables, configuration: EventLog.Configuration, notifier: HeadNotifier, metrics: EventLogMetrics) {
        self.environment = environment
        self.tables = tables
        self.configuration = configuration
        self.notifier = notifier
        self.metrics = metrics
        let thread = Thread { [self] in self.run() }
        thread.name = "eventlog-writer"
        thread.start()
    }

    /// Queues `work` and returns once it is committed and durable, or refused.
    func submit(_ work: WriteWork) async -> WriteOutcome {
        await withCheckedContinuation { continuation in
            condition.lock()
            if let stopReason {
                condition.unlock()
                continuation.resume(returning: .failed(stopReason))
                return
            }
            if closed {
                condition.unlock()
                continuation.resume(returning: .failed(EventLogError(.closed, "the log is closed")))
                return
            }
            queue.append(Pending(work: work, enqueued: .now, continuation: continuation))
            condition.signal()
            condition.unlock()
        }
    }

    /// The reason the log stopped accepting writes, if it did.
    var stopped: EventLogError? {
        condition.lock()
        defer { condition.unlock() }
        return stopReason
    }

    /// Lets queued work finish, then ends the thread.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !threadFinished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                threadFinished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let take = min(queue.count, configuration.maxRequestsPerCommit)
            let batch = Array(queue.prefix(take))
            queue.removeFirst(take)
            let stop = stopReason
            condition.unlock()

            if let stop {
                for pending in batch { pending.continuation.resume(returning: .failed(stop)) }
                continue
            }
            let outcomes = commit(batch.map(\.work))
            let now = ContinuousClock.now
            for (pending, outcome) in zip(batch, outcomes) {
                metrics.commitLatency.recordNanoseconds(Int64((now - pending.enqueued).nanoseconds))
                pending.continuation.resume(returning: outcome)
            }
        }
    }

    /// Commits a batch; grows the map and retries on MDB_MAP_FULL; stops the log on any other commit failure.
    private func commit(_ batch: [WriteWork]) -> [WriteOutcome] {
        while true {
            var outcomes = [WriteOutcome](repeating: .done, count: batch.count)
            var newHead = Head.empty
            var eventCount = 0
            do {
                let commitTimer = CommitTimer()
                try environment.write { txn in
                    var head = try Head.read(txn, tables)
                    let nowMicros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
                    // Recorded-at never goes backwards, so that a replay "as of a date" can stop at the first later record.
                    let recordedAt = max(nowMicros, head.recordedAtMicroseconds)
                    for (index, work) in batch.enumerated() {
                        do {
                            outcomes[index] = try apply(work, txn: txn, head: &head, recordedAt: recordedAt, eventCount: &eventCount)
                        } catch let error as EventLogError where error.isRefusal {
                            outcomes[index] = .failed(error)
                        }
                    }
                    try head.write(txn, tables)
                    newHead = head
                    commitTimer.start()
                }
                metrics.fsyncDuration.recordNanoseconds(commitTimer.elapsedNanoseconds)
                metrics.batchSize.record(batch.count)
                metrics.batchEvents.record(eventCount)
                notifier.advance(to: newHead.position)
                recordGauges(head: newHead.position)
                return outcomes
            } catch let error as LMDBError where error.code == .mapFull {
                do {
                    let info = try environment.info()
                    try environment.growMap(to: info.mapSize * 2)
                    metrics.mapSizeBytes.record(Int64(info.mapSize * 2))
                } catch {
                    return batch.map { _ in .failed(stop(EventLogError(.storage, "the map is full and cannot grow", cause: error))) }
                }
            } catch let error as LMDBError where error.isOutOfSpace || isShortWriteOnAFullDisk(error) {
                // Nothing was committed and LMDB's state is intact: refuse this batch, keep serving.
                let refusal = EventLogError(.diskFull, "the disk is full: nothing was written", cause: error)
                return batch.map { _ in .failed(refusal) }
            } catch {
                let reason = EventLogError.storage(error, "committing to the log")
                return batch.map { _ in .failed(stop(reason)) }
            }
        }
    }

    /// liblmdb reports a write that the file system cut short as EIO (`mdb_page_flush`: "short
    /// write, filesystem full?"): when the disk the log is on has (almost) no space left, that EIO
    /// is a full disk, not a failing one, and clears once space returns. As with ENOSPC, the
    /// transaction was aborted before its meta page was written: nothing was committed, and the
    /// pages written in part are free pages to LMDB. An EIO with space left (a failing disk, a
    /// failed fsync) still stops the log.
    private func isShortWriteOnAFullDisk(_ error: LMDBError) -> Bool {
        guard error.code == .ioError, let free = environment.availableDiskBytes() else { return false }
        return free < Self.fullDiskThreshold
    }

    /// Below this many free bytes, an EIO from a commit counts as a full disk.
    static let fullDiskThreshold = 1 << 20

    /// Fail-stop: after a failed commit the log accepts no more writes (as PostgreSQL after an fsync error).
    private func stop(_ reason: EventLogError) -> EventLogError {
        condition.lock()
        defer { condition.unlock() }
        if stopReason == nil {
            stopReason = EventLogError(.stopped, "the log stopped accepting writes after a failed commit: \(reason.description)", cause: reason.cause)
        }
        return stopReason!
    }

    private func recordGauges(head: UInt64) {
        metrics.head.record(Int64(head))
        if let info = try? environment.info() {
            metrics.mapUsedBytes.record(Int64(info.usedBytes))
            metrics.mapSizeBytes.record(Int64(info.mapSize))
            metrics.readersInUse.record(Int64(info.readersInUse))
        }
    }

    private func apply(_ work: WriteWork, txn: Transaction, head: inout Head, recordedAt: Int64, eventCount: inout Int) throws -> WriteOutcome {
        switch work {
        case let .append(stream, expected, events, metadata):
            let result: AppendResult
            if configuration.nestedTransactionPerRequest {
                var childHead = head
                result = try txn.nested { child in
                    try Appender.append(child, tables, stream: stream, expected: expected, events: events, metadata: metadata, head: &childHead, recordedAt: recordedAt)
                }
                head = childHead
            } else {
                result = try Appender.append(txn, tables, stream: stream, expected: expected, events: events, metadata: metadata, head: &head, recordedAt: recordedAt)
            }
            if !result.wasAlreadyRecorded { eventCount += events.count }
            return .appended(result)
        case let .sideTable(name, changes):
            guard let table = tables.side[name] else {
                throw EventLogError(.invalidEvent, "unknown side table \(name)")
            }
            // Every condition is checked before any change is made: a refused request writes nothing.
            for case let .expect(key, expected) in changes where try txn.getBytes(table, key: key) != expected {
                throw EventLogError(.sideTableConflict, "the side table \(name) changed since it was read")
            }
            for change in changes {
                switch change {
                case .expect: continue
                case let .put(key, value): try txn.put(table, key: key, value: value)
                case let .putIfAbsent(key, value):
                    if try txn.getBytes(table, key: key) == nil {
                        try txn.put(table, key: key, value: value)
                    }
                case let .delete(key): try txn.delete(table, key: key)
                }
            }
            return .done
        case let .checkpoint(name, value):
            try txn.put(tables.checkpoints, key: Array(name.utf8), value: value)
            return .done
        case let .importRecords(records):
            try Appender.importRecords(txn, tables, records, head: &head)
            eventCount += records.count
            return .done
        }
    }
}

/// Measures the time spent in `mdb_txn_commit` (started when the body ends, read after commit).
private final class CommitTimer {
    private var started: ContinuousClock.Instant?
    func start() { started = .now }
    var elapsedNanoseconds: Int64 {
        guard let started else { return 0 }
        return Int64((ContinuousClock.now - started).nanoseconds)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension EventLogError {
    /// Refusals concern one request and leave nothing written; other errors abort the whole batch.
    var isRefusal: Bool {
        switch code {
        case .wrongExpectedVersion, .idempotencyMismatch, .invalidStreamID, .invalidEvent, .importMismatch, .chainBroken, .sideTableConflict: return true
        default: return false
        }
    }
}

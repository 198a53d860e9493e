import Domain
import EventLog
import Foundation
import Synchronization

/// A record read and decoded, ready to fold: everything ``ProjectionState`` needs from it, with
/// no pointer into the log's memory map (it crosses from the reading thread to the folding one).
struct DecodedRecord: Sendable {
    /// Global position in the log.
    let position: UInt64
    /// The stream id.
    let stream: String
    /// The event type (shared string, see ``TypeNameTable``).
    let type: String
    /// When the log recorded the event, microseconds since 1970.
    let micros: Int64
    /// The decoded event, nil when the type is unknown or the payload does not decode.
    let event: AnyDomainEvent?

    /// Reads `view`'s names and decodes its payload (pure: touches no projection).
    init(_ view: RecordView, typeNames: inout TypeNameTable) {
        position = view.position
        stream = view.streamID
        type = typeNames.name(view.typeBytes)
        micros = view.recordedAtMicroseconds
        event = try? AnyDomainEvent.decode(eventType: type, schemaVersion: view.schemaVersion, payload: view.payload)
    }
}

/// A rebuild on two cores: one thread reads the log in place, checks and decodes each record
/// (checksum, names, payload), while the calling thread folds the decoded batches into the
/// state. Each record is still read once and decoded once, in log order; the fold sees exactly
/// the sequence a single-threaded scan would give it.
///
/// Below ``minimumRecords`` records the handoff costs more than it saves, and the caller scans on
/// its own thread.
enum DecodingPipeline {
    /// Records per batch handed from the reader to the folder.
    static let batchSize = 2048
    /// Batches decoded ahead of the fold (bounds the memory held in flight).
    static let depth = 4
    /// Fewer records than this are folded on the calling thread.
    static let minimumRecords: UInt64 = 20_000

    /// Reads records `first...last` (stopping early at the first one recorded after
    /// `untilMicros`, when given) and hands each decoded record to `fold`, in order, on the
    /// calling thread. Rethrows the reader's error after folding what came before it.
    static func run(
        _ log: EventLog, from first: UInt64, through last: UInt64, untilMicros: Int64?, pageSize: Int,
        typeNames: inout TypeNameTable, _ fold: (DecodedRecord) -> Void
    ) throws {
        let channel = BatchChannel(depth: depth)
        let startingNames = typeNames
        let reader = Thread {
            var names = startingNames
            var batch: [DecodedRecord] = []
            batch.reserveCapacity(batchSize)
            var listened = true
            do {
                try log.scanInPlace(from: first, through: last, pageSize: pageSize) { view in
                    if let untilMicros, view.recordedAtMicroseconds > untilMicros { return false }
                    batch.append(DecodedRecord(view, typeNames: &names))
                    if batch.count == batchSize {
                        listened = channel.send(batch)
                        guard listened else { return false }
                        // Reuse a batch the fold is done with: its records are released here,
                        // on this thread, rather than on the folding one.
                        batch = channel.takeRecycled() ?? []
                        batch.removeAll(keepingCapacity: true)
                        batch.reserveCapacity(batchSize)
                    }
                    return true
                }
                if listened && !batch.isEmpty { _ = channel.send(batch) }
                channel.finish(names: names, error: nil)
            } catch {
                channel.finish(names: names, error: error)
            }
        }
        reader.name = "projection-reader"
        reader.start()
        defer { channel.cancel() }
        while let batch = channel.receive() {
            for record in batch { fold(record) }
            channel.recycle(batch)
        }
        let (names, error) = channel.outcome()
        typeNames = names
        if let error { throw error }
    }
}

/// A bounded queue of batches between one reading thread and one folding thread.
private final class BatchChannel: Sendable {
    private struct State {
        var batches: [[DecodedRecord]] = []
        /// Batches folded, handed back to the reader to be emptied and refilled.
        var recycled: [[DecodedRecord]] = []
        var finished = false
        var cancelled = false
        var names = TypeNameTable()
        var error: (any Error)?
    }

    private let state = Mutex(State())
    /// Free places in the queue.
    private let places: DispatchSemaphore
    /// Batches (or the end) ready to be taken.
    private let ready = DispatchSemaphore(value: 0)
    /// Signalled once the reader has finished (after its last send).
    private let done = DispatchSemaphore(value: 0)

    init(depth: Int) { places = DispatchSemaphore(value: depth) }

    /// Queues a batch, waiting for a place; false when the folder has stopped listening.
    func send(_ batch: [DecodedRecord]) -> Bool {
        places.wait()
        let accepted = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            state.batches.append(batch)
            return true
        }
        if accepted { ready.signal() }
        return accepted
    }

    /// Hands a folded batch back to the reader (dropped when the reader has two already).
    func recycle(_ batch: [DecodedRecord]) {
        state.withLock { state in
            if state.recycled.count < 2 { state.recycled.append(batch) }
        }
    }

    /// A folded batch to reuse, if any.
    func takeRecycled() -> [DecodedRecord]? {
        state.withLock { $0.recycled.popLast() }
    }

    /// Marks the end of the records, with what the reader ends with.
    func finish(names: TypeNameTable, error: (any Error)?) {
        state.withLock { state in
            state.finished = true
            state.names = names
            state.error = error
        }
        ready.signal()
        done.signal()
    }

    /// The next batch in order, nil once the reader has finished and every batch was taken.
    func receive() -> [DecodedRecord]? {
        while true {
            ready.wait()
            let next = state.withLock { state -> (batch: [DecodedRecord]?, end: Bool) in
                if !state.batches.isEmpty { return (state.batches.removeFirst(), false) }
                return (nil, state.finished)
            }
            if let batch = next.batch {
                places.signal()
                return batch
            }
            if next.end {
                ready.signal()  // later calls see the end too
                return nil
            }
        }
    }

    /// What the reader finished with; waits for it to finish.
    func outcome() -> (TypeNameTable, (any Error)?) {
        done.wait()
        done.signal()
        return state.withLock { ($0.names, $0.error) }
    }

    /// Stops the reader (its next send returns false) and waits for it to finish.
    func cancel() {
        state.withLock { $0.cancelled = true }
        places.signal()
        done.wait()
        done.signal()
    }
}

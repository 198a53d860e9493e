import EventLog
import Foundation

/// The cases run against our log, through its public API only.
enum OurLog {
    /// The event type every case writes.
    static let eventType = "bench.event.v1"
    /// The actor of every append.
    static let metadata = AppendMetadata(actor: "bench:writer")

    /// Opens a log in a fresh folder under `parent`, runs `body`, closes the log and removes the folder.
    static func withFreshLog<T>(parent: String, label: String, _ body: (EventLog) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(parent: parent, label: label)
        defer { folder.remove() }
        var configuration = EventLog.Configuration()
        configuration.initialMapSize = 4 << 30
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        return try await body(log)
    }

    /// Makes `count` events with fresh ids and the shared payload.
    static func events(_ count: Int, payload: [UInt8]) -> [ProposedEvent] {
        (0..<count).map { _ in ProposedEvent(type: eventType, payload: payload) }
    }

    /// One writer appending `count` events, `perCall` per call, each call durable before the
    /// next (streams taken in turn among 1,000); returns the time spent in the calls.
    static func append(_ log: EventLog, count: Int, perCall: Int, payload: [UInt8]) async throws -> Duration {
        let calls = stride(from: 0, to: count, by: perCall).map { first in
            events(min(perCall, count - first), payload: payload)
        }
        let streams = (0..<calls.count).map { stream($0 % 1000) }
        let start = ContinuousClock.now
        for (events, stream) in zip(calls, streams) {
            _ = try await log.append(to: stream, expected: .any, events: events, metadata: metadata)
        }
        return ContinuousClock.now - start
    }

    /// What the concurrent case measures.
    struct ConcurrentResult: Sendable {
        /// Events per second over the whole run.
        let eventsPerSecond: Double
        /// Latency of every call, in milliseconds, sorted.
        let latenciesMilliseconds: [Double]
    }

    /// `writers` tasks, each appending `appendsPerWriter` single events to its own stream,
    /// one call after the other; the log commits concurrent calls together.
    static func appendConcurrently(_ log: EventLog, writers: Int, appendsPerWriter: Int, payload: [UInt8]) async throws -> ConcurrentResult {
        let prepared = (0..<writers).map { _ in events(appendsPerWriter, payload: payload) }
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self, returning: [Double].self) { group in
            for (writer, writerEvents) in prepared.enumerated() {
                group.addTask {
                    var own: [Double] = []
                    own.reserveCapacity(writerEvents.count)
                    for event in writerEvents {
                        let sent = ContinuousClock.now
                        _ = try await log.append(to: "writer-\(writer)", expected: .any, events: [event], metadata: metadata)
                        own.append((ContinuousClock.now - sent).seconds * 1000)
                    }
                    return own
                }
            }
            var all: [Double] = []
            all.reserveCapacity(writers * appendsPerWriter)
            for try await own in group { all.append(contentsOf: own) }
            return all
        }
        let elapsed = (ContinuousClock.now - start).seconds
        return ConcurrentResult(eventsPerSecond: Double(latencies.count) / elapsed, latenciesMilliseconds: latencies.sorted())
    }

    /// Fills a log with `count` events (batches of 1,000 per call: this is setup, not measured).
    static func fill(_ log: EventLog, count: Int, payload: [UInt8]) async throws {
        var written = 0
        var index = 0
        while written < count {
            let size = min(1_000, count - written)
            _ = try await log.append(to: stream(index % 1000), expected: .any, events: events(size, payload: payload), metadata: metadata)
            written += size
            index += 1
        }
    }

    /// Reads the whole log forward with `scan`, decoding (and checksumming) every record; returns events/s.
    static func scanAll(_ log: EventLog, expected: Int) throws -> Double {
        var count = 0
        var payloadBytes = 0
        let start = ContinuousClock.now
        try log.scan { page in
            count += page.count
            for record in page { payloadBytes &+= record.payload.count }
            return true
        }
        let elapsed = (ContinuousClock.now - start).seconds
        guard count == expected, payloadBytes == expected * Workload.payloadBytes else {
            throw BenchError("the scan read \(count) events (\(payloadBytes) payload bytes), expected \(expected)")
        }
        return Double(count) / elapsed
    }

    /// The same scan read in place (`scanInPlace`): every record checked as `scan` checks it
    /// (checksum, format, lengths, UTF-8 of the names), its fields seen where they lie in the map.
    static func scanAllInPlace(_ log: EventLog, expected: Int) throws -> Double {
        var count = 0
        var payloadBytes = 0
        let start = ContinuousClock.now
        try log.scanInPlace { record in
            count += 1
            payloadBytes &+= record.payload.count
            return true
        }
        let elapsed = (ContinuousClock.now - start).seconds
        guard count == expected, payloadBytes == expected * Workload.payloadBytes else {
            throw BenchError("the in-place scan read \(count) events (\(payloadBytes) payload bytes), expected \(expected)")
        }
        return Double(count) / elapsed
    }

    private static func stream(_ index: Int) -> String { "stream-\(index)" }
}

/// A failed check inside the benchmark itself.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

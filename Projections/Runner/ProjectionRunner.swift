public import EventLog
import Foundation
import Synchronization

/// Rebuilds every projection in one pass over the log, follows the log live, and answers
/// read-your-writes waits. The live state sits behind a mutex; as-of replays build their own.
public final class ProjectionRunner: Sendable {
    struct Core {
        var state = ProjectionState()
    }

    /// The log folded.
    public let log: EventLog
    private let core = Mutex<Core>(Core())
    /// The position applied to the live state, announced after each apply, for read-your-writes waits.
    private let applied = PositionSignal()

    /// Records per page of a rebuild (each page in its own short read transaction).
    public static let pageSize = 4096

    /// A runner over `log`, at position 0 until ``rebuild()``.
    public init(log: EventLog) { self.log = log }

    /// Position of the last record applied to the live state.
    public var position: UInt64 { core.withLock { $0.state.position } }

    /// Thread-safe read of the live state (keep `body` short: appliers wait meanwhile; do not keep
    /// a copy of the state, or the next apply copies its storage).
    public func withState<R>(_ body: (ProjectionState) throws -> R) rethrows -> R {
        try core.withLock { core in try body(core.state) }
    }

    /// Replays the log from after the live position to the head (from position 1 at start-up),
    /// then swaps the result in. Returns the number of records read and the rate.
    @discardableResult
    public func rebuild() throws -> (records: Int, seconds: Double, recordsPerSecond: Double) {
        // A private copy: readers keep the live state meanwhile (copy-on-write copies its storage
        // once, on the first record; at start-up the state is empty and nothing is copied).
        var state = core.withLock { $0.state }
        let start = ContinuousClock.now
        let first = state.position
        defer {
            let final = state
            let live = core.withLock { core -> UInt64 in
                if core.state.position <= final.position { core.state = final }
                return core.state.position
            }
            applied.advance(to: live)
        }
        try Self.fold(log, into: &state, through: .max, untilMicros: nil)
        // The pages the scan touched are clean and cached by the system: drop them from this
        // process's resident memory (a rebuild at start-up reads the whole file once).
        log.releaseMappedPages()
        let seconds = Self.seconds(ContinuousClock.now - start)
        let records = Int(state.position - first)
        return (records, seconds, seconds > 0 ? Double(records) / seconds : 0)
    }

    /// Follows the log live from the current position until the task is cancelled, waking
    /// ``waitUntil(position:timeout:)`` callers as records are applied.
    public func follow() async throws {
        let subscription = log.subscribe(after: position)
        for try await record in subscription {
            let live = core.withLock { core -> UInt64 in
                core.state.apply(record)
                return core.state.position
            }
            applied.advance(to: live)
        }
    }

    /// Read-your-writes: true once the live state has applied `position`, false after `timeout`.
    /// A wait registers before it checks and before its timeout starts (``PositionSignal``), so an
    /// apply or a timeout is never lost; the calling task's cancellation ends it with `false`.
    public func waitUntil(position target: UInt64, timeout: Duration) async -> Bool {
        if position >= target { return true }
        return await applied.wait(until: target, timeout: timeout)
    }

    /// Waits of ``waitUntil(position:timeout:)`` not yet resumed.
    public var pendingWaits: Int { applied.waiting }

    /// An as-of state rebuilt from position 1 up to `limit`, never touching a live one. Stops at
    /// the first record past the position or recorded after the instant (recorded-at never
    /// decreases along the log).
    public static func replay(_ log: EventLog, until limit: ReplayLimit, reading: Reading = .automatic) throws -> ProjectionState {
        var state = ProjectionState()
        switch limit {
        case .head:
            try fold(log, into: &state, through: .max, untilMicros: nil, reading: reading)
        case .position(let last):
            guard last > 0 else { return state }
            try fold(log, into: &state, through: last, untilMicros: nil, reading: reading)
        case .instant(let date):
            let limit = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
            try fold(log, into: &state, through: .max, untilMicros: limit, reading: reading)
        }
        return state
    }

    /// How a rebuild or replay reads the log. Both ways give the same state.
    public enum Reading: Sendable {
        /// Two threads from 20,000 records on (see ``DecodingPipeline``), one below.
        case automatic
        /// Read, decode and fold on the calling thread.
        case oneThread
        /// One thread reads and decodes while the calling thread folds.
        case twoThreads
    }

    /// Folds the records after `state`'s position up to `last` (and, when given, up to the last
    /// one recorded at or before `untilMicros`) into `state`: on two cores through
    /// ``DecodingPipeline`` when there are many, on this thread otherwise.
    static func fold(_ log: EventLog, into state: inout ProjectionState, through last: UInt64, untilMicros: Int64?,
                     reading: Reading = .automatic) throws {
        let first = state.position + 1
        let head = try log.headPosition()
        let end = min(last, head)
        guard first <= end else { return }
        let twoThreads = switch reading {
        case .automatic: end - first + 1 >= DecodingPipeline.minimumRecords
        case .oneThread: false
        case .twoThreads: true
        }
        if twoThreads {
            var names = state.typeNames
            defer { state.typeNames = names }
            try DecodingPipeline.run(log, from: first, through: end, untilMicros: untilMicros, pageSize: pageSize, typeNames: &names) { record in
                state.apply(record)
            }
        } else {
            try log.scanInPlace(from: first, through: end, pageSize: pageSize) { record in
                if let untilMicros, record.recordedAtMicroseconds > untilMicros { return false }
                state.apply(record)
                return true
            }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

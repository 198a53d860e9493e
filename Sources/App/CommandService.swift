public import Domain
public import EventLog
public import Foundation
import Synchronization

/// Options of one command, set by the edges (HTTP headers, CLI flags, the demo loader).
public struct CommandOptions: Sendable {
    /// The stream version the caller saw (`If-Match`); a different current version refuses the command.
    public var expectedVersion: UInt64?
    /// A retried request with the same key returns the first result and writes nothing.
    public var idempotencyKey: String?
    /// Groups the records of one user action.
    public var correlationID: UUID?
    /// The instant the rules judge "now" by; nil: the service's clock. Set only by the demo loader,
    /// which replays 2012 as it happened.
    public var now: Date?
    /// Recorded-at for historical loading (the demo); nil: the commit's time.
    public var recordedAt: Date?

    /// Options with nothing set.
    public init(expectedVersion: UInt64? = nil, idempotencyKey: String? = nil, correlationID: UUID? = nil, now: Date? = nil, recordedAt: Date? = nil) {
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
        self.correlationID = correlationID
        self.now = now
        self.recordedAt = recordedAt
    }
}

/// What a command did.
public struct CommandOutcome<D: Decider>: Sendable where D.Event: Sendable {
    /// The stream the command addressed.
    public let stream: String
    /// The events recorded (as decided, personal data in clear); empty when the command changed nothing.
    public let events: [D.Event]
    /// The stream's state after the command.
    public let state: D.State
    /// The stream's version after the command.
    public let version: UInt64
    /// Global position of the last event recorded (the log's head position when nothing was recorded).
    public let position: UInt64
    /// True when an identical earlier request (same idempotency key) had recorded these events.
    public let wasAlreadyRecorded: Bool
}

/// Usage of borrowing quotas, read from a projection that the edges wire in (the App layer does
/// not depend on projections).
public protocol BorrowingUsageSource: Sendable {
    /// Minutes requested (pending and approved) by `structure` as borrower, per Europe/Paris month.
    func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int]
}

/// No usage recorded: for tools that load history in order (the quota rule then counts nothing).
public struct NoBorrowingUsage: BorrowingUsageSource {
    /// Creates the source.
    public init() {}
    public func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int] { [:] }
}

/// Command handling: load a stream, decide, seal personal data, append with the expected
/// version, retry on conflict. The one path from the edges (HTTP, web, CLI, demo) to the domain.
public final class CommandService: Sendable {
    /// The log commands are appended to.
    public let log: EventLog
    /// The key vault for personal data.
    public let vault: PersonalDataVault
    let usage: any BorrowingUsageSource
    let clock: @Sendable () -> Date
    let cache = StateCache()
    /// Records read at once from a stream above which the mapped pages are released after.
    static let longStreamRecords = 256
    /// Commands appended between two releases of the mapped pages that reads and index lookups
    /// leave resident (clean pages of the system's cache: this keeps the resident size to what
    /// the process itself holds; the next read maps a page again).
    static let appendsPerRelease = 1_000
    private let appendsSinceRelease = Atomic<Int>(0)
    /// How many times a command is decided again after a concurrent writer changed its stream.
    let maxAttempts = 12

    /// Creates the service.
    /// - Parameters:
    ///   - log: the event log (with the ``PersonalDataVault/tableName`` side table declared).
    ///   - usage: where quota usage comes from.
    ///   - clock: "now" for the rules.
    public init(log: EventLog, usage: any BorrowingUsageSource = NoBorrowingUsage(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.log = log
        self.vault = PersonalDataVault(log: log)
        self.usage = usage
        self.clock = clock
    }

    /// The current state and version of a stream.
    public func load<D: Decider>(_ decider: D.Type, stream: String) throws(AppError) -> (state: D.State, version: UInt64) {
        // Taken out of the cache (not shared with it): evolving it then changes it in place
        // instead of copying its collections (a busy room's loans) at each command.
        var (state, version) = cache.take(stream, as: D.State.self) ?? (D.initialState, 0)
        let records: [RecordedEvent]
        do {
            records = try log.readStream(stream, from: version + 1)
        } catch {
            throw AppError.from(error)
        }
        for record in records {
            do {
                let event = try D.Event.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
                D.evolve(&state, event)
            } catch {
                throw AppError.storage(EventLogError(.corruptRecord, "record \(record.position) (\(record.type)) does not decode: \(error)", position: record.position))
            }
            version = record.streamVersion
        }
        if version > 0 { cache.store(stream, version: version, state: state) }
        // A stream read from the start touches a page of the map for nearly every record (its
        // events lie all along the log): drop them from this process's resident memory, as
        // after the rebuild. They stay in the system's cache; a later read maps them again.
        if records.count >= Self.longStreamRecords { log.releaseMappedPages() }
        return (state, version)
    }

    /// Facts about structures for ``Domain/CommandContext``: registration and quota from their
    /// streams, usage from the ``BorrowingUsageSource``.
    public func facts(about structures: [StructureID]) throws(AppError) -> [StructureID: StructureFacts] {
        var result: [StructureID: StructureFacts] = [:]
        for id in structures {
            let (state, version) = try load(StructureDecider.self, stream: id.streamName)
            result[id] = StructureFacts(
                isRegistered: version > 0 && state.isRegistered,
                name: state.details?.name,
                monthlyQuotaHours: state.monthlyQuotaHours,
                usedMinutesByMonth: usage.usedMinutesByMonth(of: id)
            )
        }
        return result
    }

    /// Runs `command` against `stream`.
    /// - Parameters:
    ///   - structures: the structures the command names (owner, borrower, requester), whose facts the rules need.
    /// - Throws: ``AppError/refused(_:)`` with the domain's reason; ``AppError/versionMismatch(stream:expected:actual:)``
    ///   when `options.expectedVersion` is stale; ``AppError/unavailable(_:)`` when the disk is full.
    public func execute<D: Decider>(
        _ decider: D.Type, stream: String, command: D.Command, actor: Actor,
        structures: [StructureID] = [], options: CommandOptions = CommandOptions()
    ) async throws(AppError) -> CommandOutcome<D> {
        if case .porteur(let person) = actor, try vault.isErased(person) {
            // Erasure ends the person's access; a token or session that slipped through may not
            // bring the id back.
            throw AppError.forbidden("Les données de cette personne ont été effacées : cet accès ne peut plus servir.")
        }
        let actorName = ActorName.format(actor)
        for attempt in 0..<maxAttempts {
            if attempt > 0 {
                // Another writer changed the stream first: back off a little, with jitter, so that
                // racing commands on one busy stream do not keep colliding.
                try? await Task.sleep(for: .microseconds(Int.random(in: 200...1_000) * attempt))
            }
            // Checked at every attempt: the writer that changed the stream first may have been
            // this very request, sent twice at once.
            if let key = options.idempotencyKey, let earlier = try recordedEarlier(D.self, stream: stream, actor: actorName, key: key) {
                return earlier
            }
            var (state, version) = try load(D.self, stream: stream)
            if let expected = options.expectedVersion, expected != version {
                throw AppError.versionMismatch(stream: stream, expected: expected, actual: version)
            }
            let context = CommandContext(actor: actor, now: options.now ?? clock(), structures: try facts(about: structures))
            let events: [D.Event]
            do {
                events = try D.decide(command, state: state, context: context)
            } catch {
                throw AppError.refused(error)
            }
            if events.isEmpty {
                let head = (try? log.headPosition()) ?? 0
                return CommandOutcome(stream: stream, events: [], state: state, version: version, position: head, wasAlreadyRecorded: false)
            }
            let stored = try await sealed(events)
            let proposed = stored.enumerated().map { index, event in
                ProposedEvent(
                    id: options.idempotencyKey.map { EventIdentity.derived(actor: actorName, idempotencyKey: $0, index: index) } ?? UUID.timeOrdered(),
                    type: event.eventType, schemaVersion: event.schemaVersion, payload: event.encodedPayload()
                )
            }
            let metadata = AppendMetadata(actor: actorName, correlationID: options.correlationID, recordedAt: options.recordedAt)
            do {
                let result = try await log.append(to: stream, expected: .exact(version), events: proposed, metadata: metadata)
                // The cache holds the loaded state too: take it back so that only this copy is changed.
                _ = cache.take(stream, as: D.State.self)
                for event in stored { D.evolve(&state, event) }
                cache.store(stream, version: result.streamVersion, state: state)
                if appendsSinceRelease.wrappingAdd(1, ordering: .relaxed).newValue % Self.appendsPerRelease == 0 {
                    log.releaseMappedPages()
                }
                return CommandOutcome(
                    stream: stream, events: events, state: state, version: result.streamVersion,
                    position: result.lastPosition, wasAlreadyRecorded: result.wasAlreadyRecorded
                )
            } catch where error.code == .wrongExpectedVersion {
                if let expected = options.expectedVersion {
                    throw AppError.versionMismatch(stream: stream, expected: expected, actual: error.actualVersion ?? 0)
                }
                continue  // someone else wrote first: decide again on the new state
            } catch {
                throw AppError.from(error)
            }
        }
        throw AppError.tooMuchContention(stream: stream)
    }

    /// The outcome of an earlier request of `actor` with the same idempotency key, if its events
    /// were recorded.
    /// - Throws: ``AppError/idempotencyKeyReused`` when that request addressed another stream.
    private func recordedEarlier<D: Decider>(_ decider: D.Type, stream: String, actor: String, key: String) throws(AppError) -> CommandOutcome<D>? {
        do {
            guard let first = try log.position(ofEventID: EventIdentity.derived(actor: actor, idempotencyKey: key, index: 0)) else { return nil }
            var records: [RecordedEvent] = []
            var index = 0
            for record in try log.read(from: first, limit: 10_000) {
                guard record.id == EventIdentity.derived(actor: actor, idempotencyKey: key, index: index) else { break }
                records.append(record)
                index += 1
            }
            guard let last = records.last else { return nil }
            guard last.streamID == stream else { throw AppError.idempotencyKeyReused }
            let events = try records.map { record throws -> D.Event in
                try D.Event.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
            }
            let (state, _) = try load(D.self, stream: stream)
            return CommandOutcome(stream: stream, events: events, state: state, version: last.streamVersion, position: last.position, wasAlreadyRecorded: true)
        } catch let error as AppError {
            throw error
        } catch let error as EventLogError {
            throw AppError.from(error)
        } catch {
            throw AppError.storage(EventLogError(.corruptRecord, "an earlier event does not decode: \(error)"))
        }
    }

    /// Seals personal data of events that carry some.
    private func sealed<E: DomainEvent>(_ events: [E]) async throws(AppError) -> [E] {
        let carriers = events.compactMap { $0 as? any PersonalDataCarrying }
        guard !carriers.isEmpty else { return events }
        let keys = try await vault.keys(for: carriers.flatMap(\.persons))
        do {
            return try events.map { event in
                guard let carrier = event as? any PersonalDataCarrying else { return event }
                let sealed = try carrier.replacingContacts { person, data in
                    guard let key = keys[person] else { return data }
                    return try PersonalDataVault.seal(data, with: key)
                }
                return (sealed as? E) ?? event
            }
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError.storage(EventLogError(.storage, "sealing failed: \(error)"))
        }
    }
}

/// Recently folded states, so that a command on a long stream reads only the events since.
/// Bounded: it forgets everything when it grows past `capacity` streams.
final class StateCache: Sendable {
    private struct Entry: @unchecked Sendable {
        // `state` is always a `D.State`, which `Decider` requires to be Sendable.
        let version: UInt64
        let state: Any
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity = 20_000

    /// The cached state of `stream`, removed from the cache so that the caller holds the only
    /// reference (a concurrent command on the same stream then reads it from the log again).
    func take<State>(_ stream: String, as: State.Type) -> (State, UInt64)? {
        entries.withLock { entries in
            guard let entry = entries.removeValue(forKey: stream), let state = entry.state as? State else { return nil }
            return (state, entry.version)
        }
    }

    func store<State: Sendable>(_ stream: String, version: UInt64, state: State) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            if let existing = entries[stream], existing.version > version { return }
            entries[stream] = Entry(version: version, state: state)
        }
    }
}

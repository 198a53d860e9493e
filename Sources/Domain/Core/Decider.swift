/// A pure aggregate: decides events from a command and the current state, folds events into state.
public protocol Decider {
    /// The state folded from the stream's events.
    associatedtype State: Sendable
    /// What can be asked of the aggregate.
    associatedtype Command: Sendable
    /// What the aggregate records.
    associatedtype Event: DomainEvent
    /// The state of an empty stream.
    static var initialState: State { get }
    /// Checks `command` against `state` and `context`; returns the events to append (possibly none).
    /// - Throws: `DomainError` when the command is refused; nothing must then be appended.
    static func decide(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event]
    /// Applies one event to the state, in place. Never fails: events are facts. (In place so
    /// that a state held once is changed without copying its collections.)
    static func evolve(_ state: inout State, _ event: Event)
}

extension Decider {
    /// Folds events from the initial state.
    public static func fold<S: Sequence>(_ events: S) -> State where S.Element == Event {
        events.reduce(into: initialState) { state, event in evolve(&state, event) }
    }
}

/// An event stored in the log with a stable, versioned type name and a compact binary payload.
public protocol DomainEvent: Sendable {
    /// Stable name stored in the log, e.g. "room.loanRequested.v1".
    var eventType: String { get }
    /// Payload schema version stored in the record envelope.
    var schemaVersion: UInt16 { get }
    /// Compact binary payload.
    func encodedPayload() -> [UInt8]
    /// Decodes a payload written under `eventType`/`schemaVersion`, reading the bytes in place
    /// (e.g. straight from storage); upcasts old versions.
    static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> Self
    /// The people whose personal data this event holds (empty for most events).
    var personalDataSubjects: [PersonID] { get }
    /// The same event with each personal field transformed: the App layer seals clear contacts
    /// before appending and opens (or erases) sealed ones after reading.
    func mappingPersonalData(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> Self
}

extension DomainEvent {
    /// Decodes a payload written under `eventType`/`schemaVersion`; upcasts old versions.
    public static func decode(eventType: String, schemaVersion: UInt16, payload: [UInt8]) throws(DecodingFailure) -> Self {
        try withBorrowedBytes(payload) { (raw) throws(DecodingFailure) in
            try decode(eventType: eventType, schemaVersion: schemaVersion, payload: raw)
        }
    }

    /// No personal data by default.
    public var personalDataSubjects: [PersonID] { [] }

    /// Unchanged by default.
    public func mappingPersonalData(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> Self { self }
}

/// Any event of this domain, decoded by dispatching on the type name's prefix.
///
/// The aggregates' events keep their large payloads (room offers, series, applications…) in
/// `indirect` cases, so that this enum is 74 bytes rather than 216: a rebuild copies every
/// event it folds several times, and the frequent loan events are small.
public enum AnyDomainEvent: DomainEvent, Hashable {
    /// A `structure.*` event.
    case structure(StructureEvent)
    /// A `room.*` event.
    case room(RoomEvent)
    /// A `pepiniere.*` event.
    case pepiniere(PepiniereEvent)
    /// A `phare.*` event.
    case phare(PhareEvent)

    /// Decodes any event: one look at the prefix, then the aggregate's switch on the name.
    /// - Throws: `DecodingFailure` (unknown type, unsupported version, bad payload).
    public static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> AnyDomainEvent {
        // The aggregate's own decode checks the full name; the first bytes only route.
        var bytes = eventType.utf8.makeIterator()
        switch (bytes.next(), bytes.next()) {
        case (UInt8(ascii: "r"), _):
            return .room(try RoomEvent.decode(eventType: eventType, schemaVersion: schemaVersion, payload: payload))
        case (UInt8(ascii: "s"), _):
            return .structure(try StructureEvent.decode(eventType: eventType, schemaVersion: schemaVersion, payload: payload))
        case (UInt8(ascii: "p"), UInt8(ascii: "e")):
            return .pepiniere(try PepiniereEvent.decode(eventType: eventType, schemaVersion: schemaVersion, payload: payload))
        case (UInt8(ascii: "p"), UInt8(ascii: "h")):
            return .phare(try PhareEvent.decode(eventType: eventType, schemaVersion: schemaVersion, payload: payload))
        default:
            throw .unknownEventType(eventType)
        }
    }

    /// The wrapped event.
    public var event: any DomainEvent {
        switch self {
        case .structure(let e): e
        case .room(let e): e
        case .pepiniere(let e): e
        case .phare(let e): e
        }
    }

    /// The stable type name.
    public var eventType: String { event.eventType }

    /// The schema version.
    public var schemaVersion: UInt16 { event.schemaVersion }

    /// The payload bytes.
    public func encodedPayload() -> [UInt8] { event.encodedPayload() }

    /// The people whose personal data this event holds.
    public var personalDataSubjects: [PersonID] {
        if case .pepiniere(let e) = self { return e.personalDataSubjects }
        return []
    }

    /// The same event with each personal field transformed.
    public func mappingPersonalData(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> AnyDomainEvent {
        if case .pepiniere(let e) = self { return .pepiniere(try e.mappingPersonalData(transform)) }
        return self
    }
}

/// Events of a `pepiniere-{site}` stream.
public enum PepiniereEvent: DomainEvent, Hashable {
    /// `pepiniere.deskAdded.v1`.
    case deskAdded(DeskAdded)
    /// `pepiniere.deskRemoved.v1`.
    case deskRemoved(DeskRemoved)
    /// `pepiniere.applicationSubmitted.v1` (holds personal data).
    indirect case applicationSubmitted(DeskApplicationSubmitted)
    /// `pepiniere.applicationWaitlisted.v1`.
    case applicationWaitlisted(ApplicationWaitlisted)
    /// `pepiniere.applicationRejected.v1`.
    case applicationRejected(ApplicationRejected)
    /// `pepiniere.deskOffered.v1`.
    indirect case deskOffered(DeskOffered)
    /// `pepiniere.deskOfferAccepted.v1`.
    case deskOfferAccepted(DeskOfferAccepted)
    /// `pepiniere.deskOfferLapsed.v1`.
    case deskOfferLapsed(DeskOfferLapsed)
    /// `pepiniere.deskAllocated.v1`.
    indirect case deskAllocated(DeskAllocated)
    /// `pepiniere.allocationExtended.v1`.
    case allocationExtended(AllocationExtended)
    /// `pepiniere.projectLeft.v1`.
    case projectLeft(ProjectLeft)

    /// Stable type names.
    public enum TypeName {
        /// ``DeskAdded``.
        public static let deskAdded = "pepiniere.deskAdded.v1"
        /// ``DeskRemoved``.
        public static let deskRemoved = "pepiniere.deskRemoved.v1"
        /// ``DeskApplicationSubmitted``.
        public static let applicationSubmitted = "pepiniere.applicationSubmitted.v1"
        /// ``ApplicationWaitlisted``.
        public static let applicationWaitlisted = "pepiniere.applicationWaitlisted.v1"
        /// ``ApplicationRejected``.
        public static let applicationRejected = "pepiniere.applicationRejected.v1"
        /// ``DeskOffered``.
        public static let deskOffered = "pepiniere.deskOffered.v1"
        /// ``DeskOfferAccepted``.
        public static let deskOfferAccepted = "pepiniere.deskOfferAccepted.v1"
        /// ``DeskOfferLapsed``.
        public static let deskOfferLapsed = "pepiniere.deskOfferLapsed.v1"
        /// ``DeskAllocated``.
        public static let deskAllocated = "pepiniere.deskAllocated.v1"
        /// ``AllocationExtended``.
        public static let allocationExtended = "pepiniere.allocationExtended.v1"
        /// ``ProjectLeft``.
        public static let projectLeft = "pepiniere.projectLeft.v1"
    }

    /// The stable name of this event.
    public var eventType: String {
        switch self {
        case .deskAdded: TypeName.deskAdded
        case .deskRemoved: TypeName.deskRemoved
        case .applicationSubmitted: TypeName.applicationSubmitted
        case .applicationWaitlisted: TypeName.applicationWaitlisted
        case .applicationRejected: TypeName.applicationRejected
        case .deskOffered: TypeName.deskOffered
        case .deskOfferAccepted: TypeName.deskOfferAccepted
        case .deskOfferLapsed: TypeName.deskOfferLapsed
        case .deskAllocated: TypeName.deskAllocated
        case .allocationExtended: TypeName.allocationExtended
        case .projectLeft: TypeName.projectLeft
        }
    }

    /// Every pépinière payload is at version 1.
    public var schemaVersion: UInt16 { 1 }

    /// The payload bytes.
    public func encodedPayload() -> [UInt8] {
        switch self {
        case .deskAdded(let p): p.encoded()
        case .deskRemoved(let p): p.encoded()
        case .applicationSubmitted(let p): p.encoded()
        case .applicationWaitlisted(let p): p.encoded()
        case .applicationRejected(let p): p.encoded()
        case .deskOffered(let p): p.encoded()
        case .deskOfferAccepted(let p): p.encoded()
        case .deskOfferLapsed(let p): p.encoded()
        case .deskAllocated(let p): p.encoded()
        case .allocationExtended(let p): p.encoded()
        case .projectLeft(let p): p.encoded()
        }
    }

    /// Decodes a payload.
    public static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> PepiniereEvent {
        guard schemaVersion == 1 else { throw .unsupportedSchemaVersion(eventType: eventType, version: schemaVersion) }
        // Route on the length first (O(1) for native strings), then compare one or two names.
        switch eventType.utf8.count {
        case 22:
            if eventType == TypeName.deskAdded { return .deskAdded(try decodePayload(payload)) }
        case 24:
            if eventType == TypeName.deskRemoved { return .deskRemoved(try decodePayload(payload)) }
            if eventType == TypeName.deskOffered { return .deskOffered(try decodePayload(payload)) }
            if eventType == TypeName.projectLeft { return .projectLeft(try decodePayload(payload)) }
        case 26:
            if eventType == TypeName.deskAllocated { return .deskAllocated(try decodePayload(payload)) }
        case 28:
            if eventType == TypeName.deskOfferLapsed { return .deskOfferLapsed(try decodePayload(payload)) }
        case 30:
            if eventType == TypeName.deskOfferAccepted { return .deskOfferAccepted(try decodePayload(payload)) }
        case 31:
            if eventType == TypeName.allocationExtended { return .allocationExtended(try decodePayload(payload)) }
        case 32:
            if eventType == TypeName.applicationRejected { return .applicationRejected(try decodePayload(payload)) }
        case 33:
            if eventType == TypeName.applicationSubmitted { return .applicationSubmitted(try decodePayload(payload)) }
        case 34:
            if eventType == TypeName.applicationWaitlisted { return .applicationWaitlisted(try decodePayload(payload)) }
        default:
            break
        }
        throw .unknownEventType(eventType)
    }

    /// The people whose personal data this event holds.
    public var personalDataSubjects: [PersonID] {
        if case .applicationSubmitted(let e) = self { return [e.person] }
        return []
    }

    /// The same event with each personal field transformed (sealing before append, opening or
    /// erasing after read). Events without personal data are returned unchanged.
    public func mappingPersonalData(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> PepiniereEvent {
        guard case .applicationSubmitted(var e) = self else { return self }
        e.contact = try transform(e.person, e.contact)
        return .applicationSubmitted(e)
    }
}

/// Events of the `phare` stream.
public enum PhareEvent: DomainEvent, Hashable {
    /// `phare.capacitySet.v1`.
    case capacitySet(PhareCapacitySet)
    /// `phare.spaceRequested.v1`.
    indirect case spaceRequested(SpaceRequested)
    /// `phare.spaceRequestAmended.v1`.
    indirect case spaceRequestAmended(SpaceRequestAmended)
    /// `phare.spaceRequestWithdrawn.v1`.
    case spaceRequestWithdrawn(SpaceRequestWithdrawn)
    /// `phare.spaceAllocated.v1`.
    case spaceAllocated(SpaceAllocated)
    /// `phare.spaceRequestDeclined.v1`.
    case spaceRequestDeclined(SpaceRequestDeclined)

    /// Stable type names.
    public enum TypeName {
        /// ``PhareCapacitySet``.
        public static let capacitySet = "phare.capacitySet.v1"
        /// ``SpaceRequested``.
        public static let spaceRequested = "phare.spaceRequested.v1"
        /// ``SpaceRequestAmended``.
        public static let spaceRequestAmended = "phare.spaceRequestAmended.v1"
        /// ``SpaceRequestWithdrawn``.
        public static let spaceRequestWithdrawn = "phare.spaceRequestWithdrawn.v1"
        /// ``SpaceAllocated``.
        public static let spaceAllocated = "phare.spaceAllocated.v1"
        /// ``SpaceRequestDeclined``.
        public static let spaceRequestDeclined = "phare.spaceRequestDeclined.v1"
    }

    /// The stable name of this event.
    public var eventType: String {
        switch self {
        case .capacitySet: TypeName.capacitySet
        case .spaceRequested: TypeName.spaceRequested
        case .spaceRequestAmended: TypeName.spaceRequestAmended
        case .spaceRequestWithdrawn: TypeName.spaceRequestWithdrawn
        case .spaceAllocated: TypeName.spaceAllocated
        case .spaceRequestDeclined: TypeName.spaceRequestDeclined
        }
    }

    /// Every Phare payload is at version 1.
    public var schemaVersion: UInt16 { 1 }

    /// The payload bytes.
    public func encodedPayload() -> [UInt8] {
        switch self {
        case .capacitySet(let p): p.encoded()
        case .spaceRequested(let p): p.encoded()
        case .spaceRequestAmended(let p): p.encoded()
        case .spaceRequestWithdrawn(let p): p.encoded()
        case .spaceAllocated(let p): p.encoded()
        case .spaceRequestDeclined(let p): p.encoded()
        }
    }

    /// Decodes a payload.
    public static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> PhareEvent {
        guard schemaVersion == 1 else { throw .unsupportedSchemaVersion(eventType: eventType, version: schemaVersion) }
        // Route on the length first (O(1) for native strings), then compare one or two names.
        switch eventType.utf8.count {
        case 20:
            if eventType == TypeName.capacitySet { return .capacitySet(try decodePayload(payload)) }
        case 23:
            if eventType == TypeName.spaceRequested { return .spaceRequested(try decodePayload(payload)) }
            if eventType == TypeName.spaceAllocated { return .spaceAllocated(try decodePayload(payload)) }
        case 28:
            if eventType == TypeName.spaceRequestAmended { return .spaceRequestAmended(try decodePayload(payload)) }
        case 29:
            if eventType == TypeName.spaceRequestDeclined { return .spaceRequestDeclined(try decodePayload(payload)) }
        case 30:
            if eventType == TypeName.spaceRequestWithdrawn { return .spaceRequestWithdrawn(try decodePayload(payload)) }
        default:
            break
        }
        throw .unknownEventType(eventType)
    }
}

/// Events of a `room-{id}` stream.
public enum RoomEvent: DomainEvent, Hashable {
    /// `room.offered.v1`.
    indirect case offered(RoomOffered)
    /// `room.detailsChanged.v1`.
    indirect case detailsChanged(RoomDetailsChanged)
    /// `room.rulesSet.v1`.
    case rulesSet(RoomRulesSet)
    /// `room.withdrawn.v1`.
    case withdrawn(RoomWithdrawn)
    /// `room.availabilityOpened.v1`.
    indirect case availabilityOpened(AvailabilityOpened)
    /// `room.availabilityClosed.v1`.
    case availabilityClosed(AvailabilityClosed)
    /// `room.loanRequested.v1`.
    case loanRequested(LoanRequested)
    /// `room.loanSeriesRequested.v1`.
    indirect case loanSeriesRequested(LoanSeriesRequested)
    /// `room.loanApproved.v1`.
    case loanApproved(LoanApproved)
    /// `room.loanDeclined.v1`.
    case loanDeclined(LoanDeclined)
    /// `room.loanCancelled.v1`.
    case loanCancelled(LoanCancelled)

    /// Stable type names.
    public enum TypeName {
        /// ``RoomOffered``.
        public static let offered = "room.offered.v1"
        /// ``RoomDetailsChanged``.
        public static let detailsChanged = "room.detailsChanged.v1"
        /// ``RoomRulesSet``.
        public static let rulesSet = "room.rulesSet.v1"
        /// ``RoomWithdrawn``.
        public static let withdrawn = "room.withdrawn.v1"
        /// ``AvailabilityOpened``.
        public static let availabilityOpened = "room.availabilityOpened.v1"
        /// ``AvailabilityClosed``.
        public static let availabilityClosed = "room.availabilityClosed.v1"
        /// ``LoanRequested``.
        public static let loanRequested = "room.loanRequested.v1"
        /// ``LoanSeriesRequested``.
        public static let loanSeriesRequested = "room.loanSeriesRequested.v1"
        /// ``LoanApproved``.
        public static let loanApproved = "room.loanApproved.v1"
        /// ``LoanDeclined``.
        public static let loanDeclined = "room.loanDeclined.v1"
        /// ``LoanCancelled``.
        public static let loanCancelled = "room.loanCancelled.v1"
    }

    /// The stable name of this event.
    public var eventType: String {
        switch self {
        case .offered: TypeName.offered
        case .detailsChanged: TypeName.detailsChanged
        case .rulesSet: TypeName.rulesSet
        case .withdrawn: TypeName.withdrawn
        case .availabilityOpened: TypeName.availabilityOpened
        case .availabilityClosed: TypeName.availabilityClosed
        case .loanRequested: TypeName.loanRequested
        case .loanSeriesRequested: TypeName.loanSeriesRequested
        case .loanApproved: TypeName.loanApproved
        case .loanDeclined: TypeName.loanDeclined
        case .loanCancelled: TypeName.loanCancelled
        }
    }

    /// Every room payload is at version 1.
    public var schemaVersion: UInt16 { 1 }

    /// The payload bytes.
    public func encodedPayload() -> [UInt8] {
        switch self {
        case .offered(let p): p.encoded()
        case .detailsChanged(let p): p.encoded()
        case .rulesSet(let p): p.encoded()
        case .withdrawn(let p): p.encoded()
        case .availabilityOpened(let p): p.encoded()
        case .availabilityClosed(let p): p.encoded()
        case .loanRequested(let p): p.encoded()
        case .loanSeriesRequested(let p): p.encoded()
        case .loanApproved(let p): p.encoded()
        case .loanDeclined(let p): p.encoded()
        case .loanCancelled(let p): p.encoded()
        }
    }

    /// Decodes a payload.
    public static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> RoomEvent {
        guard schemaVersion == 1 else { throw .unsupportedSchemaVersion(eventType: eventType, version: schemaVersion) }
        // Route on the length first (O(1) for native strings), then compare one or two names.
        switch eventType.utf8.count {
        case 15:
            if eventType == TypeName.offered { return .offered(try decodePayload(payload)) }
        case 16:
            if eventType == TypeName.rulesSet { return .rulesSet(try decodePayload(payload)) }
        case 17:
            if eventType == TypeName.withdrawn { return .withdrawn(try decodePayload(payload)) }
        case 20:
            if eventType == TypeName.loanApproved { return .loanApproved(try decodePayload(payload)) }
            if eventType == TypeName.loanDeclined { return .loanDeclined(try decodePayload(payload)) }
        case 21:
            if eventType == TypeName.loanRequested { return .loanRequested(try decodePayload(payload)) }
            if eventType == TypeName.loanCancelled { return .loanCancelled(try decodePayload(payload)) }
        case 22:
            if eventType == TypeName.detailsChanged { return .detailsChanged(try decodePayload(payload)) }
        case 26:
            if eventType == TypeName.availabilityOpened { return .availabilityOpened(try decodePayload(payload)) }
            if eventType == TypeName.availabilityClosed { return .availabilityClosed(try decodePayload(payload)) }
        case 27:
            if eventType == TypeName.loanSeriesRequested { return .loanSeriesRequested(try decodePayload(payload)) }
        default:
            break
        }
        throw .unknownEventType(eventType)
    }
}

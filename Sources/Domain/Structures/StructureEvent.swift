/// Events of a `structure-{id}` stream.
public enum StructureEvent: DomainEvent, Hashable {
    /// `structure.registered.v1`.
    indirect case registered(StructureRegistered)
    /// `structure.detailsChanged.v1`.
    indirect case detailsChanged(StructureDetailsChanged)
    /// `structure.borrowingQuotaSet.v1`.
    case borrowingQuotaSet(BorrowingQuotaSet)

    /// Stable type names.
    public enum TypeName {
        /// ``StructureRegistered``.
        public static let registered = "structure.registered.v1"
        /// ``StructureDetailsChanged``.
        public static let detailsChanged = "structure.detailsChanged.v1"
        /// ``BorrowingQuotaSet``.
        public static let borrowingQuotaSet = "structure.borrowingQuotaSet.v1"
    }

    /// The stable name of this event.
    public var eventType: String {
        switch self {
        case .registered: TypeName.registered
        case .detailsChanged: TypeName.detailsChanged
        case .borrowingQuotaSet: TypeName.borrowingQuotaSet
        }
    }

    /// Every structure payload is at version 1.
    public var schemaVersion: UInt16 { 1 }

    /// The payload bytes.
    public func encodedPayload() -> [UInt8] {
        switch self {
        case .registered(let p): p.encoded()
        case .detailsChanged(let p): p.encoded()
        case .borrowingQuotaSet(let p): p.encoded()
        }
    }

    /// Decodes a payload.
    public static func decode(eventType: String, schemaVersion: UInt16, payload: UnsafeRawBufferPointer) throws(DecodingFailure) -> StructureEvent {
        guard schemaVersion == 1 else { throw .unsupportedSchemaVersion(eventType: eventType, version: schemaVersion) }
        switch eventType {
        case TypeName.registered: return .registered(try decodePayload(payload))
        case TypeName.detailsChanged: return .detailsChanged(try decodePayload(payload))
        case TypeName.borrowingQuotaSet: return .borrowingQuotaSet(try decodePayload(payload))
        default: throw .unknownEventType(eventType)
        }
    }
}

/// A structure joined the platform.
public struct StructureRegistered: Hashable, Sendable, BinaryCodable, Encodable {
    /// Its id.
    public var id: StructureID
    /// Its details.
    public var details: StructureDetails
    /// Creates the payload.
    public init(id: StructureID, details: StructureDetails) {
        self.id = id
        self.details = details
    }
    /// Id then details.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(details)
    }
    /// Reads id then details.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        details = try reader.read()
    }
}

/// The details of a structure were replaced.
public struct StructureDetailsChanged: Hashable, Sendable, BinaryCodable, Encodable {
    /// The new details.
    public var details: StructureDetails
    /// Creates the payload.
    public init(details: StructureDetails) { self.details = details }
    /// The details.
    public func encode(to writer: inout BinaryWriter) { writer.write(details) }
    /// Reads the details.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { details = try reader.read() }
}

/// The coordinator set or removed the monthly borrowing quota.
public struct BorrowingQuotaSet: Hashable, Sendable, BinaryCodable, Encodable {
    /// Hours per month; `nil`: no quota.
    public var hoursPerMonth: Int?
    /// Creates the payload.
    public init(hoursPerMonth: Int?) { self.hoursPerMonth = hoursPerMonth }
    /// Optional zigzag varint.
    public func encode(to writer: inout BinaryWriter) { writer.writeOptional(hoursPerMonth) { $0.writeVarint($1) } }
    /// Reads the optional hours.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        hoursPerMonth = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readInt() }
    }
}

/// Equipment of a room, a closed list (free text goes to ``RoomDetails/equipmentNotes``).
public enum Equipment: UInt8, Sendable, Hashable, CaseIterable, Comparable {
    /// Vidéoprojecteur.
    case projector = 0
    /// Écran.
    case screen = 1
    /// Tableau blanc.
    case whiteboard = 2
    /// Paperboard.
    case paperboard = 3
    /// Wi-Fi.
    case wifi = 4
    /// Sonorisation.
    case soundSystem = 5
    /// Visioconférence.
    case videoconference = 6
    /// Cuisine / coin café.
    case kitchen = 7
    /// Toilettes accessibles.
    case accessibleToilets = 8

    /// Order of declaration.
    public static func < (lhs: Equipment, rhs: Equipment) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// On what terms a room is lent.
public enum RoomConditions: Hashable, Sendable, BinaryCodable {
    /// Free of charge.
    case free
    /// A price in euro cents per half-day and/or per day (at least one).
    case price(halfDayCents: Int?, dayCents: Int?)
    /// In exchange of services, described.
    case exchange(String)

    func validated() throws(DomainError) -> RoomConditions {
        switch self {
        case .free:
            return self
        case .price(let half, let day):
            guard half != nil || day != nil,
                  (half ?? 0) >= 0, (half ?? 0) <= 10_000_000, (day ?? 0) >= 0, (day ?? 0) <= 10_000_000 else {
                throw DomainError(.invalidPrice, field: "conditions.price",
                                  "Indiquez un prix à la demi-journée ou à la journée, positif (en centimes, au plus 100 000 €).")
            }
            return self
        case .exchange(let text):
            return .exchange(try Validate.text(text, field: "conditions.exchange", label: "échange de services", max: 1000))
        }
    }

    /// Tag `0` free, `1` price + two optional varints, `2` exchange + string.
    public func encode(to writer: inout BinaryWriter) {
        switch self {
        case .free:
            writer.write(UInt8(0))
        case .price(let half, let day):
            writer.write(UInt8(1))
            writer.writeOptional(half) { $0.writeVarint($1) }
            writer.writeOptional(day) { $0.writeVarint($1) }
        case .exchange(let text):
            writer.write(UInt8(2))
            writer.write(text)
        }
    }

    /// Reads the tagged form.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        switch try reader.readUInt8() {
        case 0: self = .free
        case 1:
            let half = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readInt() }
            let day = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readInt() }
            self = .price(halfDayCents: half, dayCents: day)
        case 2: self = .exchange(try reader.readString())
        default: throw .invalidValue("conditions")
        }
    }
}

/// What a structure says of a room it offers.
public struct RoomDetails: Hashable, Sendable, BinaryCodable, Encodable {
    /// Name, 1...200 characters.
    public var name: String
    /// Postal address.
    public var address: Address
    /// WGS84 position.
    public var position: GeoPosition
    /// Capacity in people, 1...10,000.
    public var capacity: Int
    /// Surface in m², optional, positive.
    public var surface: Double?
    /// Equipment from the closed list.
    public var equipment: [Equipment]
    /// Free text on equipment, ≤ 1000 characters.
    public var equipmentNotes: String
    /// Step-free access (PMR).
    public var stepFreeAccess: Bool
    /// Conditions of the loan.
    public var conditions: RoomConditions
    /// Description, ≤ 5000 characters.
    public var description: String

    /// Creates details (validated by the decider).
    public init(name: String, address: Address, position: GeoPosition, capacity: Int, surface: Double? = nil,
                equipment: [Equipment] = [], equipmentNotes: String = "", stepFreeAccess: Bool = false,
                conditions: RoomConditions = .free, description: String = "") {
        self.name = name
        self.address = address
        self.position = position
        self.capacity = capacity
        self.surface = surface
        self.equipment = equipment
        self.equipmentNotes = equipmentNotes
        self.stepFreeAccess = stepFreeAccess
        self.conditions = conditions
        self.description = description
    }

    func validated() throws(DomainError) -> RoomDetails {
        guard (1...10_000).contains(capacity) else {
            throw DomainError(.invalidCapacity, field: "capacity", "La capacité doit être comprise entre 1 et 10 000 personnes ; reçu \(capacity).")
        }
        if let surface { try Validate.surface(surface) }
        return RoomDetails(
            name: try Validate.text(name, field: "name", label: "nom"),
            address: try address.validated(),
            position: position,
            capacity: capacity,
            surface: surface,
            equipment: Array(Set(equipment)).sorted(),
            equipmentNotes: try Validate.boundedText(equipmentNotes, field: "equipmentNotes", label: "équipement", max: 1000),
            stepFreeAccess: stepFreeAccess,
            conditions: try conditions.validated(),
            description: try Validate.boundedText(description, field: "description", label: "description", max: Validate.descriptionLimit))
    }

    /// Fields in declaration order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(address)
        writer.write(position)
        writer.writeVarint(capacity)
        writer.writeOptional(surface) { $0.write($1) }
        writer.writeArray(equipment) { $0.writeEnum($1) }
        writer.write(equipmentNotes)
        writer.write(stepFreeAccess)
        writer.write(conditions)
        writer.write(description)
    }

    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        name = try reader.readString()
        address = try reader.read()
        position = try reader.read()
        capacity = try reader.readInt()
        surface = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readDouble() }
        equipment = try reader.readEnumArray(Equipment.self, "equipment")
        equipmentNotes = try reader.readString()
        stepFreeAccess = try reader.readBool()
        conditions = try reader.read()
        description = try reader.readString()
    }
}

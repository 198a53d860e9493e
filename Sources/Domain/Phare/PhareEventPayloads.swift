/// The coordinator set the capacity.
public struct PhareCapacitySet: Hashable, Sendable, BinaryCodable, Encodable {
    /// Total m².
    public var total: Double
    /// Per-use m², for the uses that have a cap.
    public var perUse: [PhareUse: Double]
    /// Creates the payload.
    public init(total: Double, perUse: [PhareUse: Double]) {
        self.total = total
        self.perUse = perUse
    }
    /// Total, then a count and (use byte, m²) pairs in use order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(total)
        writer.writeArray(perUse.keys.sorted()) { w, use in
            w.writeEnum(use)
            w.write(perUse[use] ?? 0)
        }
    }
    /// Reads total and pairs.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        total = try reader.readDouble()
        let pairs = try reader.readArray { (r: inout BinaryReader) throws(DecodingFailure) -> (PhareUse, Double) in
            (try r.readEnum(PhareUse.self, "use"), try r.readDouble())
        }
        perUse = [:]
        for (use, m2) in pairs { perUse[use] = m2 }
    }
}

/// A structure requested space.
public struct SpaceRequested: Hashable, Sendable, BinaryCodable, Encodable {
    /// The request.
    public var id: PhareRequestID
    /// The structure.
    public var structure: StructureID
    /// The use.
    public var use: PhareUse
    /// m².
    public var surface: Double
    /// Wished date.
    public var wishedDate: LocalDate?
    /// Notes.
    public var notes: String
    /// Creates the payload.
    public init(id: PhareRequestID, structure: StructureID, use: PhareUse, surface: Double, wishedDate: LocalDate?, notes: String) {
        self.id = id
        self.structure = structure
        self.use = use
        self.surface = surface
        self.wishedDate = wishedDate
        self.notes = notes
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(structure)
        writer.writeEnum(use)
        writer.write(surface)
        writer.writeOptional(wishedDate) { $0.write($1) }
        writer.write(notes)
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        structure = try reader.read()
        use = try reader.readEnum(PhareUse.self, "use")
        surface = try reader.readDouble()
        wishedDate = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(LocalDate.self) }
        notes = try reader.readString()
    }
}

/// An open request was amended.
public struct SpaceRequestAmended: Hashable, Sendable, BinaryCodable, Encodable {
    /// The request.
    public var id: PhareRequestID
    /// The use.
    public var use: PhareUse
    /// m².
    public var surface: Double
    /// Wished date.
    public var wishedDate: LocalDate?
    /// Notes.
    public var notes: String
    /// Creates the payload.
    public init(id: PhareRequestID, use: PhareUse, surface: Double, wishedDate: LocalDate?, notes: String) {
        self.id = id
        self.use = use
        self.surface = surface
        self.wishedDate = wishedDate
        self.notes = notes
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.writeEnum(use)
        writer.write(surface)
        writer.writeOptional(wishedDate) { $0.write($1) }
        writer.write(notes)
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        use = try reader.readEnum(PhareUse.self, "use")
        surface = try reader.readDouble()
        wishedDate = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(LocalDate.self) }
        notes = try reader.readString()
    }
}

/// A request was withdrawn (and its allocation, if any, released).
public struct SpaceRequestWithdrawn: Hashable, Sendable, BinaryCodable, Encodable {
    /// The request.
    public var id: PhareRequestID
    /// Why, if said.
    public var reason: String?
    /// Creates the payload.
    public init(id: PhareRequestID, reason: String?) {
        self.id = id
        self.reason = reason
    }
    /// Id then optional reason.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.writeOptional(reason) { $0.write($1) }
    }
    /// Reads id then optional reason.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        reason = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

/// The coordinator allocated all or part of a request.
public struct SpaceAllocated: Hashable, Sendable, BinaryCodable, Encodable {
    /// The request.
    public var id: PhareRequestID
    /// m² allocated.
    public var surface: Double
    /// Creates the payload.
    public init(id: PhareRequestID, surface: Double) {
        self.id = id
        self.surface = surface
    }
    /// Id then m².
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(surface)
    }
    /// Reads id then m².
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        surface = try reader.readDouble()
    }
}

/// The coordinator declined a request.
public struct SpaceRequestDeclined: Hashable, Sendable, BinaryCodable, Encodable {
    /// The request.
    public var id: PhareRequestID
    /// Why.
    public var reason: String
    /// Creates the payload.
    public init(id: PhareRequestID, reason: String) {
        self.id = id
        self.reason = reason
    }
    /// Id then reason.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(reason)
    }
    /// Reads id then reason.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        reason = try reader.readString()
    }
}

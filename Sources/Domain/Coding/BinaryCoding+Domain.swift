import Foundation

extension Identifier: BinaryCodable {
    /// The raw text as a string.
    public func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    /// Reads and re-validates the raw text.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        self.init(unchecked: try reader.readIdentifierText())
    }
}

extension LocalDate: BinaryCodable {
    /// Year (UInt16), month (UInt8), day (UInt8).
    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt16(clamping: year))
        writer.write(UInt8(clamping: month))
        writer.write(UInt8(clamping: day))
    }
    /// Reads and validates a date.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        let y = Int(try reader.readUInt16()), m = Int(try reader.readUInt8()), d = Int(try reader.readUInt8())
        do { try self.init(year: y, month: m, day: d) } catch { throw .invalidValue("date") }
    }
}

extension LocalTime: BinaryCodable {
    /// Minutes since midnight (UInt16).
    public func encode(to writer: inout BinaryWriter) { writer.write(UInt16(minutesSinceMidnight)) }
    /// Reads and validates a time.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        let m = Int(try reader.readUInt16())
        guard m < 1440 else { throw .invalidValue("time") }
        self.init(minutesSinceMidnight: m)
    }
}

extension LocalDateTime: BinaryCodable {
    /// Date then time.
    public func encode(to writer: inout BinaryWriter) {
        date.encode(to: &writer)
        time.encode(to: &writer)
    }
    /// Reads date then time.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        self.init(try LocalDate(from: &reader), try LocalTime(from: &reader))
    }
}

extension Period: BinaryCodable {
    /// Start then end, as dates.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(start)
        writer.write(end)
    }
    /// Reads start then end; refuses `end <= start`.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        let s = try reader.readDate(), e = try reader.readDate()
        guard e > s else { throw .invalidValue("period") }
        self.init(uncheckedStart: s, end: e)
    }
}

extension Weekday: BinaryCodable {
    /// ISO number as one byte.
    public func encode(to writer: inout BinaryWriter) { writer.write(UInt8(rawValue)) }
    /// Reads an ISO weekday.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        guard let w = Weekday(rawValue: Int(try reader.readUInt8())) else { throw .invalidValue("weekday") }
        self = w
    }
}

extension DomainErrorCode: BinaryCodable {
    /// The raw string.
    public func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    /// Reads a known code.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        guard let c = DomainErrorCode(rawValue: try reader.readString()) else { throw .invalidValue("error code") }
        self = c
    }
}

extension BinaryReader {
    /// Reads a one-byte tag of a `UInt8`-backed enum.
    mutating func readEnum<E: RawRepresentable>(_ type: E.Type, _ name: String) throws(DecodingFailure) -> E where E.RawValue == UInt8 {
        guard let v = E(rawValue: try readUInt8()) else { throw .invalidValue(name) }
        return v
    }

    /// Reads an `Int` written with `writeVarint(_: Int)`.
    mutating func readInt() throws(DecodingFailure) -> Int { try readSignedVarint() }

    /// Reads a set of `UInt8`-backed enum values.
    mutating func readEnumArray<E: RawRepresentable>(_ type: E.Type, _ name: String) throws(DecodingFailure) -> [E] where E.RawValue == UInt8 {
        try readArray { (r: inout BinaryReader) throws(DecodingFailure) -> E in try r.readEnum(E.self, name) }
    }
}

extension BinaryWriter {
    mutating func writeEnum<E: RawRepresentable>(_ value: E) where E.RawValue == UInt8 { write(value.rawValue) }
}

/// Decodes a whole payload, checking that no byte is left.
func decodePayload<T: BinaryCodable>(_ bytes: UnsafeRawBufferPointer, as type: T.Type = T.self) throws(DecodingFailure) -> T {
    try T.decoded(borrowing: bytes)
}

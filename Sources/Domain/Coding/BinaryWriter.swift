public import Foundation

/// Appends values to a byte buffer in the payload encoding described in docs/domain.md.
public struct BinaryWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// One byte.
    public mutating func write(_ value: UInt8) { bytes.append(value) }

    /// Two bytes, little-endian.
    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Four bytes, little-endian.
    public mutating func write(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Eight bytes, little-endian.
    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Eight bytes, little-endian two's complement.
    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    /// A LEB128 unsigned varint (7 bits a byte, high bit = more).
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed integer as a zigzag varint.
    public mutating func writeVarint(_ value: Int) {
        let v = Int64(value)
        writeVarint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// `0` or `1`.
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// The IEEE 754 bit pattern, 8 bytes little-endian.
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// A varint byte count followed by the UTF-8 bytes.
    public mutating func write(_ value: String) {
        var s = value
        s.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Microseconds since 1970-01-01 UTC, Int64 little-endian.
    public mutating func write(_ value: Date) {
        let micros = (value.timeIntervalSince1970 * 1_000_000).rounded()
        write(Int64(exactly: micros) ?? (micros < 0 ? Int64.min : Int64.max))
    }

    /// Raw bytes prefixed by their varint count.
    public mutating func writeBytes(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A presence byte (`0` absent, `1` present) then the value.
    public mutating func writeOptional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        if let value {
            write(UInt8(1))
            body(&self, value)
        } else {
            write(UInt8(0))
        }
    }

    /// A varint count then each element.
    public mutating func writeArray<T>(_ values: [T], _ body: (inout BinaryWriter, T) -> Void) {
        writeVarint(UInt64(values.count))
        for v in values { body(&self, v) }
    }

    /// A value with its own encoding.
    public mutating func write<T: BinaryCodable>(_ value: T) { value.encode(to: &self) }
}

/// A value with a hand-written binary form.
public protocol BinaryCodable: Sendable {
    /// Appends the value.
    func encode(to writer: inout BinaryWriter)
    /// Reads the value.
    /// - Throws: `DecodingFailure` on truncated or invalid bytes.
    init(from reader: inout BinaryReader) throws(DecodingFailure)
}

extension BinaryCodable {
    /// The value alone, encoded.
    public func encoded() -> [UInt8] {
        var w = BinaryWriter()
        encode(to: &w)
        return w.bytes
    }

    /// Decodes a value that must use all of `bytes`.
    /// - Throws: `DecodingFailure`, including `.trailingBytes`.
    public static func decoded(from bytes: [UInt8]) throws(DecodingFailure) -> Self {
        try withBorrowedBytes(bytes) { (raw) throws(DecodingFailure) in try decoded(borrowing: raw) }
    }

    /// Decodes a value that must use all of `bytes`, reading them in place (no copy): for
    /// payloads read straight from storage.
    /// - Throws: `DecodingFailure`, including `.trailingBytes`.
    public static func decoded(borrowing bytes: UnsafeRawBufferPointer) throws(DecodingFailure) -> Self {
        var r = BinaryReader(borrowing: bytes)
        let value = try Self(from: &r)
        try r.finish()
        return value
    }
}

/// Runs `body` over the bytes of `array` in place, keeping the typed error.
func withBorrowedBytes<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(DecodingFailure) -> R) throws(DecodingFailure) -> R {
    let result: Result<R, DecodingFailure> = array.withUnsafeBytes { raw in
        do throws(DecodingFailure) { return .success(try body(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}

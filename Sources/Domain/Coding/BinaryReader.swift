public import Foundation

/// Reads values written by ``BinaryWriter``; every read is bounds-checked and throws
/// ``DecodingFailure`` instead of trapping.
public struct BinaryReader: Sendable {
    private let bytes: [UInt8]
    private var index: Int

    /// A reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = 0
    }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - index }

    /// Checks that everything was read.
    /// - Throws: `DecodingFailure.trailingBytes`.
    public func finish() throws(DecodingFailure) {
        guard index == bytes.count else { throw .trailingBytes }
    }

    /// One byte.
    public mutating func readUInt8() throws(DecodingFailure) -> UInt8 {
        guard index < bytes.count else { throw .truncated }
        defer { index += 1 }
        return bytes[index]
    }

    /// Two bytes, little-endian.
    public mutating func readUInt16() throws(DecodingFailure) -> UInt16 { try readFixed(UInt16.self) }

    /// Four bytes, little-endian.
    public mutating func readUInt32() throws(DecodingFailure) -> UInt32 { try readFixed(UInt32.self) }

    /// Eight bytes, little-endian.
    public mutating func readUInt64() throws(DecodingFailure) -> UInt64 { try readFixed(UInt64.self) }

    /// A fixed-width little-endian integer, loaded in one unaligned read after one bounds check.
    private mutating func readFixed<T: FixedWidthInteger>(_ type: T.Type) throws(DecodingFailure) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .truncated }
        let offset = index
        index += size
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// Eight bytes, little-endian two's complement.
    public mutating func readInt64() throws(DecodingFailure) -> Int64 { Int64(bitPattern: try readUInt64()) }

    /// A LEB128 unsigned varint of at most 10 bytes.
    public mutating func readVarint() throws(DecodingFailure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readUInt8()
            if shift == 63 && b > 1 { throw .invalidValue("varint overflow") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .invalidValue("varint overflow") }
        }
    }

    /// A zigzag varint as `Int`.
    public mutating func readSignedVarint() throws(DecodingFailure) -> Int {
        let raw = try readVarint()
        let v = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        return Int(v)
    }

    /// A varint used as a count or length, bounded by the bytes left.
    public mutating func readCount() throws(DecodingFailure) -> Int {
        let n = try readVarint()
        guard n <= UInt64(remaining) else { throw .truncated }
        return Int(n)
    }

    /// `0` or `1`.
    public mutating func readBool() throws(DecodingFailure) -> Bool {
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        default: throw .invalidValue("bool")
        }
    }

    /// An IEEE 754 bit pattern.
    public mutating func readDouble() throws(DecodingFailure) -> Double { Double(bitPattern: try readUInt64()) }

    /// A length-prefixed UTF-8 string.
    public mutating func readString() throws(DecodingFailure) -> String {
        let n = try readCount()
        let start = index
        let s: String? = bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<(start + n)])
            // Checked here, then made with the fast `String(decoding:)`, which would otherwise
            // silently repair bad bytes.
            return isWellFormedUTF8(slice) ? String(decoding: slice, as: UTF8.self) : nil
        }
        guard let s else { throw .invalidUTF8 }
        index += n
        return s
    }

    /// A length-prefixed identifier: 1...64 bytes among `a-z`, `0-9`, `-`, checked before any
    /// string is made.
    public mutating func readIdentifierText() throws(DecodingFailure) -> String {
        let n = try readCount()
        guard (1...64).contains(n) else { throw .invalidValue("identifier length") }
        let start = index
        let s: String? = bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<(start + n)])
            for b in slice {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
                default: return nil
                }
            }
            return String(decoding: slice, as: UTF8.self)
        }
        guard let s else { throw .invalidValue("identifier") }
        index += n
        return s
    }

    /// Length-prefixed raw bytes.
    public mutating func readBytes() throws(DecodingFailure) -> [UInt8] {
        let n = try readCount()
        defer { index += n }
        return Array(bytes[index..<(index + n)])
    }

    /// Microseconds since 1970 UTC.
    public mutating func readDate() throws(DecodingFailure) -> Date {
        let micros = try readInt64()
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// A presence byte then, if `1`, the value.
    public mutating func readOptional<T>(_ body: (inout BinaryReader) throws(DecodingFailure) -> T) throws(DecodingFailure) -> T? {
        switch try readUInt8() {
        case 0: return nil
        case 1: return try body(&self)
        default: throw .invalidValue("presence byte")
        }
    }

    /// A count then the elements. Each element takes at least one byte, so the count is bounded.
    public mutating func readArray<T>(_ body: (inout BinaryReader) throws(DecodingFailure) -> T) throws(DecodingFailure) -> [T] {
        let n = try readCount()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try body(&self)) }
        return out
    }

    /// A value with its own encoding.
    public mutating func read<T: BinaryCodable>(_ type: T.Type = T.self) throws(DecodingFailure) -> T {
        try T(from: &self)
    }
}

/// Whether `bytes` is well-formed UTF-8 (Unicode Table 3-7: no overlongs, no surrogates, ≤ U+10FFFF).
func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
        let b0 = bytes[i]
        if b0 < 0x80 {
            i += 1
            continue
        }
        @inline(__always) func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            j < n && bytes[j] >= lo && bytes[j] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            guard cont(i + 1) else { return false }
            i += 2
        case 0xE0:
            guard cont(i + 1, 0xA0), cont(i + 2) else { return false }
            i += 3
        case 0xE1...0xEC, 0xEE...0xEF:
            guard cont(i + 1), cont(i + 2) else { return false }
            i += 3
        case 0xED:
            guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return false }
            i += 3
        case 0xF0:
            guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return false }
            i += 4
        case 0xF1...0xF3:
            guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
            i += 4
        case 0xF4:
            guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return false }
            i += 4
        default:
            return false
        }
    }
    return true
}

public import Foundation

/// Reads values written by ``BinaryWriter``; every read is bounds-checked and throws
/// ``DecodingFailure`` instead of trapping.
///
/// A reader walks bytes in place: those of the array it was made from (kept alive by the reader),
/// or, inside ``BinaryCodable/decoded(borrowing:)``, the caller's bytes, which are never copied.
public struct BinaryReader: @unchecked Sendable {
    // @unchecked: `base` points into `owner` (immutable, kept alive by the reader) or into bytes
    // borrowed for the duration of one `decoded(borrowing:)` call, which a reader never outlives
    // unless a payload's own decoder copies it out of that call (none does).
    private let base: UnsafeRawPointer?
    private let count: Int
    private var index: Int
    private let owner: ByteBox?

    /// A reader at the start of `bytes` (copied once, into storage the reader keeps).
    public init(_ bytes: [UInt8]) {
        let box = ByteBox(bytes)
        owner = box
        base = UnsafeRawPointer(box.pointer)
        count = bytes.count
        index = 0
    }

    /// A reader over bytes borrowed for the caller's scope: valid only while they are.
    init(borrowing raw: UnsafeRawBufferPointer) {
        owner = nil
        base = raw.baseAddress
        count = raw.count
        index = 0
    }

    /// The bytes from `start`, `n` of them (bounds already checked).
    @inline(__always)
    private func slice(_ start: Int, _ n: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base.map { $0 + start }, count: n)
    }

    /// Bytes left to read.
    public var remaining: Int { count - index }

    /// Checks that everything was read.
    /// - Throws: `DecodingFailure.trailingBytes`.
    public func finish() throws(DecodingFailure) {
        guard index == count else { throw .trailingBytes }
    }

    /// One byte.
    public mutating func readUInt8() throws(DecodingFailure) -> UInt8 {
        guard index < count, let base else { throw .truncated }
        defer { index += 1 }
        return base.load(fromByteOffset: index, as: UInt8.self)
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
        guard remaining >= size, let base else { throw .truncated }
        let offset = index
        index += size
        return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
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
        let bytes = slice(index, n).assumingMemoryBound(to: UInt8.self)
        // Checked here, then made with the fast `String(decoding:)`, which would otherwise
        // silently repair bad bytes.
        guard isWellFormedUTF8(bytes) else { throw .invalidUTF8 }
        index += n
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A length-prefixed identifier: 1...64 bytes among `a-z`, `0-9`, `-`, checked before any
    /// string is made.
    public mutating func readIdentifierText() throws(DecodingFailure) -> String {
        let n = try readCount()
        guard (1...64).contains(n) else { throw .invalidValue("identifier length") }
        let bytes = slice(index, n).assumingMemoryBound(to: UInt8.self)
        for b in bytes {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
            default: throw .invalidValue("identifier")
            }
        }
        index += n
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Length-prefixed raw bytes.
    public mutating func readBytes() throws(DecodingFailure) -> [UInt8] {
        let n = try readCount()
        defer { index += n }
        return Array(slice(index, n))
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

/// A copy of the bytes a reader was made from, freed with the last reader holding it.
final class ByteBox {
    let pointer: UnsafeMutableRawPointer

    init(_ bytes: [UInt8]) {
        pointer = .allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { raw in
            if let source = raw.baseAddress { pointer.copyMemory(from: source, byteCount: raw.count) }
        }
    }

    deinit { pointer.deallocate() }
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

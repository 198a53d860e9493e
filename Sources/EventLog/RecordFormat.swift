internal import CCRC32C
internal import Crypto
import Foundation

/// The stored form of a record (value of the `log` database; the key is the position as a
/// big-endian UInt64). Little-endian integers. See docs/record-format.md.
///
/// ```
/// offset  size  field
/// 0       1     format version (1)
/// 1       4     CRC-32C of bytes [5, end)
/// 5       32    chain hash = SHA-256(previous hash ‖ position (u64 BE) ‖ bytes [37, end))
/// 37      8     stream version
/// 45      8     recorded-at, microseconds since 1970 UTC (signed)
/// 53      2     schema version
/// 55      16    event id (UUID bytes)
/// 71      1     flags: bit 0 correlation id present, bit 1 causation id present
/// 72      0/16  correlation id
/// …       0/16  causation id
/// …       2+n   stream id (u16 length, UTF-8)
/// …       2+n   event type (u16 length, UTF-8)
/// …       2+n   actor (u16 length, UTF-8)
/// …       4+n   payload (u32 length, bytes)
/// ```
enum RecordFormat {
    /// The version written by this code; data written with a higher one is refused.
    static let currentVersion: UInt8 = 1
    static let hashOffset = 5
    static let hashedOffset = 37
    /// Longest stream id, event type or actor, in UTF-8 bytes.
    static let maxNameBytes = 255
    /// Largest payload, in bytes.
    static let maxPayloadBytes = 4 << 20

    /// Builds the stored bytes of a record and returns them with its chain hash.
    static func encode(
        position: UInt64, previous: ChainHash, streamID: String, streamVersion: UInt64, type: String,
        schemaVersion: UInt16, recordedAtMicroseconds: Int64, actor: String, correlationID: UUID?,
        causationID: UUID?, id: UUID, payload: [UInt8]
    ) -> (bytes: [UInt8], hash: ChainHash) {
        var out = [UInt8]()
        out.reserveCapacity(72 + 32 + streamID.utf8.count + type.utf8.count + actor.utf8.count + 10 + payload.count)
        out.append(currentVersion)
        out.append(contentsOf: repeatElement(0, count: 4 + 32))
        appendLE(&out, streamVersion)
        appendLE(&out, UInt64(bitPattern: recordedAtMicroseconds))
        appendLE(&out, schemaVersion)
        appendUUID(&out, id)
        out.append((correlationID == nil ? 0 : 1) | (causationID == nil ? 0 : 2))
        if let correlationID { appendUUID(&out, correlationID) }
        if let causationID { appendUUID(&out, causationID) }
        appendString16(&out, streamID)
        appendString16(&out, type)
        appendString16(&out, actor)
        appendLE(&out, UInt32(payload.count))
        out.append(contentsOf: payload)

        let hash = out.withUnsafeBytes { raw in
            chainHash(previous: previous, position: position, hashed: UnsafeRawBufferPointer(rebasing: raw[hashedOffset...]))
        }
        out.withUnsafeMutableBytes { raw in
            withUnsafeBytes(of: hash) { h in
                for i in 0..<32 { raw[hashOffset + i] = h[i] }
            }
            let crc = mutualisation_crc32c(0, raw.baseAddress! + hashOffset, raw.count - hashOffset)
            raw.storeBytes(of: crc.littleEndian, toByteOffset: 1, as: UInt32.self)
        }
        return (out, hash)
    }

    /// SHA-256(previous ‖ position big-endian ‖ hashed bytes).
    static func chainHash(previous: ChainHash, position: UInt64, hashed: UnsafeRawBufferPointer) -> ChainHash {
        var hasher = SHA256()
        withUnsafeBytes(of: previous) { hasher.update(bufferPointer: $0) }
        withUnsafeBytes(of: position.bigEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: hashed)
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { ChainHash(raw: $0) }
    }

    /// True when the stored CRC-32C matches the bytes.
    static func checksumMatches(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard raw.count >= hashedOffset else { return false }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt32.self))
        return mutualisation_crc32c(0, raw.baseAddress! + hashOffset, raw.count - hashOffset) == stored
    }

    /// The stored chain hash of a record whose checksum has been verified.
    static func storedHash(_ raw: UnsafeRawBufferPointer) -> ChainHash {
        ChainHash(raw: UnsafeRawBufferPointer(rebasing: raw[hashOffset..<hashOffset + 32]))
    }

    /// Parses and checks a stored record.
    /// - Throws: ``EventLogError/Code/corruptRecord`` when the checksum fails or a length runs past the end,
    ///   ``EventLogError/Code/formatTooNew`` for a format this code does not know.
    static func decode(position: UInt64, _ raw: UnsafeRawBufferPointer) throws(EventLogError) -> RecordedEvent {
        var reader = try checkedReader(position: position, raw)
        let streamVersion = try reader.u64()
        let recordedAt = Int64(bitPattern: try reader.u64())
        let schemaVersion = try reader.u16()
        let id = try reader.uuid()
        let flags = try reader.u8()
        let correlation = flags & 1 != 0 ? try reader.uuid() : nil
        let causation = flags & 2 != 0 ? try reader.uuid() : nil
        let streamID = try reader.string16()
        let type = try reader.string16()
        let actor = try reader.string16()
        let payloadCount = Int(try reader.u32())
        let payload = try reader.bytes(payloadCount)
        guard reader.offset == raw.count else { throw corrupt(position, "trailing bytes") }
        return RecordedEvent(
            position: position, streamID: streamID, streamVersion: streamVersion, type: type,
            schemaVersion: schemaVersion, recordedAtMicroseconds: recordedAt, actor: actor,
            correlationID: correlation, causationID: causation, id: id, payload: payload,
            hash: storedHash(raw)
        )
    }

    /// Checks a stored record's length, checksum and format, and returns a reader at its first
    /// hashed field (the stream version).
    static func checkedReader(position: UInt64, _ raw: UnsafeRawBufferPointer) throws(EventLogError) -> Reader {
        guard raw.count >= 72 else { throw corrupt(position, "record too short (\(raw.count) bytes)") }
        guard checksumMatches(raw) else { throw corrupt(position, "checksum mismatch") }
        guard raw[0] == currentVersion else {
            throw EventLogError(.formatTooNew, "record \(position) has format \(raw[0]); this program reads format \(currentVersion)", position: position)
        }
        return Reader(raw: raw, offset: hashedOffset, position: position)
    }

    static func corrupt(_ position: UInt64, _ why: String) -> EventLogError {
        EventLogError(.corruptRecord, "record at position \(position) is damaged: \(why)", position: position)
    }

    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset: Int
        let position: UInt64

        @inline(__always)
        mutating func need(_ n: Int) throws(EventLogError) {
            guard n >= 0, offset + n <= raw.count else { throw RecordFormat.corrupt(position, "field runs past the end") }
        }
        @inline(__always)
        mutating func u8() throws(EventLogError) -> UInt8 {
            try need(1); defer { offset += 1 }
            return raw[offset]
        }
        @inline(__always)
        mutating func u16() throws(EventLogError) -> UInt16 {
            try need(2); defer { offset += 2 }
            return UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
        }
        @inline(__always)
        mutating func u32() throws(EventLogError) -> UInt32 {
            try need(4); defer { offset += 4 }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        @inline(__always)
        mutating func u64() throws(EventLogError) -> UInt64 {
            try need(8); defer { offset += 8 }
            return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        mutating func uuid() throws(EventLogError) -> UUID {
            try need(16); defer { offset += 16 }
            var t: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &t) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 16])) }
            return UUID(uuid: t)
        }
        mutating func string16() throws(EventLogError) -> String {
            let n = Int(try u16())
            try need(n); defer { offset += n }
            let slice = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n])
            // Fast path: names are almost always ASCII, which is valid UTF-8 as it stands;
            // `String(validating:)` is generic and pays for runtime metadata lookups on every call.
            if isASCII(slice) { return String(decoding: slice, as: UTF8.self) }
            guard let s = String(validating: slice, as: UTF8.self) else { throw RecordFormat.corrupt(position, "invalid UTF-8") }
            return s
        }
        mutating func bytes(_ n: Int) throws(EventLogError) -> [UInt8] {
            try need(n); defer { offset += n }
            return Array(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]))
        }
    }
}

/// True when every byte is below 0x80 (eight bytes at a time).
@inline(__always)
func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    var bits: UInt64 = 0
    while index + 8 <= bytes.count {
        bits |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        index += 8
    }
    while index < bytes.count {
        bits |= UInt64(bytes[index])
        index += 1
    }
    return bits & 0x8080_8080_8080_8080 == 0
}

@inline(__always)
func appendLE<T: FixedWidthInteger>(_ out: inout [UInt8], _ value: T) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}

@inline(__always)
func appendUUID(_ out: inout [UInt8], _ id: UUID) {
    withUnsafeBytes(of: id.uuid) { out.append(contentsOf: $0) }
}

@inline(__always)
func appendString16(_ out: inout [UInt8], _ string: String) {
    let utf8 = string.utf8
    appendLE(&out, UInt16(utf8.count))
    out.append(contentsOf: utf8)
}

/// Big-endian bytes of a position: the key of the `log` database, ordered as positions are.
@inline(__always)
func positionKey(_ position: UInt64) -> [UInt8] {
    withUnsafeBytes(of: position.bigEndian) { Array($0) }
}

@inline(__always)
func readPositionKey(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
}

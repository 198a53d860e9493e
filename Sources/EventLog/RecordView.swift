public import Foundation

/// A record read in place from the memory map, for scans that decode straight from the stored
/// bytes: no copy of the payload and no string made unless asked for.
///
/// The byte buffers point into a read transaction: a view is valid only inside the closure of
/// ``EventLog/scanInPlace(from:through:pageSize:_:)`` that receives it. Copy out with
/// ``record()``. Its checksum, format and field lengths were checked, and its stream id, type
/// and actor are valid UTF-8, exactly as for ``RecordedEvent``.
public struct RecordView {
    /// Global position in the log.
    public let position: UInt64
    /// The event's version in its stream.
    public let streamVersion: UInt64
    /// When the log recorded the event, in microseconds since 1970-01-01T00:00:00Z.
    public let recordedAtMicroseconds: Int64
    /// The payload's schema version.
    public let schemaVersion: UInt16
    /// The stream id, UTF-8.
    public let streamIDBytes: UnsafeRawBufferPointer
    /// The event type, UTF-8.
    public let typeBytes: UnsafeRawBufferPointer
    /// The payload bytes.
    public let payload: UnsafeRawBufferPointer
    /// The whole stored record.
    let raw: UnsafeRawBufferPointer

    /// The stream id.
    public var streamID: String { String(decoding: streamIDBytes, as: UTF8.self) }

    /// The event type.
    public var type: String { String(decoding: typeBytes, as: UTF8.self) }

    /// When the log recorded the event (UTC instant).
    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicroseconds) / 1_000_000) }

    /// The record, copied out of the transaction.
    public func record() throws(EventLogError) -> RecordedEvent {
        try RecordFormat.decode(position: position, raw)
    }
}

extension RecordFormat {
    /// Checks a stored record as ``decode(position:_:)`` does (checksum, format, lengths, UTF-8 of
    /// the names, no trailing bytes) and returns a view of it, without copying anything.
    static func view(position: UInt64, _ raw: UnsafeRawBufferPointer) throws(EventLogError) -> RecordView {
        var reader = try checkedReader(position: position, raw)
        let streamVersion = try reader.u64()
        let recordedAt = Int64(bitPattern: try reader.u64())
        let schemaVersion = try reader.u16()
        try reader.skip(16)
        let flags = try reader.u8()
        if flags & 1 != 0 { try reader.skip(16) }
        if flags & 2 != 0 { try reader.skip(16) }
        let streamID = try reader.utf8Field16()
        let type = try reader.utf8Field16()
        _ = try reader.utf8Field16()
        let payloadCount = Int(try reader.u32())
        let payload = try reader.field(payloadCount)
        guard reader.offset == raw.count else { throw corrupt(position, "trailing bytes") }
        return RecordView(position: position, streamVersion: streamVersion, recordedAtMicroseconds: recordedAt,
                          schemaVersion: schemaVersion, streamIDBytes: streamID, typeBytes: type, payload: payload, raw: raw)
    }
}

extension RecordFormat.Reader {
    @inline(__always)
    mutating func skip(_ n: Int) throws(EventLogError) {
        try need(n)
        offset += n
    }

    /// The next `n` bytes, in place.
    @inline(__always)
    mutating func field(_ n: Int) throws(EventLogError) -> UnsafeRawBufferPointer {
        try need(n); defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n])
    }

    /// A u16-length UTF-8 field, in place, checked as ``string16()`` checks it.
    @inline(__always)
    mutating func utf8Field16() throws(EventLogError) -> UnsafeRawBufferPointer {
        let bytes = try field(Int(try u16()))
        guard isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil else {
            throw RecordFormat.corrupt(position, "invalid UTF-8")
        }
        return bytes
    }
}

public import Foundation

/// A SHA-256 link of the integrity chain, kept in four words so that records carry it without allocating.
public struct ChainHash: Sendable, Hashable, CustomStringConvertible {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// The hash before the first record: 32 zero bytes.
    public static let genesis = ChainHash(w0: 0, w1: 0, w2: 0, w3: 0)

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    /// Reads 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() {
            words[index / 8] |= UInt64(byte) << (UInt64(index % 8) * 8)
        }
        self.init(w0: words[0], w1: words[1], w2: words[2], w3: words[3])
    }

    init(raw: UnsafeRawBufferPointer) {
        self.init(
            w0: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
            w1: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            w2: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
            w3: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        )
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    /// Lowercase hexadecimal, 64 characters.
    public var hex: String { Hex.lowercase(bytes) }

    public var description: String { hex }

    /// Parses 64 hexadecimal characters.
    public init?(hex: String) {
        let chars = Array(hex.utf8)
        guard chars.count == 64 else { return nil }
        var bytes = [UInt8]()
        for i in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes: bytes)
    }
}

/// A record of the log: an event with its envelope, as stored.
public struct RecordedEvent: Sendable, Hashable {
    /// Global position in the log, gap-free from 1.
    public let position: UInt64
    /// The stream the event belongs to.
    public let streamID: String
    /// The event's version in its stream, from 1.
    public let streamVersion: UInt64
    /// The event's stable type name.
    public let type: String
    /// The payload's schema version.
    public let schemaVersion: UInt16
    /// When the log recorded the event, in microseconds since 1970-01-01T00:00:00Z.
    public let recordedAtMicroseconds: Int64
    /// Who caused the event.
    public let actor: String
    /// The correlation id given at append time.
    public let correlationID: UUID?
    /// The causation id given at append time.
    public let causationID: UUID?
    /// The event's id.
    public let id: UUID
    /// The payload bytes.
    public let payload: [UInt8]
    /// The chain hash: SHA-256 over the previous record's hash and this record.
    public let hash: ChainHash

    /// When the log recorded the event (UTC instant).
    public var recordedAt: Date {
        Date(timeIntervalSince1970: Double(recordedAtMicroseconds) / 1_000_000)
    }

    /// Creates a record, e.g. from an export being imported.
    public init(
        position: UInt64, streamID: String, streamVersion: UInt64, type: String, schemaVersion: UInt16,
        recordedAtMicroseconds: Int64, actor: String, correlationID: UUID?, causationID: UUID?, id: UUID,
        payload: [UInt8], hash: ChainHash
    ) {
        self.position = position
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedAtMicroseconds = recordedAtMicroseconds
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.id = id
        self.payload = payload
        self.hash = hash
    }
}

/// Lowercase hexadecimal text of bytes (hashes, tokens), without `String(format:)`, whose
/// Foundation formatting cost a tenth of the server's time when each request hashed its token.
public enum Hex {
    /// Two lowercase hexadecimal digits per byte.
    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Why a payload could not be decoded. Decoding never traps on bad bytes; it throws this.
public enum DecodingFailure: Error, Sendable, Equatable {
    /// The payload ended before a value was complete.
    case truncated
    /// A string was not valid UTF-8.
    case invalidUTF8
    /// A value was out of range (unknown enum tag, invalid identifier, overlong varint…).
    case invalidValue(String)
    /// Bytes were left after the payload.
    case trailingBytes
    /// The event type is not known to this version of the domain.
    case unknownEventType(String)
    /// The schema version of a known event type is not supported.
    case unsupportedSchemaVersion(eventType: String, version: UInt16)
}

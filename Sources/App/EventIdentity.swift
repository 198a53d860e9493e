import Crypto
public import Foundation

/// Event ids derived from an idempotency key, so that a retried request proposes the very same
/// events and the log recognises them.
public enum EventIdentity {
    /// The id of the `index`-th event of a request made by `actor` with `idempotencyKey`. Bound to
    /// the actor, not to the stream: another actor's key never matches, and the same actor's key
    /// reused on another stream finds its first use (and is refused).
    static func derived(actor: String, idempotencyKey: String, index: Int) -> UUID {
        named("event|\(actor)|\(idempotencyKey)|\(index)")
    }

    /// A name-based UUID (SHA-256, version and variant bits set as in RFC 9562's version 8).
    public static func named(_ name: String) -> UUID {
        var hasher = SHA256()
        hasher.update(data: Array("mutualisation|\(name)".utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}

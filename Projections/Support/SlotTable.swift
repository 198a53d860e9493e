import Domain

/// Identifier text → slot (a small integer), for the lookups a rebuild makes at every event:
/// the room of a stream, the loan of a decision, the structure of a borrower.
///
/// A `Dictionary` pays for SipHash (seeding, mixing the bytes, finalising) at each lookup, about
/// a quarter of a rebuild's fold. This index hashes the identifier's UTF-8 eight bytes at a
/// time with a multiply–xor mix, seeded per table at random, and probes linearly in one array
/// of 8-byte buckets kept at most half full. It stores no key: the caller keeps its keys by slot
/// (the loans of a room, the structures met, the rooms' streams) and `matches` compares with
/// them, so an entry costs 8 to 16 bytes instead of a copy of the key.
///
/// Identifiers are short ASCII (at most 64 bytes, checked by the domain) written by signed-in
/// structures, not by the public; the random seed keeps their collisions from being chosen in
/// advance. Entries are never removed.
struct SlotTable: Sendable {
    /// Buckets: the hash's upper 32 bits, then slot + 1 in the lower 32 (0: empty).
    private var buckets: [UInt64] = []
    /// Number of keys.
    private(set) var count = 0
    private var seed: UInt64 = 0

    /// An empty table (no allocation until the first insertion).
    init() {}

    /// The slot of `key`: the slot whose key `matches` says is `key`; nil when absent.
    @inline(__always)
    func slot(of key: String, matches: (Int32) -> Bool) -> Int32? {
        guard !buckets.isEmpty else { return nil }
        let hash = Self.hash(key, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: hash >> 32) & mask
        return buckets.withUnsafeBufferPointer { buckets in
            while buckets[index] != 0 {
                let bucket = buckets[index]
                if bucket & 0xFFFF_FFFF_0000_0000 == tag {
                    let slot = Int32(truncatingIfNeeded: bucket & 0xFFFF_FFFF) - 1
                    if matches(slot) { return slot }
                }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// Records `slot` (0 ..< 2³¹ − 1) for `key`, which must not be in the table yet.
    mutating func insert(_ key: String, slot: Int32) {
        precondition(slot >= 0 && slot < Int32.max, "slot out of range")
        if buckets.isEmpty {
            seed = UInt64.random(in: 1...UInt64.max)
            buckets = Array(repeating: 0, count: 8)
        }
        let hash = Self.hash(key, seed: seed)
        place((hash & 0xFFFF_FFFF_0000_0000) | UInt64(slot + 1))
        count += 1
        if count * 2 > buckets.count { grow() }
    }

    /// Puts a bucket at the first free place from the one its hash's upper bits pick.
    private mutating func place(_ bucket: UInt64) {
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: bucket >> 32) & mask
        while buckets[index] != 0 { index = (index + 1) & mask }
        buckets[index] = bucket
    }

    /// Doubles the buckets; each keeps the upper half of its hash, which is all a place needs,
    /// so growing reads no key.
    private mutating func grow() {
        let old = buckets
        buckets = Array(repeating: 0, count: old.count * 2)
        for bucket in old where bucket != 0 { place(bucket) }
    }

    /// A 64-bit hash of the UTF-8 of `key`; its upper 32 bits pick the bucket and tag it.
    @inline(__always)
    static func hash(_ key: String, seed: UInt64) -> UInt64 {
        if let hash = key.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return Array(key.utf8).withUnsafeBytes { hash($0, seed: seed) }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}

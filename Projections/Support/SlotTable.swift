import Domain

/// Identifier text → slot (a small integer), for the lookups a rebuild makes at every event:
/// the room of a stream, the loan of a decision, the structure of a borrower.
///
/// A `Dictionary` pays for SipHash (seeding, mixing the bytes, finalising) at each lookup, about
/// a quarter of a rebuild's fold. This table hashes the identifier's UTF-8 eight bytes at a
/// time with a multiply–xor mix, seeded per table at random, and probes linearly in one array
/// kept at most half full. Identifiers are short ASCII (at most 64 bytes, checked by the
/// domain) and are written by signed-in structures, not by the public; the random seed keeps
/// their collisions from being chosen in advance. Entries are never removed.
struct SlotTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var key: String
        var slot: Int32
    }

    /// Entries by bucket; nil for an empty bucket. Empty until the first insertion.
    private var buckets: [Entry?] = []
    /// Number of keys.
    private(set) var count = 0
    private var seed: UInt64 = 0

    /// An empty table (no allocation until the first insertion).
    init() {}

    /// The slot of `key`, nil when absent.
    @inline(__always)
    subscript(key: String) -> Int32? {
        guard !buckets.isEmpty else { return nil }
        let hash = Self.hash(key, seed: seed)
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        return buckets.withUnsafeBufferPointer { buckets in
            while let entry = buckets[index] {
                if entry.hash == hash && entry.key == key { return entry.slot }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// Stores `slot` for `key` (replacing the slot it had).
    mutating func set(_ key: String, _ slot: Int32) {
        if buckets.isEmpty {
            seed = UInt64.random(in: 1...UInt64.max)
            buckets = Array(repeating: nil, count: 8)
        } else if (count + 1) * 2 > buckets.count {
            grow()
        }
        let hash = Self.hash(key, seed: seed)
        if insert(Entry(hash: hash, key: key, slot: slot)) { count += 1 }
    }

    /// Places `entry`; true when its key is new.
    private mutating func insert(_ entry: Entry) -> Bool {
        let mask = buckets.count - 1
        var index = Int(truncatingIfNeeded: entry.hash) & mask
        while let existing = buckets[index] {
            if existing.hash == entry.hash && existing.key == entry.key {
                buckets[index] = entry
                return false
            }
            index = (index + 1) & mask
        }
        buckets[index] = entry
        return true
    }

    private mutating func grow() {
        let old = buckets
        buckets = Array(repeating: nil, count: old.count * 2)
        for case let entry? in old { _ = insert(entry) }
    }

    /// A 64-bit hash of the UTF-8 of `key`.
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

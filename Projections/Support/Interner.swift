import Domain

/// A key known by its text (the domain's identifiers), for ``Interner`` and ``SlotTable``.
protocol Identified: Hashable, Sendable {
    /// The identifier's text.
    var rawValue: String { get }
}

extension Identifier: Identified {}

/// Dense integer slots for identifiers, given in order of first sight from 0.
///
/// The fold keys its per-structure tables by slot (an array index) instead of hashing an id at
/// every event: an id is hashed once, when it enters the fold, and everything after is indexing.
struct Interner<Key: Identified>: Sendable {
    /// Keys by slot.
    private(set) var keys: [Key] = []
    private var slots = SlotTable()

    /// Number of keys.
    var count: Int { keys.count }

    /// The slot of `key`, given now when it is new.
    mutating func slot(for key: Key) -> Int32 {
        if let slot = existingSlot(key) { return slot }
        let slot = Int32(keys.count)
        keys.append(key)
        slots.insert(key.rawValue, slot: slot)
        return slot
    }

    /// The slot of `key`, nil when it was never given one.
    func existingSlot(_ key: Key) -> Int32? {
        keys.withUnsafeBufferPointer { keys in
            slots.slot(of: key.rawValue) { keys[Int($0)].rawValue == key.rawValue }
        }
    }

    /// The key of a slot given by this table.
    subscript(slot: Int32) -> Key { keys[Int(slot)] }
}

/// Values by Paris month, kept in one array from the earliest month seen (no hashing per event).
/// A month once touched stays present (with its value, zero included), as a dictionary entry would.
struct MonthTable<Value: Sendable>: Sendable {
    /// Month number (`year × 12 + month − 1`) of `values[0]`.
    private var first = 0
    private var values: [Value?] = []

    /// Whether no month was touched.
    var isEmpty: Bool { values.isEmpty }

    static func number(_ month: YearMonth) -> Int { month.year * 12 + month.month - 1 }

    /// Runs `body` on the value of `month`, starting from `initial` when the month is new.
    mutating func update(_ month: YearMonth, initial: Value, _ body: (inout Value) -> Void) {
        let n = Self.number(month)
        if values.isEmpty {
            first = n
            values.append(nil)
        } else if n < first {
            values.insert(contentsOf: repeatElement(nil, count: first - n), at: 0)
            first = n
        } else if n - first >= values.count {
            values.append(contentsOf: repeatElement(nil, count: n - first - values.count + 1))
        }
        var value = values[n - first] ?? initial
        body(&value)
        values[n - first] = value
    }

    /// Every touched month with its value, in month order.
    func forEach(_ body: (YearMonth, Value) -> Void) {
        for (i, value) in values.enumerated() {
            guard let value else { continue }
            let n = first + i
            let year = n >= 0 ? n / 12 : (n - 11) / 12
            body(YearMonth(year: year, month: n - year * 12 + 1), value)
        }
    }

    /// The touched months as a dictionary.
    var dictionary: [YearMonth: Value] {
        var out: [YearMonth: Value] = [:]
        out.reserveCapacity(values.count)
        forEach { out[$0] = $1 }
        return out
    }
}

/// The event type names met by a fold, so that records read in place share one string per type
/// instead of making one per record (names over 15 bytes would each cost an allocation).
struct TypeNameTable: Sendable {
    /// Most names kept; a log holding more distinct types makes strings for the rest.
    static let capacity = 256
    private(set) var names: [String] = []
    /// Length and first and last eight bytes of each name: one comparison rules a name out.
    private var signatures: [Signature] = []

    struct Signature: Equatable, Sendable {
        var count: Int
        var head: UInt64
        var tail: UInt64

        init(_ bytes: UnsafeRawBufferPointer) {
            count = bytes.count
            if bytes.count >= 8 {
                head = bytes.loadUnaligned(as: UInt64.self)
                tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
            } else {
                var word: UInt64 = 0
                for (i, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(i)) }
                head = word
                tail = word
            }
        }
    }

    /// Whether the bytes between the first and last eight of `name` (kept contiguous) and of
    /// `bytes`, of the same length, are equal: compared eight at a time.
    private static func middleMatches(_ name: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { stored in
            let raw = UnsafeRawBufferPointer(stored)
            var i = 8
            while i + 8 <= raw.count - 8 {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) != bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            while i < raw.count - 8 {
                if raw[i] != bytes[i] { return false }
                i += 1
            }
            return true
        } ?? name.utf8.elementsEqual(bytes)
    }

    /// The name spelled by `bytes` (valid UTF-8).
    mutating func name(_ bytes: UnsafeRawBufferPointer) -> String {
        let signature = Signature(bytes)
        for i in signatures.indices where signatures[i] == signature {
            // Names of up to 16 bytes are wholly covered by the signature.
            if bytes.count <= 16 || Self.middleMatches(names[i], bytes) { return names[i] }
        }
        var name = String(decoding: bytes, as: UTF8.self)
        name.makeContiguousUTF8()
        if names.count < Self.capacity {
            names.append(name)
            signatures.append(signature)
        }
        return name
    }
}

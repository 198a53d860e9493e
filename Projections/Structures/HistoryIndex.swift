public import Domain

/// Positions of the records that involve each structure (its own stream, its rooms, loans it
/// borrows, its Phare requests), in log order. The log serves the records themselves.
public struct HistoryIndex: Sendable {
    /// Positions by structure slot (the fold's structure table, ``AvailabilityProjection``).
    var positionsBySlot: [[UInt64]] = []
    /// Slot of each structure noted at least once.
    var slotByStructure: [StructureID: Int32] = [:]

    /// An empty index.
    public init() {}

    /// Positions by structure (built at each call: prefer ``positions(of:)``).
    public var positionsByStructure: [StructureID: [UInt64]] {
        var out: [StructureID: [UInt64]] = [:]
        out.reserveCapacity(slotByStructure.count)
        for (structure, slot) in slotByStructure { out[structure] = positionsBySlot[Int(slot)] }
        return out
    }

    /// The positions of the records involving `structure`, ascending.
    public func positions(of structure: StructureID) -> [UInt64] {
        slotByStructure[structure].map { positionsBySlot[Int($0)] } ?? []
    }

    /// Notes `position` for the structure at `slot` of `structures` (once per position).
    mutating func note(_ slot: Int32, _ position: UInt64, structures: Interner<StructureID>) {
        let s = Int(slot)
        if s >= positionsBySlot.count {
            positionsBySlot.append(contentsOf: repeatElement([], count: s + 1 - positionsBySlot.count))
        }
        if positionsBySlot[s].isEmpty {
            slotByStructure[structures[slot]] = slot
        } else if positionsBySlot[s].last == position {
            return
        }
        positionsBySlot[s].append(position)
    }
}

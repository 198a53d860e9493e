public import Domain

/// Positions of the records that involve each structure (its own stream, its rooms, loans it
/// borrows, its Phare requests), in log order. The log serves the records themselves.
public struct HistoryIndex: Sendable {
    /// Positions by structure.
    public internal(set) var positionsByStructure: [StructureID: [UInt64]] = [:]

    /// An empty index.
    public init() {}

    /// The positions of the records involving `structure`, ascending.
    public func positions(of structure: StructureID) -> [UInt64] { positionsByStructure[structure] ?? [] }

    mutating func note(_ structure: StructureID, _ position: UInt64) {
        if positionsByStructure[structure]?.last == position { return }
        positionsByStructure[structure, default: []].append(position)
    }
}

/// The legal form of a structure.
public enum StructureKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Association loi 1901.
    case association = 0
    /// Coopérative (SCOP, SCIC…).
    case cooperative = 1
    /// Mutuelle.
    case mutuelle = 2
    /// Collectivité territoriale.
    case collectivite = 3
    /// Anything else (union, university, State…).
    case other = 4

    /// Stable name used by the HTTP API.
    public var name: String {
        switch self {
        case .association: "association"
        case .cooperative: "cooperative"
        case .mutuelle: "mutuelle"
        case .collectivite: "collectivite"
        case .other: "other"
        }
    }
}

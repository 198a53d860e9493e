/// The uses of Le Phare's space.
public enum PhareUse: UInt8, Sendable, Hashable, CaseIterable, Comparable {
    /// Shops.
    case commerce = 0
    /// Offices.
    case bureaux = 1
    /// Services.
    case services = 2
    /// Housing.
    case hebergement = 3

    /// Stable name used by the HTTP API.
    public var name: String {
        switch self {
        case .commerce: "commerce"
        case .bureaux: "bureaux"
        case .services: "services"
        case .hebergement: "hebergement"
        }
    }

    /// Declaration order.
    public static func < (lhs: PhareUse, rhs: PhareUse) -> Bool { lhs.rawValue < rhs.rawValue }
}

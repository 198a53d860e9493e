/// Who causes an event. The App layer stores it in the record envelope; deciders use it to authorize.
public enum Actor: Sendable, Hashable {
    /// The pôle's coordinator; the label names the token or user.
    case coordinator(String)
    /// A member structure acting for itself.
    case structure(StructureID)
    /// A porteur de projet acting for its own applications.
    case porteur(PersonID)
    /// The platform itself (e.g. an offer lapsing on a timer).
    case system

    /// Whether this is the coordinator.
    public var isCoordinator: Bool {
        if case .coordinator = self { return true }
        return false
    }

    /// Whether this actor is the coordinator or the given structure.
    public func isCoordinatorOrStructure(_ id: StructureID) -> Bool {
        switch self {
        case .coordinator: true
        case .structure(let s): s == id
        default: false
        }
    }
}

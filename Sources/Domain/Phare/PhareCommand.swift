

/// Commands of the `phare` stream. Surfaces are in m².
public enum PhareCommand: Sendable {
    /// Sets the total capacity and, optionally, a capacity per use (their sum ≤ total, none below
    /// what is already allocated). Coordinator only.
    case setCapacity(total: Double, perUse: [PhareUse: Double])
    /// Requests a surface for a use. The requesting structure or the coordinator.
    case requestSpace(PhareSpaceRequest)
    /// Amends an open request. The requesting structure or the coordinator.
    case amend(PhareRequestID, use: PhareUse, surface: Double, wishedDate: LocalDate?, notes: String)
    /// Withdraws an open or allocated request (an allocation is released). The requester or the coordinator.
    case withdraw(PhareRequestID, reason: String?)
    /// Allocates all or part of an open request. Coordinator only.
    case allocate(PhareRequestID, surface: Double)
    /// Declines an open request with a reason. Coordinator only.
    case decline(PhareRequestID, reason: String)
}

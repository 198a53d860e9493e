/// Commands of a `structure-{id}` stream.
public enum StructureCommand: Sendable {
    /// Registers the structure. Coordinator only.
    case register(id: StructureID, details: StructureDetails)
    /// Replaces the details. The coordinator or the structure itself.
    case changeDetails(StructureDetails)
    /// Sets (or with `nil` removes) the monthly borrowing quota in hours, 1...744. Coordinator only.
    case setBorrowingQuota(hoursPerMonth: Int?)
}

/// Commands of a `room-{id}` stream. Owner means the structure that offered the room; the
/// coordinator may do everything the owner may.
public enum RoomCommand: Sendable {
    /// Offers a new room. Owner (registered) or coordinator.
    case offer(id: RoomID, owner: StructureID, details: RoomDetails)
    /// Replaces the details. Owner or coordinator.
    case changeDetails(RoomDetails)
    /// Replaces the booking rules. Owner or coordinator.
    case setRules(RoomRules)
    /// Withdraws the room; its future loans are cancelled. Owner or coordinator.
    case withdraw(reason: String)
    /// Opens an availability. Owner or coordinator.
    case openAvailability(id: AvailabilityID, pattern: AvailabilityPattern)
    /// Opens one period given as Paris local times or exact instants (an instant's offset is kept,
    /// even in the repeated autumn hour). Owner or coordinator.
    case openAvailabilityPeriod(id: AvailabilityID, start: GivenTime, end: GivenTime)
    /// Closes an availability; loans already requested or approved stay. Owner or coordinator.
    case closeAvailability(id: AvailabilityID)
    /// Requests a one-off loan. The borrowing structure or the coordinator.
    case requestLoan(LoanRequest)
    /// Requests a recurring loan. The borrowing structure or the coordinator.
    case requestLoanSeries(LoanSeriesRequest)
    /// Approves a pending loan. Owner or coordinator.
    case approveLoan(LoanID)
    /// Declines a pending loan. Owner or coordinator.
    case declineLoan(LoanID, reason: String)
    /// Cancels a pending or approved loan not yet over. Borrower, owner or coordinator.
    case cancelLoan(LoanID, reason: String)
}

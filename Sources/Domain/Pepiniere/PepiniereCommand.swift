/// Commands of a `pepiniere-{site}` stream. Dates are Europe/Paris calendar days; an allocation
/// covers `[start, end)`: `end` is the first day the desk is free again.
public enum PepiniereCommand: Sendable {
    /// Adds a desk. Coordinator only.
    case addDesk(id: DeskID, label: String, floor: String)
    /// Removes a desk that holds no current or future allocation nor offer. Coordinator only.
    case removeDesk(DeskID)
    /// Applies for a desk. The porteur named by `person`, or the coordinator.
    case submitApplication(ApplicationSubmission)
    /// Puts a submitted application on the first-come-first-served waiting list. Coordinator only.
    case waitlist(ApplicationID)
    /// Rejects an application not yet allocated, with a reason. Coordinator only.
    case reject(ApplicationID, reason: String)
    /// Offers a free desk for `[start, end)`, held `holdDays` days (1...30), to `application` or, when
    /// `nil`, to the first of the waiting list. Another choice needs `outOfOrderReason`. Coordinator only.
    case offerDesk(DeskID, application: ApplicationID?, start: LocalDate, end: LocalDate, holdDays: Int, outOfOrderReason: String?)
    /// Accepts an offer before it lapses: allocates the desk. The porteur of the application, or the coordinator.
    case acceptOffer(ApplicationID)
    /// Records that an offer was not accepted in time and offers the desk to the next of the list.
    /// The coordinator or the system, once the hold has expired.
    case lapseOffer(DeskID)
    /// Allocates a desk for `[start, end)` to a waiting application. Out of list order needs a reason.
    /// Coordinator only.
    case allocate(DeskID, application: ApplicationID, start: LocalDate, end: LocalDate, outOfOrderReason: String?)
    /// Moves the end of an allocation later. Coordinator only.
    case extend(ApplicationID, newEnd: LocalDate)
    /// Records that the project left on `date` (the desk is free from that day). Coordinator only.
    case recordExit(ApplicationID, on: LocalDate, reason: String?)
}

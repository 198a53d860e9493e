public import Foundation

/// A desk of the pépinière.
public struct Desk: Hashable, Sendable {
    /// Its id.
    public let id: DeskID
    /// Label, e.g. "Bureau 3".
    public let label: String
    /// Floor, e.g. "5e étage".
    public let floor: String
    /// Whether it was removed.
    public internal(set) var isRemoved: Bool
}

/// Where an application stands.
public enum ApplicationStatus: Hashable, Sendable {
    /// Submitted, not yet on the waiting list.
    case submitted
    /// On the waiting list.
    case waitlisted
    /// Offered a desk, awaiting acceptance.
    case offered(DeskID)
    /// Holds (or will hold) a desk.
    case allocated(DeskID)
    /// Rejected, with the reason.
    case rejected(reason: String)
    /// The project left.
    case left
}

/// An application of a project.
public struct DeskApplication: Hashable, Sendable {
    /// Its id.
    public let id: ApplicationID
    /// The porteur de projet.
    public let person: PersonID
    /// The project's name.
    public let projectName: String
    /// Description.
    public let description: String
    /// Contact, as read (clear, sealed or erased).
    public let contact: ContactData
    /// When it was submitted.
    public let submittedAt: Date
    /// Where it stands.
    public internal(set) var status: ApplicationStatus
}

/// A desk held by a project for `[start, end)`.
public struct DeskAllocation: Hashable, Sendable {
    /// The application.
    public let application: ApplicationID
    /// The desk.
    public let desk: DeskID
    /// First day.
    public let start: LocalDate
    /// First day free again (moved by extensions and exits).
    public internal(set) var end: LocalDate
    /// Whether the project left (then `end` is the exit day).
    public internal(set) var hasLeft: Bool
}

/// A desk offered to an application, held until `expiresAt`.
public struct DeskOffer: Hashable, Sendable {
    /// The desk.
    public let desk: DeskID
    /// The application.
    public let application: ApplicationID
    /// Proposed first day.
    public let start: LocalDate
    /// Proposed first free day.
    public let end: LocalDate
    /// Hold in days.
    public let holdDays: Int
    /// The offer lapses at this instant.
    public let expiresAt: Date
}

/// What a desk looks like on a given day.
public enum DeskStatus: String, Sendable, Hashable {
    /// Free, no allocation to come, no offer.
    case available
    /// Free now, with an allocation starting later or an offer outstanding.
    case reserved
    /// Held by a project.
    case occupied
    /// Held by a project whose allocation ends within 60 days.
    case availableSoon
    /// Removed.
    case removed
}

/// The state of one pépinière site.
public struct PepiniereState: Sendable, Hashable {
    /// Desks by id.
    public internal(set) var desks: [DeskID: Desk] = [:]
    /// Applications by id.
    public internal(set) var applications: [ApplicationID: DeskApplication] = [:]
    /// The waiting list, first come first served (first element first).
    public internal(set) var waitingList: [ApplicationID] = []
    /// Allocations by application (one desk per project).
    public internal(set) var allocations: [ApplicationID: DeskAllocation] = [:]
    /// Outstanding offers by desk.
    public internal(set) var offers: [DeskID: DeskOffer] = [:]

    /// An empty site.
    public init() {}

    /// The first project of the waiting list that has no open offer: « the next » when a desk is
    /// offered, and the one that needs no written reason. Projects holding an offer keep their rank
    /// but are not offered a second desk.
    public var firstWaitingWithoutOffer: ApplicationID? {
        waitingList.first { applications[$0]?.status == .waitlisted }
    }

    /// Allocations of a desk, by start.
    public func allocations(of desk: DeskID) -> [DeskAllocation] {
        allocations.values.filter { $0.desk == desk }.sorted { $0.start < $1.start }
    }

    /// The status of a desk on the Paris day `today`.
    public func status(of desk: DeskID, on today: LocalDate) -> DeskStatus? {
        guard let d = desks[desk] else { return nil }
        if d.isRemoved { return .removed }
        let list = allocations(of: desk)
        if let current = list.first(where: { $0.start <= today && today < $0.end }) {
            return current.end <= today.adding(days: 60) ? .availableSoon : .occupied
        }
        if offers[desk] != nil || list.contains(where: { $0.start > today }) { return .reserved }
        return .available
    }

    /// 1-based place of an application on the waiting list.
    public func position(of application: ApplicationID) -> Int? {
        waitingList.firstIndex(of: application).map { $0 + 1 }
    }
}

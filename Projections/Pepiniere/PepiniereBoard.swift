public import Domain
public import Foundation

/// A desk on the board.
public struct BoardDesk: Sendable, Hashable {
    /// Its id.
    public let id: DeskID
    /// Label.
    public let label: String
    /// Floor.
    public let floor: String
    /// Paris date it was added (from the log).
    public let addedOn: LocalDate
    /// Paris date it was removed.
    public internal(set) var removedOn: LocalDate?
}

/// An application as the board sees it; the contact stays as stored (sealed): the HTTP layer
/// unseals it for the coordinator only.
public struct BoardApplication: Sendable, Hashable {
    /// Its id.
    public let id: ApplicationID
    /// The porteur de projet.
    public let person: PersonID
    /// Project name.
    public let projectName: String
    /// Description.
    public let description: String
    /// Contact, as stored (normally sealed); never decrypted here.
    public let contact: ContactData
    /// When it was submitted.
    public let submittedAt: Date
    /// Where it stands.
    public internal(set) var status: ApplicationStatus
}

/// An allocation `[start, end)` of a desk to a project.
public struct BoardAllocation: Sendable, Hashable {
    /// The application.
    public let application: ApplicationID
    /// The desk.
    public let desk: DeskID
    /// First day.
    public let start: LocalDate
    /// First free day (moved by extensions and exits).
    public internal(set) var end: LocalDate
    /// Whether the project left early (then `end` is the exit day).
    public internal(set) var hasLeft: Bool
}

/// One row of the desk board on a given day.
public struct DeskBoardRow: Sendable, Hashable {
    /// The desk.
    public let desk: BoardDesk
    /// Status on the day (`availableSoon` = occupied and ending within 60 days).
    public let status: DeskStatus
    /// The current allocation, or the next one for a reserved desk.
    public let allocation: BoardAllocation?
    /// Project name of that allocation or of the outstanding offer.
    public let project: String?
    /// Days left until the desk is free again (`end − day`), for a current allocation.
    public let daysLeft: Int?
}

/// A place on the waiting list.
public struct WaitingEntry: Sendable, Hashable {
    /// 1-based rank.
    public let rank: Int
    /// The application.
    public let application: BoardApplication
}

/// One event in a project's history.
public struct ProjectHistoryEntry: Sendable, Hashable {
    /// Log position.
    public let position: UInt64
    /// Recorded-at.
    public let recordedAt: Date
    /// The event type.
    public let eventType: String
}

/// One pépinière site.
public struct PepiniereSite: Sendable {
    /// Desks by id.
    public internal(set) var desks: [DeskID: BoardDesk] = [:]
    /// Applications by id.
    public internal(set) var applications: [ApplicationID: BoardApplication] = [:]
    /// The waiting list, first come first served.
    public internal(set) var waitingList: [ApplicationID] = []
    /// Allocations by application.
    public internal(set) var allocations: [ApplicationID: BoardAllocation] = [:]
    /// Outstanding offers by desk.
    public internal(set) var offers: [DeskID: DeskOffered] = [:]
    /// Positions of each application's events.
    public internal(set) var historyByApplication: [ApplicationID: [ProjectHistoryEntry]] = [:]
}

/// The desk board of the pépinière: desks with their status as of a day, allocations ending
/// soon, the waiting list with ranks, a project's history.
public struct PepiniereBoard: Sendable {
    /// Sites by id (default `maison-ess`).
    public internal(set) var sites: [SiteID: PepiniereSite] = [:]
    var siteByStream: [String: SiteID] = [:]

    /// No desks.
    public init() {}

    /// The desk board on the Paris day `day`, sorted by desk label.
    public func board(site: SiteID = .maisonESS, on day: LocalDate) -> [DeskBoardRow] {
        guard let s = sites[site] else { return [] }
        var byDesk: [DeskID: [BoardAllocation]] = [:]
        for a in s.allocations.values { byDesk[a.desk, default: []].append(a) }
        return s.desks.values.sorted { ($0.label, $0.id) < ($1.label, $1.id) }.map { desk in
            let list = (byDesk[desk.id] ?? []).sorted { $0.start < $1.start }
            if desk.removedOn.map({ $0 <= day }) ?? false {
                return DeskBoardRow(desk: desk, status: .removed, allocation: nil, project: nil, daysLeft: nil)
            }
            if let current = list.first(where: { $0.start <= day && day < $0.end }) {
                let left = current.end.daysSinceEpoch - day.daysSinceEpoch
                return DeskBoardRow(desk: desk, status: left <= 60 ? .availableSoon : .occupied, allocation: current,
                                    project: s.applications[current.application]?.projectName, daysLeft: left)
            }
            if let next = list.first(where: { $0.start > day }) {
                return DeskBoardRow(desk: desk, status: .reserved, allocation: next,
                                    project: s.applications[next.application]?.projectName, daysLeft: nil)
            }
            if let offer = s.offers[desk.id] {
                return DeskBoardRow(desk: desk, status: .reserved, allocation: nil,
                                    project: s.applications[offer.application]?.projectName, daysLeft: nil)
            }
            return DeskBoardRow(desk: desk, status: .available, allocation: nil, project: nil, daysLeft: nil)
        }
    }

    /// Current allocations whose end falls within `days` days of `day`, soonest first.
    public func endingSoon(site: SiteID = .maisonESS, on day: LocalDate, within days: Int = 60) -> [BoardAllocation] {
        guard let s = sites[site] else { return [] }
        let limit = day.adding(days: days)
        return s.allocations.values.filter { $0.start <= day && day < $0.end && $0.end <= limit }
            .sorted { ($0.end, $0.application) < ($1.end, $1.application) }
    }

    /// The waiting list with 1-based ranks.
    public func waitingList(site: SiteID = .maisonESS) -> [WaitingEntry] {
        guard let s = sites[site] else { return [] }
        return s.waitingList.enumerated().compactMap { i, id in
            s.applications[id].map { WaitingEntry(rank: i + 1, application: $0) }
        }
    }

    /// The events of one application, in log order.
    public func history(of application: ApplicationID, site: SiteID = .maisonESS) -> [ProjectHistoryEntry] {
        sites[site]?.historyByApplication[application] ?? []
    }

    /// Every allocation of every site.
    public var allAllocations: [BoardAllocation] { sites.values.flatMap { $0.allocations.values } }

    /// Every desk of every site.
    public var allDesks: [BoardDesk] { sites.values.flatMap { $0.desks.values } }

    // MARK: - Fold

    mutating func apply(_ event: PepiniereEvent, stream: String, position: UInt64, type: String, micros: Int64) {
        let site: SiteID
        if let known = siteByStream[stream] {
            site = known
        } else {
            guard case .pepiniere(let parsed)? = StreamKind(streamName: stream) else { return }
            siteByStream[stream] = parsed
            site = parsed
        }
        let recordedAt = Instant.date(micros: micros)
        let day = ParisTime.date(recordedAt)
        var s = sites.removeValue(forKey: site) ?? PepiniereSite()
        defer { sites[site] = s }
        var touched: ApplicationID?
        switch event {
        case .deskAdded(let e):
            s.desks[e.desk] = BoardDesk(id: e.desk, label: e.label, floor: e.floor, addedOn: day, removedOn: nil)
        case .deskRemoved(let e):
            s.desks[e.desk]?.removedOn = day
        case .applicationSubmitted(let e):
            s.applications[e.application] = BoardApplication(id: e.application, person: e.person, projectName: e.projectName,
                                                             description: e.description, contact: e.contact, submittedAt: e.submittedAt,
                                                             status: .submitted)
            touched = e.application
        case .applicationWaitlisted(let e):
            s.applications[e.application]?.status = .waitlisted
            s.waitingList.append(e.application)
            touched = e.application
        case .applicationRejected(let e):
            s.applications[e.application]?.status = .rejected(reason: e.reason)
            s.waitingList.removeAll { $0 == e.application }
            touched = e.application
        case .deskOffered(let e):
            s.offers[e.desk] = e
            s.applications[e.application]?.status = .offered(e.desk)
            touched = e.application
        case .deskOfferAccepted(let e):
            s.offers[e.desk] = nil
            touched = e.application
        case .deskOfferLapsed(let e):
            s.offers[e.desk] = nil
            s.applications[e.application]?.status = .waitlisted
            s.waitingList.removeAll { $0 == e.application }
            s.waitingList.append(e.application)
            touched = e.application
        case .deskAllocated(let e):
            s.offers[e.desk] = nil
            s.allocations[e.application] = BoardAllocation(application: e.application, desk: e.desk, start: e.start, end: e.end, hasLeft: false)
            s.applications[e.application]?.status = .allocated(e.desk)
            s.waitingList.removeAll { $0 == e.application }
            touched = e.application
        case .allocationExtended(let e):
            s.allocations[e.application]?.end = e.newEnd
            touched = e.application
        case .projectLeft(let e):
            s.allocations[e.application]?.end = e.date
            s.allocations[e.application]?.hasLeft = true
            s.applications[e.application]?.status = .left
            touched = e.application
        }
        if let touched {
            s.historyByApplication[touched, default: []].append(
                ProjectHistoryEntry(position: position, recordedAt: recordedAt, eventType: type))
        }
    }
}

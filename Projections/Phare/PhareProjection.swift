public import Domain
public import Foundation

/// Where a Phare request stands.
public enum PhareRequestStatus: Sendable, Hashable {
    /// Awaiting a decision.
    case open
    /// Allocated this surface (m²).
    case allocated(Double)
    /// Withdrawn by the requester (an allocation is released).
    case withdrawn
    /// Declined by the coordinator.
    case declined
}

/// A Phare space request.
public struct PhareRequestEntry: Sendable, Hashable {
    /// Its id.
    public let id: PhareRequestID
    /// The requesting structure.
    public let structure: StructureID
    /// Use.
    public internal(set) var use: PhareUse
    /// Requested surface (m²).
    public internal(set) var surface: Double
    /// Wished date.
    public internal(set) var wishedDate: LocalDate?
    /// Notes.
    public internal(set) var notes: String
    /// Status.
    public internal(set) var status: PhareRequestStatus
    /// When it was requested.
    public let requestedAt: Date
}

/// Requested, allocated and remaining surfaces of one use (or of all).
public struct PhareFigures: Sendable, Hashable {
    /// The use; nil for the total.
    public let use: PhareUse?
    /// Capacity (m²); nil when no per-use cap is set.
    public let capacity: Double?
    /// Surface requested by open and allocated requests (m²).
    public let requested: Double
    /// Surface allocated (m²).
    public let allocated: Double
    /// Capacity minus allocated; nil without a capacity.
    public let remaining: Double?
    /// Number of open requests.
    public let openRequests: Int
}

/// Le Phare: demand and allocation per use against capacity.
public struct PhareProjection: Sendable {
    /// Total capacity (m²), 4,000 until set.
    public internal(set) var totalCapacity: Double = 4000
    /// Per-use caps.
    public internal(set) var perUseCapacity: [PhareUse: Double] = [:]
    /// Requests by id.
    public internal(set) var requests: [PhareRequestID: PhareRequestEntry] = [:]

    /// Nothing requested.
    public init() {}

    /// Figures per use, in use order.
    public var perUse: [PhareFigures] { PhareUse.allCases.map { figures(for: $0) } }

    /// Figures for all uses together.
    public var total: PhareFigures { figures(for: nil) }

    /// Open requests, oldest first.
    public var openRequests: [PhareRequestEntry] {
        requests.values.filter { $0.status == .open }.sorted { ($0.requestedAt, $0.id) < ($1.requestedAt, $1.id) }
    }

    func figures(for use: PhareUse?) -> PhareFigures {
        var requested = 0.0, allocated = 0.0, open = 0
        for r in requests.values where use == nil || r.use == use {
            switch r.status {
            case .open: requested += r.surface; open += 1
            case .allocated(let s): requested += r.surface; allocated += s
            case .withdrawn, .declined: break
            }
        }
        let capacity = use.map { perUseCapacity[$0] } ?? totalCapacity
        return PhareFigures(use: use, capacity: capacity, requested: requested, allocated: allocated,
                            remaining: capacity.map { $0 - allocated }, openRequests: open)
    }

    mutating func apply(_ event: PhareEvent, recordedAt: Date) -> StructureID? {
        switch event {
        case .capacitySet(let e):
            totalCapacity = e.total
            perUseCapacity = e.perUse
            return nil
        case .spaceRequested(let e):
            requests[e.id] = PhareRequestEntry(id: e.id, structure: e.structure, use: e.use, surface: e.surface,
                                               wishedDate: e.wishedDate, notes: e.notes, status: .open, requestedAt: recordedAt)
            return e.structure
        case .spaceRequestAmended(let e):
            requests[e.id]?.use = e.use
            requests[e.id]?.surface = e.surface
            requests[e.id]?.wishedDate = e.wishedDate
            requests[e.id]?.notes = e.notes
            return requests[e.id]?.structure
        case .spaceRequestWithdrawn(let e):
            requests[e.id]?.status = .withdrawn
            return requests[e.id]?.structure
        case .spaceAllocated(let e):
            requests[e.id]?.status = .allocated(e.surface)
            return requests[e.id]?.structure
        case .spaceRequestDeclined(let e):
            requests[e.id]?.status = .declined
            return requests[e.id]?.structure
        }
    }
}

/// Where a space request stands.
public enum PhareRequestStatus: Hashable, Sendable {
    /// Awaiting the coordinator.
    case open
    /// Allocated this surface (m²).
    case allocated(Double)
    /// Declined, with the reason.
    case declined(reason: String)
    /// Withdrawn by the requester.
    case withdrawn
}

/// One space request.
public struct PhareRequest: Hashable, Sendable {
    /// Its id.
    public let id: PhareRequestID
    /// The requesting structure.
    public let structure: StructureID
    /// The use.
    public internal(set) var use: PhareUse
    /// The surface requested (m²).
    public internal(set) var surface: Double
    /// Wished move-in date.
    public internal(set) var wishedDate: LocalDate?
    /// Notes.
    public internal(set) var notes: String
    /// Where it stands.
    public internal(set) var status: PhareRequestStatus

    /// The surface allocated, 0 unless allocated.
    public var allocatedSurface: Double {
        if case .allocated(let s) = status { return s }
        return 0
    }
}

/// The state of Le Phare.
public struct PhareState: Sendable, Hashable {
    /// Total capacity in m² (4,000 until the coordinator says otherwise).
    public internal(set) var totalCapacity: Double = PhareState.plannedTotal
    /// Capacity per use, for the uses that have one.
    public internal(set) var capacityPerUse: [PhareUse: Double] = [:]
    /// Requests by id.
    public internal(set) var requests: [PhareRequestID: PhareRequest] = [:]

    /// The 4,000 m² planned for 2016.
    public static let plannedTotal: Double = 4000

    /// Nothing requested, 4,000 m² in all.
    public init() {}

    /// Surface allocated in all.
    public var allocatedTotal: Double { requests.values.reduce(0) { $0 + $1.allocatedSurface } }

    /// Surface allocated for one use.
    public func allocated(for use: PhareUse) -> Double {
        requests.values.filter { $0.use == use }.reduce(0) { $0 + $1.allocatedSurface }
    }

    /// Surface requested and still open for one use (demand).
    public func openDemand(for use: PhareUse) -> Double {
        requests.values.filter { $0.use == use && $0.status == .open }.reduce(0) { $0 + $1.surface }
    }
}

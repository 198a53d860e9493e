public import Domain

/// One registered structure, for display.
public struct StructureEntry: Sendable, Hashable {
    /// Its id.
    public let id: StructureID
    /// Current name.
    public internal(set) var name: String
    /// Current kind.
    public internal(set) var kind: StructureKind
    /// Current address, if given.
    public internal(set) var address: Address?
    /// Monthly borrowing quota in hours, if set.
    public internal(set) var monthlyQuotaHours: Int?
    /// When it was registered (microseconds since 1970, from the log).
    public let registeredAtMicroseconds: Int64
}

/// The structures of the network: id → name, kind.
public struct StructureDirectory: Sendable {
    /// Entries by id.
    public internal(set) var entries: [StructureID: StructureEntry] = [:]
    var idByStream: [String: StructureID] = [:]

    /// An empty directory.
    public init() {}

    /// The name of a structure, or its id when unknown.
    public func name(of id: StructureID) -> String { entries[id]?.name ?? id.rawValue }

    /// All structures sorted by name.
    public var sorted: [StructureEntry] { entries.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) } }

    mutating func apply(_ event: StructureEvent, stream: String, micros: Int64) -> StructureID? {
        switch event {
        case .registered(let e):
            idByStream[stream] = e.id
            entries[e.id] = StructureEntry(id: e.id, name: e.details.name, kind: e.details.kind, address: e.details.address,
                                           monthlyQuotaHours: nil, registeredAtMicroseconds: micros)
            return e.id
        case .detailsChanged(let e):
            guard let id = idByStream[stream] else { return nil }
            entries[id]?.name = e.details.name
            entries[id]?.kind = e.details.kind
            entries[id]?.address = e.details.address
            return id
        case .borrowingQuotaSet(let e):
            guard let id = idByStream[stream] else { return nil }
            entries[id]?.monthlyQuotaHours = e.hoursPerMonth
            return id
        }
    }
}

/// The state of one structure.
public struct StructureState: Sendable, Hashable {
    /// The id, once registered.
    public internal(set) var id: StructureID?
    /// The current details, once registered.
    public internal(set) var details: StructureDetails?
    /// Monthly borrowing quota in hours; `nil`: none.
    public internal(set) var monthlyQuotaHours: Int?

    /// Whether the structure is registered.
    public var isRegistered: Bool { id != nil }

    /// An unregistered structure.
    public init() {}
}

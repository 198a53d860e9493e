/// A request for space in Le Phare.
public struct PhareSpaceRequest: Hashable, Sendable {
    /// Id chosen by the caller.
    public var id: PhareRequestID
    /// The requesting structure (registered).
    public var structure: StructureID
    /// The use.
    public var use: PhareUse
    /// Surface in m², positive, ≤ 100,000.
    public var surface: Double
    /// When the structure would like to move in.
    public var wishedDate: LocalDate?
    /// Notes, ≤ 5000 characters.
    public var notes: String

    /// Creates a request.
    public init(id: PhareRequestID, structure: StructureID, use: PhareUse, surface: Double, wishedDate: LocalDate? = nil, notes: String = "") {
        self.id = id
        self.structure = structure
        self.use = use
        self.surface = surface
        self.wishedDate = wishedDate
        self.notes = notes
    }
}

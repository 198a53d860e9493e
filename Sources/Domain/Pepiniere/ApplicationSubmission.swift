/// An application for a desk.
public struct ApplicationSubmission: Hashable, Sendable {
    /// Id chosen by the caller.
    public var id: ApplicationID
    /// The porteur de projet (the key of crypto-shredding).
    public var person: PersonID
    /// Name of the project, 1...200 characters.
    public var projectName: String
    /// Description, ≤ 5000 characters.
    public var description: String
    /// Contact of the porteur: personal data.
    public var contact: Contact

    /// Creates a submission.
    public init(id: ApplicationID, person: PersonID, projectName: String, description: String, contact: Contact) {
        self.id = id
        self.person = person
        self.projectName = projectName
        self.description = description
        self.contact = contact
    }
}

public import Foundation

/// A desk was added.
public struct DeskAdded: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// Its label.
    public var label: String
    /// Its floor.
    public var floor: String
    /// Creates the payload.
    public init(desk: DeskID, label: String, floor: String) {
        self.desk = desk
        self.label = label
        self.floor = floor
    }
    /// Desk, label, floor.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(desk)
        writer.write(label)
        writer.write(floor)
    }
    /// Reads desk, label, floor.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        desk = try reader.read()
        label = try reader.readString()
        floor = try reader.readString()
    }
}

/// A desk was removed.
public struct DeskRemoved: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// Creates the payload.
    public init(desk: DeskID) { self.desk = desk }
    /// The desk.
    public func encode(to writer: inout BinaryWriter) { writer.write(desk) }
    /// Reads the desk.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { desk = try reader.read() }
}

/// A porteur de projet applied for a desk. `contact` is personal data: clear when decided,
/// sealed by the App layer before append.
public struct DeskApplicationSubmitted: Hashable, Sendable, BinaryCodable, Encodable {
    /// The application.
    public var application: ApplicationID
    /// The porteur.
    public var person: PersonID
    /// The project's name.
    public var projectName: String
    /// Description.
    public var description: String
    /// Contact (clear, sealed or erased).
    public var contact: ContactData
    /// When it was submitted (the order of the waiting list follows the log).
    public var submittedAt: Date
    /// Creates the payload.
    public init(application: ApplicationID, person: PersonID, projectName: String, description: String,
                contact: ContactData, submittedAt: Date) {
        self.application = application
        self.person = person
        self.projectName = projectName
        self.description = description
        self.contact = contact
        self.submittedAt = submittedAt
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(application)
        writer.write(person)
        writer.write(projectName)
        writer.write(description)
        writer.write(contact)
        writer.write(submittedAt)
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        application = try reader.read()
        person = try reader.read()
        projectName = try reader.readString()
        description = try reader.readString()
        contact = try reader.read()
        submittedAt = try reader.readDate()
    }
}

/// An application joined the end of the waiting list.
public struct ApplicationWaitlisted: Hashable, Sendable, BinaryCodable, Encodable {
    /// The application.
    public var application: ApplicationID
    /// Creates the payload.
    public init(application: ApplicationID) { self.application = application }
    /// The application.
    public func encode(to writer: inout BinaryWriter) { writer.write(application) }
    /// Reads the application.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { application = try reader.read() }
}

/// An application was rejected.
public struct ApplicationRejected: Hashable, Sendable, BinaryCodable, Encodable {
    /// The application.
    public var application: ApplicationID
    /// Why.
    public var reason: String
    /// Creates the payload.
    public init(application: ApplicationID, reason: String) {
        self.application = application
        self.reason = reason
    }
    /// Application then reason.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(application)
        writer.write(reason)
    }
    /// Reads application then reason.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        application = try reader.read()
        reason = try reader.readString()
    }
}

/// A desk was offered to an application with a hold.
public struct DeskOffered: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// The application.
    public var application: ApplicationID
    /// Proposed first day.
    public var start: LocalDate
    /// Proposed first free day.
    public var end: LocalDate
    /// Hold in days.
    public var holdDays: Int
    /// When the offer lapses.
    public var expiresAt: Date
    /// Why the list order was not followed, if it was not.
    public var outOfOrderReason: String?
    /// Creates the payload.
    public init(desk: DeskID, application: ApplicationID, start: LocalDate, end: LocalDate, holdDays: Int,
                expiresAt: Date, outOfOrderReason: String?) {
        self.desk = desk
        self.application = application
        self.start = start
        self.end = end
        self.holdDays = holdDays
        self.expiresAt = expiresAt
        self.outOfOrderReason = outOfOrderReason
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(desk)
        writer.write(application)
        writer.write(start)
        writer.write(end)
        writer.writeVarint(holdDays)
        writer.write(expiresAt)
        writer.writeOptional(outOfOrderReason) { $0.write($1) }
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        desk = try reader.read()
        application = try reader.read()
        start = try reader.read()
        end = try reader.read()
        holdDays = try reader.readInt()
        guard (1...30).contains(holdDays) else { throw .invalidValue("holdDays") }
        expiresAt = try reader.readDate()
        outOfOrderReason = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

/// An offer was accepted (a `pepiniere.deskAllocated.v1` follows).
public struct DeskOfferAccepted: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// The application.
    public var application: ApplicationID
    /// Creates the payload.
    public init(desk: DeskID, application: ApplicationID) {
        self.desk = desk
        self.application = application
    }
    /// Desk then application.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(desk)
        writer.write(application)
    }
    /// Reads desk then application.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        desk = try reader.read()
        application = try reader.read()
    }
}

/// An offer lapsed; the application goes back to the end of the waiting list.
public struct DeskOfferLapsed: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// The application.
    public var application: ApplicationID
    /// Creates the payload.
    public init(desk: DeskID, application: ApplicationID) {
        self.desk = desk
        self.application = application
    }
    /// Desk then application.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(desk)
        writer.write(application)
    }
    /// Reads desk then application.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        desk = try reader.read()
        application = try reader.read()
    }
}

/// A desk was allocated to a project for `[start, end)`.
public struct DeskAllocated: Hashable, Sendable, BinaryCodable, Encodable {
    /// The desk.
    public var desk: DeskID
    /// The application.
    public var application: ApplicationID
    /// First day.
    public var start: LocalDate
    /// First free day.
    public var end: LocalDate
    /// Why the list order was not followed, if it was not.
    public var outOfOrderReason: String?
    /// Creates the payload.
    public init(desk: DeskID, application: ApplicationID, start: LocalDate, end: LocalDate, outOfOrderReason: String?) {
        self.desk = desk
        self.application = application
        self.start = start
        self.end = end
        self.outOfOrderReason = outOfOrderReason
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(desk)
        writer.write(application)
        writer.write(start)
        writer.write(end)
        writer.writeOptional(outOfOrderReason) { $0.write($1) }
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        desk = try reader.read()
        application = try reader.read()
        start = try reader.read()
        end = try reader.read()
        outOfOrderReason = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

/// An allocation was extended to `newEnd`.
public struct AllocationExtended: Hashable, Sendable, BinaryCodable, Encodable {
    /// The application.
    public var application: ApplicationID
    /// The desk.
    public var desk: DeskID
    /// New first free day.
    public var newEnd: LocalDate
    /// Creates the payload.
    public init(application: ApplicationID, desk: DeskID, newEnd: LocalDate) {
        self.application = application
        self.desk = desk
        self.newEnd = newEnd
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(application)
        writer.write(desk)
        writer.write(newEnd)
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        application = try reader.read()
        desk = try reader.read()
        newEnd = try reader.read()
    }
}

/// A project left its desk; the desk is free from `date`.
public struct ProjectLeft: Hashable, Sendable, BinaryCodable, Encodable {
    /// The application.
    public var application: ApplicationID
    /// The desk.
    public var desk: DeskID
    /// First free day.
    public var date: LocalDate
    /// Why, if said.
    public var reason: String?
    /// Creates the payload.
    public init(application: ApplicationID, desk: DeskID, date: LocalDate, reason: String?) {
        self.application = application
        self.desk = desk
        self.date = date
        self.reason = reason
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(application)
        writer.write(desk)
        writer.write(date)
        writer.writeOptional(reason) { $0.write($1) }
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        application = try reader.read()
        desk = try reader.read()
        date = try reader.read()
        reason = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

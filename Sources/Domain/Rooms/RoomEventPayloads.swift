/// A structure offered a room.
public struct RoomOffered: Hashable, Sendable, BinaryCodable, Encodable {
    /// The room.
    public var id: RoomID
    /// The owning structure.
    public var owner: StructureID
    /// Its details.
    public var details: RoomDetails
    /// Creates the payload.
    public init(id: RoomID, owner: StructureID, details: RoomDetails) {
        self.id = id
        self.owner = owner
        self.details = details
    }
    /// Id, owner, details.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(owner)
        writer.write(details)
    }
    /// Reads id, owner, details.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        owner = try reader.read()
        details = try reader.read()
    }
}

/// The details of a room were replaced.
public struct RoomDetailsChanged: Hashable, Sendable, BinaryCodable, Encodable {
    /// The new details.
    public var details: RoomDetails
    /// Creates the payload.
    public init(details: RoomDetails) { self.details = details }
    /// The details.
    public func encode(to writer: inout BinaryWriter) { writer.write(details) }
    /// Reads the details.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { details = try reader.read() }
}

/// The booking rules of a room were replaced.
public struct RoomRulesSet: Hashable, Sendable, BinaryCodable, Encodable {
    /// The new rules.
    public var rules: RoomRules
    /// Creates the payload.
    public init(rules: RoomRules) { self.rules = rules }
    /// The rules.
    public func encode(to writer: inout BinaryWriter) { writer.write(rules) }
    /// Reads the rules.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { rules = try reader.read() }
}

/// A room was withdrawn; `room.loanCancelled.v1` events follow for its future loans.
public struct RoomWithdrawn: Hashable, Sendable, BinaryCodable, Encodable {
    /// Why.
    public var reason: String
    /// Creates the payload.
    public init(reason: String) { self.reason = reason }
    /// The reason.
    public func encode(to writer: inout BinaryWriter) { writer.write(reason) }
    /// Reads the reason.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { reason = try reader.readString() }
}

/// An availability was opened; `periods` are its UTC occurrences computed when decided.
public struct AvailabilityOpened: Hashable, Sendable, BinaryCodable, Encodable {
    /// Its id.
    public var id: AvailabilityID
    /// As entered, in Paris local time.
    public var pattern: AvailabilityPattern
    /// The UTC periods (the truth used by rules and projections).
    public var periods: [Period]
    /// Creates the payload.
    public init(id: AvailabilityID, pattern: AvailabilityPattern, periods: [Period]) {
        self.id = id
        self.pattern = pattern
        self.periods = periods
    }
    /// Id, pattern, periods.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(pattern)
        writer.writeArray(periods) { $0.write($1) }
    }
    /// Reads id, pattern, periods.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        id = try reader.read()
        pattern = try reader.read()
        periods = try reader.readArray { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(Period.self) }
    }
}

/// An availability was closed.
public struct AvailabilityClosed: Hashable, Sendable, BinaryCodable, Encodable {
    /// Its id.
    public var id: AvailabilityID
    /// Creates the payload.
    public init(id: AvailabilityID) { self.id = id }
    /// The id.
    public func encode(to writer: inout BinaryWriter) { writer.write(id) }
    /// Reads the id.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { id = try reader.read() }
}

/// A structure requested a one-off loan (pending).
public struct LoanRequested: Hashable, Sendable, BinaryCodable, Encodable {
    /// The loan.
    public var loanID: LoanID
    /// The borrowing structure.
    public var borrower: StructureID
    /// The UTC period.
    public var period: Period
    /// Number of people.
    public var people: Int
    /// Purpose.
    public var purpose: String
    /// Creates the payload.
    public init(loanID: LoanID, borrower: StructureID, period: Period, people: Int, purpose: String) {
        self.loanID = loanID
        self.borrower = borrower
        self.period = period
        self.people = people
        self.purpose = purpose
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(loanID)
        writer.write(borrower)
        writer.write(period)
        writer.writeVarint(people)
        writer.write(purpose)
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        loanID = try reader.read()
        borrower = try reader.read()
        period = try reader.read()
        people = try reader.readInt()
        purpose = try reader.readString()
    }
}

/// One occurrence of a loan series, materialised as a pending loan.
public struct LoanOccurrence: Hashable, Sendable, BinaryCodable, Encodable {
    /// The loan of this occurrence, `{seriesId}-{n}`.
    public var loanID: LoanID
    /// Its UTC period.
    public var period: Period
    /// Creates an occurrence.
    public init(loanID: LoanID, period: Period) {
        self.loanID = loanID
        self.period = period
    }
    /// Id then period.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(loanID)
        writer.write(period)
    }
    /// Reads id then period.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        loanID = try reader.read()
        period = try reader.read()
    }
}

/// An occurrence of a series that was not requested, and why.
public struct SkippedOccurrence: Hashable, Sendable, BinaryCodable, Encodable {
    /// The Paris date of the skipped occurrence.
    public var date: LocalDate
    /// The rule that skipped it.
    public var code: DomainErrorCode
    /// The French explanation.
    public var message: String
    /// Creates the record.
    public init(date: LocalDate, code: DomainErrorCode, message: String) {
        self.date = date
        self.code = code
        self.message = message
    }
    /// Date, code, message.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(date)
        writer.write(code)
        writer.write(message)
    }
    /// Reads date, code, message.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        date = try reader.read()
        code = try reader.read()
        message = try reader.readString()
    }
}

/// A structure requested a recurring loan: the requested occurrences become pending loans, the
/// skipped ones are reported with their rule.
public struct LoanSeriesRequested: Hashable, Sendable, BinaryCodable, Encodable {
    /// The series.
    public var seriesID: LoanSeriesID
    /// The borrowing structure.
    public var borrower: StructureID
    /// Weekly or monthly.
    public var recurrence: Recurrence
    /// Paris local start of the first occurrence, as entered.
    public var start: LocalDateTime
    /// Paris local end of the first occurrence, as entered.
    public var end: LocalDateTime
    /// Last date included.
    public var until: LocalDate
    /// Number of people.
    public var people: Int
    /// Purpose.
    public var purpose: String
    /// Occurrences requested (pending loans).
    public var requested: [LoanOccurrence]
    /// Occurrences skipped, with the rule that refused each.
    public var skipped: [SkippedOccurrence]

    /// Creates the payload.
    public init(seriesID: LoanSeriesID, borrower: StructureID, recurrence: Recurrence, start: LocalDateTime, end: LocalDateTime,
                until: LocalDate, people: Int, purpose: String, requested: [LoanOccurrence], skipped: [SkippedOccurrence]) {
        self.seriesID = seriesID
        self.borrower = borrower
        self.recurrence = recurrence
        self.start = start
        self.end = end
        self.until = until
        self.people = people
        self.purpose = purpose
        self.requested = requested
        self.skipped = skipped
    }
    /// Fields in order.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(seriesID)
        writer.write(borrower)
        writer.writeEnum(recurrence)
        writer.write(start)
        writer.write(end)
        writer.write(until)
        writer.writeVarint(people)
        writer.write(purpose)
        writer.writeArray(requested) { $0.write($1) }
        writer.writeArray(skipped) { $0.write($1) }
    }
    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        seriesID = try reader.read()
        borrower = try reader.read()
        recurrence = try reader.readEnum(Recurrence.self, "recurrence")
        start = try reader.read()
        end = try reader.read()
        until = try reader.read()
        people = try reader.readInt()
        purpose = try reader.readString()
        requested = try reader.readArray { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(LoanOccurrence.self) }
        skipped = try reader.readArray { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(SkippedOccurrence.self) }
    }
}

/// The owner approved a loan.
public struct LoanApproved: Hashable, Sendable, BinaryCodable, Encodable {
    /// The loan.
    public var loanID: LoanID
    /// Creates the payload.
    public init(loanID: LoanID) { self.loanID = loanID }
    /// The id.
    public func encode(to writer: inout BinaryWriter) { writer.write(loanID) }
    /// Reads the id.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) { loanID = try reader.read() }
}

/// A pending loan was declined, by the owner or because an overlapping loan was approved.
public struct LoanDeclined: Hashable, Sendable, BinaryCodable, Encodable {
    /// The loan.
    public var loanID: LoanID
    /// Why, in French.
    public var reason: String
    /// The approved loan that took the slot, when that is why.
    public var supersededBy: LoanID?
    /// Creates the payload.
    public init(loanID: LoanID, reason: String, supersededBy: LoanID? = nil) {
        self.loanID = loanID
        self.reason = reason
        self.supersededBy = supersededBy
    }
    /// Id, reason, optional winner.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(loanID)
        writer.write(reason)
        writer.writeOptional(supersededBy) { $0.write($1) }
    }
    /// Reads id, reason, optional winner.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        loanID = try reader.read()
        reason = try reader.readString()
        supersededBy = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.read(LoanID.self) }
    }
}

/// A pending or approved loan was cancelled (by either side, or by the room's withdrawal).
public struct LoanCancelled: Hashable, Sendable, BinaryCodable, Encodable {
    /// The loan.
    public var loanID: LoanID
    /// Why.
    public var reason: String
    /// Creates the payload.
    public init(loanID: LoanID, reason: String) {
        self.loanID = loanID
        self.reason = reason
    }
    /// Id then reason.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(loanID)
        writer.write(reason)
    }
    /// Reads id then reason.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        loanID = try reader.read()
        reason = try reader.readString()
    }
}

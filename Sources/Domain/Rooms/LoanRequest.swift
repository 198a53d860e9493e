/// How a loan recurs.
public enum Recurrence: UInt8, Hashable, Sendable {
    /// Same weekday and times every week.
    case weekly = 0
    /// Same day of month and times every month (months without that day are skipped and reported).
    case monthly = 1
}

/// A one-off loan request.
public struct LoanRequest: Hashable, Sendable {
    /// Id chosen by the caller (idempotent retries).
    public var loanID: LoanID
    /// The borrowing structure.
    public var borrower: StructureID
    /// Paris local start.
    public var start: LocalDateTime
    /// Paris local end (exclusive).
    public var end: LocalDateTime
    /// Number of people, 1...capacity.
    public var people: Int
    /// Purpose, 1...1000 characters.
    public var purpose: String

    /// Creates a request.
    public init(loanID: LoanID, borrower: StructureID, start: LocalDateTime, end: LocalDateTime, people: Int, purpose: String) {
        self.loanID = loanID
        self.borrower = borrower
        self.start = start
        self.end = end
        self.people = people
        self.purpose = purpose
    }
}

/// A recurring loan request, materialised as one loan per occurrence with id `{seriesId}-{n}`.
public struct LoanSeriesRequest: Hashable, Sendable {
    /// Series id; at most 58 characters so that occurrence ids fit.
    public var seriesID: LoanSeriesID
    /// The borrowing structure.
    public var borrower: StructureID
    /// Paris local start of the first occurrence.
    public var start: LocalDateTime
    /// Paris local end of the first occurrence.
    public var end: LocalDateTime
    /// Weekly or monthly.
    public var recurrence: Recurrence
    /// Last date an occurrence may start on (included), at most one year after the first.
    public var until: LocalDate
    /// Number of people.
    public var people: Int
    /// Purpose.
    public var purpose: String

    /// Creates a request.
    public init(seriesID: LoanSeriesID, borrower: StructureID, start: LocalDateTime, end: LocalDateTime,
                recurrence: Recurrence, until: LocalDate, people: Int, purpose: String) {
        self.seriesID = seriesID
        self.borrower = borrower
        self.start = start
        self.end = end
        self.recurrence = recurrence
        self.until = until
        self.people = people
        self.purpose = purpose
    }
}

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
    /// Start: a Paris local time (refused in the spring gap and the autumn overlap) or an exact instant.
    public var start: GivenTime
    /// End (exclusive), like `start`.
    public var end: GivenTime
    /// Number of people, 1...capacity.
    public var people: Int
    /// Purpose, 1...1000 characters.
    public var purpose: String

    /// Creates a request from Paris local times.
    public init(loanID: LoanID, borrower: StructureID, start: LocalDateTime, end: LocalDateTime, people: Int, purpose: String) {
        self.init(loanID: loanID, borrower: borrower, start: .paris(start), end: .paris(end), people: people, purpose: purpose)
    }

    /// Creates a request.
    public init(loanID: LoanID, borrower: StructureID, start: GivenTime, end: GivenTime, people: Int, purpose: String) {
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
    /// Start of the first occurrence: a Paris local time or an exact instant. Its Paris
    /// wall-clock time is the series' time of day.
    public var start: GivenTime
    /// End of the first occurrence, like `start`.
    public var end: GivenTime
    /// Weekly or monthly.
    public var recurrence: Recurrence
    /// Last date an occurrence may start on (included), at most one year after the first.
    public var until: LocalDate
    /// Number of people.
    public var people: Int
    /// Purpose.
    public var purpose: String

    /// Creates a request from Paris local times.
    public init(seriesID: LoanSeriesID, borrower: StructureID, start: LocalDateTime, end: LocalDateTime,
                recurrence: Recurrence, until: LocalDate, people: Int, purpose: String) {
        self.init(seriesID: seriesID, borrower: borrower, start: .paris(start), end: .paris(end),
                  recurrence: recurrence, until: until, people: people, purpose: purpose)
    }

    /// Creates a request.
    public init(seriesID: LoanSeriesID, borrower: StructureID, start: GivenTime, end: GivenTime,
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

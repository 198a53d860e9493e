import Foundation

/// Where a loan stands.
public enum LoanStatus: Hashable, Sendable {
    /// Requested, awaiting the owner.
    case pending
    /// Approved by the owner.
    case approved
    /// Declined, with the reason (and the winner when superseded).
    case declined(reason: String, supersededBy: LoanID?)
    /// Cancelled, with the reason.
    case cancelled(reason: String)

    /// Pending or approved.
    public var isActive: Bool {
        switch self {
        case .pending, .approved: true
        default: false
        }
    }
}

/// One loan of a room.
public struct Loan: Hashable, Sendable {
    /// Its id.
    public let id: LoanID
    /// The series it belongs to, if any.
    public let seriesID: LoanSeriesID?
    /// The borrowing structure.
    public let borrower: StructureID
    /// UTC period `[start, end)`.
    public let period: Period
    /// Number of people.
    public let people: Int
    /// Purpose.
    public let purpose: String
    /// Where it stands.
    public internal(set) var status: LoanStatus
}

/// One opened availability.
public struct Availability: Hashable, Sendable {
    /// Its id.
    public let id: AvailabilityID
    /// As entered.
    public let pattern: AvailabilityPattern
    /// UTC periods.
    public let periods: [Period]
}

/// The state of one room.
public struct RoomState: Sendable, Hashable {
    /// The room id, once offered.
    public internal(set) var id: RoomID?
    /// The owning structure, once offered.
    public internal(set) var owner: StructureID?
    /// Current details.
    public internal(set) var details: RoomDetails?
    /// Current rules.
    public internal(set) var rules: RoomRules = .none
    /// Whether it was withdrawn.
    public internal(set) var isWithdrawn = false
    /// Why it was withdrawn.
    public internal(set) var withdrawalReason: String?
    /// Opened availabilities by id.
    public internal(set) var availability: [AvailabilityID: Availability] = [:]
    /// Every loan ever requested, by id.
    public internal(set) var loans: [LoanID: Loan] = [:]
    /// Loans of each series, in order.
    public internal(set) var series: [LoanSeriesID: [LoanID]] = [:]

    /// Offered and not withdrawn: takes requests.
    public var isOffered: Bool { id != nil && !isWithdrawn }

    /// An empty stream.
    public init() {}

    /// Approved loans, by start.
    public var approvedLoans: [Loan] {
        loans.values.filter { $0.status == .approved }.sorted { ($0.period.start, $0.id) < ($1.period.start, $1.id) }
    }

    /// The approved loan first by start (then id) among those that `matching` accepts: what
    /// the first of ``approvedLoans`` passing the test would be, found without sorting them all.
    public func firstApprovedLoan(where matching: (Loan) -> Bool) -> Loan? {
        var first: Loan?
        for loan in loans.values where loan.status == .approved && matching(loan) {
            if let current = first, (current.period.start, current.id) <= (loan.period.start, loan.id) { continue }
            first = loan
        }
        return first
    }

    /// Pending loans, by start.
    public var pendingLoans: [Loan] {
        loans.values.filter { $0.status == .pending }.sorted { ($0.period.start, $0.id) < ($1.period.start, $1.id) }
    }

    /// All open periods merged (adjacent or overlapping periods joined), by start.
    public var openPeriods: [Period] {
        let all = availability.values.flatMap(\.periods).sorted { $0.start < $1.start }
        var merged: [Period] = []
        for p in all {
            if let last = merged.last, p.start <= last.end {
                merged[merged.count - 1] = Period(uncheckedStart: last.start, end: max(last.end, p.end))
            } else {
                merged.append(p)
            }
        }
        return merged
    }

    /// Whether `period` lies inside opened availability (possibly across joined periods).
    public func isOpen(for period: Period) -> Bool {
        openPeriods.contains { $0.contains(period) }
    }
}

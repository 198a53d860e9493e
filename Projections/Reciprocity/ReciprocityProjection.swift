public import Domain

/// Minutes lent and borrowed (approved, not cancelled loans).
public struct ReciprocityFigures: Sendable, Hashable {
    /// Minutes the structure's rooms were lent.
    public internal(set) var lentMinutes: Int = 0
    /// Minutes the structure borrowed.
    public internal(set) var borrowedMinutes: Int = 0
    /// Hours lent.
    public var hoursLent: Double { Double(lentMinutes) / 60 }
    /// Hours borrowed.
    public var hoursBorrowed: Double { Double(borrowedMinutes) / 60 }
    /// Creates figures.
    public init(lentMinutes: Int = 0, borrowedMinutes: Int = 0) {
        self.lentMinutes = lentMinutes
        self.borrowedMinutes = borrowedMinutes
    }
}

/// Hours lent and borrowed per structure, per Paris month of the loan's start and per year.
public struct ReciprocityProjection: Sendable {
    /// Figures by structure and month.
    public internal(set) var byMonth: [StructureID: [YearMonth: ReciprocityFigures]] = [:]

    /// Nothing lent yet.
    public init() {}

    /// Monthly figures of a structure.
    public func monthly(of structure: StructureID) -> [YearMonth: ReciprocityFigures] { byMonth[structure] ?? [:] }

    /// Yearly figures of a structure.
    public func yearly(of structure: StructureID) -> [Int: ReciprocityFigures] {
        var out: [Int: ReciprocityFigures] = [:]
        for (month, f) in byMonth[structure] ?? [:] {
            out[month.year, default: ReciprocityFigures()].lentMinutes += f.lentMinutes
            out[month.year, default: ReciprocityFigures()].borrowedMinutes += f.borrowedMinutes
        }
        return out
    }

    /// Every structure's figures for one year (structures with no activity that year are left out).
    public func year(_ year: Int) -> [StructureID: ReciprocityFigures] {
        var out: [StructureID: ReciprocityFigures] = [:]
        for (structure, months) in byMonth {
            for (month, f) in months where month.year == year {
                out[structure, default: ReciprocityFigures()].lentMinutes += f.lentMinutes
                out[structure, default: ReciprocityFigures()].borrowedMinutes += f.borrowedMinutes
            }
        }
        return out.filter { $0.value.lentMinutes != 0 || $0.value.borrowedMinutes != 0 }
    }

    mutating func count(_ loan: LoanRecord, owner: StructureID, sign: Int) {
        let minutes = loan.period.minutes * sign
        byMonth[owner, default: [:]][loan.startMonth, default: ReciprocityFigures()].lentMinutes += minutes
        byMonth[loan.borrower, default: [:]][loan.startMonth, default: ReciprocityFigures()].borrowedMinutes += minutes
    }
}

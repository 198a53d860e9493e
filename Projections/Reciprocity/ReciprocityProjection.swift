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
    /// Figures by structure slot (the fold's structure table) and month.
    var figuresBySlot: [MonthTable<ReciprocityFigures>] = []
    /// Slot of each structure counted at least once.
    var slotByStructure: [StructureID: Int32] = [:]

    /// Nothing lent yet.
    public init() {}

    /// Figures by structure and month (built at each call: prefer ``monthly(of:)``).
    public var byMonth: [StructureID: [YearMonth: ReciprocityFigures]] {
        var out: [StructureID: [YearMonth: ReciprocityFigures]] = [:]
        for (structure, slot) in slotByStructure { out[structure] = figuresBySlot[Int(slot)].dictionary }
        return out
    }

    /// Monthly figures of a structure.
    public func monthly(of structure: StructureID) -> [YearMonth: ReciprocityFigures] {
        slotByStructure[structure].map { figuresBySlot[Int($0)].dictionary } ?? [:]
    }

    /// Yearly figures of a structure.
    public func yearly(of structure: StructureID) -> [Int: ReciprocityFigures] {
        var out: [Int: ReciprocityFigures] = [:]
        guard let slot = slotByStructure[structure] else { return out }
        figuresBySlot[Int(slot)].forEach { month, f in
            out[month.year, default: ReciprocityFigures()].lentMinutes += f.lentMinutes
            out[month.year, default: ReciprocityFigures()].borrowedMinutes += f.borrowedMinutes
        }
        return out
    }

    /// Every structure's figures for one year (structures with no activity that year are left out).
    public func year(_ year: Int) -> [StructureID: ReciprocityFigures] {
        var out: [StructureID: ReciprocityFigures] = [:]
        for (structure, slot) in slotByStructure {
            figuresBySlot[Int(slot)].forEach { month, f in
                guard month.year == year else { return }
                out[structure, default: ReciprocityFigures()].lentMinutes += f.lentMinutes
                out[structure, default: ReciprocityFigures()].borrowedMinutes += f.borrowedMinutes
            }
        }
        return out.filter { $0.value.lentMinutes != 0 || $0.value.borrowedMinutes != 0 }
    }

    /// Counts `sign × minutes` of an approved loan starting in `month`, lent by the structure at
    /// slot `owner` and borrowed by the one at slot `borrower` of `structures`.
    mutating func count(minutes: Int, month: YearMonth, owner: Int32, borrower: Int32, sign: Int, structures: Interner<StructureID>) {
        let signed = minutes * sign
        update(owner, month, structures) { $0.lentMinutes += signed }
        update(borrower, month, structures) { $0.borrowedMinutes += signed }
    }

    private mutating func update(_ slot: Int32, _ month: YearMonth, _ structures: Interner<StructureID>, _ body: (inout ReciprocityFigures) -> Void) {
        let s = Int(slot)
        if s >= figuresBySlot.count {
            figuresBySlot.append(contentsOf: repeatElement(MonthTable(), count: s + 1 - figuresBySlot.count))
        }
        if figuresBySlot[s].isEmpty { slotByStructure[structures[slot]] = slot }
        figuresBySlot[s].update(month, initial: ReciprocityFigures(), body)
    }
}

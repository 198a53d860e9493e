public import Domain

/// The figures of one year, in the spirit of the pôle's rapport d'activité.
public struct ActivityReport: Sendable, Hashable {
    /// The year.
    public let year: Int
    /// Loans held: approved, not cancelled, starting in the year (Paris time).
    public let loansHeld: Int
    /// The same by month, January first (12 numbers).
    public let loansByMonth: [Int]
    /// Hours of the loans held.
    public let hoursLent: Double
    /// Distinct structures that lent a room for a loan held.
    public let lendingStructures: Int
    /// Distinct structures that borrowed.
    public let borrowingStructures: Int
    /// Rooms on offer at the end of the year (offered before, not withdrawn by then).
    public let roomsOnOffer: Int
    /// Projects with an allocation overlapping the year (desks hosted).
    public let projectsHosted: Int
    /// Projects whose allocation starts in the year.
    public let projectEntries: Int
    /// Projects that left during the year (`pepiniere.projectLeft.v1` with a date in the year).
    public let projectExits: Int
    /// Allocations that reached their term in the year (last day in the year, no early exit).
    public let allocationsEnded: Int
    /// Average occupancy of the desks over the year, in percent (desk-days occupied ÷ desk-days existing).
    public let averageDeskOccupancyPercent: Double
    /// Phare requests made in the year by use: count and surface requested (m²).
    public let phareDemand: [PhareUse: (requests: Int, surface: Double)]

    /// Equality on every figure.
    public static func == (a: ActivityReport, b: ActivityReport) -> Bool {
        a.text == b.text
    }

    /// Hashes the text.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The report in French, for `mutualise report YEAR`.
    public var text: String {
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        var lines: [String] = []
        lines.append("Rapport d’activité \(year)")
        lines.append("")
        lines.append("Prêts de salles")
        lines.append("  Prêts réalisés : \(loansHeld) (\(decimalText(hoursLent, decimals: 1)) h)")
        for (i, n) in loansByMonth.enumerated() where n > 0 { lines.append("    \(months[i]) : \(n)") }
        lines.append("  Structures prêteuses : \(lendingStructures)")
        lines.append("  Structures emprunteuses : \(borrowingStructures)")
        lines.append("  Salles proposées au 31 décembre : \(roomsOnOffer)")
        lines.append("")
        lines.append("Pépinière")
        lines.append("  Projets hébergés : \(projectsHosted)")
        lines.append("  Entrées : \(projectEntries)")
        lines.append("  Sorties : \(projectExits)")
        lines.append("  Conventions arrivées à terme : \(allocationsEnded)")
        lines.append("  Taux d’occupation moyen des bureaux : \(decimalText(averageDeskOccupancyPercent, decimals: 1)) %")
        lines.append("")
        lines.append("Le Phare : demandes de l’année")
        for use in PhareUse.allCases {
            let d = phareDemand[use] ?? (0, 0)
            lines.append("  \(use.name) : \(d.requests) demande(s), \(decimalText(d.surface, decimals: 1)) m²")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

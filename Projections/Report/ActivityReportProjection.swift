import Domain
import Foundation

/// The activity report: figures of a year computed from the other projections.
public struct ActivityReportProjection: Sendable {
    let availability: AvailabilityProjection
    let pepiniere: PepiniereBoard
    let phare: PhareProjection

    /// The figures of `year` (Paris calendar year).
    public func report(year: Int) -> ActivityReport {
        var byMonth = [Int](repeating: 0, count: 12)
        var minutes = 0
        var lenders = Set<StructureID>(), borrowers = Set<StructureID>()
        for room in availability.rooms {
            for loan in room.allLoans where loan.status == .approved && loan.startMonth.year == year {
                byMonth[loan.startMonth.month - 1] += 1
                minutes += loan.period.minutes
                lenders.insert(room.owner)
                borrowers.insert(loan.borrower)
            }
        }
        let yearStart = (try? LocalDate(year: year, month: 1, day: 1)) ?? LocalDate(daysSinceEpoch: 0)
        let nextYear = yearStart.adding(years: 1)
        let endMicros = Instant.micros(ParisTime.startOfDay(nextYear))
        let roomsOnOffer = availability.rooms.filter {
            $0.offeredAtMicroseconds < endMicros && ($0.withdrawnAtMicroseconds.map { $0 >= endMicros } ?? true)
        }.count

        var hosted = 0, entries = 0, exits = 0, ended = 0, occupied = 0
        for a in pepiniere.allAllocations where a.start < a.end {
            let s = max(a.start, yearStart), e = min(a.end, nextYear)
            if s < e {
                hosted += 1
                occupied += e.daysSinceEpoch - s.daysSinceEpoch
            }
            if a.start >= yearStart && a.start < nextYear { entries += 1 }
            let lastDay = a.end.adding(days: -1)
            if a.hasLeft {
                if a.end >= yearStart && a.end < nextYear { exits += 1 }
            } else if lastDay >= yearStart && lastDay < nextYear {
                ended += 1
            }
        }
        var deskDays = 0
        for d in pepiniere.allDesks {
            let s = max(d.addedOn, yearStart), e = min(d.removedOn ?? nextYear, nextYear)
            if s < e { deskDays += e.daysSinceEpoch - s.daysSinceEpoch }
        }
        let occupancy = deskDays > 0 ? min(100, Double(occupied) * 100 / Double(deskDays)) : 0

        var demand: [PhareUse: (requests: Int, surface: Double)] = [:]
        for r in phare.requests.values where ParisTime.date(r.requestedAt).year == year {
            let current = demand[r.use] ?? (0, 0)
            demand[r.use] = (current.requests + 1, current.surface + r.surface)
        }
        return ActivityReport(year: year, loansHeld: byMonth.reduce(0, +), loansByMonth: byMonth, hoursLent: Double(minutes) / 60,
                              lendingStructures: lenders.count, borrowingStructures: borrowers.count, roomsOnOffer: roomsOnOffer,
                              projectsHosted: hosted, projectEntries: entries, projectExits: exits, allocationsEnded: ended,
                              averageDeskOccupancyPercent: occupancy, phareDemand: demand)
    }
}

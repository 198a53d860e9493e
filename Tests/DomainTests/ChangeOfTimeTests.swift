import Foundation
import Testing
@testable import Domain

// The two changes of 2027: 28 March (02:00–02:59 skipped) and 31 October (02:00–02:59 twice).

/// The room open from 1 March to 1 December 2027.
private let openAllYear: [RoomEvent] = [offered, .availabilityOpened(AvailabilityOpened(
    id: aid("annee"), pattern: .once(start: ldt("2027-03-01T00:00"), end: ldt("2027-12-01T00:00")),
    periods: [period("2027-03-01T00:00", "2027-12-01T00:00")]))]

private let early2027 = ctx(asCridev, at: "2027-01-04T09:00")

private func request(_ start: GivenTime, _ end: GivenTime) -> RoomCommand {
    .requestLoan(LoanRequest(loanID: lid("nuit"), borrower: cridev, start: start, end: end, people: 4, purpose: "Veille"))
}

private func series(_ start: String, _ end: String, until: String) -> RoomCommand {
    .requestLoanSeries(LoanSeriesRequest(seriesID: try! LoanSeriesID("veille"), borrower: cridev, start: ldt(start), end: ldt(end),
                                         recurrence: .weekly, until: ld(until), people: 4, purpose: "Veille"))
}

@Suite struct ChangeOfTimeTests {
    @Test func aRepeatedLocalTimeIsRefusedWhenStrictWithBothOffsetsInTheMessage() {
        do {
            _ = try ParisTime.instant(ldt("2027-10-31T02:30"), label: "L’heure de début")
            Issue.record("02:30 on 31 October 2027 is ambiguous")
        } catch {
            #expect(error.code == .ambiguousLocalTime)
            #expect(error.message.contains("L’heure de début"))
            #expect(error.message.contains("2027-10-31T02:30+02:00"))
            #expect(error.message.contains("2027-10-31T02:30+01:00"))
        }
        // Either side of the repeated hour is one instant.
        #expect(throws: Never.self) { try ParisTime.instant(ldt("2027-10-31T01:59")) }
        #expect(throws: Never.self) { try ParisTime.instant(ldt("2027-10-31T03:00")) }
    }

    @Test func aLoanGivenWithItsOffsetInTheRepeatedHourKeepsItsInstant() throws {
        // 02:30+01:00 is the second 02:30, 01:30 UTC; read back through Paris time it used to become 00:30 UTC.
        let events = expectEvents(RoomDecider.self, openAllYear,
                                  request(.exact(utc("2027-10-31T01:30")), .exact(utc("2027-10-31T02:30"))), early2027)
        guard case .loanRequested(let loan)? = events.first else { Issue.record("no loan: \(events)"); return }
        #expect(loan.period.start == utc("2027-10-31T01:30"))
        #expect(loan.period.end == utc("2027-10-31T02:30"))
        #expect(loan.period.minutes == 60)
    }

    @Test func aLoanGivenInParisTimeInTheRepeatedHourIsRefusedAsAmbiguous() {
        expectError(RoomDecider.self, openAllYear, request(.paris(ldt("2027-10-31T02:30")), .paris(ldt("2027-10-31T04:00"))),
                    early2027, code: .ambiguousLocalTime, field: "start")
        expectError(RoomDecider.self, openAllYear, request(.paris(ldt("2027-10-31T01:00")), .paris(ldt("2027-10-31T02:15"))),
                    early2027, code: .ambiguousLocalTime, field: "end")
    }

    @Test func aLoanInTheSkippedSpringHourIsRefused() {
        expectError(RoomDecider.self, openAllYear, request(.paris(ldt("2027-03-28T02:30")), .paris(ldt("2027-03-28T04:00"))),
                    early2027, code: .nonexistentLocalTime, field: "start")
    }

    @Test func aOneOffAvailabilityKeepsExactInstantsAndRefusesAmbiguousOnes() {
        let exact = RoomCommand.openAvailabilityPeriod(id: aid("nuit"), start: .exact(utc("2027-10-31T01:30")), end: .exact(utc("2027-10-31T05:00")))
        let events = expectEvents(RoomDecider.self, [offered], exact, ctx(asRadiance, at: "2027-01-04T09:00"))
        guard case .availabilityOpened(let opened)? = events.first else { Issue.record("no availability: \(events)"); return }
        #expect(opened.periods.map(\.start) == [utc("2027-10-31T01:30")])
        let ambiguous = RoomCommand.openAvailabilityPeriod(id: aid("nuit"), start: .paris(ldt("2027-10-31T02:30")), end: .paris(ldt("2027-10-31T05:00")))
        expectError(RoomDecider.self, [offered], ambiguous, ctx(asRadiance, at: "2027-01-04T09:00"), code: .ambiguousLocalTime, field: "start")
    }

    @Test func weeklyOccurrencesInTheRepeatedHourTakeTheFirstAndInTheSkippedHourMoveForward() {
        // Sundays 02:30–03:30 Paris: 24 Oct (CEST), 31 Oct (repeated: first, CEST), 7 Nov (CET).
        let autumn = expectEvents(RoomDecider.self, openAllYear, series("2027-10-24T02:30", "2027-10-24T03:30", until: "2027-11-07"), early2027)
        guard case .loanSeriesRequested(let fall)? = autumn.first else { Issue.record("no series: \(autumn)"); return }
        #expect(fall.requested.map(\.period.start) == [utc("2027-10-24T00:30"), utc("2027-10-31T00:30"), utc("2027-11-07T01:30")])
        // The 31 October occurrence runs from the first 02:30 to 03:30 CET: two hours of clock time.
        #expect(fall.requested.map(\.period.minutes) == [60, 120, 60])
        // Sundays 01:30–03:30 Paris: 21 Mar (CET), 28 Mar (ends in the gap: 03:30 CEST), 4 Apr (CEST).
        let spring = expectEvents(RoomDecider.self, openAllYear, series("2027-03-21T01:30", "2027-03-21T03:30", until: "2027-04-04"), early2027)
        guard case .loanSeriesRequested(let spr)? = spring.first else { Issue.record("no series: \(spring)"); return }
        #expect(spr.requested.map(\.period.start) == [utc("2027-03-21T00:30"), utc("2027-03-28T00:30"), utc("2027-04-03T23:30")])
        #expect(spr.requested.map(\.period.minutes) == [120, 60, 120])
        // Sundays 02:30–03:30: on 28 March the shifted start (03:30 CEST) leaves nothing; that date is skipped, named.
        let empty = expectEvents(RoomDecider.self, openAllYear, series("2027-03-21T02:30", "2027-03-21T03:30", until: "2027-04-04"), early2027)
        guard case .loanSeriesRequested(let gap)? = empty.first else { Issue.record("no series: \(empty)"); return }
        #expect(gap.requested.map(\.period.start) == [utc("2027-03-21T01:30"), utc("2027-04-04T00:30")])
        #expect(gap.skipped.map(\.date) == [ld("2027-03-28")])
        #expect(gap.skipped.first?.code == .nonexistentLocalTime)
    }
}

import Foundation
import Testing
@testable import Domain

@Suite struct LoanSeriesTests {
    let series = try! LoanSeriesID("atelier-mardi")

    func weekly(from start: String, _ end: String, until: String, recurrence: Recurrence = .weekly, people: Int = 10) -> RoomCommand {
        .requestLoanSeries(LoanSeriesRequest(seriesID: series, borrower: cridev, start: ldt(start), end: ldt(end),
                                             recurrence: recurrence, until: ld(until), people: people, purpose: "Atelier hebdomadaire"))
    }

    @Test func weeklySeriesIsMaterialisedAsIndividualLoans() throws {
        let out = expectEvents(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-24"), ctx(asCridev))
        guard case .loanSeriesRequested(let e)? = out.first else { Issue.record("no series"); return }
        #expect(e.requested.map(\.loanID.rawValue) == ["atelier-mardi-1", "atelier-mardi-2", "atelier-mardi-3", "atelier-mardi-4"])
        #expect(e.skipped.isEmpty)
        let state = given(RoomDecider.self, openRoom + out)
        #expect(state.pendingLoans.count == 4)
        #expect(state.loans[lid("atelier-mardi-2")]?.seriesID == series)
    }

    @Test func conflictingDatesAreSkippedAndReported() throws {
        let events = openRoom + [requested("l1", "2012-04-17T15:00", "2012-04-17T18:00", by: oxalis), approved("l1")]
        let out = expectEvents(RoomDecider.self, events, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-24"), ctx(asCridev))
        guard case .loanSeriesRequested(let e)? = out.first else { Issue.record("no series"); return }
        #expect(e.requested.count == 3)
        #expect(!e.requested.contains { $0.loanID == lid("atelier-mardi-3") })
        #expect(e.skipped.count == 1)
        let skipped = try #require(e.skipped.first)
        #expect(skipped.date == ld("2012-04-17"))
        #expect(skipped.code == .loanOverlapsApproved)
        #expect(skipped.message.contains("l1"))
    }

    @Test func weeklySeriesKeepsLocalTimeAcrossTheSpringChange() throws {
        let events = [offered, .availabilityOpened(AvailabilityOpened(id: aid("mars"), pattern: .once(start: ldt("2012-03-01T00:00"), end: ldt("2012-05-01T00:00")), periods: [period("2012-03-01T00:00", "2012-05-01T00:00")]))]
        let out = expectEvents(RoomDecider.self, events, weekly(from: "2012-03-20T14:00", "2012-03-20T16:00", until: "2012-03-27"), ctx(asCridev, at: "2012-03-01T09:00"))
        guard case .loanSeriesRequested(let e)? = out.first else { Issue.record("no series"); return }
        #expect(e.requested.map(\.period.start) == [utc("2012-03-20T13:00"), utc("2012-03-27T12:00")])
    }

    @Test func monthlySeriesSkipsMonthsWithoutTheDay() throws {
        let events = [offered, .availabilityOpened(AvailabilityOpened(id: aid("an"), pattern: .once(start: ldt("2012-01-01T00:00"), end: ldt("2013-01-01T00:00")), periods: [period("2012-01-01T00:00", "2013-01-01T00:00")]))]
        let out = expectEvents(RoomDecider.self, events, weekly(from: "2012-05-31T10:00", "2012-05-31T12:00", until: "2012-08-31", recurrence: .monthly), ctx(asCridev))
        guard case .loanSeriesRequested(let e)? = out.first else { Issue.record("no series"); return }
        #expect(e.requested.map { ParisTime.date($0.period.start) } == [ld("2012-05-31"), ld("2012-07-31"), ld("2012-08-31")])
        #expect(e.skipped.map(\.code) == [.loanNoSuchDate])
        #expect(e.skipped.first?.date == ld("2012-06-30"))
    }

    @Test func quotaSkipsTheOccurrencesBeyondIt() throws {
        let structures = [cridev: StructureFacts(monthlyQuotaHours: 4)]
        let out = expectEvents(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-24"), ctx(asCridev, structures: structures))
        guard case .loanSeriesRequested(let e)? = out.first else { Issue.record("no series"); return }
        #expect(e.requested.count == 2)
        #expect(e.skipped.map(\.code) == [.loanQuotaExceeded, .loanQuotaExceeded])
    }

    @Test func seriesWithNoPossibleDateIsRefused() {
        expectError(RoomDecider.self, openRoom, weekly(from: "2012-07-03T14:00", "2012-07-03T16:00", until: "2012-07-24"), ctx(asCridev), code: .loanSeriesEmpty)
    }

    @Test func seriesLastsOneYearAtMost() {
        expectError(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2013-04-04"), ctx(asCridev), code: .loanSeriesTooLong)
        expectError(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-02"), ctx(asCridev), code: .invalidRecurrence)
    }

    @Test func seriesChecksCapacityForTheWholeRequest() {
        expectError(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-24", people: 25), ctx(asCridev), code: .loanTooManyPeople)
    }

    @Test func eachOccurrenceCanBeCancelledAlone() {
        let out = expectEvents(RoomDecider.self, openRoom, weekly(from: "2012-04-03T14:00", "2012-04-03T16:00", until: "2012-04-24"), ctx(asCridev))
        let events = openRoom + out
        let cancel = expectEvents(RoomDecider.self, events, .cancelLoan(lid("atelier-mardi-2"), reason: "Vacances"), ctx(asCridev))
        let state = given(RoomDecider.self, events + cancel)
        #expect(state.pendingLoans.count == 3)
        #expect(state.loans[lid("atelier-mardi-2")]?.status == .cancelled(reason: "Vacances"))
    }
}

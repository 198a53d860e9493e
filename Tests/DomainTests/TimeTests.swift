import Foundation
import Testing
@testable import Domain

@Suite struct LocalDateTests {
    @Test func parsesIsoDates() throws {
        let d = try LocalDate(iso: "2012-04-27")
        #expect(d.year == 2012 && d.month == 4 && d.day == 27)
        #expect(d.description == "2012-04-27")
        #expect(d.french == "27/04/2012")
    }

    @Test func refusesImpossibleDates() {
        for text in ["2012-02-30", "2013-02-29", "2012-13-01", "2012-00-10", "2012-04-31", "2012-4-27", "20120427", "2012/04/27", "2012-04-2x", ""] {
            #expect(throws: DomainError.self, "\(text)") { try LocalDate(iso: text) }
        }
        #expect((try? LocalDate(iso: "2012-02-29")) != nil)
    }

    @Test func knowsWeekdays() {
        #expect(ld("2012-04-27").weekday == .friday)
        #expect(ld("2012-03-25").weekday == .sunday)
        #expect(ld("1970-01-01").weekday == .thursday)
        #expect(ld("2012-03-27").weekday == .tuesday)
    }

    @Test func addsDaysAcrossMonthsAndYears() {
        #expect(ld("2012-02-28").adding(days: 1) == ld("2012-02-29"))
        #expect(ld("2012-12-31").adding(days: 1) == ld("2013-01-01"))
        #expect(ld("2013-01-01").adding(days: -1) == ld("2012-12-31"))
        #expect(LocalDate(daysSinceEpoch: ld("2012-04-27").daysSinceEpoch) == ld("2012-04-27"))
    }

    @Test func addsMonthsClampingToMonthEnd() {
        #expect(ld("2012-01-31").adding(months: 1) == ld("2012-02-29"))
        #expect(ld("2012-11-15").adding(months: 3) == ld("2013-02-15"))
        #expect(ld("2012-03-31").adding(months: -1) == ld("2012-02-29"))
    }

    @Test func addsYearsTurning29FebruaryInto28() {
        #expect(ld("2012-02-29").adding(years: 1) == ld("2013-02-28"))
        #expect(ld("2012-03-01").adding(years: 1) == ld("2013-03-01"))
        #expect(ld("2012-02-29").adding(years: 4) == ld("2016-02-29"))
    }

    @Test func parsesTimesAndRefuses24() {
        #expect(lt("14:00").minutesSinceMidnight == 840)
        #expect(lt("23:59").minutesSinceMidnight == 1439)
        for text in ["24:00", "12:60", "9:00", "12h00", "ab:cd"] {
            #expect(throws: DomainError.self, "\(text)") { try LocalTime(iso: text) }
        }
        #expect(lt("10:30").french == "10 h 30")
    }

    @Test func parsesLocalDateTimes() throws {
        #expect(try LocalDateTime(iso: "2012-04-27T10:00") == LocalDateTime(ld("2012-04-27"), lt("10:00")))
        #expect(try LocalDateTime(iso: "2012-04-27 10:00") == LocalDateTime(ld("2012-04-27"), lt("10:00")))
        #expect(throws: DomainError.self) { try LocalDateTime(iso: "2012-04-27X10:00") }
    }
}

@Suite struct ParisTimeTests {
    @Test func findsTheLastSundays() {
        #expect(ParisTime.lastSunday(year: 2012, month: 3) == ld("2012-03-25"))
        #expect(ParisTime.lastSunday(year: 2012, month: 10) == ld("2012-10-28"))
        #expect(ParisTime.lastSunday(year: 2013, month: 3) == ld("2013-03-31"))
    }

    @Test func winterIsUtcPlusOneAndSummerUtcPlusTwo() {
        #expect(paris("2012-01-15T12:00") == utc("2012-01-15T11:00"))
        #expect(paris("2012-04-27T10:00") == utc("2012-04-27T08:00"))
        #expect(paris("2012-12-01T00:00") == utc("2012-11-30T23:00"))
    }

    @Test func springChangeHappensAt0100Utc() {
        #expect(ParisTime.utcOffset(at: utc("2012-03-25T00:59")) == 3600)
        #expect(ParisTime.utcOffset(at: utc("2012-03-25T01:00")) == 7200)
        #expect(paris("2012-03-25T01:59") == utc("2012-03-25T00:59"))
        #expect(paris("2012-03-25T03:00") == utc("2012-03-25T01:00"))
    }

    @Test func springGapIsRefusedWhenStrict() {
        #expect(throws: DomainError.self) { try ParisTime.instant(ldt("2012-03-25T02:00")) }
        do {
            _ = try ParisTime.instant(ldt("2012-03-25T02:30"))
            Issue.record("02:30 should not exist")
        } catch {
            #expect(error.code == .nonexistentLocalTime)
        }
    }

    @Test func springGapShiftsForwardOnRequest() throws {
        let t = try ParisTime.instant(ldt("2012-03-25T02:30"), policy: .shiftForward)
        #expect(t == utc("2012-03-25T01:30"))
        #expect(ParisTime.local(t) == ldt("2012-03-25T03:30"))
    }

    @Test func autumnOverlapPicksTheFirstOccurrence() {
        #expect(ParisTime.utcOffset(at: utc("2012-10-28T00:59")) == 7200)
        #expect(ParisTime.utcOffset(at: utc("2012-10-28T01:00")) == 3600)
        // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET): the first wins when
        // shifting (recurring patterns, queries); strict refuses it (ChangeOfTimeTests).
        #expect(paris("2012-10-28T02:30") == utc("2012-10-28T00:30"))
        #expect(paris("2012-10-28T01:59") == utc("2012-10-27T23:59"))
        #expect(paris("2012-10-28T03:00") == utc("2012-10-28T02:00"))
    }

    @Test func convertsInstantsBackToParisTime() {
        #expect(ParisTime.local(utc("2012-04-27T08:00")) == ldt("2012-04-27T10:00"))
        #expect(ParisTime.local(utc("2012-10-28T01:30")) == ldt("2012-10-28T02:30"))
        #expect(ParisTime.local(utc("2012-12-31T23:30")) == ldt("2013-01-01T00:30"))
    }

    @Test func weeklyAvailabilityKeepsLocalTimesAcrossBothChangesOf2012() throws {
        // Every Tuesday 14:00–18:00 from 13 March to 6 November 2012.
        let pattern = AvailabilityPattern.weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"),
                                                 from: ld("2012-03-13"), until: ld("2012-11-06"))
        let periods = try pattern.periods()
        #expect(periods.count == 35)
        // Before the spring change: UTC+1.
        #expect(periods[0].start == utc("2012-03-13T13:00"))
        #expect(periods[1].start == utc("2012-03-20T13:00"))
        // After it: UTC+2.
        #expect(periods[2].start == utc("2012-03-27T12:00"))
        #expect(periods[2].end == utc("2012-03-27T16:00"))
        // Last Tuesday before the autumn change, then the first after it.
        let oct23 = try #require(periods.first { ParisTime.date($0.start) == ld("2012-10-23") })
        let oct30 = try #require(periods.first { ParisTime.date($0.start) == ld("2012-10-30") })
        #expect(oct23.start == utc("2012-10-23T12:00"))
        #expect(oct30.start == utc("2012-10-30T13:00"))
        #expect(periods.allSatisfy { ParisTime.local($0.start).time == lt("14:00") && $0.minutes == 240 })
    }

    @Test func periodsAcrossTheChangesHaveTheirRealLength() {
        #expect(period("2012-03-25T00:00", "2012-03-25T06:00").minutes == 300)
        #expect(period("2012-10-28T00:00", "2012-10-28T06:00").minutes == 420)
    }

    @Test func periodsAreHalfOpen() {
        let a = period("2012-04-27T10:00", "2012-04-27T12:00")
        let b = period("2012-04-27T12:00", "2012-04-27T14:00")
        let c = period("2012-04-27T11:59", "2012-04-27T14:00")
        #expect(!a.overlaps(b))
        #expect(a.overlaps(c))
        #expect(throws: DomainError.self) { try Period(start: paris("2012-04-27T10:00"), end: paris("2012-04-27T10:00")) }
    }
}

@Suite struct RobustnessTests {
    @Test func extremeInstantsNeverTrap() {
        for x in [Double.nan, .infinity, -.infinity, 1e300, -1e300] {
            let local = ParisTime.local(Date(timeIntervalSince1970: x))
            #expect((1...12).contains(local.date.month) && (1...31).contains(local.date.day), "\(x)")
            #expect([3600, 7200].contains(ParisTime.utcOffset(at: Date(timeIntervalSince1970: x))), "\(x)")
        }
        #expect(throws: DomainError.self) { try Period(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 1e300)) }
    }

    @Test func absurdQuotaFactsDoNotOverflow() {
        let structures = [cridev: StructureFacts(monthlyQuotaHours: Int.max, usedMinutesByMonth: [YearMonth(year: 2012, month: 4): Int.max])]
        // A quota of Int.max hours is no limit: the request passes, whatever was used (no overflow).
        #expect(throws: Never.self) {
            try RoomDecider.decide(loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), state: given(RoomDecider.self, openRoom), context: ctx(asCridev, structures: structures))
        }
        // Int.max minutes already used against a quota of 10 hours: refused, without overflowing.
        let limited = [cridev: StructureFacts(monthlyQuotaHours: 10, usedMinutesByMonth: [YearMonth(year: 2012, month: 4): Int.max])]
        #expect(throws: DomainError.self) {
            try RoomDecider.decide(loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), state: given(RoomDecider.self, openRoom), context: ctx(asCridev, structures: limited))
        }
    }
}

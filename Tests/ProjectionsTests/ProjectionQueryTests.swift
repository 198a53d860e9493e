import Domain
import EventLog
import Foundation
import Projections
import Testing

@Suite struct ProjectionQueryTests {
    @Test func availabilityFreeBusyShowsApprovedAndPending() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        // Tuesday 3 April 2012, 14:00-18:00 Paris (12:00-16:00 UTC): pending 14-16, approved 16-18.
        let fb = try #require(state.availability.freeBusy(room: f.room, from: ProjectionFixture.date("2012-04-03T00:00:00Z"),
                                                          to: ProjectionFixture.date("2012-04-04T00:00:00Z")))
        #expect(fb.free == [ProjectionFixture.period("2012-04-03T14:00", "2012-04-03T16:00")])
        #expect(fb.busy.count == 2)
        #expect(fb.busy[0].status == .pending && fb.busy[0].period == ProjectionFixture.period("2012-04-03T14:00", "2012-04-03T16:00"))
        #expect(fb.busy[1].status == .approved && fb.busy[1].loan.rawValue == "l-approved")
        // The declined loan does not show; the whole Tuesday slot is free on 10 April.
        let fb10 = try #require(state.availability.freeBusy(room: f.room, from: ProjectionFixture.date("2012-04-10T00:00:00Z"),
                                                            to: ProjectionFixture.date("2012-04-11T00:00:00Z")))
        #expect(fb10.free == [ProjectionFixture.period("2012-04-10T14:00", "2012-04-10T18:00")])
        #expect(fb10.busy.isEmpty)
        // Unknown room.
        #expect(state.availability.freeBusy(room: try RoomID("nope"), from: .now, to: .now.addingTimeInterval(60)) == nil)
    }

    @Test func freeRoomsFiltersBySlotPeopleAndDistance() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let s = ProjectionFixture.period("2012-04-10T15:00", "2012-04-10T17:00")
        let all = state.availability.freeRooms(from: s.start, to: s.end, people: 5)
        #expect(all.map(\.room) == [f.room2, f.room].sorted())
        let near = state.availability.freeRooms(from: s.start, to: s.end, people: 5, near: (48.0870, -1.6640), radiusKm: 10)
        #expect(near.map(\.room) == [f.room2, f.room])
        let d = try #require(near[1].distanceKm)
        #expect(d > 2.5 && d < 3.5)  // Martenot to Le Blosne, about 3 km
        #expect(state.availability.freeRooms(from: s.start, to: s.end, people: 5, near: (48.0870, -1.6640), radiusKm: 1).map(\.room) == [f.room2])
        #expect(state.availability.freeRooms(from: s.start, to: s.end, people: 15).map(\.room) == [f.room])
        #expect(state.availability.freeRooms(from: s.start, to: s.end, people: 25).isEmpty)
        // Overlapping the approved loan of 3 April 16:00-18:00, or outside opened availability.
        let busy = ProjectionFixture.period("2012-04-03T17:00", "2012-04-03T18:00")
        #expect(state.availability.freeRooms(from: busy.start, to: busy.end).map(\.room) == [f.room2])
        let closed = ProjectionFixture.period("2012-04-11T10:00", "2012-04-11T11:00")
        #expect(state.availability.freeRooms(from: closed.start, to: closed.end).isEmpty)
    }

    @Test func quotaUsageAndReciprocity() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let usage = state.usedMinutesByMonth(of: f.cridev)
        // March: the spring loan 01:00-04:00 on the DST day is 2 h elapsed; April: pending 2 h + approved 2 h;
        // October: cancelled; the declined one does not count.
        #expect(usage[YearMonth(year: 2012, month: 3)] == 120)
        #expect(usage[YearMonth(year: 2012, month: 4)] == 240)
        #expect((usage[YearMonth(year: 2012, month: 10)] ?? 0) == 0)
        #expect(state.reciprocity.monthly(of: f.radiance)[YearMonth(year: 2012, month: 4)]?.lentMinutes == 120)
        #expect(state.reciprocity.yearly(of: f.radiance)[2012]?.lentMinutes == 240)
        #expect(state.reciprocity.yearly(of: f.cridev)[2012]?.borrowedMinutes == 240)
        #expect(state.reciprocity.year(2012)[f.cridev]?.hoursBorrowed == 4)
        #expect(state.history.positions(of: f.radiance).count >= 5)
        #expect(state.history.positions(of: f.cridev).first == 2)
        #expect(state.structures.name(of: f.radiance) == "Mutuelle Radiance")
    }

    @Test func pepiniereBoardWaitingListAndHistory() async throws {
        let f = try ProjectionFixture()
        try await f.loadPepiniere()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let board = state.pepiniere.board(on: ProjectionFixture.day("2012-08-15"))
        #expect(board.map(\.desk.label) == ["Bureau 1", "Bureau 2", "Bureau 3", "Bureau 4"])
        #expect(board[0].status == .occupied && board[0].project == "Octopousse")
        #expect(board[1].status == .availableSoon && board[1].daysLeft == 47)
        #expect(board[2].status == .occupied)
        #expect(board[3].project == "Questions d'égalité")
        let early = state.pepiniere.board(on: ProjectionFixture.day("2012-06-16"))
        #expect(early[0].status == .reserved && early[0].project == "Octopousse")
        let ending = state.pepiniere.endingSoon(on: ProjectionFixture.day("2012-08-15"))
        #expect(ending.map(\.application.rawValue) == ["enercoop"])
        let waiting = state.pepiniere.waitingList()
        #expect(waiting.map(\.rank) == [1, 2])
        #expect(waiting.map(\.application.projectName) == ["Projet A", "Projet B"])
        #expect(waiting[0].application.contact == .sealed(SealedBytes([1, 2, 3])))
        let history = state.pepiniere.history(of: try ApplicationID("eco-think"))
        #expect(history.map(\.eventType) == [PepiniereEvent.TypeName.applicationSubmitted, PepiniereEvent.TypeName.applicationWaitlisted,
                                             PepiniereEvent.TypeName.deskAllocated, PepiniereEvent.TypeName.projectLeft])
    }

    @Test func phareFigures() async throws {
        let f = try ProjectionFixture()
        try await f.loadPhare()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let bureaux = try #require(state.phare.perUse.first { $0.use == .bureaux })
        #expect(bureaux.requested == 120 && bureaux.allocated == 100 && bureaux.remaining == 1400 && bureaux.capacity == 1500)
        let commerce = try #require(state.phare.perUse.first { $0.use == .commerce })
        #expect(commerce.requested == 80 && commerce.allocated == 0 && commerce.openRequests == 1)
        #expect(state.phare.total.allocated == 100 && state.phare.total.remaining == 3900 && state.phare.total.requested == 200)
        #expect(state.phare.openRequests.map(\.id.rawValue) == ["r2"])
        #expect(state.phare.perUse.first { $0.use == .services }?.capacity == nil)
    }

    @Test func activityReportOfTheYear() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        try await f.loadPepiniere()
        try await f.loadPhare()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let r = state.report.report(year: 2012)
        #expect(r.loansHeld == 2)
        #expect(r.loansByMonth[2] == 1 && r.loansByMonth[3] == 1 && r.loansByMonth.count == 12)
        #expect(r.lendingStructures == 1 && r.borrowingStructures == 1)
        #expect(r.roomsOnOffer == 2)
        #expect(r.projectsHosted == 5)
        #expect(r.projectEntries == 2)  // Questions d'égalité on 2 January, Octopousse on 1 July
        #expect(r.projectExits == 1)       // Eco-think left
        #expect(r.allocationsEnded == 2)   // Enercoop, Garage reached their term; égalité's last day is 1 Jan 2013
        #expect(r.averageDeskOccupancyPercent > 80 && r.averageDeskOccupancyPercent <= 100)
        #expect(r.phareDemand[.bureaux]?.requests == 2)
        #expect(r.text.contains("Prêts réalisés : 2"))
        #expect(r.text.contains("Projets hébergés : 5"))
    }
}

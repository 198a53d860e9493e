import Foundation
import Testing
@testable import Domain

@Suite struct RoomOfferTests {
    @Test func ownerOffersARoom() {
        var details = roomDetails()
        details.equipment = [.wifi, .projector, .wifi]
        let events = expectEvents(RoomDecider.self, [], .offer(id: room, owner: radiance, details: details), ctx(asRadiance))
        guard case .offered(let e)? = events.first else { Issue.record("no offer"); return }
        #expect(e.owner == radiance)
        #expect(e.details.equipment == [.projector, .wifi])
    }

    @Test func coordinatorMayOfferForAStructure() {
        _ = expectEvents(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails()), ctx(coordinator))
    }

    @Test func structureCannotOfferInAnotherName() {
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails()), ctx(asCridev), code: .roomNotOwner)
    }

    @Test func unregisteredOwnerCannotOffer() {
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails()),
                    ctx(asRadiance, structures: [:]), code: .structureNotFound, field: "owner")
    }

    @Test func roomCannotBeOfferedTwice() {
        expectError(RoomDecider.self, [offered], .offer(id: room, owner: radiance, details: roomDetails()), ctx(asRadiance), code: .roomAlreadyOffered)
    }

    @Test func capacityMustBePositive() {
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(capacity: 0)), ctx(asRadiance), code: .invalidCapacity, field: "capacity")
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(capacity: -3)), ctx(asRadiance), code: .invalidCapacity)
        _ = expectEvents(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(capacity: 1)), ctx(asRadiance))
    }

    @Test func nameIsRequiredAndBounded() {
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(name: "   ")), ctx(asRadiance), code: .emptyValue, field: "name")
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(name: String(repeating: "a", count: 201))), ctx(asRadiance), code: .tooLong, field: "name")
        _ = expectEvents(RoomDecider.self, [], .offer(id: room, owner: radiance, details: roomDetails(name: String(repeating: "a", count: 200))), ctx(asRadiance))
    }

    @Test func descriptionIsBounded() {
        var d = roomDetails()
        d.description = String(repeating: "é", count: 5001)
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .tooLong, field: "description")
    }

    @Test func surfaceMustBePositiveAndFinite() {
        var d = roomDetails()
        d.surface = 0
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .invalidSurface)
        d.surface = .nan
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .notFinite)
    }

    @Test func postcodeMustHaveFiveDigits() {
        var d = roomDetails()
        d.address.postcode = "3500"
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .invalidPostcode)
    }

    @Test func priceConditionsNeedAPrice() {
        var d = roomDetails()
        d.conditions = .price(halfDayCents: nil, dayCents: nil)
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .invalidPrice)
        d.conditions = .exchange("")
        expectError(RoomDecider.self, [], .offer(id: room, owner: radiance, details: d), ctx(asRadiance), code: .emptyValue)
    }

    @Test func positionIsValidatedOnBothSidesOfEachBound() {
        #expect((try? GeoPosition(latitude: 90, longitude: 180)) != nil)
        #expect((try? GeoPosition(latitude: -90, longitude: -180)) != nil)
        for (lat, lon, code) in [(91.0, 0.0, DomainErrorCode.invalidLatitude), (-90.5, 0, .invalidLatitude),
                                 (0, 180.1, .invalidLongitude), (0, -181, .invalidLongitude),
                                 (.nan, 0, .notFinite), (0, .infinity, .notFinite)] {
            do {
                _ = try GeoPosition(latitude: lat, longitude: lon)
                Issue.record("accepted \(lat), \(lon)")
            } catch {
                #expect(error.code == code)
                #expect(error.field == (code == .invalidLatitude || lat.isNaN ? "latitude" : "longitude"))
            }
        }
    }

    @Test func onlyOwnerOrCoordinatorChangesARoom() {
        expectError(RoomDecider.self, [offered], .changeDetails(roomDetails(capacity: 30)), ctx(asCridev), code: .roomNotOwner)
        _ = expectEvents(RoomDecider.self, [offered], .changeDetails(roomDetails(capacity: 30)), ctx(asRadiance))
        _ = expectEvents(RoomDecider.self, [offered], .changeDetails(roomDetails(capacity: 30)), ctx(coordinator))
    }

    @Test func unchangedDetailsProduceNoEvent() {
        expectEvents(RoomDecider.self, [offered], .changeDetails(roomDetails()), ctx(asRadiance), equal: [])
    }

    @Test func commandsOnAnUnofferedRoomAreRefused() {
        expectError(RoomDecider.self, [], .changeDetails(roomDetails()), ctx(asRadiance), code: .roomNotFound)
        expectError(RoomDecider.self, [], loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), ctx(asCridev), code: .roomNotFound)
    }

    @Test func rulesAreValidated() {
        expectError(RoomDecider.self, [offered], .setRules(RoomRules(minLengthMinutes: 120, maxLengthMinutes: 60)), ctx(asRadiance), code: .invalidRules)
        expectError(RoomDecider.self, [offered], .setRules(RoomRules(bufferMinutes: -1)), ctx(asRadiance), code: .invalidRules)
        expectError(RoomDecider.self, [offered], .setRules(RoomRules(maxAdvanceDays: 0)), ctx(asRadiance), code: .invalidRules)
        expectError(RoomDecider.self, [offered], .setRules(RoomRules(bufferMinutes: 15)), ctx(asCridev), code: .roomNotOwner)
    }
}

@Suite struct AvailabilityTests {
    @Test func ownerOpensAOneOffAvailability() {
        let events = expectEvents(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .once(start: ldt("2012-04-27T08:00"), end: ldt("2012-04-27T18:00"))), ctx(asRadiance))
        guard case .availabilityOpened(let e)? = events.first else { Issue.record("none"); return }
        #expect(e.periods == [period("2012-04-27T08:00", "2012-04-27T18:00")])
        #expect(e.periods[0].start == utc("2012-04-27T06:00"))
    }

    @Test func oneOffAvailabilityInTheSpringGapIsRefused() {
        expectError(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .once(start: ldt("2012-03-25T02:30"), end: ldt("2012-03-25T05:00"))), ctx(asRadiance, at: "2012-03-01T09:00"), code: .nonexistentLocalTime, field: "start")
    }

    @Test func availabilityEndMustFollowStart() {
        expectError(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .once(start: ldt("2012-04-27T18:00"), end: ldt("2012-04-27T08:00"))), ctx(asRadiance), code: .endNotAfterStart)
        expectError(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .weekly(weekday: .tuesday, start: lt("18:00"), end: lt("14:00"), from: ld("2012-04-01"), until: ld("2012-05-01"))), ctx(asRadiance), code: .endNotAfterStart)
    }

    @Test func weeklyAvailabilityWithNoMatchingDayIsRefused() {
        expectError(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"), from: ld("2012-04-04"), until: ld("2012-04-09"))), ctx(asRadiance), code: .availabilityEmpty)
    }

    @Test func onlyOwnerOpensAvailability() {
        expectError(RoomDecider.self, [offered], .openAvailability(id: aid("a1"), pattern: .once(start: ldt("2012-04-27T08:00"), end: ldt("2012-04-27T18:00"))), ctx(asCridev), code: .roomNotOwner)
    }

    @Test func ownerClosesAnAvailability() {
        expectEvents(RoomDecider.self, openRoom, .closeAvailability(id: aid("printemps")), ctx(asRadiance),
                     equal: [.availabilityClosed(AvailabilityClosed(id: aid("printemps")))])
        expectError(RoomDecider.self, openRoom, .closeAvailability(id: aid("printemps")), ctx(asCridev), code: .roomNotOwner)
        expectError(RoomDecider.self, openRoom, .openAvailability(id: aid("printemps"), pattern: .once(start: ldt("2012-08-01T08:00"), end: ldt("2012-08-01T18:00"))), ctx(asRadiance), code: .availabilityAlreadyExists)
    }

    @Test func closingAnUnknownAvailabilityIsRefused() {
        expectError(RoomDecider.self, openRoom, .closeAvailability(id: aid("inconnue")), ctx(asRadiance), code: .availabilityNotFound)
    }

    @Test func loansCannotBeRequestedInAClosedAvailability() {
        let events = openRoom + [.availabilityClosed(AvailabilityClosed(id: aid("printemps")))]
        expectError(RoomDecider.self, events, loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), ctx(asCridev), code: .loanOutsideAvailability)
    }

    @Test func weeklyAvailabilityAcceptsLoansOnTuesdaysAcrossDst() {
        let weekly = RoomEvent.availabilityOpened(AvailabilityOpened(id: aid("mardis"),
            pattern: .weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"), from: ld("2012-03-13"), until: ld("2012-11-06")),
            periods: try! AvailabilityPattern.weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"), from: ld("2012-03-13"), until: ld("2012-11-06")).periods()))
        let events = [offered, weekly]
        _ = expectEvents(RoomDecider.self, events, loanRequest("l1", "2012-03-27T14:00", "2012-03-27T18:00"), ctx(asCridev, at: "2012-03-01T09:00"))
        _ = expectEvents(RoomDecider.self, events, loanRequest("l2", "2012-10-30T14:00", "2012-10-30T18:00"), ctx(asCridev, at: "2012-03-01T09:00"))
        expectError(RoomDecider.self, events, loanRequest("l3", "2012-10-30T13:00", "2012-10-30T17:00"), ctx(asCridev, at: "2012-03-01T09:00"), code: .loanOutsideAvailability)
        expectError(RoomDecider.self, events, loanRequest("l4", "2012-10-31T14:00", "2012-10-31T18:00"), ctx(asCridev, at: "2012-03-01T09:00"), code: .loanOutsideAvailability)
    }

    @Test func adjacentAvailabilitiesJoin() {
        let morning = RoomEvent.availabilityOpened(AvailabilityOpened(id: aid("matin"), pattern: .once(start: ldt("2012-04-27T08:00"), end: ldt("2012-04-27T12:00")), periods: [period("2012-04-27T08:00", "2012-04-27T12:00")]))
        let afternoon = RoomEvent.availabilityOpened(AvailabilityOpened(id: aid("aprem"), pattern: .once(start: ldt("2012-04-27T12:00"), end: ldt("2012-04-27T18:00")), periods: [period("2012-04-27T12:00", "2012-04-27T18:00")]))
        _ = expectEvents(RoomDecider.self, [offered, morning, afternoon], loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), ctx(asCridev))
        expectError(RoomDecider.self, [offered, morning], loanRequest("l1", "2012-04-27T10:00", "2012-04-27T17:00"), ctx(asCridev), code: .loanOutsideAvailability)
    }
}

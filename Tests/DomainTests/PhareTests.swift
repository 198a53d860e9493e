import Foundation
import Testing
@testable import Domain

@Suite struct PhareTests {
    func request(_ id: String, _ structure: StructureID = cridev, _ use: PhareUse = .bureaux, m2: Double) -> PhareCommand {
        .requestSpace(PhareSpaceRequest(id: prid(id), structure: structure, use: use, surface: m2, wishedDate: ld("2016-01-01"), notes: "Équipe de 6"))
    }

    func requested(_ id: String, _ structure: StructureID = cridev, _ use: PhareUse = .bureaux, m2: Double) -> PhareEvent {
        .spaceRequested(SpaceRequested(id: prid(id), structure: structure, use: use, surface: m2, wishedDate: ld("2016-01-01"), notes: "Équipe de 6"))
    }

    @Test func structureRequestsSpace() {
        expectEvents(PhareDecider.self, [], request("r1", m2: 120), ctx(asCridev), equal: [requested("r1", m2: 120)])
    }

    @Test func structureCannotRequestInAnotherName() {
        expectError(PhareDecider.self, [], request("r1", m2: 120), ctx(asOxalis), code: .notRequester)
    }

    @Test func unregisteredStructureCannotRequest() {
        expectError(PhareDecider.self, [], request("r1", m2: 120), ctx(asCridev, structures: [:]), code: .structureNotFound)
    }

    @Test func surfacesArePositiveAndFinite() {
        expectError(PhareDecider.self, [], request("r1", m2: 0), ctx(asCridev), code: .invalidSurface, field: "surface")
        expectError(PhareDecider.self, [], request("r1", m2: -5), ctx(asCridev), code: .invalidSurface)
        expectError(PhareDecider.self, [], request("r1", m2: .nan), ctx(asCridev), code: .notFinite)
        expectError(PhareDecider.self, [], request("r1", m2: .infinity), ctx(asCridev), code: .notFinite)
        _ = expectEvents(PhareDecider.self, [], request("r1", m2: 0.5), ctx(asCridev))
    }

    @Test func coordinatorAllocatesAllOrPart() {
        let events = [requested("r1", m2: 120)]
        _ = expectEvents(PhareDecider.self, events, .allocate(prid("r1"), surface: 120), ctx(coordinator))
        expectEvents(PhareDecider.self, events, .allocate(prid("r1"), surface: 80), ctx(coordinator), equal: [.spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 80))])
        expectError(PhareDecider.self, events, .allocate(prid("r1"), surface: 120.5), ctx(coordinator), code: .phareAllocationExceedsRequest)
        expectError(PhareDecider.self, events, .allocate(prid("r1"), surface: 80), ctx(asCridev), code: .coordinatorOnly)
    }

    @Test func allocationsNeverExceedTheTotalOf4000() {
        let events = [requested("r1", m2: 3900), .spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 3900)), requested("r2", oxalis, .commerce, m2: 200)]
        _ = expectEvents(PhareDecider.self, events, .allocate(prid("r2"), surface: 100), ctx(coordinator))
        expectError(PhareDecider.self, events, .allocate(prid("r2"), surface: 100.5), ctx(coordinator), code: .phareExceedsTotalCapacity)
        #expect(given(PhareDecider.self, events).allocatedTotal == 3900)
    }

    @Test func allocationsNeverExceedAUsesCapacity() {
        let events: [PhareEvent] = [.capacitySet(PhareCapacitySet(total: 4000, perUse: [.commerce: 500])),
                                    requested("r1", cridev, .commerce, m2: 400), .spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 400)),
                                    requested("r2", oxalis, .commerce, m2: 200)]
        _ = expectEvents(PhareDecider.self, events, .allocate(prid("r2"), surface: 100), ctx(coordinator))
        expectError(PhareDecider.self, events, .allocate(prid("r2"), surface: 101), ctx(coordinator), code: .phareExceedsUseCapacity)
    }

    @Test func capacitySplitCannotExceedTheTotalNorGoBelowAllocated() {
        _ = expectEvents(PhareDecider.self, [], .setCapacity(total: 4000, perUse: [.commerce: 1000, .bureaux: 3000]), ctx(coordinator))
        expectError(PhareDecider.self, [], .setCapacity(total: 4000, perUse: [.commerce: 1000, .bureaux: 3001]), ctx(coordinator), code: .phareSplitExceedsTotal)
        let events = [requested("r1", m2: 300), .spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 300))]
        expectError(PhareDecider.self, events, .setCapacity(total: 4000, perUse: [.bureaux: 299]), ctx(coordinator), code: .phareCapacityBelowAllocated)
        expectError(PhareDecider.self, events, .setCapacity(total: 299, perUse: [:]), ctx(coordinator), code: .phareCapacityBelowAllocated)
        expectError(PhareDecider.self, [], .setCapacity(total: 0, perUse: [:]), ctx(coordinator), code: .invalidSurface)
        expectError(PhareDecider.self, [], .setCapacity(total: 4000, perUse: [:]), ctx(asCridev), code: .coordinatorOnly)
    }

    @Test func requesterAmendsAndWithdrawsAnOpenRequest() {
        let events = [requested("r1", m2: 120)]
        _ = expectEvents(PhareDecider.self, events, .amend(prid("r1"), use: .services, surface: 150, wishedDate: nil, notes: ""), ctx(asCridev))
        expectError(PhareDecider.self, events, .amend(prid("r1"), use: .services, surface: 150, wishedDate: nil, notes: ""), ctx(asOxalis), code: .notRequester)
        expectError(PhareDecider.self, events, .amend(prid("r1"), use: .services, surface: 0, wishedDate: nil, notes: ""), ctx(asCridev), code: .invalidSurface)
        _ = expectEvents(PhareDecider.self, events, .withdraw(prid("r1"), reason: nil), ctx(asCridev))
    }

    @Test func allocatedRequestCannotBeAmendedButWithdrawingReleasesIt() {
        let events = [requested("r1", m2: 120), .spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 100))]
        expectError(PhareDecider.self, events, .amend(prid("r1"), use: .services, surface: 150, wishedDate: nil, notes: ""), ctx(asCridev), code: .phareRequestNotOpen)
        let out = expectEvents(PhareDecider.self, events, .withdraw(prid("r1"), reason: "Projet abandonné"), ctx(asCridev))
        #expect(given(PhareDecider.self, events + out).allocatedTotal == 0)
    }

    @Test func decliningNeedsAReasonAndAnOpenRequest() {
        let events = [requested("r1", m2: 120)]
        expectError(PhareDecider.self, events, .decline(prid("r1"), reason: " "), ctx(coordinator), code: .emptyValue)
        let out = expectEvents(PhareDecider.self, events, .decline(prid("r1"), reason: "Usage non prévu"), ctx(coordinator))
        expectError(PhareDecider.self, events + out, .allocate(prid("r1"), surface: 10), ctx(coordinator), code: .phareRequestNotOpen)
        expectError(PhareDecider.self, [], .decline(prid("r9"), reason: "x"), ctx(coordinator), code: .phareRequestNotFound)
    }
}

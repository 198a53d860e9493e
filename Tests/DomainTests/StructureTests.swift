import Foundation
import Testing
@testable import Domain

@Suite struct StructureTests {
    let details = StructureDetails(name: "Mutuelle Radiance", kind: .mutuelle, siret: "775 685 365 00012",
                                   address: Address(street: "1 place de Bretagne", postcode: "35000", city: "Rennes"),
                                   contactEmail: "contact@radiance.example")

    var registered: StructureEvent {
        .registered(StructureRegistered(id: radiance, details: StructureDetails(name: "Mutuelle Radiance", kind: .mutuelle, siret: "77568536500012", address: details.address, contactEmail: "contact@radiance.example")))
    }

    @Test func coordinatorRegistersAStructure() {
        expectEvents(StructureDecider.self, [], .register(id: radiance, details: details), ctx(coordinator), equal: [registered])
        let state = given(StructureDecider.self, [registered])
        #expect(state.isRegistered && state.details?.kind == .mutuelle)
    }

    @Test func onlyTheCoordinatorRegistersStructures() {
        expectError(StructureDecider.self, [], .register(id: radiance, details: details), ctx(asRadiance), code: .coordinatorOnly)
        expectError(StructureDecider.self, [], .register(id: radiance, details: details), ctx(.porteur(pid("p1"))), code: .coordinatorOnly)
    }

    @Test func structureCannotBeRegisteredTwice() {
        expectError(StructureDecider.self, [registered], .register(id: radiance, details: details), ctx(coordinator), code: .structureAlreadyRegistered)
    }

    @Test func nameIsRequired() {
        var d = details
        d.name = ""
        expectError(StructureDecider.self, [], .register(id: radiance, details: d), ctx(coordinator), code: .emptyValue, field: "name")
    }

    @Test func emailMustLookLikeAnEmail() {
        for bad in ["contact", "contact@", "@radiance.fr", "a b@radiance.fr", "contact@radiance", "contact@@radiance.fr"] {
            var d = details
            d.contactEmail = bad
            expectError(StructureDecider.self, [], .register(id: radiance, details: d), ctx(coordinator), code: .invalidEmail, field: "contactEmail")
        }
    }

    @Test func siretMustHaveFourteenDigits() {
        var d = details
        d.siret = "1234"
        expectError(StructureDecider.self, [], .register(id: radiance, details: d), ctx(coordinator), code: .invalidSiret)
    }

    @Test func structureOrCoordinatorChangesDetails() {
        var d = details
        d.name = "Radiance Humanis"
        _ = expectEvents(StructureDecider.self, [registered], .changeDetails(d), ctx(asRadiance))
        _ = expectEvents(StructureDecider.self, [registered], .changeDetails(d), ctx(coordinator))
        expectError(StructureDecider.self, [registered], .changeDetails(d), ctx(asCridev), code: .structureNotSelf)
        expectError(StructureDecider.self, [], .changeDetails(d), ctx(coordinator), code: .structureNotFound)
    }

    @Test func coordinatorSetsTheMonthlyQuotaWithinBounds() {
        expectEvents(StructureDecider.self, [registered], .setBorrowingQuota(hoursPerMonth: 1), ctx(coordinator), equal: [.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: 1))])
        _ = expectEvents(StructureDecider.self, [registered], .setBorrowingQuota(hoursPerMonth: 744), ctx(coordinator))
        expectError(StructureDecider.self, [registered], .setBorrowingQuota(hoursPerMonth: 0), ctx(coordinator), code: .invalidQuota)
        expectError(StructureDecider.self, [registered], .setBorrowingQuota(hoursPerMonth: 745), ctx(coordinator), code: .invalidQuota)
        expectError(StructureDecider.self, [registered], .setBorrowingQuota(hoursPerMonth: 20), ctx(asRadiance), code: .coordinatorOnly)
        let state = given(StructureDecider.self, [registered, .borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: 20))])
        #expect(state.monthlyQuotaHours == 20)
    }
}

@Suite struct IdentifierTests {
    @Test func identifiersAcceptLowercaseDigitsAndDashes() throws {
        #expect(try StructureID("mutuelle-radiance-35").rawValue == "mutuelle-radiance-35")
        #expect((try? RoomID(String(repeating: "a", count: 64))) != nil)
        for bad in ["", "Radiance", "a_b", "é", "a b", String(repeating: "a", count: 65)] {
            #expect(throws: DomainError.self, "\(bad)") { try RoomID(bad) }
        }
    }

    @Test func randomIdentifiersAreValid() {
        let id = LoanID.random()
        #expect(LoanID.isValid(id.rawValue))
        #expect(id != LoanID.random())
    }

    @Test func streamNamesRoundTrip() {
        #expect(radiance.streamName == "structure-mutuelle-radiance")
        #expect(room.streamName == "room-salle-radiance")
        #expect(SiteID.maisonESS.streamName == "pepiniere-maison-ess")
        #expect(StreamKind(streamName: "structure-mutuelle-radiance") == .structure(radiance))
        #expect(StreamKind(streamName: "room-salle-radiance") == .room(room))
        #expect(StreamKind(streamName: "pepiniere-maison-ess") == .pepiniere(.maisonESS))
        #expect(StreamKind(streamName: "phare") == .phare)
        #expect(StreamKind(streamName: "room-") == nil)
        #expect(StreamKind(streamName: "tokens") == nil)
    }

    @Test func everyErrorCodeHasAKind() {
        #expect(DomainErrorCode.invalidLatitude.kind == .invalidValue)
        #expect(DomainErrorCode.roomNotOwner.kind == .forbidden)
        #expect(DomainErrorCode.loanNotFound.kind == .notFound)
        #expect(DomainErrorCode.loanOverlapsApproved.kind == .conflict)
        #expect(DomainErrorCode.loanQuotaExceeded.kind == .ruleViolated)
        #expect(Set(DomainErrorCode.allCases.map(\.rawValue)).count == DomainErrorCode.allCases.count)
    }
}

import Foundation
@testable import Domain
import Testing

/// Every event has a JSON form a person or a program can read (docs/domain.md, "Events as JSON").
@Suite struct EventJSONTests {
    func object(_ event: AnyDomainEvent) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(EventJSON.encode(event))) as? [String: Any])
    }

    @Test func everyEventTypeHasANonEmptyJSONForm() throws {
        var types = Set<String>()
        for event in sampleEvents {
            let json = try object(event)
            #expect(!json.isEmpty, "\(event.eventType): \(event)")
            types.insert(event.eventType)
        }
        #expect(types == Set(allEventTypes), "a sample of every type")
    }

    @Test func aLoanRequestReadsAsWhatWasAsked() throws {
        let period = try Period(start: ParisTime.instant(LocalDateTime(iso: "2027-10-31T02:30"), policy: .shiftForward), end: ParisTime.instant(LocalDateTime(iso: "2027-10-31T05:00")))
        let event = AnyDomainEvent.room(.loanRequested(LoanRequested(loanID: try LoanID("atelier"), borrower: try StructureID("cridev"), period: period, people: 12, purpose: "Atelier : fondations")))
        let text = String(decoding: EventJSON.encode(event), as: UTF8.self)
        #expect(text == #"{"borrower":"cridev","loanID":"atelier","people":12,"period":{"end":"2027-10-31T05:00:00+01:00","start":"2027-10-31T02:30:00+02:00"},"purpose":"Atelier : fondations"}"#)
    }

    @Test func personalDataShowAsTheReaderMaySeeThem() throws {
        let submitted = try #require(sampleEvents.first { $0.eventType == "pepiniere.applicationSubmitted.v1" })
        let clear = submitted.mappingPersonalData { _, _ in .clear(Contact(name: "Camille Exemple", email: "camille@example.org")) }
        let contact = try #require(try object(clear)["contact"] as? [String: Any])
        #expect(contact["name"] as? String == "Camille Exemple" && contact["email"] as? String == "camille@example.org")
        let sealed = submitted.mappingPersonalData { _, _ in .sealed(SealedBytes([1, 2, 3])) }
        #expect(try object(sealed)["contact"] as? [String: Bool] == ["sealed": true])
        let erased = submitted.mappingPersonalData { _, _ in .erased }
        #expect(try object(erased)["contact"] as? [String: Bool] == ["erased": true])
    }

    @Test func enumerationsAreSpelledAsTheAPISpellsThem() throws {
        let registered = try #require(sampleEvents.first { $0.eventType == "structure.detailsChanged.v1" })
        let details = try #require(try object(registered)["details"] as? [String: Any])
        #expect(details["kind"] as? String == "autre")
        let offered = try #require(sampleEvents.first { $0.eventType == "room.offered.v1" })
        let room = try #require(try object(offered)["details"] as? [String: Any])
        #expect((room["equipment"] as? [String])?.allSatisfy { Equipment.allCases.map { String(describing: $0) }.contains($0) } == true)
        let capacity = try #require(sampleEvents.first { $0.eventType == "phare.capacitySet.v1" })
        let byUse = try #require(try object(capacity).values.compactMap { $0 as? [String: Any] }.first)
        #expect(Set(byUse.keys).isSubset(of: ["commerce", "bureaux", "services", "hebergement"]), "\(byUse)")
    }
}

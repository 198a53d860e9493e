import Foundation
import Testing
@testable import Domain

@Suite struct PersonalDataTests {
    let event = submitted(ecoThink)

    @Test func applicationEventNamesItsSubject() {
        #expect(event.personalDataSubjects == [porteur1])
        #expect(AnyDomainEvent.pepiniere(event).personalDataSubjects == [porteur1])
        #expect(waitlisted(ecoThink).personalDataSubjects.isEmpty)
        #expect(AnyDomainEvent.room(offered).personalDataSubjects.isEmpty)
    }

    @Test func sealingThenOpeningRestoresTheContact() throws {
        // A stand-in for AES-GCM: the App layer does the real sealing.
        let sealed = event.mappingPersonalData { person, data in
            guard case .clear(let c) = data else { return data }
            return .sealed(SealedBytes(Array(c.encoded().reversed())))
        }
        guard case .applicationSubmitted(let s) = sealed, case .sealed(let bytes) = s.contact else { Issue.record("not sealed"); return }
        #expect(!String(decoding: bytes.bytes, as: UTF8.self).contains("Camille"))
        let stored = try PepiniereEvent.decode(eventType: sealed.eventType, schemaVersion: 1, payload: sealed.encodedPayload())
        #expect(stored == sealed)
        let opened = try stored.mappingPersonalData { _, data in
            guard case .sealed(let b) = data else { return data }
            return .clear(try Contact.decoded(from: Array(b.bytes.reversed())))
        }
        #expect(opened == event)
    }

    @Test func erasedContactFoldsIntoStateAsErased() {
        let erased = event.mappingPersonalData { _, _ in .erased }
        let state = given(PepiniereDecider.self, [erased])
        #expect(state.applications[ecoThink]?.contact == .erased)
        #expect(state.applications[ecoThink]?.projectName == "eco-think")
    }

    @Test func eventsWithoutPersonalDataAreUnchanged() {
        let e = waitlisted(ecoThink)
        #expect(e.mappingPersonalData { _, _ in .erased } == e)
    }
}

@Suite struct GenericPersonalDataTests {
    /// What a generic App layer does for any decider's events.
    func seal<E: DomainEvent>(_ events: [E]) -> [E] {
        events.map { $0.mappingPersonalData { _, data in data.contact == nil ? data : .sealed(SealedBytes([0xAB])) } }
    }

    @Test func everyEventTypeOffersTheMappingGenerically() {
        #expect(seal([offered]) == [offered])
        #expect(seal([PhareEvent.spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 10))]).count == 1)
        guard case .applicationSubmitted(let e)? = seal([submitted(ecoThink)]).first else { Issue.record("none"); return }
        #expect(e.contact == .sealed(SealedBytes([0xAB])))
        #expect(offered.personalDataSubjects.isEmpty)
    }
}

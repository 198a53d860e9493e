import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Records answered to the coordinator carry their event readable as `data`.
@Suite struct ReadableEventsTests {
    @Test func eventsAndHistoryGiveEachEventAsJSONWithContactsOpenedOrErased() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        let (porteurToken, grant) = try await fixture.tokens.issue(role: .porteur, label: "porteur")
        let person = try #require(grant.person)
        try await fixture.run { client in
            #expect(try await client.send(.post, "/pepiniere/desks", token: coordinator, json: #"{"id": "bureau-1", "label": "Bureau 1"}"#).status == .created)
            let applied = try await client.send(.post, "/pepiniere/applications", token: porteurToken, json: #"""
                {"id": "atelier-velo", "project": "Atelier vélo", "description": "Réparer ensemble", "contact": {"name": "Camille Exemple", "email": "camille@example.org"}}
                """#)
            #expect(applied.status == .created, "\(applied.text)")

            let events = try await client.send(.get, "/events?from=0", token: coordinator)
            let records = events.object["events"] as? [[String: Any]] ?? []
            let submitted = try #require(records.first { $0["type"] as? String == "pepiniere.applicationSubmitted.v1" })
            let data = try #require(submitted["data"] as? [String: Any])
            #expect(data["projectName"] as? String == "Atelier vélo")
            #expect((data["contact"] as? [String: Any])?["email"] as? String == "camille@example.org", "the coordinator reads the contact")
            #expect(submitted["payload"] is String, "the stored bytes stay available")
            let desk = try #require(records.first { $0["type"] as? String == "pepiniere.deskAdded.v1" }?["data"] as? [String: Any])
            #expect(desk["label"] as? String == "Bureau 1")

            #expect(try await client.send(.delete, "/people/\(person)", token: coordinator).status == .ok)
            let history = try await client.send(.get, "/audit/history/pepiniere-maison-ess", token: coordinator)
            let after = (history.object["events"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "pepiniere.applicationSubmitted.v1" }
            let contact = (after?["data"] as? [String: Any])?["contact"] as? [String: Any]
            #expect(contact?["erased"] as? Bool == true, "an erased person reads as erased: \(String(describing: contact))")
            #expect(!history.text.contains("camille@example.org"))
        }
    }
}

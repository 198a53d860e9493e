import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// One validation path for both edges: the web forms refuse the control characters and
/// bidirectional overrides the API refuses, next to their field, and JSON keys are compared as
/// the parser reads them.
@Suite struct TextSafetyTests {
    static let forbidden = ["\u{0}", "\u{7}", "\u{202E}"]

    @Test func aKeyRepeatedUnderAnEscapedSpellingIsADuplicate() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            for body in [#"{"id": "x", "name": "A", "na\u006de": "B", "kind": "association"}"#,
                         #"{"id": "x", "name": "A", "kind": "association", "\u006e\u0061\u006d\u0065": "B"}"#,
                         #"{"id": "x", "name": "A", "kind": "association", "email": "a@example.org", "email": "b@example.org", "nam\u0065": "B"}"#] {
                let response = try await client.send(.post, "/structures", token: coordinator, json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.object["code"] as? String == "request.duplicateKey", "\(body): \(response.text)")
            }
            #expect(try fixture.log.headPosition() == 0)
            let distinct = try await client.send(.post, "/structures", token: coordinator, json: #"{"id": "x", "n\u0061me": "A", "kind": "association"}"#)
            #expect(distinct.status == .created, "an escaped spelling alone is the key itself: \(distinct.text)")
        }
    }

    @Test func webFormsRefuseControlCharactersNextToTheirField() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        let radiance = try await fixture.token(.structure, structure: "radiance")
        let sessions = WebSessions(log: fixture.log)
        let (ownerCode, _) = try await sessions.invite(role: .structure, structure: try StructureID("radiance"), label: "")
        let (borrowerCode, _) = try await sessions.invite(role: .structure, structure: try StructureID("cridev"), label: "")
        let (coordinatorCode, _) = try await sessions.invite(role: .coordinator, label: "")
        try await fixture.run { client in
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev)
            try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
            try await client.send(.post, "/rooms/salle-radiance/availability", token: radiance, json: Bodies.availability)
            let owner = WebTests.Browser()
            _ = try await owner.signIn(client, code: ownerCode)
            let borrower = WebTests.Browser()
            _ = try await borrower.signIn(client, code: borrowerCode)
            let coordination = WebTests.Browser()
            _ = try await coordination.signIn(client, code: coordinatorCode)
            let head = try fixture.log.headPosition()
            for bad in Self.forbidden {
                _ = try await owner.get(client, "/app/salles/nouvelle")
                let room = try await owner.post(client, "/app/salles/nouvelle", [
                    ("name", "Salle\(bad)du conseil"), ("address.street", "15 rue Martenot"), ("address.postcode", "35000"),
                    ("address.city", "Rennes"), ("latitude", "48,1130"), ("longitude", "-1,6745"), ("capacity", "20"), ("conditions.kind", "free"),
                ])
                #expect(room.status == .unprocessableContent, "room name with U+\(String(bad.unicodeScalars.first!.value, radix: 16))")
                #expect(room.text.contains(#"id="e-f-name""#), "the error sits next to the name")
                #expect(room.text.contains("caractère de contrôle interdit"))

                _ = try await borrower.get(client, "/app/salles/salle-radiance")
                let loan = try await borrower.post(client, "/app/salles/salle-radiance/demandes", [
                    ("start", "2027-04-27T10:00"), ("end", "2027-04-27T12:00"), ("people", "5"), ("purpose", "Atelier\(bad)fondations"),
                ])
                #expect(loan.status == .unprocessableContent)
                #expect(loan.text.contains(#"id="e-f-purpose""#), "the error sits next to the purpose")

                _ = try await owner.get(client, "/app/salles/salle-radiance")
                let withdrawn = try await owner.post(client, "/app/salles/salle-radiance/retirer", [("reason", "Travaux\(bad)")])
                #expect(withdrawn.status == .unprocessableContent, "a withdrawal reason is checked too")
                #expect(withdrawn.text.contains("caractère de contrôle interdit"))

                _ = try await coordination.get(client, "/app/coordination/acces")
                let invited = try await coordination.post(client, "/app/coordination/invitations", [("role", "porteur"), ("label", "Camille\(bad)")])
                #expect(invited.status == .unprocessableContent, "an invitation's label is checked too")
            }
            #expect(try fixture.log.headPosition() == head, "refused forms write nothing")
            #expect(try sessions.invitations().count == 3, "no invitation made by a refused form")
        }
    }
}

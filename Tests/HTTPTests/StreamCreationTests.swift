import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Who may create each kind of stream: every route that could start a new stream refuses the
/// actors who may not, in French, with 403 or 404, and writes nothing.
@Suite struct StreamCreationTests {
    @Test func onlyTheRightActorsStartANewStream() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let application = #"{"id": "atelier-velo", "project": "Atelier vélo", "description": "Réparer ensemble.", "contact": {"name": "Camille", "email": "camille@example.org"}}"#
        let withSite = #"{"id": "atelier-velo", "site": "site-pirate", "project": "Atelier vélo", "description": "Réparer ensemble.", "contact": {"name": "Camille", "email": "camille@example.org"}}"#
        let newRoom = Bodies.room.replacingOccurrences(of: "salle-radiance", with: "salle-nouvelle")
        let cases: [(HTTPRequest.Method, String, String, String, HTTPResponse.Status, [String])] = [
            // pepiniere-{site}: the coordinator opens a site by adding its first desk.
            (.post, "/pepiniere/applications", tokens.porteur, application, .notFound, ["pepiniere-maison-ess"]),
            (.post, "/pepiniere/applications", tokens.porteur, withSite, .notFound, ["pepiniere-site-pirate"]),
            (.post, "/pepiniere/desks", tokens.porteur, #"{"site": "site-pirate", "label": "Bureau"}"#, .forbidden, ["pepiniere-site-pirate"]),
            (.post, "/pepiniere/desks", tokens.radiance, #"{"site": "site-pirate", "label": "Bureau"}"#, .forbidden, ["pepiniere-site-pirate"]),
            (.post, "/pepiniere/applications/inconnue/accept", tokens.porteur, #"{"site": "site-pirate"}"#, .notFound, ["pepiniere-site-pirate"]),
            // room-{id}: a structure in its own name, or the coordinator.
            (.post, "/rooms", tokens.porteur, newRoom, .forbidden, ["room-salle-nouvelle"]),
            (.post, "/rooms", tokens.cridev, newRoom.replacingOccurrences(of: #""id""#, with: #""structure": "radiance", "id""#), .forbidden, ["room-salle-nouvelle"]),
            (.post, "/rooms/salle-nouvelle/availability", tokens.radiance, Bodies.availability, .notFound, ["room-salle-nouvelle"]),
            (.post, "/rooms/salle-nouvelle/loans", tokens.cridev, Bodies.loan, .notFound, ["room-salle-nouvelle"]),
            (.post, "/rooms/salle-nouvelle/loans", tokens.porteur, Bodies.loan, .forbidden, ["room-salle-nouvelle"]),
            // structure-{id}: the coordinator only.
            (.post, "/structures", tokens.radiance, #"{"id": "nouvelle", "name": "Nouvelle", "kind": "association"}"#, .forbidden, ["structure-nouvelle"]),
            (.post, "/structures", tokens.porteur, #"{"id": "nouvelle", "name": "Nouvelle", "kind": "association"}"#, .forbidden, ["structure-nouvelle"]),
            (.put, "/structures/nouvelle/quota", tokens.coordinator, #"{"hoursPerMonth": 10}"#, .notFound, ["structure-nouvelle"]),
            // phare: a registered structure in its own name (requests), the coordinator (capacity).
            (.post, "/phare/requests", tokens.porteur, #"{"use": "bureaux", "surface": 40}"#, .forbidden, ["phare"]),
            (.put, "/phare/capacity", tokens.porteur, #"{"total": 4000}"#, .forbidden, ["phare"]),
            (.put, "/phare/capacity", tokens.radiance, #"{"total": 4000}"#, .forbidden, ["phare"]),
        ]
        try await fixture.run { client in
            let head = try fixture.log.headPosition()
            for (method, uri, token, body, status, streams) in cases {
                let response = try await client.send(method, uri, token: token, json: body)
                #expect(response.status == status, "\(method) \(uri) \(body.prefix(50)) → \(response.status) \(response.text)")
                let detail = response.object["detail"] as? String ?? ""
                #expect(detail.split(separator: " ").count >= 4, "a sentence for people: \(detail)")
                for stream in streams {
                    #expect(try fixture.log.readStream(stream).isEmpty, "\(uri) created \(stream)")
                }
            }
            #expect(try fixture.log.headPosition() == head, "refused creations write nothing")
            let refused = try await client.send(.post, "/pepiniere/applications", token: tokens.porteur, json: application)
            #expect(refused.object["code"] as? String == "site.notFound")
            #expect(refused.object["field"] as? String == "site")

            // Once the coordinator has opened the site, the porteur applies.
            let desk = try await client.send(.post, "/pepiniere/desks", token: tokens.coordinator, json: #"{"site": "site-ouvert", "id": "bureau-1", "label": "Bureau 1"}"#)
            #expect(desk.status == .created)
            let applied = try await client.send(.post, "/pepiniere/applications", token: tokens.porteur,
                                                json: withSite.replacingOccurrences(of: "site-pirate", with: "site-ouvert"))
            #expect(applied.status == .created, "\(applied.text)")
        }
    }
}

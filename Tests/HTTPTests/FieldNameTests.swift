import App
import Domain
import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct FieldNameTests {
    /// Issue 13: a weekly availability refused for its end date named the field `until`, the
    /// domain's name; every refusal must name the key the client sent.
    @Test func everyRefusalNamesTheKeyOfTheRequest() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        // The site exists (only the coordinator opens one): applications are judged on their fields.
        _ = try await fixture.service.execute(PepiniereDecider.self, stream: SiteID.maisonESS.streamName,
                                              command: .addDesk(id: try DeskID("bureau-1"), label: "Bureau 1", floor: ""), actor: .coordinator("test"))
        let head = try fixture.log.headPosition()
        func room(_ change: String) -> String {
            let base = #""name": "Salle", "address": {"street": "1 rue", "postcode": "35000", "city": "Rennes"}, "latitude": 48.1, "longitude": -1.6, "capacity": 10, "stepFree": true, "conditions": {"kind": "free"}"#
            return "{" + base.replacingOccurrences(of: change.components(separatedBy: "§")[0], with: change.components(separatedBy: "§")[1]) + "}"
        }
        let weekly = { (extra: String) in #"{"weekly": {"weekday": 2, "from": "14:00", "to": "18:00"}, "startDate": "2027-05-04", "endDate": "2027-06-29""# + extra + "}" }
        let loan = #""start": "2027-04-28T09:00", "end": "2027-04-28T12:00", "people": 4, "purpose": "Atelier""#
        let application = #""project": "Projet", "description": "Une idée", "contact": {"name": "Camille", "email": "camille@example.org"}"#
        let cases: [(HTTPRequest.Method, String, String, String, String)] = [
            (.post, "/rooms", tokens.radiance, room(#""name": "Salle"§"name": "   ""#), "name"),
            (.post, "/rooms", tokens.radiance, room(#""postcode": "35000"§"postcode": "350""#), "address.postcode"),
            (.post, "/rooms", tokens.radiance, room(#""street": "1 rue"§"street": "  ""#), "address.street"),
            (.post, "/rooms", tokens.radiance, room(#""latitude": 48.1§"latitude": 95"#), "latitude"),
            (.post, "/rooms", tokens.radiance, room(#""longitude": -1.6§"longitude": -200"#), "longitude"),
            (.post, "/rooms", tokens.radiance, room(#""capacity": 10§"capacity": 0"#), "capacity"),
            (.post, "/rooms", tokens.radiance, room(#""capacity": 10§"capacity": 10, "surface": -4"#), "surface"),
            (.post, "/rooms", tokens.radiance, room(#""capacity": 10§"capacity": 10, "equipment": ["laser"]"#), "equipment"),
            (.post, "/rooms", tokens.radiance, room(#""capacity": 10§"capacity": 10, "id": "Pas Bon""#), "id"),
            (.post, "/rooms", tokens.radiance, room(#""capacity": 10§"capacity": 10, "id": "salle-radiance""#), "id"),
            (.post, "/rooms", tokens.radiance, room(#"{"kind": "free"}§{"kind": "price"}"#), "conditions"),
            (.post, "/rooms", tokens.radiance, room(#"{"kind": "free"}§{"kind": "exchange", "detail": " "}"#), "conditions.detail"),
            (.post, "/rooms", tokens.radiance, room(#"{"kind": "free"}§{"kind": "gift"}"#), "conditions.kind"),
            (.patch, "/rooms/salle-radiance", tokens.radiance, #"{"capacity": -3}"#, "capacity"),
            (.patch, "/rooms/salle-radiance", tokens.radiance, #"{"equipmentNotes": " \#(String(repeating: "x", count: 1001))"}"#, "equipmentNotes"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"start": "2027-09-01T10:00", "end": "2027-09-01T09:00"}"#, "end"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"start": "2027-02-30T10:00", "end": "2027-09-01T09:00"}"#, "start"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"id": "Non", "start": "2027-09-01T10:00", "end": "2027-09-01T12:00"}"#, "id"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "\"endDate\": \"2027-06-29\"", with: "\"endDate\": \"2027-05-01\""), "endDate"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "\"endDate\": \"2027-06-29\"", with: "\"endDate\": \"2030-06-29\""), "endDate"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "\"to\": \"18:00\"", with: "\"to\": \"13:00\""), "weekly.to"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "\"weekday\": 2", with: "\"weekday\": 9"), "weekly.weekday"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "2027-06-29", with: "2027-05-05").replacingOccurrences(of: "\"weekday\": 2", with: "\"weekday\": 5"), "weekly.weekday"),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, weekly("").replacingOccurrences(of: "2027-05-04", with: "2027-5-4"), "startDate"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan.replacingOccurrences(of: "\"people\": 4", with: "\"people\": 0") + "}", "people"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan.replacingOccurrences(of: "\"Atelier\"", with: "\" \"") + "}", "purpose"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan.replacingOccurrences(of: "2027-04-28T12:00", with: "2027-04-28T08:00") + "}", "end"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan.replacingOccurrences(of: "2027-04-28T09:00", with: "2020-04-28T09:00") + "}", "start"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan + #", "id": "Non"}"#, "id"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan + #", "repeat": {"every": "week", "until": "2027-04-01"}}"#, "repeat.until"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan + #", "repeat": {"every": "week", "until": "2029-04-01"}}"#, "repeat.until"),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, "{" + loan + #", "repeat": {"every": "day", "until": "2027-05-01"}}"#, "repeat.every"),
            (.post, "/rooms/salle-radiance/loans", tokens.radiance, "{" + loan + "}", "borrower"),
            (.post, "/pepiniere/applications", tokens.porteur, "{" + application.replacingOccurrences(of: "\"Projet\"", with: "\" \"") + "}", "project"),
            (.post, "/pepiniere/applications", tokens.porteur, "{" + application.replacingOccurrences(of: "Une idée", with: String(repeating: "x", count: 5001)) + "}", "description"),
            (.post, "/pepiniere/applications", tokens.porteur, "{" + application.replacingOccurrences(of: "camille@example.org", with: "camille") + "}", "contact.email"),
            (.post, "/pepiniere/applications", tokens.porteur, "{" + application.replacingOccurrences(of: "\"Camille\"", with: "\" \"") + "}", "contact.name"),
            (.post, "/pepiniere/applications", tokens.porteur, "{" + application + #", "id": "Non"}"#, "id"),
            (.post, "/phare/requests", tokens.cridev, #"{"use": "bureaux", "surface": -5}"#, "surface"),
            (.post, "/phare/requests", tokens.cridev, #"{"use": "cave", "surface": 5}"#, "use"),
            (.post, "/phare/requests", tokens.cridev, #"{"use": "bureaux", "surface": 5, "wishedDate": "2027-13-01"}"#, "wishedDate"),
            (.post, "/phare/requests", tokens.cridev, #"{"use": "bureaux", "surface": 5, "id": "Non"}"#, "id"),
            (.post, "/phare/requests", tokens.cridev, #"{"use": "bureaux", "surface": 5, "notes": " \#(String(repeating: "x", count: 5001))"}"#, "notes"),
            (.post, "/structures", tokens.coordinator, #"{"name": "X", "kind": "association", "email": "pas-une-adresse"}"#, "email"),
            (.post, "/structures", tokens.coordinator, #"{"id": "radiance", "name": "X", "kind": "association"}"#, "id"),
            (.post, "/pepiniere/desks", tokens.coordinator, #"{"label": " "}"#, "label"),
        ]
        try await fixture.run { client in
            var wrong: [String] = []
            for (method, uri, token, body, field) in cases {
                let response = try await client.send(method, uri, token: token, json: body)
                let named = response.object["field"] as? String
                if response.status.code < 400 || named != field {
                    wrong.append("\(method) \(uri) \(body.prefix(120)) → \(response.status.code) field \(named ?? "none"), expected \(field): \(response.object["detail"] ?? "")")
                }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        }
        #expect(try fixture.log.headPosition() == head, "refusals write nothing")
    }
}

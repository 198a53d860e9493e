import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Sets up Radiance (with a room open in spring 2027) and CRIDEV; returns their tokens.
func seed(_ fixture: ServerFixture) async throws -> (coordinator: String, radiance: String, cridev: String, porteur: String) {
    let coordinator = try await fixture.token(.coordinator)
    try await fixture.run { client in
        _ = try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
        _ = try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev)
    }
    let radiance = try await fixture.token(.structure, structure: "radiance")
    let cridev = try await fixture.token(.structure, structure: "cridev")
    let porteur = try await fixture.token(.porteur)
    try await fixture.run { client in
        _ = try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
        _ = try await client.send(.post, "/rooms/salle-radiance/availability", token: radiance, json: Bodies.availability)
        _ = try await client.send(.post, "/rooms/salle-radiance/loans", token: cridev, json: Bodies.loan)
    }
    return (coordinator, radiance, cridev, porteur)
}

@Suite struct RefusalTests {
    @Test func badInputToEveryWriteRouteIsRefusedWithAProblemAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let head = try fixture.log.headPosition()
        let cases: [(HTTPRequest.Method, String, String, String)] = [
            (.post, "/structures", tokens.coordinator, "{"),
            (.post, "/structures", tokens.coordinator, "[1, 2]"),
            (.post, "/structures", tokens.coordinator, #"{"name": "X", "kind": "banque"}"#),
            (.post, "/structures", tokens.coordinator, #"{"name": "X", "kind": "association", "colour": "red"}"#),
            (.post, "/structures", tokens.coordinator, #"{"name": 12, "kind": "association"}"#),
            (.post, "/structures", tokens.coordinator, #"{"name": "", "kind": "association"}"#),
            (.post, "/structures", tokens.coordinator, #"{"name": "\#(String(repeating: "x", count: 300))", "kind": "association"}"#),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "48.1130", with: "91")),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "\"capacity\": 20", with: "\"capacity\": 0")),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "\"surface\": 45", with: "\"surface\": -3")),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "\"projector\"", with: "\"teleporter\"")),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "\"stepFree\": true", with: "\"stepFree\": \"yes\"")),
            (.post, "/rooms", tokens.radiance, Bodies.room.replacingOccurrences(of: "\"capacity\": 20", with: "\"capacity\": 1e300")),
            (.patch, "/rooms/salle-radiance", tokens.radiance, #"{"capacity": -1}"#),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"start": "2027-02-30T10:00", "end": "2027-03-01T10:00"}"#),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"start": "2027-05-01T24:00", "end": "2027-05-02T10:00"}"#),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"start": "2027-05-02T10:00", "end": "2027-05-01T10:00"}"#),
            (.post, "/rooms/salle-radiance/availability", tokens.radiance, #"{"weekly": {"weekday": 8, "from": "14:00", "to": "18:00"}, "startDate": "2027-04-01", "endDate": "2027-06-30"}"#),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, #"{"start": "2027-04-27T10:00", "end": "2027-04-27T12:00", "people": 50, "purpose": "Trop de monde"}"#),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, #"{"start": "2027-04-27T10:00", "end": "2027-04-27T12:00", "people": 5, "purpose": "x", "repeat": {"every": "year", "until": "2027-06-01"}}"#),
            (.post, "/rooms/salle-radiance/loans", tokens.radiance, #"{"start": "2027-05-27T10:00", "end": "2027-05-27T12:00", "people": 5, "purpose": "Sa propre salle"}"#),
            (.post, "/rooms/salle-radiance/loans", tokens.cridev, #"{"start": "2012-04-27T10:00", "end": "2012-04-27T12:00", "people": 5, "purpose": "Dans le passé"}"#),
            (.post, "/rooms/salle-radiance/loans/formation-fondations/approve", tokens.radiance, #"{"reason": 5}"#),
            (.post, "/rooms/salle-radiance/loans/inconnu/approve", tokens.radiance, "{}"),
            (.post, "/pepiniere/desks", tokens.coordinator, #"{"label": ""}"#),
            (.post, "/pepiniere/applications", tokens.porteur, #"{"project": "Atelier", "description": "d", "contact": {"name": "Camille", "email": "pas-un-courriel"}}"#),
            (.put, "/phare/capacity", tokens.coordinator, #"{"total": -4000}"#),
            (.post, "/structures", tokens.coordinator, #"{"name": "X", "kind": "association", "name": "Y"}"#),
            (.post, "/structures", tokens.coordinator, "{\"name\": \"Nom\\u0000cach\u{00E9}\", \"kind\": \"association\"}"),
            (.post, "/structures", tokens.coordinator, "{\"name\": \"\u{202E}ecnarussa\", \"kind\": \"association\"}"),
            (.post, "/phare/requests", tokens.radiance, #"{"use": "bureaux", "surface": 0}"#),
            (.post, "/phare/requests", tokens.radiance, #"{"use": "piscine", "surface": 100}"#),
            (.post, "/phare/requests", tokens.radiance, #"{"use": "bureaux", "surface": "grand"}"#),
        ]
        try await fixture.run { client in
            for (method, uri, token, body) in cases {
                let response = try await client.send(method, uri, token: token, json: body)
                #expect((400..<500).contains(Int(response.status.code)), "\(method) \(uri) \(body.prefix(60)) → \(response.status)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                #expect(response.object["detail"] is String && response.object["code"] is String, "\(uri): \(response.text)")
            }
            let wrongType = try await client.send(.post, "/structures", token: tokens.coordinator, json: #"{"name": "X", "kind": "association"}"#, headers: [.contentType: "text/plain"])
            #expect(wrongType.status.code == 415)
            let huge = try await client.send(.post, "/structures", token: tokens.coordinator, json: "{\"name\": \"" + String(repeating: "a", count: 1_100_000) + "\", \"kind\": \"association\"}")
            #expect(huge.status.code == 413)
            let invalidUTF8 = try await client.execute(uri: "/structures", method: .post, headers: [.authorization: "Bearer \(tokens.coordinator)", .contentType: "application/json"], body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
        }
        #expect(try fixture.log.headPosition() == head, "refused requests wrote nothing")
    }

    @Test func writesNeedTheRightToken() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let oxalis = try await fixture.token(.structure, structure: "oxalis")
        let revoked = try await fixture.tokens.issue(role: .structure, structure: try StructureID("radiance"), label: "old")
        _ = try await fixture.tokens.revoke(id: revoked.grant.id)
        let head = try fixture.log.headPosition()
        let writes: [(HTTPRequest.Method, String, String)] = [
            (.post, "/structures", Bodies.cridev.replacingOccurrences(of: "cridev", with: "autre")),
            (.patch, "/rooms/salle-radiance", #"{"capacity": 30}"#),
            (.delete, "/rooms/salle-radiance", "{}"),
            (.post, "/rooms/salle-radiance/availability", Bodies.availability.replacingOccurrences(of: "printemps", with: "ete")),
            (.delete, "/rooms/salle-radiance/availability/printemps", "{}"),
            (.post, "/rooms/salle-radiance/loans/formation-fondations/approve", "{}"),
            (.post, "/rooms/salle-radiance/loans/formation-fondations/decline", "{}"),
            (.post, "/pepiniere/desks", #"{"label": "Bureau 1"}"#),
            (.put, "/phare/capacity", #"{"total": 4000}"#),
            (.post, "/phare/requests/x/allocate", #"{"surface": 10}"#),
            (.delete, "/people/someone", "{}"),
        ]
        try await fixture.run { client in
            for (method, uri, body) in writes {
                for token in [nil, "mut_inconnu", revoked.token, oxalis, tokens.porteur] as [String?] {
                    let response = try await client.send(method, uri, token: token, json: body)
                    #expect(response.status.code == 401 || response.status.code == 403 || response.status.code == 404, "\(method) \(uri) with \(token?.prefix(8) ?? "no token") → \(response.status)")
                }
            }
            // The borrower cannot approve its own request; the owner can't cancel for others' tokens.
            let selfApproval = try await client.send(.post, "/rooms/salle-radiance/loans/formation-fondations/approve", token: tokens.cridev, json: "{}")
            #expect(selfApproval.status == .forbidden)
            let board = try await client.send(.get, "/pepiniere")
            #expect(!board.text.contains("@"), "no contact in public responses")
        }
        #expect(try fixture.log.headPosition() == head)
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let fixture = try ServerFixture()
        let router = buildRouter(fixture.dependencies)
        let documented = try await withDocument(fixture)
        var missing: [String] = []
        // The web application's pages (`/app/…`) are for people, not part of the API.
        let apiRoutes = router.routes.filter { !$0.path.description.hasPrefix("app") && !$0.path.description.hasPrefix("/app") }
        for route in apiRoutes {
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let openAPIPath = "/" + path
            if documented[openAPIPath]?.contains(route.method.rawValue.lowercased()) != true {
                missing.append("\(route.method.rawValue) \(openAPIPath)")
            }
        }
        #expect(missing.isEmpty, "undocumented routes: \(missing)")
        let routeCount = apiRoutes.count
        #expect(documented.values.map(\.count).reduce(0, +) == routeCount, "every documented operation exists")
    }

    func withDocument(_ fixture: ServerFixture) async throws -> [String: Set<String>] {
        let box = DocumentBox()
        try await fixture.run { client in
            let response = try await client.send(.get, "/openapi.json")
            #expect(response.object["openapi"] as? String == "3.1.0")
            let paths = response.object["paths"] as? [String: [String: Any]] ?? [:]
            box.set(paths.mapValues { Set($0.keys) })
        }
        return box.value
    }
}

final class DocumentBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: Set<String>] = [:]
    func set(_ value: [String: Set<String>]) { lock.lock(); stored = value; lock.unlock() }
    var value: [String: Set<String>] { lock.lock(); defer { lock.unlock() }; return stored }
}

/// What the schemathesis campaign found wrong in `/openapi.json`, kept fixed.
@Suite struct APIDocumentTests {
    @Test func theDocumentSaysWhatTheServerChecks() async throws {
        let fixture = try ServerFixture()
        let box = DocumentObjectBox()
        try await fixture.run { client in box.value = try await client.send(.get, "/openapi.json").object }
        let document = box.value
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        func body(_ path: String, _ method: String) throws -> [String: Any] {
            let operation = try #require(paths[path]?[method] as? [String: Any])
            return try #require(operation["requestBody"] as? [String: Any])
        }
        func schema(_ body: [String: Any]) -> [String: Any] {
            ((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] ?? [:]
        }
        let offer = schema(try body("/rooms", "post"))["properties"] as? [String: Any] ?? [:]
        let offerID = ((offer["id"] as? [String: Any])?["anyOf"] as? [[String: Any]])?.first
        #expect(offerID?["pattern"] as? String == "^[a-z0-9-]{1,64}$", "identifiers carry the server's pattern")
        #expect(((offer["id"] as? [String: Any])?["anyOf"] as? [[String: Any]])?.last?["type"] as? String == "null", "an optional field may be null (read as absent)")
        let patch = schema(try body("/rooms/{id}", "patch"))["properties"] as? [String: Any] ?? [:]
        #expect(patch["id"] == nil && patch["name"] != nil, "PATCH /rooms/{id} does not take an id")
        #expect(try body("/rooms/{id}/loans/{lid}/approve", "post")["required"] as? Bool == false, "an all-optional body may be left out")
        #expect(try body("/rooms", "post")["required"] as? Bool == true)
        let reason = schema(try body("/rooms/{id}/loans/{lid}/decline", "post"))["properties"] as? [String: Any] ?? [:]
        #expect((((reason["reason"] as? [String: Any])?["anyOf"] as? [[String: Any]])?.first)?["maxLength"] as? Int == 1000)
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
        #expect(schemas["Written"]?["additionalProperties"] as? Bool == true, "writes may add fields such as a loan's status")
        let instance = try #require((((schemas["Problem"]?["properties"] as? [String: Any])?["instance"] as? [String: Any])?["anyOf"] as? [[String: Any]])?.first)
        #expect(instance["type"] as? String == "string")
        #expect(instance["maxLength"] == nil, "the instance echoes the request path, of any length")
        let events = (paths["/events"]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
        #expect((events.first { $0["name"] as? String == "from" }?["schema"] as? [String: Any])?["minimum"] as? Int == 0)
    }

    @Test func aRefusedCapacityNamesTheFieldOfTheRequest() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            let refused = try await client.send(.put, "/phare/capacity", token: coordinator, json: #"{"total": 4000, "byUse": {"commerce": -5}}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.object["field"] as? String == "byUse.commerce")
            let huge = try await client.send(.put, "/phare/capacity", token: coordinator, json: #"{"total": 1e13}"#)
            #expect(huge.status == .unprocessableContent)
            #expect((huge.object["detail"] as? String)?.contains("hors limites") == true, "a huge number is out of range, not « not finite »")
        }
    }
}

final class DocumentObjectBox: @unchecked Sendable {
    var value: [String: Any] = [:]
}

@Suite struct MethodNotAllowedTests {
    @Test func aMethodThePathDoesNotAnswerIs405WithAllow() async throws {
        let fixture = try ServerFixture()
        try await fixture.run { client in
            let trace = try await client.send(.init("TRACE")!, "/health")
            #expect(trace.status.code == 405)
            #expect(trace.headers[.allow] == "GET, HEAD")
            #expect(trace.headers[.contentType] == "application/problem+json")
            let delete = try await client.send(.delete, "/rooms/salle-x/loans/pret-y/approve")
            #expect(delete.status.code == 405)
            #expect(delete.headers[.allow] == "POST")
            let unknown = try await client.send(.get, "/nulle-part")
            #expect(unknown.status == .notFound, "an unknown path stays 404")
        }
    }
}

import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct QueryParameterTests {
    /// Issue 13: `radiusKm=1` (the parameter is `radius_km`) was dropped and the search ran without a radius.
    @Test func anUnknownQueryParameterIsRefusedWithItsName() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await fixture.run { client in
            let refused = try await client.send(.get, "/availability?from=2027-04-27T10:00&to=2027-04-27T12:00&near=48.11,-1.67&radiusKm=1")
            #expect(refused.status == .badRequest)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.object["field"] as? String == "radiusKm")
            #expect(refused.object["code"] as? String == "request.unknownParameter")
            #expect((refused.object["detail"] as? String)?.contains("Paramètre inconnu") == true)
            #expect((refused.object["detail"] as? String)?.contains("radius_km") == true, "the detail lists what the route accepts")
            let accepted = try await client.send(.get, "/availability?from=2027-04-27T10:00&to=2027-04-27T12:00&near=48.11,-1.67&radius_km=1")
            #expect(accepted.status == .ok)
            let twice = try await client.send(.get, "/rooms/salle-radiance/availability?from=2027-04-27&from=2027-04-28")
            #expect(twice.status == .badRequest)
            #expect(twice.object["field"] as? String == "from")

            // Every documented GET route refuses a parameter it does not take, feeds and pages included.
            var lenient: [String] = []
            for operation in try await documentedGets(client) {
                let uri = Extremes.realPath(operation.path) + "?inconnu=1"
                let response = try await client.send(.get, uri, token: tokens.coordinator)
                if response.status != .badRequest { lenient.append("\(uri) → \(response.status.code)") }
            }
            for page in ["/app", "/app/pepiniere", "/app/salles/salle-radiance?semaine=2027-04-26"] {
                let response = try await client.send(.get, page + (page.contains("?") ? "&" : "?") + "inconnu=1")
                if response.status != .badRequest { lenient.append("\(page) → \(response.status.code)") }
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "a person sees a page, not JSON: \(page)")
                #expect(response.text.contains("Paramètre inconnu"), "\(page)")
            }
            #expect(lenient.isEmpty, "unknown parameters accepted: \(lenient)")
            #expect(try await client.send(.get, "/?people=2&stepfree=on&equipment=wifi&equipment=projector").status == .ok, "the map's own form fields")
            #expect(try await client.send(.get, "/app/salles/salle-radiance?semaine=2027-04-26&ok=demande").status == .ok)
            let report = try await client.send(.get, "/reports/2027?format=xml", token: tokens.coordinator)
            #expect(report.status == .badRequest)
            #expect(report.object["field"] as? String == "format")
        }
    }
}

@Suite struct HeadTests {
    /// Issue 13: HEAD answered 404, so GDAL's /vsicurl/ could not open the CSV or the GeoJSON.
    @Test func everyGetRouteAnswersHeadWithTheSameHeadersAndNoBody() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await fixture.run { client in
            let router = buildRouter(fixture.dependencies)
            let gets = router.routes.filter { $0.method == .get }.map { route in
                "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            }
            #expect(gets.count > 20)
            var mismatches: [String] = []
            for path in Set(gets).sorted() where path != "/events" {
                let uri = Extremes.realPath(path).replacingOccurrences(of: "{code}", with: "inconnu")
                let get = try await client.send(.get, uri, token: tokens.coordinator)
                let head = try await client.send(.head, uri, token: tokens.coordinator)
                if head.status != get.status { mismatches.append("\(uri): HEAD \(head.status.code), GET \(get.status.code)"); continue }
                if head.body.readableBytes != 0 { mismatches.append("\(uri): HEAD has a body") }
                for name: HTTPField.Name in [.contentType, .contentLength, .eTag, .lastModified, .cacheControl, .accessControlAllowOrigin]
                where head.headers[name] != get.headers[name] && name != .eTag {
                    mismatches.append("\(uri): \(name) HEAD \(head.headers[name] ?? "-") GET \(get.headers[name] ?? "-")")
                }
                if get.headers[.eTag] != nil, head.headers[.eTag] == nil { mismatches.append("\(uri): no ETag on HEAD") }
                if get.status == .ok, get.headers[.contentLength] == nil { mismatches.append("\(uri): no Content-Length") }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            let csv = try await client.send(.head, "/carte-ouverte.csv")
            #expect(csv.status == .ok)
            #expect(Int(csv.headers[.contentLength] ?? "") ?? 0 > 0)
            let events = try await client.send(.head, "/events", token: tokens.coordinator)
            #expect(events.status == .ok)
            #expect(events.headers[.contentType] == "application/json")
            let trace = try await client.send(.init("TRACE")!, "/carte-ouverte.csv")
            #expect(trace.headers[.allow] == "GET, HEAD")
        }
    }
}

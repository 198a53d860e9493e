import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import CompressNIO
import Testing

/// Bodies of the 2027 scenario: Radiance lends its training room to CRIDEV.
enum Bodies {
    static let radiance = #"{"id": "radiance", "name": "Mutuelle Radiance", "kind": "mutuelle", "email": "contact@radiance.example.org"}"#
    static let cridev = #"{"id": "cridev", "name": "CRIDEV", "kind": "association"}"#
    static let room = #"""
    {"id": "salle-radiance", "name": "Salle de formation — 5ᵉ étage", "address": {"street": "15 rue Martenot", "postcode": "35000", "city": "Rennes"},
     "latitude": 48.1130, "longitude": -1.6745, "capacity": 20, "surface": 45, "equipment": ["projector", "wifi"],
     "stepFree": true, "conditions": {"kind": "free"}, "description": "Salle claire, paperboard."}
    """#
    static let availability = #"{"id": "printemps", "start": "2027-04-01T08:00", "end": "2027-07-01T00:00"}"#
    static let loan = #"{"id": "formation-fondations", "start": "2027-04-27T09:00", "end": "2027-04-27T17:00", "people": 16, "purpose": "Trouver des ressources auprès des fondations"}"#
}

@Suite struct LoanFlowTests {
    @Test func aLoanGoesFromRequestToApprovalAndShowsInTheFeeds() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            let response1 = try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
            #expect(response1.status == .created)
            let response2 = try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev)
            #expect(response2.status == .created)
        }
        let radiance = try await fixture.token(.structure, structure: "radiance")
        let cridev = try await fixture.token(.structure, structure: "cridev")
        try await fixture.run { client in
            let offered = try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
            #expect(offered.status == .created, "\(offered.text)")
            #expect(offered.object["id"] as? String == "salle-radiance")
            #expect(offered.object["version"] as? Int == 1)
            #expect((offered.object["position"] as? Int ?? 0) > 0)
            let response3 = try await client.send(.post, "/rooms/salle-radiance/availability", token: radiance, json: Bodies.availability)
            #expect(response3.status == .created)

            let requested = try await client.send(.post, "/rooms/salle-radiance/loans", token: cridev, json: Bodies.loan)
            #expect(requested.status == .created, "\(requested.text)")
            #expect(requested.object["status"] as? String == "pending")

            let tentative = try await client.send(.get, "/rooms/salle-radiance/availability?from=2027-04-27&to=2027-04-28")
            let busy = tentative.object["busy"] as? [[String: Any]] ?? []
            #expect(busy.first?["status"] as? String == "pending", "read-your-writes: the request shows at once")
            #expect(busy.first?["start"] as? String == "2027-04-27T09:00:00+02:00")

            let approved = try await client.send(.post, "/rooms/salle-radiance/loans/formation-fondations/approve", token: radiance, json: "{}")
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.object["status"] as? String == "approved")

            let after = try await client.send(.get, "/rooms/salle-radiance/availability?from=2027-04-27&to=2027-04-28")
            #expect((after.object["busy"] as? [[String: Any]])?.first?["status"] as? String == "approved")

            let calendar = try await client.send(.get, "/rooms/salle-radiance/calendar.ics")
            #expect(calendar.status == .ok)
            #expect(calendar.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(calendar.text.contains("BEGIN:VEVENT"))
            #expect(calendar.text.contains("DTSTART:20270427T070000Z"))
            #expect(calendar.text.contains("SUMMARY:Réservé") && !calendar.text.contains("ressources"), "the public calendar keeps the purpose private")

            let feed = try await client.send(.get, "/carte-ouverte.geojson")
            #expect(feed.headers[.contentType] == "application/geo+json")
            #expect(feed.headers[.accessControlAllowOrigin] == "*")
            let features = feed.object["features"] as? [[String: Any]] ?? []
            #expect(features.count == 1)
            let coordinates = (features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double]
            #expect(coordinates == [-1.6745, 48.113])

            let free = try await client.send(.get, "/availability?from=2027-04-28T10:00&to=2027-04-28T12:00&people=10&near=48.11,-1.68&radius_km=5")
            let rooms = free.object["rooms"] as? [[String: Any]] ?? []
            #expect(rooms.first?["id"] as? String == "salle-radiance")
            #expect(rooms.first?["distanceKm"] is Double)
            let taken = try await client.send(.get, "/availability?from=2027-04-27T10:00&to=2027-04-27T12:00")
            #expect((taken.object["rooms"] as? [Any])?.isEmpty == true, "an approved loan makes the room busy")

            let health = try await client.send(.get, "/health")
            #expect(health.object["status"] as? String == "ok")
            #expect(health.object["position"] as? Int == Int(try fixture.log.headPosition()))

            let page = try await client.send(.get, "/")
            #expect(page.text.contains("Salle de formation — 5ᵉ étage"))
            #expect(page.text.contains("lang=\"fr\""))
        }
    }

    @Test func metricsAreServedInPrometheusTextFormat() async throws {
        let fixture = try ServerFixture()
        fixture.enableMetrics()
        try await fixture.run { client in
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("mutualise_projection_lag_events 0"))
            #expect(metrics.text.contains("# TYPE mutualise_projection_position gauge"))
        }
    }

    @Test func ifMatchAndIdempotencyKeyProtectRetries() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            let first = try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            let again = try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(first.status == .created && again.status == .created)
            #expect(first.object["position"] as? Int == again.object["position"] as? Int)
            let stale = try await client.send(.put, "/structures/cridev/quota", token: coordinator, json: #"{"hoursPerMonth": 20}"#, headers: [.ifMatch: "\"7\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            let fresh = try await client.send(.put, "/structures/cridev/quota", token: coordinator, json: #"{"hoursPerMonth": 20}"#, headers: [.ifMatch: "\"1\""])
            #expect(fresh.status == .ok, "\(fresh.text)")
            #expect(fresh.object["version"] as? Int == 2)
        }
    }
}

@Suite struct OpenFeedCachingTests {
    @Test func theCarteOuverteFeedIsGzippedOnRequestAndRevalidatedByETag() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
        }
        let radiance = try await fixture.token(.structure, structure: "radiance")
        try await fixture.run { client in
            try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
            let plain = try await client.send(.get, "/carte-ouverte.geojson")
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentEncoding] == nil, "no Accept-Encoding: identity")
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let etag = try #require(plain.headers[.eTag])
            #expect(etag.hasPrefix("W/\""))

            let zipped = try await client.send(.get, "/carte-ouverte.geojson", headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.eTag] == etag)
            var compressed = zipped.body
            let inflated = try compressed.decompress(with: .gzip())
            #expect(Array(inflated.readableBytesView) == Array(plain.body.readableBytesView), "gzip holds the same bytes")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            let refused = try await client.send(.get, "/carte-ouverte.geojson", headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil, "gzip;q=0 means no gzip")

            let unchanged = try await client.send(.get, "/carte-ouverte.geojson", headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            #expect(unchanged.headers[.accessControlAllowOrigin] == "*")

            try await client.send(.patch, "/rooms/salle-radiance", token: radiance, json: #"{"capacity": 30}"#)
            let changed = try await client.send(.get, "/carte-ouverte.geojson", headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok, "a new fact gives a new version")
            #expect(changed.headers[.eTag] != etag)
            #expect(changed.text.contains("\"capacite\":30"))
        }
    }
}

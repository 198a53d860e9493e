import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RoomPageTests {
    /// Issue 13: a public `GET /rooms/{id}` listed every availability entry of the room (1,000 took
    /// ~110 ms to fold and render), and concurrent anonymous readers each paid it.
    @Test func aRoomsAvailabilityListIsPagedWithANextLinkAndKeptPerVersion() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await fixture.run { client in
            for i in 0..<120 {
                let day = String(format: "2027-%02d-%02d", 8 + i / 28, 1 + i % 28)
                let opened = try await client.send(.post, "/rooms/salle-radiance/availability", token: tokens.radiance,
                                                   json: #"{"id": "a\#(String(format: "%03d", i))", "start": "\#(day)T10:00", "end": "\#(day)T12:00"}"#)
                #expect(opened.status == .created, "\(opened.text)")
            }
            let first = try await client.send(.get, "/rooms/salle-radiance")
            #expect(first.status == .ok)
            #expect((first.object["availability"] as? [[String: Any]])?.count == 50, "50 entries by default")
            #expect(first.object["availabilityCount"] as? Int == 121)
            let next = try #require(first.object["next"] as? String)
            #expect(first.headers[HTTPField.Name("Link")!] == "<\(next)>; rel=\"next\"")
            #expect(first.headers[.eTag] == "\"\(first.object["version"] as? Int ?? 0)\"")

            var ids = (first.object["availability"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            var link: String? = next
            var pages = 1
            while let uri = link, pages < 10 {
                let page = try await client.send(.get, uri)
                #expect(page.status == .ok)
                ids += (page.object["availability"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                link = page.object["next"] as? String
                pages += 1
            }
            #expect(pages == 3)
            #expect(ids.count == 121 && Set(ids).count == 121 && ids == ids.sorted(), "every entry once, in id order")

            let big = try await client.send(.get, "/rooms/salle-radiance?limit=200")
            #expect((big.object["availability"] as? [[String: Any]])?.count == 121)
            #expect(big.object["next"] == nil)
            for bad in ["limit=201", "limit=0", "limit=-1", "limit=18446744073709551616", "cursor=Pas%20Bon"] {
                let refused = try await client.send(.get, "/rooms/salle-radiance?\(bad)")
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(refused.object["field"] as? String == String(bad.prefix { $0 != "=" }))
            }

            // Kept per version: the same bytes again, and a change shows at once.
            let again = try await client.send(.get, "/rooms/salle-radiance")
            #expect(again.body == first.body)
            _ = try await client.send(.post, "/rooms/salle-radiance/availability", token: tokens.radiance,
                                      json: #"{"id": "z-derniere", "start": "2027-12-30T10:00", "end": "2027-12-30T12:00"}"#)
            let changed = try await client.send(.get, "/rooms/salle-radiance")
            #expect(changed.object["availabilityCount"] as? Int == 122)
            #expect(changed.headers[.eTag] != first.headers[.eTag])
        }
    }
}

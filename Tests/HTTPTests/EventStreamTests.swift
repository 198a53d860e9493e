import EventLog
import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /events` as Server-Sent Events, read by a real client as the bytes arrive.
@Suite struct EventStreamTests {
    @Test func aReconnectingClientResumesAfterItsLastEventID() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let head = try fixture.log.headPosition()
        #expect(head > 4)
        try await fixture.run { client in
            let port = try #require(client.port)
            let headers = ["Authorization": "Bearer \(tokens.coordinator)", "Accept": "text/event-stream"]
            // The first connection reads everything: ids are the positions 1…head.
            let first = try SSEClient(port: port, path: "/events?from=0", headers: headers)
            #expect(await first.read(timeout: .seconds(10)) { $0.ids.last == head }, "\(first.received.suffix(300))")
            #expect(first.ids == Array(1...head))
            // It reconnects after receiving position 3, repeating its URL as EventSource does.
            var resumed = headers
            resumed["Last-Event-ID"] = "3"
            let second = try SSEClient(port: port, path: "/events?from=0", headers: resumed)
            #expect(await second.read(timeout: .seconds(10)) { $0.ids.last == head }, "\(second.received.suffix(300))")
            #expect(second.ids == Array(4...head), "no duplicates, no gap")
            // A new record reaches both live streams once.
            let coordinator = tokens.coordinator
            let added = try await client.send(.post, "/structures", token: coordinator, json: #"{"id": "oxalis", "name": "Oxalis", "kind": "cooperative"}"#)
            #expect(added.status == .created)
            let position = try #require(added.object["position"] as? Int)
            #expect(await second.read(timeout: .seconds(10)) { $0.ids.last == UInt64(position) })
            #expect(second.ids == Array(4...UInt64(position)))
            // A malformed Last-Event-ID is refused.
            let refused = try await client.send(.get, "/events", token: coordinator, headers: [.accept: "text/event-stream", HTTPField.Name("Last-Event-ID")!: "trois"])
            #expect(refused.status == .badRequest)
            #expect(refused.object["field"] as? String == "Last-Event-ID")
        }
    }

    @Test func revokingTheTokenEndsTheStreamsOpenedWithIt() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let (token, grant) = try await fixture.tokens.issue(role: .coordinator, label: "suivi")
        let head = try fixture.log.headPosition()
        try await fixture.run { client in
            let port = try #require(client.port)
            let headers = ["Authorization": "Bearer \(token)", "Accept": "text/event-stream"]
            let streams = try (0..<3).map { _ in try SSEClient(port: port, path: "/events?from=0", headers: headers) }
            for stream in streams { #expect(await stream.read(timeout: .seconds(10)) { $0.ids.last == head }) }
            // Another coordinator's stream stays open.
            let other = try SSEClient(port: port, path: "/events?from=0", headers: ["Authorization": "Bearer \(tokens.coordinator)", "Accept": "text/event-stream"])
            #expect(await other.read(timeout: .seconds(10)) { $0.ids.last == head })

            #expect(try await fixture.tokens.revoke(id: grant.id))
            for stream in streams {
                #expect(await stream.read(timeout: .seconds(10)) { $0.ended }, "the stream ended after the revocation: \(stream.received.suffix(200))")
                #expect(stream.received.contains("event: revoked"))
            }
            #expect(await other.read(timeout: .milliseconds(1500)) { $0.ended } == false, "a stream of a valid token goes on")
            // The revoked token opens nothing more.
            let again = try await client.send(.get, "/events", token: token, headers: [.accept: "text/event-stream"])
            #expect(again.status == .unauthorized)
        }
    }
}

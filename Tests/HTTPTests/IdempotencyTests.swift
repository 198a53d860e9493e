import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// `Idempotency-Key`: a retry gets exactly the first answer; the key with another request or
/// from another actor is refused and writes nothing.
@Suite struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!
    /// A room offered without a client-chosen id: the server draws it.
    static let roomWithoutID = #"""
    {"name": "Salle sans identifiant", "address": {"street": "15 rue Martenot", "postcode": "35000", "city": "Rennes"},
     "latitude": 48.1130, "longitude": -1.6745, "capacity": 12, "stepFree": true, "conditions": {"kind": "free"}}
    """#

    func registered(_ fixture: ServerFixture) async throws -> (radiance: String, cridev: String) {
        try await WebTests().registerStructures(fixture)
        return (try await fixture.token(.structure, structure: "radiance"), try await fixture.token(.structure, structure: "cridev"))
    }

    @Test func aRetryWithoutAClientIdGetsTheIdThatWasWritten() async throws {
        let fixture = try ServerFixture()
        let (radiance, _) = try await registered(fixture)
        try await fixture.run { client in
            let first = try await client.send(.post, "/rooms", token: radiance, json: Self.roomWithoutID, headers: [Self.key: "offre-1"])
            #expect(first.status == .created, "\(first.text)")
            let head = try fixture.log.headPosition()
            let retry = try await client.send(.post, "/rooms", token: radiance, json: Self.roomWithoutID, headers: [Self.key: "offre-1"])
            #expect(retry.status == first.status)
            #expect(retry.text == first.text, "the retry answers the first answer's bytes")
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try fixture.log.headPosition() == head, "the retry wrote nothing")
            let id = try #require(first.object["id"] as? String)
            let room = try await client.send(.get, "/rooms/\(id)")
            #expect(room.status == .ok, "the id answered is the room that was written")
        }
    }

    @Test func theSameKeyWithAnotherBodyIsRefusedAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        let (radiance, _) = try await registered(fixture)
        try await fixture.run { client in
            let first = try await client.send(.post, "/rooms", token: radiance, json: Self.roomWithoutID, headers: [Self.key: "offre-2"])
            #expect(first.status == .created)
            let head = try fixture.log.headPosition()
            let other = Self.roomWithoutID.replacingOccurrences(of: "\"capacity\": 12", with: "\"capacity\": 30")
            let reused = try await client.send(.post, "/rooms", token: radiance, json: other, headers: [Self.key: "offre-2"])
            #expect(reused.status.code == 422)
            #expect(reused.object["code"] as? String == "request.idempotencyKeyReused")
            #expect(reused.object["field"] as? String == "Idempotency-Key")
            #expect(try fixture.log.headPosition() == head)
        }
    }

    @Test func anotherActorsKeyIsTheirOwn() async throws {
        let fixture = try ServerFixture()
        let (radiance, cridev) = try await registered(fixture)
        try await fixture.run { client in
            let first = try await client.send(.post, "/rooms", token: radiance, json: Self.roomWithoutID, headers: [Self.key: "partagee"])
            #expect(first.status == .created)
            // CRIDEV uses the same key for its own room: a new request, not Radiance's answer.
            let second = try await client.send(.post, "/rooms", token: cridev, json: Self.roomWithoutID, headers: [Self.key: "partagee"])
            #expect(second.status == .created, "\(second.text)")
            #expect(second.object["id"] as? String != first.object["id"] as? String)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
        }
    }

    @Test func concurrentRetriesWriteOnceAndAllGetTheSameAnswer() async throws {
        let fixture = try ServerFixture()
        let (radiance, _) = try await registered(fixture)
        try await fixture.run { client in
            let before = try fixture.log.headPosition()
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await client.send(.post, "/rooms", token: radiance, json: Self.roomWithoutID, headers: [Self.key: "course"])
                        return (response.status.code, response.object["id"] as? String ?? "")
                    }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            #expect(try fixture.log.headPosition() == before + 1, "one room offered")
            let ids = Set(answers.filter { (200..<300).contains($0.0) }.map(\.1))
            #expect(ids.count == 1, "every successful answer names the same room: \(answers)")
        }
    }
}

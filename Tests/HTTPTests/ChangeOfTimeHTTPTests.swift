import EventLog
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The room of ``seed(_:)`` also open from 1 March to 1 December 2027, over both changes of time.
func openAllYear(_ fixture: ServerFixture, radiance: String) async throws {
    try await fixture.run { client in
        let opened = try await client.send(.post, "/rooms/salle-radiance/availability", token: radiance,
                                           json: #"{"id": "annee", "start": "2027-03-01T00:00", "end": "2027-12-01T00:00"}"#)
        #expect(opened.status == .created, "\(opened.text)")
    }
}

@Suite struct ChangeOfTimeHTTPTests {
    @Test func anInstantWithItsOffsetInTheRepeatedHourIsStoredExactly() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await openAllYear(fixture, radiance: tokens.radiance)
        try await fixture.run { client in
            // The second 02:30 of 31 October 2027 (CET) is 01:30 UTC; the first (CEST) is 00:30 UTC.
            let second = try await client.send(.post, "/rooms/salle-radiance/loans", token: tokens.cridev, json: #"""
                {"id": "heure-repetee", "start": "2027-10-31T02:30+01:00", "end": "2027-10-31T03:30+01:00", "people": 4, "purpose": "Veille"}
                """#)
            #expect(second.status == .created, "\(second.text)")
            let first = try await client.send(.post, "/rooms/salle-radiance/loans", token: tokens.cridev, json: #"""
                {"id": "heure-premiere", "start": "2027-10-31T00:30Z", "end": "2027-10-31T01:30:00Z", "people": 4, "purpose": "Veille"}
                """#)
            #expect(first.status == .created, "\(first.text)")
            let week = try await client.send(.get, "/rooms/salle-radiance/availability?from=2027-10-31T00:00Z&to=2027-10-31T04:00Z")
            let busy = (week.object["busy"] as? [[String: Any]] ?? []).map { "\($0["start"] ?? "") \($0["end"] ?? "")" }
            #expect(busy == ["2027-10-31T02:30:00+02:00 2027-10-31T02:30:00+01:00", "2027-10-31T02:30:00+01:00 2027-10-31T03:30:00+01:00"])
        }
    }

    @Test func aParisTimeInTheRepeatedOrSkippedHourIsRefusedAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await openAllYear(fixture, radiance: tokens.radiance)
        let head = try fixture.log.headPosition()
        try await fixture.run { client in
            let ambiguous = try await client.send(.post, "/rooms/salle-radiance/loans", token: tokens.cridev, json: #"""
                {"id": "ambigu", "start": "2027-10-31T02:30", "end": "2027-10-31T04:00", "people": 4, "purpose": "Veille"}
                """#)
            #expect(ambiguous.status == .unprocessableContent)
            #expect(ambiguous.object["code"] as? String == "time.ambiguousLocalTime")
            #expect(ambiguous.object["field"] as? String == "start")
            let detail = ambiguous.object["detail"] as? String ?? ""
            #expect(detail.contains("début") && detail.contains("+02:00") && detail.contains("+01:00"), "\(detail)")

            let skipped = try await client.send(.post, "/rooms/salle-radiance/loans", token: tokens.cridev, json: #"""
                {"id": "inexistant", "start": "2027-03-28T02:30", "end": "2027-03-28T04:00", "people": 4, "purpose": "Veille"}
                """#)
            #expect(skipped.status == .unprocessableContent)
            #expect(skipped.object["code"] as? String == "time.nonexistentLocalTime")
            #expect(skipped.object["field"] as? String == "start")

            let availability = try await client.send(.post, "/rooms/salle-radiance/availability", token: tokens.radiance,
                                                     json: #"{"id": "nuit", "start": "2027-10-31T01:00", "end": "2027-10-31T02:30"}"#)
            #expect(availability.object["code"] as? String == "time.ambiguousLocalTime")
            #expect(availability.object["field"] as? String == "end")
        }
        #expect(try fixture.log.headPosition() == head, "refused requests wrote nothing")
    }
}

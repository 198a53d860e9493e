import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct LoanSeriesHTTPTests {
    @Test func aWeeklySeriesAnswersEveryLoanItCreated() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await fixture.run { client in
            let series = try await client.send(.post, "/rooms/salle-radiance/loans", token: tokens.cridev, json: #"""
                {"id": "hebdo", "start": "2027-04-06T14:00", "end": "2027-04-06T16:00", "people": 8, "purpose": "Permanence",
                 "repeat": {"every": "week", "until": "2027-04-27"}}
                """#)
            #expect(series.status == .created, "\(series.text)")
            let loans = series.object["loans"] as? [[String: Any]] ?? []
            #expect(loans.map { $0["id"] as? String ?? "" } == ["hebdo-1", "hebdo-2", "hebdo-3", "hebdo-4"], "\(series.text)")
            #expect(loans.map { $0["start"] as? String ?? "" } == ["2027-04-06T14:00:00+02:00", "2027-04-13T14:00:00+02:00",
                                                                     "2027-04-20T14:00:00+02:00", "2027-04-27T14:00:00+02:00"])
            #expect(loans.allSatisfy { $0["status"] as? String == "pending" })
            #expect(loans.first?["end"] as? String == "2027-04-06T16:00:00+02:00")
            #expect((series.object["skipped"] as? [Any])?.isEmpty == true)
            // Each one is a loan of the room.
            let approved = try await client.send(.post, "/rooms/salle-radiance/loans/hebdo-3/approve", token: tokens.radiance, json: "{}")
            #expect(approved.object["status"] as? String == "approved", "\(approved.text)")
        }
    }
}

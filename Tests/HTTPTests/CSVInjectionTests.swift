import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CSVInjectionTests {
    /// Issue 13: a room named `=HYPERLINK(…)` became a live formula in the Carte-ouverte CSV.
    @Test func formulaCellsAreNeutralisedAndNegativeNumbersStayNumbers() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let room = #"""
        {"id": "salle-piege", "name": "=HYPERLINK(\"https://example.invalid\",\"Cliquez\")", "address": {"street": "@rue", "postcode": "35000", "city": "+Rennes"},
         "latitude": 48.1130, "longitude": -1.6745, "capacity": 10, "stepFree": false, "conditions": {"kind": "free"}, "description": "-2+3"}
        """#
        try await fixture.run { client in
            let offered = try await client.send(.post, "/rooms", token: tokens.radiance, json: room)
            #expect(offered.status == .created, "\(offered.text)")
            let csv = try await client.send(.get, "/carte-ouverte.csv").text
            let line = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("salle-piege,") })
            #expect(line.contains(#""'=HYPERLINK(""https://example.invalid"",""Cliquez"")""#), "\(line)")
            #expect(line.contains(",'-2+3,"), "\(line)")
            #expect(line.contains(",'+Rennes,"), "\(line)")
            #expect(line.contains(",48.113,-1.6745,"), "coordinates stay numbers: \(line)")
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(!cells.contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") || $0.hasPrefix("\"=") }, "\(line)")
        }
    }
}

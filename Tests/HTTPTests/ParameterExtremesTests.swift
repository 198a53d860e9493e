import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Values at and beyond the extremes of every type a parameter may take.
enum Extremes {
    static let values = [
        "18446744073709551615", "18446744073709551616", "9223372036854775808", "-1", "-9223372036854775809",
        "1e400", "-1e400", "NaN", "inf", "0", "9007199254740992", "2147483648",
        "0000-01-01", "99999-01-01", "9999-12-31", "9999-12-31T23:59:59+23:59", "0000-01-01T00:00:00-23:59",
        "2027-02-30", "2027-04-27T25:00", "", "%00", "a%2Cb",
    ]
    /// Path parameters to use when a test varies something else: those of the seeded data.
    static func realPath(_ path: String) -> String {
        path.replacingOccurrences(of: "/structures/{id}", with: "/structures/radiance")
            .replacingOccurrences(of: "{id}", with: "salle-radiance")
            .replacingOccurrences(of: "{lid}", with: "formation-fondations")
            .replacingOccurrences(of: "{aid}", with: "printemps")
            .replacingOccurrences(of: "{year}", with: "2027")
            .replacingOccurrences(of: "{stream}", with: "room-salle-radiance")
    }
}

/// The GET operations of `/openapi.json`: path and query parameter names.
func documentedGets(_ client: some TestClientProtocol) async throws -> [(path: String, query: [String])] {
    let document = try await client.send(.get, "/openapi.json").object
    let paths = document["paths"] as? [String: [String: Any]] ?? [:]
    return paths.compactMap { path, operations in
        guard let get = operations["get"] as? [String: Any] else { return nil }
        let parameters = get["parameters"] as? [[String: Any]] ?? []
        return (path, parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
    }.sorted { $0.path < $1.path }
}

@Suite struct ParameterExtremesTests {
    /// Issue 13: `GET /events?from=18446744073709551615` trapped on `from + 1` and the process died.
    @Test func everyParameterAtItsExtremesIsRefusedWithAProblemAndTheServerStaysUp() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let head = try fixture.log.headPosition()
        try await fixture.run { client in
            var serverErrors: [String] = []
            var notProblems: [String] = []
            var tried = 0
            func check(_ uri: String, accept: String? = nil) async throws {
                var headers: HTTPFields = [:]
                if let accept { headers[.accept] = accept }
                let response = try await client.send(.get, uri, token: tokens.coordinator, headers: headers)
                tried += 1
                if response.status.code >= 500 { serverErrors.append("\(uri) → \(response.status.code)") }
                if response.status.code >= 400, response.headers[.contentType] != "application/problem+json", !uri.hasPrefix("/app"), uri != "/" {
                    notProblems.append("\(uri) → \(response.status.code) \(response.headers[.contentType] ?? "")")
                }
            }
            for operation in try await documentedGets(client) {
                let encoded = { (value: String) in value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-.:%"))) ?? value }
                for name in operation.query {
                    for value in Extremes.values {
                        try await check("\(Extremes.realPath(operation.path))?\(name)=\(encoded(value))")
                    }
                }
                let segments = operation.path.split(separator: "/")
                for (index, segment) in segments.enumerated() where segment.hasPrefix("{") {
                    for value in Extremes.values where !value.isEmpty {
                        var replaced = segments.map(String.init)
                        replaced[index] = encoded(value)
                        try await check(Extremes.realPath("/" + replaced.joined(separator: "/")))
                    }
                }
            }
            for value in ["18446744073709551615", "18446744073709551614", "-1", "1e400"] {
                try await check("/events?from=\(value)", accept: "text/event-stream")
            }
            try await check("/audit/as-of?position=18446744073709551615")
            #expect(tried > 300)
            #expect(serverErrors.isEmpty, "5xx: \(serverErrors)")
            #expect(notProblems.isEmpty, "refusals without a problem document: \(notProblems)")
            let events = try await client.send(.get, "/events?from=18446744073709551615", token: tokens.coordinator)
            #expect(events.status == .badRequest)
            #expect(events.object["field"] as? String == "from")
            #expect(try await client.send(.get, "/health").status == .ok, "the server is still up")
        }
        #expect(try fixture.log.headPosition() == head)
    }
}

import App
import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct RequestLogTests {
    /// Issue 13: nothing was logged. One line per request, with the route template and the kind of
    /// caller, and nothing that identifies anyone.
    @Test func aRequestIsLoggedOnceWithItsRouteStatusDurationAndCallerButNoSecret() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        let logs = CapturedLogs()
        fixture.dependencies = ServerDependencies(log: fixture.log, service: fixture.service, tokens: fixture.tokens, runner: fixture.runner, logger: logs.logger())
        try await fixture.run { client in
            let response = try await client.send(.get, "/rooms/salle-radiance/availability?from=2027-04-27&to=2027-04-28", token: tokens.radiance)
            #expect(response.status == .ok)
            _ = try await client.send(.get, "/audit/history/room-salle-radiance?x=secret-query", token: tokens.coordinator)
            _ = try await client.send(.get, "/app", headers: [.cookie: "mutualise_session=cookie-secret"])
        }
        let requests = logs.records.filter { $0.message == "request" }
        let availability = requests.filter { $0.metadata["route"] == "/rooms/{id}/availability" }
        #expect(availability.count == 1, "one line per request: \(requests.map(\.line))")
        let line = try #require(availability.first)
        #expect(line.level == .info)
        #expect(line.metadata["method"] == "GET")
        #expect(line.metadata["status"] == "200")
        #expect(line.metadata["caller"] == "structure")
        #expect(Double(line.metadata["ms"] ?? "") != nil, "duration in ms: \(line.line)")
        let history = try #require(requests.first { $0.metadata["route"] == "/audit/history/{stream}" })
        #expect(history.metadata["status"] == "400", "the unknown parameter is refused")
        #expect(history.metadata["caller"] == "coordinator")
        for record in logs.records {
            for secret in [tokens.radiance, tokens.coordinator, "secret-query", "cookie-secret", "salle-radiance", "2027-04-27"] {
                #expect(!record.line.contains(secret), "\(secret) in \(record.line)")
            }
        }
    }
}

@Suite struct ResponseHeaderTests {
    /// Issue 13: authenticated JSON could be cached, nothing said nosniff, the HTML report lacked
    /// the web pages' security headers.
    @Test func securityHeadersOnEveryAnswerAndNoStoreOnAuthenticatedJSON() async throws {
        let fixture = try ServerFixture()
        let tokens = try await seed(fixture)
        try await fixture.run { client in
            for (uri, token) in [("/health", nil), ("/carte-ouverte.csv", nil), ("/nulle-part", nil), ("/pepiniere", tokens.coordinator), ("/audit/verify", tokens.coordinator), ("/app", nil)] as [(String, String?)] {
                let response = try await client.send(.get, uri, token: token)
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
            }
            let board = try await client.send(.get, "/pepiniere", token: tokens.porteur)
            #expect(board.headers[.cacheControl] == "no-store")
            let refused = try await client.send(.get, "/audit/verify", token: tokens.radiance)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.cacheControl] == "no-store")
            let room = try await client.send(.get, "/structures/radiance", token: tokens.radiance)
            #expect(room.headers[.cacheControl] == "no-store")
            #expect(try await client.send(.get, "/carte-ouverte.csv", token: tokens.radiance).headers[.cacheControl] == "public, max-age=60", "open data stays cacheable")
            let report = try await client.send(.get, "/reports/2027?format=html", token: tokens.coordinator)
            #expect(report.status == .ok)
            #expect(report.headers[.contentType] == "text/html; charset=utf-8")
            #expect(report.headers[.init("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
            #expect(report.headers[.init("Referrer-Policy")!] == "same-origin")
            #expect(report.headers[.cacheControl] == "no-store")
            #expect(!report.text.contains("<style"), "no inline style under the CSP")
            let css = try await client.send(.get, "/app/static/rapport.css")
            #expect(css.status == .ok)
        }
    }
}

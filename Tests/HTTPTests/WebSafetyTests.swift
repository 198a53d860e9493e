import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Sign-in links and forms as an attacker tries them.
@Suite struct WebSafetyTests {
    @Test func ofSimultaneousUsesOfOneInvitationExactlyOneSignsIn() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "course")
        let opened = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<24 {
                group.addTask { (try? await sessions.redeem(code: code)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(opened == 1)
        let sessionEntries = try fixture.log.sideTableEntries(WebSessions.tableName, prefix: Array("session:".utf8))
        #expect(sessionEntries.count == 1)
    }

    @Test func aCrossSiteSignInIsRefused() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "cible")
        try await fixture.run { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            let refused = try await client.execute(uri: "/app/invitation/\(code)", method: .post, headers: crossSite, body: ByteBuffer())
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.setCookie] == nil)
            var otherOrigin = form
            otherOrigin[.origin] = "https://attaquant.example.org"
            let refusedToo = try await client.execute(uri: "/app/invitation/\(code)", method: .post, headers: otherOrigin, body: ByteBuffer())
            #expect(refusedToo.status == .forbidden)
            #expect(String(buffer: refusedToo.body).contains("n’a pas été envoyé depuis les pages de Mutualisation"))
            var nullOrigin = form
            nullOrigin[.origin] = "null"
            let refusedNull = try await client.execute(uri: "/app/invitation/\(code)", method: .post, headers: nullOrigin, body: ByteBuffer())
            #expect(refusedNull.status == .forbidden, "Origin: null proves nothing")
            // The link still works for its owner, from our own origin.
            var sameOrigin = form
            sameOrigin[.origin] = "http://127.0.0.1:8080"
            sameOrigin[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            let accepted = try await client.execute(uri: "/app/invitation/\(code)", method: .post, headers: sameOrigin, body: ByteBuffer())
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.setCookie]?.contains("mutualise_session=") == true)
        }
    }

    @Test func linksAreBuiltFromThePublicURLNeverFromTheHostHeader() async throws {
        let fixture = try ServerFixture()
        fixture.dependencies.publicURL = "https://mutualisation.example.org/"
        try await WebTests().registerStructures(fixture)
        let radiance = try await fixture.token(.structure, structure: "radiance")
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "coordination")
        try await fixture.run { client in
            #expect(try await client.send(.post, "/rooms", token: radiance, json: Bodies.room).status == .created)
            let browser = WebTests.Browser()
            _ = try await browser.signIn(client, code: code)
            // The test client reaches 127.0.0.1 on a port of its own: the request's authority is never that address.
            let page = try await client.execute(uri: "/app/salles/salle-radiance", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            #expect(page.text.contains("webcal://mutualisation.example.org/rooms/salle-radiance/calendar.ics"))
            #expect(!page.text.contains("127.0.0.1"))
            _ = try await browser.get(client, "/app/coordination/acces")
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.cookie] = "mutualise_session=\(browser.cookie ?? "")"
            let body = "role=coordinator&label=autre&csrf=\(browser.csrf ?? "")"
            let made = try await client.execute(uri: "/app/coordination/invitations", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(made.text.contains("https://mutualisation.example.org/app/invitation/inv_"), "\(made.status)")
            #expect(!made.text.contains("127.0.0.1"))
        }
    }
}

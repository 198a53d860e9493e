import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// The web application through a real server: sign-in by invitation, the session cookie, forms
/// protected against cross-site request forgery, errors next to their field, escaping, roles.
@Suite struct WebTests {
    /// A browser: the session cookie and the CSRF token of the last page.
    final class Browser: @unchecked Sendable {
        var cookie: String?
        var csrf: String?

        func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
            var headers: HTTPFields = [:]
            if let cookie { headers[.cookie] = "mutualise_session=\(cookie)" }
            let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
            if let range = response.text.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) {
                csrf = String(response.text[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
            }
            return response
        }

        func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf sendToken: Bool = true) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if let cookie { headers[.cookie] = "mutualise_session=\(cookie)" }
            var all = fields
            if sendToken, let csrf { all.append(("csrf", csrf)) }
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
            let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
            if let setCookie = response.headers[.setCookie], let value = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last {
                cookie = value.isEmpty ? nil : String(value)
            }
            return response
        }

        /// Opens an invitation link: the confirmation page, then the POST that sets the cookie.
        func signIn(_ client: any TestClientProtocol, code: String) async throws -> TestResponse {
            _ = try await get(client, "/app/invitation/\(code)")
            return try await post(client, "/app/invitation/\(code)", [], csrf: false)
        }
    }

    func registerStructures(_ fixture: ServerFixture) async throws {
        let coordinator = try await fixture.token(.coordinator)
        try await fixture.run { client in
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev)
        }
    }

    @Test func anInvitationSignsInOnceWithAStrictHttpOnlyCookie() async throws {
        let fixture = try ServerFixture()
        try await registerStructures(fixture)
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .structure, structure: try StructureID("radiance"), label: "Radiance, accueil")
        try await fixture.run { client in
            let browser = Browser()
            let confirm = try await browser.get(client, "/app/invitation/\(code)")
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("structure membre"))
            let signedIn = try await browser.post(client, "/app/invitation/\(code)", [], csrf: false)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/app?ok=signedIn")
            let setCookie = signedIn.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"), "plain HTTP on 127.0.0.1: no Secure flag")
            let home = try await browser.get(client, "/app")
            #expect(home.text.contains("Mutuelle Radiance"))
            #expect(home.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)

            let again = try await Browser().signIn(client, code: code)
            #expect(again.status == .forbidden)
            #expect(again.text.contains("déjà servi"))
            #expect(again.headers[.contentType]?.hasPrefix("text/html") == true, "people get an HTML page, not JSON")

            let secure = try await client.execute(uri: "/app/invitation/\(try await sessions.invite(role: .coordinator, label: "").code)", method: .post,
                                                  headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"], body: nil)
            #expect(secure.headers[.setCookie]?.contains("Secure") == true, "behind a TLS proxy the cookie is Secure")
        }
    }

    @Test func formsWithoutTheSessionTokenAreRefusedAndWriteNothing() async throws {
        let fixture = try ServerFixture()
        try await registerStructures(fixture)
        let (code, _) = try await WebSessions(log: fixture.log).invite(role: .structure, structure: try StructureID("radiance"), label: "")
        try await fixture.run { client in
            let browser = Browser()
            _ = try await browser.signIn(client, code: code)
            _ = try await browser.get(client, "/app")
            let head = try fixture.log.headPosition()
            let fields = [("use", "bureaux"), ("surface", "40")]
            let forged = try await browser.post(client, "/app/phare/demandes", fields, csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("Formulaire expiré"))
            browser.csrf = "not-the-token"
            let wrong = try await browser.post(client, "/app/phare/demandes", fields, csrf: true)
            #expect(wrong.status == .forbidden)
            #expect(try fixture.log.headPosition() == head, "refused forms write nothing")

            let bearer = try await fixture.token(.structure, structure: "radiance")
            let withToken = try await client.send(.post, "/app/phare/demandes", token: bearer, json: nil,
                                                  headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(withToken.status == .unauthorized, "a bearer token opens no browser session: web forms need the cookie and its token")
            _ = try await browser.get(client, "/app")
            let accepted = try await browser.post(client, "/app/phare/demandes", fields)
            #expect(accepted.status == .seeOther)
            #expect(try fixture.log.headPosition() == head + 1)
        }
    }

    @Test func aRefusedFormShowsTheErrorNextToItsFieldAndKeepsWhatWasTyped() async throws {
        let fixture = try ServerFixture()
        try await registerStructures(fixture)
        let (code, _) = try await WebSessions(log: fixture.log).invite(role: .structure, structure: try StructureID("radiance"), label: "")
        try await fixture.run { client in
            let browser = Browser()
            _ = try await browser.signIn(client, code: code)
            _ = try await browser.get(client, "/app/salles/nouvelle")
            let head = try fixture.log.headPosition()
            var fields = [
                ("name", "Salle <script>alert(1)</script>"), ("address.street", "15 rue Martenot"), ("address.postcode", "3500"),
                ("address.city", "Rennes"), ("latitude", "48,1130"), ("longitude", "-1,6745"), ("capacity", "20"),
                ("conditions.kind", "price"), ("conditions.halfDayCents", "45,50"), ("equipment", "wifi"), ("stepFree", "on"),
            ]
            let refused = try await browser.post(client, "/app/salles/nouvelle", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="e-f-address-postcode""#), "the error sits next to the postcode field")
            #expect(refused.text.contains(#"value="3500""#), "what was typed is kept")
            #expect(refused.text.contains("Salle &lt;script&gt;alert(1)&lt;/script&gt;"), "typed text is escaped")
            #expect(!refused.text.contains("<script>alert(1)"))
            #expect(try fixture.log.headPosition() == head)

            fields[2] = ("address.postcode", "35000")
            let offered = try await browser.post(client, "/app/salles/nouvelle", fields)
            #expect(offered.status == .seeOther)
            let location = offered.headers[.location] ?? ""
            #expect(location.hasPrefix("/app/salles/"))
            let id = String(location.dropFirst("/app/salles/".count).prefix { $0 != "?" })
            let api = try await client.send(.get, "/rooms/\(id)")
            #expect(api.object["name"] as? String == "Salle <script>alert(1)</script>")
            #expect((api.object["conditions"] as? [String: Any])?["halfDayCents"] as? Int == 4550, "euros with a comma become cents")
            #expect(api.object["stepFree"] as? Bool == true)
            #expect(api.object["equipment"] as? [String] == ["wifi"])
            #expect(api.object["structure"] as? String == "radiance", "the room belongs to the session's structure")

            // A weekly opening refused for its end date shows the error next to « endDate », the
            // form's field, not under the domain's name (« until »).
            _ = try await browser.get(client, "/app/salles/\(id)")
            let weekly = try await browser.post(client, "/app/salles/\(id)/disponibilites", [
                ("kind", "weekly"), ("weekly.weekday", "2"), ("weekly.from", "14:00"), ("weekly.to", "18:00"),
                ("startDate", "2027-05-04"), ("endDate", "2027-05-01"),
            ])
            #expect(weekly.status == .unprocessableContent)
            #expect(weekly.text.contains(#"id="e-f-endDate""#), "the error sits next to the end date")
        }
    }

    @Test func eachRoleSeesOnlyItsPagesAndThePublicNeedsNoSignIn() async throws {
        let fixture = try ServerFixture()
        try await registerStructures(fixture)
        let sessions = WebSessions(log: fixture.log)
        let (structureCode, _) = try await sessions.invite(role: .structure, structure: try StructureID("cridev"), label: "")
        let (porteurCode, porteur) = try await sessions.invite(role: .porteur, label: "")
        try await fixture.run { client in
            let coordinator = try await fixture.token(.coordinator)
            try await client.send(.post, "/pepiniere/desks", token: coordinator, json: #"{"id": "bureau-1", "label": "Bureau 1"}"#)
            for path in ["/", "/app/pepiniere", "/app/phare", "/app"] {
                let page = try await Browser().get(client, path)
                #expect(page.status == .ok, "\(path) is public")
                #expect(page.text.contains("<html lang=\"fr\">"))
            }
            let anonymous = try await Browser().get(client, "/app/coordination/acces")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.text.contains("lien d’invitation"))

            let structure = Browser()
            _ = try await structure.signIn(client, code: structureCode)
            let forbidden = try await structure.get(client, "/app/coordination/rapport")
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("réservée à la coordination"))

            let applicant = Browser()
            _ = try await applicant.signIn(client, code: porteurCode)
            _ = try await applicant.get(client, "/app")
            let applied = try await applicant.post(client, "/app/pepiniere/candidature", [
                ("project", "Ressourcerie"), ("description", "Réparer."), ("contact.name", "Dominique Exemple"), ("contact.email", "dominique@exemple.invalid"),
            ])
            #expect(applied.status == .seeOther)
            let board = try await Browser().get(client, "/app/pepiniere")
            #expect(!board.text.contains("dominique@"), "no contact on the public board")
            let mine = try await applicant.get(client, "/app")
            #expect(mine.text.contains("Ressourcerie"))
            #expect(porteur.person != nil)

            let revoked = try await sessions.revoke(invitationID: porteur.id)
            #expect(revoked)
            let after = try await applicant.get(client, "/app")
            #expect(!after.text.contains("Ressourcerie"), "revoking the invitation ends its session")
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "")
        try await fixture.run { client in
            let browser = Browser()
            _ = try await browser.signIn(client, code: code)
            let token = try #require(browser.cookie)
            _ = try await browser.get(client, "/app")
            let out = try await browser.post(client, "/app/deconnexion", [])
            #expect(out.status == .seeOther)
            #expect(try sessions.session(token: token) == nil)
        }
    }

    @Test func sessionsExpireAndUnusedInvitationsLapse() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "", now: start)
        let opened = try await sessions.redeem(code: code, now: start.addingTimeInterval(60))
        #expect(try sessions.session(token: opened.token, now: start.addingTimeInterval(3600)) != nil)
        #expect(try sessions.session(token: opened.token, now: start.addingTimeInterval(60 + WebSessions.sessionLifetime + 1)) == nil)
        let (late, _) = try await sessions.invite(role: .coordinator, label: "", now: start)
        await #expect(throws: AppError.self) {
            try await sessions.redeem(code: late, now: start.addingTimeInterval(WebSessions.invitationLifetime + 1))
        }
        await #expect(throws: AppError.self) {
            try await sessions.invite(role: .structure, label: "no structure")
        }
    }
}

@Suite struct WebAccessTests {
    /// Every form route of the web application, without a session or with another role's session,
    /// is refused and writes nothing; a structure cannot decide on another structure's room.
    @Test func everyWebWriteNeedsTheRightSession() async throws {
        let fixture = try ServerFixture()
        try await WebTests().registerStructures(fixture)
        let radiance = try await fixture.token(.structure, structure: "radiance")
        let cridev = try await fixture.token(.structure, structure: "cridev")
        try await fixture.run { client in
            try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
            try await client.send(.post, "/rooms/salle-radiance/availability", token: radiance, json: Bodies.availability)
            try await client.send(.post, "/rooms/salle-radiance/loans", token: cridev, json: Bodies.loan)
        }
        let router = buildRouter(fixture.dependencies)
        let formRoutes = router.routes.filter { $0.method == .post && $0.path.description.hasPrefix("/app/") }
            .map { route in
                "/" + route.path.description.split(separator: "/").map { segment -> String in
                    switch segment {
                    case "{id}": return route.path.description.contains("salles") ? "salle-radiance" : "inconnu"
                    case "{lid}": return "formation-fondations"
                    case "{aid}": return "printemps"
                    case "{code}": return "inv_inconnu"
                    default: return String(segment)
                    }
                }.joined(separator: "/")
            }
        #expect(formRoutes.count >= 25, "every form route is tried (\(formRoutes.count)): \(formRoutes)")
        let sessions = WebSessions(log: fixture.log)
        let porteurCode = try await sessions.invite(role: .porteur, label: "").code
        let cridevCode = try await sessions.invite(role: .structure, structure: try StructureID("cridev"), label: "").code
        try await fixture.run { client in
            let head = try fixture.log.headPosition()
            let porteur = WebTests.Browser()
            _ = try await porteur.signIn(client, code: porteurCode)
            _ = try await porteur.get(client, "/app")
            let other = WebTests.Browser()
            _ = try await other.signIn(client, code: cridevCode)
            _ = try await other.get(client, "/app")
            var allowed: [String] = []
            for path in formRoutes where path != "/app/deconnexion" {
                let fields = [("reason", "essai"), ("surface", "10"), ("use", "bureaux"), ("desk", "bureau-1"), ("start", "2027-01-04"), ("end", "2027-06-30")]
                let anonymous = try await WebTests.Browser().post(client, path, fields, csrf: false)
                if anonymous.status.code < 400 { allowed.append("anonymous \(path) \(anonymous.status.code)") }
                if !path.contains("pepiniere/candidature") {
                    let wrongRole = try await porteur.post(client, path, fields)
                    if wrongRole.status.code < 400 { allowed.append("porteur \(path) \(wrongRole.status.code)") }
                }
                if path.contains("salle-radiance") && !path.contains("demandes") && !path.hasSuffix("/annuler") {
                    let notOwner = try await other.post(client, path, fields)
                    if notOwner.status.code < 400 { allowed.append("other structure \(path) \(notOwner.status.code)") }
                }
            }
            #expect(allowed.isEmpty, "refused form routes: \(allowed)")
            #expect(try fixture.log.headPosition() == head, "refused forms wrote nothing")
        }
    }
}

import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Erasing a porteur de projet through `DELETE /people/{id}`, then everything that person or the
/// pépinière's readers could still do: nothing of theirs works again, and every page still answers.
@Suite struct ErasureHTTPTests {
    @Test func anErasedPorteurCannotActAgainAndThePepiniereStillShows() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        let sessions = WebSessions(log: fixture.log)
        let (porteurCode, invitation) = try await sessions.invite(role: .porteur, label: "Camille")
        let person = try PersonID(try #require(invitation.person))
        let porteurToken = try await fixture.tokens.issue(role: .porteur, person: person, label: "Camille").token
        let (coordinatorCode, _) = try await sessions.invite(role: .coordinator, label: "")
        try await fixture.run { client in
            let desk = try await client.send(.post, "/pepiniere/desks", token: coordinator, json: #"{"id": "bureau-1", "label": "Bureau 1"}"#)
            #expect(desk.status == .created)
            let application = #"{"id": "atelier-velo", "project": "Atelier vélo", "description": "Réparer ensemble.", "contact": {"name": "Camille Exemple", "email": "camille@example.org"}}"#
            let applied = try await client.send(.post, "/pepiniere/applications", token: porteurToken, json: application)
            #expect(applied.status == .created)
            let listed = try await client.send(.post, "/pepiniere/applications/atelier-velo/waitlist", token: coordinator, json: "{}")
            #expect(listed.status == .ok)
            let browser = WebTests.Browser()
            _ = try await browser.signIn(client, code: porteurCode)
            #expect(try await browser.get(client, "/app").status == .ok)
            let coordinatorBrowser = WebTests.Browser()
            _ = try await coordinatorBrowser.signIn(client, code: coordinatorCode)
            let before = try await coordinatorBrowser.get(client, "/app/coordination/pepiniere")
            #expect(before.text.contains("camille@example.org"))

            let erased = try await client.send(.delete, "/people/\(person.rawValue)", token: coordinator)
            #expect(erased.status == .ok)
            #expect(erased.object["accessRevoked"] as? Int == 2, "the token and the invitation")

            let head = try fixture.log.headPosition()
            let again = try await client.send(.post, "/pepiniere/applications", token: porteurToken, json: application.replacingOccurrences(of: "atelier-velo", with: "atelier-velo-2"))
            #expect(again.status == .unauthorized)
            let page = try await browser.get(client, "/app")
            #expect(!page.text.contains("Ma candidature"), "the session no longer opens the porteur’s page (the signed-out home instead)")
            let form = try await browser.post(client, "/app/pepiniere/candidature", [
                ("project", "Atelier vélo 4"), ("description", "Réparer."), ("contact.name", "Camille"), ("contact.email", "camille@example.org"),
            ])
            #expect(form.status == .unauthorized, "the session's forms are refused: \(form.status)")
            // A new token for the same id (issued by mistake) may not bring the person back.
            let newToken = try await fixture.tokens.issue(role: .porteur, person: person, label: "again").token
            let reapplied = try await client.send(.post, "/pepiniere/applications", token: newToken, json: application.replacingOccurrences(of: "atelier-velo", with: "atelier-velo-3"))
            #expect(reapplied.status == .forbidden)
            #expect(reapplied.object["detail"] as? String != nil)
            #expect(try fixture.log.headPosition() == head, "refused re-applications write nothing")

            let board = try await client.send(.get, "/pepiniere", token: coordinator)
            #expect(board.status == .ok)
            let waiting = try #require((board.object["waitingList"] as? [[String: Any]])?.first)
            #expect((waiting["contact"] as? [String: Any])?["erased"] as? Bool == true)
            #expect(!board.text.contains("camille@example.org"))
            let publicBoard = try await client.send(.get, "/pepiniere")
            #expect(publicBoard.status == .ok)
            #expect(!publicBoard.text.contains("camille"))
            let publicPage = try await client.send(.get, "/app/pepiniere")
            #expect(publicPage.status == .ok)
            let after = try await coordinatorBrowser.get(client, "/app/coordination/pepiniere")
            #expect(after.status == .ok)
            #expect(after.text.contains("personne effacée"))
            #expect(!after.text.contains("camille@example.org"))
        }
    }
}

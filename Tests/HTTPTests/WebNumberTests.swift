import App
import Domain
import EventLog
import Foundation
@testable import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Every number a page displays is accepted back as displayed (issue 16: the Phare capacity form
/// was pre-filled with « 4 000 » and refused it on save).
@Suite struct WebNumberTests {
    @Test func numbersAreReadAsFrenchPagesWriteThem() {
        #expect(Double(WebForm.frenchNumber("4\u{202F}000")) == 4000)
        #expect(Double(WebForm.frenchNumber("1\u{00A0}500,5")) == 1500.5)
        #expect(Double(WebForm.frenchNumber("−1,6745")) == -1.6745)
        #expect(Double(WebForm.frenchNumber("12,50 €")) == 12.5)
        #expect(Double(WebForm.frenchNumber("450 m²")) == 450)
        #expect(Double(WebForm.frenchNumber("quatre")) == nil)
    }

    @Test func thePhareCapacityFormTakesBackTheNumbersItShows() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "coordination")
        _ = try await fixture.service.execute(PhareDecider.self, stream: "phare", command: .setCapacity(total: 4000, perUse: [.bureaux: 1500]), actor: .coordinator("test"))
        try await fixture.run { client in
            let browser = WebTests.Browser()
            _ = try await browser.signIn(client, code: code)
            let page = try await browser.get(client, "/app/coordination/phare")
            let shown = try #require(page.text.firstMatch(of: /name="total"[^>]*value="([^"]+)"/)?.1 ?? page.text.firstMatch(of: /value="([^"]+)"[^>]*name="total"/)?.1)
            #expect(shown.contains("\u{202F}") || shown == "4000", "the page shows \(shown)")
            let shownBureaux = page.text.firstMatch(of: /name="byUse\.bureaux"[^>]*value="([^"]+)"/)?.1 ?? ""
            let saved = try await browser.post(client, "/app/coordination/phare/capacite", [("total", String(shown)), ("byUse.bureaux", String(shownBureaux))])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(600))")
            let refused = try await browser.post(client, "/app/coordination/phare/capacite", [("total", "beaucoup")])
            #expect(refused.text.contains("par ex. 1 500 ou 12,5") && !refused.text.contains("48,1130"))
        }
    }
}

/// The coordinator's pépinière tools on the web (issue 16).
@Suite struct WebPepiniereTests {
    @Test func theCoordinatorRejectsAnApplicationWithAReasonOnTheWeb() async throws {
        let fixture = try ServerFixture()
        let sessions = WebSessions(log: fixture.log)
        let (code, _) = try await sessions.invite(role: .coordinator, label: "coordination")
        let site = SiteID.maisonESS.streamName
        let person = try PersonID("porteur-velo")
        let application = try ApplicationID("atelier-velo")
        _ = try await fixture.service.execute(PepiniereDecider.self, stream: site, command: .addDesk(id: try DeskID("bureau-1"), label: "Bureau 1", floor: ""), actor: .coordinator("test"))
        _ = try await fixture.service.execute(PepiniereDecider.self, stream: site, command: .submitApplication(ApplicationSubmission(
            id: application, person: person, projectName: "Atelier vélo", description: "Réparer ensemble",
            contact: Contact(name: "Camille Exemple", email: "camille@example.org"))), actor: .porteur(person))
        _ = try await fixture.service.execute(PepiniereDecider.self, stream: site, command: .waitlist(application), actor: .coordinator("test"))
        try await fixture.run { client in
            let browser = WebTests.Browser()
            _ = try await browser.signIn(client, code: code)
            let board = try await browser.get(client, "/app/coordination/pepiniere")
            #expect(board.text.contains("Écarter la candidature"))
            let head = try fixture.log.headPosition()
            let withoutReason = try await browser.post(client, "/app/coordination/pepiniere/candidatures/atelier-velo/refuser", [("reason", "")])
            let headAfterRefusal = try fixture.log.headPosition()
            #expect(withoutReason.status.code >= 400 && headAfterRefusal == head, "a rejection needs a reason")
            let rejected = try await browser.post(client, "/app/coordination/pepiniere/candidatures/atelier-velo/refuser", [("reason", "Projet hors du champ de l’ESS")])
            #expect(rejected.status == .seeOther, "\(rejected.text.prefix(500))")
            let state = try fixture.service.load(PepiniereDecider.self, stream: site).state
            #expect(!state.waitingList.contains(application))
            let after = try await browser.get(client, "/app/coordination/pepiniere")
            #expect(!after.text.contains("Atelier vélo") || !after.text.contains("candidatures/atelier-velo/refuser"))
        }
    }
}

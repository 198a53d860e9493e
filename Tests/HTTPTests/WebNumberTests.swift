import App
import Domain
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

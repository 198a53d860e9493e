import App
import Domain
import Foundation
import HTTP
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Where a person types text that goes into the log as typed (not sealed, so not erasable), the
/// form says so under the field.
@Suite struct FreeTextHintTests {
    static let hint = "ne pourra pas être effacé : n’y mettez pas de données personnelles"

    @Test func freeTextFieldsSayTheirTextCannotBeErased() async throws {
        let fixture = try ServerFixture()
        let coordinator = try await fixture.token(.coordinator)
        let radiance = try await fixture.token(.structure, structure: "radiance")
        let sessions = WebSessions(log: fixture.log)
        let (porteurCode, _) = try await sessions.invite(role: .porteur, label: "")
        let (borrowerCode, _) = try await sessions.invite(role: .structure, structure: try StructureID("cridev"), label: "")
        let (ownerCode, _) = try await sessions.invite(role: .structure, structure: try StructureID("radiance"), label: "")
        try await fixture.run { client in
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.radiance)
            try await client.send(.post, "/structures", token: coordinator, json: Bodies.cridev)
            try await client.send(.post, "/rooms", token: radiance, json: Bodies.room)
            let porteur = WebTests.Browser()
            _ = try await porteur.signIn(client, code: porteurCode)
            let home = try await porteur.get(client, "/app")
            #expect(home.text.contains(#"id="h-f-project""#) && home.text.contains(#"id="h-f-description""#), "the hint sits under the project's name and description")
            #expect(home.text.contains(Self.hint))
            let borrower = WebTests.Browser()
            _ = try await borrower.signIn(client, code: borrowerCode)
            let room = try await borrower.get(client, "/app/salles/salle-radiance")
            #expect(room.text.contains(#"id="h-f-purpose""#), "the hint sits under the loan's purpose")
            #expect(room.text.contains(Self.hint))
            let owner = WebTests.Browser()
            _ = try await owner.signIn(client, code: ownerCode)
            let mine = try await owner.get(client, "/app/salles/salle-radiance")
            #expect(mine.text.contains(#"aria-describedby="h-withdraw-reason""#), "and under the withdrawal's reason")
        }
    }
}

import Domain
import EventLog
import Foundation
import Projections
import Testing

/// The history told as sentences a coordinator checks years later.
@Suite struct EventNarratorTests {
    @Test func aRoomsHistoryReadsAsSentencesWithWhatChanged() async throws {
        let fixture = try ProjectionFixture()
        let details = ProjectionFixture.details(name: "Salle du conseil", lat: 48.11072, lon: -1.68183, capacity: 20, surface: 45, description: "Au 5e étage.")
        var changed = details
        changed.capacity = 16
        changed.position = try GeoPosition(latitude: 48.11072, longitude: 1.68183)
        try await fixture.append(fixture.room.streamName, [RoomEvent.offered(RoomOffered(id: fixture.room, owner: fixture.radiance, details: details))], at: "2012-02-20T08:00:00Z")
        try await fixture.append(fixture.room.streamName, [RoomEvent.detailsChanged(RoomDetailsChanged(details: changed))], at: "2012-02-21T08:00:00Z")
        let loan = try LoanID("atelier")
        let request = RoomEvent.loanRequested(LoanRequested(loanID: loan, borrower: fixture.cridev, period: ProjectionFixture.period("2012-02-29T14:00", "2012-02-29T17:00"), people: 12, purpose: "Atelier fondations"))
        try await fixture.append(fixture.room.streamName, [request], at: "2012-02-27T08:30:00Z")
        try await fixture.append(fixture.room.streamName, [RoomEvent.loanDeclined(LoanDeclined(loanID: loan, reason: "", supersededBy: try LoanID("autre")))], at: "2012-02-28T08:30:00Z")

        var narrator = EventNarrator(names: .init(structure: { $0 == fixture.cridev ? "CRIDEV" : "Mutuelle Radiance" }, room: { _ in nil }))
        let told = try fixture.log.readStream(fixture.room.streamName).map { narrator.narrate($0) }
        #expect(told.map(\.when) == ["20/02/2012 9 h", "21/02/2012 9 h", "27/02/2012 9 h 30", "28/02/2012 9 h 30"])
        #expect(told[0].sentence == "la coordination propose la salle « Salle du conseil », 15 rue Martenot, 35000 Rennes, pour 20 personnes.")
        #expect(told[1].sentence.contains("capacité 20 → 16"))
        #expect(told[1].sentence.contains("longitude −1,68183 → 1,68183"), "\(told[1].sentence)")
        #expect(told[2].sentence == "la coordination demande la salle « Salle du conseil » pour le mercredi 29 février 2012, 14 h – 17 h, 12 personnes : « Atelier fondations »")
        #expect(told[3].sentence.contains("refuse la demande de CRIDEV pour la salle « Salle du conseil » le mercredi 29 février 2012, 14 h – 17 h : une autre demande a été acceptée sur ce créneau"))
        // Internal identifiers only in the detail line.
        #expect(told.allSatisfy { !$0.sentence.contains("room.") && !$0.sentence.contains("salle-radiance") && $0.detail.contains("room-salle-radiance") })
    }
}

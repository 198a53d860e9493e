import App
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

/// A log and a service in a temporary folder, with the 2012 setting: Radiance lends, CRIDEV borrows.
struct Fixture {
    let folder = TemporaryFolder("app")
    let log: EventLog
    let service: CommandService
    let radiance = try! StructureID("radiance")
    let cridev = try! StructureID("cridev")
    let room = try! RoomID("salle-radiance")
    let coordinator = Actor.coordinator("test")
    /// 2012-04-01T10:00:00Z: the rules judge "now" by this instant.
    let now = Date(timeIntervalSince1970: 1_333_274_400)

    init() throws {
        log = try EventLog(directory: folder.path, configuration: .application)
        let now = self.now
        service = CommandService(log: log, clock: { now })
    }

    func register(_ id: StructureID, _ name: String) async throws {
        _ = try await service.execute(
            StructureDecider.self, stream: id.streamName,
            command: .register(id: id, details: StructureDetails(name: name, kind: .association)), actor: coordinator
        )
    }

    func offerRoomWithSpringAvailability() async throws {
        try await register(radiance, "Mutuelle Radiance")
        try await register(cridev, "CRIDEV")
        let details = RoomDetails(
            name: "Salle de formation", address: Address(street: "15 rue Martenot", postcode: "35000", city: "Rennes"),
            position: try GeoPosition(latitude: 48.1130, longitude: -1.6745), capacity: 20, surface: 45,
            equipment: [.projector], stepFreeAccess: true, conditions: .free, description: "Salle claire."
        )
        _ = try await service.execute(RoomDecider.self, stream: room.streamName, command: .offer(id: room, owner: radiance, details: details), actor: .structure(radiance), structures: [radiance])
        _ = try await service.execute(
            RoomDecider.self, stream: room.streamName,
            command: .openAvailability(id: try AvailabilityID("printemps"), pattern: .once(start: try LocalDateTime(iso: "2012-04-02T08:00"), end: try LocalDateTime(iso: "2012-07-01T00:00"))),
            actor: .structure(radiance)
        )
    }

    func requestLoan(_ id: String, _ start: String, _ end: String) async throws -> CommandOutcome<RoomDecider> {
        try await service.execute(
            RoomDecider.self, stream: room.streamName,
            command: .requestLoan(LoanRequest(loanID: try LoanID(id), borrower: cridev, start: try LocalDateTime(iso: start), end: try LocalDateTime(iso: end), people: 16, purpose: "Formation")),
            actor: .structure(cridev), structures: [cridev]
        )
    }
}

@Suite struct CommandServiceTests {
    @Test func concurrentApprovalsOfOverlappingLoansLetExactlyOneWin() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        try await fixture.offerRoomWithSpringAvailability()
        let ids = (0..<6).map { "demande-\($0)" }
        for (index, id) in ids.enumerated() {
            // Overlapping requests: each starts an hour after the previous and lasts three hours.
            _ = try await fixture.requestLoan(id, "2012-04-27T\(String(format: "%02d", 9 + index)):00", "2012-04-27T\(String(format: "%02d", 12 + index)):00")
        }
        let (service, room, radiance) = (fixture.service, fixture.room, fixture.radiance)
        let approvals = await withTaskGroup(of: Bool.self) { group in
            for id in ids {
                group.addTask {
                    do {
                        _ = try await service.execute(RoomDecider.self, stream: room.streamName, command: .approveLoan(try LoanID(id)), actor: .structure(radiance))
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        let (state, _) = try fixture.service.load(RoomDecider.self, stream: fixture.room.streamName)
        let approved = state.approvedLoans
        // Requests 0, 3 do not overlap each other ([9,12) and [12,15)); every other pair among
        // the approved must be disjoint whatever the order of the race.
        for a in approved { for b in approved where a.id != b.id { #expect(!a.period.overlaps(b.period)) } }
        #expect(approvals == approved.count)
        #expect(approved.count >= 1 && approved.count <= 2)
        #expect(try fixture.log.verifyChain().isValid)
    }

    @Test func aStaleExpectedVersionIsRefusedAndWritesNothing() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        try await fixture.register(fixture.radiance, "Mutuelle Radiance")
        let head = try fixture.log.headPosition()
        await #expect(throws: AppError.self) {
            _ = try await fixture.service.execute(
                StructureDecider.self, stream: fixture.radiance.streamName,
                command: .setBorrowingQuota(hoursPerMonth: 10), actor: fixture.coordinator,
                options: CommandOptions(expectedVersion: 0)
            )
        }
        #expect(try fixture.log.headPosition() == head)
    }

    @Test func aRetriedRequestWithTheSameIdempotencyKeyReturnsTheFirstResult() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        let options = CommandOptions(idempotencyKey: "cle-1")
        let command = StructureCommand.register(id: fixture.cridev, details: StructureDetails(name: "CRIDEV", kind: .association))
        let first = try await fixture.service.execute(StructureDecider.self, stream: fixture.cridev.streamName, command: command, actor: fixture.coordinator, options: options)
        let second = try await fixture.service.execute(StructureDecider.self, stream: fixture.cridev.streamName, command: command, actor: fixture.coordinator, options: options)
        #expect(second.wasAlreadyRecorded && !first.wasAlreadyRecorded)
        #expect(second.position == first.position && second.version == first.version)
        #expect(try fixture.log.headPosition() == first.position)
    }

    @Test func aDomainRefusalNamesItsRuleAndWritesNothing() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        let error = await #expect(throws: AppError.self) {
            _ = try await fixture.service.execute(
                StructureDecider.self, stream: fixture.cridev.streamName,
                command: .register(id: fixture.cridev, details: StructureDetails(name: "CRIDEV", kind: .association)),
                actor: .structure(fixture.radiance)
            )
        }
        guard case .refused(let domain) = error else { Issue.record("expected a refusal, got \(String(describing: error))"); return }
        #expect(domain.code == .coordinatorOnly)
        #expect(try fixture.log.headPosition() == 0)
    }
}

@Suite struct AccessTokenTests {
    @Test func issuedTokensAuthenticateUntilRevokedAndOnlyTheirHashIsStored() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        let tokens = AccessTokens(log: fixture.log)
        let (token, grant) = try await tokens.issue(role: .structure, structure: fixture.radiance, label: "Radiance")
        #expect(try tokens.authenticate(token)?.id == grant.id)
        #expect(try tokens.authenticate(token)?.actor == .structure(fixture.radiance))
        #expect(try tokens.authenticate("mut_nope") == nil)
        let stored = try fixture.log.sideTableEntries(AccessTokens.tableName)
        #expect(!stored.contains { String(decoding: $0.key + $0.value, as: UTF8.self).contains(token) })
        #expect(try await tokens.revoke(id: grant.id))
        #expect(try tokens.authenticate(token) == nil)
        #expect(try tokens.list().first?.revokedAt != nil)
        await #expect(throws: AppError.self) { _ = try await tokens.issue(role: .structure, label: "sans structure") }
    }
}

@Suite struct PersonalDataTests {
    @Test func erasingAPersonLeavesTheChainVerifiableAndTheContactUnreadable() async throws {
        let fixture = try Fixture()
        defer { fixture.log.close() }
        let person = try PersonID("porteur-1")
        let application = try ApplicationID("candidature-1")
        let contact = Contact(name: "Camille Exemple", email: "camille@example.org", phone: "02 99 00 00 00")
        _ = try await fixture.service.execute(
            PepiniereDecider.self, stream: SiteID.maisonESS.streamName,
            command: .addDesk(id: try DeskID("bureau-1"), label: "Bureau 1", floor: ""), actor: .coordinator("test")
        )
        _ = try await fixture.service.execute(
            PepiniereDecider.self, stream: SiteID.maisonESS.streamName,
            command: .submitApplication(ApplicationSubmission(id: application, person: person, projectName: "Atelier vélo", description: "Réparation solidaire", contact: contact)),
            actor: .porteur(person)
        )
        // The log holds ciphertext only.
        let bytes = try fixture.log.read(from: 1).flatMap(\.payload)
        #expect(String(decoding: bytes, as: UTF8.self).contains("camille@example.org") == false)
        let stored = try fixture.log.read(from: 1).compactMap { record -> ContactData? in
            guard case .pepiniere(let event) = try AnyDomainEvent.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload) else { return nil }
            var found: ContactData?
            _ = event.mappingPersonalData { _, data in found = data; return data }
            return found
        }
        let sealed = try #require(stored.first)
        #expect(fixture.service.vault.unseal(sealed, of: person) == .clear(contact))
        #expect(try await fixture.service.vault.erase(person))
        #expect(fixture.service.vault.unseal(sealed, of: person) == .erased)
        #expect(try fixture.log.verifyChain().isValid)
    }
}

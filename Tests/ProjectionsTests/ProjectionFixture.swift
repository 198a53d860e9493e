import App
import Domain
import EventLog
import Foundation
import Projections
import TestSupport

/// A real log in a temporary folder, fed with raw domain events at chosen recorded-at times.
final class ProjectionFixture: @unchecked Sendable {
    let folder = TemporaryFolder("projections")
    let log: EventLog

    let radiance = try! StructureID("radiance")
    let cridev = try! StructureID("cridev")
    let room = try! RoomID("salle-radiance")
    let room2 = try! RoomID("salle-martenot")
    let site = SiteID.maisonESS

    init() throws {
        log = try EventLog(directory: folder.path, configuration: .application)
    }

    deinit { log.close() }

    @discardableResult
    func append(_ stream: String, _ events: [any DomainEvent], at iso: String) async throws -> UInt64 {
        let proposed = events.map { ProposedEvent(type: $0.eventType, schemaVersion: $0.schemaVersion, payload: $0.encodedPayload()) }
        let result = try await log.append(to: stream, expected: .any, events: proposed,
                                          metadata: AppendMetadata(actor: "coordinator:test", recordedAt: Self.date(iso)))
        return result.lastPosition
    }

    static func date(_ iso: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: iso)!
    }

    static func local(_ iso: String) -> LocalDateTime { try! LocalDateTime(iso: iso) }
    static func day(_ iso: String) -> LocalDate { try! LocalDate(iso: iso) }
    static func period(_ start: String, _ end: String) -> Period { try! Period(paris: local(start), local(end)) }

    static func details(name: String, lat: Double, lon: Double, capacity: Int, surface: Double?, description: String) -> RoomDetails {
        RoomDetails(name: name, address: Address(street: "15 rue Martenot", postcode: "35000", city: "Rennes"),
                    position: try! GeoPosition(latitude: lat, longitude: lon), capacity: capacity, surface: surface,
                    equipment: [.projector, .wifi], equipmentNotes: "Câble HDMI, \"adaptateur\" fourni",
                    stepFreeAccess: true, conditions: .price(halfDayCents: 4000, dayCents: 7050), description: description)
    }

    static let longPurpose = "Formation « Trouver des ressources auprès des fondations » ; élus, bénévoles, salariés, avec déjeuner partagé et café équitable"

    /// Two structures, two rooms, weekly and DST-day availability, loans in every state.
    func loadRooms() async throws {
        try await append(radiance.streamName, [StructureEvent.registered(StructureRegistered(id: radiance, details: StructureDetails(name: "Mutuelle Radiance", kind: .mutuelle)))], at: "2012-01-05T09:00:00Z")
        try await append(cridev.streamName, [StructureEvent.registered(StructureRegistered(id: cridev, details: StructureDetails(name: "CRIDEV – Éducation à la solidarité", kind: .association)))], at: "2012-01-05T09:01:00Z")
        let d1 = Self.details(name: "Salle de formation Émeraude", lat: 48.1130, lon: -1.6745, capacity: 20, surface: 45.5,
                              description: "Salle claire au 5e étage, accès par l’ascenseur.\nRéservation auprès de l’accueil, merci.")
        let d2 = Self.details(name: "Salle Martenot", lat: 48.0870, lon: -1.6640, capacity: 10, surface: nil, description: "Petite salle")
        try await append(room.streamName, [RoomEvent.offered(RoomOffered(id: room, owner: radiance, details: d1))], at: "2012-01-10T09:00:00Z")
        try await append(room2.streamName, [RoomEvent.offered(RoomOffered(id: room2, owner: cridev, details: d2))], at: "2012-01-10T09:05:00Z")
        let weekly = AvailabilityPattern.weekly(weekday: .tuesday, start: try LocalTime(iso: "14:00"), end: try LocalTime(iso: "18:00"),
                                                from: Self.day("2012-03-01"), until: Self.day("2012-12-31"))
        let spring = AvailabilityPattern.once(start: Self.local("2012-03-25T00:00"), end: Self.local("2012-03-25T06:00"))
        let autumn = AvailabilityPattern.once(start: Self.local("2012-10-28T00:00"), end: Self.local("2012-10-28T06:00"))
        try await append(room.streamName, [
            RoomEvent.availabilityOpened(AvailabilityOpened(id: try AvailabilityID("mardis"), pattern: weekly, periods: try weekly.periods())),
            RoomEvent.availabilityOpened(AvailabilityOpened(id: try AvailabilityID("printemps"), pattern: spring, periods: try spring.periods())),
            RoomEvent.availabilityOpened(AvailabilityOpened(id: try AvailabilityID("automne"), pattern: autumn, periods: try autumn.periods())),
        ], at: "2012-01-11T09:00:00Z")
        try await append(room2.streamName, [
            RoomEvent.availabilityOpened(AvailabilityOpened(id: try AvailabilityID("mardis"), pattern: weekly, periods: try weekly.periods())),
        ], at: "2012-01-11T09:05:00Z")
        func request(_ id: String, _ s: String, _ e: String, purpose: String = "Réunion") -> any DomainEvent {
            RoomEvent.loanRequested(LoanRequested(loanID: try! LoanID(id), borrower: cridev, period: Self.period(s, e), people: 16, purpose: purpose))
        }
        try await append(room.streamName, [
            request("l-spring", "2012-03-25T01:00", "2012-03-25T04:00", purpose: Self.longPurpose),
            request("l-autumn", "2012-10-28T01:00", "2012-10-28T04:00"),
            request("l-pending", "2012-04-03T14:00", "2012-04-03T16:00"),
            request("l-approved", "2012-04-03T16:00", "2012-04-03T18:00", purpose: "Assemblée générale, bilan; \\ perspectives"),
            request("l-declined", "2012-04-10T14:00", "2012-04-10T15:00"),
        ], at: "2012-02-01T10:00:00Z")
        try await append(room.streamName, [
            RoomEvent.loanApproved(LoanApproved(loanID: try LoanID("l-spring"))),
            RoomEvent.loanApproved(LoanApproved(loanID: try LoanID("l-autumn"))),
            RoomEvent.loanApproved(LoanApproved(loanID: try LoanID("l-approved"))),
            RoomEvent.loanDeclined(LoanDeclined(loanID: try LoanID("l-declined"), reason: "Salle en travaux")),
        ], at: "2012-02-02T10:00:00Z")
        try await append(room.streamName, [
            RoomEvent.loanCancelled(LoanCancelled(loanID: try LoanID("l-autumn"), reason: "Formation reportée")),
        ], at: "2012-03-01T10:00:00Z")
    }

    /// Four desks, five projects (one leaves, one enters in 2012), a waiting list of two.
    func loadPepiniere() async throws {
        let stream = site.streamName
        var events: [any DomainEvent] = []
        for n in 1...4 {
            events.append(PepiniereEvent.deskAdded(DeskAdded(desk: try DeskID("bureau-\(n)"), label: "Bureau \(n)", floor: "5e étage")))
        }
        try await append(stream, events, at: "2011-06-01T08:00:00Z")
        func submit(_ id: String, _ name: String) -> any DomainEvent {
            PepiniereEvent.applicationSubmitted(DeskApplicationSubmitted(
                application: try! ApplicationID(id), person: try! PersonID("p-\(id)"), projectName: name, description: "Projet",
                contact: .sealed(SealedBytes([1, 2, 3])), submittedAt: Self.date("2011-06-02T08:00:00Z")))
        }
        func wait(_ id: String) -> any DomainEvent { PepiniereEvent.applicationWaitlisted(ApplicationWaitlisted(application: try! ApplicationID(id))) }
        func allocate(_ desk: Int, _ id: String, _ s: String, _ e: String) -> any DomainEvent {
            PepiniereEvent.deskAllocated(DeskAllocated(desk: try! DeskID("bureau-\(desk)"), application: try! ApplicationID(id),
                                                       start: Self.day(s), end: Self.day(e), outOfOrderReason: nil))
        }
        try await append(stream, [
            submit("eco-think", "Eco-think"), wait("eco-think"), submit("enercoop", "Enercoop Bretagne"), wait("enercoop"),
            submit("garage", "Garage Solidaire"), wait("garage"), submit("egalite", "Questions d'égalité"), wait("egalite"),
            submit("octopousse", "Octopousse"), wait("octopousse"), submit("attente-1", "Projet A"), wait("attente-1"),
            submit("attente-2", "Projet B"), wait("attente-2"),
            allocate(1, "eco-think", "2011-09-01", "2012-09-01"),
            allocate(2, "enercoop", "2011-10-01", "2012-10-01"),
            allocate(3, "garage", "2011-11-01", "2012-11-01"),
            allocate(4, "egalite", "2012-01-02", "2013-01-02"),
        ], at: "2011-08-01T08:00:00Z")
        try await append(stream, [
            PepiniereEvent.projectLeft(ProjectLeft(application: try ApplicationID("eco-think"), desk: try DeskID("bureau-1"), date: Self.day("2012-06-15"), reason: "Locaux trouvés")),
        ], at: "2012-06-15T08:00:00Z")
        try await append(stream, [allocate(1, "octopousse", "2012-07-01", "2013-07-01")], at: "2012-06-20T08:00:00Z")
        // Allocations for 2011-2012 starting before 2012 are not entries of 2012; the 2012 entries are egalite and octopousse.
    }

    func loadPhare() async throws {
        try await append(StreamNames.phare, [
            PhareEvent.capacitySet(PhareCapacitySet(total: 4000, perUse: [.commerce: 1000, .bureaux: 1500])),
            PhareEvent.spaceRequested(SpaceRequested(id: try PhareRequestID("r1"), structure: radiance, use: .bureaux, surface: 120, wishedDate: nil, notes: "")),
            PhareEvent.spaceRequested(SpaceRequested(id: try PhareRequestID("r2"), structure: cridev, use: .commerce, surface: 80, wishedDate: nil, notes: "Boutique")),
            PhareEvent.spaceRequested(SpaceRequested(id: try PhareRequestID("r3"), structure: cridev, use: .bureaux, surface: 30, wishedDate: nil, notes: "")),
            PhareEvent.spaceAllocated(SpaceAllocated(id: try PhareRequestID("r1"), surface: 100)),
            PhareEvent.spaceRequestWithdrawn(SpaceRequestWithdrawn(id: try PhareRequestID("r3"), reason: nil)),
        ], at: "2012-05-01T08:00:00Z")
    }
}

/// Runs a command, returning its exit status and output.
func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether Debian's python3 has a module.
func python(has module: String) -> Bool {
    run("/usr/bin/python3", ["-c", "import \(module)"])?.status == 0
}

import App
import Domain
import EventLog
import Foundation

/// `mutualise-bench generate --events N --dir DIR --seed S`: a realistic log of a busy territory,
/// appended straight to the log with `EventLog.append` (valid domain events encoded with the Domain
/// types; they do not go through the deciders). The content is a function of the seed; the
/// interleaving of streams inside one round follows the group commit and may differ between runs.
///
/// - setup: 100 structures, Le Phare's capacities, 20 desks at the Maison de l'ESS, 1,000 rooms
///   (offered with details, then two weekly openings on two weekdays, 09:00–18:00, from
///   2026-01-05 to 2028-12-29, as four availabilities since one spans two years at most: the
///   server's real clock finds free slots in 2027 and 2028);
/// - rounds: every room gets a block of 10 one-hour loans on its next free slots, each requested
///   then approved (55 %), declined (10 %), approved then cancelled (10 %), cancelled while pending
///   (7 %) or left pending (18 %); Le Phare gets requests, allocations and refusals; the pépinière
///   gets applications (contact sealed), waiting list entries, offers, allocations and departures.
enum TerritoryGenerator {
    static let structures = 100
    static let desks = 20
    static let loansPerBlock = 10
    /// One-hour slots per room: 2 openings × 9 hours × 156 weeks.
    static let slotsPerRoom = 2 * 9 * 156
    /// Monday 2026-01-05, the first week of the openings.
    static let firstMonday = try! LocalDate(iso: "2026-01-05")
    static let lastDay = try! LocalDate(iso: "2028-12-29")
    static let metadata = AppendMetadata(actor: "bench:generator")

    struct Summary: Sendable {
        let events: Int
        let seconds: Double
        let rooms: Int
    }

    /// Writes `events` events to a new log in `directory` (the application's configuration, so that
    /// `mutualise serve` and `mutualise token issue` open it as they open any data folder).
    static func generate(directory: String, events count: Int, seed: UInt64, rooms: Int = 1000,
                         progress: (String) -> Void = { _ in }) async throws -> Summary {
        var configuration = EventLog.Configuration.application
        configuration.initialMapSize = max(1 << 30, count * 1200)
        let log = try EventLog(directory: directory, configuration: configuration)
        defer { log.close() }
        guard try log.headPosition() == 0 else { throw BenchError("\(directory) already holds a log: generate into an empty folder") }
        let start = ContinuousClock.now
        var state = State(seed: seed, rooms: rooms)
        var written = 0
        // Setup: structures, Phare, desks, rooms.
        written += try await appendRound(log, state.setup(), limit: count - written)
        var round = 0
        while written < count {
            written += try await appendRound(log, state.round(round), limit: count - written)
            round += 1
            if round % 10 == 0 { progress("generate: \(written)/\(count) events") }
        }
        return Summary(events: written, seconds: (ContinuousClock.now - start).seconds, rooms: rooms)
    }

    /// Appends one call per stream, all concurrently (group commit), trimmed to `limit` events.
    private static func appendRound(_ log: EventLog, _ calls: [(stream: String, events: [any DomainEvent])], limit: Int) async throws -> Int {
        var remaining = limit
        var trimmed: [(String, [ProposedEvent])] = []
        for call in calls where remaining > 0 {
            let events = call.events.prefix(remaining).map {
                ProposedEvent(type: $0.eventType, schemaVersion: $0.schemaVersion, payload: $0.encodedPayload())
            }
            remaining -= events.count
            if !events.isEmpty { trimmed.append((call.stream, events)) }
        }
        let written = limit - remaining
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (stream, events) in trimmed {
                group.addTask { _ = try await log.append(to: stream, expected: .any, events: events, metadata: metadata) }
            }
            try await group.waitForAll()
        }
        return written
    }

    /// What the generator has written so far (per room slots, pending applications, Phare requests).
    struct State {
        var rng: SeededGenerator
        let rooms: Int
        let roomIDs: [RoomID]
        let structureIDs: [StructureID]
        var nextSlot: [Int]
        var loanCounter = 0
        var applicationCounter = 0
        var phareCounter = 0
        var openPhare: [PhareRequestID] = []

        init(seed: UInt64, rooms: Int) {
            rng = SeededGenerator(seed: seed)
            self.rooms = rooms
            roomIDs = (0..<rooms).map { try! RoomID("salle-\($0)") }
            structureIDs = (0..<TerritoryGenerator.structures).map { try! StructureID("structure-\($0)") }
            nextSlot = Array(repeating: 0, count: rooms)
        }

        mutating func percent() -> Int { Int(rng.next() % 100) }

        /// Weekdays of a room's two openings (Monday = 0).
        static func openingDays(_ room: Int) -> (Int, Int) { (room % 5, (room + 2) % 5) }

        func owner(_ room: Int) -> StructureID { structureIDs[room % structureIDs.count] }

        mutating func setup() -> [(stream: String, events: [any DomainEvent])] {
            var calls: [(stream: String, events: [any DomainEvent])] = []
            let kinds = StructureKind.allCases
            for (i, id) in structureIDs.enumerated() {
                let details = StructureDetails(name: "Structure \(i) de l’économie sociale et solidaire", kind: kinds[i % kinds.count],
                                               address: Address(street: "\(i + 1) rue de Saint-Malo", postcode: "35000", city: "Rennes"),
                                               contactEmail: "contact@structure-\(i).example")
                var events: [any DomainEvent] = [StructureEvent.registered(StructureRegistered(id: id, details: details))]
                if i % 4 == 0 { events.append(StructureEvent.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: 400))) }
                calls.append((id.streamName, events))
            }
            calls.append((StreamNames.phare, [PhareEvent.capacitySet(PhareCapacitySet(total: 4000, perUse: [.bureaux: 2000, .commerce: 800, .services: 800, .hebergement: 400]))]))
            calls.append((SiteID.maisonESS.streamName, (0..<TerritoryGenerator.desks).map { d in
                PepiniereEvent.deskAdded(DeskAdded(desk: try! DeskID("bureau-\(d + 1)"), label: "Bureau \(d + 1)", floor: "\(d / 5 + 1)e"))
            }))
            let equipment = Equipment.allCases
            for (i, id) in roomIDs.enumerated() {
                let position = try! GeoPosition(latitude: 48.06 + Double(i % 40) * 0.002 + Double(rng.next() % 1000) * 0.000001,
                                                longitude: -1.74 + Double(i / 40) * 0.004 + Double(rng.next() % 1000) * 0.000001)
                let conditions: RoomConditions = switch i % 3 {
                case 0: .free
                case 1: .price(halfDayCents: 4000, dayCents: 7000)
                default: .exchange("Un coup de main pour l’assemblée générale")
                }
                let details = RoomDetails(
                    name: "Salle \(i)", address: Address(street: "\(i + 1) boulevard de la Liberté", postcode: "35000", city: "Rennes"),
                    position: position, capacity: 4 + i % 60, surface: 15 + Double(i % 120),
                    equipment: Array(equipment.prefix(1 + i % equipment.count)), equipmentNotes: i % 2 == 0 ? "Clés à l’accueil" : "",
                    stepFreeAccess: i % 3 != 2, conditions: conditions,
                    description: "Salle de réunion lumineuse, tables modulables, accès tram ligne \(i % 2 + 1).")
                let (a, b) = Self.openingDays(i)
                var events: [any DomainEvent] = [RoomEvent.offered(RoomOffered(id: id, owner: owner(i), details: details))]
                // A weekly pattern spans two years at most: 2026–2027, then 2028.
                var n = 0
                for (from, until) in [(TerritoryGenerator.firstMonday, try! LocalDate(iso: "2027-12-31")), (try! LocalDate(iso: "2028-01-03"), TerritoryGenerator.lastDay)] {
                    for day in [a, b] {
                        n += 1
                        let weekday = Weekday(rawValue: day + 1)!
                        let pattern = AvailabilityPattern.weekly(weekday: weekday, start: try! LocalTime(iso: "09:00"), end: try! LocalTime(iso: "18:00"),
                                                                 from: from, until: until)
                        events.append(RoomEvent.availabilityOpened(AvailabilityOpened(id: try! AvailabilityID("ouverture-\(n)"), pattern: pattern,
                                                                                      periods: try! pattern.periods())))
                    }
                }
                calls.append((id.streamName, events))
            }
            return calls
        }

        /// The next one-hour slot of `room` (wraps after three years: only very large logs get there).
        mutating func slot(_ room: Int) -> Period {
            let s = nextSlot[room] % TerritoryGenerator.slotsPerRoom
            nextSlot[room] += 1
            let week = s / 18, opening = (s % 18) / 9, hour = s % 9
            let (a, b) = Self.openingDays(room)
            let day = LocalDate(daysSinceEpoch: TerritoryGenerator.firstMonday.daysSinceEpoch + week * 7 + (opening == 0 ? a : b))
            let start = LocalDateTime(day, try! LocalTime(hour: 9 + hour, minute: 0))
            let end = LocalDateTime(day, try! LocalTime(hour: 10 + hour, minute: 0))
            return try! Period(paris: start, end, policy: .strict)
        }

        mutating func round(_ round: Int) -> [(stream: String, events: [any DomainEvent])] {
            var calls: [(stream: String, events: [any DomainEvent])] = []
            calls.reserveCapacity(rooms + 2)
            for room in 0..<rooms {
                var events: [any DomainEvent] = []
                events.reserveCapacity(TerritoryGenerator.loansPerBlock * 3)
                for _ in 0..<TerritoryGenerator.loansPerBlock {
                    loanCounter += 1
                    let loan = try! LoanID("pret-\(loanCounter)")
                    var borrower = structureIDs[Int(rng.next() % UInt64(structureIDs.count))]
                    if borrower == owner(room) { borrower = structureIDs[(room + 1) % structureIDs.count] }
                    events.append(RoomEvent.loanRequested(LoanRequested(loanID: loan, borrower: borrower, period: slot(room), people: 2 + percent() % 20,
                                                                        purpose: Self.purposes[Int(rng.next() % UInt64(Self.purposes.count))])))
                    switch percent() {
                    case 0..<55: events.append(RoomEvent.loanApproved(LoanApproved(loanID: loan)))
                    case 55..<65: events.append(RoomEvent.loanDeclined(LoanDeclined(loanID: loan, reason: "La salle est prise ce jour-là.")))
                    case 65..<75:
                        events.append(RoomEvent.loanApproved(LoanApproved(loanID: loan)))
                        events.append(RoomEvent.loanCancelled(LoanCancelled(loanID: loan, reason: "Réunion reportée.")))
                    case 75..<82: events.append(RoomEvent.loanCancelled(LoanCancelled(loanID: loan, reason: "Nous avons trouvé une autre salle.")))
                    default: break
                    }
                }
                calls.append((roomIDs[room].streamName, events))
            }
            // Le Phare: three requests a round, one older request allocated, one declined.
            var phare: [any DomainEvent] = []
            for _ in 0..<3 {
                phareCounter += 1
                let id = try! PhareRequestID("demande-\(phareCounter)")
                let use = PhareUse.allCases[Int(rng.next() % UInt64(PhareUse.allCases.count))]
                phare.append(PhareEvent.spaceRequested(SpaceRequested(id: id, structure: structureIDs[Int(rng.next() % UInt64(structureIDs.count))],
                                                                      use: use, surface: Double(20 + percent() * 3), wishedDate: nil,
                                                                      notes: "Besoin d’un local pour l’activité")))
                openPhare.append(id)
            }
            if openPhare.count > 6 {
                phare.append(PhareEvent.spaceAllocated(SpaceAllocated(id: openPhare.removeFirst(), surface: 40)))
                phare.append(PhareEvent.spaceRequestDeclined(SpaceRequestDeclined(id: openPhare.removeFirst(), reason: "Plus de surface disponible")))
            }
            calls.append((StreamNames.phare, phare))
            // Pépinière: two applications a round; one goes through offer and allocation, one waits.
            var pepiniere: [any DomainEvent] = []
            let day = LocalDate(daysSinceEpoch: TerritoryGenerator.firstMonday.daysSinceEpoch + round * 14)
            let desk = try! DeskID("bureau-\(round % TerritoryGenerator.desks + 1)")
            for k in 0..<2 {
                applicationCounter += 1
                let application = try! ApplicationID("candidature-\(applicationCounter)")
                var sealed: [UInt8] = []
                for _ in 0..<8 { withUnsafeBytes(of: rng.next()) { sealed.append(contentsOf: $0) } }
                pepiniere.append(PepiniereEvent.applicationSubmitted(DeskApplicationSubmitted(
                    application: application, person: try! PersonID("porteur-\(applicationCounter)"), projectName: "Projet \(applicationCounter)",
                    description: "Une coopérative de services de proximité", contact: .sealed(SealedBytes(sealed)),
                    submittedAt: Date(timeIntervalSince1970: 1_767_600_000 + Double(round) * 86_400))))
                if k == 0 {
                    let end = LocalDate(daysSinceEpoch: day.daysSinceEpoch + 182)
                    pepiniere.append(PepiniereEvent.deskOffered(DeskOffered(desk: desk, application: application, start: day, end: end, holdDays: 7,
                                                                            expiresAt: Date(timeIntervalSince1970: 1_767_600_000 + Double(round + 7) * 86_400),
                                                                            outOfOrderReason: nil)))
                    pepiniere.append(PepiniereEvent.deskOfferAccepted(DeskOfferAccepted(desk: desk, application: application)))
                    pepiniere.append(PepiniereEvent.deskAllocated(DeskAllocated(desk: desk, application: application, start: day, end: end, outOfOrderReason: nil)))
                } else {
                    pepiniere.append(PepiniereEvent.applicationWaitlisted(ApplicationWaitlisted(application: application)))
                }
            }
            calls.append((SiteID.maisonESS.streamName, pepiniere))
            return calls
        }

        static let purposes = [
            "Conseil d’administration", "Assemblée générale", "Atelier numérique", "Permanence juridique",
            "Formation des bénévoles", "Réunion de bureau", "Rencontre avec les adhérents", "Comité de pilotage",
        ]
    }
}

public import App
public import Domain
public import EventLog
public import Foundation

/// Why the demo history could not be loaded.
public enum DemoHistoryError: Error, Sendable, CustomStringConvertible {
    /// The log already holds events: the demo loads into an empty log only.
    case logNotEmpty(headPosition: UInt64)
    /// A command of the demo was refused (a bug in the demo data: every rule must pass).
    case refused(step: Int, command: String, error: AppError)
    /// The demo data holds an invalid value (identifier, date…).
    case invalidData(String)

    public var description: String {
        switch self {
        case .logNotEmpty(let head):
            return "the log already holds \(head) events: the demo history loads into an empty data folder only"
        case let .refused(step, command, error):
            return "demo step \(step) (\(command)) was refused: \(error)"
        case .invalidData(let what):
            return "invalid demo data: \(what)"
        }
    }
}

/// What loading the demo produced.
public struct DemoSummary: Sendable, Hashable, CustomStringConvertible {
    /// Commands executed.
    public var commands = 0
    /// Events recorded.
    public var events = 0
    /// Head position of the log after loading.
    public var headPosition: UInt64 = 0
    /// Structures registered (members, the pôle and the Mutuelle Radiance).
    public var structures = 0
    /// Rooms offered on Carte-ouverte.
    public var rooms = 0
    /// Availability periods opened (weekly patterns and one-off openings).
    public var availabilities = 0
    /// Loan requests.
    public var loansRequested = 0
    /// Loans approved and not cancelled that start in 2012 (Europe/Paris).
    public var loansHeldIn2012 = 0
    /// Loans declined.
    public var loansDeclined = 0
    /// Loans cancelled.
    public var loansCancelled = 0
    /// Desks of the pépinière.
    public var desks = 0
    /// Applications submitted to the pépinière.
    public var applications = 0
    /// Distinct projects with an allocation overlapping 2012.
    public var projectsHostedIn2012 = 0
    /// Allocations starting in 2012.
    public var entriesIn2012 = 0
    /// Exits (`pepiniere.projectLeft.v1`) dated in 2012.
    public var exitsIn2012 = 0
    /// Applications on the waiting list at the end of the history.
    public var waitingAtEnd = 0
    /// Le Phare: requests, m² requested, m² allocated, requests declined.
    public var phareRequests = 0
    public var phareRequestedSquareMetres: Double = 0
    public var phareAllocatedSquareMetres: Double = 0
    public var phareDeclined = 0
    /// First and last simulated instants.
    public var firstInstant: Date?
    public var lastInstant: Date?

    public init() {}

    public var description: String {
        """
        \(commands) commandes, \(events) événements (position \(headPosition))
        structures : \(structures) ; salles : \(rooms) ; disponibilités : \(availabilities)
        prêts demandés : \(loansRequested) ; tenus en 2012 : \(loansHeldIn2012) ; refusés : \(loansDeclined) ; annulés : \(loansCancelled)
        pépinière : \(desks) bureaux, \(applications) candidatures, \(projectsHostedIn2012) projets hébergés en 2012, \(entriesIn2012) entrée, \(exitsIn2012) sortie, \(waitingAtEnd) en attente
        Phare : \(phareRequests) demandes, \(Int(phareRequestedSquareMetres)) m² demandés, \(Int(phareAllocatedSquareMetres)) m² attribués, \(phareDeclined) refusée
        """
    }
}

/// The pôle ESS of the Pays de Rennes in 2011–2012, replayed as real commands through
/// ``App/CommandService`` so that every domain rule is checked. Each command runs with the
/// simulated instant of the history as `now` and as recorded-at, in time order. See
/// docs/demo-data.md for what comes from the 2012 activity report and what is invented.
public enum DemoHistory {
    /// The coordinator who loads the history.
    public static let coordinator = Actor.coordinator("demo")

    /// True when the log holds no event.
    public static func isEmpty(_ log: EventLog) throws -> Bool {
        try log.headPosition() == 0
    }

    /// Number of commands the history runs (for progress bars).
    public static func commandCount() throws -> Int {
        try script().count
    }

    /// Loads the history into the service's log, which must be empty.
    /// - Parameter progress: called after each command with (done, total).
    /// - Throws: ``DemoHistoryError/logNotEmpty(headPosition:)`` when the log holds events (nothing
    ///   is written); ``DemoHistoryError/refused(step:command:error:)`` if a rule refuses a command.
    public static func load(into service: CommandService, progress: ((Int, Int) -> Void)? = nil) async throws -> DemoSummary {
        let head = try service.log.headPosition()
        guard head == 0 else { throw DemoHistoryError.logNotEmpty(headPosition: head) }
        let steps = try script()
        var summary = DemoSummary()
        for (index, step) in steps.enumerated() {
            let options = CommandOptions(now: step.at, recordedAt: step.at)
            let count: Int
            do {
                count = try await run(step.command, on: service, options: options)
            } catch {
                throw DemoHistoryError.refused(step: index + 1, command: step.label, error: error)
            }
            summary.commands += 1
            summary.events += count
            progress?(index + 1, steps.count)
        }
        summary.firstInstant = steps.first?.at
        summary.lastInstant = steps.last?.at
        summary.headPosition = try service.log.headPosition()
        try tally(into: &summary, service: service)
        return summary
    }

    // MARK: - Running

    /// One command of the history and the stream it addresses.
    enum Command: Sendable {
        case structure(StructureID, StructureCommand, Actor, [StructureID])
        case room(RoomID, RoomCommand, Actor, [StructureID])
        case pepiniere(PepiniereCommand, Actor)
        case phare(PhareCommand, Actor, [StructureID])
    }

    /// A command at a simulated instant.
    struct Step: Sendable {
        let at: Date
        let label: String
        let command: Command
    }

    static func run(_ command: Command, on service: CommandService, options: CommandOptions) async throws(AppError) -> Int {
        switch command {
        case let .structure(id, command, actor, structures):
            return try await service.execute(StructureDecider.self, stream: id.streamName, command: command, actor: actor, structures: structures, options: options).events.count
        case let .room(id, command, actor, structures):
            return try await service.execute(RoomDecider.self, stream: id.streamName, command: command, actor: actor, structures: structures, options: options).events.count
        case let .pepiniere(command, actor):
            return try await service.execute(PepiniereDecider.self, stream: SiteID.maisonESS.streamName, command: command, actor: actor, options: options).events.count
        case let .phare(command, actor, structures):
            return try await service.execute(PhareDecider.self, stream: StreamNames.phare, command: command, actor: actor, structures: structures, options: options).events.count
        }
    }

    // MARK: - The script

    /// Every command of the history, sorted by instant (ties keep the order of the tables).
    static func script() throws -> [Step] {
        var steps: [Step] = []
        func add(_ at: String, _ label: String, _ command: Command) throws {
            steps.append(Step(at: try instant(at), label: label, command: command))
        }

        // Structures, registered by the coordinator when the platform opens (September 2011).
        let all = DemoStructures.others + DemoStructures.members
        for (index, entry) in all.enumerated() {
            let id = try StructureID(entry.id)
            let minute = String(format: "%02d", index % 60)
            try add("2011-09-01T0\(8 + index / 60):\(minute)", "register \(entry.id)",
                    .structure(id, .register(id: id, details: StructureDetails(name: entry.name, kind: entry.kind)), coordinator, []))
        }

        // Pépinière desks.
        for desk in DemoPepiniere.desks {
            try add(DemoPepiniere.desksAddedAt, "add desk \(desk.id)",
                    .pepiniere(.addDesk(id: try DeskID(desk.id), label: desk.label, floor: DemoPepiniere.floor), coordinator))
        }

        // Rooms: offered by their owner, rules set, availability opened a few minutes later.
        for room in DemoRooms.rooms {
            let id = try RoomID(room.id)
            let owner = try StructureID(room.owner)
            let actor = Actor.structure(owner)
            let details = RoomDetails(
                name: room.name, address: Address(street: room.street, postcode: room.postcode, city: room.city),
                position: try GeoPosition(latitude: room.latitude, longitude: room.longitude),
                capacity: room.capacity, surface: room.surface, equipment: room.equipment, equipmentNotes: room.equipmentNotes,
                stepFreeAccess: room.stepFree, conditions: room.conditions, description: room.description)
            let offered = try LocalDateTime(iso: room.offeredAt)
            try add(room.offeredAt, "offer \(room.id)", .room(id, .offer(id: id, owner: owner, details: details), actor, [owner]))
            if let rules = room.rules {
                try add(room.offeredAt, "rules \(room.id)", .room(id, .setRules(rules), actor, []))
            }
            let until = try LocalDate(iso: "2012-12-31")
            for (n, weekly) in room.weekly.enumerated() {
                let pattern = AvailabilityPattern.weekly(
                    weekday: weekly.0, start: try LocalTime(iso: weekly.1), end: try LocalTime(iso: weekly.2),
                    from: offered.date, until: until)
                try add(room.offeredAt, "open \(room.id) weekly", .room(id, .openAvailability(id: try AvailabilityID("hebdo-\(n + 1)"), pattern: pattern), actor, []))
            }
            for (n, once) in room.once.enumerated() {
                let pattern = AvailabilityPattern.once(start: try LocalDateTime(iso: once.0), end: try LocalDateTime(iso: once.1))
                try add(room.offeredAt, "open \(room.id) once", .room(id, .openAvailability(id: try AvailabilityID("ponctuel-\(n + 1)"), pattern: pattern), actor, []))
            }
        }

        // Loans: requested by the borrower, decided by the owner.
        let owners = Dictionary(uniqueKeysWithValues: DemoRooms.rooms.map { ($0.id, $0.owner) })
        for loan in DemoRooms.loans {
            guard let ownerName = owners[loan.room] else { throw DemoHistoryError.invalidData("loan \(loan.id) names an unknown room \(loan.room)") }
            let room = try RoomID(loan.room)
            let owner = Actor.structure(try StructureID(ownerName))
            let borrower = try StructureID(loan.borrower)
            let id = try LoanID(loan.id)
            let request = LoanRequest(loanID: id, borrower: borrower, start: try LocalDateTime(iso: loan.start), end: try LocalDateTime(iso: loan.end),
                                      people: loan.people, purpose: loan.purpose)
            try add(loan.requestedAt, "request \(loan.id)", .room(room, .requestLoan(request), .structure(borrower), [borrower]))
            switch loan.decision {
            case .approve(let at):
                try add(at, "approve \(loan.id)", .room(room, .approveLoan(id), owner, []))
            case let .decline(at, reason):
                try add(at, "decline \(loan.id)", .room(room, .declineLoan(id, reason: reason), owner, []))
            case let .approveThenCancel(approvedAt, cancelledAt, reason):
                try add(approvedAt, "approve \(loan.id)", .room(room, .approveLoan(id), owner, []))
                try add(cancelledAt, "cancel \(loan.id)", .room(room, .cancelLoan(id, reason: reason), .structure(borrower), []))
            }
        }

        // Pépinière applications (by their porteur) and the coordinator's decisions.
        let persons = Dictionary(uniqueKeysWithValues: DemoPepiniere.applications.map { ($0.id, $0.person) })
        for app in DemoPepiniere.applications {
            let id = try ApplicationID(app.id)
            let person = try PersonID(app.person)
            let submission = ApplicationSubmission(id: id, person: person, projectName: app.project, description: app.description,
                                                   contact: Contact(name: app.contactName, email: app.email, phone: app.phone))
            try add(app.submittedAt, "submit \(app.id)", .pepiniere(.submitApplication(submission), .porteur(person)))
            if let waitlisted = app.waitlistedAt {
                try add(waitlisted, "waitlist \(app.id)", .pepiniere(.waitlist(id), coordinator))
            }
        }
        for action in DemoPepiniere.actions {
            switch action {
            case let .allocate(at, desk, application, start, end):
                try add(at, "allocate \(desk) to \(application)", .pepiniere(.allocate(
                    try DeskID(desk), application: try ApplicationID(application),
                    start: try LocalDate(iso: start), end: try LocalDate(iso: end), outOfOrderReason: nil), coordinator))
            case let .extend(at, application, newEnd):
                try add(at, "extend \(application)", .pepiniere(.extend(try ApplicationID(application), newEnd: try LocalDate(iso: newEnd)), coordinator))
            case let .recordExit(at, application, on, reason):
                try add(at, "exit \(application)", .pepiniere(.recordExit(try ApplicationID(application), on: try LocalDate(iso: on), reason: reason), coordinator))
            case let .reject(at, application, reason):
                try add(at, "reject \(application)", .pepiniere(.reject(try ApplicationID(application), reason: reason), coordinator))
            case let .offerAndAccept(at, desk, start, end, holdDays, acceptedAt):
                try add(at, "offer \(desk)", .pepiniere(.offerDesk(
                    try DeskID(desk), application: nil, start: try LocalDate(iso: start), end: try LocalDate(iso: end),
                    holdDays: holdDays, outOfOrderReason: nil), coordinator))
                // The first of the list at that time accepts; the script knows who it is.
                guard let first = firstWaiting(at: try instant(at)) else {
                    throw DemoHistoryError.invalidData("no application waiting when \(desk) is offered")
                }
                guard let person = persons[first] else { throw DemoHistoryError.invalidData("unknown application \(first)") }
                try add(acceptedAt, "accept \(desk)", .pepiniere(.acceptOffer(try ApplicationID(first)), .porteur(try PersonID(person))))
            }
        }

        // Le Phare.
        try add(DemoPhare.capacitySetAt, "phare capacity", .phare(.setCapacity(total: DemoPhare.total, perUse: DemoPhare.perUse), coordinator, []))
        for request in DemoPhare.requests {
            let structure = try StructureID(request.structure)
            let space = PhareSpaceRequest(id: try PhareRequestID(request.id), structure: structure, use: request.use, surface: request.surface,
                                          wishedDate: try request.wishedDate.map { (text: String) throws(DomainError) in try LocalDate(iso: text) },
                                          notes: request.notes)
            try add(request.requestedAt, "phare request \(request.id)", .phare(.requestSpace(space), .structure(structure), [structure]))
        }
        for allocation in DemoPhare.allocations {
            try add(allocation.at, "phare allocate \(allocation.request)", .phare(.allocate(try PhareRequestID(allocation.request), surface: allocation.surface), coordinator, []))
        }
        for decline in DemoPhare.declines {
            try add(decline.at, "phare decline \(decline.request)", .phare(.decline(try PhareRequestID(decline.request), reason: decline.reason), coordinator, []))
        }

        return steps.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
    }

    /// The first application on the waiting list at `instant`, from the tables (waitlisted, not
    /// yet allocated, rejected or offered before that instant).
    static func firstWaiting(at instant: Date) -> String? {
        var taken: Set<String> = []
        for action in DemoPepiniere.actions {
            switch action {
            case let .allocate(at, _, application, _, _), let .reject(at, application, _):
                if let when = try? self.instant(at), when <= instant { taken.insert(application) }
            default: break
            }
        }
        let waiting = DemoPepiniere.applications.compactMap { app -> (Date, String)? in
            guard let text = app.waitlistedAt, let when = try? self.instant(text), when <= instant, !taken.contains(app.id) else { return nil }
            return (when, app.id)
        }
        return waiting.min { $0.0 < $1.0 }?.1
    }

    /// A Europe/Paris wall-clock time (`YYYY-MM-DDTHH:MM`) as an instant.
    static func instant(_ text: String) throws -> Date {
        try ParisTime.instant(try LocalDateTime(iso: text))
    }

    // MARK: - Figures

    /// Fills the figures from the streams' states after loading.
    static func tally(into summary: inout DemoSummary, service: CommandService) throws {
        summary.structures = DemoStructures.members.count + DemoStructures.others.count
        summary.rooms = DemoRooms.rooms.count
        summary.availabilities = DemoRooms.rooms.reduce(0) { $0 + $1.weekly.count + $1.once.count }
        let yearStart = try instant("2012-01-01T00:00"), yearEnd = try instant("2013-01-01T00:00")
        for room in DemoRooms.rooms {
            let (state, _) = try service.load(RoomDecider.self, stream: try RoomID(room.id).streamName)
            for loan in state.loans.values {
                summary.loansRequested += 1
                switch loan.status {
                case .approved where loan.period.start >= yearStart && loan.period.start < yearEnd:
                    summary.loansHeldIn2012 += 1
                case .declined: summary.loansDeclined += 1
                case .cancelled: summary.loansCancelled += 1
                default: break
                }
            }
        }
        let (pepiniere, _) = try service.load(PepiniereDecider.self, stream: SiteID.maisonESS.streamName)
        let first = try LocalDate(iso: "2012-01-01"), next = try LocalDate(iso: "2013-01-01")
        summary.desks = pepiniere.desks.values.filter { !$0.isRemoved }.count
        summary.applications = pepiniere.applications.count
        let hosted = pepiniere.allocations.values.filter { $0.start < next && $0.end > first }
        summary.projectsHostedIn2012 = Set(hosted.map(\.application)).count
        summary.entriesIn2012 = pepiniere.allocations.values.filter { $0.start >= first && $0.start < next }.count
        summary.exitsIn2012 = pepiniere.allocations.values.filter { $0.hasLeft && $0.end >= first && $0.end < next }.count
        summary.waitingAtEnd = pepiniere.waitingList.count
        let (phare, _) = try service.load(PhareDecider.self, stream: StreamNames.phare)
        summary.phareRequests = phare.requests.count
        summary.phareRequestedSquareMetres = phare.requests.values.reduce(0) { $0 + $1.surface }
        summary.phareAllocatedSquareMetres = phare.allocatedTotal
        summary.phareDeclined = phare.requests.values.filter { if case .declined = $0.status { true } else { false } }.count
    }
}

import Foundation

/// Rules of a `pepiniere-{site}` stream.
public enum PepiniereDecider: Decider {
    /// No desks, no applications.
    public static var initialState: PepiniereState { PepiniereState() }

    /// The latest allowed end of an allocation starting on `start`: the same day one calendar year
    /// later, 29 February giving 28 February.
    public static func latestEnd(forStart start: LocalDate) -> LocalDate { start.adding(years: 1) }

    /// Decides a pépinière command.
    public static func decide(_ command: PepiniereCommand, state: PepiniereState, context: CommandContext) throws(DomainError) -> [PepiniereEvent] {
        let today = ParisTime.date(context.now)
        switch command {
        case .addDesk(let id, let label, let floor):
            try context.requireCoordinator("ajouter un bureau")
            guard state.desks[id] == nil else {
                throw DomainError(.deskAlreadyExists, field: "deskId", "Le bureau \(id) existe déjà.")
            }
            return [.deskAdded(DeskAdded(desk: id, label: try Validate.text(label, field: "label", label: "libellé"),
                                         floor: try Validate.boundedText(floor, field: "floor", label: "étage", max: 100)))]

        case .removeDesk(let id):
            try context.requireCoordinator("retirer un bureau")
            _ = try usableDesk(id, state)
            if state.offers[id] != nil || state.allocations(of: id).contains(where: { $0.end > today }) {
                throw DomainError(.deskBusy, field: "deskId", "Le bureau \(id) est attribué ou proposé : libérez-le avant de le retirer.")
            }
            return [.deskRemoved(DeskRemoved(desk: id))]

        case .submitApplication(let s):
            switch context.actor {
            case .coordinator: break
            case .porteur(let p) where p == s.person: break
            default:
                throw DomainError(.notApplicant, field: "person", "Un porteur de projet ne peut candidater qu’en son nom propre.")
            }
            // A site exists once the coordinator has added a desk to it: an application alone
            // may not open a new `pepiniere-{site}` stream.
            guard !state.desks.isEmpty || context.actor.isCoordinator else {
                throw DomainError(.siteNotFound, field: "site", "Ce site de la pépinière n’existe pas : seule la coordination ouvre un site, en y ajoutant des bureaux.")
            }
            guard state.applications[s.id] == nil else {
                throw DomainError(.applicationAlreadyExists, field: "applicationId", "La candidature \(s.id) existe déjà.")
            }
            let name = try Validate.text(s.projectName, field: "projectName", label: "nom du projet")
            let description = try Validate.boundedText(s.description, field: "description", label: "description", max: Validate.descriptionLimit)
            let contact = try s.contact.validated()
            let key = name.lowercased()
            if let other = state.applications.values.first(where: { $0.projectName.lowercased() == key && $0.isOpen }) {
                throw DomainError(.applicationDuplicateProject, field: "projectName",
                                  "Le projet « \(name) » a déjà une candidature en cours (\(other.id)) : un bureau par projet.")
            }
            return [.applicationSubmitted(DeskApplicationSubmitted(application: s.id, person: s.person, projectName: name,
                                                                   description: description, contact: .clear(contact),
                                                                   submittedAt: context.now))]

        case .waitlist(let id):
            try context.requireCoordinator("inscrire une candidature sur la liste d’attente")
            let app = try application(id, state)
            guard app.status == .submitted else {
                throw DomainError(.applicationNotSubmitted, field: "applicationId", "La candidature \(id) n’est plus à examiner.")
            }
            return [.applicationWaitlisted(ApplicationWaitlisted(application: id))]

        case .reject(let id, let reason):
            try context.requireCoordinator("refuser une candidature")
            let app = try application(id, state)
            switch app.status {
            case .submitted, .waitlisted, .offered: break
            default:
                throw DomainError(.applicationNotWaiting, field: "applicationId", "La candidature \(id) n’est plus en attente : elle ne peut être refusée.")
            }
            var events: [PepiniereEvent] = []
            if case .offered(let desk) = app.status {
                events.append(.deskOfferLapsed(DeskOfferLapsed(desk: desk, application: id)))
            }
            events.append(.applicationRejected(ApplicationRejected(application: id, reason: try Validate.reason(reason))))
            return events

        case .offerDesk(let deskID, let chosen, let start, let end, let holdDays, let reason):
            try context.requireCoordinator("proposer un bureau")
            guard (1...30).contains(holdDays) else {
                throw DomainError(.invalidHoldDays, field: "holdDays", "Le délai de réponse doit être de 1 à 30 jours.")
            }
            _ = try usableDesk(deskID, state)
            guard state.offers[deskID] == nil else {
                throw DomainError(.deskUnderOffer, field: "deskId", "Le bureau \(deskID) est déjà proposé à une autre candidature.")
            }
            guard let first = state.firstWaitingWithoutOffer else {
                throw DomainError(.offerNoCandidate, field: "applicationId", "Aucun projet de la liste d’attente n’attend de proposition : la liste est vide, ou chaque projet a déjà un bureau proposé.")
            }
            let appID = chosen ?? first
            let app = try application(appID, state)
            guard app.status == .waitlisted else {
                throw DomainError(.applicationNotWaiting, field: "applicationId", "La candidature \(appID) n’est pas sur la liste d’attente.")
            }
            let why = try outOfOrder(appID, first: first, reason: reason, state: state)
            try checkPeriod(deskID, start: start, end: end, today: today, state: state, ignoring: nil)
            let expires = (try? ParisTime.instant(LocalDateTime(today.adding(days: holdDays), ParisTime.local(context.now).time), policy: .shiftForward))
                ?? context.now.addingTimeInterval(Double(holdDays) * 86_400)
            return [.deskOffered(DeskOffered(desk: deskID, application: appID, start: start, end: end, holdDays: holdDays,
                                             expiresAt: expires, outOfOrderReason: why))]

        case .acceptOffer(let id):
            let app = try application(id, state)
            switch context.actor {
            case .coordinator: break
            case .porteur(let p) where p == app.person: break
            default:
                throw DomainError(.notApplicant, field: nil, "Seul le porteur de ce projet ou la coordination peut accepter l’offre.")
            }
            guard case .offered(let deskID) = app.status, let offer = state.offers[deskID] else {
                throw DomainError(.offerNotFound, field: "applicationId", "Aucun bureau n’est proposé à la candidature \(id).")
            }
            guard context.now < offer.expiresAt else {
                throw DomainError(.offerLapsed, field: "applicationId", "L’offre a expiré le \(ParisTime.french(offer.expiresAt)).")
            }
            return [.deskOfferAccepted(DeskOfferAccepted(desk: deskID, application: id)),
                    .deskAllocated(DeskAllocated(desk: deskID, application: id, start: offer.start, end: offer.end, outOfOrderReason: nil))]

        case .lapseOffer(let deskID):
            guard context.actor.isCoordinator || context.actor == .system else {
                throw DomainError(.coordinatorOnly, field: nil, "Seule la coordination peut constater l’expiration d’une offre.")
            }
            guard let offer = state.offers[deskID] else {
                throw DomainError(.offerNotFound, field: "deskId", "Aucune offre en cours pour le bureau \(deskID).")
            }
            guard context.now >= offer.expiresAt else {
                throw DomainError(.offerNotLapsed, field: "deskId", "L’offre court jusqu’au \(ParisTime.french(offer.expiresAt)).")
            }
            var events: [PepiniereEvent] = [.deskOfferLapsed(DeskOfferLapsed(desk: deskID, application: offer.application))]
            if let next = state.firstWaitingWithoutOffer {
                let expires = (try? ParisTime.instant(LocalDateTime(today.adding(days: offer.holdDays), ParisTime.local(context.now).time), policy: .shiftForward))
                    ?? context.now.addingTimeInterval(Double(offer.holdDays) * 86_400)
                let start = max(offer.start, today)
                let end = min(offer.end, latestEnd(forStart: start))
                if start < end {
                    events.append(.deskOffered(DeskOffered(desk: deskID, application: next, start: start, end: end,
                                                           holdDays: offer.holdDays, expiresAt: expires, outOfOrderReason: nil)))
                }
            }
            return events

        case .allocate(let deskID, let appID, let start, let end, let reason):
            try context.requireCoordinator("attribuer un bureau")
            _ = try usableDesk(deskID, state)
            let app = try application(appID, state)
            if case .allocated(let held) = app.status {
                throw DomainError(.projectAlreadyHasDesk, field: "applicationId", "Le projet « \(app.projectName) » a déjà le bureau \(held) : un bureau par projet.")
            }
            guard app.status == .waitlisted else {
                throw DomainError(.applicationNotWaiting, field: "applicationId", "La candidature \(appID) n’est pas sur la liste d’attente.")
            }
            if let offer = state.offers[deskID], offer.application != appID {
                throw DomainError(.deskUnderOffer, field: "deskId", "Le bureau \(deskID) est proposé à la candidature \(offer.application) jusqu’au \(ParisTime.french(offer.expiresAt)).")
            }
            let why = try outOfOrder(appID, first: state.firstWaitingWithoutOffer ?? appID, reason: reason, state: state)
            try checkPeriod(deskID, start: start, end: end, today: today, state: state, ignoring: nil)
            return [.deskAllocated(DeskAllocated(desk: deskID, application: appID, start: start, end: end, outOfOrderReason: why))]

        case .extend(let appID, let newEnd):
            try context.requireCoordinator("prolonger une attribution")
            guard let alloc = state.allocations[appID], !alloc.hasLeft else {
                throw DomainError(.allocationNotFound, field: "applicationId", "La candidature \(appID) n’a pas de bureau attribué.")
            }
            guard newEnd > alloc.end else {
                throw DomainError(.extensionNotLater, field: "newEnd", "La nouvelle fin doit suivre la fin actuelle (\(alloc.end.french)).")
            }
            try checkOneYear(start: alloc.start, end: newEnd, field: "newEnd")
            if let other = state.allocations(of: alloc.desk).first(where: { $0.application != appID && $0.start < newEnd && alloc.end < $0.end }) {
                throw DomainError(.deskOccupied, field: "newEnd", "Le bureau \(alloc.desk) est attribué à \(other.application) à partir du \(other.start.french).")
            }
            return [.allocationExtended(AllocationExtended(application: appID, desk: alloc.desk, newEnd: newEnd))]

        case .recordExit(let appID, let date, let reason):
            try context.requireCoordinator("enregistrer un départ")
            guard let alloc = state.allocations[appID], !alloc.hasLeft else {
                throw DomainError(.allocationNotFound, field: "applicationId", "La candidature \(appID) n’a pas de bureau attribué.")
            }
            guard date >= alloc.start, date <= alloc.end else {
                throw DomainError(.exitOutsideAllocation, field: "date", "La date de départ doit tomber entre le \(alloc.start.french) et le \(alloc.end.french).")
            }
            let r = try Validate.optionalText(reason, field: "reason", label: "motif", max: Validate.reasonLimit)
            return [.projectLeft(ProjectLeft(application: appID, desk: alloc.desk, date: date, reason: r))]
        }
    }

    // MARK: - Checks

    static func usableDesk(_ id: DeskID, _ state: PepiniereState) throws(DomainError) -> Desk {
        guard let desk = state.desks[id] else {
            throw DomainError(.deskNotFound, field: "deskId", "Le bureau \(id) n’existe pas.")
        }
        guard !desk.isRemoved else {
            throw DomainError(.deskRemoved, field: "deskId", "Le bureau \(id) a été retiré.")
        }
        return desk
    }

    static func application(_ id: ApplicationID, _ state: PepiniereState) throws(DomainError) -> DeskApplication {
        guard let app = state.applications[id] else {
            throw DomainError(.applicationNotFound, field: "applicationId", "La candidature \(id) n’existe pas.")
        }
        return app
    }

    static func outOfOrder(_ id: ApplicationID, first: ApplicationID, reason: String?, state: PepiniereState) throws(DomainError) -> String? {
        guard id != first else { return try Validate.optionalText(reason, field: "outOfOrderReason", label: "motif", max: Validate.reasonLimit) }
        guard let r = try Validate.optionalText(reason, field: "outOfOrderReason", label: "motif", max: Validate.reasonLimit) else {
            throw DomainError(.allocationOutOfOrder, field: "outOfOrderReason",
                              "La candidature \(first) précède \(id) sur la liste d’attente (\(state.position(of: id).map { "rang \($0)" } ?? "hors liste")) : indiquez par écrit pourquoi vous dérogez à l’ordre.")
        }
        return r
    }

    static func checkOneYear(start: LocalDate, end: LocalDate, field: String) throws(DomainError) {
        let latest = latestEnd(forStart: start)
        guard end <= latest else {
            throw DomainError(.allocationTooLong, field: field,
                              "Un bureau s’attribue pour un an au plus, prolongations comprises : commencé le \(start.french), il doit être libéré le \(latest.french) au plus tard.")
        }
    }

    static func checkPeriod(_ desk: DeskID, start: LocalDate, end: LocalDate, today: LocalDate, state: PepiniereState,
                            ignoring: ApplicationID?) throws(DomainError) {
        guard end > start else {
            throw DomainError(.endNotAfterStart, field: "end", "La fin doit suivre le début.")
        }
        guard start >= today else {
            throw DomainError(.allocationInPast, field: "start", "Une attribution ne peut commencer avant aujourd’hui (\(today.french)).")
        }
        try checkOneYear(start: start, end: end, field: "end")
        if let other = state.allocations(of: desk).first(where: { $0.application != ignoring && $0.start < end && start < $0.end }) {
            throw DomainError(.deskOccupied, field: "deskId",
                              "Le bureau \(desk) est attribué à \(other.application) du \(other.start.french) au \(other.end.french).")
        }
    }

    /// Applies a pépinière event.
    public static func evolve(_ s: inout PepiniereState, _ event: PepiniereEvent) {
        switch event {
        case .deskAdded(let e):
            s.desks[e.desk] = Desk(id: e.desk, label: e.label, floor: e.floor, isRemoved: false)
        case .deskRemoved(let e):
            s.desks[e.desk]?.isRemoved = true
        case .applicationSubmitted(let e):
            s.applications[e.application] = DeskApplication(id: e.application, person: e.person, projectName: e.projectName,
                                                            description: e.description, contact: e.contact,
                                                            submittedAt: e.submittedAt, status: .submitted)
        case .applicationWaitlisted(let e):
            s.applications[e.application]?.status = .waitlisted
            s.waitingList.append(e.application)
        case .applicationRejected(let e):
            s.applications[e.application]?.status = .rejected(reason: e.reason)
            s.waitingList.removeAll { $0 == e.application }
        case .deskOffered(let e):
            s.applications[e.application]?.status = .offered(e.desk)
            s.offers[e.desk] = DeskOffer(desk: e.desk, application: e.application, start: e.start, end: e.end,
                                         holdDays: e.holdDays, expiresAt: e.expiresAt)
        case .deskOfferAccepted(let e):
            s.offers[e.desk] = nil
            s.applications[e.application]?.status = .waitlisted
        case .deskOfferLapsed(let e):
            s.offers[e.desk] = nil
            s.applications[e.application]?.status = .waitlisted
            s.waitingList.removeAll { $0 == e.application }
            s.waitingList.append(e.application)
        case .deskAllocated(let e):
            s.applications[e.application]?.status = .allocated(e.desk)
            s.waitingList.removeAll { $0 == e.application }
            s.allocations[e.application] = DeskAllocation(application: e.application, desk: e.desk, start: e.start,
                                                          end: e.end, hasLeft: false)
        case .allocationExtended(let e):
            s.allocations[e.application]?.end = e.newEnd
        case .projectLeft(let e):
            s.allocations[e.application]?.end = e.date
            s.allocations[e.application]?.hasLeft = true
            s.applications[e.application]?.status = .left
        }
    }
}

extension DeskApplication {
    /// Submitted, waiting, offered or allocated (not rejected, not gone).
    var isOpen: Bool {
        switch status {
        case .rejected, .left: false
        default: true
        }
    }
}

import Foundation

/// Rules of a `room-{id}` stream.
public enum RoomDecider: Decider {
    /// Not offered.
    public static var initialState: RoomState { RoomState() }

    /// Decides a room command.
    public static func decide(_ command: RoomCommand, state: RoomState, context: CommandContext) throws(DomainError) -> [RoomEvent] {
        switch command {
        case .offer(let id, let owner, let details):
            guard context.actor.isCoordinatorOrStructure(owner) else {
                throw DomainError(.roomNotOwner, field: "owner", "Une structure ne peut proposer une salle qu’en son nom propre.")
            }
            guard state.id == nil else {
                throw DomainError(.roomAlreadyOffered, field: "roomId", "La salle \(id) est déjà proposée.")
            }
            try context.requireRegistered(owner, field: "owner")
            return [.offered(RoomOffered(id: id, owner: owner, details: try details.validated()))]

        case .changeDetails(let details):
            try requireOwner(state, context)
            let v = try details.validated()
            return v == state.details ? [] : [.detailsChanged(RoomDetailsChanged(details: v))]

        case .setRules(let rules):
            try requireOwner(state, context)
            let v = try rules.validated()
            return v == state.rules ? [] : [.rulesSet(RoomRulesSet(rules: v))]

        case .withdraw(let reason):
            try requireOwner(state, context)
            let r = try Validate.reason(reason)
            var events: [RoomEvent] = [.withdrawn(RoomWithdrawn(reason: r))]
            let future = state.loans.values.filter { $0.status.isActive && $0.period.start > context.now }
                .sorted { ($0.period.start, $0.id) < ($1.period.start, $1.id) }
            for loan in future {
                events.append(.loanCancelled(LoanCancelled(loanID: loan.id, reason: "Salle retirée par la structure : \(r)")))
            }
            return events

        case .openAvailability(let id, let pattern):
            try requireOwner(state, context)
            try requireNewAvailability(id, state)
            let periods = try pattern.periods()
            guard !periods.isEmpty else {
                throw DomainError(.availabilityEmpty, field: "weekday", "Aucune date de cette période ne tombe le jour de semaine choisi.")
            }
            return [.availabilityOpened(AvailabilityOpened(id: id, pattern: pattern, periods: periods))]

        case .openAvailabilityPeriod(let id, let start, let end):
            try requireOwner(state, context)
            try requireNewAvailability(id, state)
            let period = try Period(given: start, end)
            return [.availabilityOpened(AvailabilityOpened(id: id, pattern: .once(start: start.local, end: end.local), periods: [period]))]

        case .closeAvailability(let id):
            try requireOwner(state, context)
            guard state.availability[id] != nil else {
                throw DomainError(.availabilityNotFound, field: "availabilityId", "La disponibilité \(id) n’existe pas ou est déjà fermée.")
            }
            return [.availabilityClosed(AvailabilityClosed(id: id))]

        case .requestLoan(let request):
            return [.loanRequested(try decideLoan(request, state: state, context: context))]

        case .requestLoanSeries(let request):
            return [.loanSeriesRequested(try decideSeries(request, state: state, context: context))]

        case .approveLoan(let loanID):
            return try decideApproval(loanID, state: state, context: context)

        case .declineLoan(let loanID, let reason):
            try requireOwner(state, context, allowWithdrawn: true)
            let loan = try existingLoan(loanID, state)
            guard loan.status == .pending else {
                throw DomainError(.loanNotPending, field: "loanId", "Le prêt \(loanID) n’est plus en attente : il ne peut être refusé.")
            }
            return [.loanDeclined(LoanDeclined(loanID: loanID, reason: try Validate.reason(reason)))]

        case .cancelLoan(let loanID, let reason):
            let owner = try requireExists(state)
            let loan = try existingLoan(loanID, state)
            guard context.actor.isCoordinatorOrStructure(owner) || context.actor.isCoordinatorOrStructure(loan.borrower) else {
                throw DomainError(.loanNotParty, field: nil, "Seuls l’emprunteur, la structure propriétaire ou la coordination peuvent annuler ce prêt.")
            }
            guard loan.status.isActive, loan.period.end > context.now else {
                throw DomainError(.loanNotActive, field: "loanId", "Le prêt \(loanID) est terminé, refusé ou déjà annulé : il ne peut être annulé.")
            }
            return [.loanCancelled(LoanCancelled(loanID: loanID, reason: try Validate.reason(reason)))]
        }
    }

    /// Applies a room event.
    public static func evolve(_ s: inout RoomState, _ event: RoomEvent) {
        switch event {
        case .offered(let e):
            s.id = e.id
            s.owner = e.owner
            s.details = e.details
        case .detailsChanged(let e):
            s.details = e.details
        case .rulesSet(let e):
            s.rules = e.rules
        case .withdrawn(let e):
            s.isWithdrawn = true
            s.withdrawalReason = e.reason
        case .availabilityOpened(let e):
            s.availability[e.id] = Availability(id: e.id, pattern: e.pattern, periods: e.periods)
        case .availabilityClosed(let e):
            s.availability[e.id] = nil
        case .loanRequested(let e):
            s.loans[e.loanID] = Loan(id: e.loanID, seriesID: nil, borrower: e.borrower, period: e.period,
                                     people: e.people, purpose: e.purpose, status: .pending)
        case .loanSeriesRequested(let e):
            for o in e.requested {
                s.loans[o.loanID] = Loan(id: o.loanID, seriesID: e.seriesID, borrower: e.borrower, period: o.period,
                                         people: e.people, purpose: e.purpose, status: .pending)
            }
            s.series[e.seriesID] = e.requested.map(\.loanID)
        case .loanApproved(let e):
            s.loans[e.loanID]?.status = .approved
        case .loanDeclined(let e):
            s.loans[e.loanID]?.status = .declined(reason: e.reason, supersededBy: e.supersededBy)
        case .loanCancelled(let e):
            s.loans[e.loanID]?.status = .cancelled(reason: e.reason)
        }
    }

    // MARK: - Guards

    static func requireExists(_ state: RoomState) throws(DomainError) -> StructureID {
        guard state.id != nil, let owner = state.owner else {
            throw DomainError(.roomNotFound, field: "roomId", "Cette salle n’est pas proposée.")
        }
        return owner
    }

    static func requireNewAvailability(_ id: AvailabilityID, _ state: RoomState) throws(DomainError) {
        guard state.availability[id] == nil else {
            throw DomainError(.availabilityAlreadyExists, field: "availabilityId", "La disponibilité \(id) existe déjà.")
        }
    }

    static func requireOwner(_ state: RoomState, _ context: CommandContext, allowWithdrawn: Bool = false) throws(DomainError) {
        let owner = try requireExists(state)
        guard context.actor.isCoordinatorOrStructure(owner) else {
            throw DomainError(.roomNotOwner, field: nil, "Seule la structure propriétaire de la salle (\(owner)) ou la coordination peut faire cela.")
        }
        if !allowWithdrawn { try requireNotWithdrawn(state) }
    }

    static func requireNotWithdrawn(_ state: RoomState) throws(DomainError) {
        guard !state.isWithdrawn else {
            throw DomainError(.roomWithdrawn, field: "roomId", "Cette salle a été retirée : elle ne prend plus de prêts ni de modifications.")
        }
    }

    static func existingLoan(_ id: LoanID, _ state: RoomState) throws(DomainError) -> Loan {
        guard let loan = state.loans[id] else {
            throw DomainError(.loanNotFound, field: "loanId", "Le prêt \(id) n’existe pas pour cette salle.")
        }
        return loan
    }
}

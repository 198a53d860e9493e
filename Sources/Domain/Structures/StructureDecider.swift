/// Rules of a `structure-{id}` stream.
public enum StructureDecider: Decider {
    /// Not registered.
    public static var initialState: StructureState { StructureState() }

    /// Decides a structure command.
    public static func decide(_ command: StructureCommand, state: StructureState, context: CommandContext) throws(DomainError) -> [StructureEvent] {
        switch command {
        case .register(let id, let details):
            try context.requireCoordinator("inscrire une structure")
            guard !state.isRegistered else {
                throw DomainError(.structureAlreadyRegistered, field: "structureId", "La structure \(id) est déjà inscrite.")
            }
            return [.registered(StructureRegistered(id: id, details: try details.validated()))]
        case .changeDetails(let details):
            let id = try registered(state)
            guard context.actor.isCoordinatorOrStructure(id) else {
                throw DomainError(.structureNotSelf, field: nil, "Seule la structure elle-même ou la coordination peut modifier sa fiche.")
            }
            let v = try details.validated()
            return v == state.details ? [] : [.detailsChanged(StructureDetailsChanged(details: v))]
        case .setBorrowingQuota(let hours):
            _ = try registered(state)
            try context.requireCoordinator("fixer un quota d’emprunt")
            if let hours, !(1...744).contains(hours) {
                throw DomainError(.invalidQuota, field: "hoursPerMonth", "Le quota mensuel doit être compris entre 1 et 744 heures.")
            }
            return hours == state.monthlyQuotaHours ? [] : [.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: hours))]
        }
    }

    private static func registered(_ state: StructureState) throws(DomainError) -> StructureID {
        guard let id = state.id else {
            throw DomainError(.structureNotFound, field: "structureId", "Cette structure n’est pas inscrite.")
        }
        return id
    }

    /// Applies a structure event.
    public static func evolve(_ s: inout StructureState, _ event: StructureEvent) {
        switch event {
        case .registered(let e):
            s.id = e.id
            s.details = e.details
        case .detailsChanged(let e):
            s.details = e.details
        case .borrowingQuotaSet(let e):
            s.monthlyQuotaHours = e.hoursPerMonth
        }
    }
}

/// Rules of the `phare` stream.
public enum PhareDecider: Decider {
    /// 4,000 m², nothing requested.
    public static var initialState: PhareState { PhareState() }

    /// Decides a Phare command.
    public static func decide(_ command: PhareCommand, state: PhareState, context: CommandContext) throws(DomainError) -> [PhareEvent] {
        switch command {
        case .setCapacity(let total, let perUse):
            try context.requireCoordinator("fixer la capacité du Phare")
            try Validate.surface(total, field: "total")
            for use in perUse.keys.sorted() { try Validate.surface(perUse[use] ?? 0, field: "byUse.\(use.name)") }
            let sum = perUse.values.reduce(0, +)
            guard sum <= total else {
                throw DomainError(.phareSplitExceedsTotal, field: "byUse", "La répartition par usage (\(m2(sum))) dépasse la capacité totale (\(m2(total))).")
            }
            guard state.allocatedTotal <= total else {
                throw DomainError(.phareCapacityBelowAllocated, field: "total", "\(m2(state.allocatedTotal)) sont déjà attribués : la capacité totale ne peut descendre en dessous.")
            }
            for use in perUse.keys.sorted() where state.allocated(for: use) > (perUse[use] ?? 0) {
                throw DomainError(.phareCapacityBelowAllocated, field: "byUse.\(use.name)", "\(m2(state.allocated(for: use))) sont déjà attribués en \(use.name) : la capacité de cet usage ne peut descendre en dessous.")
            }
            return [.capacitySet(PhareCapacitySet(total: total, perUse: perUse))]

        case .requestSpace(let r):
            guard context.actor.isCoordinatorOrStructure(r.structure) else {
                throw DomainError(.notRequester, field: "structure", "Une structure ne peut demander de surface qu’en son nom propre.")
            }
            guard state.requests[r.id] == nil else {
                throw DomainError(.phareRequestAlreadyExists, field: "requestId", "La demande \(r.id) existe déjà.")
            }
            try Validate.surface(r.surface)
            let notes = try Validate.boundedText(r.notes, field: "notes", label: "notes", max: Validate.descriptionLimit)
            try context.requireRegistered(r.structure, field: "structure")
            return [.spaceRequested(SpaceRequested(id: r.id, structure: r.structure, use: r.use, surface: r.surface,
                                                   wishedDate: r.wishedDate, notes: notes))]

        case .amend(let id, let use, let surface, let wished, let notes):
            let req = try request(id, state, context)
            guard req.status == .open else { throw notOpen(id) }
            try Validate.surface(surface)
            let n = try Validate.boundedText(notes, field: "notes", label: "notes", max: Validate.descriptionLimit)
            return [.spaceRequestAmended(SpaceRequestAmended(id: id, use: use, surface: surface, wishedDate: wished, notes: n))]

        case .withdraw(let id, let reason):
            let req = try request(id, state, context)
            switch req.status {
            case .open, .allocated: break
            default: throw notOpen(id)
            }
            let r = try Validate.optionalText(reason, field: "reason", label: "motif", max: Validate.reasonLimit)
            return [.spaceRequestWithdrawn(SpaceRequestWithdrawn(id: id, reason: r))]

        case .allocate(let id, let surface):
            try context.requireCoordinator("attribuer des surfaces du Phare")
            let req = try request(id, state, context)
            guard req.status == .open else { throw notOpen(id) }
            try Validate.surface(surface)
            guard surface <= req.surface else {
                throw DomainError(.phareAllocationExceedsRequest, field: "surface", "La demande \(id) porte sur \(m2(req.surface)) : on ne peut en attribuer \(m2(surface)).")
            }
            if let cap = state.capacityPerUse[req.use] {
                let used = state.allocated(for: req.use)
                guard used + surface <= cap else {
                    throw DomainError(.phareExceedsUseCapacity, field: "surface", "L’usage \(req.use.name) compte \(m2(cap)), dont \(m2(used)) déjà attribués : il reste \(m2(cap - used)).")
                }
            }
            let used = state.allocatedTotal
            guard used + surface <= state.totalCapacity else {
                throw DomainError(.phareExceedsTotalCapacity, field: "surface", "Le Phare compte \(m2(state.totalCapacity)), dont \(m2(used)) déjà attribués : il reste \(m2(state.totalCapacity - used)).")
            }
            return [.spaceAllocated(SpaceAllocated(id: id, surface: surface))]

        case .decline(let id, let reason):
            try context.requireCoordinator("refuser une demande de surface")
            let req = try request(id, state, context)
            guard req.status == .open else { throw notOpen(id) }
            return [.spaceRequestDeclined(SpaceRequestDeclined(id: id, reason: try Validate.reason(reason)))]
        }
    }

    static func request(_ id: PhareRequestID, _ state: PhareState, _ context: CommandContext) throws(DomainError) -> PhareRequest {
        guard let req = state.requests[id] else {
            throw DomainError(.phareRequestNotFound, field: "requestId", "La demande \(id) n’existe pas.")
        }
        guard context.actor.isCoordinatorOrStructure(req.structure) else {
            throw DomainError(.notRequester, field: nil, "Seule la structure qui a fait la demande \(id) ou la coordination peut faire cela.")
        }
        return req
    }

    static func notOpen(_ id: PhareRequestID) -> DomainError {
        DomainError(.phareRequestNotOpen, field: "requestId", "La demande \(id) n’est plus ouverte.")
    }

    static func m2(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? "\(Int(v)) m²" : "\(v) m²"
    }

    /// Applies a Phare event.
    public static func evolve(_ s: inout PhareState, _ event: PhareEvent) {
        switch event {
        case .capacitySet(let e):
            s.totalCapacity = e.total
            s.capacityPerUse = e.perUse
        case .spaceRequested(let e):
            s.requests[e.id] = PhareRequest(id: e.id, structure: e.structure, use: e.use, surface: e.surface,
                                            wishedDate: e.wishedDate, notes: e.notes, status: .open)
        case .spaceRequestAmended(let e):
            s.requests[e.id]?.use = e.use
            s.requests[e.id]?.surface = e.surface
            s.requests[e.id]?.wishedDate = e.wishedDate
            s.requests[e.id]?.notes = e.notes
        case .spaceRequestWithdrawn(let e):
            s.requests[e.id]?.status = .withdrawn
        case .spaceAllocated(let e):
            s.requests[e.id]?.status = .allocated(e.surface)
        case .spaceRequestDeclined(let e):
            s.requests[e.id]?.status = .declined(reason: e.reason)
        }
    }
}

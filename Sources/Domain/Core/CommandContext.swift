public import Foundation

/// What a decider needs beyond the command and its own stream, supplied by the App layer so that
/// `decide` stays pure.
///
/// The App layer fills `structures` with facts about every structure a command names:
/// - `RoomCommand.offer`: the owner;
/// - `RoomCommand.requestLoan` / `.requestLoanSeries`: the borrower, with its quota and usage;
/// - `PhareCommand.requestSpace`: the requesting structure.
/// A structure missing from the dictionary is treated as not registered.
public struct CommandContext: Sendable {
    /// Who issues the command.
    public var actor: Actor
    /// The current instant (UTC); "the past" and deadlines are judged against it.
    public var now: Date
    /// Facts about the structures the command names, read from their streams or a projection.
    public var structures: [StructureID: StructureFacts]

    /// Creates a context.
    public init(actor: Actor, now: Date, structures: [StructureID: StructureFacts] = [:]) {
        self.actor = actor
        self.now = now
        self.structures = structures
    }
}

/// Cross-aggregate facts about one structure.
public struct StructureFacts: Sendable, Hashable {
    /// Whether the structure is registered (its stream holds `structure.registered.v1`).
    public var isRegistered: Bool
    /// Its display name, used in messages (optional).
    public var name: String?
    /// Its monthly borrowing quota in hours (`StructureState.monthlyQuotaHours`); `nil`: no quota.
    public var monthlyQuotaHours: Int?
    /// Minutes already requested by this structure as borrower, pending and approved loans of
    /// every room counted, per Europe/Paris month of the loan's start. Only months the request
    /// touches are needed; a missing month counts as zero.
    public var usedMinutesByMonth: [YearMonth: Int]

    /// Creates facts.
    public init(isRegistered: Bool = true, name: String? = nil, monthlyQuotaHours: Int? = nil,
                usedMinutesByMonth: [YearMonth: Int] = [:]) {
        self.isRegistered = isRegistered
        self.name = name
        self.monthlyQuotaHours = monthlyQuotaHours
        self.usedMinutesByMonth = usedMinutesByMonth
    }
}

extension CommandContext {
    func requireCoordinator(_ what: String) throws(DomainError) {
        guard actor.isCoordinator else {
            throw DomainError(.coordinatorOnly, field: nil, "Seule la coordination peut \(what).")
        }
    }

    func requireRegistered(_ id: StructureID, field: String) throws(DomainError) {
        guard let facts = structures[id], facts.isRegistered else {
            throw DomainError(.structureNotFound, field: field,
                              "La structure \(id) n’est pas inscrite : demandez à la coordination de l’inscrire.")
        }
    }
}

import App
import EventLog
import Logging
import Domain
import Foundation
import HTTPTypes
import Hummingbird

extension Routes {
    /// Runs a command as the caller, mapping refusals to problem documents whose `field` is the
    /// request's name for it (`fields`, see ``WireFields``).
    func execute<D: Decider>(
        _ decider: D.Type, stream: String, command: D.Command, grant: AccessGrant,
        structures: [StructureID] = [], request: Request, fields: WireFields.Renames = [:]
    ) async throws -> CommandOutcome<D> {
        guard let actor = grant.actor else {
            throw Problem.forbidden("Ce jeton ne porte pas d’identité valide.")
        }
        let options = try options(request)
        do {
            return try await service.execute(decider, stream: stream, command: command, actor: actor, structures: structures, options: options)
        } catch {
            if case .storage(let logError) = error {
                dependencies.logger.error("command failed on \(stream): \(logError)")
            }
            throw Problem.from(error).renamingField(fields)
        }
    }

    /// Loads a stream's state, mapping failures.
    func load<D: Decider>(_ decider: D.Type, stream: String) throws -> (state: D.State, version: UInt64) {
        do {
            return try service.load(decider, stream: stream)
        } catch {
            throw Problem.from(error)
        }
    }

    /// An identifier from the path; a malformed one is a 404 (no such thing can exist).
    func pathID<Tag>(_ context: ServerRequestContext, _ name: String, as: Identifier<Tag>.Type, what: String) throws -> Identifier<Tag> {
        guard let raw = context.parameters.get(name), let id = try? Identifier<Tag>(raw) else {
            throw Problem.notFound("\(what) introuvable.")
        }
        return id
    }

    /// An identifier from the body (`id`), or a new one: random, or derived from the request's
    /// `Idempotency-Key` so that a retry names the same thing (``IdempotencyScope``).
    func newID<Tag>(_ body: inout JSONInput, field: String = "id") throws -> Identifier<Tag> {
        guard let raw = try body.optionalString(field, max: 64) else {
            guard let scope = IdempotencyScope.current, let derived = try? Identifier<Tag>(scope.identifier(for: field)) else { return .random() }
            return derived
        }
        do {
            return try Identifier<Tag>(raw)
        } catch {
            throw Problem.invalid(field, error.message, code: error.code.rawValue)
        }
    }

    /// Converts a domain validation error thrown while building a value into a 422.
    func domainValue<T>(_ build: () throws(DomainError) -> T) throws -> T {
        do {
            return try build()
        } catch {
            throw Problem.invalid(error.field, error.message, code: error.code.rawValue)
        }
    }

    /// The structure a structure token acts for, or the one a coordinator names in `field`.
    func actingStructure(_ grant: AccessGrant, _ body: inout JSONInput, field: String) throws -> StructureID {
        let named = try body.optionalString(field, max: 64)
        switch grant.role {
        case .structure:
            guard let own = grant.structure, let id = try? StructureID(own) else { throw Problem.forbidden("Jeton de structure sans structure.") }
            if let named, named != own {
                throw Problem.forbidden("Une structure n’agit que pour elle-même.", code: "structure.notSelf")
            }
            return id
        case .coordinator:
            guard let named else { throw Problem.invalid(field, "La coordination doit préciser « \(field) ».", code: "request.missingField") }
            return try domainValue { () throws(DomainError) in try StructureID(named) }
        case .porteur:
            throw Problem.forbidden("Un porteur de projet ne peut pas faire cela : c’est réservé aux structures et à la coordination.")
        }
    }
}

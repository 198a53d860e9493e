import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird

extension Routes {
    func registerPhare(on router: Router<ServerRequestContext>) {
        router.put("/phare/capacity") { request, context in
            let grant = try context.requireCoordinator()
            var body = try await JSONInput.read(request, context: context)
            let total = try body.double("total")
            var perUse: [PhareUse: Double] = [:]
            if var byUse = try body.optionalObject("byUse") {
                for use in PhareUse.allCases {
                    if let value = try byUse.optionalDouble(PhareJSON.name(use)) { perUse[use] = value }
                }
                try byUse.finish()
            }
            try body.finish()
            let outcome = try await execute(PhareDecider.self, stream: StreamNames.phare, command: .setCapacity(total: total, perUse: perUse), grant: grant, request: request)
            return await written("phare", version: outcome.version, position: outcome.position, status: .ok)
        }
        router.post("/phare/requests") { request, context in
            let grant = try context.requireGrant()
            var body = try await JSONInput.read(request, context: context)
            let space = try phareSpaceRequest(&body, grant: grant)
            let outcome = try await execute(PhareDecider.self, stream: StreamNames.phare, command: .requestSpace(space), grant: grant, structures: [space.structure], request: request, fields: WireFields.phareRequest)
            return await written(space.id.rawValue, version: outcome.version, position: outcome.position)
        }
        router.patch("/phare/requests/:id") { request, context in
            let grant = try context.requireGrant()
            let id = try pathID(context, "id", as: PhareRequestID.self, what: "Demande")
            let (state, _) = try load(PhareDecider.self, stream: StreamNames.phare)
            guard let current = state.requests[id] else { throw Problem.notFound("Demande introuvable.") }
            var body = try await JSONInput.read(request, context: context)
            let use = try body.optionalString("use", max: 20).map { try phareUse($0, field: "use") } ?? current.use
            let surface = try body.optionalDouble("surface") ?? current.surface
            let wished = body.has("wishedDate") ? try body.optionalString("wishedDate", max: 10).map { try TimeFormat.localDate($0, field: "wishedDate") } : current.wishedDate
            let notes = try body.optionalString("notes", max: 5000) ?? current.notes
            try body.finish()
            let outcome = try await execute(PhareDecider.self, stream: StreamNames.phare, command: .amend(id, use: use, surface: surface, wishedDate: wished, notes: notes), grant: grant, request: request, fields: WireFields.pharePath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
        router.delete("/phare/requests/:id") { request, context in
            let grant = try context.requireGrant()
            let id = try pathID(context, "id", as: PhareRequestID.self, what: "Demande")
            var body = try await JSONInput.read(request, context: context)
            let reason = try body.optionalString("reason", max: 1000)
            try body.finish()
            let outcome = try await execute(PhareDecider.self, stream: StreamNames.phare, command: .withdraw(id, reason: reason), grant: grant, request: request, fields: WireFields.pharePath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
        for action in ["allocate", "decline"] {
            router.post("/phare/requests/:id/\(action)") { request, context in
                let grant = try context.requireCoordinator()
                let id = try pathID(context, "id", as: PhareRequestID.self, what: "Demande")
                var body = try await JSONInput.read(request, context: context)
                let command: PhareCommand
                if action == "allocate" {
                    command = .allocate(id, surface: try body.double("surface"))
                } else {
                    command = .decline(id, reason: try body.optionalString("reason", max: 1000) ?? "Demande non retenue.")
                }
                try body.finish()
                let outcome = try await execute(PhareDecider.self, stream: StreamNames.phare, command: command, grant: grant, request: request, fields: WireFields.pharePath)
                return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
            }
        }
    }

    /// The request of `POST /phare/requests`.
    func phareSpaceRequest(_ body: inout JSONInput, grant: AccessGrant) throws -> PhareSpaceRequest {
        let structure = try actingStructure(grant, &body, field: "structure")
        let id: PhareRequestID = try newID(&body)
        let use = try phareUse(try body.string("use", max: 20), field: "use")
        let surface = try body.double("surface")
        let wished = try body.optionalString("wishedDate", max: 10).map { try TimeFormat.localDate($0, field: "wishedDate") }
        let notes = try body.optionalString("notes", max: 5000) ?? ""
        try body.finish()
        return PhareSpaceRequest(id: id, structure: structure, use: use, surface: surface, wishedDate: wished, notes: notes)
    }

    func phareUse(_ name: String, field: String) throws -> PhareUse {
        guard let use = PhareUse.allCases.first(where: { PhareJSON.name($0) == name }) else {
            throw Problem.invalid(field, "Usage inconnu « \(name) » : commerce, bureaux, services ou hebergement.", code: "value.unknownEnum")
        }
        return use
    }
}

/// API names of Phare uses.
enum PhareJSON {
    static func name(_ use: PhareUse) -> String {
        switch use {
        case .commerce: return "commerce"
        case .bureaux: return "bureaux"
        case .services: return "services"
        case .hebergement: return "hebergement"
        }
    }
}

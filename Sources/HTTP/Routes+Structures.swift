import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird

extension Routes {
    func registerStructures(on router: Router<ServerRequestContext>) {
        router.post("/structures") { request, context in
            let grant = try context.requireCoordinator()
            var body = try await JSONInput.read(request, context: context)
            let id: StructureID = try newID(&body)
            let details = try structureDetails(&body)
            try body.finish()
            let outcome = try await execute(StructureDecider.self, stream: id.streamName, command: .register(id: id, details: details), grant: grant, request: request, fields: WireFields.structure)
            return await written(id.rawValue, version: outcome.version, position: outcome.position)
        }
        router.get("/structures/:id") { _, context in
            let id = try pathID(context, "id", as: StructureID.self, what: "Structure")
            let (state, version) = try load(StructureDecider.self, stream: id.streamName)
            guard version > 0, let details = state.details else { throw Problem.notFound("Structure introuvable.") }
            var object: [String: Any] = [
                "id": id.rawValue, "name": details.name, "kind": StructureKinds.name(details.kind), "version": version,
            ]
            if let email = details.contactEmail { object["email"] = email }
            if let siret = details.siret { object["siret"] = siret }
            if let quota = state.monthlyQuotaHours { object["monthlyQuotaHours"] = quota }
            return JSONResponse.object(object)
        }
        router.put("/structures/:id/quota") { request, context in
            let grant = try context.requireCoordinator()
            let id = try pathID(context, "id", as: StructureID.self, what: "Structure")
            var body = try await JSONInput.read(request, context: context)
            let hours = try body.optionalInt("hoursPerMonth", in: 0...744)
            try body.finish()
            let outcome = try await execute(StructureDecider.self, stream: id.streamName, command: .setBorrowingQuota(hoursPerMonth: hours), grant: grant, request: request, fields: WireFields.structurePath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
    }

    func structureDetails(_ body: inout JSONInput) throws -> StructureDetails {
        let name = try body.string("name", max: 200)
        let kindName = try body.string("kind", max: 40)
        guard let kind = StructureKinds.kind(kindName) else {
            throw Problem.invalid("kind", "Type de structure inconnu « \(kindName) » : association, cooperative, mutuelle, collectivite ou autre.", code: "value.unknownEnum")
        }
        let email = try body.optionalString("email", max: 254)
        let siret = try body.optionalString("siret", max: 20)
        var address: Address?
        if var addressBody = try body.optionalObject("address") {
            address = Address(street: try addressBody.string("street", max: 200), postcode: try addressBody.string("postcode", max: 10), city: try addressBody.string("city", max: 100))
            try addressBody.finish()
        }
        return StructureDetails(name: name, kind: kind, siret: siret, address: address, contactEmail: email)
    }
}

/// The API names of structure kinds.
enum StructureKinds {
    static func kind(_ name: String) -> StructureKind? {
        switch name {
        case "association": return .association
        case "cooperative": return .cooperative
        case "mutuelle": return .mutuelle
        case "collectivite": return .collectivite
        case "autre", "other": return .other
        default: return nil
        }
    }

    static func name(_ kind: StructureKind) -> String {
        switch kind {
        case .association: return "association"
        case .cooperative: return "cooperative"
        case .mutuelle: return "mutuelle"
        case .collectivite: return "collectivite"
        case .other: return "autre"
        }
    }
}

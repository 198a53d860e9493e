import App
import Domain
import EventLog
import Foundation
import HTTPTypes
import Hummingbird

extension Routes {
    func registerRooms(on router: Router<ServerRequestContext>) {
        router.post("/rooms") { request, context in
            let grant = try context.requireGrant()
            var body = try await JSONInput.read(request, context: context)
            let owner = try actingStructure(grant, &body, field: "structure")
            let id: RoomID = try newID(&body)
            let details = try roomDetails(&body, current: nil)
            try body.finish()
            let outcome = try await execute(RoomDecider.self, stream: id.streamName, command: .offer(id: id, owner: owner, details: details), grant: grant, structures: [owner], request: request, fields: WireFields.newRoom)
            return await written(id.rawValue, version: outcome.version, position: outcome.position)
        }
        router.get("/rooms/:id") { request, context in
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let page = try AvailabilityPage(request.uri.queryParameters)
            let version: UInt64
            do {
                version = try log.streamVersion(id.streamName)
            } catch {
                throw Problem.wrapping(error)
            }
            guard version > 0 else { throw Problem.notFound("Salle introuvable.") }
            let key = RoomPages.key(room: id.rawValue, version: version, cursor: page.cursor?.rawValue, limit: page.limit)
            let rendered = try roomPages.page(key) {
                let (state, version) = try load(RoomDecider.self, stream: id.streamName)
                guard version > 0, let details = state.details, let owner = state.owner else { throw Problem.notFound("Salle introuvable.") }
                var object = RoomJSON.details(details)
                object["id"] = id.rawValue
                object["structure"] = owner.rawValue
                object["withdrawn"] = state.isWithdrawn
                object["version"] = version
                let all = state.availability.values.sorted { $0.id.rawValue < $1.id.rawValue }
                let (entries, next) = page.slice(all, id: \.id.rawValue)
                object["availability"] = Array(entries.map(RoomJSON.availability))
                object["availabilityCount"] = all.count
                let nextPage = next.map { "/rooms/\(id.rawValue)?cursor=\($0)&limit=\(page.limit)" }
                if let nextPage { object["next"] = nextPage }
                return RoomPages.Page(body: JSONResponse.encoded(object), next: nextPage)
            }
            var headers: HTTPFields = [.eTag: "\"\(version)\""]
            if let next = rendered.next { headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\"" }
            return JSONResponse.bytes(rendered.body, contentType: "application/json", extraHeaders: headers)
        }
        router.patch("/rooms/:id") { request, context in
            let grant = try context.requireGrant()
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let (state, _) = try load(RoomDecider.self, stream: id.streamName)
            guard let current = state.details else { throw Problem.notFound("Salle introuvable.") }
            var body = try await JSONInput.read(request, context: context)
            let details = try roomDetails(&body, current: current)
            try body.finish()
            let outcome = try await execute(RoomDecider.self, stream: id.streamName, command: .changeDetails(details), grant: grant, request: request, fields: WireFields.roomPath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
        router.delete("/rooms/:id") { request, context in
            let grant = try context.requireGrant()
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            var body = try await JSONInput.read(request, context: context)
            let reason = try body.optionalString("reason", max: 1000) ?? "Salle retirée par la structure."
            try body.finish()
            let outcome = try await execute(RoomDecider.self, stream: id.streamName, command: .withdraw(reason: reason), grant: grant, request: request, fields: WireFields.roomPath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
        router.post("/rooms/:id/availability") { request, context in
            let grant = try context.requireGrant()
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            var body = try await JSONInput.read(request, context: context)
            let id: AvailabilityID = try newID(&body)
            let command = try availabilityCommand(&body, id: id)
            try body.finish()
            let outcome = try await execute(RoomDecider.self, stream: room.streamName, command: command, grant: grant, request: request,
                                         fields: WireFields.availability(command))
            let periods = outcome.state.availability[id]?.periods.count ?? 0
            return await written(id.rawValue, version: outcome.version, position: outcome.position, extra: ["room": room.rawValue, "periods": periods])
        }
        router.delete("/rooms/:id/availability/:aid") { request, context in
            let grant = try context.requireGrant()
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let id = try pathID(context, "aid", as: AvailabilityID.self, what: "Disponibilité")
            let outcome = try await execute(RoomDecider.self, stream: room.streamName, command: .closeAvailability(id: id), grant: grant, request: request, fields: WireFields.availabilityPath)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, status: .ok)
        }
        router.post("/rooms/:id/loans") { request, context in
            let grant = try context.requireGrant()
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            var body = try await JSONInput.read(request, context: context)
            let parsed = try loanRequestCommand(&body, grant: grant)
            let outcome = try await execute(RoomDecider.self, stream: room.streamName, command: parsed.command, grant: grant, structures: [parsed.borrower], request: request, fields: WireFields.loanRequest)
            if parsed.isSeries {
                // A series is one event whose occurrences are the loans it creates.
                var loans: [[String: Any]] = []
                var skipped: [[String: Any]] = []
                for event in outcome.events {
                    guard case .loanSeriesRequested(let series) = event else { continue }
                    loans = series.requested.map { occurrence in
                        ["id": occurrence.loanID.rawValue, "start": TimeFormat.rfc3339(occurrence.period.start), "end": TimeFormat.rfc3339(occurrence.period.end),
                         "status": outcome.state.loans[occurrence.loanID].map { RoomJSON.status($0.status) } ?? "pending"]
                    }
                    skipped = series.skipped.map { ["date": $0.date.description, "code": $0.code.rawValue, "reason": $0.message] }
                }
                return await written(parsed.id, version: outcome.version, position: outcome.position, extra: ["status": "pending", "loans": loans, "skipped": skipped])
            }
            let status = (try? LoanID(parsed.id)).flatMap { outcome.state.loans[$0] }.map { RoomJSON.status($0.status) } ?? "pending"
            return await written(parsed.id, version: outcome.version, position: outcome.position, extra: ["status": status, "room": room.rawValue])
        }
        for action in ["approve", "decline", "cancel"] {
            router.post("/rooms/:id/loans/:lid/\(action)") { request, context in
                let grant = try context.requireGrant()
                let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
                let loan = try pathID(context, "lid", as: LoanID.self, what: "Prêt")
                var body = try await JSONInput.read(request, context: context)
                let reason = try body.optionalString("reason", max: 1000)
                try body.finish()
                let command = Self.loanDecision(action, loan: loan, reason: reason)
                let outcome = try await execute(RoomDecider.self, stream: room.streamName, command: command, grant: grant, request: request, fields: WireFields.loanPath)
                let status = outcome.state.loans[loan].map { RoomJSON.status($0.status) } ?? "unknown"
                var declined: [String] = []
                for event in outcome.events {
                    if case .loanDeclined(let other) = event, other.loanID != loan { declined.append(other.loanID.rawValue) }
                }
                return await written(loan.rawValue, version: outcome.version, position: outcome.position, status: .ok, extra: ["status": status, "declined": declined])
            }
        }
    }

    /// The command of `POST /rooms/{id}/loans` (one loan, or a weekly/monthly series with `repeat`).
    func loanRequestCommand(_ body: inout JSONInput, grant: AccessGrant) throws -> (command: RoomCommand, borrower: StructureID, id: String, isSeries: Bool) {
        let borrower = try actingStructure(grant, &body, field: "borrower")
        let start = try TimeFormat.givenTime(try body.string("start", max: 40), field: "start")
        let end = try TimeFormat.givenTime(try body.string("end", max: 40), field: "end")
        let people = try body.int("people", in: 1...100_000)
        let purpose = try body.string("purpose", max: 1000)
        if var repeatBody = try body.optionalObject("repeat") {
            let every = try repeatBody.string("every", max: 10)
            let recurrence: Recurrence
            switch every {
            case "week": recurrence = .weekly
            case "month": recurrence = .monthly
            default: throw Problem.invalid("repeat.every", "« repeat.every » vaut « week » ou « month ».", code: "value.unknownEnum")
            }
            let until = try TimeFormat.localDate(try repeatBody.string("until", max: 10), field: "repeat.until")
            try repeatBody.finish()
            let seriesID: LoanSeriesID = try newID(&body)
            try body.finish()
            let request = LoanSeriesRequest(seriesID: seriesID, borrower: borrower, start: start, end: end, recurrence: recurrence, until: until, people: people, purpose: purpose)
            return (.requestLoanSeries(request), borrower, seriesID.rawValue, true)
        }
        let id: LoanID = try newID(&body)
        try body.finish()
        return (.requestLoan(LoanRequest(loanID: id, borrower: borrower, start: start, end: end, people: people, purpose: purpose)), borrower, id.rawValue, false)
    }

    /// The command of a decision on a loan: `approve`, `decline` or `cancel`.
    static func loanDecision(_ action: String, loan: LoanID, reason: String?) -> RoomCommand {
        switch action {
        case "approve": return .approveLoan(loan)
        case "decline": return .declineLoan(loan, reason: reason ?? "Demande refusée par la structure.")
        default: return .cancelLoan(loan, reason: reason ?? "Prêt annulé.")
        }
    }

    /// Room details from a body; with `current`, every field is optional (PATCH).
    func roomDetails(_ body: inout JSONInput, current: RoomDetails?) throws -> RoomDetails {
        let name = try current.map { try body.optionalString("name", max: 200) ?? $0.name } ?? body.string("name", max: 200)
        var address = current?.address
        if var addressBody = current == nil ? try body.object("address") : try body.optionalObject("address") {
            address = Address(street: try addressBody.string("street", max: 200), postcode: try addressBody.string("postcode", max: 10), city: try addressBody.string("city", max: 100))
            try addressBody.finish()
        }
        let latitude = try current.map { try body.optionalDouble("latitude") ?? $0.position.latitude } ?? body.double("latitude")
        let longitude = try current.map { try body.optionalDouble("longitude") ?? $0.position.longitude } ?? body.double("longitude")
        let capacity = try current.map { try body.optionalInt("capacity", in: -1_000_000...1_000_000) ?? $0.capacity } ?? body.int("capacity", in: -1_000_000...1_000_000)
        let surface = body.has("surface") ? try body.optionalDouble("surface") : current?.surface
        var equipment = current?.equipment ?? []
        if let names = try body.optionalStrings("equipment", maxCount: 20, maxLength: 40) {
            equipment = try names.map { name in
                guard let item = RoomJSON.equipment(name) else {
                    throw Problem.invalid("equipment", "Équipement inconnu « \(name) » : \(Equipment.allCases.map(RoomJSON.name).joined(separator: ", ")).", code: "value.unknownEnum")
                }
                return item
            }
        }
        let notes = try body.optionalString("equipmentNotes", max: 1000) ?? current?.equipmentNotes ?? ""
        let stepFree = try current.map { try body.optionalBool("stepFree") ?? $0.stepFreeAccess } ?? body.bool("stepFree")
        var conditions = current?.conditions ?? .free
        if var conditionsBody = current == nil ? try body.object("conditions") : try body.optionalObject("conditions") {
            conditions = try roomConditions(&conditionsBody)
            try conditionsBody.finish()
        }
        let description = try body.optionalString("description", max: 5000) ?? current?.description ?? ""
        guard let address else { throw Problem.invalid("address", "L’adresse est obligatoire.", code: "request.missingField") }
        let position = try domainValue { () throws(DomainError) in try GeoPosition(latitude: latitude, longitude: longitude) }
        return RoomDetails(name: name, address: address, position: position, capacity: capacity, surface: surface, equipment: equipment, equipmentNotes: notes, stepFreeAccess: stepFree, conditions: conditions, description: description)
    }

    func roomConditions(_ body: inout JSONInput) throws -> RoomConditions {
        let kind = try body.string("kind", max: 20)
        let detail = try body.optionalString("detail", max: 1000)
        let halfDay = try body.optionalInt("halfDayCents", in: 0...10_000_000)
        let day = try body.optionalInt("dayCents", in: 0...10_000_000)
        switch kind {
        case "free": return .free
        case "price": return .price(halfDayCents: halfDay, dayCents: day)
        case "exchange": return .exchange(detail ?? "")
        default: throw Problem.invalid("conditions.kind", "« conditions.kind » vaut free, price ou exchange.", code: "value.unknownEnum")
        }
    }

    /// The command of `POST /rooms/{id}/availability`: every week (`weekly`) or one period (`start`, `end`).
    func availabilityCommand(_ body: inout JSONInput, id: AvailabilityID) throws -> RoomCommand {
        if var weekly = try body.optionalObject("weekly") {
            let weekdayNumber = try weekly.int("weekday", in: 1...7)
            guard let weekday = Weekday(rawValue: weekdayNumber) else { throw Problem.invalid("weekly.weekday", "Jour de 1 (lundi) à 7 (dimanche).") }
            let from = try TimeFormat.localTime(try weekly.string("from", max: 5), field: "weekly.from")
            let to = try TimeFormat.localTime(try weekly.string("to", max: 5), field: "weekly.to")
            try weekly.finish()
            let startDate = try TimeFormat.localDate(try body.string("startDate", max: 10), field: "startDate")
            let endDate = try TimeFormat.localDate(try body.string("endDate", max: 10), field: "endDate")
            return .openAvailability(id: id, pattern: .weekly(weekday: weekday, start: from, end: to, from: startDate, until: endDate))
        }
        let start = try TimeFormat.givenTime(try body.string("start", max: 40), field: "start")
        let end = try TimeFormat.givenTime(try body.string("end", max: 40), field: "end")
        return .openAvailabilityPeriod(id: id, start: start, end: end)
    }
}

/// JSON shapes of rooms.
enum RoomJSON {
    static func details(_ details: RoomDetails) -> [String: Any] {
        var object: [String: Any] = [
            "name": details.name,
            "address": ["street": details.address.street, "postcode": details.address.postcode, "city": details.address.city],
            "latitude": details.position.latitude, "longitude": details.position.longitude,
            "capacity": details.capacity, "equipment": details.equipment.map(name),
            "equipmentNotes": details.equipmentNotes, "stepFree": details.stepFreeAccess,
            "conditions": conditions(details.conditions), "description": details.description,
        ]
        object["surface"] = details.surface ?? NSNull()
        return object
    }

    static func conditions(_ conditions: RoomConditions) -> [String: Any] {
        switch conditions {
        case .free: return ["kind": "free"]
        case let .price(halfDay, day):
            var object: [String: Any] = ["kind": "price"]
            if let halfDay { object["halfDayCents"] = halfDay }
            if let day { object["dayCents"] = day }
            return object
        case .exchange(let detail): return ["kind": "exchange", "detail": detail]
        }
    }

    static func availability(_ availability: Availability) -> [String: Any] {
        var object: [String: Any] = ["id": availability.id.rawValue, "periods": availability.periods.count]
        switch availability.pattern {
        case let .once(start, end):
            object["start"] = start.description
            object["end"] = end.description
        case let .weekly(weekday, start, end, from, until):
            object["weekly"] = ["weekday": weekday.rawValue, "from": start.description, "to": end.description]
            object["startDate"] = from.description
            object["endDate"] = until.description
        }
        return object
    }

    static func status(_ status: LoanStatus) -> String {
        switch status {
        case .pending: return "pending"
        case .approved: return "approved"
        case .declined: return "declined"
        case .cancelled: return "cancelled"
        }
    }

    static func name(_ equipment: Equipment) -> String {
        switch equipment {
        case .projector: return "projector"
        case .screen: return "screen"
        case .whiteboard: return "whiteboard"
        case .paperboard: return "paperboard"
        case .wifi: return "wifi"
        case .soundSystem: return "soundSystem"
        case .videoconference: return "videoconference"
        case .kitchen: return "kitchen"
        case .accessibleToilets: return "accessibleToilets"
        }
    }

    static func equipment(_ name: String) -> Equipment? {
        Equipment.allCases.first { Self.name($0) == name }
    }
}

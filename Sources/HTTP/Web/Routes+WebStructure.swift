import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Projections

/// Pages of a signed-in structure: its rooms and their availability, the requests it receives and
/// the ones it makes, its Phare requests. Every form reaches the domain through the API's parsing
/// code and the same command service.
extension Routes {
    func registerWebStructure(on app: RouterGroup<ServerRequestContext>) {
        app.get("salles/nouvelle") { request, context in
            _ = try webGrant(context, .structure)
            return roomFormPage(nil, form: nil, errors: FormErrors(), request: request, context: context)
        }
        app.post("salles/nouvelle") { request, context in
            let grant = try webGrant(context, .structure)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json(Self.roomSchema)
                let owner = try actingStructure(grant, &body, field: "structure")
                let id: RoomID = try newID(&body)
                let details = try roomDetails(&body, current: nil)
                try body.finish()
                _ = try await executeAndWait(RoomDecider.self, stream: id.streamName, command: .offer(id: id, owner: owner, details: details), grant: grant, structures: [owner], request: request, fields: WireFields.newRoom)
                return Self.redirect("/app/salles/\(id.rawValue)?ok=roomOffered")
            }, orShow: { errors in
                roomFormPage(nil, form: form, errors: errors, request: request, context: context)
            }, fields: Self.roomFields.names)
        }
        app.get("salles/:id/modifier") { request, context in
            _ = try webGrant(context, .structure)
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let (state, _) = try load(RoomDecider.self, stream: id.streamName)
            guard let details = state.details else { throw Problem.notFound("Salle introuvable.") }
            return roomFormPage((id, details), form: nil, errors: FormErrors(), request: request, context: context)
        }
        app.post("salles/:id/modifier") { request, context in
            let grant = try webGrant(context, .structure)
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let form = try await WebForm.read(request, context: context)
            let (state, _) = try load(RoomDecider.self, stream: id.streamName)
            guard let current = state.details else { throw Problem.notFound("Salle introuvable.") }
            return try await submit({
                var body = try form.json(Self.roomSchema)
                let details = try roomDetails(&body, current: current)
                try body.finish()
                _ = try await executeAndWait(RoomDecider.self, stream: id.streamName, command: .changeDetails(details), grant: grant, request: request, fields: WireFields.roomPath)
                return Self.redirect("/app/salles/\(id.rawValue)?ok=roomChanged")
            }, orShow: { errors in
                roomFormPage((id, current), form: form, errors: errors, request: request, context: context)
            }, fields: Self.roomFields.names)
        }
        app.post("salles/:id/retirer") { request, context in
            let grant = try webGrant(context, .structure)
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                let reason = try form.text("reason") ?? "Salle retirée par la structure."
                _ = try await executeAndWait(RoomDecider.self, stream: id.streamName, command: .withdraw(reason: String(reason.prefix(1000))), grant: grant, request: request)
                return Self.redirect("/app?ok=roomWithdrawn")
            }, orShow: { errors in
                try roomPage(id, form: nil, errors: errors, request: request, context: context)
            }, fields: [])
        }
        app.post("salles/:id/disponibilites") { request, context in
            let grant = try webGrant(context, .structure)
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                let weekly = form.value("kind") == "weekly"
                var body = try form.json(weekly
                    ? [("weekly.weekday", .integer), ("weekly.from", .text), ("weekly.to", .text), ("startDate", .text), ("endDate", .text)]
                    : [("start", .text), ("end", .text)])
                let id: AvailabilityID = try newID(&body)
                let command = try availabilityCommand(&body, id: id)
                try body.finish()
                _ = try await executeAndWait(RoomDecider.self, stream: room.streamName, command: command, grant: grant, request: request, fields: WireFields.availability(command))
                return Self.redirect("/app/salles/\(room.rawValue)?ok=availabilityOpened")
            }, orShow: { errors in
                try roomPage(room, form: nil, errors: FormErrors(), request: request, context: context, availabilityForm: form, availabilityErrors: errors)
            }, fields: Self.availabilityFields.names)
        }
        app.post("salles/:id/disponibilites/:aid/fermer") { request, context in
            let grant = try webGrant(context, .structure)
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let id = try pathID(context, "aid", as: AvailabilityID.self, what: "Disponibilité")
            _ = try await WebForm.read(request, context: context)
            return try await submit({
                _ = try await executeAndWait(RoomDecider.self, stream: room.streamName, command: .closeAvailability(id: id), grant: grant, request: request)
                return Self.redirect("/app/salles/\(room.rawValue)?ok=availabilityClosed")
            }, orShow: { errors in
                try roomPage(room, form: nil, errors: errors, request: request, context: context)
            }, fields: [])
        }
        app.post("salles/:id/demandes") { request, context in
            let grant = try webGrant(context, .structure)
            let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("start", .text), ("end", .text), ("people", .integer), ("purpose", .text), ("repeat.every", .text), ("repeat.until", .text)])
                let parsed = try loanRequestCommand(&body, grant: grant)
                _ = try await executeAndWait(RoomDecider.self, stream: room.streamName, command: parsed.command, grant: grant, structures: [parsed.borrower], request: request, fields: WireFields.loanRequest)
                let week = (try form.text("start")?.prefix(10)).map { "&semaine=\($0)" } ?? ""
                return Self.redirect("/app/salles/\(room.rawValue)?ok=loanRequested\(week)")
            }, orShow: { errors in
                try roomPage(room, form: form, errors: errors, request: request, context: context)
            }, fields: Self.loanRequestFields.names)
        }
        for (path, action, flash) in [("approuver", "approve", "loanApproved"), ("refuser", "decline", "loanDeclined"), ("annuler", "cancel", "loanCancelled")] {
            app.post("salles/:id/prets/:lid/\(path)") { request, context in
                let grant = try webGrant(context, .structure)
                let room = try pathID(context, "id", as: RoomID.self, what: "Salle")
                let loan = try pathID(context, "lid", as: LoanID.self, what: "Prêt")
                let form = try await WebForm.read(request, context: context)
                return try await submit({
                    let reason = try form.text("reason").map { String($0.prefix(1000)) }
                    _ = try await executeAndWait(RoomDecider.self, stream: room.streamName, command: Self.loanDecision(action, loan: loan, reason: reason), grant: grant, request: request)
                    return Self.redirect("/app?ok=\(flash)")
                }, orShow: { errors in
                    try structureHome(grant, request: request, context: context, error: errors.general)
                }, fields: [])
            }
        }
        app.post("phare/demandes") { request, context in
            let grant = try webGrant(context, .structure)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("use", .text), ("surface", .number), ("wishedDate", .text), ("notes", .text)])
                let space = try phareSpaceRequest(&body, grant: grant)
                _ = try await executeAndWait(PhareDecider.self, stream: StreamNames.phare, command: .requestSpace(space), grant: grant, structures: [space.structure], request: request, fields: WireFields.phareRequest)
                return Self.redirect("/app?ok=phareRequested")
            }, orShow: { errors in
                try structureHome(grant, request: request, context: context, phareForm: form, phareErrors: errors)
            }, fields: Self.phareRequestFields.names)
        }
        app.post("phare/demandes/:id/retirer") { request, context in
            let grant = try webGrant(context, .structure)
            let id = try pathID(context, "id", as: PhareRequestID.self, what: "Demande")
            _ = try await WebForm.read(request, context: context)
            return try await submit({
                _ = try await executeAndWait(PhareDecider.self, stream: StreamNames.phare, command: .withdraw(id, reason: nil), grant: grant, request: request)
                return Self.redirect("/app?ok=phareWithdrawn")
            }, orShow: { errors in
                try structureHome(grant, request: request, context: context, error: errors.general)
            }, fields: [])
        }
    }

    /// Runs a command and waits until the projections show it, so that the next page sees it.
    func executeAndWait<D: Decider>(_ decider: D.Type, stream: String, command: D.Command, grant: AccessGrant,
                                    structures: [StructureID] = [], request: Request, fields: WireFields.Renames = [:]) async throws -> CommandOutcome<D> {
        let outcome = try await execute(decider, stream: stream, command: command, grant: grant, structures: structures, request: request, fields: fields)
        await awaitProjection(outcome.position)
        return outcome
    }

    // MARK: The structure's home

    func structureHome(_ grant: AccessGrant, request: Request, context: ServerRequestContext, error: String? = nil,
                       phareForm: WebForm? = nil, phareErrors: FormErrors = FormErrors()) throws -> Response {
        guard let raw = grant.structure, let me = try? StructureID(raw) else { throw Problem.forbidden("Session de structure sans structure.") }
        let data: [String: Any] = runner.withState { state in
            var incoming: [[String: Any]] = []
            var outgoing: [(Date, [String: Any])] = []
            var mine: [[String: Any]] = []
            for room in state.availability.rooms {
                if room.owner == me {
                    let loans = room.allLoans
                    mine.append([
                        "id": room.id.rawValue, "name": room.details.name, "withdrawn": room.isWithdrawn,
                        "webcal": calendarURL(room.id, scheme: "webcal"), "subscribe": calendarURL(room.id, scheme: nil),
                        "pending": loans.filter { $0.status == .pending }.count, "approved": loans.filter { $0.status == .approved }.count,
                    ])
                    for loan in loans.sorted(by: { $0.period.start < $1.period.start }) where loan.status == .pending {
                        incoming.append([
                            "roomID": room.id.rawValue, "room": room.details.name, "loanID": loan.id.rawValue,
                            "borrower": state.structures.name(of: loan.borrower), "when": FrenchFormat.period(loan.period),
                            "people": loan.people, "purpose": loan.purpose,
                        ])
                    }
                }
                for loan in room.allLoans where loan.borrower == me {
                    outgoing.append((loan.period.start, [
                        "roomID": room.id.rawValue, "room": room.details.name, "loanID": loan.id.rawValue,
                        "when": FrenchFormat.period(loan.period), "status": Self.loanStatusLabel(loan.status), "statusClass": loan.status.rawValue,
                        "reason": loan.reason ?? false, "cancellable": loan.status == .pending || loan.status == .approved,
                    ]))
                }
            }
            let phare = state.phare.requests.values.filter { $0.structure == me }.sorted { $0.requestedAt < $1.requestedAt }.map { entry -> [String: Any] in
                let (label, kind) = Self.phareStatusLabel(entry.status)
                return ["id": entry.id.rawValue, "use": Self.phareUseLabel(entry.use), "surface": FrenchFormat.number(entry.surface),
                        "status": label, "statusClass": kind, "open": entry.status == .open]
            }
            return [
                "structureName": state.structures.name(of: me), "rooms": mine.sorted { "\($0["name"] ?? "")" < "\($1["name"] ?? "")" },
                "incoming": incoming, "outgoing": outgoing.sorted { $0.0 < $1.0 }.map(\.1), "phare": phare,
            ]
        }
        var page = data
        page["phareFields"] = Self.phareRequestFields.filled(from: phareForm, errors: phareErrors)
        return web.page("structureHome", title: "Mon espace", data: page, request: request, context: context, error: error ?? phareErrors.general)
    }

    static func phareStatusLabel(_ status: Projections.PhareRequestStatus) -> (String, String) {
        switch status {
        case .open: return ("en attente", "pending")
        case .allocated(let surface): return ("allouée : \(FrenchFormat.number(surface)) m²", "approved")
        case .withdrawn: return ("retirée", "cancelled")
        case .declined: return ("refusée", "declined")
        }
    }

    static let phareRequestFields: [FormField] = [
        FormField(name: "use", label: "Usage", kind: .select(PhareUse.allCases.map { (PhareJSON.name($0), phareUseLabel($0)) }), required: true),
        FormField(name: "surface", label: "Surface souhaitée (m²)", kind: .input(type: "text"), required: true, attributes: ["autocomplete": "off"]),
        FormField(name: "wishedDate", label: "Souhaitée à partir du", kind: .input(type: "date")),
        FormField(name: "notes", label: "Précisions", kind: .textarea, hint: FormField.publicTextHint),
    ]

    // MARK: The room form

    static let roomFields: [FormField] = [
        FormField(name: "name", label: "Nom de la salle", required: true),
        FormField(name: "address.street", label: "Adresse (numéro et rue)", required: true, attributes: ["autocomplete": "street-address"]),
        FormField(name: "address.postcode", label: "Code postal", required: true, attributes: ["autocomplete": "postal-code"]),
        FormField(name: "address.city", label: "Commune", required: true, attributes: ["autocomplete": "address-level2"]),
        FormField(name: "latitude", label: "Latitude", required: true, hint: "En degrés décimaux, ex. 48,1130 (clic droit sur une carte en ligne pour la lire)."),
        FormField(name: "longitude", label: "Longitude", required: true, hint: "ex. -1,6745"),
        FormField(name: "capacity", label: "Capacité (personnes)", kind: .input(type: "number"), required: true, attributes: ["min": "1"]),
        FormField(name: "surface", label: "Surface (m²)", hint: "Facultatif."),
        FormField(name: "stepFree", label: "Accessible de plain-pied", kind: .checkbox(checked: false)),
        FormField(name: "equipmentNotes", label: "Précisions sur l’équipement", kind: .textarea),
        FormField(name: "conditions.kind", label: "Conditions", kind: .select([("free", "Gratuit"), ("price", "Payant"), ("exchange", "Échange de services")]), required: true),
        FormField(name: "conditions.halfDayCents", label: "Prix la demi-journée (€, si payant)"),
        FormField(name: "conditions.dayCents", label: "Prix la journée (€, si payant)"),
        FormField(name: "conditions.detail", label: "Contrepartie (si échange)"),
        FormField(name: "description", label: "Description", kind: .textarea),
    ]

    static let roomSchema: [(String, WebForm.FieldKind)] = [
        ("name", .text), ("address.street", .text), ("address.postcode", .text), ("address.city", .text),
        ("latitude", .number), ("longitude", .number), ("capacity", .integer), ("surface", .number), ("stepFree", .checkbox),
        ("equipment", .list), ("equipmentNotes", .text), ("conditions.kind", .text), ("conditions.halfDayCents", .euros),
        ("conditions.dayCents", .euros), ("conditions.detail", .text), ("description", .text),
    ]

    func roomFormPage(_ current: (RoomID, RoomDetails)?, form: WebForm?, errors: FormErrors, request: Request, context: ServerRequestContext) -> Response {
        var fields = Self.roomFields
        var equipment = Self.equipmentNames.map {
            FormField(name: "equipment", label: CarteOuverteProjection.label($0), kind: .checkbox(checked: false), value: RoomJSON.name($0))
        }
        if let (_, details) = current, form == nil {
            let values = Self.roomFormValues(details)
            for index in fields.indices {
                if case .checkbox = fields[index].kind {
                    fields[index].kind = .checkbox(checked: details.stepFreeAccess)
                } else {
                    fields[index].value = values[fields[index].name] ?? ""
                }
            }
            for index in equipment.indices {
                equipment[index].kind = .checkbox(checked: details.equipment.contains { RoomJSON.name($0) == equipment[index].value })
            }
        }
        let action = current.map { "/app/salles/\($0.0.rawValue)/modifier" } ?? "/app/salles/nouvelle"
        return web.page("roomForm", title: current == nil ? "Proposer une salle" : "Modifier la salle", data: [
            "heading": current.map { "Modifier « \($0.1.name) »" } ?? "Proposer une salle",
            "action": action, "submit": current == nil ? "Proposer la salle" : "Enregistrer",
            "cancel": current.map { "/app/salles/\($0.0.rawValue)" } ?? "/app",
            "fields": fields.filled(from: form, errors: errors), "equipmentFields": equipment.filled(from: form, errors: errors),
        ], request: request, context: context, status: .ok, error: errors.general)
    }

    static func roomFormValues(_ details: RoomDetails) -> [String: String] {
        var values: [String: String] = [
            "name": details.name, "address.street": details.address.street, "address.postcode": details.address.postcode,
            "address.city": details.address.city, "latitude": String(details.position.latitude), "longitude": String(details.position.longitude),
            "capacity": String(details.capacity), "surface": details.surface.map { String($0) } ?? "", "equipmentNotes": details.equipmentNotes,
            "description": details.description,
        ]
        switch details.conditions {
        case .free: values["conditions.kind"] = "free"
        case let .price(halfDay, day):
            values["conditions.kind"] = "price"
            values["conditions.halfDayCents"] = halfDay.map { String(format: "%.2f", Double($0) / 100) } ?? ""
            values["conditions.dayCents"] = day.map { String(format: "%.2f", Double($0) / 100) } ?? ""
        case .exchange(let detail):
            values["conditions.kind"] = "exchange"
            values["conditions.detail"] = detail
        }
        return values
    }
}

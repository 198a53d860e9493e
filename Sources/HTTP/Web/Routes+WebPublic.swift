import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Projections

/// Pages everyone can read: the map of rooms with its filters, a room's week, the pépinière board
/// (no contacts) and Le Phare's demand against capacity.
extension Routes {
    func registerWebPublic(on router: Router<ServerRequestContext>, app: RouterGroup<ServerRequestContext>) {
        router.get("/") { request, context in
            try home(request: request, context: context)
        }
        app.get("salles/:id") { request, context in
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            return try roomPage(id, form: nil, errors: FormErrors(), request: request, context: context)
        }
        app.get("pepiniere") { request, context in
            let today = ParisTime.date(Date())
            let data: [String: Any] = runner.withState { state in
                [
                    "today": FrenchFormat.day(today),
                    "desks": state.pepiniere.board(on: today).map { deskRow($0) },
                    "waiting": state.pepiniere.waitingList().map { entry -> [String: Any] in
                        ["rank": entry.rank, "project": entry.application.projectName, "submitted": FrenchFormat.day(ParisTime.date(entry.application.submittedAt))]
                    },
                ]
            }
            return web.page("pepiniere", title: "Pépinière", data: data, request: request, context: context)
        }
        app.get("phare") { request, context in
            let data: [String: Any] = runner.withState { state in
                let uses = state.phare.perUse
                let widest = max(uses.map { max($0.capacity ?? 0, $0.requested) }.max() ?? 1, 1)
                return [
                    "uses": uses.map(phareFigures),
                    "total": phareFigures(state.phare.total),
                    "bars": [
                        "height": uses.count * 44 + 10,
                        "rows": uses.enumerated().map { index, figures -> [String: Any] in
                            [
                                "use": Self.phareUseLabel(figures.use), "textY": index * 44 + 22, "y": index * 44 + 6, "y2": index * 44 + 22,
                                "capacityWidth": Int((figures.capacity ?? 0) / widest * 390), "requestedWidth": Int(figures.requested / widest * 390),
                            ]
                        },
                    ] as [String: Any],
                ]
            }
            return web.page("phare", title: "Le Phare", data: data, request: request, context: context)
        }
    }

    // MARK: The map

    static let equipmentNames = Equipment.allCases

    func home(request: Request, context: ServerRequestContext) throws -> Response {
        let query = try WebForm.parse(request.uri.query ?? "")
        var filterError: String?
        var rooms: [RoomRecord] = []
        var distances: [RoomID: Double] = [:]
        do {
            let criteria = try HomeCriteria(query)
            (rooms, distances) = runner.withState { state in criteria.rooms(in: state.availability) }
        } catch {
            filterError = Problem.wrapping(error).detail
            rooms = runner.withState { $0.availability.offeredRooms }
        }
        let structures = runner.withState { $0.structures }
        let listed = rooms.map { room -> [String: Any] in
            let details = room.details
            return [
                "id": room.id.rawValue, "name": details.name, "structure": structures.name(of: room.owner),
                "street": details.address.street, "postcode": details.address.postcode, "city": details.address.city,
                "capacity": details.capacity, "surface": details.surface.map { FrenchFormat.number($0, decimals: 1) } ?? false,
                "stepFree": details.stepFreeAccess,
                "equipment": details.equipment.isEmpty ? false : details.equipment.map(CarteOuverteProjection.label).joined(separator: ", "),
                "distance": distances[room.id].map { FrenchFormat.number($0, decimals: 1) } ?? false,
            ]
        }
        let filters: [FormField] = [
            FormField(name: "people", label: "Personnes au moins", kind: .input(type: "number"), attributes: ["min": "1"]),
            FormField(name: "date", label: "Libre le", kind: .input(type: "date")),
            FormField(name: "from", label: "de", kind: .input(type: "time"), hint: "heure de Paris"),
            FormField(name: "to", label: "à", kind: .input(type: "time")),
            FormField(name: "stepfree", label: "Accessible de plain-pied", kind: .checkbox(checked: false)),
        ]
        let equipment = Self.equipmentNames.map {
            FormField(name: "equipment", label: CarteOuverteProjection.label($0), kind: .checkbox(checked: false), value: RoomJSON.name($0))
        }
        let near: [FormField] = [
            FormField(name: "latitude", label: "Latitude", kind: .input(type: "text"), hint: "ex. 48,1130"),
            FormField(name: "longitude", label: "Longitude", kind: .input(type: "text"), hint: "ex. -1,6745"),
            FormField(name: "radius", label: "Rayon (km)", kind: .input(type: "number"), attributes: ["min": "1", "step": "0.5"]),
        ]
        let data: [String: Any] = [
            "rooms": listed, "count": listed.count, "roomIDs": rooms.map(\.id.rawValue).joined(separator: " "),
            "countLabel": listed.count == 1 ? "1 salle proposée" : "\(listed.count) salles proposées",
            "filterFields": filters.filled(from: query, errors: FormErrors()),
            "equipmentFields": equipment.filled(from: query, errors: FormErrors()),
            "nearFields": near.filled(from: query, errors: FormErrors()),
            "filterError": filterError ?? false,
        ]
        return web.page("home", title: "Carte des salles", data: data, request: request, context: context)
    }

    // MARK: A room

    func roomPage(_ id: RoomID, form: WebForm?, errors: FormErrors, request: Request, context: ServerRequestContext, availabilityForm: WebForm? = nil, availabilityErrors: FormErrors = FormErrors()) throws -> Response {
        let query = try WebForm.parse(request.uri.query ?? "")
        let today = ParisTime.date(Date())
        let monday: LocalDate
        if let raw = try query.text("semaine") {
            let day = try TimeFormat.localDate(raw, field: "semaine")
            monday = day.adding(days: -(day.weekday.rawValue - 1))
        } else {
            monday = today.adding(days: -(today.weekday.rawValue - 1))
        }
        let weekStart = ParisTime.startOfDay(monday), weekEnd = ParisTime.startOfDay(monday.adding(days: 7))
        guard let (room, structureName, freeBusy, borrowerNames) = runner.withState({ state -> (RoomRecord, String, RoomFreeBusy?, [StructureID: String])? in
            guard let room = state.availability.room(id) else { return nil }
            let names = Dictionary(room.allLoans.map { ($0.borrower, state.structures.name(of: $0.borrower)) }, uniquingKeysWith: { a, _ in a })
            return (room, state.structures.name(of: room.owner), state.availability.freeBusy(room: id, from: weekStart, to: weekEnd), names)
        }) else {
            throw Problem.notFound("Salle introuvable.")
        }
        let grant = context.session == nil ? nil : context.grant
        let isOwner = grant?.role == .structure && grant?.structure == room.owner.rawValue
        var slots: [(Date, [String: Any])] = []
        for period in freeBusy?.free ?? [] {
            slots.append((period.start, ["kind": "free", "label": "Libre", "when": FrenchFormat.period(period)]))
        }
        for busy in freeBusy?.busy ?? [] {
            let label = busy.status == .approved ? "Occupée (prêt confirmé)" : "Demande en attente"
            slots.append((busy.period.start, ["kind": busy.status == .approved ? "busy" : "pending", "label": label, "when": FrenchFormat.period(busy.period)]))
        }
        let details = room.details
        var data: [String: Any] = [
            "id": id.rawValue, "name": details.name, "structure": structureName,
            "street": details.address.street, "postcode": details.address.postcode, "city": details.address.city,
            "withdrawn": room.isWithdrawn, "capacity": details.capacity,
            "surface": details.surface.map { FrenchFormat.number($0, decimals: 1) } ?? false,
            "stepFreeLabel": details.stepFreeAccess ? "oui" : "non",
            "equipmentLabel": details.equipment.isEmpty ? "aucun" : details.equipment.map(CarteOuverteProjection.label).joined(separator: ", "),
            "conditions": CarteOuverteProjection.conditions(details.conditions), "description": details.description,
            "calendarURL": "/rooms/\(id.rawValue)/calendar.ics",
            "subscribeURL": calendarURL(id, scheme: nil),
            "webcalURL": calendarURL(id, scheme: "webcal"),
            "weekLabel": FrenchFormat.day(monday), "previousWeek": monday.adding(days: -7).description, "nextWeek": monday.adding(days: 7).description,
            "slots": slots.sorted { $0.0 < $1.0 }.map(\.1),
            "canRequest": grant?.role == .structure && !isOwner && !room.isWithdrawn,
            "signInToRequest": grant == nil && !room.isWithdrawn,
            "isOwner": isOwner && !room.isWithdrawn, "isCoordinator": grant?.role == .coordinator, "stream": id.streamName,
        ]
        let requestFields = Self.loanRequestFields
        data["requestFields"] = requestFields.filled(from: form, errors: errors)
        if isOwner {
            data["loans"] = room.allLoans.sorted { $0.period.start < $1.period.start }.map { loan -> [String: Any] in
                [
                    "roomID": id.rawValue, "loanID": loan.id.rawValue, "borrower": borrowerNames[loan.borrower] ?? loan.borrower.rawValue,
                    "when": FrenchFormat.period(loan.period), "people": loan.people, "purpose": loan.purpose,
                    "status": Self.loanStatusLabel(loan.status), "statusClass": loan.status.rawValue,
                    "pending": loan.status == .pending, "approved": loan.status == .approved,
                ]
            }
            data["availabilities"] = room.availabilities.values.sorted { $0.id.rawValue < $1.id.rawValue }.map { opened -> [String: Any] in
                ["roomID": id.rawValue, "availabilityID": opened.id.rawValue, "label": Self.availabilityLabel(opened.pattern)]
            }
            data["availabilityFields"] = Self.availabilityFields.filled(from: availabilityForm, errors: availabilityErrors)
        }
        let error = errors.general ?? availabilityErrors.general
        return web.page("room", title: details.name, data: data, request: request, context: context, error: error)
    }

    /// The address a calendar application subscribes to (`webcal:` opens the subscription dialog).
    func calendarURL(_ room: RoomID, scheme: String?) -> String {
        let base = dependencies.publicURL
        let address = "\(base)/rooms/\(room.rawValue)/calendar.ics"
        guard let scheme, let colon = address.firstIndex(of: ":") else { return address }
        return scheme + address[colon...]
    }

    static let loanRequestFields: [FormField] = [
        FormField(name: "start", label: "Début", kind: .input(type: "datetime-local"), required: true, hint: "Heure de Paris."),
        FormField(name: "end", label: "Fin", kind: .input(type: "datetime-local"), required: true),
        FormField(name: "people", label: "Nombre de personnes", kind: .input(type: "number"), required: true, attributes: ["min": "1"]),
        FormField(name: "purpose", label: "Objet de la réunion", kind: .textarea, required: true, hint: FormField.publicTextHint),
        FormField(name: "repeat.every", label: "Répéter", kind: .select([("", "Une seule fois"), ("week", "Chaque semaine"), ("month", "Chaque mois")])),
        FormField(name: "repeat.until", label: "Jusqu’au (si répété)", kind: .input(type: "date")),
    ]

    static let availabilityFields: [FormField] = [
        FormField(name: "kind", label: "Type", kind: .select([("once", "Un créneau"), ("weekly", "Chaque semaine")])),
        FormField(name: "start", label: "Début (un créneau)", kind: .input(type: "datetime-local")),
        FormField(name: "end", label: "Fin (un créneau)", kind: .input(type: "datetime-local")),
        FormField(name: "weekly.weekday", label: "Jour (chaque semaine)", kind: .select(Weekday.allCases.map { (String($0.rawValue), FrenchFormat.weekdays[$0.rawValue - 1]) })),
        FormField(name: "weekly.from", label: "De (chaque semaine)", kind: .input(type: "time")),
        FormField(name: "weekly.to", label: "À (chaque semaine)", kind: .input(type: "time")),
        FormField(name: "startDate", label: "À partir du (chaque semaine)", kind: .input(type: "date")),
        FormField(name: "endDate", label: "Jusqu’au (chaque semaine)", kind: .input(type: "date")),
    ]

    static func loanStatusLabel(_ status: Projections.LoanStatus) -> String {
        switch status {
        case .pending: return "en attente"
        case .approved: return "confirmé"
        case .declined: return "refusé"
        case .cancelled: return "annulé"
        }
    }

    static func availabilityLabel(_ pattern: AvailabilityPattern) -> String {
        switch pattern {
        case let .once(start, end):
            guard let period = try? Period(paris: start, end, policy: .shiftForward) else { return "\(start) – \(end)" }
            return FrenchFormat.period(period)
        case let .weekly(weekday, start, end, from, until):
            return "chaque \(FrenchFormat.weekdays[weekday.rawValue - 1]), \(start.french) – \(end.french), du \(FrenchFormat.day(from)) au \(FrenchFormat.day(until))"
        }
    }

    // MARK: Boards

    func deskRow(_ row: DeskBoardRow) -> [String: Any] {
        [
            "deskID": row.desk.id.rawValue, "label": row.desk.label, "status": Self.deskStatusLabel(row.status), "statusClass": row.status.rawValue,
            "project": row.project ?? "—", "from": row.allocation.map { FrenchFormat.day($0.start) } ?? "—",
            "until": row.allocation.map { FrenchFormat.day($0.end) } ?? "—", "daysLeft": row.daysLeft.map(String.init) ?? "—",
            "application": row.allocation?.application.rawValue ?? false,
        ]
    }

    static func deskStatusLabel(_ status: DeskStatus) -> String {
        switch status {
        case .available: return "libre"
        case .reserved: return "réservé"
        case .occupied: return "occupé"
        case .availableSoon: return "libre dans moins de 60 jours"
        case .removed: return "retiré"
        }
    }

    func phareFigures(_ figures: PhareFigures) -> [String: Any] {
        [
            "use": Self.phareUseLabel(figures.use), "capacity": figures.capacity.map { FrenchFormat.number($0) + " m²" } ?? "—",
            "requested": FrenchFormat.number(figures.requested) + " m²", "allocated": FrenchFormat.number(figures.allocated) + " m²",
            "remaining": figures.remaining.map { FrenchFormat.number($0) + " m²" } ?? "—", "open": figures.openRequests,
        ]
    }

    static func phareUseLabel(_ use: PhareUse?) -> String {
        switch use {
        case nil: return "Total"
        case .commerce?: return "Commerce"
        case .bureaux?: return "Bureaux"
        case .services?: return "Services"
        case .hebergement?: return "Hébergement"
        }
    }
}

/// The filters of the map page, read from its query string.
struct HomeCriteria {
    var people = 1
    var stepFree = false
    var equipment: Set<Equipment> = []
    var slot: (Date, Date)?
    var near: GeoPosition?
    var radiusKm: Double?

    init(_ query: WebForm) throws {
        if let raw = try query.text("people") {
            guard let value = Int(raw), (1...100_000).contains(value) else { throw Problem.invalid("people", "Le nombre de personnes est un entier positif.") }
            people = value
        }
        stepFree = query.value("stepfree") != nil
        for name in query.fields["equipment"] ?? [] {
            guard let item = RoomJSON.equipment(name) else { throw Problem.invalid("equipment", "Équipement inconnu « \(name.prefix(40)) ».") }
            equipment.insert(item)
        }
        if let day = try query.text("date") {
            let date = try TimeFormat.localDate(day, field: "date")
            let from = try TimeFormat.localTime(query.text("from") ?? "09:00", field: "from")
            let to = try TimeFormat.localTime(query.text("to") ?? "18:00", field: "to")
            do {
                let period = try Period(paris: LocalDateTime(date, from), LocalDateTime(date, to), policy: .shiftForward)
                slot = (period.start, period.end)
            } catch {
                throw Problem.invalid("to", "L’heure de fin doit suivre l’heure de début.")
            }
        }
        if try query.text("latitude") != nil || (try query.text("longitude")) != nil {
            let number = { (name: String) throws -> Double in
                guard let value = Double((try query.text(name) ?? "").replacingOccurrences(of: ",", with: ".")) else {
                    throw Problem.invalid(name, "Donnez la latitude et la longitude en degrés décimaux (ex. 48,1130 et -1,6745).")
                }
                return value
            }
            let latitude = try number("latitude"), longitude = try number("longitude")
            do { near = try GeoPosition(latitude: latitude, longitude: longitude) } catch { throw Problem.invalid(error.field, error.message) }
            if let raw = try query.text("radius") {
                guard let radius = Double(raw.replacingOccurrences(of: ",", with: ".")), radius > 0, radius <= 20_000 else {
                    throw Problem.invalid("radius", "Le rayon est un nombre positif de kilomètres.")
                }
                radiusKm = radius
            }
        }
    }

    /// The rooms on offer that match, nearest first when a point is given, and their distances.
    func rooms(in availability: AvailabilityProjection) -> ([RoomRecord], [RoomID: Double]) {
        var candidates: [RoomRecord]
        if let (from, to) = slot {
            candidates = availability.freeRooms(from: from, to: to, people: people).compactMap { availability.room($0.room) }
        } else {
            candidates = availability.offeredRooms.filter { $0.details.capacity >= people }
        }
        candidates = candidates.filter { room in
            (!stepFree || room.details.stepFreeAccess) && equipment.isSubset(of: Set(room.details.equipment))
        }
        var distances: [RoomID: Double] = [:]
        if let near {
            for room in candidates { distances[room.id] = near.distanceKm(to: room.details.position) }
            if let radiusKm { candidates = candidates.filter { distances[$0.id, default: 0] <= radiusKm } }
            candidates.sort { (distances[$0.id, default: 0], $0.id.rawValue) < (distances[$1.id, default: 0], $1.id.rawValue) }
        } else {
            candidates.sort { ($0.details.name, $0.id.rawValue) < ($1.details.name, $1.id.rawValue) }
        }
        return (candidates, distances)
    }
}

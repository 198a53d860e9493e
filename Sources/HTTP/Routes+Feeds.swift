import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
public import Projections

extension Routes {
    func registerFeeds(on router: Router<ServerRequestContext>) {
        router.get("/carte-ouverte.geojson") { request, _ in
            openFeed("geojson", request: request, contentType: "application/geo+json") { $0.carteOuverte.geoJSON(now: $1) }
        }
        router.get("/carte-ouverte.csv") { request, _ in
            openFeed("csv", request: request, contentType: "text/csv; charset=utf-8") { $0.carteOuverte.csv(now: $1) }
        }
        router.get("/rooms/:id/calendar.ics") { _, context in
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            guard let bytes = runner.withState({ $0.calendar.ics(room: id) }) else { throw Problem.notFound("Salle introuvable.") }
            return JSONResponse.bytes(bytes, contentType: "text/calendar; charset=utf-8", extraHeaders: Self.openFeedHeaders)
        }
        router.get("/rooms/:id/freebusy.ifb") { request, context in
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let (from, to) = try period(request, defaultDays: 90)
            guard let bytes = runner.withState({ $0.calendar.freeBusy(room: id, from: from, to: to) }) else { throw Problem.notFound("Salle introuvable.") }
            return JSONResponse.bytes(bytes, contentType: "text/calendar; charset=utf-8", extraHeaders: Self.openFeedHeaders)
        }
        router.get("/rooms/:id/availability") { request, context in
            let id = try pathID(context, "id", as: RoomID.self, what: "Salle")
            let (from, to) = try period(request, defaultDays: 7)
            guard let freeBusy = runner.withState({ $0.availability.freeBusy(room: id, from: from, to: to) }) else {
                throw Problem.notFound("Salle introuvable.")
            }
            return JSONResponse.object([
                "room": id.rawValue, "from": TimeFormat.rfc3339(from), "to": TimeFormat.rfc3339(to),
                "free": freeBusy.free.map { ["start": TimeFormat.rfc3339($0.start), "end": TimeFormat.rfc3339($0.end)] },
                "busy": freeBusy.busy.map { ["start": TimeFormat.rfc3339($0.period.start), "end": TimeFormat.rfc3339($0.period.end), "status": $0.status.rawValue] },
            ])
        }
        router.get("/availability") { request, _ in
            let (from, to) = try period(request, defaultDays: nil)
            let query = request.uri.queryParameters
            var people = 1
            if let raw = query["people"] {
                guard let value = Int(String(raw)), value >= 1, value <= 100_000 else { throw Problem.invalid("people", "« people » est un entier positif.", status: .badRequest) }
                people = value
            }
            var near: (latitude: Double, longitude: Double)?
            if let raw = query["near"] {
                let parts = raw.split(separator: ",").compactMap { Double(String($0)) }
                guard parts.count == 2, parts.allSatisfy(\.isFinite), abs(parts[0]) <= 90, abs(parts[1]) <= 180 else {
                    throw Problem.invalid("near", "« near » s’écrit LATITUDE,LONGITUDE en degrés WGS84, par ex. 48.1130,-1.6745.", status: .badRequest)
                }
                near = (parts[0], parts[1])
            }
            var radius: Double?
            if let raw = query["radius_km"] {
                guard let value = Double(String(raw)), value.isFinite, value > 0, value <= 20_000 else { throw Problem.invalid("radius_km", "« radius_km » est un nombre positif de kilomètres.", status: .badRequest) }
                radius = value
            }
            let rooms: [[String: Any]] = runner.withState { state in
                state.availability.freeRooms(from: from, to: to, people: people, near: near, radiusKm: radius).compactMap { free in
                    guard let record = state.availability.room(free.room) else { return nil }
                    var object: [String: Any] = [
                        "id": free.room.rawValue, "name": record.details.name, "capacity": record.details.capacity,
                        "structure": record.owner.rawValue, "structureName": state.structures.name(of: record.owner),
                        "latitude": record.details.position.latitude, "longitude": record.details.position.longitude,
                        "stepFree": record.details.stepFreeAccess, "city": record.details.address.city,
                    ]
                    if let distance = free.distanceKm { object["distanceKm"] = (distance * 1000).rounded() / 1000 }
                    return object
                }
            }
            return JSONResponse.object(["from": TimeFormat.rfc3339(from), "to": TimeFormat.rfc3339(to), "rooms": rooms])
        }
        router.get("/pepiniere") { request, context in
            let today = ParisTime.date(Date())
            let showContacts = context.grant?.role == .coordinator
            let person = context.grant?.role == .porteur ? context.grant?.person : nil
            let board: [String: Any] = try runner.withState { state in
                let rows = state.pepiniere.board(on: today).map { row -> [String: Any] in
                    var object: [String: Any] = ["desk": row.desk.id.rawValue, "label": row.desk.label, "floor": row.desk.floor, "status": row.status.rawValue]
                    if let allocation = row.allocation {
                        object["application"] = allocation.application.rawValue
                        object["from"] = allocation.start.description
                        object["until"] = allocation.end.description
                    }
                    if let project = row.project { object["project"] = project }
                    if let days = row.daysLeft { object["daysLeft"] = days }
                    return object
                }
                let waiting = try state.pepiniere.waitingList().map { entry -> [String: Any] in
                    var object: [String: Any] = ["rank": entry.rank, "application": entry.application.id.rawValue, "project": entry.application.projectName, "submittedAt": TimeFormat.rfc3339(entry.application.submittedAt)]
                    if showContacts || person == entry.application.person.rawValue {
                        object["contact"] = try contactJSON(entry.application.contact, of: entry.application.person)
                    }
                    return object
                }
                let endingSoon = state.pepiniere.endingSoon(on: today).map { ["application": $0.application.rawValue, "desk": $0.desk.rawValue, "until": $0.end.description] }
                return ["date": today.description, "desks": rows, "waitingList": waiting, "endingSoon": endingSoon]
            }
            return JSONResponse.object(board)
        }
        router.get("/phare") { _, _ in
            let object: [String: Any] = runner.withState { state in
                func figures(_ f: PhareFigures) -> [String: Any] {
                    var object: [String: Any] = ["requested": f.requested, "allocated": f.allocated, "openRequests": f.openRequests]
                    object["capacity"] = f.capacity ?? NSNull()
                    object["remaining"] = f.remaining ?? NSNull()
                    if let use = f.use { object["use"] = PhareJSON.name(use) }
                    return object
                }
                return [
                    "total": figures(state.phare.total),
                    "byUse": state.phare.perUse.map(figures),
                    "openRequests": state.phare.openRequests.map { ["id": $0.id.rawValue, "structure": $0.structure.rawValue, "use": PhareJSON.name($0.use), "surface": $0.surface] },
                ]
            }
            return JSONResponse.object(object)
        }
        router.get("/reports/:year") { request, context in
            _ = try context.requireCoordinator()
            guard let raw = context.parameters.get("year"), let year = Int(raw), (2000...2100).contains(year) else {
                throw Problem.notFound("Année introuvable (2000 à 2100).")
            }
            let report = runner.withState { $0.report.report(year: year) }
            let format = request.uri.queryParameters["format"]
            guard format == nil || format == "json" || format == "html" else {
                throw Problem.invalid("format", "« format » vaut json ou html.", code: "value.unknownEnum", status: .badRequest)
            }
            let accept = request.headers[.accept] ?? ""
            if format == "html" || (format == nil && accept.contains("text/html")) {
                return WebRenderer.html(ReportPage.html(report))
            }
            return JSONResponse.object(ReportJSON.object(report))
        }
    }

    /// A Carte-ouverte feed: one rendering per log position and minute, shared by every response,
    /// gzip when accepted, 304 when the client's ETag is current.
    func openFeed(_ name: String, request: Request, contentType: String, render: @escaping (ProjectionState, Date) -> [UInt8]) -> Response {
        let now = Date()
        let minute = Int64(now.timeIntervalSince1970 / 60)
        return feeds.response(name, version: "\(runner.position)-\(minute)", request: request, contentType: contentType, headers: Self.openFeedHeaders) {
            runner.withState { state in ("\(state.position)-\(minute)", render(state, now)) }
        }
    }

    /// `from`/`to` query parameters (RFC 3339, Paris local date-time or date); defaults to now + `defaultDays`.
    func period(_ request: Request, defaultDays: Int?) throws -> (Date, Date) {
        let query = request.uri.queryParameters
        let from = try query["from"].map { try TimeFormat.instant(String($0), field: "from") } ?? Date()
        let to: Date
        if let raw = query["to"] {
            to = try TimeFormat.instant(String(raw), field: "to")
        } else if let days = defaultDays {
            to = from.addingTimeInterval(Double(days) * 86_400)
        } else {
            throw Problem.invalid("to", "Précisez « from » et « to » (le créneau recherché).", code: "request.missingField", status: .badRequest)
        }
        guard to > from else { throw Problem.invalid("to", "« to » doit suivre « from ».", code: "value.endNotAfterStart", status: .badRequest) }
        guard to.timeIntervalSince(from) <= 400 * 86_400 else { throw Problem.invalid("to", "La période demandée dépasse 400 jours.", code: "value.outOfRange", status: .badRequest) }
        return (from, to)
    }

    /// A contact for the coordinator or the applicant: unsealed, or marked erased.
    func contactJSON(_ data: ContactData, of person: PersonID) throws -> Any {
        switch service.vault.unseal(data, of: person) {
        case .clear(let contact):
            var object: [String: Any] = ["name": contact.name, "email": contact.email, "person": person.rawValue]
            if let phone = contact.phone { object["phone"] = phone }
            return object
        case .erased, .sealed:
            return ["erased": true, "person": person.rawValue]
        }
    }

    /// Feeds are open data: any map tool may load them by URL.
    static let openFeedHeaders: HTTPFields = [.accessControlAllowOrigin: "*", .cacheControl: "public, max-age=60"]
}

/// The activity report as JSON (the API's `GET /reports/{year}` and `mutualise report --format json`).
public enum ReportJSON {
    /// The report's figures as a JSON object.
    public static func object(_ report: ActivityReport) -> [String: Any] {
        [
            "year": report.year, "loansHeld": report.loansHeld, "loansByMonth": report.loansByMonth,
            "hoursLent": report.hoursLent, "lendingStructures": report.lendingStructures,
            "borrowingStructures": report.borrowingStructures, "roomsOnOffer": report.roomsOnOffer,
            "projectsHosted": report.projectsHosted, "projectEntries": report.projectEntries,
            "projectExits": report.projectExits, "averageDeskOccupancyPercent": report.averageDeskOccupancyPercent,
            "phareDemand": Dictionary(uniqueKeysWithValues: report.phareDemand.map { (PhareJSON.name($0.key), ["requests": $0.value.requests, "surface": $0.value.surface]) }),
            "text": report.text,
        ]
    }

    /// The report as pretty-printed JSON text with sorted keys.
    public static func text(_ report: ActivityReport) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object(report), options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

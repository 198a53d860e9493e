import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird

extension Routes {
    func registerPepiniere(on router: Router<ServerRequestContext>) {
        router.post("/pepiniere/desks") { request, context in
            let grant = try context.requireCoordinator()
            var body = try await JSONInput.read(request, context: context)
            let site = try siteID(&body)
            let id: DeskID = try newID(&body)
            let label = try body.string("label", max: 200)
            let floor = try body.optionalString("floor", max: 100) ?? ""
            try body.finish()
            let outcome = try await execute(PepiniereDecider.self, stream: site.streamName, command: .addDesk(id: id, label: label, floor: floor), grant: grant, request: request, fields: WireFields.desk)
            return await written(id.rawValue, version: outcome.version, position: outcome.position)
        }
        router.post("/pepiniere/applications") { request, context in
            let grant = try context.requireGrant()
            guard grant.role == .porteur, let personRaw = grant.person, let person = try? PersonID(personRaw) else {
                throw Problem.forbidden("Seul un porteur de projet dépose une candidature (jeton porteur).", code: "auth.porteurOnly")
            }
            var body = try await JSONInput.read(request, context: context)
            let (site, submission) = try applicationSubmission(&body, person: person)
            let id = submission.id
            let outcome = try await execute(PepiniereDecider.self, stream: site.streamName, command: .submitApplication(submission), grant: grant, request: request, fields: WireFields.application)
            let rank = outcome.state.position(of: id)
            return await written(id.rawValue, version: outcome.version, position: outcome.position, extra: ["rank": rank ?? NSNull()])
        }
        for action in ["waitlist", "allocate", "extend", "leave", "reject", "offer", "accept"] {
            router.post("/pepiniere/applications/:id/\(action)") { request, context in
                let grant = try context.requireGrant()
                if action != "accept" { _ = try context.requireCoordinator() }
                let application = try pathID(context, "id", as: ApplicationID.self, what: "Candidature")
                var body = try await JSONInput.read(request, context: context)
                let site = try siteID(&body)
                let command = try pepiniereCommand(action, application: application, &body)
                try body.finish()
                let outcome = try await execute(PepiniereDecider.self, stream: site.streamName, command: command, grant: grant, request: request, fields: WireFields.applicationPath)
                return await written(application.rawValue, version: outcome.version, position: outcome.position, status: .ok)
            }
        }
    }

    /// The site and submission of `POST /pepiniere/applications` by the porteur `person`.
    func applicationSubmission(_ body: inout JSONInput, person: PersonID) throws -> (SiteID, ApplicationSubmission) {
        let site = try siteID(&body)
        let id: ApplicationID = try newID(&body)
        let project = try body.string("project", max: 200)
        let description = try body.string("description", max: 5000)
        var contactBody = try body.object("contact")
        let contact = Contact(name: try contactBody.string("name", max: 200), email: try contactBody.string("email", max: 254), phone: try contactBody.optionalString("phone", max: 40))
        try contactBody.finish()
        try body.finish()
        return (site, ApplicationSubmission(id: id, person: person, projectName: project, description: description, contact: contact))
    }

    /// The command of `POST /pepiniere/applications/{id}/{action}` (the body's fields but `site`).
    func pepiniereCommand(_ action: String, application: ApplicationID, _ body: inout JSONInput) throws -> PepiniereCommand {
        switch action {
        case "allocate", "offer":
            let deskRaw = try body.string("desk", max: 64)
            let desk = try domainValue { () throws(DomainError) in try DeskID(deskRaw) }
            let start = try TimeFormat.localDate(try body.string("start", max: 10), field: "start")
            let end = try TimeFormat.localDate(try body.string("end", max: 10), field: "end")
            let reason = try body.optionalString("reason", max: 1000)
            if action == "allocate" {
                return .allocate(desk, application: application, start: start, end: end, outOfOrderReason: reason)
            }
            let hold = try body.optionalInt("holdDays", in: 1...30) ?? 7
            return .offerDesk(desk, application: application, start: start, end: end, holdDays: hold, outOfOrderReason: reason)
        case "accept":
            return .acceptOffer(application)
        case "waitlist":
            return .waitlist(application)
        case "extend":
            return .extend(application, newEnd: try TimeFormat.localDate(try body.string("end", max: 10), field: "end"))
        case "leave":
            let date = try body.optionalString("date", max: 10).map { try TimeFormat.localDate($0, field: "date") } ?? ParisTime.date(Date())
            return .recordExit(application, on: date, reason: try body.optionalString("reason", max: 1000))
        default:
            return .reject(application, reason: try body.optionalString("reason", max: 1000) ?? "Candidature non retenue.")
        }
    }

    func siteID(_ body: inout JSONInput) throws -> SiteID {
        guard let raw = try body.optionalString("site", max: 64) else { return .maisonESS }
        return try domainValue { () throws(DomainError) in try SiteID(raw) }
    }
}

import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Projections

/// Pages of a porteur de projet: apply for a desk, see one's place on the waiting list, accept an
/// offered desk within its hold.
extension Routes {
    func registerWebPorteur(on app: RouterGroup<ServerRequestContext>) {
        app.post("pepiniere/candidature") { request, context in
            let grant = try webGrant(context, .porteur)
            guard let raw = grant.person, let person = try? PersonID(raw) else { throw Problem.forbidden("Session sans personne.") }
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("project", .text), ("description", .text), ("contact.name", .text), ("contact.email", .text), ("contact.phone", .text)])
                let (site, submission) = try applicationSubmission(&body, person: person)
                _ = try await executeAndWait(PepiniereDecider.self, stream: site.streamName, command: .submitApplication(submission), grant: grant, request: request, fields: WireFields.application)
                return Self.redirect("/app?ok=applied")
            }, orShow: { errors in
                try porteurHome(grant, form: form, errors: errors, request: request, context: context)
            }, fields: Self.applicationFields.names)
        }
        app.post("pepiniere/candidature/:id/accepter") { request, context in
            let grant = try webGrant(context, .porteur)
            let application = try pathID(context, "id", as: ApplicationID.self, what: "Candidature")
            _ = try await WebForm.read(request, context: context)
            return try await submit({
                _ = try await executeAndWait(PepiniereDecider.self, stream: SiteID.maisonESS.streamName, command: .acceptOffer(application), grant: grant, request: request)
                return Self.redirect("/app?ok=offerAccepted")
            }, orShow: { errors in
                try porteurHome(grant, form: nil, errors: errors, request: request, context: context)
            }, fields: [])
        }
    }

    static let applicationFields: [FormField] = [
        FormField(name: "project", label: "Nom du projet", required: true, hint: FormField.publicTextHint),
        FormField(name: "description", label: "Le projet en quelques lignes", kind: .textarea, required: true, hint: FormField.publicTextHint),
        FormField(name: "contact.name", label: "Votre nom", required: true, attributes: ["autocomplete": "name"]),
        FormField(name: "contact.email", label: "Votre courriel", kind: .input(type: "email"), required: true, hint: "Vu seulement par la coordination.", attributes: ["autocomplete": "email"]),
        FormField(name: "contact.phone", label: "Votre téléphone", kind: .input(type: "tel"), attributes: ["autocomplete": "tel"]),
    ]

    func porteurHome(_ grant: AccessGrant, form: WebForm?, errors: FormErrors, request: Request, context: ServerRequestContext) throws -> Response {
        let person = grant.person ?? ""
        let application: [String: Any]? = runner.withState { state in
            guard let site = state.pepiniere.sites[.maisonESS],
                  let mine = site.applications.values.filter({ $0.person.rawValue == person }).max(by: { $0.submittedAt < $1.submittedAt }) else { return nil }
            var object: [String: Any] = [
                "id": mine.id.rawValue, "project": mine.projectName, "rank": false, "desk": false, "offer": false,
            ]
            let (label, kind) = Self.applicationStatusLabel(mine.status)
            object["status"] = label
            object["statusClass"] = kind
            if let rank = state.pepiniere.waitingList().first(where: { $0.application.id == mine.id })?.rank { object["rank"] = rank }
            if let allocation = site.allocations[mine.id] {
                object["desk"] = site.desks[allocation.desk]?.label ?? allocation.desk.rawValue
                object["from"] = FrenchFormat.day(allocation.start)
                object["until"] = FrenchFormat.day(allocation.end)
            }
            if let offer = site.offers.values.first(where: { $0.application == mine.id }), offer.expiresAt > Date() {
                object["offer"] = "Le bureau « \(site.desks[offer.desk]?.label ?? offer.desk.rawValue) », du \(FrenchFormat.day(offer.start)) au \(FrenchFormat.day(offer.end))."
                object["holdUntil"] = FrenchFormat.instant(offer.expiresAt)
            }
            return object
        }
        var data: [String: Any] = ["application": application ?? false]
        data["fields"] = Self.applicationFields.filled(from: form, errors: errors)
        return web.page("porteurHome", title: "Ma candidature", data: data, request: request, context: context, error: errors.general)
    }

    static func applicationStatusLabel(_ status: ApplicationStatus) -> (String, String) {
        switch status {
        case .submitted: return ("déposée, en attente d’inscription sur la liste", "pending")
        case .waitlisted: return ("sur la liste d’attente", "pending")
        case .offered: return ("bureau proposé", "offered")
        case .allocated: return ("bureau attribué", "approved")
        case .rejected(let reason): return ("non retenue : \(reason)", "declined")
        case .left: return ("sortie de la pépinière", "cancelled")
        }
    }
}

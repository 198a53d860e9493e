import App
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the web application's pages: a Mustache template for the page's content inside the
/// common layout (navigation for the signed-in role, messages, footer). Mustache escapes every
/// `{{value}}`, so what people typed is never read as HTML; only the layout's `{{{content}}}`,
/// itself rendered by a template, is inserted as is.
struct WebRenderer: Sendable {
    private let library: MustacheLibrary

    /// Parses every template of ``WebTemplates`` (a template that does not parse stops the server
    /// at start-up; `WebTests` parses them all).
    init() {
        var library = MustacheLibrary()
        for (name, text) in WebTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("web template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// A page: `template` rendered with `data` (plus `csrf`), inside the layout.
    func page(_ template: String, title: String, data: [String: Any] = [:], request: Request, context: ServerRequestContext,
              status: HTTPResponse.Status = .ok, error: String? = nil) -> Response {
        var data = data
        data["csrf"] = context.session?.csrfToken ?? ""
        let content = library.render(data, withTemplate: template) ?? ""
        let grant = context.session == nil ? nil : context.grant
        let path = request.uri.path
        var layout: [String: Any] = [
            "title": title, "content": content, "csrf": context.session?.csrfToken ?? "",
            "nav": WebNavigation.items(for: grant).map { ["href": $0.href, "label": $0.label, "current": $0.href == path] },
            "signedIn": grant != nil, "who": grant.map(WebNavigation.who) ?? "",
        ]
        if let code = request.uri.queryParameters["ok"].map(String.init), let message = WebMessages.flash[code] {
            layout["flash"] = message
        }
        if let error { layout["error"] = error }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Self.html(html, status: status)
    }

    /// An HTML response with the application's security headers.
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        JSONResponse.bytes(Array(html.utf8), status: status, contentType: "text/html; charset=utf-8", extraHeaders: securityHeaders)
    }

    /// No inline script or style, no framing, no referrer leaving the site (invitation links carry a secret).
    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        .cacheControl: "no-store",
    ]
}

/// The links of the navigation bar for each role.
enum WebNavigation {
    struct Item {
        let href: String
        let label: String
    }

    static func items(for grant: AccessGrant?) -> [Item] {
        var items = [Item(href: "/", label: "Carte des salles"), Item(href: "/app/pepiniere", label: "Pépinière"), Item(href: "/app/phare", label: "Le Phare")]
        switch grant?.role {
        case nil:
            items.append(Item(href: "/app", label: "Connexion"))
        case .structure?:
            items.insert(Item(href: "/app", label: "Mon espace"), at: 0)
        case .porteur?:
            items.insert(Item(href: "/app", label: "Ma candidature"), at: 0)
        case .coordinator?:
            items.insert(contentsOf: [
                Item(href: "/app", label: "Coordination"),
                Item(href: "/app/coordination/acces", label: "Accès"),
                Item(href: "/app/coordination/pepiniere", label: "Bureaux"),
                Item(href: "/app/coordination/phare", label: "Allocations Phare"),
                Item(href: "/app/coordination/rapport", label: "Rapport"),
                Item(href: "/app/coordination/audit", label: "Audit"),
            ], at: 0)
        }
        return items
    }

    static func who(_ grant: AccessGrant) -> String {
        let role: String
        switch grant.role {
        case .coordinator: role = "Coordination"
        case .structure: role = "Structure"
        case .porteur: role = "Porteur de projet"
        }
        return grant.label.isEmpty ? role : "\(role) · \(grant.label)"
    }
}

/// Messages shown after a successful form (Post/Redirect/Get: `?ok=code`).
enum WebMessages {
    static let flash: [String: String] = [
        "signedIn": "Vous êtes connecté·e.",
        "signedOut": "Vous êtes déconnecté·e.",
        "roomOffered": "La salle est proposée : elle apparaît sur la carte dès qu’elle a des disponibilités.",
        "roomChanged": "Les informations de la salle sont enregistrées.",
        "roomWithdrawn": "La salle est retirée : elle n’apparaît plus sur la carte, ses prêts à venir sont annulés.",
        "availabilityOpened": "Les disponibilités sont ouvertes.",
        "availabilityClosed": "Les disponibilités sont fermées.",
        "loanRequested": "Votre demande est envoyée à la structure qui prête la salle.",
        "loanApproved": "Le prêt est confirmé : il figure dans l’agenda de la salle.",
        "loanDeclined": "La demande est refusée ; la structure demandeuse voit le motif.",
        "loanCancelled": "Le prêt est annulé.",
        "phareRequested": "Votre demande d’espace au Phare est enregistrée.",
        "phareWithdrawn": "Votre demande d’espace au Phare est retirée.",
        "applied": "Votre candidature est enregistrée : vous êtes sur la liste d’attente.",
        "offerAccepted": "Vous avez accepté le bureau proposé.",
        "invited": "L’invitation est créée : transmettez le lien ci-dessous, il ne sera plus affiché.",
        "revoked": "L’accès est révoqué.",
        "structureRegistered": "La structure est inscrite ; invitez maintenant une personne qui la représente.",
        "deskAdded": "Le bureau est ajouté.",
        "pepiniereDone": "La pépinière est mise à jour.",
        "phareDone": "Le Phare est mis à jour.",
    ]
}

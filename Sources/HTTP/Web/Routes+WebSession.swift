import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// The name of the session cookie of the web application.
let sessionCookieName = "mutualise_session"

/// Opens the browser session of a request under `/app` from its cookie (HttpOnly, SameSite=Strict):
/// the grant is the invitation's, so every write goes through the same authorization as the API.
/// Bearer tokens do not open sessions, and cookies do not authenticate the JSON API.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = ServerRequestContext
    let sessions: WebSessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard context.grant == nil, path == "/" || path == "/app" || path.hasPrefix("/app/"),
              let token = request.cookies[sessionCookieName]?.value else {
            return try await next(request, context)
        }
        var context = context
        do {
            if let (session, grant) = try sessions.session(token: token) {
                context.session = session
                context.grant = grant
                context.notes.caller = .session
            }
        } catch {
            throw Problem.wrapping(error)
        }
        return try await next(request, context)
    }
}

/// Turns every refusal under `/app` into an HTML page in French with the same status, so that a
/// person never faces a JSON document; 401 explains how to sign in.
struct WebErrorPages: RouterMiddleware {
    typealias Context = ServerRequestContext
    let renderer: WebRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.page(for: Problem.wrapping(error), renderer: renderer, request: request, context: context)
        }
    }

    /// The French page that shows `problem` to a person.
    static func page(for problem: Problem, renderer: WebRenderer, request: Request, context: Context) -> Response {
        if problem.status == .unauthorized {
            return renderer.page("signIn", title: "Connexion", request: request, context: context, status: .unauthorized)
        }
        var response = renderer.page("message", title: "Erreur", data: [
            "heading": problem.status == .notFound ? "Page introuvable" : "Ce n’est pas possible",
            "text": problem.detail, "link": "/app", "linkLabel": "Revenir à l’accueil",
        ], request: request, context: context, status: problem.status)
        for field in problem.headers where field.name != .contentType { response.headers.append(field) }
        return response
    }
}

extension Routes {
    func registerWebSession(on app: RouterGroup<ServerRequestContext>) {
        app.get("static/site.css") { _, _ in
            JSONResponse.bytes(Array(WebAssets.css.utf8), contentType: "text/css; charset=utf-8", extraHeaders: [.cacheControl: "public, max-age=3600"])
        }
        app.get("static/rapport.css") { _, _ in
            JSONResponse.bytes(Array(ReportPage.css.utf8), contentType: "text/css; charset=utf-8", extraHeaders: [.cacheControl: "public, max-age=3600"])
        }
        app.get("static/carte.js") { _, _ in
            JSONResponse.bytes(Array(WebAssets.mapScript.utf8), contentType: "text/javascript; charset=utf-8", extraHeaders: [.cacheControl: "public, max-age=3600"])
        }
        app.get("invitation/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            let invitation: Invitation
            do { invitation = try webSessions.usableInvitation(code: code) } catch { throw Problem.wrapping(error) }
            return web.page("invitation", title: "Invitation", data: [
                "code": code, "roleLabel": Self.roleLabel(invitation.role), "label": invitation.label,
            ], request: request, context: context)
        }
        app.post("invitation/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            let opened: (token: String, session: WebSession, grant: AccessGrant)
            do {
                opened = try await webSessions.redeem(code: code)
            } catch {
                throw Problem.wrapping(error)
            }
            var response = Self.redirect("/app?ok=signedIn")
            let secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https" || request.uri.scheme == .https
            response.setCookie(Cookie(name: sessionCookieName, value: opened.token, maxAge: Int(WebSessions.sessionLifetime),
                                      path: "/", secure: secure, httpOnly: true, sameSite: .strict))
            return response
        }
        app.post("deconnexion") { request, context in
            _ = try await WebForm.read(request, context: context)
            if let token = request.cookies[sessionCookieName]?.value {
                do { try await webSessions.signOut(token: token) } catch { throw Problem.wrapping(error) }
            }
            var response = Self.redirect("/?ok=signedOut")
            response.setCookie(Cookie(name: sessionCookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        app.get("") { request, context in
            guard let grant = context.grant, context.session != nil else {
                return web.page("signIn", title: "Connexion", request: request, context: context)
            }
            switch grant.role {
            case .structure: return try structureHome(grant, request: request, context: context)
            case .porteur: return try porteurHome(grant, form: nil, errors: FormErrors(), request: request, context: context)
            case .coordinator: return coordinatorHome(request: request, context: context)
            }
        }
    }

    var webSessions: WebSessions { WebSessions(log: log) }

    /// 303 See Other: after a form, the browser loads the next page with GET.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func roleLabel(_ role: Role) -> String {
        switch role {
        case .coordinator: return "coordination"
        case .structure: return "structure membre"
        case .porteur: return "porteur de projet"
        }
    }

    /// The signed-in grant of a page, when it has the role; 401 without a session, 403 with another role.
    func webGrant(_ context: ServerRequestContext, _ role: Role) throws -> AccessGrant {
        guard context.session != nil, let grant = context.grant else { throw Problem.unauthenticated() }
        guard grant.role == role else {
            throw Problem.forbidden("Cette page est réservée \(role == .coordinator ? "à la coordination" : role == .structure ? "aux structures" : "aux porteurs de projet").")
        }
        return grant
    }

    /// Runs a form's action; a refusal shows the form again with the error next to its field.
    func submit(_ action: () async throws -> Response, orShow page: (FormErrors) throws -> Response, fields: Set<String>) async throws -> Response {
        do {
            return try await action()
        } catch {
            let problem = Problem.wrapping(error)
            if problem.status == .unauthorized || problem.status == .internalServerError { throw problem }
            var response = try page(FormErrors(problem, fields: fields))
            response.status = problem.status
            return response
        }
    }
}


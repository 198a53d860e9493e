import Foundation
import HTTPTypes
import Hummingbird

/// Refuses a form sent to the web application from another site (cross-site request forgery,
/// login CSRF included: a cross-site POST to an invitation link would sign the victim into the
/// attacker's session, before any session or CSRF token exists).
///
/// Browsers say where a request comes from: `Sec-Fetch-Site` (must be `same-origin`, or `none`
/// for a request the person typed) and `Origin` (must be the configured public URL's origin, or
/// the origin the request was addressed to).
/// A client that sends neither (curl, a test client) is not a browser and cannot be made to
/// carry a victim's cookie, so it passes; the per-session CSRF token still guards every form.
struct SameOriginForms: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// The origin the web application is served from: scheme, host and port of the public URL.
    let origin: String

    init(publicURL: String) {
        origin = Self.origin(of: publicURL) ?? publicURL
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method != .get, request.method != .head, request.method != .options,
              path == "/" || path == "/app" || path.hasPrefix("/app/") else {
            return try await next(request, context)
        }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            throw refusal
        }
        if let sent = request.headers[.origin] {
            // `Origin: null` (a sandboxed frame, a privacy redirect) proves nothing: refused.
            guard let sentOrigin = Self.origin(of: sent) else { throw refusal }
            if sentOrigin == origin { return try await next(request, context) }
            // Also accepted: the origin the request itself was addressed to (its Host), as the
            // browser saw it — what a server reached under another name than its configured public
            // URL receives. A cross-site page cannot make a victim's browser send its own Origin
            // with our Host, so this stays a same-origin check.
            guard let authority = request.head.authority?.lowercased(), sentOrigin.hasSuffix("://" + authority) else {
                throw refusal
            }
        }
        return try await next(request, context)
    }

    private var refusal: Problem {
        Problem.forbidden(
            "Ce formulaire n’a pas été envoyé depuis les pages de Mutualisation : ouvrez \(origin) et recommencez.",
            code: "request.crossSite"
        )
    }

    /// `scheme://host[:port]` of a URL, lower-cased, default ports left out.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = components.port, port != defaultPort { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }
}

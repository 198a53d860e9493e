import HTTPTypes
import Hummingbird

/// Refuses query parameters a route does not read, and a parameter given twice, with a 400
/// naming it: `GET /availability?radiusKm=1` once silently searched without a radius.
///
/// The API's parameters come from ``APIDocument/operations`` (so `/openapi.json` says exactly
/// what is checked here); the web pages' own form fields are listed in ``webPages``, and a page
/// shows its refusal as a French HTML page (``WebErrorPages``), never a JSON document.
struct QueryParameterCheck: RouterMiddleware {
    typealias Context = ServerRequestContext

    /// Parameters allowed per `METHOD /route/{template}`.
    let allowed: [String: Set<String>]
    /// Renders the refusals of web pages.
    let renderer: WebRenderer

    init(renderer: WebRenderer) {
        self.renderer = renderer
        var allowed: [String: Set<String>] = [:]
        for operation in APIDocument.operations {
            allowed["\(operation.method.uppercased()) \(operation.path)"] = Set(operation.query.map(\.0))
        }
        for (path, names) in Self.webPages { allowed["GET \(path)"] = names.union(["ok"]) }
        self.allowed = allowed
    }

    /// The query fields of the web application's pages (GET forms and links); every other page
    /// takes only `ok`, the confirmation shown after a form.
    static let webPages: [String: Set<String>] = [
        "/": ["people", "date", "from", "to", "stepfree", "equipment", "latitude", "longitude", "radius"],
        "/app/salles/{id}": ["semaine"],
        "/app/coordination/rapport": ["annee"],
        "/app/coordination/relecture": ["date"],
        "/app/coordination/historique": ["flux", "structure", "candidature"],
    ]
    /// Parameters that may repeat (the map's equipment checkboxes).
    static let repeatable: Set<String> = ["equipment"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = context.endpointPath, route.hasPrefix("/"), request.uri.query?.isEmpty == false else {
            return try await next(request, context)
        }
        let method = request.method == .head ? "GET" : request.method.rawValue
        let names = allowed["\(method) \(route)"] ?? (route.hasPrefix("/app") ? ["ok"] : [])
        do {
            try check(request, names: names)
        } catch let problem as Problem where route == "/" || route.hasPrefix("/app") {
            return WebErrorPages.page(for: problem, renderer: renderer, request: request, context: context)
        }
        return try await next(request, context)
    }

    /// Throws the problem of the first unknown or repeated parameter.
    private func check(_ request: Request, names: Set<String>) throws {
        var seen: Set<Substring> = []
        for (name, _) in request.uri.queryParameters {
            guard names.contains(String(name)) else {
                let accepted = names.isEmpty ? "Cette adresse ne prend aucun paramètre." : "Cette adresse accepte : \(names.sorted().joined(separator: ", "))."
                throw Problem(.badRequest, code: "request.unknownParameter",
                              detail: "Paramètre inconnu : « \(name.prefix(60)) ». \(accepted)", field: String(name.prefix(200)))
            }
            guard seen.insert(name).inserted || Self.repeatable.contains(String(name)) else {
                throw Problem(.badRequest, code: "request.repeatedParameter",
                              detail: "Le paramètre « \(name) » apparaît deux fois : donnez-le une seule fois.", field: String(name))
            }
        }
    }
}

import HTTPTypes
import Hummingbird
import Synchronization

/// The router's paths and the methods each one answers, filled once the routes are registered.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], methods: Set<HTTPRequest.Method>)]>([])

    /// Records the router's routes (`/rooms/{id}` style paths).
    func record(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for route in routes { byPath[route.path, default: []].insert(route.method) }
        self.routes.withLock { table in
            table = byPath.map { (Self.segments($0.key), $0.value) }
        }
    }

    /// The methods some route answers at `path`, empty when no route has that path.
    func methods(for path: String) -> Set<HTTPRequest.Method> {
        let wanted = Self.segments(path)
        return routes.withLock { table in
            table.reduce(into: Set<HTTPRequest.Method>()) { found, route in
                guard route.segments.count == wanted.count,
                      zip(route.segments, wanted).allSatisfy({ pattern, segment in
                          pattern == segment || pattern.hasPrefix("{") || pattern.hasPrefix(":")
                      }) else { return }
                found.formUnion(route.methods)
            }
        }
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

/// RFC 9110 §15.5.6: a method the path does not answer gets 405 with `Allow`, not 404.
/// Runs only when the router found no route for the request (Hummingbird's 404).
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = ServerRequestContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let notFound = error as? HTTPError, notFound.status == .notFound else { throw error }
            var methods = table.methods(for: request.uri.path)
            if methods.contains(.get) { methods.insert(.head) }
            guard !methods.isEmpty, !methods.contains(request.method),
                  !(request.method == .head && methods.contains(.get)) else { throw error }
            var problem = Problem(.methodNotAllowed, code: "request.methodNotAllowed",
                                  detail: "La méthode \(request.method.rawValue) ne s’applique pas à cette adresse : utilisez \(methods.map(\.rawValue).sorted().joined(separator: ", ")).")
            problem.headers[.allow] = methods.map(\.rawValue).sorted().joined(separator: ", ")
            throw problem
        }
    }
}

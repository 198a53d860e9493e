import HTTPTypes
import Hummingbird

/// Headers every answer carries: `X-Content-Type-Options: nosniff` on all, and
/// `Cache-Control: no-store` on every JSON answer to an authenticated caller (they may hold
/// personal data: contacts, the log's payloads), so that no shared or browser cache keeps them.
struct ResponseHeaders: RouterMiddleware {
    typealias Context = ServerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if context.notes.caller != .public, let type = response.headers[.contentType],
           type.hasPrefix("application/json") || type.hasPrefix("application/problem+json") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    /// `X-Content-Type-Options` (Fetch standard).
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}

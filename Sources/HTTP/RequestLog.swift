import Hummingbird
import Logging

/// Logs every request in one line: method, route template (`/rooms/{id}`, never the raw path,
/// whose identifiers may name a person), status, duration in milliseconds and the kind of caller;
/// never a token, a cookie, a query string or a body. Every 5xx is logged again with its cause.
///
/// The outermost middleware: it turns a thrown error into its response, so that what it logs is
/// what the client receives, and an unknown error into a problem document without detail.
struct RequestLog: RouterMiddleware {
    typealias Context = ServerRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let route = context.endpointPath ?? "NotFound"
        var response: Response
        var cause: (any Error)?
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
            cause = error
        } catch {
            response = try Problem.wrapping(error).response(from: request, context: context)
            cause = error
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
            "ms": "\((milliseconds * 10).rounded() / 10)", "caller": "\(context.notes.caller.rawValue)",
        ]
        logger.info("request", metadata: metadata)
        if response.status.code >= 500 {
            var failure = metadata
            let underlying = (cause as? Problem)?.cause ?? cause
            failure["cause"] = "\(underlying.map { String(describing: $0) } ?? "status \(response.status.code)")"
            logger.error("server error", metadata: failure)
        }
        return response
    }
}

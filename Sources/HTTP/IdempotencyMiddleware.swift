import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// `Idempotency-Key` on the API's writes (IETF draft "The Idempotency-Key HTTP Header Field").
///
/// - A retry (same actor, same key, same method, path and body) gets exactly the first answer:
///   the same status and body (id, version, position), with `Idempotent-Replayed: true`.
/// - The same key with another request, or from another actor, is refused (422) and writes nothing.
/// - Two identical requests racing each other write once: the command's event ids are derived
///   from the actor and the key (the log keeps one), and an id the route would have drawn at
///   random is derived from them too (``IdempotencyScope``).
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let answers: IdempotentAnswers
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static let reused = Problem(
        .unprocessableContent, code: "request.idempotencyKeyReused",
        detail: "Cette clé Idempotency-Key a déjà servi à une autre requête : choisissez une nouvelle clé pour une nouvelle opération ; rien n’a été enregistré.",
        field: "Idempotency-Key"
    )

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = request.headers[Self.header], request.method != .get, request.method != .head,
              !request.uri.path.hasPrefix("/app") else {
            return try await next(request, context)
        }
        guard !key.isEmpty, key.utf8.count <= 200, !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem.invalid("Idempotency-Key", "Idempotency-Key doit faire 1 à 200 caractères, sans caractère de contrôle.", code: "request.invalidIdempotencyKey", status: .badRequest)
        }
        guard let actor = context.grant?.actor else { return try await next(request, context) }
        let actorName = ActorName.format(actor)
        var request = request
        let body = try await context.body(of: request)
        request.body = RequestBody(buffer: body)
        let fingerprint = IdempotentAnswers.fingerprint(method: request.method.rawValue, target: request.uri.description, body: body.readableBytesView)
        let earlier: IdempotentAnswers.Answer?
        do { earlier = try answers.answer(actor: actorName, key: key) } catch { throw Problem.from(error) }
        if let earlier {
            guard earlier.fingerprint == fingerprint else { throw Self.reused }
            return Self.response(earlier)
        }
        let response = try await IdempotencyScope.$current.withValue(IdempotencyScope(actor: actorName, key: key)) {
            try await next(request, context)
        }
        guard (200..<300).contains(response.status.code) else { return response }
        // Keep the answer's bytes, then send the same bytes.
        let collected = CollectedBytes()
        try await response.body.write(CollectingBodyWriter(into: collected))
        let bytes = collected.bytes
        var headers: [String: String] = [:]
        for name in [HTTPField.Name.contentType, .eTag, .location] {
            if let value = response.headers[name] { headers[name.canonicalName] = value }
        }
        let answer = IdempotentAnswers.Answer(fingerprint: fingerprint, status: response.status.code, headers: headers, body: Data(bytes))
        do { try await answers.keep(answer, actor: actorName, key: key) } catch { throw Problem.from(error) }
        var sent = response
        sent.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return sent
    }

    static func response(_ answer: IdempotentAnswers.Answer) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        headers[Self.replayed] = "true"
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// The actor and key of the idempotent request being handled, so that an identifier the route
/// would draw at random is derived instead: a retry then names the very same room, loan or desk.
struct IdempotencyScope: Sendable {
    let actor: String
    let key: String
    @TaskLocal static var current: IdempotencyScope?

    /// A UUID derived from the scope and `purpose` (the body field the id stands for).
    func identifier(for purpose: String) -> String {
        EventIdentity.named("id|\(actor)|\(key)|\(purpose)").uuidString.lowercased()
    }
}

/// The bytes a ``CollectingBodyWriter`` received (the writer itself is consumed by the body).
private final class CollectedBytes {
    var bytes: [UInt8] = []
}

/// Collects a response body's bytes.
private struct CollectingBodyWriter: ResponseBodyWriter {
    let into: CollectedBytes
    mutating func write(_ buffer: ByteBuffer) async throws { into.bytes += buffer.readableBytesView }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

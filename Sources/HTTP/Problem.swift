import App
import Domain
import EventLog
import Foundation
public import Hummingbird

/// An RFC 9457 problem document (`application/problem+json`): every refusal the API makes.
/// `detail` is French, for people; `code` and `field` are stable, for programs.
public struct Problem: HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A short English summary of the kind of problem.
    public let title: String
    /// What happened, in French, with what to do.
    public let detail: String
    /// A stable code, e.g. `loan.overlapsApproved` or `request.unknownField`.
    public let code: String
    /// The request field at fault, when there is one (JSON path, e.g. `address.postcode`).
    public let field: String?
    /// Extra headers (e.g. `WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields = [:]
    /// The failure behind a 5xx, for the server's log only (never sent to the client).
    public var cause: (any Error)?

    /// Creates a problem.
    public init(_ status: HTTPResponse.Status, code: String, detail: String, field: String? = nil, title: String? = nil) {
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.title = title ?? status.reasonPhrase
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var object: [String: Any] = [
            "type": "https://mutualisation.invalid/problems/\(code)",
            "title": title,
            "status": Int(status.code),
            "detail": detail,
            "code": code,
            "instance": request.uri.path,
        ]
        if let field { object["field"] = field }
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    // MARK: Common problems

    /// 401: no or unknown bearer token.
    static func unauthenticated(_ detail: String = "Cette action demande un jeton d’accès valide (en-tête Authorization: Bearer …).") -> Problem {
        var problem = Problem(.unauthorized, code: "auth.required", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"mutualisation\""
        return problem
    }

    /// 403: the token does not allow this.
    static func forbidden(_ detail: String, code: String = "auth.forbidden") -> Problem {
        Problem(.forbidden, code: code, detail: detail)
    }

    /// 404.
    static func notFound(_ detail: String, code: String = "notFound") -> Problem {
        Problem(.notFound, code: code, detail: detail)
    }

    /// 400 or 422 about one field.
    static func invalid(_ field: String?, _ detail: String, code: String = "request.invalid", status: HTTPResponse.Status = .unprocessableContent) -> Problem {
        Problem(status, code: code, detail: detail, field: field)
    }

    /// Maps any error of the layers below to its problem.
    static func wrapping(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let app as AppError: return from(app)
        case let log as EventLogError: return from(log.code == .diskFull ? .unavailable(log) : .storage(log))
        default:
            var problem = Problem(.internalServerError, code: "internal", detail: "Erreur interne : rien n’a été enregistré.")
            problem.cause = error
            return problem
        }
    }

    /// Maps an application error to its problem; unknown storage failures become a 500 with no detail leaked.
    static func from(_ error: AppError) -> Problem {
        switch error {
        case .refused(let domain):
            let status: HTTPResponse.Status
            switch domain.kind {
            case .invalidValue: status = .unprocessableContent
            case .forbidden: status = .forbidden
            case .notFound: status = .notFound
            case .conflict: status = .conflict
            case .ruleViolated: status = .unprocessableContent
            }
            return Problem(status, code: domain.code.rawValue, detail: domain.message, field: domain.field)
        case let .versionMismatch(stream, expected, actual):
            return Problem(.preconditionFailed, code: "version.mismatch",
                           detail: "« \(stream) » est à la version \(actual), pas \(expected) : rechargez puis recommencez.")
        case .tooMuchContention:
            var problem = Problem(.serviceUnavailable, code: "write.contention", detail: "Trop de modifications simultanées : réessayez dans un instant.")
            problem.headers[.retryAfter] = "1"
            return problem
        case .notFound(let what):
            return Problem(.notFound, code: "notFound", detail: "Introuvable : \(what).")
        case .forbidden(let why):
            return Problem(.forbidden, code: "auth.forbidden", detail: why)
        case .unavailable:
            var problem = Problem(.insufficientStorage, code: "storage.full",
                                  detail: "Le disque du serveur est plein : rien n’a été enregistré. Réessayez plus tard.")
            problem.headers[.retryAfter] = "60"
            return problem
        case .storage(let logError):
            var problem = logError.code == .stopped
                ? Problem(.serviceUnavailable, code: "storage.stopped",
                          detail: "Le journal n’accepte plus d’écritures après une erreur disque ; l’exploitant est prévenu.")
                : Problem(.internalServerError, code: "internal", detail: "Erreur interne : rien n’a été enregistré.")
            problem.cause = logError
            return problem
        case .idempotencyKeyReused:
            return IdempotencyMiddleware.reused
        }
    }
}

extension HTTPResponse.Status {
    /// 422 (RFC 9110).
    static let unprocessableContent = HTTPResponse.Status(code: 422, reasonPhrase: "Unprocessable Content")
    /// 507 (RFC 4918).
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

public import App
public import Hummingbird

/// Reads `Authorization: Bearer …`, looks the token up (hashed, no cache: a token revoked from
/// the CLI stops working at the next request) and stores the grant in the context.
/// A malformed or unknown token is a 401 even on public routes, so that a caller never
/// believes it acted with rights it does not have.
public struct BearerAuthenticator: RouterMiddleware {
    public typealias Context = ServerRequestContext
    let tokens: AccessTokens

    /// Creates the middleware.
    public init(tokens: AccessTokens) {
        self.tokens = tokens
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        guard header.lowercased().hasPrefix("bearer "), header.utf8.count < 300 else {
            throw Problem.unauthenticated("L’en-tête Authorization doit être « Bearer <jeton> ».")
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let grant: AccessGrant?
        do {
            grant = try tokens.authenticate(token)
        } catch {
            throw Problem.from(error)
        }
        guard let grant else {
            throw Problem.unauthenticated("Jeton inconnu ou révoqué.")
        }
        var context = context
        context.grant = grant
        context.notes.caller = CallerKind(grant.role)
        return try await next(request, context)
    }
}

extension ServerRequestContext {
    /// The caller's grant, or a 401.
    func requireGrant() throws -> AccessGrant {
        guard let grant else { throw Problem.unauthenticated() }
        return grant
    }

    /// The caller's grant when it is the coordinator's, a 401/403 otherwise.
    func requireCoordinator() throws -> AccessGrant {
        let grant = try requireGrant()
        guard grant.role == .coordinator else {
            throw Problem.forbidden("Seule la coordination peut faire cela.", code: "auth.coordinatorOnly")
        }
        return grant
    }
}

import Foundation

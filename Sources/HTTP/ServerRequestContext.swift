public import App
public import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the caller's grant,
/// set by ``BearerAuthenticator`` from the `Authorization` header.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// What the caller's bearer token grants; nil for the public.
    public var grant: AccessGrant?
    /// The browser session, for pages under `/app` signed in with the session cookie.
    public var session: WebSession?
    /// What the middleware learn about the request for the request log (shared by every copy).
    public let notes: RequestNotes

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.grant = nil
        self.session = nil
        self.notes = RequestNotes()
    }

    /// Request bodies over 1 MiB are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }
}

extension ServerRequestContext {
    /// The whole request body, at most ``maxUploadSize`` bytes (more is a 413).
    func body(of request: Request) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: maxUploadSize)
        } catch {
            throw Problem(.contentTooLarge, code: "request.tooLarge", detail: "Le corps de la requête dépasse 1 Mio.")
        }
    }
}

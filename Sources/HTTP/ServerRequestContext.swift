public import App
public import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the caller's grant,
/// set by ``BearerAuthenticator`` from the `Authorization` header.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// What the caller's bearer token grants; nil for the public.
    public var grant: AccessGrant?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.grant = nil
    }

    /// Request bodies over 1 MiB are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }
}

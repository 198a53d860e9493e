import App
import Synchronization

/// Who made a request, as the request log names it: never a token, only the kind of caller.
public enum CallerKind: String, Sendable {
    case `public`, coordinator, structure, porteur, session

    init(_ role: Role) {
        switch role {
        case .coordinator: self = .coordinator
        case .structure: self = .structure
        case .porteur: self = .porteur
        }
    }
}

/// What the inner middleware learn about a request (who called) for the outer ones that report
/// it (the request log, the response headers): a context is passed down by value, so an outer
/// middleware never sees the grant an inner one stored; this shared box carries it back up.
public final class RequestNotes: Sendable {
    private let storedCaller = Mutex(CallerKind.public)

    /// Creates empty notes: a public caller.
    public init() {}

    /// The kind of caller, `public` until an authenticator says otherwise.
    public var caller: CallerKind {
        get { storedCaller.withLock { $0 } }
        set { storedCaller.withLock { $0 = newValue } }
    }
}

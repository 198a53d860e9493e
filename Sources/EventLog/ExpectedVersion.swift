/// What an append expects of its stream's current version (optimistic concurrency).
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the version.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's last event must have exactly this version (0 means the stream does not exist).
    case exact(UInt64)

    func accepts(_ actual: UInt64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return actual == 0
        case .exact(let expected): return actual == expected
        }
    }

    public var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "no stream"
        case .exact(let version): return "version \(version)"
        }
    }
}

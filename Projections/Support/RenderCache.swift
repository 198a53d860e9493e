import Synchronization

/// The last rendering of each feed, keyed by (feed, position, minute): rendering is deterministic
/// for those, so a hit is always right. Shared by copies of a state.
final class RenderCache: Sendable {
    struct Entry {
        var position: UInt64
        var minute: Int64
        var bytes: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The cached bytes or the rendering of `render`, stored.
    func bytes(_ feed: String, position: UInt64, minute: Int64, _ render: () -> [UInt8]) -> [UInt8] {
        if let hit = entries.withLock({ e -> [UInt8]? in
            guard let entry = e[feed], entry.position == position, entry.minute == minute else { return nil }
            return entry.bytes
        }) {
            return hit
        }
        let bytes = render()
        entries.withLock { $0[feed] = Entry(position: position, minute: minute, bytes: bytes) }
        return bytes
    }
}

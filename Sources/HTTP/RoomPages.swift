import Synchronization

/// Rendered answers of `GET /rooms/{id}`, keyed by room, stream version and page, so that the
/// public reading a busy room (a thousand availability entries folded from its stream) costs
/// one fold per change of the room, not one per request.
///
/// The key holds the stream version, read from the log's index at each request (one lookup), so
/// an entry is never stale; at most ``capacity`` entries are kept, the oldest dropped first.
final class RoomPages: Sendable {
    /// The most entries kept.
    static let capacity = 512

    /// A rendered page: the JSON body and the address of the next page, if any.
    struct Page: Sendable {
        let body: [UInt8]
        let next: String?
    }

    private struct Store {
        var bytes: [String: Page] = [:]
        var order: [String] = []
    }

    private let store = Mutex(Store())

    /// The key of a page.
    static func key(room: String, version: UInt64, cursor: String?, limit: Int) -> String {
        "\(room)|\(version)|\(cursor ?? "")|\(limit)"
    }

    /// The page for `key`, rendered by `render` when not kept.
    func page(_ key: String, render: () throws -> Page) rethrows -> Page {
        if let kept = store.withLock({ $0.bytes[key] }) { return kept }
        let bytes = try render()
        store.withLock { store in
            guard store.bytes.updateValue(bytes, forKey: key) == nil else { return }
            store.order.append(key)
            if store.order.count > Self.capacity {
                store.bytes[store.order.removeFirst()] = nil
            }
        }
        return bytes
    }
}

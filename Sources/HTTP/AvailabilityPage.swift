import Domain
import Hummingbird
import HummingbirdCore

/// The page of a room's availability list that `GET /rooms/{id}` answers: `limit` entries
/// (default 50, at most 200) after `cursor` (the id of the last entry of the previous page), in
/// id order, so that one anonymous request costs a bounded answer however busy the room.
struct AvailabilityPage {
    /// Entries per page when `limit` is not given.
    static let defaultLimit = 50
    /// The most entries per page.
    static let maximumLimit = 200

    let limit: Int
    let cursor: AvailabilityID?

    init(_ query: FlatDictionary<Substring, Substring>) throws {
        if let raw = query["limit"] {
            guard raw.utf8.count <= 4, let value = Int(raw), (1...Self.maximumLimit).contains(value) else {
                throw Problem.invalid("limit", "« limit » est un nombre d’entrées de 1 à \(Self.maximumLimit).", code: "value.outOfRange", status: .badRequest)
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let raw = query["cursor"] {
            guard let id = try? AvailabilityID(String(raw)) else {
                throw Problem.invalid("cursor", "« cursor » est l’identifiant de la dernière disponibilité de la page précédente (lien « next »).", code: "value.invalidIdentifier", status: .badRequest)
            }
            cursor = id
        } else {
            cursor = nil
        }
    }

    /// The entries of this page among `all` (sorted by `id`) and the cursor of the next page.
    func slice<T>(_ all: [T], id: (T) -> String) -> (entries: ArraySlice<T>, next: String?) {
        let start = cursor.map { cursor in all.firstIndex { id($0) > cursor.rawValue } ?? all.endIndex } ?? all.startIndex
        let end = min(start + limit, all.endIndex)
        let entries = all[start..<end]
        return (entries, end < all.endIndex ? entries.last.map(id) : nil)
    }
}

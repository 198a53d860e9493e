public import Domain
public import Foundation

/// The Carte-ouverte feed: the rooms on offer as GeoJSON (RFC 7946) and CSV, with field names
/// from the French open-data schemas (see docs/projections.md for the mapping).
public struct CarteOuverteProjection: Sendable {
    /// The licence of the data, stated in every feature.
    public static let licence = "Licence Ouverte 2.0"
    /// Where the licence is published.
    public static let licenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    /// The source named in every feature.
    public static let source = "Mutualisation – pôle ESS du Pays de Rennes"
    /// CSV columns, in order.
    public static let csvColumns = [
        "id", "nom", "description", "structure", "structure_id", "adresse", "code_postal", "commune", "code_insee",
        "latitude", "longitude", "capacite", "surface", "equipements", "equipements_notes", "acces_pmr", "conditions",
        "gratuit", "opening_hours", "prochains_creneaux_libres", "date_maj", "licence", "source",
    ]

    let availability: AvailabilityProjection
    let structures: StructureDirectory
    let position: UInt64
    let cache: RenderCache

    /// The rooms of the feed: offered, not withdrawn, in offer order.
    public var rooms: [RoomRecord] { availability.offeredRooms }

    /// The GeoJSON FeatureCollection (`application/geo+json`), cached per (position, minute of `now`).
    public func geoJSON(now: Date) -> [UInt8] {
        cache.bytes("geojson", position: position, minute: Self.minute(now)) { renderGeoJSON(now: Self.floorMinute(now)) }
    }

    /// The same data as CSV (RFC 4180, CRLF, header line), cached per (position, minute of `now`).
    public func csv(now: Date) -> [UInt8] {
        cache.bytes("csv", position: position, minute: Self.minute(now)) { renderCSV(now: Self.floorMinute(now)) }
    }

    static func minute(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }
    static func floorMinute(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(minute(date)) * 60) }

    /// The properties of one room, as ordered (key, value) pairs.
    func properties(_ room: RoomRecord, now: Date) -> [(String, FeedValue)] {
        let d = room.details
        let slots = availability.nextFreeSlots(room: room.id, after: now, count: 3)
            .map { "\(Instant.isoParis($0.start))/\(Instant.isoParis($0.end))" }
        let hours = Self.openingHours(room, today: ParisTime.date(now))
        let free: Bool = if case .free = d.conditions { true } else { false }
        return [
            ("id", .text(room.id.rawValue)),
            ("name", .text(d.name)),
            ("description", .text(d.description)),
            ("nom", .text(d.name)),
            ("structure", .text(structures.name(of: room.owner))),
            ("structure_id", .text(room.owner.rawValue)),
            ("adresse", .text(d.address.street)),
            ("code_postal", .text(d.address.postcode)),
            ("commune", .text(d.address.city)),
            ("code_insee", .null),
            ("capacite", .number(Double(d.capacity))),
            ("surface", d.surface.map { .number($0) } ?? .null),
            ("equipements", .text(d.equipment.map(Self.label).joined(separator: ", "))),
            ("equipements_notes", .text(d.equipmentNotes)),
            ("acces_pmr", .bool(d.stepFreeAccess)),
            ("conditions", .text(Self.conditions(d.conditions))),
            ("gratuit", .bool(free)),
            ("opening_hours", hours.map { .text($0) } ?? .null),
            ("prochains_creneaux_libres", .list(slots)),
            ("date_maj", .text(ParisTime.date(Instant.date(micros: room.lastChangeMicroseconds)).description)),
            ("licence", .text(Self.licence)),
            ("source", .text(Self.source)),
        ]
    }

    func renderGeoJSON(now: Date) -> [UInt8] {
        var out = ByteBuffer(capacity: 1024 + rooms.count * 1200)
        out.raw("{\"type\":\"FeatureCollection\",\"features\":[")
        var first = true
        for room in availability.rooms where !room.isWithdrawn {
            if !first { out.raw(",") }
            first = false
            out.raw("{\"type\":\"Feature\",\"id\":")
            out.jsonString(room.id.rawValue)
            out.raw(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            out.raw(decimalText(room.details.position.longitude))
            out.raw(",")
            out.raw(decimalText(room.details.position.latitude))
            out.raw("]},\"properties\":{")
            var firstProperty = true
            for (key, value) in properties(room, now: now) {
                if !firstProperty { out.raw(",") }
                firstProperty = false
                out.key(key)
                switch value {
                case .text(let t): out.jsonString(t)
                case .number(let n): out.raw(decimalText(n))
                case .bool(let b): out.raw(b ? "true" : "false")
                case .null: out.raw("null")
                case .list(let items):
                    out.raw("[")
                    for (i, item) in items.enumerated() {
                        if i > 0 { out.raw(",") }
                        out.jsonString(item)
                    }
                    out.raw("]")
                }
            }
            out.raw("}}")
        }
        out.raw("]}")
        return out.bytes
    }

    func renderCSV(now: Date) -> [UInt8] {
        var out = ByteBuffer(capacity: 512 + rooms.count * 600)
        out.raw(Self.csvColumns.joined(separator: ","))
        out.raw("\r\n")
        for room in availability.rooms where !room.isWithdrawn {
            var values: [String: String] = [:]
            for (key, value) in properties(room, now: now) {
                switch value {
                case .text(let t): values[key] = Self.neutralisedFormula(t)
                case .number(let n): values[key] = decimalText(n)
                case .bool(let b): values[key] = b ? "true" : "false"
                case .null: values[key] = ""
                case .list(let items): values[key] = Self.neutralisedFormula(items.joined(separator: " ; "))
                }
            }
            values["latitude"] = decimalText(room.details.position.latitude)
            values["longitude"] = decimalText(room.details.position.longitude)
            for (i, column) in Self.csvColumns.enumerated() {
                if i > 0 { out.raw(",") }
                out.csvField(values[column] ?? "")
            }
            out.raw("\r\n")
        }
        return out.bytes
    }

    /// A text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return) gets a leading `'`, as OWASP's "CSV Injection" page says, so that
    /// a room named `=HYPERLINK(…)` shows as text. Numeric columns (a longitude of `-1.6745`) are
    /// never text cells and stay numbers.
    static func neutralisedFormula(_ text: String) -> String {
        guard let first = text.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) else {
            return text
        }
        return "'" + text
    }

    /// OSM `opening_hours` from the room's weekly availabilities still running on `today`
    /// (`Mo 09:00-12:00,14:00-18:00; Tu 14:00-18:00`); nil when it has none (only one-off openings).
    static func openingHours(_ room: RoomRecord, today: LocalDate) -> String? {
        var byDay: [Int: [(Int, Int)]] = [:]
        for a in room.availabilities.values {
            guard case .weekly(let weekday, let start, let end, _, let until) = a.pattern, until >= today else { continue }
            byDay[weekday.rawValue, default: []].append((start.minutesSinceMidnight, end.minutesSinceMidnight))
        }
        guard !byDay.isEmpty else { return nil }
        let names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        var rules: [String] = []
        for day in 1...7 {
            guard let ranges = byDay[day] else { continue }
            var merged: [(Int, Int)] = []
            for r in ranges.sorted(by: { $0.0 < $1.0 }) {
                if let last = merged.last, r.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, r.1) } else { merged.append(r) }
            }
            let text = merged.map { "\(hhmm($0.0))-\(hhmm($0.1))" }.joined(separator: ",")
            rules.append("\(names[day - 1]) \(text)")
        }
        return rules.joined(separator: "; ")
    }

    static func hhmm(_ minutes: Int) -> String { Instant.pad(minutes / 60, 2) + ":" + Instant.pad(minutes % 60, 2) }

    /// French label of an equipment.
    public static func label(_ e: Equipment) -> String {
        switch e {
        case .projector: "vidéoprojecteur"
        case .screen: "écran"
        case .whiteboard: "tableau blanc"
        case .paperboard: "paperboard"
        case .wifi: "wifi"
        case .soundSystem: "sonorisation"
        case .videoconference: "visioconférence"
        case .kitchen: "cuisine"
        case .accessibleToilets: "toilettes accessibles"
        }
    }

    /// French text of the conditions.
    public static func conditions(_ c: RoomConditions) -> String {
        switch c {
        case .free: return "Gratuit"
        case .price(let half, let day):
            var parts: [String] = []
            if let half { parts.append("\(euros(half)) la demi-journée") }
            if let day { parts.append("\(euros(day)) la journée") }
            return "Payant : " + parts.joined(separator: ", ")
        case .exchange(let text): return "Échange de services : \(text)"
        }
    }

    static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? "\(cents / 100) €" : "\(cents / 100),\(Instant.pad(cents % 100, 2)) €"
    }
}

/// A property value of the feed.
enum FeedValue {
    case text(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([String])
}

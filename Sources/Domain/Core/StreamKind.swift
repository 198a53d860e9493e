/// The kinds of streams of the log, one per aggregate, with their names.
public enum StreamKind: Sendable, Hashable {
    /// `structure-{id}`.
    case structure(StructureID)
    /// `room-{id}`.
    case room(RoomID)
    /// `pepiniere-{site}`.
    case pepiniere(SiteID)
    /// `phare`: Le Phare has a single stream.
    case phare

    /// The stream name stored in the log.
    public var streamName: String {
        switch self {
        case .structure(let id): "structure-\(id.rawValue)"
        case .room(let id): "room-\(id.rawValue)"
        case .pepiniere(let site): "pepiniere-\(site.rawValue)"
        case .phare: "phare"
        }
    }

    /// Parses a stream name back to its kind; `nil` for names this domain does not write.
    public init?(streamName: String) {
        if streamName == "phare" { self = .phare; return }
        if let raw = Self.suffix(of: streamName, after: "structure-"), let id = try? StructureID(raw) {
            self = .structure(id)
        } else if let raw = Self.suffix(of: streamName, after: "room-"), let id = try? RoomID(raw) {
            self = .room(id)
        } else if let raw = Self.suffix(of: streamName, after: "pepiniere-"), let id = try? SiteID(raw) {
            self = .pepiniere(id)
        } else {
            return nil
        }
    }

    private static func suffix(of name: String, after prefix: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }
}

extension Identifier where Tag == StructureTag {
    /// `structure-{id}`.
    public var streamName: String { StreamKind.structure(self).streamName }
}

extension Identifier where Tag == RoomTag {
    /// `room-{id}`.
    public var streamName: String { StreamKind.room(self).streamName }
}

extension Identifier where Tag == SiteTag {
    /// `pepiniere-{site}`.
    public var streamName: String { StreamKind.pepiniere(self).streamName }
}

/// Names of the single-instance streams.
public enum StreamNames {
    /// The stream of Le Phare.
    public static let phare = "phare"
}

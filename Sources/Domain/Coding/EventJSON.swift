import Foundation

/// The documented JSON form of every event (docs/domain.md, "Events as JSON"): what `GET /events`,
/// `GET /audit/history/…`, the event stream and `mutualise export` give as `data` beside the
/// envelope, so that a person or a program outside the project can read what happened.
///
/// The form is the payload's fields under their Swift names (English camelCase, as in the API):
/// identifiers as strings, instants in RFC 3339 with the Paris offset, Paris dates and times as
/// `2027-04-27` and `2027-04-27T10:00`, enumerations as the API spells them. A personal field is
/// `{"name", "email", "phone"}` where the reader may see it, `{"sealed": true}` otherwise, and
/// `{"erased": true}` once the person was erased. The binary payload stays the stored truth (the
/// chain hashes it; import needs it); this form is derived from it and may gain fields.
public enum EventJSON {
    /// The event's `data`, as UTF-8 JSON with sorted keys.
    public static func encode(_ event: AnyDomainEvent) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ParisTime.rfc3339(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return Array(try encoder.encode(Payload(event: event)))
        } catch {
            // Every payload type encodes (a test encodes each sample); keep the envelope readable regardless.
            return Array("{}".utf8)
        }
    }

    /// The payload struct of whichever case the event is.
    private struct Payload: Encodable {
        let event: AnyDomainEvent

        func encode(to encoder: any Encoder) throws {
            switch event {
            case .structure(let e): try e.payloadForJSON.encode(to: encoder)
            case .room(let e): try e.payloadForJSON.encode(to: encoder)
            case .pepiniere(let e): try e.payloadForJSON.encode(to: encoder)
            case .phare(let e): try e.payloadForJSON.encode(to: encoder)
            }
        }
    }
}

extension StructureEvent {
    var payloadForJSON: any Encodable {
        switch self {
        case .registered(let p): p
        case .detailsChanged(let p): p
        case .borrowingQuotaSet(let p): p
        }
    }
}

extension RoomEvent {
    var payloadForJSON: any Encodable {
        switch self {
        case .offered(let p): p
        case .detailsChanged(let p): p
        case .rulesSet(let p): p
        case .withdrawn(let p): p
        case .availabilityOpened(let p): p
        case .availabilityClosed(let p): p
        case .loanRequested(let p): p
        case .loanSeriesRequested(let p): p
        case .loanApproved(let p): p
        case .loanDeclined(let p): p
        case .loanCancelled(let p): p
        }
    }
}

extension PepiniereEvent {
    var payloadForJSON: any Encodable {
        switch self {
        case .deskAdded(let p): p
        case .deskRemoved(let p): p
        case .applicationSubmitted(let p): p
        case .applicationWaitlisted(let p): p
        case .applicationRejected(let p): p
        case .deskOffered(let p): p
        case .deskOfferAccepted(let p): p
        case .deskOfferLapsed(let p): p
        case .deskAllocated(let p): p
        case .allocationExtended(let p): p
        case .projectLeft(let p): p
        }
    }
}

extension PhareEvent {
    var payloadForJSON: any Encodable {
        switch self {
        case .capacitySet(let p): p
        case .spaceRequested(let p): p
        case .spaceRequestAmended(let p): p
        case .spaceRequestWithdrawn(let p): p
        case .spaceAllocated(let p): p
        case .spaceRequestDeclined(let p): p
        }
    }
}

// MARK: Value types in their JSON form

extension Identifier: Encodable {
    /// The identifier's text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension LocalDate: Encodable {
    /// `2027-04-27`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension LocalTime: Encodable {
    /// `14:00`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension LocalDateTime: Encodable {
    /// `2027-04-27T14:00` (Paris).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Period: Encodable {
    private enum Keys: String, CodingKey { case start, end }
    /// `{"start", "end"}` in RFC 3339 with the Paris offset.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(ParisTime.rfc3339(start), forKey: .start)
        try container.encode(ParisTime.rfc3339(end), forKey: .end)
    }
}

extension AvailabilityPattern: Encodable {
    private enum Keys: String, CodingKey { case kind, start, end, weekday, from, until }
    /// `{"kind": "once", "start", "end"}` or `{"kind": "weekly", "weekday" (1 = Monday), "start", "end", "from", "until"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .once(start, end):
            try container.encode("once", forKey: .kind)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
        case let .weekly(weekday, start, end, from, until):
            try container.encode("weekly", forKey: .kind)
            try container.encode(weekday.rawValue, forKey: .weekday)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(from, forKey: .from)
            try container.encode(until, forKey: .until)
        }
    }
}

extension RoomConditions: Encodable {
    private enum Keys: String, CodingKey { case kind, halfDayCents, dayCents, detail }
    /// As the API spells them: `{"kind": "free"}`, `{"kind": "price", "halfDayCents", "dayCents"}`, `{"kind": "exchange", "detail"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .free:
            try container.encode("free", forKey: .kind)
        case let .price(halfDay, day):
            try container.encode("price", forKey: .kind)
            try container.encodeIfPresent(halfDay, forKey: .halfDayCents)
            try container.encodeIfPresent(day, forKey: .dayCents)
        case .exchange(let detail):
            try container.encode("exchange", forKey: .kind)
            try container.encode(detail, forKey: .detail)
        }
    }
}

extension ContactData: Encodable {
    private enum Keys: String, CodingKey { case name, email, phone, sealed, erased }
    /// The contact where it was opened for the reader, `{"sealed": true}` otherwise, `{"erased": true}` once erased.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .clear(let contact):
            try container.encode(contact.name, forKey: .name)
            try container.encode(contact.email, forKey: .email)
            try container.encodeIfPresent(contact.phone, forKey: .phone)
        case .sealed:
            try container.encode(true, forKey: .sealed)
        case .erased:
            try container.encode(true, forKey: .erased)
        }
    }
}

extension Equipment: Encodable {
    /// The case's name, as the API spells it (`projector`, `soundSystem`…).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(describing: self))
    }
}

extension PhareUse: Encodable, CodingKeyRepresentable {
    /// The use's name, as the API spells it (`commerce`, `bureaux`, `services`, `hebergement`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(describing: self))
    }
    /// The use's name as a dictionary key (`byUse.commerce`).
    public var codingKey: any CodingKey { UseKey(stringValue: String(describing: self)) }
    /// The use a key names.
    public init?<T: CodingKey>(codingKey: T) {
        guard let use = Self.allCases.first(where: { String(describing: $0) == codingKey.stringValue }) else { return nil }
        self = use
    }
    private struct UseKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension Recurrence: Encodable {
    /// `weekly` or `monthly`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self == .weekly ? "weekly" : "monthly")
    }
}

extension StructureKind: Encodable {
    /// As the API spells it: `association`, `cooperative`, `mutuelle`, `collectivite`, `autre`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self == .other ? "autre" : String(describing: self))
    }
}

extension DomainErrorCode: Encodable {}

extension BorrowingQuotaSet {
    private enum Keys: String, CodingKey { case hoursPerMonth }
    /// `{"hoursPerMonth": 20}`, or `null` when the quota was removed (an empty object would say nothing).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(hoursPerMonth, forKey: .hoursPerMonth)
    }
}

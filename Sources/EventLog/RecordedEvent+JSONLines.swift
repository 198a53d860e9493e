import Foundation

/// The export format (`mutualise export`, `mutualise import`): one JSON object per line, every
/// field of the record, the payload in base64 and the chain hash in hex, so that an import
/// can recompute and check the chain.
extension RecordedEvent {
    /// The record as one line of JSON (no newline), keys sorted.
    public var jsonLine: String { jsonLine(adding: [:]) }

    /// The record as one line of JSON with extra fields beside the record's own (e.g. the decoded
    /// event as `data`, which import ignores: the payload stays the truth).
    public func jsonLine(adding extra: [String: Any]) -> String {
        var object: [String: Any] = [
            "position": position, "stream": streamID, "version": streamVersion, "type": type,
            "schemaVersion": Int(schemaVersion), "recordedAtMicros": recordedAtMicroseconds, "actor": actor,
            "id": id.uuidString.lowercased(), "payload": Data(payload).base64EncodedString(), "hash": hash.hex,
        ]
        for (key, value) in extra where object[key] == nil { object[key] = value }
        if let correlationID { object["correlationId"] = correlationID.uuidString.lowercased() }
        if let causationID { object["causationId"] = causationID.uuidString.lowercased() }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses a line written by ``jsonLine``.
    /// - Throws: ``EventLogError/Code/importMismatch`` naming what is wrong.
    public init(jsonLine line: some StringProtocol) throws(EventLogError) {
        func bad(_ why: String) -> EventLogError { EventLogError(.importMismatch, "invalid export line: \(why)") }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { throw bad("not a JSON object") }
        func number(_ key: String) throws(EventLogError) -> Int64 {
            guard let value = object[key] as? NSNumber else { throw bad("\(key) missing") }
            return value.int64Value
        }
        func string(_ key: String) throws(EventLogError) -> String {
            guard let value = object[key] as? String else { throw bad("\(key) missing") }
            return value
        }
        func uuid(_ key: String) throws(EventLogError) -> UUID? {
            guard let raw = object[key] as? String else { return nil }
            guard let id = UUID(uuidString: raw) else { throw bad("\(key) is not a UUID") }
            return id
        }
        guard let id = try uuid("id") else { throw bad("id missing") }
        guard let payload = Data(base64Encoded: try string("payload")) else { throw bad("payload is not base64") }
        guard let hash = ChainHash(hex: try string("hash")) else { throw bad("hash is not 64 hex digits") }
        let position = try number("position"), version = try number("version"), schema = try number("schemaVersion")
        guard position > 0, version > 0, (0...Int64(UInt16.max)).contains(schema) else { throw bad("position, version or schemaVersion out of range") }
        self.init(
            position: UInt64(position), streamID: try string("stream"), streamVersion: UInt64(version), type: try string("type"),
            schemaVersion: UInt16(schema), recordedAtMicroseconds: try number("recordedAtMicros"), actor: try string("actor"),
            correlationID: try uuid("correlationId"), causationID: try uuid("causationId"), id: id, payload: Array(payload), hash: hash
        )
    }
}

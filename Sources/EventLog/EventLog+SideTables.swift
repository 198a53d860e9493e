import LMDB

extension EventLog {
    /// Applies changes to a side table (declared in ``Configuration/sideTables``) in one durable
    /// transaction. Side tables live beside the log, not in it: they are not hashed nor exported.
    public func writeSideTable(_ name: String, _ changes: [SideTableChange]) async throws(EventLogError) {
        if case .failed(let error) = await writer.submit(.sideTable(name: name, changes: changes)) { throw error }
    }

    /// The value stored under `key` in a side table.
    public func sideTableValue(_ name: String, key: [UInt8]) throws(EventLogError) -> [UInt8]? {
        guard let table = tables.side[name] else { throw EventLogError(.invalidEvent, "unknown side table \(name)") }
        return try read { txn, _ in try txn.getBytes(table, key: key) }
    }

    /// All entries of a side table whose key starts with `prefix`, in key order.
    public func sideTableEntries(_ name: String, prefix: [UInt8] = []) throws(EventLogError) -> [(key: [UInt8], value: [UInt8])] {
        guard let table = tables.side[name] else { throw EventLogError(.invalidEvent, "unknown side table \(name)") }
        return try read { txn, _ in
            try txn.withCursor(table) { cursor in
                var result: [(key: [UInt8], value: [UInt8])] = []
                var entry = prefix.isEmpty ? try cursor.first() : try cursor.seek(prefix)
                while let current = entry, current.key.starts(with: prefix) {
                    result.append((Array(current.key), Array(current.value)))
                    entry = try cursor.next()
                }
                return result
            }
        }
    }

    /// Saves a projection's checkpoint (its position and state, in one write).
    public func saveCheckpoint(_ name: String, _ value: [UInt8]) async throws(EventLogError) {
        if case .failed(let error) = await writer.submit(.checkpoint(name: name, value: value)) { throw error }
    }

    /// The checkpoint saved under `name`.
    public func checkpoint(_ name: String) throws(EventLogError) -> [UInt8]? {
        try read { txn, tables in try txn.getBytes(tables.checkpoints, key: Array(name.utf8)) }
    }
}

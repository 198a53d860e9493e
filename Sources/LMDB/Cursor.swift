internal import CLMDB

/// A cursor over one database, handed to the closure of ``Transaction/withCursor(_:_:)``.
///
/// Each move returns the entry it lands on, as buffers into the memory map that are valid
/// until the transaction ends; nil when there is no such entry.
public struct Cursor {
    let handle: OpaquePointer
    /// The database the cursor walks.
    public let database: Database

    init(handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    /// One entry of a database, as buffers into the memory map.
    public struct Entry {
        /// The key's bytes.
        public let key: UnsafeRawBufferPointer
        /// The value's bytes.
        public let value: UnsafeRawBufferPointer
    }

    private func move(_ op: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil) throws(LMDBError) -> Entry? {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: key.flatMap { UnsafeMutableRawPointer(mutating: $0.baseAddress) })
        var v = MDB_val()
        let rc = mdb_cursor_get(handle, &k, &v, op)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_cursor_get(\(database.name))")
        return Entry(
            key: UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
            value: UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
        )
    }

    /// Moves to the first entry (`MDB_FIRST`).
    public func first() throws(LMDBError) -> Entry? { try move(MDB_FIRST) }
    /// Moves to the last entry (`MDB_LAST`).
    public func last() throws(LMDBError) -> Entry? { try move(MDB_LAST) }
    /// Moves to the next entry (`MDB_NEXT`).
    public func next() throws(LMDBError) -> Entry? { try move(MDB_NEXT) }
    /// Moves to the previous entry (`MDB_PREV`).
    public func previous() throws(LMDBError) -> Entry? { try move(MDB_PREV) }
    /// Moves to the entry with exactly `key` (`MDB_SET_KEY`).
    public func find(_ key: UnsafeRawBufferPointer) throws(LMDBError) -> Entry? { try move(MDB_SET_KEY, key: key) }
    /// Moves to the first entry whose key is greater than or equal to `key` (`MDB_SET_RANGE`).
    public func seek(_ key: UnsafeRawBufferPointer) throws(LMDBError) -> Entry? { try move(MDB_SET_RANGE, key: key) }
    /// Moves to the first entry whose key is greater than or equal to `key` (byte array).
    public func seek(_ key: [UInt8]) throws(LMDBError) -> Entry? {
        var result: Result<Entry?, LMDBError>!
        key.withUnsafeBytes { k in
            do throws(LMDBError) { result = .success(try move(MDB_SET_RANGE, key: k)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Writes an entry at the cursor (`mdb_cursor_put`); with ``WriteFlags/append`` the fast path for sequential keys.
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: WriteFlags = []) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_cursor_put(handle, &k, &v, flags.rawValue), "mdb_cursor_put(\(database.name))")
    }
}

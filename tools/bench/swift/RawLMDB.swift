import CLMDB

/// The physical limit: a minimal program over liblmdb doing the same work as the log with no
/// framing, no indexes and no hashing. Keys are positions (UInt64 big-endian), values are the
/// bare payload, put with `MDB_APPEND` into the main database of a default (durable) environment.
struct RawLMDB: ~Copyable {
    private let env: OpaquePointer
    private let dbi: MDB_dbi

    /// Opens (creating) an environment in the existing folder `path`.
    init(path: String, mapSize: Int = 4 << 30) throws(RawLMDBError) {
        var handle: OpaquePointer?
        try check(mdb_env_create(&handle), "mdb_env_create")
        guard let handle else { throw RawLMDBError(code: -1, operation: "mdb_env_create") }
        do throws(RawLMDBError) {
            try check(mdb_env_set_mapsize(handle, mapSize), "mdb_env_set_mapsize")
            try check(mdb_env_open(handle, path, 0, 0o644), "mdb_env_open")
            var txn: OpaquePointer?
            try check(mdb_txn_begin(handle, nil, 0, &txn), "mdb_txn_begin")
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, nil, 0, &dbi)
            guard rc == MDB_SUCCESS else {
                mdb_txn_abort(txn)
                throw RawLMDBError(code: rc, operation: "mdb_dbi_open")
            }
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
            self.env = handle
            self.dbi = dbi
        } catch {
            mdb_env_close(handle)
            throw error
        }
    }

    deinit {
        mdb_env_close(env)
    }

    /// Appends `count` records after position `start` (exclusive), `perTransaction` per
    /// committed (fsynced) write transaction. Returns the last position written.
    @discardableResult
    func append(count: Int, perTransaction: Int, after start: UInt64 = 0, payload: [UInt8]) throws(RawLMDBError) -> UInt64 {
        var position = start
        var remaining = count
        var payload = payload
        while remaining > 0 {
            let inThis = min(perTransaction, remaining)
            var txn: OpaquePointer?
            try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
            for _ in 0..<inThis {
                position += 1
                var key = position.bigEndian
                let rc = withUnsafeMutableBytes(of: &key) { keyBytes in
                    payload.withUnsafeMutableBytes { valueBytes in
                        var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                        var v = MDB_val(mv_size: valueBytes.count, mv_data: valueBytes.baseAddress)
                        return mdb_put(txn, dbi, &k, &v, UInt32(MDB_APPEND))
                    }
                }
                guard rc == MDB_SUCCESS else {
                    mdb_txn_abort(txn)
                    throw RawLMDBError(code: rc, operation: "mdb_put")
                }
            }
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
            remaining -= inThis
        }
        return position
    }

    /// Walks every record with a cursor in one read transaction, touching each key and value
    /// (so the pages are really read); returns the number of records.
    func scan() throws(RawLMDBError) -> Int {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "mdb_txn_begin")
        defer { mdb_txn_abort(txn) }
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, dbi, &cursor), "mdb_cursor_open")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val(mv_size: 0, mv_data: nil)
        var value = MDB_val(mv_size: 0, mv_data: nil)
        var count = 0
        var checksum: UInt64 = 0
        var op = MDB_FIRST
        while true {
            let rc = mdb_cursor_get(cursor, &key, &value, op)
            if rc == MDB_NOTFOUND { break }
            try check(rc, "mdb_cursor_get")
            if let data = value.mv_data, value.mv_size > 0 {
                checksum &+= UInt64(data.load(as: UInt8.self)) &+ UInt64(value.mv_size)
            }
            count += 1
            op = MDB_NEXT
        }
        // Keeps the optimiser from dropping the reads.
        if checksum == .max { print("") }
        return count
    }
}

/// A liblmdb failure in the raw reference.
struct RawLMDBError: Error, CustomStringConvertible {
    let code: Int32
    let operation: String

    var description: String {
        let message = mdb_strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return "\(operation): \(message)"
    }
}

private func check(_ rc: Int32, _ operation: String) throws(RawLMDBError) {
    guard rc == MDB_SUCCESS else { throw RawLMDBError(code: rc, operation: operation) }
}

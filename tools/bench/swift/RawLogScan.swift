import CLMDB

/// The physical limit for a rebuild: a bare cursor walk over the `log` database of an existing
/// data folder written by our log, with liblmdb directly (read-only, no decoding, no fold).
/// Open it only while no `EventLog` of the same folder is open in this process (LMDB forbids
/// opening one environment twice in a process).
struct RawLogScan: ~Copyable {
    private let env: OpaquePointer

    init(path: String) throws(RawLMDBError) {
        var handle: OpaquePointer?
        let rc = mdb_env_create(&handle)
        guard rc == MDB_SUCCESS, let handle else { throw RawLMDBError(code: rc, operation: "mdb_env_create") }
        var code = mdb_env_set_maxdbs(handle, 32)
        if code == MDB_SUCCESS { code = mdb_env_open(handle, path, UInt32(MDB_RDONLY), 0o644) }
        guard code == MDB_SUCCESS else {
            mdb_env_close(handle)
            throw RawLMDBError(code: code, operation: "mdb_env_open")
        }
        env = handle
    }

    deinit { mdb_env_close(env) }

    /// Walks every record of the `log` database in one read transaction, touching each value;
    /// returns the number of records.
    func scan() throws(RawLMDBError) -> Int {
        var txn: OpaquePointer?
        var rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
        guard rc == MDB_SUCCESS else { throw RawLMDBError(code: rc, operation: "mdb_txn_begin") }
        defer { mdb_txn_abort(txn) }
        var dbi: MDB_dbi = 0
        rc = mdb_dbi_open(txn, "log", 0, &dbi)
        guard rc == MDB_SUCCESS else { throw RawLMDBError(code: rc, operation: "mdb_dbi_open log") }
        var cursor: OpaquePointer?
        rc = mdb_cursor_open(txn, dbi, &cursor)
        guard rc == MDB_SUCCESS else { throw RawLMDBError(code: rc, operation: "mdb_cursor_open") }
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val(mv_size: 0, mv_data: nil)
        var value = MDB_val(mv_size: 0, mv_data: nil)
        var count = 0
        var checksum: UInt64 = 0
        var op = MDB_FIRST
        while true {
            rc = mdb_cursor_get(cursor, &key, &value, op)
            if rc == MDB_NOTFOUND { break }
            guard rc == MDB_SUCCESS else { throw RawLMDBError(code: rc, operation: "mdb_cursor_get") }
            if let data = value.mv_data, value.mv_size > 0 {
                checksum &+= UInt64(data.load(as: UInt8.self)) &+ UInt64(value.mv_size)
            }
            count += 1
            op = MDB_NEXT
        }
        if checksum == .max { print("") }
        return count
    }
}

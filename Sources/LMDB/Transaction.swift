internal import CLMDB

/// A transaction, handed to the closures of ``Environment/read(_:)`` and ``Environment/write(_:)``.
///
/// Not `Sendable`: a transaction belongs to the closure that received it. Buffers it returns
/// point into the memory map and are valid only until the transaction ends (or, for a write
/// transaction, until the next write): copy the bytes out before the closure returns.
public final class Transaction {
    let handle: OpaquePointer
    /// True for a read-only transaction.
    public let isReadOnly: Bool
    private var finished = false

    init(handle: OpaquePointer, readOnly: Bool) {
        self.handle = handle
        self.isReadOnly = readOnly
    }

    func commit() throws(LMDBError) {
        finished = true
        try check(mdb_txn_commit(handle), "mdb_txn_commit")
    }

    func abort() {
        guard !finished else { return }
        finished = true
        mdb_txn_abort(handle)
    }

    /// Opens a named database inside this transaction.
    public func openDatabase(named name: String, flags: DatabaseFlags = [.create]) throws(LMDBError) -> Database {
        var dbi: MDB_dbi = 0
        try check(mdb_dbi_open(handle, name, flags.rawValue, &dbi), "mdb_dbi_open(\(name))")
        return Database(dbi: dbi, name: name)
    }

    /// The value stored under `key`, or nil. The buffer is valid until the transaction ends.
    public func get(_ database: Database, key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(handle, database.dbi, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_get(\(database.name))")
        return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }

    /// The value stored under `key`, copied out, or nil.
    public func getBytes(_ database: Database, key: [UInt8]) throws(LMDBError) -> [UInt8]? {
        do {
            return try key.withUnsafeBytes { (k) throws(LMDBError) -> [UInt8]? in
                guard let value = try get(database, key: k) else { return nil }
                return Array(value)
            }
        } catch let error as LMDBError {
            throw error
        } catch {
            fatalError("unreachable: \(error)")
        }
    }

    /// Stores `value` under `key`.
    /// - Throws: ``LMDBError/Code/keyExists`` with ``WriteFlags/noOverwrite`` or when
    ///   ``WriteFlags/append`` finds a key out of order; ``LMDBError/Code/mapFull`` when the map is full.
    public func put(_ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: WriteFlags = []) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_put(handle, database.dbi, &k, &v, flags.rawValue), "mdb_put(\(database.name))")
    }

    /// Stores `value` under `key` (byte arrays).
    public func put(_ database: Database, key: [UInt8], value: [UInt8], flags: WriteFlags = []) throws(LMDBError) {
        try withBuffers(key, value) { (k, v) throws(LMDBError) in try put(database, key: k, value: v, flags: flags) }
    }

    /// Deletes the value under `key`; returns false when there was none.
    @discardableResult
    public func delete(_ database: Database, key: [UInt8]) throws(LMDBError) -> Bool {
        let rc = key.withUnsafeBytes { k -> Int32 in
            var kv = MDB_val(mv_size: k.count, mv_data: UnsafeMutableRawPointer(mutating: k.baseAddress))
            return mdb_del(handle, database.dbi, &kv, nil)
        }
        if rc == MDB_NOTFOUND { return false }
        try check(rc, "mdb_del(\(database.name))")
        return true
    }

    /// Number of entries in a database.
    public func count(_ database: Database) throws(LMDBError) -> Int {
        var stat = MDB_stat()
        try check(mdb_stat(handle, database.dbi, &stat), "mdb_stat(\(database.name))")
        return stat.ms_entries
    }

    /// Runs `body` with a cursor on `database`, closed when `body` returns.
    public func withCursor<Result>(_ database: Database, _ body: (Cursor) throws -> Result) throws -> Result {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(handle, database.dbi, &cursor), "mdb_cursor_open(\(database.name))")
        guard let cursor else { throw LMDBError(code: .badTransaction, operation: "mdb_cursor_open") }
        defer { mdb_cursor_close(cursor) }
        return try body(Cursor(handle: cursor, database: database))
    }

    /// Runs `body` in a nested (child) write transaction: its writes become part of this
    /// transaction when `body` returns and are rolled back alone when it throws.
    public func nested<Result>(_ body: (Transaction) throws -> Result) throws -> Result {
        precondition(!isReadOnly, "LMDB nests write transactions only")
        var child: OpaquePointer?
        let env = mdb_txn_env(handle)
        try check(mdb_txn_begin(env, handle, 0, &child), "mdb_txn_begin(nested)")
        guard let child else { throw LMDBError(code: .badTransaction, operation: "mdb_txn_begin(nested)") }
        let txn = Transaction(handle: child, readOnly: false)
        do {
            let result = try body(txn)
            try txn.commit()
            return result
        } catch {
            txn.abort()
            throw error
        }
    }
}

@inline(__always)
func withBuffers<R>(_ a: [UInt8], _ b: [UInt8], _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(LMDBError) -> R) throws(LMDBError) -> R {
    var result: Result<R, LMDBError>!
    a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in
            do throws(LMDBError) { result = .success(try body(pa, pb)) } catch { result = .failure(error) }
        }
    }
    return try result.get()
}

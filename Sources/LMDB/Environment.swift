internal import CLMDB
#if canImport(Glibc)
import Glibc
#endif

/// An LMDB environment: one memory-mapped data file with its lock file, holding named databases.
///
/// Transactions are reached only inside synchronous closures (``read(_:)``, ``write(_:)``),
/// so that a transaction never outlives its scope, is never held across an `await`, and
/// a read transaction never pins old pages for long.
///
/// `@unchecked Sendable`: liblmdb's environment handle is thread-safe. Read transactions
/// are opened with `MDB_NOTLS`, so they may run on any thread; a write transaction begins
/// and ends inside one synchronous closure, hence on one thread, as LMDB requires. The
/// map is resized only under the exclusive side of `mapLock`, when no transaction of this
/// process is open, which is what `mdb_env_set_mapsize` demands.
public final class Environment: @unchecked Sendable {
    /// The options an environment is opened with.
    public struct Options: Sendable {
        /// Size of the memory map in bytes; the data file may grow up to it. Grown by ``growMap(to:)``.
        public var mapSize: Int
        /// Maximum number of named databases.
        public var maxDatabases: UInt32
        /// Maximum number of simultaneous read transactions, all processes together.
        public var maxReaders: UInt32
        /// Flags for `mdb_env_open`. ``EnvironmentFlags/noThreadLocalStorage`` is always added.
        public var flags: EnvironmentFlags
        /// Permissions of created files (owner-only by default: the files hold the data).
        public var fileMode: UInt32

        /// Options with defaults suited to a server process.
        public init(
            mapSize: Int = 1 << 30,
            maxDatabases: UInt32 = 16,
            maxReaders: UInt32 = 510,
            flags: EnvironmentFlags = [],
            fileMode: UInt32 = 0o600
        ) {
            self.mapSize = mapSize
            self.maxDatabases = maxDatabases
            self.maxReaders = maxReaders
            self.flags = flags
            self.fileMode = fileMode
        }
    }

    /// Figures about the environment, for operators.
    public struct Info: Sendable, Hashable {
        /// Size of the memory map in bytes.
        public var mapSize: Int
        /// Bytes in use: pages up to the last one used, times the page size.
        public var usedBytes: Int
        /// Size of a page in bytes.
        public var pageSize: Int
        /// Reader slots in use (all processes).
        public var readersInUse: Int
        /// Reader slots available (all processes).
        public var maxReaders: Int
    }

    let handle: OpaquePointer
    private let mapLock = ReadWriteLock()
    /// The path the environment was opened at.
    public let path: String

    /// Opens (and creates when missing) the environment in the folder `path`, which must exist.
    /// - Throws: ``LMDBError`` when liblmdb refuses the folder or its files, e.g. ``LMDBError/Code/invalid``
    ///   for a file that is not an LMDB data file, or ``LMDBError/Code/versionMismatch``.
    public init(path: String, options: Options = Options()) throws(LMDBError) {
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw LMDBError(code: .invalid, operation: "mdb_env_create") }
        do {
            try check(mdb_env_set_mapsize(env, options.mapSize), "mdb_env_set_mapsize")
            try check(mdb_env_set_maxdbs(env, MDB_dbi(options.maxDatabases)), "mdb_env_set_maxdbs")
            try check(mdb_env_set_maxreaders(env, options.maxReaders), "mdb_env_set_maxreaders")
            let flags = options.flags.union(.noThreadLocalStorage)
            try check(mdb_env_open(env, path, flags.rawValue, mode_t(options.fileMode)), "mdb_env_open(\(path))")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        self.path = path
        // Clear reader slots left by processes that died (e.g. a CLI killed with kill -9).
        var dead: Int32 = 0
        _ = mdb_reader_check(env, &dead)
    }

    deinit {
        mdb_env_close(handle)
    }

    /// Runs `body` in a read-only transaction that is aborted when `body` returns.
    ///
    /// Pointers handed out by the transaction are valid only inside `body`: copy the bytes out.
    public func read<Result>(_ body: (Transaction) throws -> Result) throws -> Result {
        try withTransaction(readOnly: true, body)
    }

    /// Runs `body` in a write transaction, committed (and, unless the environment was opened
    /// with ``EnvironmentFlags/noSync``, flushed to disk) when `body` returns, aborted when it throws.
    ///
    /// LMDB allows one write transaction at a time across all processes: this call waits for it.
    public func write<Result>(_ body: (Transaction) throws -> Result) throws -> Result {
        try withTransaction(readOnly: false, body)
    }

    private func withTransaction<Result>(readOnly: Bool, _ body: (Transaction) throws -> Result) throws -> Result {
        while true {
            mapLock.lockShared()
            var txnHandle: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txnHandle)
            if rc == MDB_MAP_RESIZED {
                // Another process grew the map: adopt its size, then start again.
                mapLock.unlock()
                try adoptMapSizeFromFile()
                continue
            }
            guard rc == MDB_SUCCESS, let txnHandle else {
                mapLock.unlock()
                throw LMDBError(code: .init(rawValue: rc), operation: "mdb_txn_begin")
            }
            defer { mapLock.unlock() }
            let txn = Transaction(handle: txnHandle, readOnly: readOnly)
            do {
                let result = try body(txn)
                if readOnly {
                    txn.abort()
                } else {
                    try txn.commit()
                }
                return result
            } catch {
                txn.abort()
                throw error
            }
        }
    }

    /// Opens (creating it if asked) a named database. Handles stay valid for the life of the environment.
    public func openDatabase(named name: String, flags: DatabaseFlags = [.create]) throws -> Database {
        try write { txn in try txn.openDatabase(named: name, flags: flags) }
    }

    /// Grows the memory map to `newSize` bytes, waiting for this process's transactions to end.
    public func growMap(to newSize: Int) throws(LMDBError) {
        mapLock.lockExclusive()
        defer { mapLock.unlock() }
        try check(mdb_env_set_mapsize(handle, newSize), "mdb_env_set_mapsize")
    }

    private func adoptMapSizeFromFile() throws(LMDBError) {
        mapLock.lockExclusive()
        defer { mapLock.unlock() }
        try check(mdb_env_set_mapsize(handle, 0), "mdb_env_set_mapsize(0)")
    }

    /// Bytes still free for this process on the file system that holds the environment
    /// (`statvfs`: `f_bavail` blocks of `f_frsize` bytes), or nil when it cannot be read.
    public func availableDiskBytes() -> Int? {
        var figures = statvfs()
        guard statvfs(path, &figures) == 0 else { return nil }
        return Int(figures.f_bavail) * Int(figures.f_frsize)
    }

    /// Drops this process's mappings of the data file's pages (`madvise(MADV_DONTNEED)` over the
    /// memory map), so that pages read by a long scan stop counting in its resident memory. The
    /// pages stay in the operating system's cache, and a later read maps them again: nothing is
    /// lost, only the next touch of a page costs a minor fault. Only for an environment opened
    /// without `MDB_WRITEMAP` (the map is then read-only and never dirty).
    /// - Returns: the bytes advised (0 where `madvise` is unavailable or refused).
    @discardableResult
    public func releaseMappedPages() -> Int {
        #if os(Linux)
        // Shared side of the map lock: the map is not moved by a resize meanwhile.
        mapLock.lockShared()
        defer { mapLock.unlock() }
        // LMDB does not hand out the map's address (`me_mapaddr` is only set for MDB_FIXEDMAP):
        // find the mappings of the data file in /proc/self/maps by device and inode.
        var fd: Int32 = -1
        var status = stat()
        guard mdb_env_get_fd(handle, &fd) == MDB_SUCCESS, fstat(fd, &status) == 0 else { return 0 }
        var advised = 0
        for range in Self.mappings(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) {
            guard let start = UnsafeMutableRawPointer(bitPattern: range.lowerBound) else { continue }
            if madvise(start, range.count, MADV_DONTNEED) == 0 { advised += range.count }
        }
        return advised
        #else
        return 0
        #endif
    }

    #if os(Linux)
    /// Address ranges of this process's mappings of the file with `device` and `inode`, read from
    /// `/proc/self/maps` (`start-end perms offset major:minor inode path`, numbers in hexadecimal
    /// except the inode).
    static func mappings(device: UInt64, inode: UInt64) -> [Range<UInt>] {
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        let fd = open("/proc/self/maps", O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            text.append(contentsOf: buffer[0..<n])
        }
        var ranges: [Range<UInt>] = []
        for line in text.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count >= 5 else { continue }
            let bounds = fields[0].split(separator: UInt8(ascii: "-"))
            let dev = fields[3].split(separator: UInt8(ascii: ":"))
            guard bounds.count == 2, dev.count == 2,
                  UInt64(String(decoding: fields[4], as: UTF8.self)) == inode,
                  UInt64(String(decoding: dev[0], as: UTF8.self), radix: 16) == major,
                  UInt64(String(decoding: dev[1], as: UTF8.self), radix: 16) == minor,
                  let start = UInt(String(decoding: bounds[0], as: UTF8.self), radix: 16),
                  let end = UInt(String(decoding: bounds[1], as: UTF8.self), radix: 16), start < end else { continue }
            ranges.append(start..<end)
        }
        return ranges
    }
    #endif

    /// The current figures of the environment.
    public func info() throws(LMDBError) -> Info {
        var envInfo = MDB_envinfo()
        try check(mdb_env_info(handle, &envInfo), "mdb_env_info")
        var stat = MDB_stat()
        try check(mdb_env_stat(handle, &stat), "mdb_env_stat")
        let pageSize = Int(stat.ms_psize)
        return Info(
            mapSize: envInfo.me_mapsize,
            usedBytes: (envInfo.me_last_pgno + 1) * pageSize,
            pageSize: pageSize,
            readersInUse: Int(envInfo.me_numreaders),
            maxReaders: Int(envInfo.me_maxreaders)
        )
    }

    /// Writes a consistent copy of the environment to the folder `destination` (which must exist
    /// and be empty) while writers keep writing (`mdb_env_copy2`).
    public func copy(to destination: String, flags: CopyFlags = [.compact]) throws(LMDBError) {
        try check(mdb_env_copy2(handle, destination, flags.rawValue), "mdb_env_copy2(\(destination))")
    }

    /// Flushes buffers to disk (`mdb_env_sync`); needed only with ``EnvironmentFlags/noSync``.
    public func sync(force: Bool = true) throws(LMDBError) {
        try check(mdb_env_sync(handle, force ? 1 : 0), "mdb_env_sync")
    }
}

/// A POSIX read-write lock. `@unchecked Sendable`: the pthread lock is itself thread-safe;
/// it lives in heap memory that never moves.
final class ReadWriteLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func lockShared() { pthread_rwlock_rdlock(lock) }
    func lockExclusive() { pthread_rwlock_wrlock(lock) }
    func unlock() { pthread_rwlock_unlock(lock) }
}

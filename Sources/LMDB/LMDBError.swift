internal import CLMDB
#if canImport(Glibc)
import Glibc
#endif

/// An error returned by liblmdb, with a Swift name for its code, the operation that
/// failed and LMDB's own message.
public struct LMDBError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A return code of liblmdb: one of LMDB's own (`MDB_*`) or a system `errno`.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The raw C return code.
        public let rawValue: Int32
        /// Wraps a raw return code.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `MDB_KEYEXIST`: the key/data pair already exists.
        public static let keyExists = Code(rawValue: MDB_KEYEXIST)
        /// `MDB_NOTFOUND`: no matching key/data pair.
        public static let notFound = Code(rawValue: MDB_NOTFOUND)
        /// `MDB_PAGE_NOTFOUND`: a requested page was not found (usually a damaged file).
        public static let pageNotFound = Code(rawValue: MDB_PAGE_NOTFOUND)
        /// `MDB_CORRUPTED`: a located page was the wrong type.
        public static let corrupted = Code(rawValue: MDB_CORRUPTED)
        /// `MDB_PANIC`: an update of meta page failed or the environment had a fatal error.
        public static let panic = Code(rawValue: MDB_PANIC)
        /// `MDB_VERSION_MISMATCH`: the environment was written by another version of LMDB.
        public static let versionMismatch = Code(rawValue: MDB_VERSION_MISMATCH)
        /// `MDB_INVALID`: the file is not an LMDB data file.
        public static let invalid = Code(rawValue: MDB_INVALID)
        /// `MDB_MAP_FULL`: the environment's map size has been reached.
        public static let mapFull = Code(rawValue: MDB_MAP_FULL)
        /// `MDB_DBS_FULL`: the environment's maximum number of named databases has been reached.
        public static let databasesFull = Code(rawValue: MDB_DBS_FULL)
        /// `MDB_READERS_FULL`: the environment's maximum number of readers has been reached.
        public static let readersFull = Code(rawValue: MDB_READERS_FULL)
        /// `MDB_TXN_FULL`: the transaction has too many dirty pages.
        public static let transactionFull = Code(rawValue: MDB_TXN_FULL)
        /// `MDB_CURSOR_FULL`: the cursor stack is too deep (internal error).
        public static let cursorFull = Code(rawValue: MDB_CURSOR_FULL)
        /// `MDB_PAGE_FULL`: a page has not enough space (internal error).
        public static let pageFull = Code(rawValue: MDB_PAGE_FULL)
        /// `MDB_MAP_RESIZED`: another process grew the map beyond this one's size.
        public static let mapResized = Code(rawValue: MDB_MAP_RESIZED)
        /// `MDB_INCOMPATIBLE`: the operation and the database's flags do not agree.
        public static let incompatible = Code(rawValue: MDB_INCOMPATIBLE)
        /// `MDB_BAD_RSLOT`: a reader lock slot was used wrongly.
        public static let badReaderSlot = Code(rawValue: MDB_BAD_RSLOT)
        /// `MDB_BAD_TXN`: the transaction must abort, has a child, or is invalid.
        public static let badTransaction = Code(rawValue: MDB_BAD_TXN)
        /// `MDB_BAD_VALSIZE`: a key or value is of an unsupported size.
        public static let badValueSize = Code(rawValue: MDB_BAD_VALSIZE)
        /// `MDB_BAD_DBI`: the database handle was changed unexpectedly.
        public static let badDatabase = Code(rawValue: MDB_BAD_DBI)
        /// `ENOSPC`: the file system is full.
        public static let noSpace = Code(rawValue: ENOSPC)
        /// `EDQUOT`: the disk quota is exhausted.
        public static let quotaExceeded = Code(rawValue: EDQUOT)
        /// `EIO`: an input/output error, e.g. a failed `fsync`.
        public static let ioError = Code(rawValue: EIO)
        /// `EACCES`: permission denied.
        public static let accessDenied = Code(rawValue: EACCES)
        /// `ENOENT`: no such file or directory.
        public static let noEntry = Code(rawValue: ENOENT)
    }

    /// What liblmdb returned.
    public let code: Code
    /// The LMDB call that failed, e.g. `"mdb_put"`.
    public let operation: String

    /// Creates an error for a failed call.
    public init(code: Code, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// LMDB's own message for the code (it falls back to `strerror` for system codes).
    public var message: String { String(cString: mdb_strerror(code.rawValue)) }

    /// True when the error reports a full disk or quota, a condition that clears once space returns.
    public var isOutOfSpace: Bool { code == .noSpace || code == .quotaExceeded }

    public var description: String { "\(operation): \(message) (\(code.rawValue))" }
}

/// Throws an ``LMDBError`` when a liblmdb call did not return `MDB_SUCCESS`.
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(LMDBError) {
    if result != MDB_SUCCESS {
        throw LMDBError(code: .init(rawValue: result), operation: operation())
    }
}

internal import CLMDB

/// Flags for opening an ``Environment`` (`mdb_env_open`).
public struct EnvironmentFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MDB_NOSUBDIR`: the path names the data file itself, not a folder.
    public static let noSubdirectory = EnvironmentFlags(rawValue: UInt32(MDB_NOSUBDIR))
    /// `MDB_RDONLY`: open read-only.
    public static let readOnly = EnvironmentFlags(rawValue: UInt32(MDB_RDONLY))
    /// `MDB_NOSYNC`: do not fsync on commit (loses durability; never used for the log).
    public static let noSync = EnvironmentFlags(rawValue: UInt32(MDB_NOSYNC))
    /// `MDB_NOMETASYNC`: fsync data but not the meta page on commit.
    public static let noMetaSync = EnvironmentFlags(rawValue: UInt32(MDB_NOMETASYNC))
    /// `MDB_NOTLS`: read transactions are not tied to a thread; needed because Swift tasks move between threads.
    public static let noThreadLocalStorage = EnvironmentFlags(rawValue: UInt32(MDB_NOTLS))
    /// `MDB_NORDAHEAD`: turn off the operating system's read-ahead.
    public static let noReadAhead = EnvironmentFlags(rawValue: UInt32(MDB_NORDAHEAD))
    /// `MDB_NOMEMINIT`: do not zero malloc'd pages before writing them.
    public static let noMemoryInit = EnvironmentFlags(rawValue: UInt32(MDB_NOMEMINIT))
}

/// Flags for opening a named ``Database`` (`mdb_dbi_open`).
public struct DatabaseFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MDB_CREATE`: create the database if it does not exist.
    public static let create = DatabaseFlags(rawValue: UInt32(MDB_CREATE))
    /// `MDB_REVERSEKEY`: compare keys from their last byte.
    public static let reverseKey = DatabaseFlags(rawValue: UInt32(MDB_REVERSEKEY))
    /// `MDB_DUPSORT`: several sorted values per key.
    public static let duplicateSort = DatabaseFlags(rawValue: UInt32(MDB_DUPSORT))
    /// `MDB_INTEGERKEY`: keys are native unsigned integers.
    public static let integerKey = DatabaseFlags(rawValue: UInt32(MDB_INTEGERKEY))
}

/// Flags for a write (`mdb_put`, `mdb_cursor_put`).
public struct WriteFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MDB_NOOVERWRITE`: fail with ``LMDBError/Code/keyExists`` if the key exists.
    public static let noOverwrite = WriteFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// `MDB_APPEND`: the key sorts after every existing key; a fast path for sequential keys.
    public static let append = WriteFlags(rawValue: UInt32(MDB_APPEND))
    /// `MDB_NODUPDATA`: with duplicates, fail if the key/value pair exists.
    public static let noDuplicateData = WriteFlags(rawValue: UInt32(MDB_NODUPDATA))
}

/// Flags for ``Environment/copy(to:compact:)`` (`mdb_env_copy2`).
public struct CopyFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `MDB_CP_COMPACT`: omit free pages and renumber the rest.
    public static let compact = CopyFlags(rawValue: UInt32(MDB_CP_COMPACT))
}

internal import CLMDB

/// A handle on a named database of an ``Environment``. A plain number, valid for the life of
/// the environment once the transaction that opened it has committed.
public struct Database: Sendable, Hashable {
    let dbi: MDB_dbi
    /// The name the database was opened with.
    public let name: String
}

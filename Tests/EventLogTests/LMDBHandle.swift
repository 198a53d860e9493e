import LMDB

/// Raw access to a log's environment, for tests that play a future version or an attacker.
struct LMDBHandle {
    let environment: Environment

    static func open(_ path: String) throws -> LMDBHandle {
        LMDBHandle(environment: try Environment(path: path, options: .init(maxDatabases: 16)))
    }

    func setFormat(_ version: UInt8) throws {
        let meta = try environment.openDatabase(named: "meta")
        try environment.write { txn in try txn.put(meta, key: Array("format".utf8), value: [version]) }
    }
}

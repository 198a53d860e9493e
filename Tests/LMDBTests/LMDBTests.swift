import Foundation
import LMDB
import TestSupport
import Testing

@Suite struct LMDBTests {
    @Test func putGetAndCursorWalkInKeyOrder() throws {
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "things")
        try env.write { txn in
            for key in ["b", "a", "c"] {
                try txn.put(db, key: Array(key.utf8), value: Array("value-\(key)".utf8))
            }
        }
        let value = try env.read { txn in try txn.getBytes(db, key: Array("b".utf8)) }
        #expect(value == Array("value-b".utf8))
        let keys = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var keys: [String] = []
                var entry = try cursor.first()
                while let current = entry {
                    keys.append(String(decoding: current.key, as: UTF8.self))
                    entry = try cursor.next()
                }
                return keys
            }
        }
        #expect(keys == ["a", "b", "c"])
        #expect(try env.read { txn in try txn.count(db) } == 3)
    }

    @Test func noOverwriteReportsKeyExistsByName() throws {
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "unique")
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
        let error = #expect(throws: LMDBError.self) {
            try env.write { txn in try txn.put(db, key: [1], value: [2], flags: .noOverwrite) }
        }
        #expect(error?.code == .keyExists)
        #expect(error?.description.contains("mdb_put") == true)
    }

    @Test func appendOutOfOrderIsRefused() throws {
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "ordered")
        try env.write { txn in
            try txn.put(db, key: [0, 2], value: [2], flags: .append)
        }
        let error = #expect(throws: LMDBError.self) {
            try env.write { txn in try txn.put(db, key: [0, 1], value: [1], flags: .append) }
        }
        #expect(error?.code == .keyExists)
    }

    @Test func thrownErrorAbortsTheWriteTransaction() throws {
        struct Stop: Error {}
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "t")
        #expect(throws: Stop.self) {
            try env.write { txn in
                try txn.put(db, key: [1], value: [1])
                throw Stop()
            }
        }
        #expect(try env.read { txn in try txn.getBytes(db, key: [1]) } == nil)
    }

    @Test func nestedTransactionRollsBackAlone() throws {
        struct Stop: Error {}
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "t")
        try env.write { txn in
            try txn.put(db, key: [1], value: [1])
            _ = try? txn.nested { child in
                try child.put(db, key: [2], value: [2])
                throw Stop()
            }
            try txn.nested { child in try child.put(db, key: [3], value: [3]) }
        }
        let present = try env.read { txn in
            try [1, 2, 3].map { (k: UInt8) in try txn.getBytes(db, key: [k]) != nil }
        }
        #expect(present == [true, false, true])
    }

    @Test func fullMapIsReportedAsMapFullAndGrowingItLetsWritesContinue() throws {
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path, options: .init(mapSize: 64 * 1024))
        let db = try env.openDatabase(named: "t")
        let big = [UInt8](repeating: 7, count: 2000)
        let error = #expect(throws: LMDBError.self) {
            try env.write { txn in
                for i in 0..<200 { try txn.put(db, key: withUnsafeBytes(of: UInt32(i).bigEndian) { Array($0) }, value: big) }
            }
        }
        #expect(error?.code == .mapFull)
        try env.growMap(to: 4 << 20)
        try env.write { txn in
            for i in 0..<200 { try txn.put(db, key: withUnsafeBytes(of: UInt32(i).bigEndian) { Array($0) }, value: big) }
        }
        #expect(try env.read { txn in try txn.count(db) } == 200)
        #expect(try env.info().mapSize == 4 << 20)
    }

    @Test func notAnLMDBFileIsRefusedWithAName() throws {
        let folder = TemporaryFolder("lmdb")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: folder.sub("data.mdb")))
        let error = #expect(throws: LMDBError.self) { try Environment(path: folder.path) }
        #expect(error?.code == .invalid)
    }

    @Test func compactCopyHoldsTheSameData() throws {
        let folder = TemporaryFolder("lmdb")
        let env = try Environment(path: folder.path)
        let db = try env.openDatabase(named: "t")
        try env.write { txn in
            for i in 0..<1000 { try txn.put(db, key: withUnsafeBytes(of: UInt32(i).bigEndian) { Array($0) }, value: [UInt8](repeating: 1, count: 100)) }
        }
        let copyPath = folder.sub("copy")
        try FileManager.default.createDirectory(atPath: copyPath, withIntermediateDirectories: true)
        try env.copy(to: copyPath)
        let copy = try Environment(path: copyPath)
        let copied = try copy.openDatabase(named: "t", flags: [])
        #expect(try copy.read { txn in try txn.count(copied) } == 1000)
    }
}

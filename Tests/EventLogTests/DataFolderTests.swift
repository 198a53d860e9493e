import EventLog
import Foundation
import TestSupport
import Testing

/// The data folder is owner-only, and a folder that leads elsewhere is refused.
@Suite struct DataFolderTests {
    let folder = TemporaryFolder("folder")

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func aNewFolderAndItsFilesAreOwnerOnly() throws {
        let path = folder.sub("deep/data")
        let log = try EventLog(directory: path)
        log.close()
        #expect(try mode(path) == 0o700)
        #expect(try mode(path + "/data.mdb") == 0o600)
        #expect(try mode(path + "/lock.mdb") == 0o600)
    }

    @Test func aFolderLeftWideByAnEarlierVersionIsTightened() throws {
        let path = folder.sub("wide")
        do { let log = try EventLog(directory: path); log.close() }
        chmod(path, 0o755)
        chmod(path + "/data.mdb", 0o644)
        let log = try EventLog(directory: path)
        log.close()
        #expect(try mode(path) == 0o700)
        #expect(try mode(path + "/data.mdb") == 0o600)
    }

    @Test func aBackupIsOwnerOnly() async throws {
        let log = try EventLog(directory: folder.sub("data"))
        defer { log.close() }
        _ = try await log.append(to: "s-1", expected: .any, events: [ProposedEvent(type: "t.v1", payload: [1])], metadata: AppendMetadata(actor: "test"))
        try log.backup(to: folder.sub("backup"))
        #expect(try mode(folder.sub("backup")) == 0o700)
        #expect(try mode(folder.sub("backup/data.mdb")) == 0o600)
    }

    @Test func aSymbolicLinkInTheFolderIsRefused() throws {
        let path = folder.sub("linked")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let outside = folder.sub("outside.txt")
        try Data("ne pas écraser".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: path + "/data.mdb", withDestinationPath: outside)
        do {
            _ = try EventLog(directory: path)
            Issue.record("a data folder holding a link was opened")
        } catch {
            #expect(error.message.contains("lien symbolique"))
            #expect(error.message.contains("data.mdb"))
        }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "ne pas écraser")
    }

    @Test func aFolderOwnedByAnotherUserIsRefused() throws {
        guard geteuid() == 0 else { return }  // only root can give a folder away
        let path = folder.sub("theirs")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chown(path, 65534, 65534)
        do {
            _ = try EventLog(directory: path)
            Issue.record("a folder of another user was opened")
        } catch {
            #expect(error.message.contains("appartient à un autre utilisateur"))
        }
    }
}

/// Side tables: a request with a condition is all or nothing (compare-and-set).
@Suite struct SideTableConditionTests {
    let folder = TemporaryFolder("side")

    @Test func aConditionThatNoLongerHoldsWritesNothing() async throws {
        var configuration = EventLog.Configuration()
        configuration.sideTables = ["t"]
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        let key = Array("k".utf8)
        try await log.writeSideTable("t", [.expect(key: key, value: nil), .put(key: key, value: [1])])
        await #expect(throws: EventLogError.self) {
            try await log.writeSideTable("t", [.put(key: Array("other".utf8), value: [9]), .expect(key: key, value: nil), .put(key: key, value: [2])])
        }
        #expect(try log.sideTableValue("t", key: key) == [1])
        #expect(try log.sideTableValue("t", key: Array("other".utf8)) == nil)
        try await log.writeSideTable("t", [.expect(key: key, value: [1]), .put(key: key, value: [3])])
        #expect(try log.sideTableValue("t", key: key) == [3])
    }

    @Test func ofManyConcurrentCompareAndSetsExactlyOneWins() async throws {
        var configuration = EventLog.Configuration()
        configuration.sideTables = ["t"]
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        let key = Array("once".utf8)
        try await log.writeSideTable("t", [.put(key: key, value: [0])])
        let winners = await withTaskGroup(of: Bool.self) { group in
            for index in 1...32 {
                group.addTask {
                    do {
                        try await log.writeSideTable("t", [.expect(key: key, value: [0]), .put(key: key, value: [UInt8(index)])])
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(try log.sideTableValue("t", key: key) != [0])
    }
}

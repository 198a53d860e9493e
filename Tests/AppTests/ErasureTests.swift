import Crypto
@testable import App
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

/// Erasure as an attacker checks it: after a person is erased, no 32-byte window of any file of
/// the data folder, of a backup taken afterwards, or of an export opens the person's sealed data.
@Suite struct ErasureTests {
    let folder = TemporaryFolder("erasure")
    let erased = try! PersonID("porteur-erased")
    let kept = try! PersonID("porteur-kept")
    let contact = Contact(name: "Camille Exemple", email: "camille@example.org", phone: "02 99 00 00 00")

    /// Seals the contact for both persons, writes a few other things, and returns the sealed bytes.
    func sealForBoth(_ vault: PersonalDataVault) async throws -> (erased: SealedBytes, kept: SealedBytes, erasedKey: SymmetricKey) {
        let keys = try await vault.keys(for: [erased, kept])
        guard case .sealed(let first) = try PersonalDataVault.seal(.clear(contact), with: try #require(keys[erased])),
              case .sealed(let second) = try PersonalDataVault.seal(.clear(contact), with: try #require(keys[kept])) else {
            Issue.record("sealing gave no sealed bytes")
            throw CancellationError()
        }
        return (first, second, try #require(keys[erased]))
    }

    @Test func noFileOfTheFolderNorOfABackupHoldsAnErasedPersonsKey() async throws {
        let log = try EventLog(directory: folder.sub("data"), configuration: .application)
        let vault = PersonalDataVault(log: log)
        let (sealedErased, sealedKept, erasedKey) = try await sealForBoth(vault)
        // The scanner finds a key that is there (it can fail): a buffer holding the key in clear.
        let planted = Array(repeating: UInt8(7), count: 100) + erasedKey.withUnsafeBytes { Array($0) } + Array(repeating: 0, count: 50)
        #expect(KeyScanner.windowsOpening(sealedErased, in: planted) == 1)
        // Other writes, so that the key's pages are copied on write and freed.
        for index in 0..<20 {
            let person = try PersonID("porteur-\(index)")
            _ = try await vault.keys(for: [person])
        }
        #expect(try await vault.erase(erased))
        #expect(vault.unseal(.sealed(sealedErased), of: erased) == .erased)
        #expect(vault.unseal(.sealed(sealedKept), of: kept) == .clear(contact))

        try await vault.backup(to: folder.sub("backup"))
        log.close()
        for directory in [folder.sub("data"), folder.sub("backup")] {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files.contains("data.mdb") && files.contains("vault.keys"))
            for file in files {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
                #expect(KeyScanner.windowsOpening(sealedErased, in: bytes) == 0, "\(directory)/\(file) holds a key that opens the erased person's data")
            }
        }
        // The backup opens the kept person's data, and not the erased one's.
        let copy = try EventLog(directory: folder.sub("backup"), configuration: .application)
        defer { copy.close() }
        let copyVault = PersonalDataVault(log: copy)
        #expect(copyVault.unseal(.sealed(sealedKept), of: kept) == .clear(contact))
        #expect(copyVault.unseal(.sealed(sealedErased), of: erased) == .erased)
    }

    @Test func anErasedIdIsNeverGivenAKeyAgain() async throws {
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        let vault = PersonalDataVault(log: log)
        _ = try await sealForBoth(vault)
        #expect(try await vault.erase(erased))
        #expect(try vault.isErased(erased))
        await #expect(throws: AppError.self) { _ = try await vault.keys(for: [erased]) }
        do {
            _ = try await vault.keys(for: [erased])
        } catch {
            guard case .refused(let refusal) = error else { Issue.record("not a refusal: \(error)"); return }
            #expect(refusal.code == .personErased)
            #expect(refusal.message.contains("effacées"))
        }
        // A second erasure finds no key but does not fail.
        #expect(try await vault.erase(erased) == false)
    }

    @Test func aRotationCutShortByACrashKeepsWhatTheTableWasCommittedWith() async throws {
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        let vault = PersonalDataVault(log: log)
        let (_, sealedKept, _) = try await sealForBoth(vault)
        // A crash after the file got the next generation and before the table moved to it.
        let file = VaultKeyFile(directory: folder.path)
        let current = try #require(try file.read()).first!
        try file.write([current, .init(epoch: current.epoch + 1, key: SymmetricKey(size: .bits256))])
        // Another process (a fresh vault) opens the data and finishes the rotation as the table says.
        let restarted = PersonalDataVault(log: log)
        try await restarted.prepare()
        #expect(try file.read()?.map(\.epoch) == [current.epoch])
        #expect(restarted.unseal(.sealed(sealedKept), of: kept) == .clear(contact))
        // The same after an erasure: the table moved, a file with both generations keeps the new one.
        #expect(try await restarted.erase(erased))
        let after = try #require(try file.read()).first!
        #expect(after.epoch == current.epoch + 1)
        try file.write([.init(epoch: after.epoch - 1, key: SymmetricKey(size: .bits256)), after])
        let again = PersonalDataVault(log: log)
        try await again.prepare()
        #expect(try file.read()?.map(\.epoch) == [after.epoch])
        #expect(again.unseal(.sealed(sealedKept), of: kept) == .clear(contact))
    }

    @Test func aFolderWhoseKeysWereInClearIsUpgradedAndCompacted() async throws {
        let key = SymmetricKey(size: .bits256)
        let rawKey = key.withUnsafeBytes { Array($0) }
        let other = SymmetricKey(size: .bits256)
        let sealed: SealedBytes
        do {
            // What the previous version wrote: the key in clear in the side table, then erased
            // (deleted) — its bytes left in a freed page.
            let log = try EventLog(directory: folder.path, configuration: .application)
            try await log.writeSideTable(PersonalDataVault.tableName, [.put(key: PersonalDataVault.keyName(erased), value: rawKey)])
            try await log.writeSideTable(PersonalDataVault.tableName, [.put(key: PersonalDataVault.keyName(kept), value: other.withUnsafeBytes { Array($0) })])
            try await log.writeSideTable(PersonalDataVault.tableName, [.delete(key: PersonalDataVault.keyName(erased))])
            guard case .sealed(let bytes) = try PersonalDataVault.seal(.clear(contact), with: key) else { throw CancellationError() }
            sealed = bytes
            log.close()
        }
        let before = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.sub("data.mdb"))))
        #expect(KeyScanner.windowsOpening(sealed, in: before) >= 1, "the old layout leaves the erased key in the file")

        #expect(try await PersonalDataVault.migrateDataFolder(folder.path, configuration: .application))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !file.hasPrefix(".") {
            let path = folder.sub(file)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(KeyScanner.windowsOpening(sealed, in: bytes) == 0, "\(file) still holds the key")
            #expect(bytes.firstRange(of: other.withUnsafeBytes { Array($0) }) == nil, "\(file) still holds a clear key")
        }
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        let vault = PersonalDataVault(log: log)
        guard case .sealed(let keptSealed) = try PersonalDataVault.seal(.clear(contact), with: other) else { return }
        #expect(vault.unseal(.sealed(keptSealed), of: kept) == .clear(contact))
        // A second upgrade finds nothing to do.
        #expect(try await PersonalDataVault.migrateDataFolder(folder.path, configuration: .application) == false)
    }

    @Test func erasureEndsThePersonsTokensAndSessions() async throws {
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        let tokens = AccessTokens(log: log)
        let sessions = WebSessions(log: log)
        let (token, _) = try await tokens.issue(role: .porteur, person: erased, label: "porteur")
        let (otherToken, _) = try await tokens.issue(role: .porteur, person: kept, label: "autre")
        #expect(try tokens.authenticate(token) != nil)
        _ = try await PersonalDataVault(log: log).keys(for: [erased])
        let outcome = try await PersonErasure(log: log).erase(erased)
        #expect(outcome.keyErased && outcome.accessRevoked == 1)
        #expect(try tokens.authenticate(token) == nil)
        #expect(try tokens.authenticate(otherToken) != nil)
        #expect(try sessions.invitations().allSatisfy { $0.person != erased.rawValue || $0.revokedAt != nil })
    }
}

/// Tries every 32-byte window of some bytes as the AES-GCM key of a sealed contact.
enum KeyScanner {
    static func windowsOpening(_ sealed: SealedBytes, in bytes: [UInt8]) -> Int {
        guard bytes.count >= 32, let box = try? AES.GCM.SealedBox(combined: sealed.bytes) else { return 0 }
        var found = 0
        for start in 0...(bytes.count - 32) where (try? AES.GCM.open(box, using: SymmetricKey(data: bytes[start..<start + 32]))) != nil {
            found += 1
        }
        return found
    }
}

public import Crypto
public import Domain
public import EventLog
public import Foundation
import Synchronization

/// Crypto-shredding of personal data.
///
/// Each person has an AES-256-GCM key. Contacts are sealed with it before they are appended, so
/// the log and its hash chain only ever hold ciphertext. The persons' keys live in the side table
/// `vault` beside the log, each **wrapped** by a key-encryption key kept in the file `vault.keys`
/// (``VaultKeyFile``); no person's key is ever written in clear to LMDB, whose copy-on-write pages
/// keep freed data for a while.
///
/// Erasing a person deletes their wrapped key, marks the id as erased (no later command may use
/// it), and **rotates** the key-encryption key: every other key is wrapped again by a new one and
/// the old one is destroyed. The erased person's wrapped key may survive in a freed LMDB page or
/// in a backup taken *before* the erasure, but the key that opens it exists nowhere any more, so
/// the contact is unreadable in the data folder, in backups taken afterwards and in exports,
/// while `audit verify` still passes (docs/domain.md, "Erasure").
///
/// Table layout: `state` → epoch (the key-encryption key's generation, 8 bytes) ‖ change counter
/// (8 bytes), compared-and-set by every change so that concurrent writers (the server and the CLI)
/// never wrap a key with a generation that is being replaced; `person:ID` → 0x01 ‖ epoch ‖
/// AES-GCM(nonce ‖ wrapped key ‖ tag, authenticated with the entry's name); `erased:ID` → the
/// instant of the erasure (RFC 3339).
public struct PersonalDataVault: Sendable {
    /// The side table that holds the wrapped keys.
    public static let tableName = "vault"
    let log: EventLog
    let keyFile: VaultKeyFile
    private let cache = KeyFileCache()
    private static let stateKey = Array("state".utf8)
    private static let wrappedFormat: UInt8 = 1

    /// A vault over the log's `vault` side table (declare it in the log's configuration) and the
    /// key file in the log's folder.
    public init(log: EventLog) {
        self.log = log
        self.keyFile = VaultKeyFile(directory: log.directory)
    }

    // MARK: Keys for sealing

    /// The keys of `persons`, created (durably, before any event uses them) when missing.
    /// - Throws: ``AppError/refused(_:)`` when one of them was erased (an erased id is never reused).
    public func keys(for persons: [PersonID]) async throws(AppError) -> [PersonID: SymmetricKey] {
        try await prepare()
        let wanted = Array(Set(persons))
        for attempt in 0..<12 {
            if attempt > 0 { try? await Task.sleep(for: .microseconds(Int.random(in: 100...800) * attempt)) }
            let state = try readState()
            var keys: [PersonID: SymmetricKey] = [:]
            var missing: [PersonID] = []
            for person in wanted {
                if try isErased(person) {
                    throw AppError.refused(DomainError(
                        .personErased, field: nil,
                        "Les données de cette personne ont été effacées : elle ne peut plus être utilisée. Faites une nouvelle demande sous une nouvelle identité."
                    ))
                }
                if let key = try storedKey(of: person) { keys[person] = key } else { missing.append(person) }
            }
            guard !missing.isEmpty else { return keys }
            let kek = try keyEncryptionKey(epoch: state.epoch)
            var changes: [SideTableChange] = [
                .expect(key: Self.stateKey, value: state.bytes),
                .put(key: Self.stateKey, value: VaultState(epoch: state.epoch, counter: state.counter &+ 1).bytes),
            ]
            var created: [PersonID: SymmetricKey] = [:]
            for person in missing {
                let key = SymmetricKey(size: .bits256)
                created[person] = key
                changes.append(.put(key: Self.keyName(person), value: try wrap(key, of: person, with: kek)))
            }
            do {
                try await log.writeSideTable(Self.tableName, changes)
            } catch where error.code == .sideTableConflict {
                continue  // another writer changed the vault first: read it again
            } catch {
                throw AppError.from(error)
            }
            return keys.merging(created) { old, _ in old }
        }
        throw AppError.tooMuchContention(stream: "vault")
    }

    /// Seals a clear contact with `key`; other cases are returned unchanged.
    public static func seal(_ data: ContactData, with key: SymmetricKey) throws(AppError) -> ContactData {
        guard case .clear(let contact) = data else { return data }
        var writer = BinaryWriter()
        contact.encode(to: &writer)
        do {
            let box = try AES.GCM.seal(writer.bytes, using: key)
            guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
            return .sealed(SealedBytes(Array(combined)))
        } catch {
            throw AppError.storage(EventLogError(.storage, "sealing a contact failed: \(error)"))
        }
    }

    /// Opens a sealed contact: `.clear` while the person's key exists and opens it; `.erased` once
    /// the person was erased, and also when the contact cannot be opened with the key there is
    /// (a damaged record or a key from another data folder): a person's page never fails for it.
    public func unseal(_ data: ContactData, of person: PersonID) -> ContactData {
        guard case .sealed(let sealed) = data else { return data }
        guard let key = try? storedKey(of: person),
              let box = try? AES.GCM.SealedBox(combined: sealed.bytes),
              let plain = try? AES.GCM.open(box, using: key) else { return .erased }
        var reader = BinaryReader(Array(plain))
        guard let contact = try? Contact(from: &reader) else { return .erased }
        return .clear(contact)
    }

    // MARK: Erasure

    /// Erases the person's key and rotates the key-encryption key (see the type's documentation);
    /// from then on the id is refused by ``keys(for:)``. Returns false when there was no key
    /// (never sealed, or already erased); the id is marked as erased either way.
    @discardableResult
    public func erase(_ person: PersonID, now: Date = Date()) async throws(AppError) -> Bool {
        try await prepare()
        return try await keyFile.withLock { () async throws(AppError) -> Bool in
            try await recoverInterruptedRotation()
            for _ in 0..<12 {
                let state = try readState()
                let current = try keyEncryptionKey(epoch: state.epoch)
                let next = VaultKeyFile.Generation(epoch: state.epoch + 1, key: SymmetricKey(size: .bits256))
                let entries = try personEntries()
                let existed = entries.contains { $0.person == person }
                // Both generations on disk before the table moves to the next one: a crash at any
                // point leaves the file able to open what the table holds (see recoverInterruptedRotation).
                try keyFile.write([current, next])
                cache.forget()
                var changes: [SideTableChange] = [
                    .expect(key: Self.stateKey, value: state.bytes),
                    .put(key: Self.stateKey, value: VaultState(epoch: next.epoch, counter: state.counter &+ 1).bytes),
                    .delete(key: Self.keyName(person)),
                    .put(key: Self.erasedName(person), value: Array(ISO8601DateFormatter().string(from: now).utf8)),
                ]
                for entry in entries where entry.person != person {
                    guard let key = try unwrap(entry.value, of: entry.person, trying: [current]) else {
                        throw AppError.storage(EventLogError(.corruptRecord, "the key of a person does not open with the vault's key-encryption key"))
                    }
                    changes.append(.put(key: Self.keyName(entry.person), value: try wrap(key, of: entry.person, with: next)))
                }
                do throws(EventLogError) {
                    try await log.writeSideTable(Self.tableName, changes)
                } catch where error.code == .sideTableConflict {
                    continue  // a key was created meanwhile: wrap it too
                } catch {
                    throw AppError.from(error)
                }
                try keyFile.write([next])
                cache.forget()
                return existed
            }
            throw AppError.tooMuchContention(stream: "vault")
        }
    }

    /// True when the person's key exists.
    public func holdsKey(of person: PersonID) throws(AppError) -> Bool {
        try storedKey(of: person) != nil
    }

    /// True when the person was erased (their id may not be used again).
    public func isErased(_ person: PersonID) throws(AppError) -> Bool {
        try value(Self.erasedName(person)) != nil
    }

    // MARK: Preparing the folder

    /// Makes the vault ready: creates the key file and the table's state on first use, finishes
    /// a rotation a crash interrupted, and wraps keys an earlier version stored in clear.
    /// - Returns: true when clear keys were wrapped (their old pages should then be compacted
    ///   away: ``migrateDataFolder(_:)``).
    @discardableResult
    public func prepare() async throws(AppError) -> Bool {
        if cache.isPrepared { return false }
        return try await keyFile.withLock { () async throws(AppError) -> Bool in
            try await recoverInterruptedRotation()
            if try value(Self.stateKey) != nil {
                cache.markPrepared()
                return false
            }
            // First use of this folder, or a folder written by a version that kept keys in clear.
            let generation: VaultKeyFile.Generation
            if let existing = try keyFile.read(), let first = existing.first {
                generation = first
            } else {
                generation = VaultKeyFile.Generation(epoch: 1, key: SymmetricKey(size: .bits256))
                try keyFile.write([generation])
            }
            var changes: [SideTableChange] = [
                .expect(key: Self.stateKey, value: nil),
                .put(key: Self.stateKey, value: VaultState(epoch: generation.epoch, counter: 0).bytes),
            ]
            var wrappedClearKeys = false
            for entry in try personEntries() where entry.value.count == 32 {
                let key = SymmetricKey(data: entry.value)
                changes.append(.put(key: Self.keyName(entry.person), value: try wrap(key, of: entry.person, with: generation)))
                wrappedClearKeys = true
            }
            do throws(EventLogError) {
                try await log.writeSideTable(Self.tableName, changes)
            } catch {
                throw AppError.from(error)
            }
            cache.forget()
            cache.markPrepared()
            return wrappedClearKeys
        }
    }

    /// Upgrades a data folder written by a version that kept persons' keys in clear: wraps them,
    /// then replaces the data file by a compacted copy, so that no freed page keeps a clear key
    /// (or the key of a person erased before). Run before the folder is opened for serving (the
    /// CLI does it when it opens a folder); another process must not hold the folder open.
    /// - Returns: true when the folder was upgraded.
    public static func migrateDataFolder(_ directory: String, configuration: EventLog.Configuration) async throws(AppError) -> Bool {
        let migrated: Bool
        do {
            let log = try EventLog(directory: directory, configuration: configuration)
            defer { log.close() }
            migrated = try await PersonalDataVault(log: log).prepare()
            guard migrated else { return false }
            guard !dataFileIsOpenElsewhere(directory) else {
                // Replacing the file under another process would break it: the keys are wrapped
                // now, and freed pages are reused by later writes; say so.
                FileHandle.standardError.write(Data("attention : un autre processus utilise \(directory) ; le fichier de données n’a pas été compacté (relancez cette commande serveur arrêté pour effacer les anciennes clés de ses pages libres)\n".utf8))
                return true
            }
            let compacted = DataFolder.file(".compacting", in: directory)
            try? FileManager.default.removeItem(atPath: compacted)
            try log.backup(to: compacted)
        } catch let error as AppError {
            throw error
        } catch let error as EventLogError {
            throw AppError.from(error)
        } catch {
            throw AppError.storage(EventLogError(.storage, "upgrading the key vault failed: \(error)"))
        }
        let compacted = DataFolder.file(".compacting", in: directory)
        let source = DataFolder.file("data.mdb", in: compacted)
        let target = DataFolder.file("data.mdb", in: directory)
        guard rename(source, target) == 0 else {
            throw AppError.storage(EventLogError(.storage, "replacing \(target) by its compacted copy failed (\(String(cString: strerror(errno))))"))
        }
        try? FileManager.default.removeItem(atPath: compacted)
        return migrated
    }

    /// True when a process other than this one has the folder's `data.mdb` open (Linux: `/proc`).
    private static func dataFileIsOpenElsewhere(_ directory: String) -> Bool {
        let target = URL(fileURLWithPath: DataFolder.file("data.mdb", in: directory)).resolvingSymlinksInPath().path
        let me = String(getpid())
        guard let processes = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for pid in processes where pid != me && pid.allSatisfy(\.isNumber) {
            let fds = "/proc/\(pid)/fd"
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? [] {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(fd)")) == target { return true }
            }
        }
        return false
    }

    /// Writes a backup of the log to `destination` with the key file that opens it, both taken
    /// under the vault's lock so that no rotation falls between them.
    public func backup(to destination: String) async throws(AppError) {
        try await prepare()
        try await keyFile.withLock { () async throws(AppError) in
            do throws(EventLogError) { try log.backup(to: destination) } catch { throw AppError.from(error) }
            guard let generations = try keyFile.read() else { return }
            try VaultKeyFile(directory: destination).write(generations)
        }
    }

    /// After a crash during ``erase(_:now:)``, the key file may hold two generations: keep the one
    /// the table was committed with (the rotation's outcome is whatever the table says).
    private func recoverInterruptedRotation() async throws(AppError) {
        guard let generations = try keyFile.read(), generations.count > 1 else { return }
        guard let state = try value(Self.stateKey).flatMap(VaultState.init(bytes:)) else {
            if let first = generations.first { try keyFile.write([first]) }
            cache.forget()
            return
        }
        guard let kept = generations.first(where: { $0.epoch == state.epoch }) else {
            throw AppError.storage(EventLogError(.storage, "the key file \(keyFile.path) holds no key of generation \(state.epoch)"))
        }
        try keyFile.write([kept])
        cache.forget()
    }

    // MARK: Storage

    private func readState() throws(AppError) -> VaultState {
        guard let bytes = try value(Self.stateKey), let state = VaultState(bytes: bytes) else {
            throw AppError.storage(EventLogError(.storage, "the key vault has no state: it was not prepared"))
        }
        return state
    }

    /// The key-encryption key of generation `epoch`, re-reading the file once when the cached
    /// copy predates a rotation made by another process.
    private func keyEncryptionKey(epoch: UInt64) throws(AppError) -> VaultKeyFile.Generation {
        for fresh in [false, true] {
            if fresh { cache.forget() }
            if let found = try generations().first(where: { $0.epoch == epoch }) { return found }
        }
        throw AppError.storage(EventLogError(
            .storage,
            "the key file \(keyFile.path) is missing or holds no key of generation \(epoch): the sealed personal data cannot be opened (restore vault.keys from the backup of this folder)"
        ))
    }

    private func generations() throws(AppError) -> [VaultKeyFile.Generation] {
        if let cached = cache.generations { return cached }
        let read = try keyFile.read() ?? []
        cache.keep(read)
        return read
    }

    private func storedKey(of person: PersonID) throws(AppError) -> SymmetricKey? {
        for fresh in [false, true] {
            if fresh { cache.forget() }
            guard let stored = try value(Self.keyName(person)) else { return nil }
            // A key written in clear by an earlier version, until ``prepare()`` wraps it.
            if stored.count == 32 { return SymmetricKey(data: stored) }
            if let key = try unwrap(stored, of: person, trying: try generations()) { return key }
        }
        return nil
    }

    private func wrap(_ key: SymmetricKey, of person: PersonID, with generation: VaultKeyFile.Generation) throws(AppError) -> [UInt8] {
        do {
            let box = try key.withUnsafeBytes { bytes in
                try AES.GCM.seal(Array(bytes), using: generation.key, authenticating: Self.keyName(person))
            }
            guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
            var value: [UInt8] = [Self.wrappedFormat]
            withUnsafeBytes(of: generation.epoch.bigEndian) { value += $0 }
            return value + combined
        } catch {
            throw AppError.storage(EventLogError(.storage, "wrapping a key failed: \(error)"))
        }
    }

    private func unwrap(_ stored: [UInt8], of person: PersonID, trying generations: [VaultKeyFile.Generation]) throws(AppError) -> SymmetricKey? {
        guard stored.count > 9, stored[0] == Self.wrappedFormat else { return nil }
        let epoch = stored[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard let generation = generations.first(where: { $0.epoch == epoch }),
              let box = try? AES.GCM.SealedBox(combined: stored[9...]),
              let plain = try? AES.GCM.open(box, using: generation.key, authenticating: Self.keyName(person)) else { return nil }
        return SymmetricKey(data: plain)
    }

    private func personEntries() throws(AppError) -> [(person: PersonID, value: [UInt8])] {
        let prefix = Array("person:".utf8)
        do {
            return try log.sideTableEntries(Self.tableName, prefix: prefix).compactMap { entry in
                (try? PersonID(String(decoding: entry.key.dropFirst(prefix.count), as: UTF8.self))).map { ($0, entry.value) }
            }
        } catch {
            throw AppError.from(error)
        }
    }

    private func value(_ key: [UInt8]) throws(AppError) -> [UInt8]? {
        do { return try log.sideTableValue(Self.tableName, key: key) } catch { throw AppError.from(error) }
    }

    static func keyName(_ person: PersonID) -> [UInt8] { Array("person:\(person.rawValue)".utf8) }
    static func erasedName(_ person: PersonID) -> [UInt8] { Array("erased:\(person.rawValue)".utf8) }
}

/// The vault's `state` entry: the key-encryption key's generation and a change counter.
struct VaultState: Sendable, Hashable {
    let epoch: UInt64
    let counter: UInt64

    init(epoch: UInt64, counter: UInt64) {
        self.epoch = epoch
        self.counter = counter
    }

    init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        epoch = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        counter = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: epoch.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: counter.bigEndian) { bytes += $0 }
        return bytes
    }
}

/// The key file's generations as last read, shared by copies of one vault; forgotten whenever
/// the file is replaced or a lookup misses (another process may have rotated it).
final class KeyFileCache: Sendable {
    private struct Content: Sendable {
        var generations: [VaultKeyFile.Generation]?
        var prepared = false
    }
    private let content = Mutex(Content())

    var generations: [VaultKeyFile.Generation]? { content.withLock { $0.generations } }
    var isPrepared: Bool { content.withLock { $0.prepared } }
    func keep(_ generations: [VaultKeyFile.Generation]) { content.withLock { $0.generations = generations } }
    func forget() { content.withLock { $0.generations = nil } }
    func markPrepared() { content.withLock { $0.prepared = true } }
}

/// Events that may carry personal data to seal before they are appended.
protocol PersonalDataCarrying: Sendable {
    /// The same event with every clear contact replaced by what `transform` returns.
    func replacingContacts(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> Self
    /// The persons whose data the event carries.
    var persons: [PersonID] { get }
}

extension PepiniereEvent: PersonalDataCarrying {
    func replacingContacts(_ transform: (PersonID, ContactData) throws -> ContactData) rethrows -> PepiniereEvent {
        try mappingPersonalData(transform)
    }
    var persons: [PersonID] { personalDataSubjects }
}

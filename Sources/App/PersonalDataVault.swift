public import Crypto
public import Domain
public import EventLog
import Foundation

/// Crypto-shredding of the personal data of porteurs de projet.
///
/// Each person has an AES-256-GCM key kept in the side table `vault` beside the log (never in
/// it). Contacts are sealed with that key before they are appended, so the log and its hash
/// chain only ever hold ciphertext; erasing the key makes the contact unreadable everywhere —
/// log, projections, exports, backups taken afterwards — while `audit verify` still passes.
/// No cache: an erasure made by another process (the CLI) takes effect at the next read.
public struct PersonalDataVault: Sendable {
    /// The side table that holds the keys.
    public static let tableName = "vault"
    let log: EventLog

    /// A vault over the log's `vault` side table (declare it in the log's configuration).
    public init(log: EventLog) {
        self.log = log
    }

    /// The keys of `persons`, created (durably, before any event uses them) when missing.
    /// Creation never replaces a key another writer created first.
    public func keys(for persons: [PersonID]) async throws(AppError) -> [PersonID: SymmetricKey] {
        var keys: [PersonID: SymmetricKey] = [:]
        var missing: [PersonID] = []
        for person in Set(persons) {
            if let key = try storedKey(of: person) { keys[person] = key } else { missing.append(person) }
        }
        guard !missing.isEmpty else { return keys }
        let changes = missing.map { person in
            SideTableChange.putIfAbsent(key: Self.keyName(person), value: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        }
        do {
            try await log.writeSideTable(Self.tableName, changes)
        } catch {
            throw AppError.from(error)
        }
        for person in missing {
            guard let key = try storedKey(of: person) else {
                throw AppError.storage(EventLogError(.storage, "the key of \(person.rawValue) was not kept"))
            }
            keys[person] = key
        }
        return keys
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

    /// Opens a sealed contact: `.clear` while the person's key exists, `.erased` once it was erased.
    public func unseal(_ data: ContactData, of person: PersonID) throws(AppError) -> ContactData {
        guard case .sealed(let sealed) = data else { return data }
        guard let key = try storedKey(of: person) else { return .erased }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.bytes)
            let plain = try AES.GCM.open(box, using: key)
            var reader = BinaryReader(Array(plain))
            return .clear(try Contact(from: &reader))
        } catch {
            throw AppError.storage(EventLogError(.corruptRecord, "a sealed contact of \(person.rawValue) does not open: \(error)"))
        }
    }

    /// Erases the person's key; returns false when there was none (never sealed or already erased).
    @discardableResult
    public func erase(_ person: PersonID) async throws(AppError) -> Bool {
        let existed = try storedKey(of: person) != nil
        do {
            try await log.writeSideTable(Self.tableName, [.delete(key: Self.keyName(person))])
        } catch {
            throw AppError.from(error)
        }
        return existed
    }

    /// True when the person's key exists.
    public func holdsKey(of person: PersonID) throws(AppError) -> Bool {
        try storedKey(of: person) != nil
    }

    private func storedKey(of person: PersonID) throws(AppError) -> SymmetricKey? {
        do {
            return try log.sideTableValue(Self.tableName, key: Self.keyName(person)).map { SymmetricKey(data: $0) }
        } catch {
            throw AppError.from(error)
        }
    }

    static func keyName(_ person: PersonID) -> [UInt8] { Array("person:\(person.rawValue)".utf8) }
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

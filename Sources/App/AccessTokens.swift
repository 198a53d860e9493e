import Crypto
public import Domain
public import EventLog
public import Foundation
import Synchronization

/// A role of an access token.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Allocates desks and Phare surfaces, registers structures, audits.
    case coordinator
    /// Acts for one structure: offers rooms, borrows, requests Phare space.
    case structure
    /// A porteur de projet: applies for a desk.
    case porteur
}

/// What a bearer token grants. Only the SHA-256 of the token is stored.
public struct AccessGrant: Sendable, Hashable, Codable {
    /// The token's public id (shown by `token list`, used by `token revoke`).
    public let id: String
    /// The role.
    public let role: Role
    /// For the structure role: the structure it acts for.
    public let structure: String?
    /// For the porteur role: the person it identifies.
    public let person: String?
    /// A label for people ("Mutuelle Radiance, accueil").
    public let label: String
    /// When it was issued.
    public let issuedAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// The actor commands made with this grant run as.
    public var actor: Actor? {
        switch role {
        case .coordinator: return .coordinator(id)
        case .structure: return structure.flatMap { try? StructureID($0) }.map(Actor.structure)
        case .porteur: return person.flatMap { try? PersonID($0) }.map(Actor.porteur)
        }
    }
}

/// Bearer tokens, kept hashed in the side table `tokens` beside the log. Read on every request
/// (no cache), so that a token issued or revoked by the CLI takes effect in a running server at once.
public struct AccessTokens: Sendable {
    /// The side table that holds the grants.
    public static let tableName = "tokens"
    let log: EventLog
    /// Grants already decoded, by token hash, with the stored bytes they came from.
    private let decoded = DecodedGrants()

    /// Tokens over the log's `tokens` side table (declare it in the log's configuration).
    public init(log: EventLog) {
        self.log = log
    }

    /// Issues a new token; returns it (shown once, never stored) with its grant.
    /// - Throws: ``AppError/refused(_:)`` when a structure token names no structure or a malformed id.
    public func issue(role: Role, structure: StructureID? = nil, person: PersonID? = nil, label: String, now: Date = Date()) async throws(AppError) -> (token: String, grant: AccessGrant) {
        if role == .structure && structure == nil {
            throw AppError.refused(DomainError(.emptyValue, field: "structure", "Un jeton de structure doit nommer sa structure (--structure ID)."))
        }
        let token = Self.randomSecret(prefix: "mut_")
        let id = String(UUID().uuidString.prefix(8)).lowercased()
        let grant = AccessGrant(
            id: id, role: role, structure: structure?.rawValue,
            person: role == .porteur ? (person ?? PersonID.random()).rawValue : nil,
            label: label, issuedAt: now, revokedAt: nil
        )
        try await store(grant, hash: Self.hash(token))
        return (token, grant)
    }

    /// The grant of a bearer token, nil when unknown or revoked.
    public func authenticate(_ token: String) throws(AppError) -> AccessGrant? {
        guard token.hasPrefix("mut_"), token.utf8.count < 200 else { return nil }
        let hash = Self.hash(token)
        guard let bytes = try value(Array("hash:\(hash)".utf8)) else { return nil }
        // The stored bytes are read at every request (a revocation rewrites them); only their
        // decoding is kept, for as long as they stay the same.
        let grant: AccessGrant
        if let known = decoded.grant(hash: hash, bytes: bytes) {
            grant = known
        } else {
            guard let fresh = try? JSONDecoder().decode(AccessGrant.self, from: Data(bytes)) else { return nil }
            decoded.keep(fresh, hash: hash, bytes: bytes)
            grant = fresh
        }
        return grant.revokedAt == nil ? grant : nil
    }

    /// Revokes the token with public id `id`; false when there is none.
    @discardableResult
    public func revoke(id: String, now: Date = Date()) async throws(AppError) -> Bool {
        guard let hashBytes = try value(Array("id:\(id)".utf8)) else { return false }
        let hash = String(decoding: hashBytes, as: UTF8.self)
        guard let bytes = try value(Array("hash:\(hash)".utf8)),
              var grant = try? JSONDecoder().decode(AccessGrant.self, from: Data(bytes)) else { return false }
        grant.revokedAt = grant.revokedAt ?? now
        try await store(grant, hash: hash)
        return true
    }

    /// Revokes every token that identifies `person` (a porteur's tokens); returns how many.
    @discardableResult
    public func revokeAll(of person: PersonID, now: Date = Date()) async throws(AppError) -> Int {
        var revoked = 0
        for grant in try list() where grant.person == person.rawValue && grant.revokedAt == nil {
            if try await revoke(id: grant.id, now: now) { revoked += 1 }
        }
        return revoked
    }

    /// Every grant, revoked ones included, oldest first.
    public func list() throws(AppError) -> [AccessGrant] {
        do {
            return try log.sideTableEntries(Self.tableName, prefix: Array("hash:".utf8))
                .compactMap { try? JSONDecoder().decode(AccessGrant.self, from: Data($0.value)) }
                .sorted { $0.issuedAt < $1.issuedAt }
        } catch {
            throw AppError.from(error)
        }
    }

    private func store(_ grant: AccessGrant, hash: String) async throws(AppError) {
        guard let json = try? JSONEncoder().encode(grant) else { return }
        do {
            try await log.writeSideTable(Self.tableName, [
                .put(key: Array("hash:\(hash)".utf8), value: Array(json)),
                .put(key: Array("id:\(grant.id)".utf8), value: Array(hash.utf8)),
            ])
        } catch {
            throw AppError.from(error)
        }
    }

    private func value(_ key: [UInt8]) throws(AppError) -> [UInt8]? {
        do { return try log.sideTableValue(Self.tableName, key: key) } catch { throw AppError.from(error) }
    }

    /// 256 random bits in URL-safe base64 after `prefix`.
    static func randomSecret(prefix: String) -> String {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return prefix + secret.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(token.utf8)))
    }
}

extension EventLog.Configuration {
    /// The log's configuration with the side tables the application needs (key vault, tokens,
    /// sessions, idempotent answers).
    public static var application: EventLog.Configuration {
        var configuration = EventLog.Configuration()
        configuration.sideTables = [PersonalDataVault.tableName, AccessTokens.tableName, WebSessions.tableName, IdempotentAnswers.tableName]
        return configuration
    }
}

/// Decoded grants by token hash, each with the stored bytes it was decoded from: a grant is
/// reused only while the side table still holds exactly those bytes.
final class DecodedGrants: Sendable {
    private let entries = Mutex<[String: (bytes: [UInt8], grant: AccessGrant)]>([:])
    /// Most grants kept (a server has a few hundred tokens at most; above this the table restarts).
    static let capacity = 10_000

    func grant(hash: String, bytes: [UInt8]) -> AccessGrant? {
        entries.withLock { entries in
            guard let entry = entries[hash], entry.bytes == bytes else { return nil }
            return entry.grant
        }
    }

    func keep(_ grant: AccessGrant, hash: String, bytes: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (bytes, grant)
        }
    }
}

public import Domain
public import EventLog
public import Foundation

/// A one-time sign-in link made by the coordinator for a structure, a porteur de projet or
/// another coordinator. Only the SHA-256 of its code is stored.
public struct Invitation: Sendable, Hashable, Codable {
    /// The invitation's public id (shown in the coordinator's access page, used to revoke it).
    public let id: String
    /// The role the sign-in grants.
    public let role: Role
    /// For the structure role: the structure it acts for.
    public let structure: String?
    /// For the porteur role: the person it identifies (a new random id).
    public let person: String?
    /// A label for people ("CRIDEV, accueil").
    public let label: String
    /// When it was made.
    public let createdAt: Date
    /// After this instant the link no longer signs anyone in.
    public let expiresAt: Date
    /// When the link was used (it works once).
    public var redeemedAt: Date?
    /// When the coordinator revoked it; its sessions end at the next request.
    public var revokedAt: Date?

    /// The grant a session opened from this invitation carries: the same authorization as a bearer token.
    public var grant: AccessGrant {
        AccessGrant(id: id, role: role, structure: structure, person: person, label: label, issuedAt: createdAt, revokedAt: revokedAt)
    }
}

/// A signed-in browser: the grant of its invitation and a token against cross-site request forgery.
public struct WebSession: Sendable, Hashable, Codable {
    /// The invitation it was opened from.
    public let invitationID: String
    /// When it was opened.
    public let createdAt: Date
    /// When it ends (sign in again with a new invitation).
    public let expiresAt: Date
    /// The value every form of this session must send back (`csrf` field).
    public let csrfToken: String
    /// When the person signed out.
    public var endedAt: Date?
}

/// Invitations and browser sessions, kept hashed in the side table `sessions` beside the log.
///
/// An invitation's code signs in once; the session it opens lasts ``sessionLifetime`` and ends
/// at sign-out, at expiry, or when the coordinator revokes the invitation. Every lookup reads the
/// table (no cache), so a revocation takes effect at the next request, as for bearer tokens.
public struct WebSessions: Sendable {
    /// The side table that holds invitations and sessions.
    public static let tableName = "sessions"
    /// How long an unused invitation stays valid.
    public static let invitationLifetime: TimeInterval = 14 * 86_400
    /// How long a session lasts.
    public static let sessionLifetime: TimeInterval = 7 * 86_400
    let log: EventLog

    /// Invitations and sessions over the log's `sessions` side table (declare it in the configuration).
    public init(log: EventLog) {
        self.log = log
    }

    /// Makes an invitation; returns its one-time code (shown once, never stored) with the invitation.
    /// - Throws: ``AppError/refused(_:)`` when a structure invitation names no structure.
    public func invite(role: Role, structure: StructureID? = nil, label: String, now: Date = Date()) async throws(AppError) -> (code: String, invitation: Invitation) {
        if role == .structure && structure == nil {
            throw AppError.refused(DomainError(.emptyValue, field: "structure", "Une invitation de structure doit nommer sa structure."))
        }
        let code = Self.randomSecret(prefix: "inv_")
        let invitation = Invitation(
            id: "inv-" + String(UUID().uuidString.prefix(8)).lowercased(), role: role,
            structure: role == .structure ? structure?.rawValue : nil,
            person: role == .porteur ? PersonID.random().rawValue : nil,
            label: label, createdAt: now, expiresAt: now.addingTimeInterval(Self.invitationLifetime)
        )
        try await write([
            .put(key: Self.key("invite", Self.hash(code)), value: Self.encode(invitation)),
            .put(key: Self.key("invite-id", invitation.id), value: Array(Self.hash(code).utf8)),
        ])
        return (code, invitation)
    }

    /// The invitation behind a code, when it can still sign someone in (nothing is written).
    /// - Throws: ``AppError/forbidden(_:)`` (in French) when the code is unknown, used, expired or revoked.
    public func usableInvitation(code: String, now: Date = Date()) throws(AppError) -> Invitation {
        try usableInvitationAndBytes(code: code, now: now).invitation
    }

    /// The usable invitation with the very bytes it was decoded from (the compare-and-set of
    /// ``redeem(code:now:)`` expects exactly those).
    private func usableInvitationAndBytes(code: String, now: Date) throws(AppError) -> (invitation: Invitation, stored: [UInt8]) {
        guard code.hasPrefix("inv_"), code.utf8.count < 200,
              let stored = try bytes(Self.key("invite", Self.hash(code))),
              let invitation = try? JSONDecoder().decode(Invitation.self, from: Data(stored)) else {
            throw AppError.forbidden("Ce lien d’invitation est inconnu : demandez-en un nouveau à la coordination.")
        }
        if invitation.revokedAt != nil {
            throw AppError.forbidden("Cette invitation a été révoquée par la coordination.")
        }
        if invitation.redeemedAt != nil { throw Self.alreadyUsed }
        if invitation.expiresAt <= now {
            throw AppError.forbidden("Ce lien d’invitation a expiré : demandez-en un nouveau à la coordination.")
        }
        return (invitation, stored)
    }

    /// Uses an invitation's code: opens a session and returns its token (for the cookie), the session and its grant.
    /// - Throws: ``AppError/forbidden(_:)`` (in French) when the code is unknown, used, expired or revoked.
    public func redeem(code: String, now: Date = Date()) async throws(AppError) -> (token: String, session: WebSession, grant: AccessGrant) {
        // Compare-and-set: the session is written only if the invitation is still exactly the
        // bytes read and judged unused here; of simultaneous uses of one link, exactly one wins.
        var (invitation, unused) = try usableInvitationAndBytes(code: code, now: now)
        let inviteKey = Self.key("invite", Self.hash(code))
        invitation.redeemedAt = now
        let token = Self.randomSecret(prefix: "ses_")
        let session = WebSession(invitationID: invitation.id, createdAt: now, expiresAt: now.addingTimeInterval(Self.sessionLifetime),
                                 csrfToken: Self.randomSecret(prefix: ""))
        do {
            try await log.writeSideTable(Self.tableName, [
                .expect(key: inviteKey, value: unused),
                .put(key: inviteKey, value: Self.encode(invitation)),
                .put(key: Self.key("session", Self.hash(token)), value: Self.encode(session)),
            ])
        } catch where error.code == .sideTableConflict {
            throw Self.alreadyUsed
        } catch {
            throw AppError.from(error)
        }
        return (token, session, invitation.grant)
    }

    private static let alreadyUsed = AppError.forbidden("Ce lien d’invitation a déjà servi : chaque lien ne sert qu’une fois. Demandez-en un nouveau à la coordination.")

    /// The session and grant of a cookie's token; nil when unknown, ended, expired or revoked.
    public func session(token: String, now: Date = Date()) throws(AppError) -> (session: WebSession, grant: AccessGrant)? {
        guard token.hasPrefix("ses_"), token.utf8.count < 200,
              let session: WebSession = try read(Self.key("session", Self.hash(token))),
              session.endedAt == nil, session.expiresAt > now,
              let invitation = try invitation(id: session.invitationID), invitation.revokedAt == nil else { return nil }
        return (session, invitation.grant)
    }

    /// Signs out: the session's token stops working.
    public func signOut(token: String, now: Date = Date()) async throws(AppError) {
        let key = Self.key("session", Self.hash(token))
        guard token.hasPrefix("ses_"), var session: WebSession = try read(key), session.endedAt == nil else { return }
        session.endedAt = now
        try await write([.put(key: key, value: Self.encode(session))])
    }

    /// Revokes an invitation: unused, its link no longer works; used, its sessions end.
    /// - Returns: false when no invitation has that id.
    public func revoke(invitationID id: String, now: Date = Date()) async throws(AppError) -> Bool {
        guard let hash = try hash(ofInvitation: id), var invitation: Invitation = try read(Self.key("invite", hash)) else { return false }
        invitation.revokedAt = invitation.revokedAt ?? now
        try await write([.put(key: Self.key("invite", hash), value: Self.encode(invitation))])
        return true
    }

    /// Revokes every invitation that identifies `person`, ending their sessions; returns how many.
    @discardableResult
    public func revokeAll(of person: PersonID, now: Date = Date()) async throws(AppError) -> Int {
        var revoked = 0
        for invitation in try invitations() where invitation.person == person.rawValue && invitation.revokedAt == nil {
            if try await revoke(invitationID: invitation.id, now: now) { revoked += 1 }
        }
        return revoked
    }

    /// The invitation with this id.
    public func invitation(id: String) throws(AppError) -> Invitation? {
        guard let hash = try hash(ofInvitation: id) else { return nil }
        return try read(Self.key("invite", hash))
    }

    /// Every invitation, newest first.
    public func invitations() throws(AppError) -> [Invitation] {
        let entries: [(key: [UInt8], value: [UInt8])]
        do {
            entries = try log.sideTableEntries(Self.tableName, prefix: Array("invite:".utf8))
        } catch {
            throw AppError.from(error)
        }
        return entries.compactMap { try? JSONDecoder().decode(Invitation.self, from: Data($0.value)) }
            .sorted { $0.createdAt > $1.createdAt }
    }

    // MARK: Storage

    private func read<T: Decodable>(_ key: [UInt8]) throws(AppError) -> T? {
        try bytes(key).flatMap { try? JSONDecoder().decode(T.self, from: Data($0)) }
    }

    private func bytes(_ key: [UInt8]) throws(AppError) -> [UInt8]? {
        do { return try log.sideTableValue(Self.tableName, key: key) } catch { throw AppError.from(error) }
    }

    /// The code hash an invitation id points to.
    private func hash(ofInvitation id: String) throws(AppError) -> String? {
        try bytes(Self.key("invite-id", id)).map { String(decoding: $0, as: UTF8.self) }
    }

    private func write(_ changes: [SideTableChange]) async throws(AppError) {
        do { try await log.writeSideTable(Self.tableName, changes) } catch { throw AppError.from(error) }
    }

    /// Invitations and sessions are plain strings and dates: their JSON encoding cannot fail.
    private static func encode(_ value: some Encodable) -> [UInt8] {
        (try? JSONEncoder().encode(value)).map(Array.init) ?? []
    }

    private static func key(_ kind: String, _ value: String) -> [UInt8] { Array("\(kind):\(value)".utf8) }

    static func hash(_ secret: String) -> String { AccessTokens.hash(secret) }

    static func randomSecret(prefix: String) -> String { AccessTokens.randomSecret(prefix: prefix) }
}

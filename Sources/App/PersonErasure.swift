public import Domain
public import EventLog
public import Foundation

/// Erasing a person: their key (crypto-shredding, ``PersonalDataVault/erase(_:now:)``), and every
/// way they had to act — API tokens and web sessions end at once, and the id is never accepted
/// again. The one operation behind `DELETE /people/{id}` and `mutualise erase-person`.
public struct PersonErasure: Sendable {
    let vault: PersonalDataVault
    let tokens: AccessTokens
    let sessions: WebSessions

    /// The erasure over the log's side tables and key file.
    public init(log: EventLog) {
        self.vault = PersonalDataVault(log: log)
        self.tokens = AccessTokens(log: log)
        self.sessions = WebSessions(log: log)
    }

    /// What one erasure did.
    public struct Outcome: Sendable, Hashable {
        /// The person had a key (personal data were sealed for them), now destroyed.
        public let keyErased: Bool
        /// Tokens and invitations (with their sessions) revoked.
        public let accessRevoked: Int
    }

    /// Erases `person`: their key, then their tokens and sessions.
    public func erase(_ person: PersonID, now: Date = Date()) async throws(AppError) -> Outcome {
        let keyErased = try await vault.erase(person, now: now)
        let tokensRevoked = try await tokens.revokeAll(of: person, now: now)
        let invitationsRevoked = try await sessions.revokeAll(of: person, now: now)
        return Outcome(keyErased: keyErased, accessRevoked: tokensRevoked + invitationsRevoked)
    }
}

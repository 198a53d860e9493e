public import EventLog
public import Foundation
import Crypto

/// The first answer to each write sent with an `Idempotency-Key`, kept in the side table
/// `idempotency` so that a retry gets exactly that answer (same status, id, version, position).
///
/// An entry is keyed by the SHA-256 of the actor and the key (another actor's key never
/// matches) and holds a fingerprint of the request (method, path, body): the same key with
/// another request is refused. Entries are kept for ``retention``, as payment APIs keep theirs.
public struct IdempotentAnswers: Sendable {
    /// The side table that holds the answers.
    public static let tableName = "idempotency"
    /// How long a key is remembered.
    public static let retention: TimeInterval = 30 * 86_400
    let log: EventLog

    /// Answers over the log's `idempotency` side table (declared in ``EventLog/Configuration/application``).
    public init(log: EventLog) {
        self.log = log
    }

    /// One stored answer.
    public struct Answer: Sendable, Hashable, Codable {
        /// SHA-256 of the request (method, path and query, body), hexadecimal.
        public let fingerprint: String
        /// The HTTP status.
        public let status: Int
        /// Response headers to give back (content type, ETag).
        public let headers: [String: String]
        /// The response body.
        public let body: Data
        /// When it was first given.
        public let createdAt: Date

        /// Creates an answer.
        public init(fingerprint: String, status: Int, headers: [String: String], body: Data, createdAt: Date = Date()) {
            self.fingerprint = fingerprint
            self.status = status
            self.headers = headers
            self.body = body
            self.createdAt = createdAt
        }
    }

    /// The answer first given to `actor` for `key`, while it is remembered.
    public func answer(actor: String, key: String, now: Date = Date()) throws(AppError) -> Answer? {
        let stored: [UInt8]?
        do { stored = try log.sideTableValue(Self.tableName, key: Self.entryKey(actor: actor, key: key)) } catch { throw AppError.from(error) }
        guard let stored, let answer = try? JSONDecoder().decode(Answer.self, from: Data(stored)),
              now.timeIntervalSince(answer.createdAt) < Self.retention else { return nil }
        return answer
    }

    /// Keeps the first answer; a concurrent duplicate that stored one first keeps its own.
    public func keep(_ answer: Answer, actor: String, key: String) async throws(AppError) {
        guard let bytes = try? JSONEncoder().encode(answer) else { return }
        let entry = Self.entryKey(actor: actor, key: key)
        do {
            let previous = try log.sideTableValue(Self.tableName, key: entry)
            if let previous, let old = try? JSONDecoder().decode(Answer.self, from: Data(previous)),
               answer.createdAt.timeIntervalSince(old.createdAt) < Self.retention {
                return
            }
            try await log.writeSideTable(Self.tableName, [.expect(key: entry, value: previous), .put(key: entry, value: Array(bytes))])
        } catch where error.code == .sideTableConflict {
            return
        } catch {
            throw AppError.from(error)
        }
    }

    /// The fingerprint of a request.
    public static func fingerprint(method: String, target: String, body: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(method) \(target)\n".utf8))
        hasher.update(data: Array(body))
        return Hex.lowercase(hasher.finalize())
    }

    static func entryKey(actor: String, key: String) -> [UInt8] {
        Array("key:".utf8) + Array(Hex.lowercase(SHA256.hash(data: Array("\(actor)\u{0}\(key)".utf8))).utf8)
    }
}

import App
import Domain
import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import Projections
import ServiceLifecycle

extension Routes {
    func registerAudit(on router: Router<ServerRequestContext>) {
        router.get("/audit/history/:stream") { request, context in
            _ = try context.requireCoordinator()
            guard let stream = context.parameters.get("stream"), !stream.isEmpty, stream.utf8.count <= 255 else {
                throw Problem.notFound("Flux introuvable.")
            }
            let records: [RecordedEvent]
            do {
                records = try log.readStream(stream, limit: 10_000)
            } catch {
                throw Problem.wrapping(error)
            }
            guard !records.isEmpty else { throw Problem.notFound("Flux « \(stream) » introuvable.") }
            return JSONResponse.object(["stream": stream, "events": try records.map(recordJSON)])
        }
        router.get("/audit/structures/:id/history") { _, context in
            _ = try context.requireCoordinator()
            let id = try pathID(context, "id", as: StructureID.self, what: "Structure")
            let positions = runner.withState { $0.history.positions(of: id) }
            var events: [[String: Any]] = []
            for position in positions.prefix(10_000) {
                if let record = try? log.record(at: position) { events.append(try recordJSON(record)) }
            }
            return JSONResponse.object(["structure": id.rawValue, "events": events])
        }
        router.get("/audit/verify") { _, context in
            _ = try context.requireCoordinator()
            let verification: ChainVerification
            do {
                verification = try log.verifyChain()
            } catch {
                throw Problem.wrapping(error)
            }
            var object: [String: Any] = [
                "valid": verification.isValid, "checkedRecords": verification.checkedRecords,
                "headPosition": verification.headPosition, "lastHash": verification.lastHash.hex,
            ]
            if let failure = verification.failure {
                object["firstBadPosition"] = failure.position
                object["reason"] = failure.reason
            }
            return JSONResponse.object(object)
        }
        router.get("/audit/as-of") { request, context in
            _ = try context.requireCoordinator()
            let query = request.uri.queryParameters
            let limit: ReplayLimit
            if let at = query["at"] {
                limit = .instant(try TimeFormat.instant(String(at), field: "at"))
            } else if let raw = query["position"] {
                limit = .position(try QueryValue.position(raw, field: "position"))
            } else {
                throw Problem.invalid("at", "Précisez « at » (date ou instant) ou « position ».", code: "request.missingField", status: .badRequest)
            }
            let state: ProjectionState
            do {
                state = try ProjectionRunner.replay(log, until: limit)
            } catch {
                throw Problem(.internalServerError, code: "internal", detail: "La relecture a échoué.")
            }
            let year = ParisTime.date(Date(timeIntervalSince1970: Double(state.recordedAtMicroseconds) / 1_000_000)).year
            return JSONResponse.object([
                "position": state.position,
                "recordedAt": TimeFormat.rfc3339(Date(timeIntervalSince1970: Double(state.recordedAtMicroseconds) / 1_000_000)),
                "roomsOnOffer": state.availability.offeredRooms.count,
                "structures": state.structures.entries.count,
                "report": ReportJSON.object(state.report.report(year: year)),
            ])
        }
        router.get("/events") { request, context in
            _ = try context.requireCoordinator()
            let from = try request.uri.queryParameters["from"].map { try QueryValue.position($0, field: "from") } ?? 0
            if (request.headers[.accept] ?? "").contains("text/event-stream") {
                return eventStream(after: try Self.lastEventID(request) ?? from, token: Self.bearerToken(request))
            }
            let records: [RecordedEvent]
            do {
                records = try log.read(from: from + 1, limit: 1000)
            } catch {
                throw Problem.wrapping(error)
            }
            return JSONResponse.object(["events": try records.map(recordJSON), "next": records.last?.position ?? from])
        }
        router.delete("/people/:id") { _, context in
            _ = try context.requireCoordinator()
            let person = try pathID(context, "id", as: PersonID.self, what: "Personne")
            let outcome: PersonErasure.Outcome
            do {
                outcome = try await PersonErasure(log: log).erase(person)
            } catch {
                throw Problem.wrapping(error)
            }
            guard outcome.keyErased || outcome.accessRevoked > 0 else {
                throw Problem.notFound("Aucune donnée personnelle ni aucun accès pour cette personne.")
            }
            return JSONResponse.object(["id": person.rawValue, "erased": true, "accessRevoked": outcome.accessRevoked])
        }
    }

    /// A record as JSON for the coordinator (every route that answers records is theirs): the
    /// envelope, the stored payload in base64 (what the chain hashes), and `data`, the event in its
    /// documented JSON form (``Domain/EventJSON``) with personal data opened, or marked erased.
    func recordJSON(_ record: RecordedEvent) throws -> [String: Any] {
        var object: [String: Any] = [
            "position": record.position, "stream": record.streamID, "version": record.streamVersion,
            "type": record.type, "schemaVersion": Int(record.schemaVersion), "recordedAt": TimeFormat.rfc3339(record.recordedAt),
            "actor": record.actor, "id": record.id.uuidString.lowercased(), "hash": record.hash.hex,
        ]
        if let correlation = record.correlationID { object["correlationId"] = correlation.uuidString.lowercased() }
        if let causation = record.causationID { object["causationId"] = causation.uuidString.lowercased() }
        object["payload"] = Array(record.payload).base64Encoded
        if let data = RecordData.json(of: record, vault: service.vault, openContacts: true) { object["data"] = data }
        return object
    }


    /// The `Last-Event-ID` a reconnecting client sends: the position of the last record it received
    /// (every record's SSE `id:` is its position). It wins over `from`, which the client repeats.
    static func lastEventID(_ request: Request) throws -> UInt64? {
        guard let raw = request.headers[lastEventIDField] else { return nil }
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let position = UInt64(text) else {
            throw Problem.invalid("Last-Event-ID", "L’en-tête Last-Event-ID doit être la position du dernier enregistrement reçu (entier ≥ 0).", status: .badRequest)
        }
        return position
    }

    static let lastEventIDField = HTTPField.Name("Last-Event-ID")!

    /// The bearer token of the request, checked again by long responses.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Server-Sent Events: every record after `position`, then new ones as they are committed.
    /// Each record's `id:` is its position, so a client reconnecting with `Last-Event-ID` resumes
    /// after the last record it received, without duplicates or gaps.
    ///
    /// The token the stream was opened with is checked again at every wake-up (at least once a
    /// second) and before every batch: once it is revoked, the stream sends a `revoked` event and
    /// ends. A comment line is sent every 15 seconds while nothing happens, so that a client that
    /// went away is noticed (the write fails) and the stream ends; the stream also ends when the
    /// server shuts down gracefully, so that an open follower never holds up SIGTERM.
    func eventStream(after position: UInt64, token: String?) -> Response {
        let log = self.log
        let tokens = dependencies.tokens
        let stillGranted: @Sendable () -> Bool = {
            guard let token else { return false }
            return ((try? tokens.authenticate(token)) ?? nil)?.role == .coordinator
        }
        let body = ResponseBody { writer in
            var next = position
            var idle = Duration.zero
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                guard stillGranted() else {
                    try await writer.write(ByteBuffer(string: "event: revoked\ndata: {\"detail\":\"Le jeton de ce flux a été révoqué : le flux se ferme.\"}\n\n"))
                    break
                }
                let records = try log.read(from: next + 1, limit: 256)
                if records.isEmpty {
                    // Short waits, so that a graceful shutdown or a revocation is noticed within a second.
                    let head = try await log.waitForHead(beyond: next, timeout: .seconds(1))
                    if head <= next {
                        idle += .seconds(1)
                        if idle >= .seconds(15) {
                            idle = .zero
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                    }
                    continue
                }
                idle = .zero
                var buffer = ByteBuffer()
                for record in records {
                    let json = (try? JSONSerialization.data(withJSONObject: try recordJSON(record), options: [.sortedKeys])) ?? Data()
                    buffer.writeString("id: \(record.position)\nevent: record\ndata: ")
                    buffer.writeBytes(json)
                    buffer.writeString("\n\n")
                    next = record.position
                }
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}

extension Array where Element == UInt8 {
    var base64Encoded: String { Data(self).base64EncodedString() }
}

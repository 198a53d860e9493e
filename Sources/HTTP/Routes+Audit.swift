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
                return eventStream(after: from)
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
            let erased: Bool
            do {
                erased = try await service.vault.erase(person)
            } catch {
                throw Problem.wrapping(error)
            }
            guard erased else { throw Problem.notFound("Aucune donnée personnelle pour « \(person.rawValue) ».") }
            return JSONResponse.object(["id": person.rawValue, "erased": true])
        }
    }

    /// A record as JSON for followers and auditors; payloads decoded, personal data never in clear.
    func recordJSON(_ record: RecordedEvent) throws -> [String: Any] {
        var object: [String: Any] = [
            "position": record.position, "stream": record.streamID, "version": record.streamVersion,
            "type": record.type, "schemaVersion": Int(record.schemaVersion), "recordedAt": TimeFormat.rfc3339(record.recordedAt),
            "actor": record.actor, "id": record.id.uuidString.lowercased(), "hash": record.hash.hex,
        ]
        if let correlation = record.correlationID { object["correlationId"] = correlation.uuidString.lowercased() }
        if let causation = record.causationID { object["causationId"] = causation.uuidString.lowercased() }
        object["payload"] = Array(record.payload).base64Encoded
        return object
    }

    /// Server-Sent Events: every record after `position`, then new ones as they are committed.
    ///
    /// A comment line is sent every 15 seconds while nothing happens, so that a client that went
    /// away is noticed (the write fails) and the stream ends; the stream also ends when the server
    /// shuts down gracefully, so that an open follower never holds up SIGTERM.
    func eventStream(after position: UInt64) -> Response {
        let log = self.log
        let body = ResponseBody { writer in
            var next = position
            var idle = Duration.zero
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let records = try log.read(from: next + 1, limit: 256)
                if records.isEmpty {
                    // Short waits, so that a graceful shutdown is noticed within a second.
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

import App
import EventLog
import Logging
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus
import Projections

extension Routes {
    func registerSystem(on router: Router<ServerRequestContext>) {
        router.get("/health") { _, _ in
            let head: UInt64
            do {
                head = try log.headPosition()
            } catch {
                throw Problem.wrapping(error)
            }
            var object: [String: Any] = ["status": "ok", "position": head, "projectionPosition": runner.position]
            if let stop = log.stopReason {
                object["status"] = "degraded"
                object["detail"] = "Le journal n’accepte plus d’écritures : \(stop.message)"
            }
            return JSONResponse.object(object)
        }
        router.get("/openapi.json") { _, _ in
            JSONResponse.object(APIDocument.openAPI(), contentType: "application/json")
        }
        router.get("/metrics") { _, _ in
            guard let registry = dependencies.metricsRegistry else {
                throw Problem.notFound("Les métriques ne sont pas activées sur ce serveur.")
            }
            let head = (try? log.headPosition()) ?? 0
            let lag = MetricNameDescriptor(namespace: "mutualise", subsystem: "projection", metricName: "lag", unitName: "events", helpText: "Records appended but not yet applied to the live projections")
            let position = MetricNameDescriptor(namespace: "mutualise", subsystem: "projection", metricName: "position", unitName: "", helpText: "Last log position applied to the live projections")
            registry.makeGauge(descriptor: lag).set(Double(head &- min(head, runner.position)))
            registry.makeGauge(descriptor: position).set(Double(runner.position))
            return JSONResponse.bytes(registry.emitToBuffer(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

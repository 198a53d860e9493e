import App
import Domain
import EventLog
import Foundation
import HTTP
import Hummingbird
import Logging
import HummingbirdTesting
import HTTPTypes
import Logging
import Projections
import Prometheus
import TestSupport
import Testing

/// A real server over a real log in a temporary folder, with the runner following the log,
/// exercised through Hummingbird's live test client on 127.0.0.1.
final class ServerFixture: @unchecked Sendable {
    let folder = TemporaryFolder("http")
    let log: EventLog
    let runner: ProjectionRunner
    let service: CommandService
    let tokens: AccessTokens
    var dependencies: ServerDependencies

    init() throws {
        log = try EventLog(directory: folder.path, configuration: .application)
        runner = ProjectionRunner(log: log)
        _ = try runner.rebuild()
        service = CommandService(log: log, usage: ProjectionUsage(runner: runner))
        tokens = AccessTokens(log: log)
        var logger = Logger(label: "test")
        logger.logLevel = .error
        dependencies = ServerDependencies(log: log, service: service, tokens: tokens, runner: runner, logger: logger)
    }

    /// Runs `body` against the live server while the runner follows the log.
    func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let runner = self.runner
        let follower = Task { try await runner.follow() }
        defer { follower.cancel() }
        let app = buildApplication(dependencies, host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in try await body(client) }
    }

    /// Serves `/metrics` from a fresh Prometheus registry.
    func enableMetrics() {
        dependencies.metricsRegistry = PrometheusCollectorRegistry()
    }

    func token(_ role: Role, structure: String? = nil) async throws -> String {
        try await tokens.issue(role: role, structure: structure.map { try StructureID($0) }, label: "test").token
    }

    deinit { log.close() }
}

extension TestClientProtocol {
    /// Sends a JSON body (raw text, so that tests can send malformed JSON) with an optional bearer token.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }
}

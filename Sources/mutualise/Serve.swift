import App
import ArgumentParser
import EventLog
import Foundation
import HTTP
import Hummingbird
import Logging
import Metrics
import Prometheus
import Projections
import ServiceLifecycle
import UnixSignals

/// `mutualise serve`: the HTTP server and the projection runner, two services of one group.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (HTTP API, feeds, web page) on the data folder.")

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Address to listen on (env MUTUALISE_HOST).")
    var host: String = ProcessInfo.processInfo.environment["MUTUALISE_HOST"] ?? "127.0.0.1"
    @Option(help: "Port to listen on (env MUTUALISE_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["MUTUALISE_PORT"] ?? "") ?? 8080
    @Option(name: .customLong("public-url"), help: "The address people reach the server at, base of every link (env MUTUALISE_PUBLIC_URL; default http://HOST:PORT).")
    var publicURL: String = ProcessInfo.processInfo.environment["MUTUALISE_PUBLIC_URL"] ?? ""
    @Option(help: "Log level: trace, debug, info, notice, warning, error (env MUTUALISE_LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["MUTUALISE_LOG_LEVEL"] ?? "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level \(logLevel)") }
        if !publicURL.isEmpty {
            guard let url = URLComponents(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                  url.query == nil, url.fragment == nil else {
                throw ValidationError("--public-url (MUTUALISE_PUBLIC_URL) must be an http:// or https:// address such as https://mutualisation.example.org, not « \(publicURL) »")
            }
        }
    }

    func run() async throws {
        var logger = Logger(label: "mutualise")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let log = try await dataOptions.openLog()
        let runner = ProjectionRunner(log: log)
        let started = ContinuousClock.now
        let figures = try runner.rebuild()
        logger.info("projections rebuilt", metadata: [
            "records": "\(figures.records)", "seconds": "\(figures.seconds)", "position": "\(runner.position)",
            "startup": "\(ContinuousClock.now - started)",
        ])
        let service = CommandService(log: log, usage: ProjectionUsage(runner: runner))
        var dependencies = ServerDependencies(log: log, service: service, tokens: AccessTokens(log: log), runner: runner, logger: logger)
        dependencies.metricsRegistry = registry
        dependencies.publicURL = !publicURL.isEmpty ? publicURL : "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)"
        let app = buildApplication(dependencies, host: host, port: port)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: ProjectionService(runner: runner)),
                    .init(service: app),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("serving", metadata: ["data": "\(dataOptions.data)", "address": "http://\(host):\(port)"])
        try await group.run()
        // Appends already acknowledged are durable; let queued ones finish, then stop the writer.
        log.close()
    }
}

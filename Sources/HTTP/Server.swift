public import App
public import EventLog
import Foundation
public import Hummingbird
import HummingbirdCore
import NIOCore
import HTTPTypes
public import Logging
public import Projections
public import Prometheus

/// What the routes need: the log, the command service, tokens, the live projections.
public struct ServerDependencies: Sendable {
    /// The event log.
    public let log: EventLog
    /// The one path to the domain.
    public let service: CommandService
    /// Bearer tokens.
    public let tokens: AccessTokens
    /// The live projections.
    public let runner: ProjectionRunner
    /// The server's logger.
    public let logger: Logger
    /// How long a write waits for its projection to catch up (read-your-writes).
    public var readYourWritesTimeout: Duration = .seconds(2)
    /// The Prometheus registry behind `GET /metrics` (nil: metrics off, e.g. in tests).
    public var metricsRegistry: PrometheusCollectorRegistry?
    /// The address people reach the server at (`MUTUALISE_PUBLIC_URL`), without a trailing
    /// slash: the base of every absolute link (invitations, calendar subscriptions) and the only
    /// origin whose browser forms are accepted. Never taken from a request's `Host`.
    public var publicURL: String = "http://127.0.0.1:8080" {
        didSet { while publicURL.hasSuffix("/") { publicURL.removeLast() } }
    }
    /// How long a connection may stay without a complete request head (headers trickled in,
    /// or nothing at all after the last answer) before the server closes it.
    public var connectionIdleTimeout: Duration = .seconds(10)
    /// The most connections served at once; more wait in the listen backlog. By default the
    /// process's open-file limit less 100 (the log, LMDB, the listening socket), between 64 and
    /// 10,000, so that a crowd of connections never makes `accept` fail for want of descriptors.
    public var maximumConnections = ConnectionLimit.fromOpenFileLimit()

    /// Creates the dependencies.
    public init(log: EventLog, service: CommandService, tokens: AccessTokens, runner: ProjectionRunner, logger: Logger) {
        self.log = log
        self.service = service
        self.tokens = tokens
        self.runner = runner
        self.logger = logger
    }
}

/// Builds the router: middleware, then every route of the API, the feeds and the web application.
public func buildRouter(_ dependencies: ServerDependencies) -> Router<ServerRequestContext> {
    // HEAD answers every GET route with the GET's headers and no body (GDAL's /vsicurl/ needs it).
    let router = Router(context: ServerRequestContext.self, options: .autoGenerateHeadEndpoints)
    let table = RouteTable()
    let routes = Routes(dependencies: dependencies)
    router.add(middleware: RequestLog(logger: dependencies.logger))
    router.add(middleware: ResponseHeaders())
    router.add(middleware: MethodNotAllowed(table: table))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: BearerAuthenticator(tokens: dependencies.tokens))
    router.add(middleware: SessionAuthenticator(sessions: WebSessions(log: dependencies.log)))
    router.add(middleware: SameOriginForms(publicURL: dependencies.publicURL))
    router.add(middleware: IdempotencyMiddleware(answers: IdempotentAnswers(log: dependencies.log)))
    router.add(middleware: QueryParameterCheck(renderer: routes.web))
    routes.register(on: router)
    table.record(router.routes.map { ($0.path.description, $0.method) })
    return router
}

/// Builds the Hummingbird application listening on `host:port`.
///
/// Slow clients cannot hold the server: Hummingbird's HTTP/1 idle timeout closes a connection
/// whose request head is not complete within ``ServerDependencies/connectionIdleTimeout`` (it
/// counts decoded request parts, not bytes, so headers trickled a byte at a time do not reset
/// it), and its `MaximumAvailableConnections` stops accepting beyond
/// ``ServerDependencies/maximumConnections``. Both are the library's; nothing is hand-written.
public func buildApplication(_ dependencies: ServerDependencies, host: String, port: Int) -> some ApplicationProtocol {
    let timeout = dependencies.connectionIdleTimeout.components
    let idle = TimeAmount.nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000)
    return Application(
        router: buildRouter(dependencies),
        server: .http1(configuration: .init(idleTimeout: idle)),
        configuration: .init(
            address: .hostname(host, port: port), serverName: "mutualisation",
            availableConnectionsDelegate: MaximumAvailableConnections(dependencies.maximumConnections, logger: dependencies.logger)
        ),
        logger: dependencies.logger
    )
}

/// The routes, grouped by resource in extensions (Routes+Rooms.swift, …).
struct Routes: Sendable {
    let dependencies: ServerDependencies
    /// The web application's templates.
    let web = WebRenderer()
    /// The open-data feeds' rendered bodies.
    let feeds = FeedResponses()
    /// The rendered pages of `GET /rooms/{id}`.
    let roomPages = RoomPages()
    var service: CommandService { dependencies.service }
    var log: EventLog { dependencies.log }
    var runner: ProjectionRunner { dependencies.runner }

    func register(on router: Router<ServerRequestContext>) {
        registerSystem(on: router)
        registerStructures(on: router)
        registerRooms(on: router)
        registerPepiniere(on: router)
        registerPhare(on: router)
        registerFeeds(on: router)
        registerAudit(on: router)
        registerWeb(on: router)
    }

    /// The web application for people: the map at `/`, every other page under `/app`.
    func registerWeb(on router: Router<ServerRequestContext>) {
        let app = router.group("app").add(middleware: WebErrorPages(renderer: web))
        registerWebSession(on: app)
        registerWebPublic(on: router, app: app)
        registerWebStructure(on: app)
        registerWebPorteur(on: app)
        registerWebCoordinator(on: app)
    }

    /// Options of a command from the request's headers: `If-Match` (stream version) and `Idempotency-Key`.
    func options(_ request: Request) throws -> CommandOptions {
        var options = CommandOptions()
        if let ifMatch = request.headers[.ifMatch] {
            let trimmed = ifMatch.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))
            guard let version = UInt64(trimmed) else {
                throw Problem.invalid("If-Match", "If-Match doit porter une version de flux (entier), par ex. \"3\".", code: "request.invalidIfMatch", status: .badRequest)
            }
            options.expectedVersion = version
        }
        if let key = request.headers[HTTPField.Name("Idempotency-Key")!] {
            guard !key.isEmpty, key.utf8.count <= 200 else {
                throw Problem.invalid("Idempotency-Key", "Idempotency-Key doit faire 1 à 200 caractères.", code: "request.invalidIdempotencyKey", status: .badRequest)
            }
            options.idempotencyKey = key
        }
        return options
    }

    /// Waits until the live projections include `position`, so that a read after a write sees it.
    func awaitProjection(_ position: UInt64) async {
        _ = await runner.waitUntil(position: position, timeout: dependencies.readYourWritesTimeout)
    }

    /// The answer to every successful write: `{"id", "version", "position"}` plus extra fields.
    func written(_ id: String, version: UInt64, position: UInt64, status: HTTPResponse.Status = .created, extra: [String: Any] = [:]) async -> Response {
        await awaitProjection(position)
        var object = extra
        object["id"] = id
        object["version"] = version
        object["position"] = position
        var response = JSONResponse.object(object, status: status)
        response.headers[.eTag] = "\"\(version)\""
        return response
    }
}

/// JSON responses from dictionaries or arrays (sorted keys: stable bytes for tests and caches).
enum JSONResponse {
    static func object(_ object: Any, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        bytes(encoded(object), status: status, contentType: contentType)
    }

    /// The JSON text of a dictionary or array, sorted keys.
    static func encoded(_ object: Any) -> [UInt8] {
        if let written = JSONWriter.bytes(object) { return written }
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }

    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

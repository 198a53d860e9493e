public import App
public import Domain
public import Projections
public import ServiceLifecycle

/// The projection runner as a service of the server's group: it follows the log until the
/// group shuts down (SIGTERM, SIGINT), started before the HTTP server.
public struct ProjectionService: Service {
    let runner: ProjectionRunner

    /// Wraps a runner whose state was rebuilt.
    public init(runner: ProjectionRunner) {
        self.runner = runner
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await runner.follow()
        }
    }
}

/// Quota usage for the command service, read from the live projections.
public struct ProjectionUsage: BorrowingUsageSource {
    let runner: ProjectionRunner

    /// Reads usage from `runner`.
    public init(runner: ProjectionRunner) {
        self.runner = runner
    }

    public func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int] {
        runner.withState { $0.usedMinutesByMonth(of: structure) }
    }
}

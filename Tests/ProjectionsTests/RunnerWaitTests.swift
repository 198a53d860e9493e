import Domain
import EventLog
import Foundation
import Projections
import TestSupport
import Testing

/// Read-your-writes waits under load: none is lost, to an apply or to its timeout.
@Suite struct RunnerWaitTests {
    @Test func manyConcurrentWaitsAllSeeTheirPositionWhileRecordsArrive() async throws {
        let f = try ProjectionFixture()
        let runner = ProjectionRunner(log: f.log)
        try runner.rebuild()
        let follower = Task { try await runner.follow() }
        defer { follower.cancel() }
        let appends = 60
        let structure = f.cridev
        let reached = await withinDeadline(.seconds(60)) {
            await withTaskGroup(of: Int.self) { group in
                // Waiters for every position to come, registered before, during and after the appends.
                for index in 0..<1200 {
                    group.addTask { await runner.waitUntil(position: UInt64(index % appends + 1), timeout: .seconds(60)) ? 1 : 0 }
                }
                group.addTask {
                    for n in 0..<appends {
                        let event = StructureEvent.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: n % 700 + 1))
                        _ = try? await f.append(structure.streamName, [event], at: "2012-01-05T09:00:00Z")
                    }
                    return 0
                }
                return await group.reduce(0, +)
            }
        }
        #expect(reached == 1200, "every wait saw its position applied")
        #expect(runner.pendingWaits == 0)
    }

    @Test func manyWaitsWithZeroTimeoutsAllReturn() async throws {
        let f = try ProjectionFixture()
        let runner = ProjectionRunner(log: f.log)
        try runner.rebuild()
        let returned = await withinDeadline(.seconds(30)) {
            await withTaskGroup(of: Int.self) { group in
                for index in 0..<3000 {
                    group.addTask { await runner.waitUntil(position: 10_000, timeout: index % 2 == 0 ? .zero : .microseconds(index % 50)) ? 0 : 1 }
                }
                return await group.reduce(0, +)
            }
        }
        #expect(returned == 3000, "every wait timed out and returned false")
        #expect(runner.pendingWaits == 0)
    }
}

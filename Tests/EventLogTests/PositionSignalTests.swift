import EventLog
import Foundation
import TestSupport
import Testing

/// Many concurrent waits against advances, timeouts and cancellations: every wait is resumed,
/// exactly once, within a bound.
@Suite struct PositionSignalTests {
    @Test func everyTimeoutIsHonouredEvenWhenItFiresBeforeTheWaitRegisters() async {
        let signal = PositionSignal()
        // Zero and tiny timeouts race the registration; none may be lost.
        let returned = await withinDeadline(.seconds(30)) {
            await withTaskGroup(of: Bool.self) { group in
                for index in 0..<4000 {
                    group.addTask { await signal.wait(until: 1, timeout: index % 2 == 0 ? .zero : .microseconds(index % 50)) }
                }
                var count = 0
                for await reached in group where !reached { count += 1 }
                return count
            }
        }
        #expect(returned == 4000, "every wait timed out and returned")
        #expect(signal.waiting == 0)
    }

    @Test func everyAdvanceWakesTheWaitsItReaches() async {
        let signal = PositionSignal()
        let top: UInt64 = 1000
        let reached = await withinDeadline(.seconds(30)) {
            await withTaskGroup(of: Bool.self) { group in
                for index in 0..<3000 {
                    group.addTask { await signal.wait(until: UInt64(index) % top + 1, timeout: .seconds(120)) }
                }
                group.addTask {
                    for position in 1...top {
                        signal.advance(to: position)
                        if position % 10 == 0 { await Task.yield() }
                    }
                    return true
                }
                var count = 0
                for await reached in group where reached { count += 1 }
                return count
            }
        }
        #expect(reached == 3001, "every wait saw its position")
        #expect(signal.waiting == 0)
        // A wait for a position already reached returns at once.
        #expect(await signal.wait(until: top, timeout: .seconds(120)))
    }

    @Test func cancelledAndClosedWaitsReturn() async {
        let signal = PositionSignal()
        let cancelled = await withinDeadline(.seconds(30)) {
            let tasks = (0..<1000).map { _ in Task { await signal.wait(until: 5, timeout: .seconds(120)) } }
            for task in tasks { task.cancel() }
            var count = 0
            for task in tasks where await task.value == false { count += 1 }
            return count
        }
        #expect(cancelled == 1000)
        let closed = await withinDeadline(.seconds(30)) {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<1000 { group.addTask { await signal.wait(until: 5, timeout: .seconds(120)) } }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(20))
                    signal.close()
                    return false
                }
                var count = 0
                for await reached in group where !reached { count += 1 }
                return count
            }
        }
        #expect(closed == 1001)
        #expect(signal.waiting == 0)
    }

    @Test func headWaitsOfTheLogNeverHang() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let head = try log.headPosition()
        let returned = await withinDeadline(.seconds(30)) {
            await withTaskGroup(of: Int.self) { group in
                for index in 0..<2000 {
                    group.addTask { ((try? await log.waitForHead(beyond: head, timeout: index % 2 == 0 ? .zero : .microseconds(index % 50))) != nil) ? 1 : 0 }
                }
                return await group.reduce(0, +)
            }
        }
        #expect(returned == 2000)
    }
}

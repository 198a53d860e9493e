import EventLog
import Foundation
import TestSupport
import Testing

@Suite struct CrashSafetyTests {
    @Test func everyAcknowledgedAppendSurvivesKillNine() async throws {
        let child = try #require(builtProductPath("eventlog-crash-child"), "the crash child is built with the tests")
        let folder = TemporaryFolder("crash")
        var acknowledged: [UInt64: String] = [:]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let process = try ChildProcess(child, [folder.path, "8"])
            #expect(await process.waitForLine { $0.hasPrefix("ready") }, "round \(round): the child started")
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...250, using: &generator)))
            process.kill9()
            for line in process.lines where line.hasPrefix("ack ") {
                let parts = line.split(separator: " ")
                acknowledged[UInt64(parts[1])!] = String(parts[2])
            }
            #expect(!process.lines.contains { $0.hasPrefix("error") })

            let log = try EventLog(directory: folder.path)
            let head = try log.headPosition()
            #expect(head >= UInt64(acknowledged.count))
            var missing = 0
            try log.scan { page in
                for record in page where acknowledged[record.position] != nil {
                    if acknowledged[record.position] != record.id.uuidString { missing += 1 }
                }
                return true
            }
            let maxAcked = acknowledged.keys.max() ?? 0
            #expect(maxAcked <= head, "round \(round): acknowledged position \(maxAcked) beyond head \(head)")
            #expect(missing == 0, "round \(round): acknowledged events lost or replaced")
            #expect(try log.verifyChain().isValid, "round \(round): chain verifies after kill -9")
            log.close()
        }
        #expect(acknowledged.count > 100, "the child acknowledged appends before being killed")
        // Appends continue after the last crash.
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let head = try log.headPosition()
        let result = try await log.append(to: "after-crash", expected: .any, events: [ProposedEvent(type: "t", payload: [1])], metadata: AppendMetadata(actor: "test"))
        #expect(result.lastPosition == head + 1)
    }
}

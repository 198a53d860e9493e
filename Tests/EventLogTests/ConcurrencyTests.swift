import EventLog
import Foundation
import TestSupport
import Testing

@Suite struct ConcurrencyTests {
    @Test func racingWritersWinEachVersionExactlyOnce() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let versionsWanted: UInt64 = 40
        // 16 tasks race for every version of one stream; each retries after a conflict.
        let tallies = await withTaskGroup(of: (wins: [UInt64], conflicts: Int).self) { group in
            for task in 0..<16 {
                group.addTask {
                    var wins: [UInt64] = []
                    var conflicts = 0
                    while true {
                        guard let current = try? log.streamVersion("contended"), current < versionsWanted else { break }
                        do {
                            let result = try await log.append(
                                to: "contended", expected: .exact(current),
                                events: [event("task \(task) claims \(current + 1)")], metadata: tester
                            )
                            wins.append(result.streamVersion)
                        } catch let error as EventLogError where error.code == .wrongExpectedVersion {
                            #expect(error.actualVersion ?? 0 > current)
                            conflicts += 1
                        } catch {
                            Issue.record("unexpected \(error)")
                            break
                        }
                    }
                    return (wins, conflicts)
                }
            }
            return await group.reduce(into: [(wins: [UInt64], conflicts: Int)]()) { $0.append($1) }
        }
        let allWins = tallies.flatMap(\.wins).sorted()
        #expect(allWins == Array(1...versionsWanted), "each version won exactly once")
        #expect(tallies.map(\.conflicts).reduce(0, +) > 0, "the racers did conflict")
        let stream = try log.readStream("contended")
        #expect(stream.map(\.streamVersion) == Array(1...versionsWanted))
        #expect(try log.headPosition() == versionsWanted, "nothing lost or duplicated")
    }

    @Test func groupCommitOfManyAppendersKeepsEveryAcknowledgedEvent() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let appenders = 64
        let perAppender = 10_000 / appenders + 1  // 10,048 events in all
        let acknowledged = await withTaskGroup(of: [(UInt64, UUID)].self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    var acks: [(UInt64, UUID)] = []
                    for index in 0..<perAppender {
                        let proposed = event("appender \(appender) event \(index)")
                        if let result = try? await log.append(to: "appender-\(appender)", expected: .any, events: [proposed], metadata: tester) {
                            acks.append((result.lastPosition, proposed.id))
                        }
                    }
                    return acks
                }
            }
            return await group.reduce(into: [(UInt64, UUID)]()) { $0 += $1 }
        }
        #expect(acknowledged.count == appenders * perAppender)
        var records: [RecordedEvent] = []
        try log.scan { page in records += page; return true }
        #expect(records.map(\.position) == Array(1...UInt64(acknowledged.count)), "positions gap-free")
        let byPosition = Dictionary(uniqueKeysWithValues: records.map { ($0.position, $0.id) })
        #expect(acknowledged.allSatisfy { byPosition[$0.0] == $0.1 }, "every acknowledged event is at its position")
        let verification = try log.verifyChain()
        #expect(verification.isValid && verification.checkedRecords == UInt64(acknowledged.count))
    }

    @Test func aSubscriberFromTheStartSeesEveryRecordOnceInOrder() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        _ = try await log.append(to: "before", expected: .any, events: (0..<100).map { event("\($0)") }, metadata: tester)
        let total: UInt64 = 100 + 8 * 250
        let subscriber = Task {
            var seen: [UInt64] = []
            for try await record in log.subscribe(after: 0, batchSize: 64) {
                seen.append(record.position)
                if record.position == total { break }
            }
            return seen
        }
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<250 {
                        _ = try? await log.append(to: "w\(writer)", expected: .any, events: [event("\(index)")], metadata: tester)
                    }
                }
            }
        }
        let seen = try await subscriber.value
        #expect(seen == Array(1...total))
    }

    @Test func waitingForTheHeadReturnsOnceAnAppendCommits() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let waiter = Task { try await log.waitForHead(beyond: 0, timeout: .seconds(10)) }
        try await Task.sleep(for: .milliseconds(20))
        _ = try await log.append(to: "s", expected: .any, events: [event("x")], metadata: tester)
        #expect(try await waiter.value == 1)
    }
}

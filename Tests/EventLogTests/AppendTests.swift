import EventLog
import Foundation
import LMDB
import TestSupport
import Testing

func event(_ text: String, type: String = "test.happened.v1") -> ProposedEvent {
    ProposedEvent(type: type, payload: Array(text.utf8))
}

let tester = AppendMetadata(actor: "tester")

@Suite struct AppendTests {
    @Test func appendedEventsReadBackWithTheirEnvelope() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let correlation = UUID()
        let first = try await log.append(
            to: "room-a", expected: .noStream, events: [event("one"), event("two")],
            metadata: AppendMetadata(actor: "structure:radiance", correlationID: correlation)
        )
        #expect(first.firstPosition == 1 && first.lastPosition == 2 && first.streamVersion == 2)
        let second = try await log.append(to: "room-b", expected: .any, events: [event("three")], metadata: tester)
        #expect(second.firstPosition == 3 && second.streamVersion == 1)

        let all = try log.read(from: 1)
        #expect(all.map(\.position) == [1, 2, 3])
        #expect(all.map { String(decoding: $0.payload, as: UTF8.self) } == ["one", "two", "three"])
        #expect(all[0].actor == "structure:radiance" && all[0].correlationID == correlation && all[0].causationID == nil)
        #expect(all[1].streamID == "room-a" && all[1].streamVersion == 2 && all[1].type == "test.happened.v1")
        #expect(abs(all[0].recordedAt.timeIntervalSinceNow) < 60)
        #expect(try log.headPosition() == 3)
        #expect(try log.streamVersion("room-a") == 2)
        #expect(try log.streamVersion("room-z") == 0)
        #expect(try log.readStream("room-a").map(\.position) == [1, 2])
        #expect(try log.readStream("room-a", from: 2).map(\.position) == [2])
        #expect(try log.readStream("room").isEmpty, "a stream id that is a prefix of another reads nothing of it")
        #expect(try log.record(at: 3)?.streamID == "room-b")
        #expect(try log.record(at: 4) == nil)
    }

    @Test func expectationsOfTheStreamVersionAreEnforced() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        _ = try await log.append(to: "s", expected: .noStream, events: [event("1")], metadata: tester)
        let again = await #expect(throws: EventLogError.self) {
            try await log.append(to: "s", expected: .noStream, events: [event("2")], metadata: tester)
        }
        #expect(again?.code == .wrongExpectedVersion && again?.actualVersion == 1)
        let stale = await #expect(throws: EventLogError.self) {
            try await log.append(to: "s", expected: .exact(0), events: [event("2")], metadata: tester)
        }
        #expect(stale?.actualVersion == 1)
        _ = try await log.append(to: "s", expected: .exact(1), events: [event("2")], metadata: tester)
        _ = try await log.append(to: "s", expected: .any, events: [event("3")], metadata: tester)
        #expect(try log.streamVersion("s") == 3)
        #expect(try log.headPosition() == 3, "refused appends wrote nothing")
    }

    @Test func resendingTheSameEventsReturnsTheOriginalPositions() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let events = [event("a"), event("b")]
        let first = try await log.append(to: "s", expected: .noStream, events: events, metadata: tester)
        _ = try await log.append(to: "other", expected: .any, events: [event("c")], metadata: tester)
        // The expectation no longer holds, but the retry is recognised before it is checked.
        let retry = try await log.append(to: "s", expected: .noStream, events: events, metadata: tester)
        #expect(retry.firstPosition == first.firstPosition && retry.lastPosition == first.lastPosition)
        #expect(retry.wasAlreadyRecorded && !first.wasAlreadyRecorded)
        #expect(try log.headPosition() == 3)

        let mixed = await #expect(throws: EventLogError.self) {
            try await log.append(to: "s", expected: .any, events: [events[0], event("new")], metadata: tester)
        }
        #expect(mixed?.code == .idempotencyMismatch)
        let elsewhere = await #expect(throws: EventLogError.self) {
            try await log.append(to: "another", expected: .any, events: events, metadata: tester)
        }
        #expect(elsewhere?.code == .idempotencyMismatch)
        #expect(try log.headPosition() == 3)
    }

    @Test func invalidAppendsAreRefusedAndWriteNothing() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let cases: [(String, [ProposedEvent], EventLogError.Code)] = [
            ("", [event("x")], .invalidStreamID),
            ("with\u{0}nul", [event("x")], .invalidStreamID),
            (String(repeating: "s", count: 300), [event("x")], .invalidStreamID),
            ("s", [], .invalidEvent),
            ("s", [event("x", type: "")], .invalidEvent),
            ("s", [ProposedEvent(type: "t", payload: [UInt8](repeating: 0, count: 5 << 20))], .invalidEvent),
        ]
        for (stream, events, code) in cases {
            let error = await #expect(throws: EventLogError.self) {
                try await log.append(to: stream, expected: .any, events: events, metadata: tester)
            }
            #expect(error?.code == code)
        }
        let duplicate = event("same")
        let error = await #expect(throws: EventLogError.self) {
            try await log.append(to: "s", expected: .any, events: [duplicate, duplicate], metadata: tester)
        }
        #expect(error?.code == .invalidEvent)
        #expect(try log.headPosition() == 0)
    }

    @Test func aRefusedAppendInABatchLeavesTheOthersCommitted() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        _ = try await log.append(to: "taken", expected: .noStream, events: [event("first")], metadata: tester)
        // Many concurrent appends land in shared transactions; half of them are doomed.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let stream = i.isMultiple(of: 2) ? "taken" : "free-\(i)"
                    return (try? await log.append(to: stream, expected: .noStream, events: [event("\(i)")], metadata: tester)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 100)
        #expect(try log.headPosition() == 101)
        #expect(try log.verifyChain().isValid)
    }

    @Test func theLogReopensWhereItStopped() async throws {
        let folder = TemporaryFolder()
        do {
            let log = try EventLog(directory: folder.path)
            _ = try await log.append(to: "s", expected: .any, events: [event("1"), event("2")], metadata: tester)
            log.close()
        }
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let result = try await log.append(to: "s", expected: .exact(2), events: [event("3")], metadata: tester)
        #expect(result.lastPosition == 3)
        #expect(try log.verifyChain().isValid)
    }

    @Test func aFullMapGrowsInsteadOfFailing() async throws {
        let folder = TemporaryFolder()
        var configuration = EventLog.Configuration()
        configuration.initialMapSize = 256 * 1024
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        let payload = String(repeating: "x", count: 1000)
        for batch in 0..<40 {
            _ = try await log.append(to: "s\(batch)", expected: .any, events: (0..<50).map { _ in event(payload) }, metadata: tester)
        }
        #expect(try log.headPosition() == 2000)
        #expect(try log.environmentInfo().mapSize > 256 * 1024)
        #expect(try log.verifyChain().isValid)
    }

    @Test func aFolderWrittenByANewerFormatIsRefused() async throws {
        let folder = TemporaryFolder()
        do {
            var configuration = EventLog.Configuration()
            configuration.sideTables = []
            let log = try EventLog(directory: folder.path, configuration: configuration)
            log.close()
        }
        // Rewrite the format marker as a future version would.
        do {
            let env = try LMDBHandle.open(folder.path)
            try env.setFormat(99)
        }
        let error = #expect(throws: EventLogError.self) { try EventLog(directory: folder.path) }
        #expect(error?.code == .formatTooNew)
        #expect(error?.message.contains("newer") == true)
    }

    @Test func sideTablesAndCheckpointsKeepTheirValues() async throws {
        let folder = TemporaryFolder()
        var configuration = EventLog.Configuration()
        configuration.sideTables = ["vault"]
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        try await log.writeSideTable("vault", [.put(key: Array("p1".utf8), value: [1, 2]), .put(key: Array("p2".utf8), value: [3])])
        #expect(try log.sideTableValue("vault", key: Array("p1".utf8)) == [1, 2])
        try await log.writeSideTable("vault", [.delete(key: Array("p1".utf8))])
        #expect(try log.sideTableValue("vault", key: Array("p1".utf8)) == nil)
        #expect(try log.sideTableEntries("vault", prefix: Array("p".utf8)).map(\.value) == [[3]])
        try await log.saveCheckpoint("board", [9, 9])
        #expect(try log.checkpoint("board") == [9, 9])
        await #expect(throws: EventLogError.self) { try await log.writeSideTable("nope", []) }
    }
}

@Suite struct HistoricalTimeTests {
    @Test func historicalRecordedAtIsKeptButNeverGoesBackwards() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let april2012 = Date(timeIntervalSince1970: 1_335_520_800)  // 2012-04-27T10:00:00Z
        let march2012 = Date(timeIntervalSince1970: 1_331_200_000)
        let first = try await log.append(to: "s", expected: .any, events: [event("a")], metadata: AppendMetadata(actor: "demo", recordedAt: april2012))
        _ = try await log.append(to: "s", expected: .any, events: [event("b")], metadata: AppendMetadata(actor: "demo", recordedAt: march2012))
        _ = try await log.append(to: "s", expected: .any, events: [event("c")], metadata: tester)
        let records = try log.read(from: 1)
        #expect(records[0].recordedAt == april2012)
        #expect(records[1].recordedAt == april2012, "an earlier time is raised to the head's")
        #expect(records[2].recordedAt > april2012)
        #expect(try log.position(ofEventID: records[1].id) == 2)
        #expect(try log.position(ofEventID: UUID()) == nil)
        #expect(first.firstPosition == 1)
    }
}

@Suite struct NestedTransactionTests {
    @Test func nestedModeIsolatesARefusedAppendAsWell() async throws {
        let folder = TemporaryFolder()
        var configuration = EventLog.Configuration()
        configuration.nestedTransactionPerRequest = true
        let log = try EventLog(directory: folder.path, configuration: configuration)
        defer { log.close() }
        _ = try await log.append(to: "taken", expected: .noStream, events: [event("first")], metadata: tester)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<100 {
                group.addTask {
                    let stream = i.isMultiple(of: 2) ? "taken" : "free-\(i)"
                    return (try? await log.append(to: stream, expected: .noStream, events: [event("\(i)")], metadata: tester)) != nil
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(outcomes == 50)
        #expect(try log.headPosition() == 51)
        #expect(try log.verifyChain().isValid)
    }
}

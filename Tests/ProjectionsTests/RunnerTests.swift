import App
import Domain
import EventLog
import Foundation
import Projections
import TestSupport
import Testing

/// A comparable digest of every projection's answers.
func digest(_ s: ProjectionState, _ f: ProjectionFixture) -> [String] {
    let now = ProjectionFixture.date("2012-03-20T08:00:00Z")
    var out = ["position \(s.position) applied \(s.applied) skipped \(s.skipped)"]
    out.append(String(decoding: s.carteOuverte.geoJSON(now: now), as: UTF8.self))
    out.append(String(decoding: s.carteOuverte.csv(now: now), as: UTF8.self))
    out.append(String(decoding: s.calendar.ics(room: f.room) ?? [], as: UTF8.self))
    out.append(s.report.report(year: 2012).text)
    out.append("\(s.pepiniere.board(on: ProjectionFixture.day("2012-08-15")))")
    out.append("\(s.pepiniere.waitingList().map(\.application.id))")
    out.append("\(s.phare.perUse) \(s.phare.total)")
    out.append("\(s.usedMinutesByMonth(of: f.cridev).sorted { $0.key < $1.key })")
    out.append("\(s.reciprocity.yearly(of: f.radiance).sorted { $0.key < $1.key })")
    out.append("\(s.history.positions(of: f.radiance)) \(s.history.positions(of: f.cridev))")
    return out
}

@Suite struct RunnerTests {
    @Test func rebuildThenFollowEqualsSingleRebuild() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let runner = ProjectionRunner(log: f.log)
        try runner.rebuild()
        let head = try f.log.headPosition()
        #expect(runner.position == head)
        let follower = Task { try await runner.follow() }
        try await f.loadPepiniere()
        let last = try await f.append(StreamNames.phare, [PhareEvent.capacitySet(PhareCapacitySet(total: 3000, perUse: [:]))], at: "2012-07-01T08:00:00Z")
        #expect(await runner.waitUntil(position: last, timeout: .seconds(10)))
        #expect(runner.position == last)
        // Read-your-writes after an append through the CommandService.
        let service = CommandService(log: f.log, clock: { ProjectionFixture.date("2012-07-02T08:00:00Z") })
        let outcome = try await service.execute(PhareDecider.self, stream: StreamNames.phare,
                                                command: .requestSpace(PhareSpaceRequest(id: try PhareRequestID("live"), structure: f.cridev, use: .services, surface: 50)),
                                                actor: .coordinator("test"), structures: [f.cridev])
        #expect(await runner.waitUntil(position: outcome.position, timeout: .seconds(10)))
        #expect(runner.withState { $0.phare.openRequests.map(\.id.rawValue) } == ["live"])
        follower.cancel()
        let single = try ProjectionRunner.replay(f.log, until: .head)
        #expect(runner.withState { digest($0, f) } == digest(single, f))
        // Waiting for a position that never comes times out.
        #expect(await runner.waitUntil(position: outcome.position + 100, timeout: .milliseconds(100)) == false)
    }

    @Test func asOfReplayEqualsLiveStateAtTheSamePosition() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let runner = ProjectionRunner(log: f.log)
        try runner.rebuild()
        let live = runner.withState { digest($0, f) }
        let cut = runner.position
        try await f.loadPhare()  // recorded on 2012-05-01, after the rooms
        let asOfPosition = try ProjectionRunner.replay(f.log, until: .position(cut))
        #expect(digest(asOfPosition, f) == live)
        // The last room record was recorded on 2012-03-01T10:00Z, the Phare ones on 2012-05-01.
        let asOfInstant = try ProjectionRunner.replay(f.log, until: .instant(ProjectionFixture.date("2012-03-01T10:00:00Z")))
        #expect(digest(asOfInstant, f) == live)
        #expect(runner.position == cut)  // the live state was not touched
        let none = try ProjectionRunner.replay(f.log, until: .position(0))
        #expect(none.position == 0 && none.availability.rooms.isEmpty)
    }

    @Test func unknownTypesAreSkippedAndCounted() async throws {
        let f = try ProjectionFixture()
        _ = try await f.log.append(to: "other-1", expected: .any, events: [ProposedEvent(type: "other.thing.v1", payload: [1, 2])],
                                   metadata: AppendMetadata(actor: "system"))
        _ = try await f.log.append(to: "room-x", expected: .any, events: [ProposedEvent(type: RoomEvent.TypeName.loanApproved, payload: [0xFF])],
                                   metadata: AppendMetadata(actor: "system"))
        let state = try ProjectionRunner.replay(f.log, until: .head)
        #expect(state.position == 2 && state.skipped == 2 && state.applied == 0)
    }

    @Test func benchmarkHelpersRun() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let r = try ProjectionBenchmark.rebuild(log: f.log)
        #expect(r.records == Int(try f.log.headPosition()))
        let q = ProjectionBenchmark.availabilityQueries(state: r.state, from: ProjectionFixture.date("2012-03-01T00:00:00Z"),
                                                        to: ProjectionFixture.date("2012-06-01T00:00:00Z"), iterations: 50)
        #expect(q.median >= 0)
    }
}

@Suite struct SpeedProbe {
    /// Prints fold and query figures when `PROJECTIONS_BENCH` is set (a probe, not a timed test).
    @Test func foldAndQueryFigures() throws {
        let n = Int(ProcessInfo.processInfo.environment["PROJECTIONS_BENCH"] ?? "") ?? 20_000
        let records = ProjectionBenchmark.syntheticRecords(count: n)
        let r = ProjectionBenchmark.fold(records)
        #expect(r.state.skipped == 0)
        #expect(r.state.availability.rooms.count == 1000 || n < 3000)
        let q = ProjectionBenchmark.availabilityQueries(state: r.state, from: ProjectionFixture.date("2012-01-02T00:00:00Z"),
                                                        to: ProjectionFixture.date("2012-12-31T00:00:00Z"), iterations: 1000)
        print("PROJECTIONS fold: \(r.records) records in \(r.seconds) s = \(Int(r.recordsPerSecond)) records/s; freeRooms median \(q.median * 1e6) µs p99 \(q.p99 * 1e6) µs, \(q.meanResults) rooms")
    }
}

/// The two-thread rebuild (``ProjectionRunner/Reading/twoThreads``) folds exactly what the
/// one-thread scan folds: same state, same stops at a position or an instant, several batches.
@Suite struct TwoThreadReplayTests {
    /// What every projection answers, for logs that are not the fixture's.
    func answers(_ s: ProjectionState) -> [String] {
        let now = ProjectionFixture.date("2012-03-20T08:00:00Z")
        var out = ["position \(s.position) applied \(s.applied) skipped \(s.skipped) rooms \(s.availability.rooms.count)"]
        out.append(String(decoding: s.carteOuverte.geoJSON(now: now), as: UTF8.self))
        out.append(String(decoding: s.carteOuverte.csv(now: now), as: UTF8.self))
        out.append(s.report.report(year: 2012).text)
        out.append("\(s.pepiniere.board(on: ProjectionFixture.day("2012-08-15")))")
        out.append("\(s.history.positionsByStructure.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })")
        out.append("\(s.availability.rooms.map { $0.allLoans.map { "\($0.id) \($0.status) \($0.sequence)" } })")
        for room in s.availability.rooms.prefix(20) {
            out.append(String(decoding: s.calendar.ics(room: room.id) ?? [], as: UTF8.self))
        }
        return out
    }

    @Test func sameStateOnASyntheticLogOfSeveralBatches() async throws {
        let f = try ProjectionFixture()
        // 12,000 records: six batches of the pipeline, and recycled ones.
        let records = ProjectionBenchmark.syntheticRecords(count: 12_000, rooms: 200, structures: 20)
        var byStream: [String: [RecordedEvent]] = [:]
        for record in records { byStream[record.streamID, default: []].append(record) }
        // Streams written concurrently (group commit), each in its own order.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (stream, events) in byStream {
                group.addTask {
                    for chunk in stride(from: 0, to: events.count, by: 50) {
                        let proposed = events[chunk..<min(chunk + 50, events.count)].map {
                            ProposedEvent(type: $0.type, schemaVersion: $0.schemaVersion, payload: $0.payload)
                        }
                        let at = Date(timeIntervalSince1970: Double(events[chunk].recordedAtMicroseconds) / 1e6)
                        _ = try await f.log.append(to: stream, expected: .any, events: proposed,
                                                   metadata: AppendMetadata(actor: "coordinator:test", recordedAt: at))
                    }
                }
            }
            try await group.waitForAll()
        }
        let head = try f.log.headPosition()
        #expect(head == 12_000)
        let one = try ProjectionRunner.replay(f.log, until: .head, reading: .oneThread)
        let two = try ProjectionRunner.replay(f.log, until: .head, reading: .twoThreads)
        #expect(one.position == head && one.skipped == 0)
        #expect(answers(two) == answers(one))
        #expect(try ProjectionRunner.replay(f.log, until: .head).position == head)  // automatic
        for cut in [UInt64(1), 2047, 2048, 2049, 7_777, head - 1] {
            let a = try ProjectionRunner.replay(f.log, until: .position(cut), reading: .oneThread)
            let b = try ProjectionRunner.replay(f.log, until: .position(cut), reading: .twoThreads)
            #expect(a.position == cut)
            #expect(answers(b) == answers(a), "cut at \(cut)")
        }
        // An instant in the middle of the log: both stop at the same record.
        let middle = ProjectionFixture.date("2012-01-01T02:00:00Z")
        let a = try ProjectionRunner.replay(f.log, until: .instant(middle), reading: .oneThread)
        let b = try ProjectionRunner.replay(f.log, until: .instant(middle), reading: .twoThreads)
        #expect(a.position > 0 && a.position < head)
        #expect(answers(b) == answers(a))
    }

    @Test func aDamagedRecordStopsTheReplayWithItsPosition() async throws {
        let folder = TemporaryFolder("pipeline-damage")
        do {
            let log = try EventLog(directory: folder.path, configuration: .application)
            defer { log.close() }
            for batch in 0..<10 {
                let events = (1...500).map { i in
                    ProposedEvent(type: "other.thing.v1", payload: Array(String(format: "MARKER-%05d-payload", batch * 500 + i).utf8))
                }
                _ = try await log.append(to: "other-\(batch)", expected: .any, events: events, metadata: AppendMetadata(actor: "system"))
            }
        }
        // Flip one byte of record 4,321 (every copy LMDB left in free pages too).
        #expect(try folder.flipByte(after: "MARKER-04321") > 0)
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        for reading in [ProjectionRunner.Reading.oneThread, .twoThreads] {
            let error = #expect(throws: EventLogError.self) { try ProjectionRunner.replay(log, until: .head, reading: reading) }
            #expect(error?.code == .corruptRecord && error?.position == 4_321)
        }
        // Before the damage, both read and skip the same records.
        let before = try ProjectionRunner.replay(log, until: .position(4_320), reading: .twoThreads)
        #expect(before.position == 4_320 && before.skipped == 4_320)
    }

    @Test func sameStateAsTheFixtureRunnerAndAsOf() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        try await f.loadPepiniere()
        try await f.loadPhare()
        let one = try ProjectionRunner.replay(f.log, until: .head, reading: .oneThread)
        let two = try ProjectionRunner.replay(f.log, until: .head, reading: .twoThreads)
        #expect(digest(two, f) == digest(one, f))
        let instant = ProjectionFixture.date("2012-03-01T10:00:00Z")
        #expect(digest(try ProjectionRunner.replay(f.log, until: .instant(instant), reading: .twoThreads), f)
                == digest(try ProjectionRunner.replay(f.log, until: .instant(instant), reading: .oneThread), f))
    }
}

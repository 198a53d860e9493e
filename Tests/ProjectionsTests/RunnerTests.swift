import App
import Domain
import EventLog
import Foundation
import Projections
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

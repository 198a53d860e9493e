public import EventLog
import Domain
public import Foundation

/// Timing helpers for tools/bench: a rebuild from a log and availability queries.
public enum ProjectionBenchmark {
    /// Rebuilds every projection from `log` (one pass, like start-up) and times it.
    public static func rebuild(log: EventLog) throws -> (records: Int, seconds: Double, recordsPerSecond: Double, state: ProjectionState) {
        let start = ContinuousClock.now
        let state = try ProjectionRunner.replay(log, until: .head)
        let seconds = ProjectionRunner.seconds(ContinuousClock.now - start)
        let n = Int(state.position)
        return (n, seconds, seconds > 0 ? Double(n) / seconds : 0, state)
    }

    /// Median and 99th percentile (seconds) of `freeRooms` over `iterations` random slots of
    /// `slotHours` hours within `[from, to)`, for 1 to 20 people within 10 km of `near`.
    public static func availabilityQueries(state: ProjectionState, from: Date, to: Date, slotHours: Double = 2,
                                           near: (latitude: Double, longitude: Double) = (48.1130, -1.6745),
                                           iterations: Int = 1000) -> (median: Double, p99: Double, meanResults: Double) {
        var rng = SystemRandomNumberGenerator()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        var results = 0
        let span = max(0, to.timeIntervalSince(from) - slotHours * 3600)
        for _ in 0..<iterations {
            let offset = (Double.random(in: 0...max(span, 1), using: &rng) / 1800).rounded(.down) * 1800
            let s = from.addingTimeInterval(offset), e = s.addingTimeInterval(slotHours * 3600)
            let people = Int.random(in: 1...20, using: &rng)
            let t0 = ContinuousClock.now
            let found = state.availability.freeRooms(from: s, to: e, people: people, near: near, radiusKm: 10)
            samples.append(ProjectionRunner.seconds(ContinuousClock.now - t0))
            results += found.count
        }
        samples.sort()
        guard !samples.isEmpty else { return (0, 0, 0) }
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)], Double(results) / Double(iterations))
    }
}

extension ProjectionBenchmark {
    /// A realistic in-memory history of a busy territory, as records (no log): `structures`
    /// structures, `rooms` rooms each with a weekly availability for a year, then loans requested
    /// (one-off and a few series), approved, declined or cancelled, desks and Phare requests, up
    /// to `count` records. Recorded-at grows by one second per record from 2012-01-01.
    public static func syntheticRecords(count: Int, rooms: Int = 1000, structures: Int = 100) -> [RecordedEvent] {
        var out: [RecordedEvent] = []
        out.reserveCapacity(count)
        var micros: Int64 = 1_325_376_000_000_000
        var versions: [String: UInt64] = [:]
        func add(_ stream: String, _ event: any DomainEvent) {
            guard out.count < count else { return }
            micros += 1_000_000
            let v = (versions[stream] ?? 0) + 1
            versions[stream] = v
            out.append(RecordedEvent(position: UInt64(out.count + 1), streamID: stream, streamVersion: v, type: event.eventType,
                                     schemaVersion: event.schemaVersion, recordedAtMicroseconds: micros, actor: "coordinator:bench",
                                     correlationID: nil, causationID: nil, id: UUID(), payload: event.encodedPayload(), hash: .genesis))
        }
        let structureIDs = (0..<structures).map { try! StructureID("structure-\($0)") }
        for (i, id) in structureIDs.enumerated() {
            add(id.streamName, StructureEvent.registered(StructureRegistered(id: id, details: StructureDetails(name: "Association n° \(i)", kind: .association))))
        }
        let roomIDs = (0..<rooms).map { try! RoomID("room-\($0)") }
        let weekly = AvailabilityPattern.weekly(weekday: .tuesday, start: try! LocalTime(iso: "09:00"), end: try! LocalTime(iso: "18:00"),
                                                from: try! LocalDate(iso: "2012-01-02"), until: try! LocalDate(iso: "2012-12-31"))
        let periods = (try? weekly.periods()) ?? []
        for (i, id) in roomIDs.enumerated() {
            let details = RoomDetails(name: "Salle \(i)", address: Address(street: "\(i) rue Martenot", postcode: "35000", city: "Rennes"),
                                      position: try! GeoPosition(latitude: 48.05 + Double(i % 100) * 0.001, longitude: -1.72 + Double(i / 100) * 0.01),
                                      capacity: 5 + i % 40, surface: 20 + Double(i % 50), equipment: [.wifi], stepFreeAccess: i % 2 == 0,
                                      description: "Salle de réunion équipée")
            add(id.streamName, RoomEvent.offered(RoomOffered(id: id, owner: structureIDs[i % structures], details: details)))
            add(id.streamName, RoomEvent.availabilityOpened(AvailabilityOpened(id: try! AvailabilityID("mardis"), pattern: weekly, periods: periods)))
        }
        add(SiteID.maisonESS.streamName, PepiniereEvent.deskAdded(DeskAdded(desk: try! DeskID("bureau-1"), label: "Bureau 1", floor: "5e")))
        var n = 0
        while out.count < count {
            let room = roomIDs[n % rooms]
            let week = (n / rooms) % max(periods.count, 1)
            let base = periods.isEmpty ? Date(timeIntervalSince1970: 1_326_000_000) : periods[week].start
            let hour = Double((n / (rooms * max(periods.count, 1))) % 8)
            let loan = try! LoanID("loan-\(n)")
            let period = try! Period(start: base.addingTimeInterval(hour * 3600), end: base.addingTimeInterval(hour * 3600 + 3600))
            let borrower = structureIDs[(n + 1) % structures]
            add(room.streamName, RoomEvent.loanRequested(LoanRequested(loanID: loan, borrower: borrower, period: period, people: 4,
                                                                       purpose: "Réunion du conseil d’administration")))
            switch n % 10 {
            case 0...5: add(room.streamName, RoomEvent.loanApproved(LoanApproved(loanID: loan)))
            case 6: add(room.streamName, RoomEvent.loanDeclined(LoanDeclined(loanID: loan, reason: "Salle indisponible")))
            case 7:
                add(room.streamName, RoomEvent.loanApproved(LoanApproved(loanID: loan)))
                add(room.streamName, RoomEvent.loanCancelled(LoanCancelled(loanID: loan, reason: "Réunion annulée")))
            case 8 where n % 100 == 8:
                add(StreamNames.phare, PhareEvent.spaceRequested(SpaceRequested(id: try! PhareRequestID("r-\(n)"), structure: borrower,
                                                                                use: .bureaux, surface: 50, wishedDate: nil, notes: "")))
            default: break
            }
            n += 1
        }
        return out
    }

    /// Folds `records` into a fresh state (decode + fold only, no storage) and times it.
    public static func fold(_ records: [RecordedEvent]) -> (records: Int, seconds: Double, recordsPerSecond: Double, state: ProjectionState) {
        var state = ProjectionState()
        let start = ContinuousClock.now
        for record in records { state.apply(record) }
        let seconds = ProjectionRunner.seconds(ContinuousClock.now - start)
        return (records.count, seconds, seconds > 0 ? Double(records.count) / seconds : 0, state)
    }
}

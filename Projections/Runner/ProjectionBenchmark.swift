public import EventLog
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

/// The sizes of every case, and the events they write.
struct Workload: Sendable {
    /// Payload size of every event, in bytes (the "about 200 bytes").
    static let payloadBytes = 200

    /// Events appended one per durable commit (raw) or one per call (ours, one writer).
    let singleEvents: Int
    /// Concurrent writers (Swift tasks) for the group-commit case.
    let writers: Int
    /// Sequential one-event appends made by each concurrent writer.
    let appendsPerWriter: Int
    /// Events per transaction (raw) or per call (ours) in the batch case.
    let batchSize: Int
    /// Events written in the batch case.
    let batchEvents: Int
    /// Size of the log read back by the scan cases.
    let scanEvents: Int
    /// Repetitions of the scan on the same data (each is one sample).
    let scanPasses: Int

    /// A full run: a few minutes for everything with five runs.
    static let full = Workload(
        singleEvents: 2_000, writers: 256, appendsPerWriter: 100,
        batchSize: 100, batchEvents: 100_000, scanEvents: 500_000, scanPasses: 1
    )

    /// The CI run: seconds.
    static let smoke = Workload(
        singleEvents: 20, writers: 16, appendsPerWriter: 4,
        batchSize: 100, batchEvents: 1_000, scanEvents: 5_000, scanPasses: 1
    )
}

/// A small deterministic generator (SplitMix64), so that every run writes the same bytes.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The payload every case writes: `Workload.payloadBytes` seeded pseudo-random bytes
/// (incompressible, like an encoded domain event).
func benchPayload(seed: UInt64 = 2026) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    return (0..<Workload.payloadBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}

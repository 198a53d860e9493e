import Foundation

/// The JSON file written by `--json`: the figures with the conditions they were measured in.
struct Report: Encodable {
    let smoke: Bool
    let runs: Int
    let workload: WorkloadDescription
    let figures: [Figure]

    /// The sizes, as written to the JSON.
    struct WorkloadDescription: Encodable {
        let payloadBytes: Int
        let singleEvents: Int
        let writers: Int
        let appendsPerWriter: Int
        let batchSize: Int
        let batchEvents: Int
        let scanEvents: Int
    }

    init(smoke: Bool, runs: Int, workload: Workload, figures: [Figure]) {
        self.smoke = smoke
        self.runs = runs
        self.workload = WorkloadDescription(
            payloadBytes: Workload.payloadBytes, singleEvents: workload.singleEvents, writers: workload.writers,
            appendsPerWriter: workload.appendsPerWriter, batchSize: workload.batchSize,
            batchEvents: workload.batchEvents, scanEvents: workload.scanEvents
        )
        self.figures = figures
    }

    /// Writes the report as pretty-printed JSON.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

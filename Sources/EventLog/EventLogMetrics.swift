import CoreMetrics

/// Figures for operators, through swift-metrics (exported by whatever backend the process bootstraps).
struct EventLogMetrics: Sendable {
    /// From a request's arrival at the writer to its acknowledgement (includes waiting for the batch).
    let commitLatency: Timer
    /// Duration of `mdb_txn_commit`, which writes the pages and fsyncs them.
    let fsyncDuration: Timer
    /// Requests per committed transaction.
    let batchSize: Recorder
    /// Events per committed transaction.
    let batchEvents: Recorder
    let mapUsedBytes: Gauge
    let mapSizeBytes: Gauge
    let readersInUse: Gauge
    let head: Gauge

    init(prefix: String) {
        commitLatency = Timer(label: "\(prefix)_commit_latency_seconds", preferredDisplayUnit: .seconds)
        fsyncDuration = Timer(label: "\(prefix)_fsync_seconds", preferredDisplayUnit: .seconds)
        batchSize = Recorder(label: "\(prefix)_batch_requests", aggregate: true)
        batchEvents = Recorder(label: "\(prefix)_batch_events", aggregate: true)
        mapUsedBytes = Gauge(label: "\(prefix)_map_used_bytes")
        mapSizeBytes = Gauge(label: "\(prefix)_map_size_bytes")
        readersInUse = Gauge(label: "\(prefix)_readers_in_use")
        head = Gauge(label: "\(prefix)_head_position")
    }
}

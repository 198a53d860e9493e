import EventLog

/// Runs the cases, alternating raw and ours inside every run (so that drift on a shared
/// machine hits both sides alike), and turns the samples into figures.
struct Suite {
    let options: Options
    let workload: Workload
    let payload = benchPayload()

    private var runRaw: Bool { options.selection != .ours }
    private var runOurs: Bool { options.selection != .raw }

    /// Samples of every named figure, in the order they were first measured.
    private struct Samples {
        var order: [String] = []
        var values: [String: [Double]] = [:]
        var units: [String: String] = [:]

        mutating func add(_ name: String, _ value: Double, _ unit: String) {
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(value)
            units[name] = unit
        }
    }

    /// Runs everything; `progress` receives a line per finished step (to standard error).
    func run(progress: (String) -> Void) async throws -> [Figure] {
        var samples = Samples()
        let w = workload
        for run in 1...options.runs {
            progress("run \(run)/\(options.runs): appends")
            let single = try await pairedAppends(label: "single", count: w.singleEvents, perCall: 1)
            if let raw = single.raw { samples.add(Names.raw1, raw, "events/s") }
            if let ours = single.ours { samples.add(Names.ours1, ours, "events/s") }
            let batched = try await pairedAppends(label: "batch", count: w.batchEvents, perCall: w.batchSize)
            if let raw = batched.raw { samples.add(Names.raw100, raw, "events/s") }
            if let ours = batched.ours { samples.add(Names.ours100, ours, "events/s") }
            if runOurs {
                let concurrent = try await OurLog.withFreshLog(parent: options.directory, label: "concurrent") { log in
                    try await OurLog.appendConcurrently(log, writers: w.writers, appendsPerWriter: w.appendsPerWriter, payload: payload)
                }
                samples.add(Names.concurrent, concurrent.eventsPerSecond, "events/s")
                for (suffix, fraction) in [("p50", 0.5), ("p99", 0.99), ("p99.9", 0.999)] {
                    samples.add(Names.concurrent + ".latency." + suffix, Statistics.quantile(sorted: concurrent.latenciesMilliseconds, fraction), "ms")
                }
            }
        }
        try await scanCases(into: &samples, progress: progress)
        return figures(from: samples)
    }

    /// Builds one raw database and one log of `scanEvents` each, then scans both `runs` times.
    private func scanCases(into samples: inout Samples, progress: (String) -> Void) async throws {
        let count = workload.scanEvents
        progress("scan: filling \(count) events")
        let rawFolder = try TemporaryFolder(parent: options.directory, label: "rawscan")
        defer { rawFolder.remove() }
        let raw = try RawLMDB(path: rawFolder.path)
        if runRaw { try raw.append(count: count, perTransaction: 10_000, payload: payload) }
        try await OurLog.withFreshLog(parent: options.directory, label: "scan") { log in
            if runOurs { try await OurLog.fill(log, count: count, payload: payload) }
            for run in 1...options.runs {
                progress("run \(run)/\(options.runs): scans")
                for _ in 0..<workload.scanPasses {
                    if runRaw {
                        let start = ContinuousClock.now
                        let seen = try raw.scan()
                        let elapsed = (ContinuousClock.now - start).seconds
                        guard seen == count else { throw BenchError("the raw scan saw \(seen) records, expected \(count)") }
                        samples.add(Names.rawScan, Double(count) / elapsed, "events/s")
                    }
                    if runOurs {
                        samples.add(Names.oursScan, try OurLog.scanAll(log, expected: count), "events/s")
                        samples.add(Names.oursScanInPlace, try OurLog.scanAllInPlace(log, expected: count), "events/s")
                    }
                }
            }
        }
    }

    /// Number of alternating rounds in a paired append case.
    private static let rounds = 20

    /// Appends `count` events `perCall` per commit to a fresh raw environment and a fresh log,
    /// alternating between the two in `rounds` slices so that both meet the same disk weather
    /// (the shared machines' fsync times swing tenfold within a minute). Returns events/s of each side.
    private func pairedAppends(label: String, count: Int, perCall: Int) async throws -> (raw: Double?, ours: Double?) {
        let rawFolder = try TemporaryFolder(parent: options.directory, label: "raw-\(label)")
        defer { rawFolder.remove() }
        let raw = try RawLMDB(path: rawFolder.path)
        let slices = Self.slices(count: count, perCall: perCall, rounds: Self.rounds)
        var rawTime = Duration.zero
        var rawPosition: UInt64 = 0
        let oursTime = try await OurLog.withFreshLog(parent: options.directory, label: "ours-\(label)") { log in
            var oursTime = Duration.zero
            for slice in slices {
                if runRaw {
                    let start = ContinuousClock.now
                    rawPosition = try raw.append(count: slice, perTransaction: perCall, after: rawPosition, payload: payload)
                    rawTime += ContinuousClock.now - start
                }
                if runOurs {
                    oursTime += try await OurLog.append(log, count: slice, perCall: perCall, payload: payload)
                }
            }
            return oursTime
        }
        return (runRaw ? Double(count) / rawTime.seconds : nil, runOurs ? Double(count) / oursTime.seconds : nil)
    }

    /// Splits `count` events into `rounds` slices of whole calls.
    static func slices(count: Int, perCall: Int, rounds: Int) -> [Int] {
        let calls = (count + perCall - 1) / perCall
        let callsPerSlice = max(1, calls / rounds)
        var result: [Int] = []
        var remaining = count
        while remaining > 0 {
            let slice = min(remaining, callsPerSlice * perCall)
            result.append(slice)
            remaining -= slice
        }
        return result
    }

    /// Medians, references, ratios and targets.
    private func figures(from samples: Samples) -> [Figure] {
        var medians: [String: Double] = [:]
        for (name, values) in samples.values { medians[name] = Statistics.median(values) }
        return samples.order.map { name in
            let value = medians[name] ?? 0
            var figure = Figure(name: name, value: value, unit: samples.units[name] ?? "", samples: samples.values[name] ?? [])
            guard let rule = Targets.rules[name] else { return figure }
            if let reference = rule.reference, let referenceValue = medians[reference], referenceValue > 0 {
                figure.reference = reference
                figure.ratio = value / referenceValue
                // Paired cases ran side by side in every run: the median of the per-run ratios
                // is steadier than the ratio of the medians on a noisy disk.
                let ours = samples.values[name] ?? []
                let theirs = samples.values[reference] ?? []
                if rule.paired, ours.count == theirs.count, !theirs.contains(0) {
                    figure.ratio = Statistics.median(zip(ours, theirs).map { $0 / $1 })
                }
            }
            figure.target = rule.text
            figure.met = rule.isMet(value, figure.ratio)
            return figure
        }
    }
}

/// The figure names (stable: the README and the JSON use them).
enum Names {
    static let raw1 = "raw.append.1-per-txn"
    static let raw100 = "raw.append.100-per-txn"
    static let rawScan = "raw.scan"
    static let ours1 = "ours.append.1-per-call"
    static let ours100 = "ours.append.100-per-call"
    static let concurrent = "ours.append.256-writers"
    static let oursScan = "ours.scan"
    static let oursScanInPlace = "ours.scan.in-place"
}

/// The targets of issue 6, each with the figure it is compared with.
enum Targets {
    struct Rule: Sendable {
        /// The figure this one is divided by.
        let reference: String?
        /// True when both were measured side by side in every run (ratio = median of run ratios).
        var paired = false
        let text: String
        let isMet: @Sendable (_ value: Double, _ ratio: Double?) -> Bool
    }

    static let rules: [String: Rule] = [
        Names.ours1: Rule(reference: Names.raw1, paired: true, text: "≥ 0.8× raw") { _, ratio in (ratio ?? 0) >= 0.8 },
        Names.ours100: Rule(reference: Names.raw100, paired: true, text: "≥ 0.5× raw") { _, ratio in (ratio ?? 0) >= 0.5 },
        Names.concurrent: Rule(reference: Names.ours1, paired: true, text: "≥ 100,000 events/s and ≥ 10× one writer") { value, ratio in
            value >= 100_000 && (ratio ?? 0) >= 10
        },
        Names.oursScan: Rule(reference: Names.rawScan, paired: true, text: "≥ 5,000,000 events/s") { value, _ in value >= 5_000_000 },
        Names.oursScanInPlace: Rule(reference: Names.rawScan, paired: true, text: "≥ 5,000,000 events/s") { value, _ in value >= 5_000_000 },
    ]
}

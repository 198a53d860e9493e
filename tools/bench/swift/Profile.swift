/// `mutualise-bench profile CASE`: runs one of our cases alone, long enough for a profiler
/// (`perf record -g`, `valgrind --tool=callgrind`), without the raw side or the other cases.
enum Profile {
    /// The cases that can be profiled alone.
    enum Case: String, CaseIterable, Sendable {
        case scan, scanInPlace = "scan-in-place", append1 = "append-1", append100 = "append-100", concurrent
    }

    /// Runs `which` on the workload's sizes and prints its figure.
    static func run(_ which: Case, options: Options, workload w: Workload) async throws {
        let payload = benchPayload()
        let figure: String = try await OurLog.withFreshLog(parent: options.directory, label: "profile") { log in
            switch which {
            case .scan:
                try await OurLog.fill(log, count: w.scanEvents, payload: payload)
                var rates: [Double] = []
                for _ in 0..<options.runs { rates.append(try OurLog.scanAll(log, expected: w.scanEvents)) }
                return "\(Names.oursScan): \(Figure.format(Statistics.median(rates))) events/s"
            case .scanInPlace:
                try await OurLog.fill(log, count: w.scanEvents, payload: payload)
                var rates: [Double] = []
                for _ in 0..<options.runs { rates.append(try OurLog.scanAllInPlace(log, expected: w.scanEvents)) }
                return "\(Names.oursScanInPlace): \(Figure.format(Statistics.median(rates))) events/s"
            case .append1, .append100:
                let perCall = which == .append1 ? 1 : w.batchSize
                let count = which == .append1 ? w.singleEvents : w.batchEvents
                let time = try await OurLog.append(log, count: count, perCall: perCall, payload: payload)
                return "\(which == .append1 ? Names.ours1 : Names.ours100): \(Figure.format(Double(count) / time.seconds)) events/s"
            case .concurrent:
                let result = try await OurLog.appendConcurrently(log, writers: w.writers, appendsPerWriter: w.appendsPerWriter, payload: payload)
                return "\(Names.concurrent): \(Figure.format(result.eventsPerSecond)) events/s"
            }
        }
        print(figure)
    }
}

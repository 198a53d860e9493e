import EventLog
import Foundation
import Projections

/// `mutualise-bench projections`: rebuild of every projection from a generated log, side by side
/// with a raw cursor scan of the same file; availability queries; growth of the time per event.
///
///     mutualise-bench projections [--log DIR] [--events N] [--seed S] [--growth 100000,5000000]
///                                 [--runs N] [--smoke] [--json PATH] [--dir DIR]
///
/// `--log` is a folder written by `generate` (default: one is generated under `--dir`, of
/// `--events` events, 1,000,000 or 5,000 in smoke mode). `--growth` lists the other sizes
/// generated (and removed) for the growth figure.
enum ProjectionCases {
    struct Settings: Sendable {
        var log: String?
        var events = 1_000_000
        var seed: UInt64 = 42
        var growth: [Int] = [100_000]
        var runs = 5
        var smoke = false
        var json: String?
        var directory = "/tmp"
        var queryIterations = 1000

        static func parse(_ arguments: [String]) throws -> Settings {
            var s = Settings()
            var runsGiven = false, eventsGiven = false, growthGiven = false
            var rest = arguments[...]
            func value(_ name: String) throws -> String {
                guard let v = rest.popFirst() else { throw BenchError("\(name) needs a value") }
                return v
            }
            while let argument = rest.popFirst() {
                switch argument {
                case "--log": s.log = try value(argument)
                case "--events": s.events = try count(try value(argument)); eventsGiven = true
                case "--seed": s.seed = UInt64(try value(argument)) ?? 42
                case "--growth": s.growth = try value(argument).split(separator: ",").map { try count(String($0)) }; growthGiven = true
                case "--runs": s.runs = max(1, Int(try value(argument)) ?? 5); runsGiven = true
                case "--smoke": s.smoke = true
                case "--json": s.json = try value(argument)
                case "--dir": s.directory = try value(argument)
                default: throw BenchError("projections: unknown argument \(argument)")
                }
            }
            if s.smoke {
                if !runsGiven { s.runs = 1 }
                if !eventsGiven { s.events = 5_000 }
                if !growthGiven { s.growth = [2_000] }
                s.queryIterations = 100
            }
            return s
        }
    }

    /// `100k`, `1M`, `5M` or a plain number.
    static func count(_ text: String) throws -> Int {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        if t.hasSuffix("k"), let n = Int(t.dropLast()) { return n * 1000 }
        if t.hasSuffix("m"), let n = Int(t.dropLast()) { return n * 1_000_000 }
        guard let n = Int(t) else { throw BenchError("not a count: \(text)") }
        return n
    }

    /// `1M`, `100k`, `5M`, `20k`: the label of a size in figure names.
    static func label(_ n: Int) -> String {
        if n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n % 1000 == 0 { return "\(n / 1000)k" }
        return "\(n)"
    }

    struct Rebuild {
        var seconds: [Double] = []
        var rawSeconds: [Double] = []
        /// VmRSS after the rebuild minus before it (MiB): what the state and the rebuild hold.
        var residentGrowth: [Double] = []
        /// The same once the map pages read are dropped (`releaseMappedPages`, as `serve` does
        /// after its start-up rebuild): what the state holds.
        var residentAfterRelease: [Double] = []
        var state: ProjectionState?
    }

    /// Alternates a raw cursor scan of the folder and a full rebuild through our log, `runs` times.
    static func measure(folder: String, expected: Int, runs: Int, keepState: Bool, progress: (String) -> Void) throws -> Rebuild {
        var result = Rebuild()
        for run in 1...runs {
            do {
                let raw = try RawLogScan(path: folder)
                let start = ContinuousClock.now
                let seen = try raw.scan()
                result.rawSeconds.append((ContinuousClock.now - start).seconds)
                guard seen == expected else { throw BenchError("raw scan of \(folder) saw \(seen) records, expected \(expected)") }
            }
            let log = try EventLog(directory: folder, configuration: .init())
            defer { log.close() }
            let residentBefore = residentMiB()
            let rebuilt = try ProjectionBenchmark.rebuild(log: log)
            result.residentGrowth.append(residentMiB() - residentBefore)
            log.releaseMappedPages()
            result.residentAfterRelease.append(residentMiB() - residentBefore)
            guard rebuilt.records == expected else { throw BenchError("rebuild of \(folder) folded \(rebuilt.records) records, expected \(expected)") }
            guard rebuilt.state.skipped == 0 else { throw BenchError("rebuild skipped \(rebuilt.state.skipped) records (undecodable or unknown)") }
            result.seconds.append(rebuilt.seconds)
            if keepState && run == runs { result.state = rebuilt.state }
            progress("projections \(label(expected)) run \(run)/\(runs): rebuild \(Figure.format(rebuilt.recordsPerSecond)) events/s, raw scan \(Figure.format(Double(expected) / result.rawSeconds.last!)) records/s")
        }
        return result
    }

    static func run(_ s: Settings, progress: (String) -> Void) async throws -> [Figure] {
        var figures: [Figure] = []
        var temporary: [TemporaryFolder] = []
        defer { for t in temporary { t.remove() } }

        // The main log (1M by default).
        let mainFolder: String
        if let log = s.log {
            mainFolder = log
        } else {
            let t = try TemporaryFolder(parent: s.directory, label: "log-\(label(s.events))")
            temporary.append(t)
            progress("generating \(s.events) events in \(t.path)")
            let summary = try await TerritoryGenerator.generate(directory: t.path, events: s.events, seed: s.seed, progress: progress)
            figures.append(Figure(name: "generate.\(label(s.events))", value: Double(summary.events) / summary.seconds, unit: "events/s", samples: [Double(summary.events) / summary.seconds]))
            mainFolder = t.path
        }
        let mainCount: Int = try {
            let log = try EventLog(directory: mainFolder, configuration: .init())
            defer { log.close() }
            return Int(try log.headPosition())
        }()
        let main = try measure(folder: mainFolder, expected: mainCount, runs: s.runs, keepState: true, progress: progress)
        let name = "projections.rebuild.\(label(mainCount))"
        let rawName = "raw.scan.log-\(label(mainCount))"
        let rates = main.seconds.map { Double(mainCount) / $0 }
        let rawRates = main.rawSeconds.map { Double(mainCount) / $0 }
        let ratio = Statistics.median(zip(rates, rawRates).map { $0 / $1 })
        figures.append(Figure(name: rawName, value: Statistics.median(rawRates), unit: "records/s", samples: rawRates))
        var rebuild = Figure(name: name, value: Statistics.median(rates), unit: "events/s", samples: rates)
        rebuild.reference = rawName
        rebuild.ratio = ratio
        rebuild.target = "≥ 1,000,000 events/s and ≥ 0.05× raw scan"
        rebuild.met = rebuild.value >= 1_000_000 && ratio >= 0.05
        figures.append(rebuild)
        figures.append(Figure(name: name + ".seconds", value: Statistics.median(main.seconds), unit: "s", samples: main.seconds))
        figures.append(Figure(name: name + ".resident-growth", value: Statistics.median(main.residentGrowth), unit: "MiB (VmRSS after − before, in process)", samples: main.residentGrowth))
        figures.append(Figure(name: name + ".resident-growth.pages-released", value: Statistics.median(main.residentAfterRelease),
                              unit: "MiB (VmRSS after the rebuild and releaseMappedPages − before, in process)", samples: main.residentAfterRelease))

        // Where the rebuild's time goes: reading and decoding the records alone (`scan`, pages of
        // 4,096 as the runner reads), and decoding + folding records already in memory (`fold`).
        do {
            let log = try EventLog(directory: mainFolder, configuration: .init())
            defer { log.close() }
            var readRates: [Double] = [], foldRates: [Double] = []
            for _ in 0..<s.runs {
                var records: [RecordedEvent] = []
                records.reserveCapacity(mainCount)
                let start = ContinuousClock.now
                try log.scan(pageSize: 4096) { page in records.append(contentsOf: page); return true }
                readRates.append(Double(records.count) / (ContinuousClock.now - start).seconds)
                foldRates.append(ProjectionBenchmark.fold(records).recordsPerSecond)
            }
            var read = Figure(name: "projections.rebuild.\(label(mainCount)).read-only", value: Statistics.median(readRates), unit: "events/s", samples: readRates)
            read.reference = rawName
            read.ratio = read.value / Statistics.median(rawRates)
            figures.append(read)
            figures.append(Figure(name: "projections.rebuild.\(label(mainCount)).fold-only", value: Statistics.median(foldRates), unit: "events/s", samples: foldRates))
        }

        // Availability queries over the rebuilt state (1,000 rooms, openings 2026–2028).
        if let state = main.state {
            var medians: [Double] = [], p99s: [Double] = []
            for _ in 0..<s.runs {
                let q = ProjectionBenchmark.availabilityQueries(state: state, from: isoDate("2026-01-05T00:00:00Z"), to: isoDate("2028-12-30T00:00:00Z"),
                                                                iterations: s.queryIterations)
                medians.append(q.median * 1000)
                p99s.append(q.p99 * 1000)
            }
            var median = Figure(name: "projections.availability-query.\(state.availability.rooms.count)-rooms", value: Statistics.median(medians), unit: "ms", samples: medians)
            median.target = "median < 1 ms"
            median.met = median.value < 1
            figures.append(median)
            figures.append(Figure(name: "projections.availability-query.\(state.availability.rooms.count)-rooms.p99", value: Statistics.median(p99s), unit: "ms", samples: p99s))
        }

        // Growth: time per event at every size.
        var perEvent: [(Int, Double, [Double])] = [(mainCount, Statistics.median(main.seconds) / Double(mainCount) * 1e9, main.seconds.map { $0 / Double(mainCount) * 1e9 })]
        for size in s.growth where size != mainCount {
            let t = try TemporaryFolder(parent: s.directory, label: "log-\(label(size))")
            defer { t.remove() }
            progress("generating \(size) events for the growth figure")
            let summary = try await TerritoryGenerator.generate(directory: t.path, events: size, seed: s.seed, progress: progress)
            figures.append(Figure(name: "generate.\(label(size))", value: Double(summary.events) / summary.seconds, unit: "events/s", samples: [Double(summary.events) / summary.seconds]))
            let runs = size > 2_000_000 ? min(s.runs, 3) : s.runs
            let m = try measure(folder: t.path, expected: size, runs: runs, keepState: false, progress: progress)
            perEvent.append((size, Statistics.median(m.seconds) / Double(size) * 1e9, m.seconds.map { $0 / Double(size) * 1e9 }))
        }
        perEvent.sort { $0.0 < $1.0 }
        let smallest = perEvent[0].1
        for (size, ns, samples) in perEvent {
            var f = Figure(name: "projections.rebuild.growth.\(label(size))", value: ns, unit: "ns/event", samples: samples)
            if size != perEvent[0].0 {
                f.reference = "projections.rebuild.growth.\(label(perEvent[0].0))"
                f.ratio = ns / smallest
            }
            figures.append(f)
        }
        let values = perEvent.map(\.1)
        if values.count > 1, let lo = values.min(), let hi = values.max(), lo > 0 {
            var spread = Figure(name: "projections.rebuild.growth", value: hi / lo, unit: "max/min ns per event over " + perEvent.map { label($0.0) }.joined(separator: ", "),
                                samples: values)
            spread.target = "flat within 25 %"
            spread.met = hi / lo <= 1.25
            figures.append(spread)
        }
        if !s.growth.contains(where: { $0 >= 5_000_000 }) && !s.smoke {
            figures.append(Figure(name: "projections.rebuild.growth.5M", value: 0, unit: "ns/event", samples: [],
                                  skipped: "not run (tools/bench/run --no-5m; mutualise-bench projections --growth 100k,5M runs it)"))
        }
        return figures
    }

    /// VmRSS of this process, in MiB (0 where /proc is missing).
    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Double(line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
        }
        return 0
    }

    static func isoDate(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }
}

/// `{ "runs": N, "figures": [...] }`, merged by tools/bench/run with the other parts.
struct FiguresFile: Encodable {
    let runs: Int
    let figures: [Figure]

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

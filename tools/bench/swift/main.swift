// mutualise-bench: our event log side by side with raw LMDB (issue 6). See tools/bench/run.
import EventLog
import Foundation
import Projections

/// Parses the command line, runs the suite, prints one line per figure and writes the JSON.
func benchMain() async -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "generate": return await generateMain(Array(arguments.dropFirst()))
    case "projections": return await projectionsMain(Array(arguments.dropFirst()))
    case "rebuild": return rebuildMain(Array(arguments.dropFirst()))
    case "round-trip":
        do {
            let settings = try RoundTrip.Settings.parse(Array(arguments.dropFirst()))
            let figures = try RoundTrip.run(settings) { printError("mutualise-bench: \($0)") }
            for figure in figures { print(figure.line) }
            if let path = settings.json { try FiguresFile(runs: settings.runs, figures: figures).write(to: path) }
            return 0
        } catch {
            printError("mutualise-bench round-trip: \(error)")
            return 1
        }
    default: break
    }
    let options: Options
    switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
    case .success(let parsed):
        options = parsed
    case .failure(let error):
        if !error.message.isEmpty { printError("mutualise-bench: \(error.message)") }
        printError(Options.usage)
        return error.message.isEmpty ? 0 : 64
    }
    let suite = Suite(options: options, workload: options.smoke ? .smoke : .full)
    do {
        if let which = options.profile {
            try await Profile.run(which, options: options, workload: suite.workload)
            return 0
        }
        let figures = try await suite.run { printError("mutualise-bench: \($0)") }
        for figure in figures { print(figure.line) }
        if let path = options.jsonPath {
            try Report(smoke: options.smoke, runs: options.runs, workload: suite.workload, figures: figures).write(to: path)
        }
        return 0
    } catch {
        printError("mutualise-bench: \(error)")
        return 1
    }
}

/// `mutualise-bench generate --events N --dir DIR [--seed S] [--rooms R]`: a realistic log in DIR
/// (an empty or missing folder), see ``TerritoryGenerator``.
func generateMain(_ arguments: [String]) async -> Int32 {
    var events = 1_000_000, seed: UInt64 = 42, rooms = 1000
    var directory: String?
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch (argument, rest.popFirst()) {
        case ("--events", let v?): events = (try? ProjectionCases.count(v)) ?? -1
        case ("--seed", let v?): seed = UInt64(v) ?? 42
        case ("--rooms", let v?): rooms = Int(v) ?? -1
        case ("--dir", let v?): directory = v
        default:
            printError("usage: mutualise-bench generate --events N --dir DIR [--seed S] [--rooms R]")
            return 64
        }
    }
    guard let directory, events > 0, rooms > 0 else {
        printError("usage: mutualise-bench generate --events N --dir DIR [--seed S] [--rooms R]")
        return 64
    }
    do {
        let summary = try await TerritoryGenerator.generate(directory: directory, events: events, seed: seed, rooms: rooms) { printError("mutualise-bench: \($0)") }
        print("generate.\(ProjectionCases.label(events)): \(Figure.format(Double(summary.events) / summary.seconds)) events/s (\(summary.events) events, \(summary.rooms) rooms, seed \(seed), \(directory))")
        return 0
    } catch {
        printError("mutualise-bench generate: \(error)")
        return 1
    }
}

/// `mutualise-bench projections …`: see ``ProjectionCases``.
func projectionsMain(_ arguments: [String]) async -> Int32 {
    do {
        let settings = try ProjectionCases.Settings.parse(arguments)
        let figures = try await ProjectionCases.run(settings) { printError("mutualise-bench: \($0)") }
        for figure in figures { print(figure.line) }
        if let path = settings.json { try FiguresFile(runs: settings.runs, figures: figures).write(to: path) }
        return 0
    } catch {
        printError("mutualise-bench projections: \(error)")
        return 1
    }
}

/// `mutualise-bench rebuild --log DIR [--runs N]`: only the rebuild of every projection from an
/// existing log, `runs` times (default 1), for a profiler (`perf record`, `valgrind --tool=callgrind`).
func rebuildMain(_ arguments: [String]) -> Int32 {
    var runs = 1
    var directory: String?
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch (argument, rest.popFirst()) {
        case ("--log", let v?): directory = v
        case ("--runs", let v?): runs = max(1, Int(v) ?? 1)
        default:
            printError("usage: mutualise-bench rebuild --log DIR [--runs N]")
            return 64
        }
    }
    guard let directory else {
        printError("usage: mutualise-bench rebuild --log DIR [--runs N]")
        return 64
    }
    do {
        let log = try EventLog(directory: directory, configuration: .init())
        defer { log.close() }
        for run in 1...runs {
            let rebuilt = try ProjectionBenchmark.rebuild(log: log)
            print("projections.rebuild run \(run)/\(runs): \(Figure.format(rebuilt.recordsPerSecond)) events/s (\(rebuilt.records) records, \(rebuilt.state.skipped) skipped, \(Figure.format(rebuilt.seconds)) s)")
        }
        return 0
    } catch {
        printError("mutualise-bench rebuild: \(error)")
        return 1
    }
}

/// Writes a line to standard error (progress and failures; figures go to standard output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

exit(await benchMain())

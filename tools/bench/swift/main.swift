// mutualise-bench: our event log side by side with raw LMDB (issue 6). See tools/bench/run.
import Foundation

/// Parses the command line, runs the suite, prints one line per figure and writes the JSON.
func benchMain() async -> Int32 {
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

/// Writes a line to standard error (progress and failures; figures go to standard output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

exit(await benchMain())

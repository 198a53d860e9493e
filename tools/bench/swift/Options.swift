/// Command-line options of `mutualise-bench`, parsed by hand (no dependency).
struct Options: Sendable {
    /// Which group of cases to run.
    enum Selection: String, Sendable {
        case all, raw, ours
    }

    var selection: Selection = .all
    /// A case to run alone under a profiler (`profile CASE`), if any.
    var profile: Profile.Case?
    /// Tiny counts, a few seconds in all: keeps the suite from rotting in CI.
    var smoke = false
    /// Repetitions of every case; the median is reported.
    var runs = 5
    /// Where to write the JSON figures (none when nil).
    var jsonPath: String?
    /// Parent folder of the temporary data folders.
    var directory = "/tmp"

    static let usage = """
        usage: mutualise-bench [all|raw|ours] [--smoke] [--runs N] [--json PATH] [--dir DIR]
               mutualise-bench profile scan|scan-in-place|append-1|append-100|concurrent [--smoke] [--runs N]
               mutualise-bench generate --events N --dir DIR [--seed S] [--rooms R]
               mutualise-bench rebuild --log DIR [--runs N]
               mutualise-bench projections [--log DIR] [--events N] [--growth 100k,5M] [--seed S] [--smoke] [--runs N] [--json PATH] [--dir DIR]
               mutualise-bench round-trip --port P --owner-tokens FILE --borrower-token T [--connections 32] [--seconds 10] [--runs N] [--first-slot K] [--json PATH]
          all     raw LMDB reference and our log (default)
          raw     raw LMDB reference only
          ours    our log only (ratios are then omitted)
          profile one of our cases alone, for perf or callgrind
          --smoke tiny counts, seconds in all (CI)
          --runs  repetitions of each case, the median is reported (default 5, smoke 1)
          --json  write the figures as JSON to PATH
          --dir   parent folder of the temporary data folders (default /tmp)
        """

    /// Parses `arguments` (without the program name).
    /// - Returns: the options, or a message for the user when they are wrong.
    static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        var options = Options()
        var runsGiven = false
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "all", "raw", "ours":
                options.selection = Selection(rawValue: argument) ?? .all
            case "profile":
                guard let value = rest.popFirst(), let which = Profile.Case(rawValue: value) else {
                    let names = Profile.Case.allCases.map(\.rawValue).joined(separator: ", ")
                    return .failure(UsageError("profile needs one of: \(names)"))
                }
                options.profile = which
            case "--smoke":
                options.smoke = true
            case "--runs":
                guard let value = rest.popFirst(), let runs = Int(value), runs >= 1 else {
                    return .failure(UsageError("--runs needs a positive integer"))
                }
                options.runs = runs
                runsGiven = true
            case "--json":
                guard let value = rest.popFirst() else { return .failure(UsageError("--json needs a path")) }
                options.jsonPath = value
            case "--dir":
                guard let value = rest.popFirst() else { return .failure(UsageError("--dir needs a folder")) }
                options.directory = value
            case "-h", "--help":
                return .failure(UsageError(""))
            default:
                return .failure(UsageError("unknown argument \(argument)"))
            }
        }
        if options.smoke && !runsGiven { options.runs = 1 }
        return .success(options)
    }
}

/// A wrong command line, with the message to print before the usage.
struct UsageError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

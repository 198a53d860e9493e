import ArgumentParser
import Foundation

/// The `mutualise` command: one executable for the server and every operator's task.
@main
struct Mutualise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutualise",
        abstract: "Mutualisation: the social-economy structures of a territory share their spaces.",
        discussion: """
        Every fact is an event in an append-only LMDB log kept in the data folder (--data, or
        MUTUALISE_DATA, default ./mutualise-data). The commands work while `serve` runs on the
        same folder. Exit codes: 0 success, 1 refused (a rule or a check said no), 2 usage.
        """,
        subcommands: [
            Serve.self, Demo.self, TokenCommand.self, InviteCommand.self, Replay.self, History.self, Report.self,
            Audit.self, Backup.self, Export.self, Import.self, ErasePerson.self,
        ]
    )

    /// Runs the command, mapping failures to the documented exit codes.
    static func main() async {
        // Every file and folder this process creates (data, keys, tokens, backups, exports
        // redirected by the shell excepted) is owner-only from its first byte.
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let refusal as Refusal {
            FileHandle.standardError.write(Data("mutualise: \(refusal.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .validationFailure || error is ValidationError {
                if code == .success { exit(withError: error) }
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A refusal: a rule, a check or the data said no. Exit code 1, message in French for people.
struct Refusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The data folder option, shared by every command that reads or writes it.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (env MUTUALISE_DATA; default ./mutualise-data).")
    var data: String = ProcessInfo.processInfo.environment["MUTUALISE_DATA"] ?? "mutualise-data"
}

/// Progress on a terminal, silence when piped.
struct Progress {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1
    private var last = ContinuousClock.now

    init(_ label: String) { self.label = label }

    mutating func update(_ done: Int, _ total: Int? = nil) {
        guard enabled, ContinuousClock.now - last > .milliseconds(200) || done == total else { return }
        last = .now
        let figure = total.map { "\(done)/\($0)" } ?? "\(done)"
        FileHandle.standardError.write(Data("\r\(label): \(figure)   ".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

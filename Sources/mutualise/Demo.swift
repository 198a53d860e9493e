import App
import Domain
import EventLog
import ArgumentParser
import DemoHistory
import Foundation

/// `mutualise demo`: loads the pôle's 2012 history into a new data folder, as real commands.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the 2012 history of the pôle ESS (demo data) into a new data folder.")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        guard try DemoHistory.isEmpty(log) else {
            throw Refusal("le dossier \(dataOptions.data) contient déjà des événements : la démo ne se charge que dans un dossier neuf")
        }
        var progress = Progress("démo 2012")
        let summary = try await DemoHistory.load(into: CommandService(log: log)) { done, total in
            progress.update(done, total)
        }
        progress.finish()
        print(summary)
    }
}

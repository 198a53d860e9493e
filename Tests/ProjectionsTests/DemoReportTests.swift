import App
import DemoHistory
import Domain
import EventLog
import Foundation
import Projections
import TestSupport
import Testing

@Suite struct DemoReportTests {
    @Test func demoHistoryGivesThe2012Figures() async throws {
        let folder = TemporaryFolder("demo-report")
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        let service = CommandService(log: log)
        _ = try await DemoHistory.load(into: service)
        let runner = ProjectionRunner(log: log)
        try runner.rebuild()
        let report = runner.withState { $0.report.report(year: 2012) }
        #expect(report.loansHeld >= 8, "\(report.text)")
        #expect(report.projectsHosted == 5, "\(report.text)")
        #expect(report.projectExits == 1, "\(report.text)")
        #expect(report.projectEntries == 1, "\(report.text)")
        #expect(report.loansByMonth.reduce(0, +) == report.loansHeld)
        #expect(report.roomsOnOffer > 0)
        #expect(runner.withState { $0.skipped } == 0)
        // The feeds render from the real history.
        let geo = runner.withState { $0.carteOuverte.geoJSON(now: Date(timeIntervalSince1970: 1_333_274_400)) }
        #expect(try JSONSerialization.jsonObject(with: Data(geo)) is [String: Any])
    }
}

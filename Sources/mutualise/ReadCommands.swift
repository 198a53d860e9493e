import App
import ArgumentParser
import Domain
import EventLog
import Foundation
import HTTP
import Projections

/// A person id given on the command line.
struct PersonIDArgument {
    let value: PersonID
    init(_ raw: String) throws {
        do { value = try PersonID(raw) } catch { throw Refusal(error.message) }
    }
}

/// `mutualise report YEAR`.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a year's activity figures (loans, structures, desks, Phare demand).")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The year, e.g. 2012.") var year: Int
    @Option(help: "text or json.") var format: String = "text"

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("YEAR must be between 2000 and 2100") }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let state: ProjectionState
        do { state = try ProjectionRunner.replay(log, until: .head) } catch { throw Refusal("relecture impossible : \(error)") }
        let report = state.report.report(year: year)
        if format == "json" {
            print(ReportJSON.text(report))
        } else {
            print(report.text)
        }
    }
}

/// `mutualise replay --until INSTANT|--until-position N`.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild the projections as of an instant or a position, without touching the live state.")
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "An instant, e.g. 2012-12-31T23:59:59+01:00.") var until: String?
    @Option(help: "A global position.") var untilPosition: UInt64?
    @Option(help: "Projection to print: summary, report, carte-ouverte, pepiniere, phare.") var projection: String = "summary"

    func validate() throws {
        guard (until == nil) != (untilPosition == nil) else { throw ValidationError("give exactly one of --until and --until-position") }
        guard ["summary", "report", "carte-ouverte", "pepiniere", "phare"].contains(projection) else { throw ValidationError("--projection: summary, report, carte-ouverte, pepiniere or phare") }
    }

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let limit: ReplayLimit
        if let until {
            guard let instant = ISO8601DateFormatter().date(from: until) else { throw ValidationError("--until: write an RFC 3339 instant such as 2012-12-31T23:59:59+01:00") }
            limit = .instant(instant)
        } else {
            limit = .position(untilPosition ?? 0)
        }
        let state: ProjectionState
        do { state = try ProjectionRunner.replay(log, until: limit) } catch { throw Refusal("relecture impossible : \(error)") }
        let asOf = Date(timeIntervalSince1970: Double(state.recordedAtMicroseconds) / 1_000_000)
        let year = ParisTime.date(asOf).year
        switch projection {
        case "report":
            print(state.report.report(year: year).text)
        case "carte-ouverte":
            print(String(decoding: state.carteOuverte.geoJSON(now: asOf), as: UTF8.self))
        case "pepiniere":
            for row in state.pepiniere.board(on: ParisTime.date(asOf)) {
                print("\(row.desk.label)\t\(row.status.rawValue)\t\(row.project ?? "-")\t\(row.allocation.map { "\($0.start) → \($0.end)" } ?? "")")
            }
        case "phare":
            let total = state.phare.total
            print("demandé \(total.requested) m², attribué \(total.allocated) m², reste \(total.remaining.map { "\($0)" } ?? "-") m²")
        default:
            print("position \(state.position), enregistré le \(ISO8601DateFormatter().string(from: asOf))")
            print("\(state.structures.entries.count) structures, \(state.availability.offeredRooms.count) salles proposées")
        }
    }
}

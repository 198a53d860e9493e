import App
import DemoHistory
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

/// The demo history loaded once into a fresh log, folded back from the log's records.
final class LoadedDemo {
    let folder = TemporaryFolder("demo")
    let log: EventLog
    let service: CommandService
    let summary: DemoSummary
    let records: [RecordedEvent]
    let events: [AnyDomainEvent]

    init() async throws {
        log = try EventLog(directory: folder.path, configuration: .application)
        service = CommandService(log: log)
        var calls = 0
        summary = try await DemoHistory.load(into: service) { done, total in
            calls += 1
            precondition(done <= total)
        }
        #expect(calls == summary.commands)
        var all: [RecordedEvent] = []
        var next: UInt64 = 1
        while true {
            let page = try log.read(from: next, limit: 500)
            guard let last = page.last else { break }
            all.append(contentsOf: page)
            next = last.position + 1
        }
        records = all
        events = try all.map { try AnyDomainEvent.decode(eventType: $0.type, schemaVersion: $0.schemaVersion, payload: $0.payload) }
    }

    deinit { log.close() }
}

/// Europe/Paris instants and days of 2012.
enum Year2012 {
    static let start = try! ParisTime.instant(LocalDateTime(iso: "2012-01-01T00:00"))
    static let end = try! ParisTime.instant(LocalDateTime(iso: "2013-01-01T00:00"))
    static let firstDay = try! LocalDate(iso: "2012-01-01")
    static let nextYear = try! LocalDate(iso: "2013-01-01")
    static func contains(_ date: Date) -> Bool { date >= start && date < end }
    static func contains(_ day: LocalDate) -> Bool { day >= firstDay && day < nextYear }
}

@Suite(.serialized) struct DemoHistoryTests {
    @Test func theDemoLoadsWithoutRefusalAndTheChainVerifies() async throws {
        let demo = try await LoadedDemo()
        #expect(demo.summary.events == demo.records.count)
        #expect(UInt64(demo.records.count) == demo.summary.headPosition)
        #expect(try demo.log.verifyChain().isValid)
        #expect(demo.summary.commands == (try DemoHistory.commandCount()))
        // Recorded-at follows the simulated history: autumn 2011 to the end of 2012, never backwards.
        let times = demo.records.map(\.recordedAt)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(try #require(times.first) < Year2012.start)
        #expect(Year2012.contains(try #require(times.last)))
        #expect(demo.records.allSatisfy { $0.actor.isEmpty == false })
        // The figures documented in docs/demo-data.md.
        let s = demo.summary
        #expect((s.commands, s.events, s.structures, s.rooms, s.availabilities) == (154, 155, 50, 15, 23))
        #expect((s.loansRequested, s.loansHeldIn2012, s.loansDeclined, s.loansCancelled) == (12, 10, 1, 1))
        #expect((s.desks, s.applications, s.projectsHostedIn2012, s.entriesIn2012, s.exitsIn2012, s.waitingAtEnd) == (4, 8, 5, 1, 1, 2))
        #expect((s.phareRequests, s.phareRequestedSquareMetres, s.phareAllocatedSquareMetres, s.phareDeclined) == (6, 1820, 300, 1))
    }

    @Test func foldingTheLogGivesTheReportsFigures() async throws {
        let demo = try await LoadedDemo()
        // Loans: requested, then approved / declined / cancelled.
        var loans: [LoanID: (room: String, borrower: StructureID, period: Period, people: Int, purpose: String)] = [:]
        var approved: Set<LoanID> = [], cancelled: Set<LoanID> = [], declined: [LoanID: String] = [:]
        // Pépinière.
        var projectOf: [ApplicationID: String] = [:]
        var allocations: [ApplicationID: (start: LocalDate, end: LocalDate)] = [:]
        var exits: [LocalDate] = []
        var structures = 0, rooms = 0
        for (record, event) in zip(demo.records, demo.events) {
            switch event {
            case .structure(.registered): structures += 1
            case .room(.offered): rooms += 1
            case .room(.loanRequested(let e)): loans[e.loanID] = (record.streamID, e.borrower, e.period, e.people, e.purpose)
            case .room(.loanApproved(let e)): approved.insert(e.loanID)
            case .room(.loanCancelled(let e)): cancelled.insert(e.loanID)
            case .room(.loanDeclined(let e)): declined[e.loanID] = e.reason
            case .pepiniere(.applicationSubmitted(let e)): projectOf[e.application] = e.projectName
            case .pepiniere(.deskAllocated(let e)): allocations[e.application] = (e.start, e.end)
            case .pepiniere(.allocationExtended(let e)): allocations[e.application]?.end = e.newEnd
            case .pepiniere(.projectLeft(let e)):
                allocations[e.application]?.end = e.date
                exits.append(e.date)
            default: break
            }
        }
        #expect(structures >= 48)
        #expect((13...17).contains(rooms))

        let held = loans.filter { approved.contains($0.key) && !cancelled.contains($0.key) && Year2012.contains($0.value.period.start) }
        #expect(held.count >= 8)
        #expect(declined.count >= 1 && declined.values.allSatisfy { !$0.isEmpty })
        #expect(cancelled.count >= 1)

        // The report's example: Mutuelle Radiance lends a room on 27 April 2012 to 16 people.
        let radianceDay = try Period(paris: LocalDateTime(iso: "2012-04-27T00:00"), LocalDateTime(iso: "2012-04-28T00:00"))
        let radianceRoom = try #require(demo.events.compactMap { event -> RoomOffered? in
            if case .room(.offered(let e)) = event, e.owner == (try? StructureID("mutuelle-radiance")) { return e }
            return nil
        }.first)
        let radiance = held.values.filter {
            $0.room == radianceRoom.id.streamName && radianceDay.contains($0.period) && $0.people == 16
        }
        #expect(radiance.count == 1)
        #expect(radiance.first?.purpose.contains("fondations") == true)

        // Pépinière: five projects hosted in 2012, one exit and one entry during the year.
        let hosted = allocations.filter { $0.value.start < Year2012.nextYear && $0.value.end > Year2012.firstDay }
        #expect(Set(hosted.keys.compactMap { projectOf[$0] }) ==
                ["Eco-think", "Enercoop Bretagne", "Garage Solidaire", "Questions d'égalité", "Octopousse"])
        #expect(exits.filter(Year2012.contains).count == 1)
        #expect(allocations.values.filter { Year2012.contains($0.start) }.count == 1)
        // One year at most per allocation, extensions and exits included.
        #expect(allocations.values.allSatisfy { $0.end <= $0.start.adding(years: 1) })

        // The summary agrees with the fold.
        #expect(demo.summary.loansHeldIn2012 == held.count)
        #expect(demo.summary.projectsHostedIn2012 == 5)
        #expect(demo.summary.entriesIn2012 == 1 && demo.summary.exitsIn2012 == 1)
        #expect(demo.summary.waitingAtEnd >= 2)
        #expect(demo.summary.phareAllocatedSquareMetres > 0 && demo.summary.phareDeclined == 1)
    }

    @Test func noContactOfAPorteurIsStoredInClear() async throws {
        let demo = try await LoadedDemo()
        let submitted = demo.events.compactMap { event -> DeskApplicationSubmitted? in
            if case .pepiniere(.applicationSubmitted(let e)) = event { return e }
            return nil
        }
        #expect(submitted.count >= 7)
        for application in submitted {
            guard case .sealed = application.contact else {
                Issue.record("contact of \(application.application) is not sealed")
                continue
            }
        }
        let text = String(decoding: demo.records.flatMap(\.payload), as: UTF8.self)
        #expect(!text.contains("example.org"))
        #expect(!text.contains("Morvan") && !text.contains("Guillou"))
        // The vault opens them again.
        let first = try #require(submitted.first)
        let opened = demo.service.vault.unseal(first.contact, of: first.person)
        #expect(opened.contact?.email.hasSuffix("@example.org") == true)
    }

    @Test func loadingIntoALogThatHoldsEventsIsRefusedAndWritesNothing() async throws {
        let demo = try await LoadedDemo()
        #expect(try DemoHistory.isEmpty(demo.log) == false)
        let head = try demo.log.headPosition()
        await #expect(throws: DemoHistoryError.self) {
            _ = try await DemoHistory.load(into: demo.service)
        }
        #expect(try demo.log.headPosition() == head)

        let folder = TemporaryFolder("demo-empty")
        let log = try EventLog(directory: folder.path, configuration: .application)
        defer { log.close() }
        #expect(try DemoHistory.isEmpty(log))
    }
}

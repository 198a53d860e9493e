import Foundation
import Testing
@testable import Domain

// Given events → when command → then events or error, with no database.

func given<D: Decider>(_ decider: D.Type, _ events: [D.Event]) -> D.State {
    D.fold(events)
}

func when<D: Decider>(_ decider: D.Type, _ events: [D.Event], _ command: D.Command, _ context: CommandContext) throws(DomainError) -> [D.Event] {
    try D.decide(command, state: given(decider, events), context: context)
}

func expectError<D: Decider>(_ decider: D.Type, _ events: [D.Event], _ command: D.Command, _ context: CommandContext,
                             code: DomainErrorCode, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let produced = try when(decider, events, command, context)
        Issue.record("expected \(code.rawValue), got events \(produced)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
        if let field { #expect(error.field == field, sourceLocation: sourceLocation) }
    }
}

func expectEvents<D: Decider>(_ decider: D.Type, _ events: [D.Event], _ command: D.Command, _ context: CommandContext,
                              sourceLocation: SourceLocation = #_sourceLocation) -> [D.Event] {
    do {
        return try when(decider, events, command, context)
    } catch {
        Issue.record("unexpected refusal \(error.code.rawValue): \(error.message)", sourceLocation: sourceLocation)
        return []
    }
}

func expectEvents<D: Decider>(_ decider: D.Type, _ events: [D.Event], _ command: D.Command, _ context: CommandContext,
                              equal expected: [D.Event], sourceLocation: SourceLocation = #_sourceLocation) where D.Event: Equatable {
    let produced = expectEvents(decider, events, command, context, sourceLocation: sourceLocation)
    #expect(produced == expected, sourceLocation: sourceLocation)
}

// MARK: - Values

func ldt(_ text: String) -> LocalDateTime {
    do { return try LocalDateTime(iso: text) } catch { fatalError("bad test date-time \(text): \(error)") }
}

func ld(_ text: String) -> LocalDate {
    do { return try LocalDate(iso: text) } catch { fatalError("bad test date \(text): \(error)") }
}

func lt(_ text: String) -> LocalTime {
    do { return try LocalTime(iso: text) } catch { fatalError("bad test time \(text): \(error)") }
}

/// The instant of a Paris wall time (a repeated autumn time read as its first occurrence).
func paris(_ text: String) -> Date {
    do { return try ParisTime.instant(ldt(text), policy: .shiftForward) } catch { fatalError("bad test instant \(text): \(error)") }
}

/// The instant of a UTC wall time `YYYY-MM-DDTHH:MM`.
func utc(_ text: String) -> Date {
    let l = ldt(text)
    return Date(timeIntervalSince1970: Double(l.date.daysSinceEpoch) * 86_400 + Double(l.time.minutesSinceMidnight) * 60)
}

func period(_ start: String, _ end: String) -> Period {
    do { return try Period(paris: ldt(start), ldt(end)) } catch { fatalError("bad test period: \(error)") }
}

func sid(_ raw: String) -> StructureID { try! StructureID(raw) }
func rid(_ raw: String) -> RoomID { try! RoomID(raw) }
func lid(_ raw: String) -> LoanID { try! LoanID(raw) }
func aid(_ raw: String) -> AvailabilityID { try! AvailabilityID(raw) }
func did(_ raw: String) -> DeskID { try! DeskID(raw) }
func appid(_ raw: String) -> ApplicationID { try! ApplicationID(raw) }
func pid(_ raw: String) -> PersonID { try! PersonID(raw) }
func prid(_ raw: String) -> PhareRequestID { try! PhareRequestID(raw) }

let coordinator = Actor.coordinator("coordination")
let radiance = sid("mutuelle-radiance")
let cridev = sid("cridev")
let oxalis = sid("oxalis")

/// Contexts at a given Paris time; the two borrowers used by the tests are registered.
func ctx(_ actor: Actor, at text: String = "2012-04-01T09:00", structures: [StructureID: StructureFacts]? = nil) -> CommandContext {
    CommandContext(actor: actor, now: paris(text),
                   structures: structures ?? [radiance: StructureFacts(), cridev: StructureFacts(), oxalis: StructureFacts()])
}

public import Domain
public import EventLog
import Foundation

/// All projections together: a value type folded in one pass over the log (each record read
/// once and decoded once).
public struct ProjectionState: Sendable {
    /// Position of the last record applied (0 before any).
    public internal(set) var position: UInt64 = 0
    /// Recorded-at of the last record applied (microseconds since 1970).
    public internal(set) var recordedAtMicroseconds: Int64 = 0
    /// Records applied.
    public internal(set) var applied: Int = 0
    /// Records skipped: unknown types or payloads that do not decode.
    public internal(set) var skipped: Int = 0
    /// Rooms, open periods, loans.
    public internal(set) var availability = AvailabilityProjection()
    /// The desk board.
    public internal(set) var pepiniere = PepiniereBoard()
    /// Le Phare.
    public internal(set) var phare = PhareProjection()
    /// Hours lent and borrowed.
    public internal(set) var reciprocity = ReciprocityProjection()
    /// Structures (names and kinds).
    public internal(set) var structures = StructureDirectory()
    /// Positions of the records involving each structure.
    public internal(set) var history = HistoryIndex()
    /// Rendered feeds, shared by copies of this state (keyed by position, so never stale).
    let cache = RenderCache()

    /// An empty state (position 0).
    public init() {}

    /// The Carte-ouverte feed (GeoJSON and CSV), a view over ``availability`` and ``structures``.
    public var carteOuverte: CarteOuverteProjection {
        CarteOuverteProjection(availability: availability, structures: structures, position: position, cache: cache)
    }

    /// The iCalendar feeds, a view over ``availability`` and ``structures``.
    public var calendar: CalendarProjection {
        CalendarProjection(availability: availability, structures: structures)
    }

    /// The activity report, a view over the other projections.
    public var report: ActivityReportProjection {
        ActivityReportProjection(availability: availability, pepiniere: pepiniere, phare: phare)
    }

    /// Minutes of a structure's pending and approved loans by Paris month of the start (quotas).
    public func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int] {
        availability.usedMinutesByMonth(of: structure)
    }

    /// Applies one record (decoded once). Records at or before ``position`` are ignored; unknown
    /// types and undecodable payloads are skipped and counted in ``skipped``.
    public mutating func apply(_ record: RecordedEvent) {
        guard record.position > position else { return }
        position = record.position
        recordedAtMicroseconds = record.recordedAtMicroseconds
        let event: AnyDomainEvent
        do {
            event = try AnyDomainEvent.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
        } catch {
            skipped += 1
            return
        }
        applied += 1
        let micros = record.recordedAtMicroseconds
        switch event {
        case .room(let e):
            let change = availability.apply(e, stream: record.streamID, micros: micros)
            if let owner = change.owner {
                history.note(owner, record.position)
                if let loan = change.approvedLoan, change.approvedSign != 0 {
                    reciprocity.count(loan, owner: owner, sign: change.approvedSign)
                }
            }
            if let borrower = change.borrower { history.note(borrower, record.position) }
        case .structure(let e):
            if let id = structures.apply(e, stream: record.streamID, micros: micros) { history.note(id, record.position) }
        case .pepiniere(let e):
            pepiniere.apply(e, record: record)
        case .phare(let e):
            if let id = phare.apply(e, recordedAt: record.recordedAt) { history.note(id, record.position) }
        }
    }
}

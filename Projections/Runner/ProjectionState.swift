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
    /// Event type names met so far, shared by the records that carry them.
    var typeNames = TypeNameTable()

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
        let event = try? AnyDomainEvent.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
        apply(position: record.position, stream: record.streamID, type: record.type, micros: record.recordedAtMicroseconds, event: event)
    }

    /// Applies one record read in place (``EventLog/scanInPlace(from:through:pageSize:_:)``),
    /// exactly as ``apply(_:)`` applies the same record copied out: the payload is decoded
    /// straight from the stored bytes, and the stream id and type become strings without a copy
    /// of the record (short ids are stored inline; type names are shared).
    public mutating func apply(_ view: RecordView) {
        guard view.position > position else { return }
        let decoded = DecodedRecord(view, typeNames: &typeNames)
        apply(decoded)
    }

    /// Applies a record decoded by ``DecodingPipeline`` on its reading thread.
    mutating func apply(_ decoded: DecodedRecord) {
        guard decoded.position > position else { return }
        apply(position: decoded.position, stream: decoded.stream, type: decoded.type, micros: decoded.micros, event: decoded.event)
    }

    /// Folds one decoded event (nil: unknown type or undecodable payload, counted as skipped).
    private mutating func apply(position recordPosition: UInt64, stream: String, type: String, micros: Int64, event: AnyDomainEvent?) {
        position = recordPosition
        recordedAtMicroseconds = micros
        guard let event else {
            skipped += 1
            return
        }
        applied += 1
        switch event {
        case .room(let e):
            let change = availability.apply(e, stream: stream, micros: micros)
            if change.owner >= 0 {
                history.note(change.owner, recordPosition, structures: availability.structureSlots)
                if change.approvedSign != 0 {
                    reciprocity.count(minutes: change.approvedMinutes, month: change.approvedMonth, owner: change.owner,
                                      borrower: change.borrower, sign: change.approvedSign, structures: availability.structureSlots)
                }
            }
            if change.borrower >= 0 { history.note(change.borrower, recordPosition, structures: availability.structureSlots) }
        case .structure(let e):
            if let id = structures.apply(e, stream: stream, micros: micros) { note(id, recordPosition) }
        case .pepiniere(let e):
            pepiniere.apply(e, stream: stream, position: recordPosition, type: type, micros: micros)
        case .phare(let e):
            if let id = phare.apply(e, recordedAt: Instant.date(micros: micros)) { note(id, recordPosition) }
        }
    }

    /// Notes a record involving `structure` in the history index.
    private mutating func note(_ structure: StructureID, _ position: UInt64) {
        history.note(availability.slot(of: structure), position, structures: availability.structureSlots)
    }
}

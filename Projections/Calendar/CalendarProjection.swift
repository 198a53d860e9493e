public import Domain
public import Foundation

/// iCalendar (RFC 5545) feeds per room: the approved loans as events, and a free/busy file.
/// Every byte comes from the log (DTSTAMP = recorded-at of the loan's last event), so a rebuild
/// gives the same bytes.
public struct CalendarProjection: Sendable {
    /// PRODID of every calendar.
    public static let prodID = "-//Mutualisation//Pole ESS Pays de Rennes//FR"

    let availability: AvailabilityProjection
    let structures: StructureDirectory

    /// The UID of a loan's event: stable across rebuilds.
    public static func uid(loan: LoanID, room: RoomID) -> String { "\(loan.rawValue).\(room.rawValue)@mutualisation" }

    /// The public calendar of a room (`text/calendar`): one VEVENT per approved loan, cancelled
    /// approved loans as STATUS:CANCELLED; nil for an unknown room.
    ///
    /// Times are UTC (`DTSTART:20271031T013000Z`), so that every reader places a loan at the same
    /// instants, the change-of-time nights included, without a VTIMEZONE to interpret. The calendar
    /// is public: it says what the public room page says, that the room is taken (« Réservé »),
    /// never who borrows it, for what, nor why a loan was cancelled (docs/projections.md,
    /// "What is public").
    public func ics(room id: RoomID) -> [UInt8]? {
        guard let room = availability.room(id) else { return nil }
        var w = ICSWriter()
        header(&w, name: "Salle \(room.details.name) – \(structures.name(of: room.owner))")
        w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
        w.line("X-PUBLISHED-TTL", "PT1H")
        let loans = room.allLoans.filter(\.wasApproved).sorted { ($0.period.start, $0.id) < ($1.period.start, $1.id) }
        let location = "\(room.details.name), \(room.details.address.street), \(room.details.address.postcode) \(room.details.address.city)"
        for loan in loans {
            w.line("BEGIN", "VEVENT")
            w.line("UID", Self.uid(loan: loan.id, room: room.id))
            w.line("DTSTAMP", Instant.icsUTC(Instant.date(micros: loan.lastChangeMicroseconds)))
            w.line("SEQUENCE", String(loan.sequence))
            w.line("DTSTART", Instant.icsUTC(loan.period.start))
            w.line("DTEND", Instant.icsUTC(loan.period.end))
            w.text("SUMMARY", loan.status == .cancelled ? Self.cancelledSummary : Self.publicSummary)
            w.text("LOCATION", location)
            w.line("GEO", "\(decimalText(room.details.position.latitude));\(decimalText(room.details.position.longitude))")
            w.line("STATUS", loan.status == .cancelled ? "CANCELLED" : "CONFIRMED")
            w.line("CLASS", "PUBLIC")
            w.line("TRANSP", "OPAQUE")
            w.line("END", "VEVENT")
        }
        w.line("END", "VCALENDAR")
        return w.bytes
    }

    /// The SUMMARY of a loan in the public calendar: the room is taken, nothing about whom by.
    public static let publicSummary = "Réservé"
    /// The SUMMARY of an approved loan cancelled since.
    public static let cancelledSummary = "Réservation annulée"

    /// A VFREEBUSY file of `room` over `[from, to)`: approved loans as `FBTYPE=BUSY`, pending ones
    /// as `FBTYPE=BUSY-TENTATIVE`, UTC periods sorted; nil for an unknown room.
    public func freeBusy(room id: RoomID, from: Date, to: Date) -> [UInt8]? {
        guard let room = availability.room(id), let fb = availability.freeBusy(room: id, from: from, to: to) else { return nil }
        var w = ICSWriter()
        w.line("BEGIN", "VCALENDAR")
        w.line("PRODID", Self.prodID)
        w.line("VERSION", "2.0")
        w.line("CALSCALE", "GREGORIAN")
        w.line("METHOD", "PUBLISH")
        w.line("BEGIN", "VFREEBUSY")
        w.line("UID", "freebusy.\(room.id.rawValue)@mutualisation")
        w.line("DTSTAMP", Instant.icsUTC(Instant.date(micros: room.lastChangeMicroseconds)))
        w.line("DTSTART", Instant.icsUTC(from))
        w.line("DTEND", Instant.icsUTC(to))
        for b in fb.busy where b.status == .approved {
            w.line("FREEBUSY;FBTYPE=BUSY", "\(Instant.icsUTC(b.period.start))/\(Instant.icsUTC(b.period.end))")
        }
        for b in fb.busy where b.status == .pending {
            w.line("FREEBUSY;FBTYPE=BUSY-TENTATIVE", "\(Instant.icsUTC(b.period.start))/\(Instant.icsUTC(b.period.end))")
        }
        w.line("END", "VFREEBUSY")
        w.line("END", "VCALENDAR")
        return w.bytes
    }

    private func header(_ w: inout ICSWriter, name: String) {
        w.line("BEGIN", "VCALENDAR")
        w.line("PRODID", Self.prodID)
        w.line("VERSION", "2.0")
        w.line("CALSCALE", "GREGORIAN")
        w.line("METHOD", "PUBLISH")
        w.text("X-WR-CALNAME", name)
        w.line("X-WR-TIMEZONE", "Europe/Paris")
    }
}

public import Domain
import Foundation

/// Where a loan stands, as the projections see it.
public enum LoanStatus: String, Sendable, Hashable {
    /// Requested, awaiting the owner's decision (tentative).
    case pending
    /// Approved: the room is taken.
    case approved
    /// Declined (by the owner, or superseded by an approved loan).
    case declined
    /// Cancelled (by either side or by the room's withdrawal).
    case cancelled
}

/// One loan of a room.
public struct LoanRecord: Sendable, Hashable {
    /// The loan.
    public let id: LoanID
    /// The room.
    public let room: RoomID
    /// The borrowing structure.
    public let borrower: StructureID
    /// The UTC period.
    public let period: Period
    /// People.
    public let people: Int
    /// Purpose.
    public let purpose: String
    /// The series it belongs to, if any.
    public let seriesID: LoanSeriesID?
    /// Current status.
    public internal(set) var status: LoanStatus
    /// Reason of a decline or cancellation.
    public internal(set) var reason: String?
    /// Whether it was approved at some point (a cancelled approved loan stays in calendars as cancelled).
    public internal(set) var wasApproved: Bool
    /// Number of changes after the request (approval, decline, cancellation): the iCalendar SEQUENCE.
    public internal(set) var sequence: Int
    /// Recorded-at of the request (microseconds since 1970).
    public let requestedAtMicroseconds: Int64
    /// Recorded-at of its last event (microseconds since 1970): the iCalendar DTSTAMP.
    public internal(set) var lastChangeMicroseconds: Int64
    /// Paris month of the start (quota month).
    public let startMonth: YearMonth
    /// Slot of the borrower in the fold's structure table.
    let borrowerSlot: Int32
}

/// A half-open interval in whole seconds since 1970, used by the indexes.
struct Span: Sendable, Hashable {
    var start: Double
    var end: Double
    var period: Period? { try? Period(start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end)) }
}

/// An approved loan in a room's busy index.
struct BusySlot: Sendable, Hashable {
    var start: Double
    var end: Double
    /// Index of the loan in ``RoomRecord/allLoans``.
    var slot: Int32
}

/// A room as the projections see it.
public struct RoomRecord: Sendable {
    /// Its id.
    public let id: RoomID
    /// The owning structure.
    public internal(set) var owner: StructureID
    /// Slot of the owner in the fold's structure table.
    var ownerSlot: Int32
    /// Current details.
    public internal(set) var details: RoomDetails
    /// Current booking rules.
    public internal(set) var rules: RoomRules?
    /// Whether it was withdrawn.
    public internal(set) var isWithdrawn: Bool = false
    /// When it was offered (microseconds since 1970, from the log).
    public let offeredAtMicroseconds: Int64
    /// When it was withdrawn.
    public internal(set) var withdrawnAtMicroseconds: Int64?
    /// Recorded-at of its last event (microseconds since 1970).
    public internal(set) var lastChangeMicroseconds: Int64
    /// Open availabilities by id, as entered with their UTC periods.
    public internal(set) var availabilities: [AvailabilityID: AvailabilityOpened] = [:]
    /// Loans in the order they were first requested (a repeated request of the same id replaces
    /// the loan in place).
    public internal(set) var allLoans: [LoanRecord] = []
    /// Index of each loan in ``allLoans``.
    var loanSlots = SlotTable()
    /// Open periods joined and sorted.
    var open: [Span] = []
    /// Approved loans sorted by start (they never overlap).
    var busy: [BusySlot] = []
    /// Position in radians and the cosine of the latitude, for distances.
    var latitudeRadians: Double = 0
    var longitudeRadians: Double = 0
    var cosLatitude: Double = 1

    init(id: RoomID, owner: StructureID, ownerSlot: Int32, details: RoomDetails, micros: Int64) {
        self.id = id
        self.owner = owner
        self.ownerSlot = ownerSlot
        self.details = details
        self.offeredAtMicroseconds = micros
        self.lastChangeMicroseconds = micros
        setPosition()
    }

    mutating func setPosition() {
        latitudeRadians = details.position.latitude * .pi / 180
        longitudeRadians = details.position.longitude * .pi / 180
        cosLatitude = cos(latitudeRadians)
    }

    /// Open periods, joined (adjacent or overlapping availabilities merged) and sorted.
    public var openPeriods: [Period] { open.compactMap(\.period) }

    /// Loans by id. Builds a dictionary at each call: prefer ``loan(_:)`` and ``allLoans``.
    public var loans: [LoanID: LoanRecord] {
        var out: [LoanID: LoanRecord] = [:]
        out.reserveCapacity(allLoans.count)
        for loan in allLoans { out[loan.id] = loan }
        return out
    }

    /// A loan by id.
    public func loan(_ id: LoanID) -> LoanRecord? { loan(slotOf: id).map { allLoans[Int($0)] } }

    /// The index of a loan in ``allLoans``.
    func loan(slotOf id: LoanID) -> Int32? { Self.slot(of: id, loans: allLoans, slots: loanSlots) }

    /// The index of loan `id` in `loans`, indexed by `slots` (static, so that the fold can look up
    /// a room's loan in place without copying the room record to call a method on it).
    @inline(__always)
    static func slot(of id: LoanID, loans: [LoanRecord], slots: SlotTable) -> Int32? {
        loans.withUnsafeBufferPointer { loans in
            slots.slot(of: id.rawValue) { loans[Int($0)].id == id }
        }
    }

    /// Approved loans sorted by start.
    public var approvedLoans: [LoanRecord] { busy.map { allLoans[Int($0.slot)] } }

    /// Whether `[from, to)` lies inside one open period.
    func isOpen(_ from: Double, _ to: Double) -> Bool {
        // Last open span starting at or before `from`.
        var lo = 0, hi = open.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if open[mid].start <= from { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return false }
        return open[lo - 1].end >= to
    }

    /// Whether an approved loan overlaps `[from, to)`.
    func isBusy(_ from: Double, _ to: Double) -> Bool {
        // First slot starting at or after `to`; only the one before it can overlap (no overlaps among approved).
        var lo = 0, hi = busy.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if busy[mid].start < to { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return false }
        return busy[lo - 1].end > from
    }

    mutating func rebuildOpen() {
        var spans: [Span] = []
        for a in availabilities.values {
            for p in a.periods { spans.append(Span(start: p.start.timeIntervalSince1970, end: p.end.timeIntervalSince1970)) }
        }
        open = Self.joined(spans)
    }

    mutating func addOpen(_ periods: [Period]) {
        var spans = open
        for p in periods { spans.append(Span(start: p.start.timeIntervalSince1970, end: p.end.timeIntervalSince1970)) }
        open = Self.joined(spans)
    }

    static func joined(_ spans: [Span]) -> [Span] {
        var sorted = spans
        sorted.sort { $0.start < $1.start }
        var out: [Span] = []
        out.reserveCapacity(sorted.count)
        for s in sorted {
            if let last = out.last, s.start <= last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// Inserts the approved loan at `slot` in the busy index, after the slots starting before or
    /// at the same time (loans are approved in log order, so this is almost always an append).
    mutating func insertBusy(slot: Int32) {
        let period = allLoans[Int(slot)].period
        let entry = BusySlot(start: period.start.timeIntervalSince1970, end: period.end.timeIntervalSince1970, slot: slot)
        if let last = busy.last, last.start < entry.start {
            busy.append(entry)
            return
        }
        busy.insert(entry, at: firstBusy(startingAtOrAfter: entry.start))
    }

    /// Removes the loan at `slot` from the busy index (found by its start, then by slot).
    mutating func removeBusy(slot: Int32) {
        let start = allLoans[Int(slot)].period.start.timeIntervalSince1970
        var i = firstBusy(startingAtOrAfter: start)
        while i < busy.count && busy[i].start == start {
            if busy[i].slot == slot {
                busy.remove(at: i)
                return
            }
            i += 1
        }
        if let j = busy.firstIndex(where: { $0.slot == slot }) { busy.remove(at: j) }
    }

    /// Index of the first busy slot starting at or after `start`.
    private func firstBusy(startingAtOrAfter start: Double) -> Int {
        var lo = 0, hi = busy.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if busy[mid].start < start { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

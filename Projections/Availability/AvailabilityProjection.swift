public import Domain
public import Foundation

/// Whether a busy interval is taken or tentative.
public enum BusyStatus: String, Sendable, Hashable {
    /// An approved loan.
    case approved
    /// A pending request (tentative).
    case pending
}

/// A busy interval of a room.
public struct BusyInterval: Sendable, Hashable {
    /// The UTC period (clipped to the query).
    public let period: Period
    /// Approved or pending.
    public let status: BusyStatus
    /// The loan.
    public let loan: LoanID
}

/// Free and busy intervals of a room over a period.
public struct RoomFreeBusy: Sendable, Hashable {
    /// Open availability minus approved loans, clipped to the query, sorted.
    public let free: [Period]
    /// Approved and pending loans overlapping the query, sorted by start.
    public let busy: [BusyInterval]
}

/// A room free for a whole slot.
public struct FreeRoom: Sendable, Hashable {
    /// The room.
    public let room: RoomID
    /// Great-circle distance from the query point, when one was given.
    public let distanceKm: Double?
}

/// What a room event changed, for the other projections of the same pass.
struct RoomChange {
    var owner: StructureID?
    var borrower: StructureID?
    /// An approved loan that starts (+1) or stops (-1) counting.
    var approvedLoan: LoanRecord?
    var approvedSign = 0
}

/// Rooms, their open periods, their loans (approved and pending), owners, details and capacity.
public struct AvailabilityProjection: Sendable {
    /// Rooms in the order they were offered.
    public internal(set) var rooms: [RoomRecord] = []
    /// Index of each room in ``rooms``.
    public internal(set) var indexByRoom: [RoomID: Int] = [:]
    var indexByStream: [String: Int] = [:]
    /// Minutes of pending and approved loans by borrower and Paris month of the start.
    var usage: [StructureID: [YearMonth: Int]] = [:]

    /// No rooms.
    public init() {}

    /// A room by id.
    public func room(_ id: RoomID) -> RoomRecord? { indexByRoom[id].map { rooms[$0] } }

    /// Rooms on offer (not withdrawn), in offer order.
    public var offeredRooms: [RoomRecord] { rooms.filter { !$0.isWithdrawn } }

    /// Minutes of the structure's pending and approved loans (as borrower) by Paris month of the
    /// loan's start: ``Domain/StructureFacts/usedMinutesByMonth``.
    public func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int] { usage[structure] ?? [:] }

    /// Free and busy intervals of `room` within `[from, to)`; nil for an unknown room.
    public func freeBusy(room id: RoomID, from: Date, to: Date) -> RoomFreeBusy? {
        guard let room = room(id), to > from else { return nil }
        let f = from.timeIntervalSince1970, t = to.timeIntervalSince1970
        var free: [Span] = []
        var b = 0
        for o in room.open where o.end > f && o.start < t {
            var cursor = max(o.start, f)
            let stop = min(o.end, t)
            while b < room.busy.count && room.busy[b].end <= cursor { b += 1 }
            var k = b
            while cursor < stop {
                if k < room.busy.count && room.busy[k].start < stop {
                    if room.busy[k].start > cursor { free.append(Span(start: cursor, end: room.busy[k].start)) }
                    cursor = max(cursor, room.busy[k].end)
                    k += 1
                } else {
                    free.append(Span(start: cursor, end: stop))
                    cursor = stop
                }
            }
        }
        var busy: [BusyInterval] = []
        for loan in room.loans.values where loan.status == .approved || loan.status == .pending {
            let s = max(loan.period.start, from), e = min(loan.period.end, to)
            guard s < e, let p = try? Period(start: s, end: e) else { continue }
            busy.append(BusyInterval(period: p, status: loan.status == .approved ? .approved : .pending, loan: loan.id))
        }
        busy.sort { ($0.period.start, $0.loan) < ($1.period.start, $1.loan) }
        return RoomFreeBusy(free: free.compactMap(\.period), busy: busy)
    }

    /// The first `count` free intervals of a room from `now` (open minus approved).
    public func nextFreeSlots(room id: RoomID, after now: Date, count: Int = 3) -> [Period] {
        guard let room = room(id) else { return [] }
        let n = now.timeIntervalSince1970
        var out: [Period] = []
        var b = 0
        for o in room.open where o.end > n {
            var cursor = max(o.start, n)
            while b < room.busy.count && room.busy[b].end <= cursor { b += 1 }
            var k = b
            while cursor < o.end {
                if k < room.busy.count && room.busy[k].start < o.end {
                    if room.busy[k].start > cursor, let p = Span(start: cursor, end: room.busy[k].start).period { out.append(p) }
                    cursor = max(cursor, room.busy[k].end)
                    k += 1
                } else {
                    if let p = Span(start: cursor, end: o.end).period { out.append(p) }
                    cursor = o.end
                }
                if out.count >= count { return out }
            }
        }
        return out
    }

    /// Rooms on offer free for the whole slot `[from, to)` (inside an open period, no approved
    /// loan overlapping) for at least `people`, optionally within `radiusKm` of `near`; sorted by
    /// distance (great-circle, haversine) when a point is given, else by room id.
    public func freeRooms(from: Date, to: Date, people: Int = 1,
                          near: (latitude: Double, longitude: Double)? = nil, radiusKm: Double? = nil) -> [FreeRoom] {
        guard to > from else { return [] }
        let f = from.timeIntervalSince1970, t = to.timeIntervalSince1970
        var out: [FreeRoom] = []
        let lat0 = (near?.latitude ?? 0) * .pi / 180, lon0 = (near?.longitude ?? 0) * .pi / 180
        let cos0 = cos(lat0)
        for room in rooms where !room.isWithdrawn && room.details.capacity >= people {
            var distance: Double?
            if near != nil {
                let dLat = room.latitudeRadians - lat0, dLon = room.longitudeRadians - lon0
                let sLat = sin(dLat / 2), sLon = sin(dLon / 2)
                let a = sLat * sLat + cos0 * room.cosLatitude * sLon * sLon
                let d = 2 * 6371.0088 * asin(min(1, a.squareRoot()))
                if let radiusKm, d > radiusKm { continue }
                distance = d
            }
            guard room.isOpen(f, t), !room.isBusy(f, t) else { continue }
            out.append(FreeRoom(room: room.id, distanceKm: distance))
        }
        if near != nil {
            out.sort { ($0.distanceKm ?? 0, $0.room) < ($1.distanceKm ?? 0, $1.room) }
        } else {
            out.sort { $0.room < $1.room }
        }
        return out
    }

    // MARK: - Fold

    mutating func apply(_ event: RoomEvent, stream: String, micros: Int64) -> RoomChange {
        var change = RoomChange()
        if case .offered(let e) = event {
            guard indexByRoom[e.id] == nil else { return change }
            indexByRoom[e.id] = rooms.count
            indexByStream[stream] = rooms.count
            rooms.append(RoomRecord(id: e.id, owner: e.owner, details: e.details, micros: micros))
            change.owner = e.owner
            return change
        }
        guard let i = indexByStream[stream] else { return change }
        change.owner = rooms[i].owner
        rooms[i].lastChangeMicroseconds = micros
        switch event {
        case .offered:
            break
        case .detailsChanged(let e):
            rooms[i].details = e.details
            rooms[i].setPosition()
        case .rulesSet(let e):
            rooms[i].rules = e.rules
        case .withdrawn:
            rooms[i].isWithdrawn = true
            rooms[i].withdrawnAtMicroseconds = micros
        case .availabilityOpened(let e):
            rooms[i].availabilities[e.id] = e
            rooms[i].addOpen(e.periods)
        case .availabilityClosed(let e):
            if rooms[i].availabilities.removeValue(forKey: e.id) != nil { rooms[i].rebuildOpen() }
        case .loanRequested(let e):
            addLoan(i, id: e.loanID, borrower: e.borrower, period: e.period, people: e.people, purpose: e.purpose, series: nil, micros: micros)
            change.borrower = e.borrower
        case .loanSeriesRequested(let e):
            for o in e.requested {
                addLoan(i, id: o.loanID, borrower: e.borrower, period: o.period, people: e.people, purpose: e.purpose, series: e.seriesID, micros: micros)
            }
            change.borrower = e.borrower
        case .loanApproved(let e):
            guard var loan = rooms[i].loans[e.loanID], loan.status == .pending else { break }
            loan.status = .approved
            loan.wasApproved = true
            loan.sequence += 1
            loan.lastChangeMicroseconds = micros
            rooms[i].loans[e.loanID] = loan
            rooms[i].insertBusy(loan)
            change.borrower = loan.borrower
            change.approvedLoan = loan
            change.approvedSign = 1
        case .loanDeclined(let e):
            guard let loan = end(i, e.loanID, as: .declined, reason: e.reason, micros: micros) else { break }
            change.borrower = loan.borrower
        case .loanCancelled(let e):
            let wasApproved = rooms[i].loans[e.loanID]?.status == .approved
            guard let loan = end(i, e.loanID, as: .cancelled, reason: e.reason, micros: micros) else { break }
            change.borrower = loan.borrower
            if wasApproved {
                rooms[i].removeBusy(loan.id)
                change.approvedLoan = loan
                change.approvedSign = -1
            }
        }
        return change
    }

    private mutating func addLoan(_ i: Int, id: LoanID, borrower: StructureID, period: Period, people: Int, purpose: String,
                                  series: LoanSeriesID?, micros: Int64) {
        let month = ParisTime.date(period.start).yearMonth
        rooms[i].loans[id] = LoanRecord(id: id, room: rooms[i].id, borrower: borrower, period: period, people: people, purpose: purpose,
                                        seriesID: series, status: .pending, reason: nil, wasApproved: false, sequence: 0,
                                        requestedAtMicroseconds: micros, lastChangeMicroseconds: micros, startMonth: month)
        usage[borrower, default: [:]][month, default: 0] += period.minutes
    }

    private mutating func end(_ i: Int, _ id: LoanID, as status: LoanStatus, reason: String, micros: Int64) -> LoanRecord? {
        guard var loan = rooms[i].loans[id], loan.status == .pending || loan.status == .approved else { return nil }
        loan.status = status
        loan.reason = reason
        loan.sequence += 1
        loan.lastChangeMicroseconds = micros
        rooms[i].loans[id] = loan
        usage[loan.borrower, default: [:]][loan.startMonth, default: 0] -= loan.period.minutes
        return loan
    }
}

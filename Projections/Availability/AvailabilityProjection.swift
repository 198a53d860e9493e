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

/// What a room event changed, for the other projections of the same pass (structures as slots
/// of ``AvailabilityProjection/structureSlots``; -1 for none).
struct RoomChange {
    var owner: Int32 = -1
    var borrower: Int32 = -1
    /// Minutes and Paris month of an approved loan that starts (+1) or stops (-1) counting.
    var approvedMinutes = 0
    var approvedMonth = YearMonth(year: 0, month: 1)
    var approvedSign = 0
}

/// Rooms, their open periods, their loans (approved and pending), owners, details and capacity.
public struct AvailabilityProjection: Sendable {
    /// Rooms in the order they were offered.
    public internal(set) var rooms: [RoomRecord] = []
    /// Index of each room in ``rooms``.
    public internal(set) var indexByRoom: [RoomID: Int] = [:]
    /// Index of each room in ``rooms`` by its stream id (``roomStreams``).
    var indexByStream = SlotTable()
    /// The stream id of each room of ``rooms``.
    var roomStreams: [String] = []
    /// Every structure met by the fold (owners, borrowers, registered structures), by slot: the
    /// per-structure tables of the projections are arrays indexed by slot.
    var structureSlots = Interner<StructureID>()
    /// Minutes of pending and approved loans by borrower slot and Paris month of the start.
    var usageBySlot: [MonthTable<Int>] = []

    /// No rooms.
    public init() {}

    /// A room by id.
    public func room(_ id: RoomID) -> RoomRecord? { indexByRoom[id].map { rooms[$0] } }

    /// Rooms on offer (not withdrawn), in offer order.
    public var offeredRooms: [RoomRecord] { rooms.filter { !$0.isWithdrawn } }

    /// Minutes of the structure's pending and approved loans (as borrower) by Paris month of the
    /// loan's start: ``Domain/StructureFacts/usedMinutesByMonth``.
    public func usedMinutesByMonth(of structure: StructureID) -> [YearMonth: Int] {
        guard let slot = structureSlots.existingSlot(structure), Int(slot) < usageBySlot.count else { return [:] }
        return usageBySlot[Int(slot)].dictionary
    }

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
        for loan in room.allLoans where loan.status == .approved || loan.status == .pending {
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
        // By index: `for room in rooms` would copy each record (a retain per field).
        for i in rooms.indices where !rooms[i].isWithdrawn && rooms[i].details.capacity >= people {
            var distance: Double?
            if near != nil {
                let dLat = rooms[i].latitudeRadians - lat0, dLon = rooms[i].longitudeRadians - lon0
                let sLat = sin(dLat / 2), sLon = sin(dLon / 2)
                let a = sLat * sLat + cos0 * rooms[i].cosLatitude * sLon * sLon
                let d = 2 * 6371.0088 * asin(min(1, a.squareRoot()))
                if let radiusKm, d > radiusKm { continue }
                distance = d
            }
            guard rooms[i].isOpen(f, t), !rooms[i].isBusy(f, t) else { continue }
            out.append(FreeRoom(room: rooms[i].id, distanceKm: distance))
        }
        if near != nil {
            out.sort { ($0.distanceKm ?? 0, $0.room) < ($1.distanceKm ?? 0, $1.room) }
        } else {
            out.sort { $0.room < $1.room }
        }
        return out
    }

    // MARK: - Fold

    /// The slot of a structure, given now when the fold meets it for the first time.
    mutating func slot(of structure: StructureID) -> Int32 { structureSlots.slot(for: structure) }

    mutating func apply(_ event: RoomEvent, stream: String, micros: Int64) -> RoomChange {
        var change = RoomChange()
        if case .offered(let e) = event {
            guard indexByRoom[e.id] == nil else { return change }
            let owner = slot(of: e.owner)
            indexByRoom[e.id] = rooms.count
            indexByStream.insert(stream, slot: Int32(rooms.count))
            roomStreams.append(stream)
            rooms.append(RoomRecord(id: e.id, owner: e.owner, ownerSlot: owner, details: e.details, micros: micros))
            change.owner = owner
            return change
        }
        guard let roomIndex = roomStreams.withUnsafeBufferPointer({ streams in
            indexByStream.slot(of: stream) { streams[Int($0)] == stream }
        }) else { return change }
        let i = Int(roomIndex)
        change.owner = rooms[i].ownerSlot
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
            let borrower = slot(of: e.borrower)
            addLoan(i, id: e.loanID, borrower: e.borrower, slot: borrower, period: e.period, people: e.people, purpose: e.purpose, series: nil, micros: micros)
            change.borrower = borrower
        case .loanSeriesRequested(let e):
            let borrower = slot(of: e.borrower)
            for o in e.requested {
                addLoan(i, id: o.loanID, borrower: e.borrower, slot: borrower, period: o.period, people: e.people, purpose: e.purpose, series: e.seriesID, micros: micros)
            }
            change.borrower = borrower
        case .loanApproved(let e):
            guard let slot = loanSlot(i, e.loanID) else { break }
            let l = Int(slot)
            guard rooms[i].allLoans[l].status == .pending else { break }
            rooms[i].allLoans[l].status = .approved
            rooms[i].allLoans[l].wasApproved = true
            rooms[i].allLoans[l].sequence += 1
            rooms[i].allLoans[l].lastChangeMicroseconds = micros
            rooms[i].insertBusy(slot: slot)
            change.borrower = rooms[i].allLoans[l].borrowerSlot
            change.approvedMinutes = rooms[i].allLoans[l].period.minutes
            change.approvedMonth = rooms[i].allLoans[l].startMonth
            change.approvedSign = 1
        case .loanDeclined(let e):
            guard let slot = loanSlot(i, e.loanID), end(i, slot, as: .declined, reason: e.reason, micros: micros) else { break }
            change.borrower = rooms[i].allLoans[Int(slot)].borrowerSlot
        case .loanCancelled(let e):
            guard let slot = loanSlot(i, e.loanID) else { break }
            let wasApproved = rooms[i].allLoans[Int(slot)].status == .approved
            guard end(i, slot, as: .cancelled, reason: e.reason, micros: micros) else { break }
            let l = Int(slot)
            change.borrower = rooms[i].allLoans[l].borrowerSlot
            if wasApproved {
                rooms[i].removeBusy(slot: slot)
                change.approvedMinutes = rooms[i].allLoans[l].period.minutes
                change.approvedMonth = rooms[i].allLoans[l].startMonth
                change.approvedSign = -1
            }
        }
        return change
    }

    private mutating func addLoan(_ i: Int, id: LoanID, borrower: StructureID, slot: Int32, period: Period, people: Int, purpose: String,
                                  series: LoanSeriesID?, micros: Int64) {
        let month = ParisTime.date(period.start).yearMonth
        let loan = LoanRecord(id: id, room: rooms[i].id, borrower: borrower, period: period, people: people, purpose: purpose,
                              seriesID: series, status: .pending, reason: nil, wasApproved: false, sequence: 0,
                              requestedAtMicroseconds: micros, lastChangeMicroseconds: micros, startMonth: month, borrowerSlot: slot)
        if let existing = loanSlot(i, id) {
            rooms[i].allLoans[Int(existing)] = loan
        } else {
            rooms[i].loanSlots.insert(id.rawValue, slot: Int32(rooms[i].allLoans.count))
            rooms[i].allLoans.append(loan)
        }
        addUsage(slot, month, period.minutes)
    }

    /// The slot of a loan of the room at `i`, read in place (`rooms[i].loan(slotOf:)` would copy
    /// the whole room record first).
    @inline(__always)
    private func loanSlot(_ i: Int, _ id: LoanID) -> Int32? {
        rooms.withUnsafeBufferPointer { RoomRecord.slot(of: id, loans: $0[i].allLoans, slots: $0[i].loanSlots) }
    }

    /// Ends the pending or approved loan at `slot`; false when there was nothing to end.
    private mutating func end(_ i: Int, _ slot: Int32, as status: LoanStatus, reason: String, micros: Int64) -> Bool {
        let l = Int(slot)
        guard rooms[i].allLoans[l].status == .pending || rooms[i].allLoans[l].status == .approved else { return false }
        rooms[i].allLoans[l].status = status
        rooms[i].allLoans[l].reason = reason
        rooms[i].allLoans[l].sequence += 1
        rooms[i].allLoans[l].lastChangeMicroseconds = micros
        addUsage(rooms[i].allLoans[l].borrowerSlot, rooms[i].allLoans[l].startMonth, -rooms[i].allLoans[l].period.minutes)
        return true
    }

    private mutating func addUsage(_ slot: Int32, _ month: YearMonth, _ minutes: Int) {
        let s = Int(slot)
        if s >= usageBySlot.count { usageBySlot.append(contentsOf: repeatElement(MonthTable(), count: s + 1 - usageBySlot.count)) }
        usageBySlot[s].update(month, initial: 0) { $0 += minutes }
    }
}

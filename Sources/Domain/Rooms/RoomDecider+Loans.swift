import Foundation

extension RoomDecider {
    /// Checks that stand for the whole request, before any date: actor, room, borrower, people, purpose.
    static func checkRequester(borrower: StructureID, people: Int, purpose: String, state: RoomState,
                               context: CommandContext) throws(DomainError) -> String {
        guard context.actor.isCoordinatorOrStructure(borrower) else {
            throw DomainError(.notBorrower, field: "borrower", "Une structure ne peut demander un prêt qu’en son nom propre.")
        }
        let owner = try requireExists(state)
        try requireNotWithdrawn(state)
        try context.requireRegistered(borrower, field: "borrower")
        guard borrower != owner else {
            throw DomainError(.loanOwnRoom, field: "borrower", "Une structure ne peut pas emprunter sa propre salle.")
        }
        guard people >= 1 else {
            throw DomainError(.invalidPeople, field: "people", "Le nombre de personnes doit être au moins 1.")
        }
        let capacity = state.details?.capacity ?? 0
        guard people <= capacity else {
            throw DomainError(.loanTooManyPeople, field: "people", "La salle accueille \(capacity) personnes au plus ; demandé : \(people).")
        }
        return try Validate.text(purpose, field: "purpose", label: "objet", max: 1000)
    }

    /// Checks one period against time, rules, availability and approved loans.
    static func checkSlot(_ period: Period, state: RoomState, context: CommandContext, ignoring: LoanID? = nil) throws(DomainError) {
        let rules = state.rules
        guard period.start >= context.now else {
            throw DomainError(.loanInPast, field: "start", "Ce créneau commence dans le passé (\(ParisTime.french(period.start))).")
        }
        if let notice = rules.minNoticeMinutes, period.start < context.now.addingTimeInterval(Double(notice) * 60) {
            throw DomainError(.loanMinNotice, field: "start", "Cette salle demande un préavis de \(durationFrench(notice)) : le prêt doit commencer après le \(ParisTime.french(context.now.addingTimeInterval(Double(notice) * 60))).")
        }
        if let days = rules.maxAdvanceDays {
            let latest = ParisTime.date(context.now).adding(days: days)
            guard ParisTime.date(period.start) <= latest else {
                throw DomainError(.loanMaxAdvance, field: "start", "Cette salle se réserve au plus \(days) jours à l’avance : jusqu’au \(latest.french).")
            }
        }
        let minutes = period.minutes
        if let lo = rules.minLengthMinutes, minutes < lo {
            throw DomainError(.loanTooShort, field: "end", "Un prêt de cette salle dure au moins \(durationFrench(lo)) ; demandé : \(durationFrench(minutes)).")
        }
        if let hi = rules.maxLengthMinutes, minutes > hi {
            throw DomainError(.loanTooLong, field: "end", "Un prêt de cette salle dure au plus \(durationFrench(hi)) ; demandé : \(durationFrench(minutes)).")
        }
        guard state.isOpen(for: period) else {
            throw DomainError(.loanOutsideAvailability, field: "start", "La salle n’est pas ouverte au prêt sur tout le créneau \(ParisTime.french(period)).")
        }
        if let loan = state.firstApprovedLoan(where: { $0.id != ignoring && $0.period.overlaps(period) }) {
            throw DomainError(.loanOverlapsApproved, field: "start", "Ce créneau chevauche le prêt approuvé \(loan.id) \(ParisTime.french(loan.period)).")
        }
        if let buffer = rules.bufferMinutes, buffer > 0,
           let loan = state.firstApprovedLoan(where: { $0.id != ignoring && $0.period.widened(by: Double(buffer) * 60).overlaps(period) }) {
            throw DomainError(.loanBufferViolated, field: "start", "Cette salle demande \(durationFrench(buffer)) entre deux prêts ; le prêt approuvé \(loan.id) \(ParisTime.french(loan.period)) est trop proche.")
        }
    }

    /// Checks the borrower's monthly quota, adding `extra` minutes already taken by this request.
    static func checkQuota(_ period: Period, borrower: StructureID, context: CommandContext,
                           extra: [YearMonth: Int]) throws(DomainError) {
        guard let facts = context.structures[borrower], let hours = facts.monthlyQuotaHours else { return }
        let month = ParisTime.date(period.start).yearMonth
        // Clamped: the facts come from another layer and must not be able to overflow.
        let cap = 1 << 40
        let used = min(max(facts.usedMinutesByMonth[month] ?? 0, 0), cap)
        let total = used + min(extra[month] ?? 0, cap) + period.minutes
        guard total <= min(max(hours, 0), cap) * 60 else {
            throw DomainError(.loanQuotaExceeded, field: "end", "Ce prêt porterait les emprunts de \(borrower) en \(pad(month.month, 2))/\(month.year) à \(durationFrench(total)), au-delà du quota mensuel de \(hours) h (demandes en attente comprises).")
        }
    }

    static func decideLoan(_ r: LoanRequest, state: RoomState, context: CommandContext) throws(DomainError) -> LoanRequested {
        let purpose = try checkRequester(borrower: r.borrower, people: r.people, purpose: r.purpose, state: state, context: context)
        guard state.loans[r.loanID] == nil else {
            throw DomainError(.loanAlreadyExists, field: "loanId", "Le prêt \(r.loanID) existe déjà.")
        }
        let period = try Period(given: r.start, r.end)
        try checkSlot(period, state: state, context: context)
        try checkQuota(period, borrower: r.borrower, context: context, extra: [:])
        return LoanRequested(loanID: r.loanID, borrower: r.borrower, period: period, people: r.people, purpose: purpose)
    }

    static func decideSeries(_ r: LoanSeriesRequest, state: RoomState, context: CommandContext) throws(DomainError) -> LoanSeriesRequested {
        let purpose = try checkRequester(borrower: r.borrower, people: r.people, purpose: r.purpose, state: state, context: context)
        guard state.series[r.seriesID] == nil else {
            throw DomainError(.loanAlreadyExists, field: "seriesId", "La série \(r.seriesID) existe déjà.")
        }
        guard r.seriesID.rawValue.utf8.count <= 58 else {
            throw DomainError(.invalidIdentifier, field: "seriesId", "L’identifiant d’une série compte au plus 58 caractères.")
        }
        // The first occurrence must be a valid period; its Paris wall-clock times fix the length
        // and the time of day. Occurrences are generated in local time: one in the spring gap is
        // moved an hour forward, one in the autumn overlap is its first (summer-time) reading
        // (RFC 5545). A first occurrence given as exact instants is kept exactly.
        let first = try Period(given: r.start, r.end, policy: .shiftForward)
        let start = r.start.local, end = r.end.local
        guard r.until >= start.date else {
            throw DomainError(.invalidRecurrence, field: "until", "La date de fin de la série doit suivre la première date.")
        }
        guard r.until <= start.date.adding(years: 1) else {
            throw DomainError(.loanSeriesTooLong, field: "until", "Une série de prêts s’étend sur un an au plus : jusqu’au \(start.date.adding(years: 1).french).")
        }
        let spanDays = end.date.daysSinceEpoch - start.date.daysSinceEpoch
        var requested: [LoanOccurrence] = []
        var skipped: [SkippedOccurrence] = []
        var taken: [YearMonth: Int] = [:]
        var n = 0
        while true {
            let date: LocalDate
            switch r.recurrence {
            case .weekly: date = start.date.adding(days: 7 * n)
            case .monthly: date = start.date.adding(months: n)
            }
            n += 1
            if date > r.until { break }
            if r.recurrence == .monthly && date.day != start.date.day {
                skipped.append(SkippedOccurrence(date: date, code: .loanNoSuchDate,
                                                 message: "Le \(start.date.day) n’existe pas en \(pad(date.month, 2))/\(date.year)."))
                continue
            }
            do throws(DomainError) {
                let period = n == 1 ? first : try occurrence(from: LocalDateTime(date, start.time),
                                                             to: LocalDateTime(date.adding(days: spanDays), end.time))
                try checkSlot(period, state: state, context: context)
                try checkQuota(period, borrower: r.borrower, context: context, extra: taken)
                let id = try LoanID("\(r.seriesID.rawValue)-\(n)")
                guard state.loans[id] == nil else {
                    throw DomainError(.loanAlreadyExists, field: "seriesId", "Le prêt \(id) existe déjà.")
                }
                taken[ParisTime.date(period.start).yearMonth, default: 0] += period.minutes
                requested.append(LoanOccurrence(loanID: id, period: period))
            } catch {
                skipped.append(SkippedOccurrence(date: date, code: error.code, message: error.message))
            }
        }
        guard !requested.isEmpty else {
            let firstSkipped = skipped.first.map { " Première date : \($0.date.french) — \($0.message)" } ?? ""
            throw DomainError(.loanSeriesEmpty, field: "start", "Aucune date de la série ne peut être demandée.\(firstSkipped)")
        }
        return LoanSeriesRequested(seriesID: r.seriesID, borrower: r.borrower, recurrence: r.recurrence, start: start,
                                   end: end, until: r.until, people: r.people, purpose: purpose,
                                   requested: requested, skipped: skipped)
    }

    /// One later occurrence of a series, in local time: a time the spring change skips moves an
    /// hour forward, one the autumn change repeats is its first reading (RFC 5545). An occurrence
    /// the change leaves empty (02:30–03:30 on the spring day becomes 03:30–03:30) is refused.
    static func occurrence(from start: LocalDateTime, to end: LocalDateTime) throws(DomainError) -> Period {
        do {
            return try Period(paris: start, end, policy: .shiftForward)
        } catch where error.code == .endNotAfterStart {
            throw DomainError(.nonexistentLocalTime, field: "start",
                              "Le \(start.date.french), le passage à l’heure d’été ne laisse rien du créneau \(start.time) – \(end.time) : cette date n’est pas demandée.")
        }
    }

    static func decideApproval(_ loanID: LoanID, state: RoomState, context: CommandContext) throws(DomainError) -> [RoomEvent] {
        try requireOwner(state, context)
        let loan = try existingLoan(loanID, state)
        guard loan.status == .pending else {
            throw DomainError(.loanNotPending, field: "loanId", "Le prêt \(loanID) n’est pas en attente : il ne peut être approuvé.")
        }
        guard loan.period.start > context.now else {
            throw DomainError(.loanAlreadyStarted, field: "loanId", "Le prêt \(loanID) a déjà commencé : il ne peut plus être approuvé.")
        }
        // Re-check the approved loans: another approval may have taken the slot since the request.
        let buffer = Double(state.rules.bufferMinutes ?? 0) * 60
        if let other = state.firstApprovedLoan(where: {
            $0.period.overlaps(loan.period) || (buffer > 0 && $0.period.widened(by: buffer).overlaps(loan.period))
        }) {
            if other.period.overlaps(loan.period) {
                throw DomainError(.loanOverlapsApproved, field: "loanId", "Ce créneau chevauche le prêt approuvé \(other.id) \(ParisTime.french(other.period)).")
            }
            throw DomainError(.loanBufferViolated, field: "loanId", "Le prêt approuvé \(other.id) \(ParisTime.french(other.period)) est trop proche (battement de \(durationFrench(Int(buffer / 60)))).")
        }
        var events: [RoomEvent] = [.loanApproved(LoanApproved(loanID: loanID))]
        let zone = loan.period.widened(by: buffer)
        let superseded = state.loans.values
            .filter { $0.status == .pending && $0.id != loanID && zone.overlaps($0.period) }
            .sorted { ($0.period.start, $0.id) < ($1.period.start, $1.id) }
        for other in superseded {
            events.append(.loanDeclined(LoanDeclined(
                loanID: other.id,
                reason: "Le créneau a été attribué au prêt \(loanID) de \(loan.borrower) \(ParisTime.french(loan.period)).",
                supersededBy: loanID)))
        }
        return events
    }
}

/// `2 h`, `45 min`, `1 h 30`.
func durationFrench(_ minutes: Int) -> String {
    if minutes < 60 { return "\(minutes) min" }
    let h = minutes / 60, m = minutes % 60
    return m == 0 ? "\(h) h" : "\(h) h \(pad(m, 2))"
}

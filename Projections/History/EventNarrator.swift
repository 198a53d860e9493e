public import Domain
public import EventLog
import Foundation

/// One event of a history, told in French for the coordinator who checks it years later.
public struct Narration: Sendable, Hashable {
    /// When it was recorded, Paris time: « 27/02/2012 9 h 30 ».
    public let when: String
    /// Who did it, as people name them: « Artisans du monde », « la coordination ».
    public let who: String
    /// What happened, one sentence starting with who did it.
    public let sentence: String
    /// The internal references, for those who need them: stream, position, event type and id.
    public let detail: String
}

/// Tells a history's events as sentences (« 27/02/2012 9 h 30 — Artisans du monde demande la
/// salle « Salle du conseil » pour le mercredi 29 février 2012, 14 h – 17 h, 12 personnes :
/// « Atelier … » »), with what changed for a change (« capacité 20 → 16 »).
///
/// Feed it the records in log order: it remembers what earlier events said (a room's details, a
/// loan's borrower and slot, a project's name) to name things in later ones; what it has not seen
/// it asks the projections through `names`.
public struct EventNarrator {
    /// Names the narrator has not learnt from the records it was given.
    public struct Names: Sendable {
        /// A structure's name.
        public var structure: @Sendable (StructureID) -> String
        /// A room's name, when the room is known.
        public var room: @Sendable (RoomID) -> String?

        /// Names from closures.
        public init(structure: @escaping @Sendable (StructureID) -> String, room: @escaping @Sendable (RoomID) -> String?) {
            self.structure = structure
            self.room = room
        }
    }

    private let names: Names
    private var rooms: [RoomID: RoomDetails] = [:]
    private var roomOwners: [RoomID: StructureID] = [:]
    private var structures: [StructureID: StructureDetails] = [:]
    private var loans: [LoanID: (borrower: StructureID, period: Period)] = [:]
    private var availabilities: [AvailabilityID: AvailabilityPattern] = [:]
    private var desks: [DeskID: String] = [:]
    private var projects: [ApplicationID: String] = [:]
    private var phareRequests: [PhareRequestID: (structure: StructureID, use: PhareUse, surface: Double)] = [:]

    /// A narrator that asks `names` for what the records do not say.
    public init(names: Names) {
        self.names = names
    }

    /// The narration of `record`; a record this program cannot decode is told as such.
    public mutating func narrate(_ record: RecordedEvent) -> Narration {
        let local = ParisTime.local(record.recordedAt)
        let when = "\(local.date.french) \(local.time.french)"
        let who = actorName(record.actor)
        let detail = "flux \(record.streamID) · position \(record.position) · version \(record.streamVersion) · \(record.type) · \(record.id.uuidString.lowercased())"
        guard let event = try? AnyDomainEvent.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload) else {
            return Narration(when: when, who: who, sentence: "\(who) enregistre un événement que ce programme ne sait pas lire.", detail: detail)
        }
        let what: String
        switch event {
        case .structure(let e): what = tell(e, stream: record.streamID)
        case .room(let e): what = tell(e, room: Self.room(of: record.streamID))
        case .pepiniere(let e): what = tell(e)
        case .phare(let e): what = tell(e, actor: who)
        }
        let sentence = "\(who) \(what)"
        return Narration(when: when, who: who, sentence: sentence.hasSuffix("»") || sentence.hasSuffix(".") ? sentence : sentence + ".", detail: detail)
    }

    private static func room(of stream: String) -> RoomID? {
        if case .room(let id)? = StreamKind(streamName: stream) { return id }
        return nil
    }

    // MARK: Who

    private func actorName(_ text: String) -> String {
        switch ActorName.parse(text) {
        case .structure(let id)?: return structureName(id)
        case .coordinator?: return "la coordination"
        case .porteur?: return "le porteur de projet"
        case .system?: return "Mutualisation (automatiquement)"
        case nil: return "« \(text) »"
        }
    }

    private func structureName(_ id: StructureID) -> String { structures[id]?.name ?? names.structure(id) }

    private func roomName(_ id: RoomID?) -> String {
        guard let id else { return "la salle" }
        return "la salle « \(rooms[id]?.name ?? names.room(id) ?? id.rawValue) »"
    }

    // MARK: Structures

    private mutating func tell(_ event: StructureEvent, stream: String) -> String {
        let id: StructureID? = if case .structure(let id)? = StreamKind(streamName: stream) { id } else { nil }
        switch event {
        case .registered(let p):
            structures[p.id] = p.details
            return "inscrit \(p.details.name) (\(Self.kindLabel(p.details.kind))) parmi les structures membres"
        case .detailsChanged(let p):
            let before = id.flatMap { structures[$0] }
            if let id { structures[id] = p.details }
            let changes = before.map { Self.changes(from: $0, to: p.details) } ?? []
            return "modifie la fiche de \(p.details.name)" + (changes.isEmpty ? "" : " : " + changes.joined(separator: ", "))
        case .borrowingQuotaSet(let p):
            let name = id.map(structureName) ?? "la structure"
            if let hours = p.hoursPerMonth { return "limite les emprunts de \(name) à \(hours) h par mois" }
            return "lève la limite d’emprunt de \(name)"
        }
    }

    static func kindLabel(_ kind: StructureKind) -> String {
        switch kind {
        case .association: "association"
        case .cooperative: "coopérative"
        case .mutuelle: "mutuelle"
        case .collectivite: "collectivité"
        case .other: "autre"
        }
    }

    static func changes(from old: StructureDetails, to new: StructureDetails) -> [String] {
        var changes: [String] = []
        if old.name != new.name { changes.append("nom « \(old.name) » → « \(new.name) »") }
        if old.kind != new.kind { changes.append("statut \(kindLabel(old.kind)) → \(kindLabel(new.kind))") }
        if old.siret != new.siret { changes.append("SIRET \(old.siret ?? "—") → \(new.siret ?? "—")") }
        if old.address != new.address { changes.append("adresse \(old.address.map(addressText) ?? "—") → \(new.address.map(addressText) ?? "—")") }
        if old.contactEmail != new.contactEmail { changes.append("courriel de contact modifié") }
        return changes
    }

    // MARK: Rooms

    private mutating func tell(_ event: RoomEvent, room: RoomID?) -> String {
        switch event {
        case .offered(let p):
            rooms[p.id] = p.details
            roomOwners[p.id] = p.owner
            return "propose \(roomName(p.id)), \(Self.addressText(p.details.address)), pour \(p.details.capacity) personnes"
        case .detailsChanged(let p):
            let before = room.flatMap { rooms[$0] }
            if let room { rooms[room] = p.details }
            let changes = before.map { Self.changes(from: $0, to: p.details) } ?? []
            return "modifie \(roomName(room))" + (changes.isEmpty ? "" : " : " + changes.joined(separator: ", "))
        case .rulesSet(let p):
            let rules = Self.rulesText(p.rules)
            return "fixe les règles de \(roomName(room))" + (rules.isEmpty ? " : aucune règle particulière" : " : " + rules.joined(separator: ", "))
        case .withdrawn(let p):
            return "retire \(roomName(room))" + (p.reason.isEmpty ? "" : " : « \(p.reason) »")
        case .availabilityOpened(let p):
            availabilities[p.id] = p.pattern
            return "ouvre \(roomName(room)) \(Self.patternText(p.pattern))"
        case .availabilityClosed(let p):
            let pattern = availabilities[p.id].map { " (\(Self.patternText($0)))" } ?? ""
            return "ferme des disponibilités de \(roomName(room))\(pattern)"
        case .loanRequested(let p):
            loans[p.loanID] = (p.borrower, p.period)
            return "demande \(roomName(room)) pour le \(FrenchFormat.period(p.period)), \(p.people) personne\(p.people > 1 ? "s" : "") : « \(p.purpose) »"
        case .loanSeriesRequested(let p):
            for occurrence in p.requested { loans[occurrence.loanID] = (p.borrower, occurrence.period) }
            let every = p.recurrence == .weekly ? "chaque semaine" : "chaque mois"
            let skipped = p.skipped.isEmpty ? "" : " (\(p.skipped.count) date\(p.skipped.count > 1 ? "s" : "") écartée\(p.skipped.count > 1 ? "s" : "") : \(p.skipped.map { "\($0.date.french) — \($0.message)" }.joined(separator: " ; ")))"
            return "demande \(roomName(room)) \(every), \(p.start.time.french) – \(p.end.time.french), du \(p.start.date.french) au \(p.until.french), soit \(p.requested.count) date\(p.requested.count > 1 ? "s" : ""), \(p.people) personnes : « \(p.purpose) »\(skipped)"
        case .loanApproved(let p):
            return "accepte \(loanText(p.loanID, room: room))"
        case .loanDeclined(let p):
            if p.supersededBy != nil {
                return "refuse \(loanText(p.loanID, room: room)) : une autre demande a été acceptée sur ce créneau"
            }
            return "refuse \(loanText(p.loanID, room: room))" + (p.reason.isEmpty ? "" : " : « \(p.reason) »")
        case .loanCancelled(let p):
            return "annule \(loanText(p.loanID, room: room))" + (p.reason.isEmpty ? "" : " : « \(p.reason) »")
        }
    }

    private func loanText(_ id: LoanID, room: RoomID?) -> String {
        guard let loan = loans[id] else { return "une demande de \(roomName(room))" }
        return "la demande de \(structureName(loan.borrower)) pour \(roomName(room)) le \(FrenchFormat.period(loan.period))"
    }

    static func addressText(_ address: Address) -> String { "\(address.street), \(address.postcode) \(address.city)" }

    static func patternText(_ pattern: AvailabilityPattern) -> String {
        switch pattern {
        case let .once(start, end):
            if start.date == end.date { return "le \(start.date.french), \(start.time.french) – \(end.time.french)" }
            return "du \(start.date.french) \(start.time.french) au \(end.date.french) \(end.time.french)"
        case let .weekly(weekday, start, end, from, until):
            return "chaque \(FrenchFormat.weekdays[weekday.rawValue - 1]), \(start.french) – \(end.french), du \(from.french) au \(until.french)"
        }
    }

    static func changes(from old: RoomDetails, to new: RoomDetails) -> [String] {
        func number(_ value: Double) -> String { FrenchFormat.number(value, decimals: 5).replacingOccurrences(of: "-", with: "−") }
        var changes: [String] = []
        if old.name != new.name { changes.append("nom « \(old.name) » → « \(new.name) »") }
        if old.address != new.address { changes.append("adresse \(addressText(old.address)) → \(addressText(new.address))") }
        if old.position.latitude != new.position.latitude { changes.append("latitude \(number(old.position.latitude)) → \(number(new.position.latitude))") }
        if old.position.longitude != new.position.longitude { changes.append("longitude \(number(old.position.longitude)) → \(number(new.position.longitude))") }
        if old.capacity != new.capacity { changes.append("capacité \(old.capacity) → \(new.capacity)") }
        if old.surface != new.surface { changes.append("surface \(old.surface.map { number($0) + " m²" } ?? "—") → \(new.surface.map { number($0) + " m²" } ?? "—")") }
        if old.equipment != new.equipment { changes.append("équipements modifiés") }
        if old.stepFreeAccess != new.stepFreeAccess { changes.append(new.stepFreeAccess ? "désormais accessible de plain-pied" : "n’est plus indiquée accessible de plain-pied") }
        if old.conditions != new.conditions { changes.append("conditions \(conditionsText(old.conditions)) → \(conditionsText(new.conditions))") }
        if old.description != new.description || old.equipmentNotes != new.equipmentNotes { changes.append("description modifiée") }
        return changes
    }

    static func conditionsText(_ conditions: RoomConditions) -> String {
        func euros(_ cents: Int) -> String { FrenchFormat.number(Double(cents) / 100, decimals: 2) + " €" }
        switch conditions {
        case .free: return "gratuite"
        case let .price(halfDay, day):
            return [halfDay.map { euros($0) + " la demi-journée" }, day.map { euros($0) + " la journée" }].compactMap { $0 }.joined(separator: ", ")
        case .exchange(let detail): return "en échange : « \(detail) »"
        }
    }

    static func rulesText(_ rules: RoomRules) -> [String] {
        func duration(_ minutes: Int) -> String {
            minutes % 1440 == 0 ? "\(minutes / 1440) jour\(minutes >= 2880 ? "s" : "")" : minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes) min"
        }
        return [
            rules.minNoticeMinutes.map { "demande au moins \(duration($0)) à l’avance" },
            rules.maxAdvanceDays.map { "au plus \($0) jours à l’avance" },
            rules.minLengthMinutes.map { "au moins \(duration($0))" },
            rules.maxLengthMinutes.map { "au plus \(duration($0))" },
            rules.bufferMinutes.map { "\(duration($0)) entre deux prêts" },
        ].compactMap { $0 }
    }

    // MARK: Pépinière

    private mutating func tell(_ event: PepiniereEvent) -> String {
        switch event {
        case .deskAdded(let p):
            desks[p.desk] = p.label
            return "ajoute le bureau « \(p.label) »" + (p.floor.isEmpty ? "" : " (\(p.floor))")
        case .deskRemoved(let p):
            return "retire \(desk(p.desk))"
        case .applicationSubmitted(let p):
            projects[p.application] = p.projectName
            return "dépose la candidature du projet « \(p.projectName) »"
        case .applicationWaitlisted(let p):
            return "inscrit \(project(p.application)) sur la liste d’attente"
        case .applicationRejected(let p):
            return "écarte la candidature \(project(p.application))" + (p.reason.isEmpty ? "" : " : « \(p.reason) »")
        case .deskOffered(let p):
            let reason = p.outOfOrderReason.map { " ; hors tour : « \($0) »" } ?? ""
            return "propose \(desk(p.desk)) à \(project(p.application)) du \(p.start.french) au \(p.end.french), réponse attendue avant le \(FrenchFormat.instant(p.expiresAt))\(reason)"
        case .deskOfferAccepted(let p):
            return "accepte pour \(project(p.application)) \(desk(p.desk)) proposé"
        case .deskOfferLapsed(let p):
            return "constate que la proposition \(desk(p.desk)) à \(project(p.application)) a expiré sans réponse"
        case .deskAllocated(let p):
            let reason = p.outOfOrderReason.map { " ; hors tour : « \($0) »" } ?? ""
            return "attribue \(desk(p.desk)) à \(project(p.application)) du \(p.start.french) au \(p.end.french)\(reason)"
        case .allocationExtended(let p):
            return "prolonge \(project(p.application)) \(desk(p.desk)) jusqu’au \(p.newEnd.french)"
        case .projectLeft(let p):
            return "enregistre le départ de \(project(p.application)) \(desk(p.desk)) le \(p.date.french)" + (p.reason.map { " : « \($0) »" } ?? "")
        }
    }

    private func desk(_ id: DeskID) -> String { desks[id].map { "le bureau « \($0) »" } ?? "un bureau" }
    private func project(_ id: ApplicationID) -> String { projects[id].map { "le projet « \($0) »" } ?? "un projet" }

    // MARK: Le Phare

    private mutating func tell(_ event: PhareEvent, actor: String) -> String {
        func surface(_ value: Double) -> String { FrenchFormat.number(value, decimals: 1) + " m²" }
        switch event {
        case .capacitySet(let p):
            let uses = PhareUse.allCases.compactMap { use in p.perUse[use].map { "\(Self.useLabel(use)) \(surface($0))" } }
            return "fixe la capacité du Phare à \(surface(p.total))" + (uses.isEmpty ? "" : " (" + uses.joined(separator: ", ") + ")")
        case .spaceRequested(let p):
            phareRequests[p.id] = (p.structure, p.use, p.surface)
            let wished = p.wishedDate.map { ", souhaités pour le \($0.french)" } ?? ""
            let forWhom = structureName(p.structure) == actor ? "" : " pour \(structureName(p.structure))"
            return "demande \(surface(p.surface)) au Phare\(forWhom), usage \(Self.useLabel(p.use))\(wished)" + (p.notes.isEmpty ? "" : " : « \(p.notes) »")
        case .spaceRequestAmended(let p):
            let before = phareRequests[p.id]
            if let before { phareRequests[p.id] = (before.structure, p.use, p.surface) }
            let change = before.map { $0.surface != p.surface ? " : \(surface($0.surface)) → \(surface(p.surface))" : "" } ?? ""
            return "modifie \(phareRequest(p.id, as: before))\(change)"
        case .spaceRequestWithdrawn(let p):
            return "retire \(phareRequest(p.id))" + (p.reason.map { " : « \($0) »" } ?? "")
        case .spaceAllocated(let p):
            return "attribue \(surface(p.surface)) au Phare pour \(phareRequest(p.id))"
        case .spaceRequestDeclined(let p):
            return "refuse \(phareRequest(p.id))" + (p.reason.isEmpty ? "" : " : « \(p.reason) »")
        }
    }

    private func phareRequest(_ id: PhareRequestID, as known: (structure: StructureID, use: PhareUse, surface: Double)? = nil) -> String {
        guard let request = known ?? phareRequests[id] else { return "une demande d’espace au Phare" }
        return "la demande de \(structureName(request.structure)) (\(Self.useLabel(request.use)))"
    }

    /// A use as people write it.
    static func useLabel(_ use: PhareUse) -> String {
        switch use {
        case .commerce: "commerce"
        case .bureaux: "bureaux"
        case .services: "services"
        case .hebergement: "hébergement"
        }
    }
}

import App
import Domain
import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import Projections

/// Pages of the coordinator: structures and access, the desk board, Phare allocations, the year's
/// report, the history of anything, the audit of the log and the replay of the views at a date.
extension Routes {
    func registerWebCoordinator(on app: RouterGroup<ServerRequestContext>) {
        let coordination = app.group("coordination")
        coordination.get("acces") { request, context in
            _ = try webGrant(context, .coordinator)
            return try accessPage(request: request, context: context)
        }
        coordination.post("invitations") { request, context in
            _ = try webGrant(context, .coordinator)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                guard let role = try form.text("role").flatMap(Role.init(rawValue:)) else {
                    throw Problem.invalid("role", "Choisissez le rôle : structure, porteur de projet ou coordination.")
                }
                let structure = try form.text("structure").map { raw in try domainValue { () throws(DomainError) in try StructureID(raw) } }
                if let structure, role == .structure, runner.withState({ $0.structures.entries[structure] }) == nil {
                    throw Problem.invalid("structure", "Aucune structure inscrite n’a l’identifiant « \(structure.rawValue) ».")
                }
                let label = String((try form.text("label") ?? "").prefix(200))
                let made: (code: String, invitation: Invitation)
                do { made = try await webSessions.invite(role: role, structure: structure, label: label) } catch { throw Problem.wrapping(error) }
                let link = Self.invitationLink(code: made.code, base: dependencies.publicURL)
                return try accessPage(request: request, context: context, newLink: (link, made.invitation.expiresAt))
            }, orShow: { errors in
                try accessPage(request: request, context: context, inviteForm: form, inviteErrors: errors)
            }, fields: Self.inviteFields.names)
        }
        coordination.post("invitations/:id/revoquer") { request, context in
            _ = try webGrant(context, .coordinator)
            _ = try await WebForm.read(request, context: context)
            let id = context.parameters.get("id") ?? ""
            let revoked: Bool
            do { revoked = try await webSessions.revoke(invitationID: id) } catch { throw Problem.wrapping(error) }
            guard revoked else { throw Problem.notFound("Invitation introuvable.") }
            return Self.redirect("/app/coordination/acces?ok=revoked")
        }
        coordination.post("jetons/:id/revoquer") { request, context in
            _ = try webGrant(context, .coordinator)
            _ = try await WebForm.read(request, context: context)
            let id = context.parameters.get("id") ?? ""
            let revoked: Bool
            do { revoked = try await dependencies.tokens.revoke(id: id) } catch { throw Problem.wrapping(error) }
            guard revoked else { throw Problem.notFound("Jeton introuvable.") }
            return Self.redirect("/app/coordination/acces?ok=revoked")
        }
        coordination.post("structures") { request, context in
            let grant = try webGrant(context, .coordinator)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("id", .text), ("name", .text), ("kind", .text), ("email", .text), ("siret", .text)])
                let id: StructureID = try newID(&body)
                let details = try structureDetails(&body)
                try body.finish()
                _ = try await executeAndWait(StructureDecider.self, stream: id.streamName, command: .register(id: id, details: details), grant: grant, request: request, fields: WireFields.structure)
                return Self.redirect("/app/coordination/acces?ok=structureRegistered")
            }, orShow: { errors in
                try accessPage(request: request, context: context, structureForm: form, structureErrors: errors)
            }, fields: Self.structureFields.names)
        }
        coordination.get("pepiniere") { request, context in
            _ = try webGrant(context, .coordinator)
            return try desksPage(request: request, context: context)
        }
        coordination.post("pepiniere/bureaux") { request, context in
            let grant = try webGrant(context, .coordinator)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("label", .text), ("floor", .text)])
                let id: DeskID = try newID(&body)
                let label = try body.string("label", max: 200)
                let floor = try body.optionalString("floor", max: 100) ?? ""
                try body.finish()
                _ = try await executeAndWait(PepiniereDecider.self, stream: SiteID.maisonESS.streamName, command: .addDesk(id: id, label: label, floor: floor), grant: grant, request: request)
                return Self.redirect("/app/coordination/pepiniere?ok=deskAdded")
            }, orShow: { errors in
                try desksPage(request: request, context: context, deskForm: form, deskErrors: errors)
            }, fields: Self.deskFields.names)
        }
        coordination.post("pepiniere/attribuer") { request, context in
            let grant = try webGrant(context, .coordinator)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("application", .text), ("desk", .text), ("start", .text), ("end", .text), ("reason", .text)])
                let raw = try body.string("application", max: 64)
                let application = try domainValue { () throws(DomainError) in try ApplicationID(raw) }
                let command = try pepiniereCommand("allocate", application: application, &body)
                try body.finish()
                _ = try await executeAndWait(PepiniereDecider.self, stream: SiteID.maisonESS.streamName, command: command, grant: grant, request: request)
                return Self.redirect("/app/coordination/pepiniere?ok=pepiniereDone")
            }, orShow: { errors in
                try desksPage(request: request, context: context, allocateForm: form, allocateErrors: errors)
            }, fields: Self.allocateFields.names)
        }
        for (path, action) in [("prolonger", "extend"), ("sortie", "leave"), ("proposer", "offer"), ("liste", "waitlist"), ("refuser", "reject")] {
            coordination.post("pepiniere/candidatures/:id/\(path)") { request, context in
                let grant = try webGrant(context, .coordinator)
                let application = try pathID(context, "id", as: ApplicationID.self, what: "Candidature")
                let form = try await WebForm.read(request, context: context)
                return try await submit({
                    // Setting a project aside affects the porteur: the coordinator says why (the API
                    // falls back on « Candidature non retenue. »; a person writes it).
                    if action == "reject", try form.text("reason") == nil {
                        throw Problem.invalid("reason", "Écrivez le motif de l’écart : le porteur de projet le lira.", code: "value.empty")
                    }
                    var body = try form.json([("desk", .text), ("start", .text), ("end", .text), ("date", .text), ("reason", .text)])
                    let command = try pepiniereCommand(action, application: application, &body)
                    _ = try await executeAndWait(PepiniereDecider.self, stream: SiteID.maisonESS.streamName, command: command, grant: grant, request: request)
                    return Self.redirect("/app/coordination/pepiniere?ok=pepiniereDone")
                }, orShow: { errors in
                    try desksPage(request: request, context: context, error: errors.general)
                }, fields: [])
            }
        }
        coordination.get("phare") { request, context in
            _ = try webGrant(context, .coordinator)
            return phareAdminPage(request: request, context: context)
        }
        for (path, action) in [("allouer", "allocate"), ("refuser", "decline")] {
            coordination.post("phare/demandes/:id/\(path)") { request, context in
                let grant = try webGrant(context, .coordinator)
                let id = try pathID(context, "id", as: PhareRequestID.self, what: "Demande")
                let form = try await WebForm.read(request, context: context)
                return try await submit({
                    var body = try form.json([("surface", .number), ("reason", .text)])
                    let command: PhareCommand = action == "allocate"
                        ? .allocate(id, surface: try body.double("surface"))
                        : .decline(id, reason: try body.optionalString("reason", max: 1000) ?? "Demande non retenue.")
                    _ = try await executeAndWait(PhareDecider.self, stream: StreamNames.phare, command: command, grant: grant, request: request)
                    return Self.redirect("/app/coordination/phare?ok=phareDone")
                }, orShow: { errors in
                    phareAdminPage(request: request, context: context, error: errors.general)
                }, fields: [])
            }
        }
        coordination.post("phare/capacite") { request, context in
            let grant = try webGrant(context, .coordinator)
            let form = try await WebForm.read(request, context: context)
            return try await submit({
                var body = try form.json([("total", .number)] + PhareUse.allCases.map { ("byUse.\(PhareJSON.name($0))", .number) })
                let total = try body.double("total")
                var perUse: [PhareUse: Double] = [:]
                if var byUse = try body.optionalObject("byUse") {
                    for use in PhareUse.allCases {
                        if let value = try byUse.optionalDouble(PhareJSON.name(use)) { perUse[use] = value }
                    }
                }
                _ = try await executeAndWait(PhareDecider.self, stream: StreamNames.phare, command: .setCapacity(total: total, perUse: perUse), grant: grant, request: request)
                return Self.redirect("/app/coordination/phare?ok=phareDone")
            }, orShow: { errors in
                phareAdminPage(request: request, context: context, capacityForm: form, capacityErrors: errors)
            }, fields: Self.capacityFields.names)
        }
        coordination.get("rapport") { request, context in
            _ = try webGrant(context, .coordinator)
            let query = try WebForm.parse(request.uri.query ?? "")
            var year = ParisTime.date(Date()).year
            if let raw = try query.text("annee") {
                guard let value = Int(raw), (2000...2100).contains(value) else { throw Problem.invalid("annee", "L’année va de 2000 à 2100.") }
                year = value
            }
            let report = runner.withState { $0.report.report(year: year) }
            return web.page("report", title: "Rapport d’activité \(year)", data: Self.reportData(report), request: request, context: context)
        }
        coordination.get("historique") { request, context in
            _ = try webGrant(context, .coordinator)
            return try historyPage(request: request, context: context)
        }
        coordination.get("audit") { request, context in
            _ = try webGrant(context, .coordinator)
            let verification: ChainVerification
            do { verification = try log.verifyChain() } catch { throw Problem.wrapping(error) }
            let data: [String: Any] = [
                "resultClass": verification.isValid ? "valid" : "invalid",
                "resultTitle": verification.isValid ? "Journal intègre" : "Journal altéré",
                "resultText": verification.isValid
                    ? "Chaque enregistrement a sa somme de contrôle et s’enchaîne au précédent par son empreinte : personne n’a modifié l’historique."
                    : "Première anomalie à la position \(verification.failure?.position ?? 0) : \(verification.failure?.reason ?? ""). Conservez une copie du dossier de données et prévenez l’exploitant.",
                "checked": FrenchFormat.number(Double(verification.checkedRecords)), "head": verification.headPosition, "hash": verification.lastHash.hex,
            ]
            return web.page("audit", title: "Audit", data: data, request: request, context: context)
        }
        coordination.get("relecture") { request, context in
            _ = try webGrant(context, .coordinator)
            let query = try WebForm.parse(request.uri.query ?? "")
            guard let raw = try query.text("date") else { throw Problem.invalid("date", "Choisissez une date.") }
            let date = try TimeFormat.localDate(raw, field: "date")
            let limit = ReplayLimit.instant(ParisTime.startOfDay(date.adding(days: 1)).addingTimeInterval(-0.000_001))
            let state: ProjectionState
            do { state = try ProjectionRunner.replay(log, until: limit) } catch { throw Problem.wrapping(error) }
            let report = state.report.report(year: date.year)
            var data = Self.reportData(report)
            data["dateLabel"] = FrenchFormat.day(date)
            data["position"] = state.position
            data["recordedAt"] = state.position == 0 ? "journal vide" : FrenchFormat.instant(Date(timeIntervalSince1970: Double(state.recordedAtMicroseconds) / 1_000_000))
            let rooms = state.availability.offeredRooms.sorted { $0.details.name < $1.details.name }
            data["roomCount"] = rooms.count
            data["rooms"] = rooms.map { ["name": $0.details.name, "structure": state.structures.name(of: $0.owner)] }
            data["desks"] = state.pepiniere.board(on: date).map { row -> [String: Any] in
                ["label": row.desk.label, "status": Self.deskStatusLabel(row.status), "project": row.project ?? "—",
                 "until": row.allocation.map { FrenchFormat.day($0.end) } ?? "—"]
            }
            return web.page("replay", title: "Relecture au \(date.french)", data: data, request: request, context: context)
        }
    }

    // MARK: Coordinator home

    func coordinatorHome(request: Request, context: ServerRequestContext) -> Response {
        let today = ParisTime.date(Date())
        let data: [String: Any] = runner.withState { state in
            let board = state.pepiniere.board(on: today)
            return [
                "desks": board.filter { $0.status != .removed }.count,
                "desksTaken": board.filter { $0.status == .occupied || $0.status == .availableSoon }.count,
                "waiting": state.pepiniere.waitingList().count, "endingSoon": state.pepiniere.endingSoon(on: today).count,
                "phareOpen": state.phare.openRequests.count,
                "rooms": state.availability.offeredRooms.sorted { $0.details.name < $1.details.name }.map {
                    ["id": $0.id.rawValue, "name": $0.details.name, "structure": state.structures.name(of: $0.owner), "stream": $0.id.streamName]
                },
            ]
        }
        return web.page("coordinatorHome", title: "Coordination", data: data, request: request, context: context)
    }

    // MARK: Access

    static let inviteFields: [FormField] = [
        FormField(name: "role", label: "Rôle", kind: .select([("structure", "Structure membre"), ("porteur", "Porteur de projet"), ("coordinator", "Coordination")]), required: true),
        FormField(name: "structure", label: "Identifiant de la structure (rôle structure)", hint: "Voir le tableau des structures ci-dessous."),
        FormField(name: "label", label: "Personne invitée", hint: "Un libellé pour s’y retrouver, ex. « CRIDEV, accueil »."),
    ]

    static let structureFields: [FormField] = [
        FormField(name: "id", label: "Identifiant", hint: "Lettres minuscules, chiffres et tirets, ex. « cridev ». Vide : un identifiant est tiré au hasard."),
        FormField(name: "name", label: "Nom", required: true),
        FormField(name: "kind", label: "Type", kind: .select([("association", "Association"), ("cooperative", "Coopérative"), ("mutuelle", "Mutuelle"), ("collectivite", "Collectivité"), ("autre", "Autre")]), required: true),
        FormField(name: "email", label: "Courriel de contact", kind: .input(type: "email")),
        FormField(name: "siret", label: "SIRET"),
    ]

    func accessPage(request: Request, context: ServerRequestContext, newLink: (String, Date)? = nil,
                    inviteForm: WebForm? = nil, inviteErrors: FormErrors = FormErrors(),
                    structureForm: WebForm? = nil, structureErrors: FormErrors = FormErrors()) throws -> Response {
        let invitations: [Invitation]
        let grants: [AccessGrant]
        do {
            invitations = try webSessions.invitations()
            grants = try dependencies.tokens.list()
        } catch {
            throw Problem.wrapping(error)
        }
        let structures = runner.withState { $0.structures.sorted }
        let names = Dictionary(structures.map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { a, _ in a })
        let now = Date()
        let data: [String: Any] = [
            "newLink": newLink?.0 ?? false, "newLinkExpires": newLink.map { FrenchFormat.instant($0.1) } ?? "",
            "inviteFields": Self.inviteFields.filled(from: inviteForm, errors: inviteErrors),
            "structureFields": Self.structureFields.filled(from: structureForm, errors: structureErrors),
            "structures": structures.map { ["name": $0.name, "id": $0.id.rawValue, "kind": Self.structureKindLabel($0.kind)] },
            "invitations": invitations.map { invitation -> [String: Any] in
                let state: String
                if invitation.revokedAt != nil { state = "révoquée" }
                else if invitation.redeemedAt != nil { state = "utilisée le \(FrenchFormat.instant(invitation.redeemedAt!))" }
                else if invitation.expiresAt <= now { state = "expirée" }
                else { state = "en attente jusqu’au \(FrenchFormat.instant(invitation.expiresAt))" }
                let subject = invitation.structure.map { names[$0] ?? $0 }
                return [
                    "id": invitation.id, "label": invitation.label.isEmpty ? (subject ?? invitation.id) : invitation.label,
                    "role": Self.roleLabel(invitation.role) + (subject.map { " (\($0))" } ?? ""),
                    "created": FrenchFormat.instant(invitation.createdAt), "state": state, "active": invitation.revokedAt == nil,
                ]
            },
            "tokens": grants.map { grant -> [String: Any] in
                [
                    "id": grant.id, "label": grant.label.isEmpty ? grant.id : grant.label, "role": Self.roleLabel(grant.role),
                    "subject": grant.structure.map { names[$0] ?? $0 } ?? grant.person ?? "—",
                    "state": grant.revokedAt == nil ? "actif" : "révoqué", "active": grant.revokedAt == nil,
                ]
            },
        ]
        return web.page("access", title: "Structures et accès", data: data, request: request, context: context,
                        error: inviteErrors.general ?? structureErrors.general)
    }

    static func structureKindLabel(_ kind: StructureKind) -> String {
        switch kind {
        case .association: return "association"
        case .cooperative: return "coopérative"
        case .mutuelle: return "mutuelle"
        case .collectivite: return "collectivité"
        case .other: return "autre"
        }
    }

    /// The one-time sign-in link of an invitation code.
    static func invitationLink(code: String, base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/app/invitation/" + code
    }

    // MARK: Desks

    static let deskFields: [FormField] = [
        FormField(name: "label", label: "Nom du bureau", required: true),
        FormField(name: "floor", label: "Étage ou emplacement"),
    ]

    static let allocateFields: [FormField] = [
        FormField(name: "application", label: "Projet de la liste d’attente", required: true),
        FormField(name: "desk", label: "Bureau", required: true),
        FormField(name: "start", label: "Du", kind: .input(type: "date"), required: true),
        FormField(name: "end", label: "Au (un an au plus)", kind: .input(type: "date"), required: true),
        FormField(name: "reason", label: "Motif, si ce n’est pas le premier de la liste", kind: .textarea, hint: FormField.publicTextHint),
    ]

    func desksPage(request: Request, context: ServerRequestContext, error: String? = nil,
                   deskForm: WebForm? = nil, deskErrors: FormErrors = FormErrors(),
                   allocateForm: WebForm? = nil, allocateErrors: FormErrors = FormErrors()) throws -> Response {
        let today = ParisTime.date(Date())
        var data: [String: Any] = try runner.withState { state in
            let waiting = state.pepiniere.waitingList()
            // « Proposer au suivant »: the first project without an open offer (issue 16).
            let next = waiting.first { !Self.isOffered($0.application.status) }
            let desks = state.pepiniere.board(on: today).map { row -> [String: Any] in
                var object = deskRow(row)
                let free = row.status == .available
                object["offerNext"] = free && next != nil
                object["nextApplication"] = next?.application.id.rawValue ?? ""
                object["nextProject"] = next?.application.projectName ?? ""
                return object
            }
            let freeDesks = state.pepiniere.board(on: today).filter { $0.status == .available }.map { ["id": $0.desk.id.rawValue, "label": $0.desk.label] }
            let waitingRows = try waiting.map { entry -> [String: Any] in
                ["rank": entry.rank, "project": entry.application.projectName, "application": entry.application.id.rawValue,
                 "canOffer": !freeDesks.isEmpty && !Self.isOffered(entry.application.status), "needsReason": entry.application.id != next?.application.id,
                 "offered": Self.isOffered(entry.application.status),
                 "submitted": FrenchFormat.day(ParisTime.date(entry.application.submittedAt)),
                 "contact": try contactText(entry.application.contact, of: entry.application.person)]
            }
            let submitted = try (state.pepiniere.sites[.maisonESS]?.applications.values ?? [:].values)
                .filter { $0.status == .submitted }.sorted { $0.submittedAt < $1.submittedAt }
                .map { application -> [String: Any] in
                    ["application": application.id.rawValue, "project": application.projectName, "contact": try contactText(application.contact, of: application.person)]
                }
            return [
                "today": FrenchFormat.day(today), "todayISO": today.description, "yearLater": today.adding(years: 1).adding(days: -1).description,
                "desks": desks, "waiting": waitingRows, "freeDesks": freeDesks,
                "pendingApplications": submitted.isEmpty ? false : ["items": submitted],
            ]
        }
        data["deskFields"] = Self.deskFields.filled(from: deskForm, errors: deskErrors)
        var allocate = Self.allocateFields
        let (applications, desks): ([(String, String)], [(String, String)]) = runner.withState { state in
            let waiting = state.pepiniere.waitingList().map { ($0.application.id.rawValue, "\($0.rank). \($0.application.projectName)") }
            let desks = state.pepiniere.board(on: today).filter { $0.status != .removed }.map { ($0.desk.id.rawValue, "\($0.desk.label) (\(Self.deskStatusLabel($0.status)))") }
            return (waiting, desks)
        }
        allocate[0].kind = .select(applications)
        allocate[1].kind = .select(desks)
        data["allocateFields"] = allocate.filled(from: allocateForm, errors: allocateErrors)
        return web.page("desks", title: "Bureaux de la pépinière", data: data, request: request, context: context,
                        error: error ?? deskErrors.general ?? allocateErrors.general)
    }

    static func isOffered(_ status: ApplicationStatus) -> Bool {
        if case .offered = status { return true }
        return false
    }

    /// A contact as one line for the coordinator (« Nom <courriel> »), or « personne effacée » when the person was erased.
    func contactText(_ data: ContactData, of person: PersonID) throws -> String {
        guard let object = try contactJSON(data, of: person) as? [String: Any], object["erased"] == nil else { return "personne effacée : ses coordonnées ont été détruites" }
        let phone = (object["phone"] as? String).map { ", \($0)" } ?? ""
        return "\(object["name"] as? String ?? "") <\(object["email"] as? String ?? "")>\(phone)"
    }

    // MARK: Phare

    static let capacityFields: [FormField] = [FormField(name: "total", label: "Surface totale (m²)", required: true)]
        + PhareUse.allCases.map { FormField(name: "byUse.\(PhareJSON.name($0))", label: "Capacité « \(phareUseLabel($0)) » (m², facultatif)") }

    func phareAdminPage(request: Request, context: ServerRequestContext, error: String? = nil,
                        capacityForm: WebForm? = nil, capacityErrors: FormErrors = FormErrors()) -> Response {
        var capacity = Self.capacityFields
        let data: [String: Any] = runner.withState { state in
            if capacityForm == nil {
                capacity[0].value = FrenchFormat.number(state.phare.totalCapacity)
                for index in capacity.indices.dropFirst() {
                    let use = PhareUse.allCases[index - 1]
                    capacity[index].value = state.phare.perUseCapacity[use].map { FrenchFormat.number($0) } ?? ""
                }
            }
            return [
                "requests": state.phare.openRequests.map { entry -> [String: Any] in
                    ["id": entry.id.rawValue, "structure": state.structures.name(of: entry.structure), "use": Self.phareUseLabel(entry.use),
                     "surface": FrenchFormat.number(entry.surface), "surfaceValue": FrenchFormat.number(entry.surface, decimals: 2),
                     "wished": entry.wishedDate.map { FrenchFormat.day($0) } ?? "—"]
                },
            ]
        }
        var page = data
        page["capacityFields"] = capacity.filled(from: capacityForm, errors: capacityErrors)
        return web.page("phareAdmin", title: "Allocations du Phare", data: page, request: request, context: context, error: error ?? capacityErrors.general)
    }

    // MARK: Report

    static func reportData(_ report: ActivityReport) -> [String: Any] {
        let months = ReportPage.months
        let bars = ReportPage.bars(report).map { bar -> [String: Any] in
            ["x": bar.x, "y": bar.y, "height": bar.height, "labelX": bar.labelX, "countY": bar.countY, "month": bar.month, "count": bar.count]
        }
        let rows = ReportPage.rows(report)
        return [
            "year": report.year, "rows": rows.map { ["label": $0.0, "value": $0.1] }, "bars": bars,
            "chartText": zip(months, report.loansByMonth).map { "\($0) \($1)" }.joined(separator: ", "),
            "phare": PhareUse.allCases.map { use -> [String: Any] in
                let demand = report.phareDemand[use]
                return ["use": phareUseLabel(use), "requests": demand?.requests ?? 0, "surface": FrenchFormat.number(demand?.surface ?? 0)]
            },
        ]
    }

    // MARK: History

    func historyPage(request: Request, context: ServerRequestContext) throws -> Response {
        let query = try WebForm.parse(request.uri.query ?? "")
        var records: [RecordedEvent] = []
        var heading: String?
        let names = runner.withState { $0.structures }
        do {
            if let stream = try query.text("flux") {
                records = try log.readStream(String(stream.prefix(255)), limit: 10_000)
                heading = "Flux « \(stream) »"
            } else if let raw = try query.text("structure"), let id = try? StructureID(raw) {
                let positions = runner.withState { $0.history.positions(of: id) }
                records = positions.prefix(10_000).compactMap { try? log.record(at: $0) }
                heading = "Tout ce qui concerne « \(names.name(of: id)) »"
            } else if let raw = try query.text("candidature"), let id = try? ApplicationID(raw) {
                let positions = runner.withState { $0.pepiniere.sites[.maisonESS]?.historyByApplication[id]?.map(\.position) ?? [] }
                records = positions.compactMap { try? log.record(at: $0) }
                heading = "Candidature « \(id.rawValue) »"
            }
        } catch {
            throw Problem.wrapping(error)
        }
        let streams: [String] = runner.withState { state in
            [SiteID.maisonESS.streamName, StreamNames.phare] + state.structures.sorted.map(\.id.streamName)
                + state.availability.rooms.map(\.id.streamName).sorted()
        }
        let data: [String: Any] = [
            "stream": try query.text("flux") ?? "", "streams": streams, "heading": heading ?? false,
            "events": narrations(of: records).map { ["when": $0.when, "sentence": $0.sentence, "detail": $0.detail] },
        ]
        return web.page("history", title: "Historique", data: data, request: request, context: context)
    }

    /// The records told as French sentences, names taken from the live projections where the
    /// records themselves do not say them.
    func narrations(of records: [RecordedEvent]) -> [Narration] {
        let (structures, rooms) = runner.withState { state in
            (state.structures, Dictionary(state.availability.rooms.map { ($0.id, $0.details.name) }, uniquingKeysWith: { first, _ in first }))
        }
        var narrator = EventNarrator(names: .init(structure: { structures.name(of: $0) }, room: { rooms[$0] }))
        return records.map { narrator.narrate($0) }
    }
}

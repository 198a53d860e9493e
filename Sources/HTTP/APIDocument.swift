import Foundation

/// The OpenAPI 3.1 description of the API, served at `/openapi.json`. Kept true by a test that
/// compares it with the router's routes.
enum APIDocument {
    /// One operation: method, path (OpenAPI style), who may call it, what it takes.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let auth: Auth
        let body: [String: Any]?
        let query: [(String, String)]

        init(_ method: String, _ path: String, _ summary: String, _ auth: Auth, body: [String: Any]? = nil, query: [(String, String)] = []) {
            self.method = method
            self.path = path
            self.summary = summary
            self.auth = auth
            self.body = body
            self.query = query
        }
    }

    enum Auth { case publicAccess, bearer, coordinator }

    /// An object schema; an optional property may also be `null`, which the server reads as absent.
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        let properties = Dictionary(uniqueKeysWithValues: properties.map { name, schema -> (String, Any) in
            required.contains(name) ? (name, schema) : (name, ["anyOf": [schema, ["type": "null"]]])
        })
        return ["type": "object", "properties": properties, "required": required, "additionalProperties": false]
    }

    static var string: [String: Any] {
        ["type": "string", "maxLength": 200]
    }
    /// An identifier: 1 to 64 characters among a-z, 0-9 and « - » (`value.invalidIdentifier` otherwise).
    static var identifier: [String: Any] {
        ["type": "string", "pattern": "^[a-z0-9-]{1,64}$"]
    }
    /// A reason kept in an event: at most 1,000 characters.
    static var reasonText: [String: Any] {
        ["type": "string", "maxLength": 1000]
    }
    /// A surface in m²: positive, at most 100,000.
    static var surface: [String: Any] {
        ["type": "number", "exclusiveMinimum": 0, "maximum": 100_000]
    }
    /// What the query parameters `from`, `to` and `at` take: a date, a Paris local date-time or an RFC 3339 instant.
    static var instantQuery: [String: Any] {
        ["type": "string", "pattern": #"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$"#]
    }
    static var text: [String: Any] {
        ["type": "string", "maxLength": 5000]
    }
    static var localDateTime: [String: Any] {
        ["type": "string", "description": "AAAA-MM-JJTHH:MM (heure de Paris ; refusée si le changement d’heure la saute ou la répète) ou RFC 3339 avec Z ou un décalage, gardée telle quelle", "example": "2027-04-27T10:00"]
    }
    static var date: [String: Any] {
        ["type": "string", "format": "date"]
    }
    static var reason: [String: Any] {
        object(["reason": reasonText])
    }
    static var address: [String: Any] {
        object(["street": name, "postcode": ["type": "string", "pattern": "^[0-9]{5}$"], "city": ["type": "string", "minLength": 1, "maxLength": 100]], required: ["street", "postcode", "city"])
    }
    /// A name people read: 1 to 200 characters.
    static var name: [String: Any] {
        ["type": "string", "minLength": 1, "maxLength": 200]
    }
    static var conditions: [String: Any] {
        object([
        "kind": ["type": "string", "enum": ["free", "price", "exchange"]], "detail": text,
        "halfDayCents": ["type": "integer", "minimum": 0], "dayCents": ["type": "integer", "minimum": 0],
    ], required: ["kind"])
    }
    static var equipment: [String: Any] {
        ["type": "array", "maxItems": 20, "items": ["type": "string", "enum": ["projector", "screen", "whiteboard", "paperboard", "wifi", "soundSystem", "videoconference", "kitchen", "accessibleToilets"]]]
    }
    static var roomProperties: [String: Any] {
        [
        "id": identifier, "structure": identifier, "name": name, "address": address,
        "latitude": ["type": "number", "minimum": -90, "maximum": 90], "longitude": ["type": "number", "minimum": -180, "maximum": 180],
        "capacity": ["type": "integer", "minimum": 1], "surface": surface, "equipment": equipment,
        "equipmentNotes": reasonText, "stepFree": ["type": "boolean"], "conditions": conditions, "description": text,
    ]
    }

    static var operations: [Operation] {
        [
        Operation("get", "/health", "État du serveur et position du journal", .publicAccess),
        Operation("get", "/openapi.json", "Ce document", .publicAccess),
        Operation("get", "/metrics", "Métriques Prometheus", .publicAccess),
        Operation("post", "/structures", "Enregistrer une structure", .coordinator, body: object([
            "id": identifier, "name": name, "kind": ["type": "string", "enum": ["association", "cooperative", "mutuelle", "collectivite", "autre"]],
            "email": ["type": "string", "maxLength": 254], "siret": ["type": "string", "maxLength": 20], "address": address,
        ], required: ["name", "kind"])),
        Operation("get", "/structures/{id}", "Une structure", .publicAccess),
        Operation("put", "/structures/{id}/quota", "Quota mensuel d’emprunt (heures)", .coordinator, body: object(["hoursPerMonth": ["type": ["integer", "null"], "minimum": 1, "maximum": 744]])),
        Operation("post", "/rooms", "Proposer une salle", .bearer, body: object(roomProperties, required: ["name", "address", "latitude", "longitude", "capacity", "stepFree", "conditions"])),
        Operation("get", "/rooms/{id}", "Une salle ; ses disponibilités par pages de `limit` (50 par défaut, 200 au plus), la suivante au lien `next`", .publicAccess, query: [("limit", "pageLimit"), ("cursor", "cursor")]),
        Operation("patch", "/rooms/{id}", "Modifier une salle", .bearer, body: object(roomProperties.filter { $0.key != "id" && $0.key != "structure" })),
        Operation("delete", "/rooms/{id}", "Retirer une salle", .bearer, body: reason),
        Operation("post", "/rooms/{id}/availability", "Ouvrir une disponibilité (ponctuelle ou hebdomadaire)", .bearer, body: object([
            "id": identifier, "start": localDateTime, "end": localDateTime,
            "weekly": object(["weekday": ["type": "integer", "minimum": 1, "maximum": 7], "from": ["type": "string", "example": "14:00"], "to": ["type": "string", "example": "18:00"]], required: ["weekday", "from", "to"]),
            "startDate": date, "endDate": date,
        ])),
        Operation("delete", "/rooms/{id}/availability/{aid}", "Fermer une disponibilité", .bearer),
        Operation("post", "/rooms/{id}/loans", "Demander un prêt (ponctuel ou récurrent)", .bearer, body: object([
            "id": identifier, "borrower": identifier, "start": localDateTime, "end": localDateTime,
            "people": ["type": "integer", "minimum": 1, "maximum": 100_000], "purpose": ["type": "string", "minLength": 1, "maxLength": 1000],
            "repeat": object(["every": ["type": "string", "enum": ["week", "month"]], "until": date], required: ["every", "until"]),
        ], required: ["start", "end", "people", "purpose"])),
        Operation("post", "/rooms/{id}/loans/{lid}/approve", "Approuver un prêt", .bearer, body: reason),
        Operation("post", "/rooms/{id}/loans/{lid}/decline", "Refuser un prêt", .bearer, body: reason),
        Operation("post", "/rooms/{id}/loans/{lid}/cancel", "Annuler un prêt", .bearer, body: reason),
        Operation("get", "/rooms/{id}/availability", "Créneaux libres et occupés d’une salle", .publicAccess, query: [("from", "instant"), ("to", "instant")]),
        Operation("get", "/rooms/{id}/calendar.ics", "Agenda iCalendar de la salle", .publicAccess),
        Operation("get", "/rooms/{id}/freebusy.ifb", "Libre/occupé iCalendar (VFREEBUSY)", .publicAccess, query: [("from", "instant"), ("to", "instant")]),
        Operation("get", "/availability", "Salles libres sur un créneau", .publicAccess, query: [("from", "instant"), ("to", "instant"), ("people", "integer"), ("near", "string"), ("radius_km", "number")]),
        Operation("get", "/carte-ouverte.geojson", "Flux Carte-ouverte (GeoJSON RFC 7946)", .publicAccess),
        Operation("get", "/carte-ouverte.csv", "Flux Carte-ouverte (CSV)", .publicAccess),
        Operation("post", "/pepiniere/desks", "Ajouter un bureau", .coordinator, body: object(["id": identifier, "site": identifier, "label": name, "floor": ["type": "string", "maxLength": 100]], required: ["label"])),
        Operation("post", "/pepiniere/applications", "Candidater pour un bureau", .bearer, body: object([
            "id": identifier, "site": identifier, "project": name, "description": text,
            "contact": object(["name": name, "email": ["type": "string", "maxLength": 254], "phone": ["type": "string", "maxLength": 40]], required: ["name", "email"]),
        ], required: ["project", "description", "contact"])),
        Operation("post", "/pepiniere/applications/{id}/waitlist", "Inscrire une candidature sur la liste d’attente", .coordinator, body: object(["site": identifier])),
        Operation("post", "/pepiniere/applications/{id}/allocate", "Attribuer un bureau", .coordinator, body: object(["site": identifier, "desk": identifier, "start": date, "end": date, "reason": reasonText], required: ["desk", "start", "end"])),
        Operation("post", "/pepiniere/applications/{id}/offer", "Proposer un bureau avec délai de réponse", .coordinator, body: object(["site": identifier, "desk": identifier, "start": date, "end": date, "holdDays": ["type": "integer", "minimum": 1, "maximum": 30], "reason": reasonText], required: ["desk", "start", "end"])),
        Operation("post", "/pepiniere/applications/{id}/accept", "Accepter un bureau proposé", .bearer, body: object(["site": identifier])),
        Operation("post", "/pepiniere/applications/{id}/extend", "Prolonger une attribution", .coordinator, body: object(["site": identifier, "end": date], required: ["end"])),
        Operation("post", "/pepiniere/applications/{id}/leave", "Enregistrer une sortie", .coordinator, body: object(["site": identifier, "reason": reasonText, "date": date])),
        Operation("post", "/pepiniere/applications/{id}/reject", "Refuser une candidature", .coordinator, body: object(["site": identifier, "reason": reasonText])),
        Operation("get", "/pepiniere", "Tableau des bureaux et liste d’attente", .publicAccess),
        Operation("put", "/phare/capacity", "Capacité du Phare", .coordinator, body: object([
            "total": surface,
            "byUse": object(["commerce": surface, "bureaux": surface, "services": surface, "hebergement": surface]),
        ], required: ["total"])),
        Operation("post", "/phare/requests", "Demander une surface au Phare", .bearer, body: object([
            "id": identifier, "structure": identifier, "use": ["type": "string", "enum": ["commerce", "bureaux", "services", "hebergement"]],
            "surface": surface, "wishedDate": date, "notes": text,
        ], required: ["use", "surface"])),
        Operation("patch", "/phare/requests/{id}", "Modifier une demande", .bearer, body: object([
            "use": ["type": "string", "enum": ["commerce", "bureaux", "services", "hebergement"]], "surface": surface, "wishedDate": date, "notes": text,
        ])),
        Operation("delete", "/phare/requests/{id}", "Retirer une demande", .bearer, body: reason),
        Operation("post", "/phare/requests/{id}/allocate", "Attribuer une surface", .coordinator, body: object(["surface": surface], required: ["surface"])),
        Operation("post", "/phare/requests/{id}/decline", "Refuser une demande", .coordinator, body: reason),
        Operation("get", "/phare", "Demande et attributions du Phare", .publicAccess),
        Operation("get", "/reports/{year}", "Rapport d’activité de l’année (JSON ou HTML)", .coordinator, query: [("format", "format")]),
        Operation("get", "/audit/history/{stream}", "Historique d’un flux", .coordinator),
        Operation("get", "/audit/structures/{id}/history", "Historique d’une structure", .coordinator),
        Operation("get", "/audit/verify", "Vérifier la chaîne d’intégrité", .coordinator),
        Operation("get", "/audit/as-of", "Relire l’état à une date ou une position", .coordinator, query: [("at", "instant"), ("position", "position")]),
        Operation("get", "/events", "Le journal pour les abonnés (JSON ou Server-Sent Events)", .coordinator, query: [("from", "position")]),
        Operation("delete", "/people/{id}", "Effacer les données personnelles d’une personne", .coordinator),
        Operation("get", "/", "La carte des salles (page web)", .publicAccess),
    ]
    }

    /// The document.
    static func openAPI() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var item: [String: Any] = [
                "summary": operation.summary,
                "operationId": operation.method + operation.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""),
                "responses": responses(for: operation),
            ]
            var parameters: [[String: Any]] = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
                let name = String(segment.dropFirst().dropLast())
                let schema: [String: Any] = name == "stream" ? ["type": "string", "minLength": 1, "maxLength": 255]
                    : name == "year" ? ["type": "integer", "minimum": 2000, "maximum": 2100] : identifier
                return ["name": name, "in": "path", "required": true, "schema": schema]
            }
            for (name, type) in operation.query {
                let schema: [String: Any]
                switch type {
                case "instant": schema = instantQuery
                case "position": schema = ["type": "integer", "minimum": 0, "maximum": Int(QueryValue.maximumPosition)]
                case "integer", "number": schema = ["type": type]
                case "format": schema = ["type": "string", "enum": ["json", "html"]]
                case "pageLimit": schema = ["type": "integer", "minimum": 1, "maximum": AvailabilityPage.maximumLimit]
                case "cursor": schema = identifier
                default: schema = ["type": "string"]
                }
                parameters.append(["name": name, "in": "query", "required": false, "schema": schema])
            }
            if !parameters.isEmpty { item["parameters"] = parameters }
            if let body = operation.body {
                // A body whose fields are all optional may be left out (the server reads it as {}).
                let required = !((body["required"] as? [String])?.isEmpty ?? true)
                item["requestBody"] = ["required": required, "content": ["application/json": ["schema": body]]]
            }
            if operation.auth != .publicAccess { item["security"] = [["bearer": [String]()]] }
            paths[operation.path, default: [:]][operation.method] = item
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Mutualisation", "version": "1.0.0", "description": "Prêts de salles, pépinière et Phare des structures de l’ESS du Pays de Rennes. Erreurs au format RFC 9457 (application/problem+json)."],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Problem": object(["type": ["type": "string"], "title": string, "status": ["type": "integer"], "detail": text, "code": string, "field": string, "instance": ["type": "string"]]),
                    // Some writes add fields (a loan's `status`, `room`, `declined`; an application's `rank`).
                    "Written": ["type": "object", "required": ["id", "version", "position"], "additionalProperties": true, "properties": [
                        "id": ["type": "string"], "version": ["type": "integer"], "position": ["type": "integer"],
                    ] as [String: Any]] as [String: Any],
                    "Erased": object(["id": identifier, "erased": ["type": "boolean"]], required: ["id", "erased"]),
                ],
            ],
        ]
    }

    static func responses(for operation: Operation) -> [String: Any] {
        let problem: [String: Any] = ["description": "Refus (RFC 9457)", "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
        var responses: [String: Any] = ["default": problem]
        if operation.method == "get" {
            responses["200"] = ["description": "OK"]
        } else if operation.path == "/people/{id}" {
            responses["200"] = ["description": "Effacé", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Erased"]]]]
        } else {
            responses[operation.method == "post" && !operation.path.hasSuffix("approve") ? "201" : "200"] = ["description": "Écrit", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Written"]]]]
            responses["200"] = responses["200"] ?? ["description": "Écrit"]
        }
        return responses
    }
}

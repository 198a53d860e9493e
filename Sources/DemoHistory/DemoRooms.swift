import Domain

/// A room offered on the Carte-ouverte page in 2012 (details invented; owners are member
/// structures, except the Mutuelle Radiance).
struct DemoRoom {
    let id: String
    let owner: String
    let offeredAt: String
    let name: String
    let street: String
    let postcode: String
    let city: String
    let latitude: Double
    let longitude: Double
    let capacity: Int
    let surface: Double?
    let equipment: [Equipment]
    let equipmentNotes: String
    let stepFree: Bool
    let conditions: RoomConditions
    let description: String
    /// Weekly openings (weekday, from, to) over `weeklyFrom`…2012-12-31.
    let weekly: [(Weekday, String, String)]
    /// One-off openings (start, end), Paris local.
    let once: [(String, String)]
    let rules: RoomRules?
}

/// How a loan request ends in the demo.
enum DemoDecision {
    case approve(at: String)
    case decline(at: String, reason: String)
    /// Approved, then cancelled by the borrower.
    case approveThenCancel(approvedAt: String, cancelledAt: String, reason: String)
}

/// A loan requested in 2012 (purposes and dates invented, except the Radiance training of
/// 27 April 2012 with 16 participants, which is in the report).
struct DemoLoan {
    let id: String
    let room: String
    let borrower: String
    let requestedAt: String
    let start: String
    let end: String
    let people: Int
    let purpose: String
    let decision: DemoDecision
}

enum DemoRooms {
    static let rooms: [DemoRoom] = [
        DemoRoom(
            id: "salle-maison-ess", owner: "reso-solidaire", offeredAt: "2012-01-09T10:00",
            name: "Salle de réunion du 5e étage", street: "15 rue Martenot", postcode: "35000", city: "Rennes",
            latitude: 48.1130, longitude: -1.6745, capacity: 20, surface: 40,
            equipment: [.projector, .paperboard, .wifi, .accessibleToilets], equipmentNotes: "Vidéoprojecteur à réserver à l'accueil.",
            stepFree: true, conditions: .free,
            description: "Salle lumineuse au 5e étage de la Maison de l'ESS (Espace Anne de Bretagne), à côté de l'espace d'accueil partagé et de la pépinière. Ascenseur.",
            weekly: [(.tuesday, "09:00", "18:00"), (.thursday, "09:00", "18:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-radiance", owner: "mutuelle-radiance", offeredAt: "2012-01-16T11:00",
            name: "Salle de formation", street: "18 boulevard de la Liberté", postcode: "35000", city: "Rennes",
            latitude: 48.1072, longitude: -1.6790, capacity: 24, surface: 55,
            equipment: [.projector, .screen, .whiteboard, .wifi, .accessibleToilets], equipmentNotes: "",
            stepFree: true, conditions: .free,
            description: "Salle de formation de l'agence, tables en U, au rez-de-chaussée. Prêtée aux structures de l'ESS pour leurs formations et réunions.",
            weekly: [(.thursday, "08:30", "18:30"), (.friday, "08:30", "18:30")], once: [],
            rules: RoomRules(minNoticeMinutes: 2 * 24 * 60, maxAdvanceDays: 180)),
        DemoRoom(
            id: "salle-cridev", owner: "cridev", offeredAt: "2012-01-18T15:00",
            name: "Salle du centre de documentation", street: "41 avenue Janvier", postcode: "35000", city: "Rennes",
            latitude: 48.1047, longitude: -1.6737, capacity: 15, surface: 30,
            equipment: [.paperboard, .wifi], equipmentNotes: "Fonds documentaire sur la solidarité internationale consultable sur place.",
            stepFree: false, conditions: .exchange("Un coup de main pour le rangement du centre de documentation."),
            description: "Petite salle au milieu des rayonnages, au premier étage sans ascenseur.",
            weekly: [(.tuesday, "14:00", "20:00"), (.wednesday, "14:00", "20:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-ligue", owner: "ligue-enseignement-35", offeredAt: "2012-01-20T09:30",
            name: "Salle de conférence", street: "45 rue du Capitaine Maignan", postcode: "35000", city: "Rennes",
            latitude: 48.1122, longitude: -1.6905, capacity: 80, surface: 120,
            equipment: [.projector, .screen, .soundSystem, .wifi, .accessibleToilets], equipmentNotes: "Micros sans fil (2).",
            stepFree: true, conditions: .price(halfDayCents: 6000, dayCents: 10000),
            description: "Grande salle pour conférences, projections et assemblées générales. Tarif réduit pour les membres du pôle.",
            weekly: [(.monday, "14:00", "22:00"), (.thursday, "14:00", "22:00")], once: [],
            rules: RoomRules(minNoticeMinutes: 7 * 24 * 60, bufferMinutes: 60)),
        DemoRoom(
            id: "salle-mir", owner: "maison-internationale", offeredAt: "2012-02-01T10:00",
            name: "Salle polyvalente", street: "7 quai Chateaubriand", postcode: "35000", city: "Rennes",
            latitude: 48.1098, longitude: -1.6772, capacity: 50, surface: 90,
            equipment: [.projector, .soundSystem, .kitchen, .wifi], equipmentNotes: "Office avec réfrigérateur.",
            stepFree: true, conditions: .free,
            description: "Salle au bord de la Vilaine, pour rencontres interculturelles, ateliers et fêtes associatives.",
            weekly: [(.wednesday, "18:00", "22:00")],
            once: [("2012-05-19T10:00", "2012-05-19T19:00"), ("2012-10-13T10:00", "2012-10-13T19:00")], rules: nil),
        DemoRoom(
            id: "salle-squares", owner: "maison-des-squares", offeredAt: "2012-02-03T14:00",
            name: "Salle d'activités", street: "2 square Ludovic Trarieux", postcode: "35200", city: "Rennes",
            latitude: 48.0951, longitude: -1.6606, capacity: 30, surface: 60,
            equipment: [.kitchen, .paperboard, .accessibleToilets], equipmentNotes: "Jeux et tapis pour les ateliers parents-enfants.",
            stepFree: true, conditions: .free,
            description: "Salle de plain-pied dans un quartier du sud de Rennes, adaptée aux ateliers avec des familles.",
            weekly: [(.saturday, "09:00", "18:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-crij", owner: "crij-bretagne", offeredAt: "2012-02-06T09:00",
            name: "Salle d'information", street: "6 cours des Alliés", postcode: "35000", city: "Rennes",
            latitude: 48.1049, longitude: -1.6786, capacity: 25, surface: 45,
            equipment: [.projector, .screen, .wifi, .accessibleToilets], equipmentNotes: "",
            stepFree: true, conditions: .free,
            description: "Salle d'animation de l'espace jeunesse, pour ateliers emploi, orientation et mobilité.",
            weekly: [(.monday, "09:00", "12:30"), (.thursday, "09:00", "12:30")], once: [], rules: nil),
        DemoRoom(
            id: "salle-credit-coop", owner: "credit-cooperatif", offeredAt: "2012-02-13T10:00",
            name: "Salle de réunion de l'agence", street: "24 rue de Paris", postcode: "35000", city: "Rennes",
            latitude: 48.1138, longitude: -1.6680, capacity: 20, surface: 35,
            equipment: [.projector, .screen, .videoconference, .wifi, .accessibleToilets], equipmentNotes: "",
            stepFree: true, conditions: .free,
            description: "Salle de réunion ouverte en soirée aux clubs d'épargne solidaire et aux associations clientes.",
            weekly: [(.tuesday, "17:30", "21:30")], once: [], rules: nil),
        DemoRoom(
            id: "salle-val-d-ille", owner: "val-d-ille", offeredAt: "2012-02-20T11:00",
            name: "Salle du conseil communautaire", street: "1 La Métairie", postcode: "35520", city: "Montreuil-le-Gast",
            latitude: 48.2468, longitude: -1.7226, capacity: 60, surface: 110,
            equipment: [.projector, .screen, .soundSystem, .accessibleToilets], equipmentNotes: "Parking de 40 places.",
            stepFree: true, conditions: .free,
            description: "Salle de la communauté de communes, prêtée en soirée aux associations du territoire du Val d'Ille.",
            weekly: [(.tuesday, "17:00", "22:00"), (.thursday, "17:00", "22:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-familles-rurales", owner: "familles-rurales-35", offeredAt: "2012-03-01T10:00",
            name: "Salle associative", street: "12 rue de Rennes", postcode: "35310", city: "Mordelles",
            latitude: 48.0747, longitude: -1.8425, capacity: 40, surface: 70,
            equipment: [.kitchen, .paperboard], equipmentNotes: "",
            stepFree: false, conditions: .price(halfDayCents: 3000, dayCents: 5000),
            description: "Salle à l'étage d'une maison des associations, avec cuisine équipée.",
            weekly: [(.wednesday, "09:00", "18:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-scarabee", owner: "scarabee-biocoop", offeredAt: "2012-03-05T09:00",
            name: "Espace animation", street: "8 rue du Bas Village", postcode: "35510", city: "Cesson-Sévigné",
            latitude: 48.1203, longitude: -1.6052, capacity: 25, surface: 50,
            equipment: [.paperboard, .kitchen, .accessibleToilets], equipmentNotes: "Cuisine pédagogique.",
            stepFree: true, conditions: .exchange("Animation d'un atelier pour les sociétaires de la coopérative."),
            description: "Espace d'animation attenant au magasin, pour ateliers cuisine, conférences et réunions.",
            weekly: [(.thursday, "14:00", "18:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-mutualite", owner: "mutualite-francaise-35", offeredAt: "2012-03-12T10:00",
            name: "Salle de conférence", street: "26 rue Saint-Hélier", postcode: "35000", city: "Rennes",
            latitude: 48.1063, longitude: -1.6705, capacity: 70, surface: 130,
            equipment: [.projector, .screen, .soundSystem, .videoconference, .wifi, .accessibleToilets], equipmentNotes: "",
            stepFree: true, conditions: .price(halfDayCents: 8000, dayCents: 14000),
            description: "Salle de conférence pour journées d'information et formations, accueil café possible.",
            weekly: [(.thursday, "08:30", "18:00")], once: [],
            rules: RoomRules(minNoticeMinutes: 14 * 24 * 60, bufferMinutes: 30)),
        DemoRoom(
            id: "atelier-compagnons", owner: "compagnons-batisseurs", offeredAt: "2012-04-02T09:00",
            name: "Atelier de quartier", street: "3 rue Guy Ropartz", postcode: "35700", city: "Rennes",
            latitude: 48.1248, longitude: -1.6489, capacity: 12, surface: 60,
            equipment: [.whiteboard, .kitchen], equipmentNotes: "Établis et outillage (sur demande).",
            stepFree: true, conditions: .free,
            description: "Atelier d'auto-réhabilitation accompagnée, utilisable pour des réunions ou des ateliers pratiques.",
            weekly: [(.friday, "09:00", "17:00")], once: [], rules: nil),
        DemoRoom(
            id: "boutique-artisans", owner: "artisans-du-monde", offeredAt: "2012-04-16T18:00",
            name: "Arrière-boutique", street: "17 rue de Penhoët", postcode: "35000", city: "Rennes",
            latitude: 48.1128, longitude: -1.6801, capacity: 10, surface: 20,
            equipment: [.paperboard], equipmentNotes: "",
            stepFree: false, conditions: .free,
            description: "Petite salle derrière la boutique de commerce équitable, pour des réunions de bureau en soirée.",
            weekly: [(.monday, "18:00", "21:00")], once: [], rules: nil),
        DemoRoom(
            id: "salle-parasol", owner: "parasol", offeredAt: "2012-05-07T10:00",
            name: "Salle de réunion", street: "23 rue de Lorient", postcode: "35000", city: "Rennes",
            latitude: 48.1117, longitude: -1.7000, capacity: 8, surface: 18,
            equipment: [.whiteboard, .wifi], equipmentNotes: "",
            stepFree: true, conditions: .free,
            description: "Salle de réunion de la coopérative d'activités, pour des rendez-vous et petits groupes de travail.",
            weekly: [(.wednesday, "09:00", "17:00")], once: [], rules: nil),
    ]

    /// Twelve requests: ten approved and held, one declined, one approved then cancelled.
    static let loans: [DemoLoan] = [
        DemoLoan(id: "pret-ligue-2012-02-16", room: "salle-ligue", borrower: "cridev", requestedAt: "2012-01-30T14:00",
                 start: "2012-02-16T18:30", end: "2012-02-16T21:30", people: 45,
                 purpose: "Projection-débat sur le commerce équitable", decision: .approve(at: "2012-02-01T10:00")),
        DemoLoan(id: "pret-maison-ess-2012-03-13", room: "salle-maison-ess", borrower: "artisans-du-monde", requestedAt: "2012-02-27T09:30",
                 start: "2012-03-13T14:00", end: "2012-03-13T17:00", people: 12,
                 purpose: "Conseil d'administration", decision: .approve(at: "2012-02-28T11:00")),
        DemoLoan(id: "pret-squares-2012-03-31", room: "salle-squares", borrower: "parenbouge", requestedAt: "2012-03-05T20:00",
                 start: "2012-03-31T14:00", end: "2012-03-31T17:00", people: 20,
                 purpose: "Atelier parents-enfants « jeux coopératifs »",
                 decision: .approveThenCancel(approvedAt: "2012-03-07T10:00", cancelledAt: "2012-03-26T18:00",
                                              reason: "Atelier reporté : trop peu d'inscriptions.")),
        DemoLoan(id: "pret-radiance-2012-04-27", room: "salle-radiance", borrower: "reso-solidaire", requestedAt: "2012-04-10T10:15",
                 start: "2012-04-27T09:00", end: "2012-04-27T17:30", people: 16,
                 purpose: "Formation d'une journée « Trouver des ressources auprès des fondations »",
                 decision: .approve(at: "2012-04-11T09:00")),
        DemoLoan(id: "pret-mir-2012-05-19", room: "salle-mir", borrower: "collectif-bresil", requestedAt: "2012-04-23T11:00",
                 start: "2012-05-19T14:00", end: "2012-05-19T18:30", people: 40,
                 purpose: "Rencontre et atelier de percussions", decision: .approve(at: "2012-04-25T16:00")),
        DemoLoan(id: "pret-val-d-ille-2012-06-05", room: "salle-val-d-ille", borrower: "enfance-val-d-ille", requestedAt: "2012-05-14T09:00",
                 start: "2012-06-05T18:00", end: "2012-06-05T21:00", people: 35,
                 purpose: "Assemblée générale", decision: .approve(at: "2012-05-15T14:00")),
        DemoLoan(id: "pret-scarabee-2012-06-14", room: "salle-scarabee", borrower: "ecco-terra", requestedAt: "2012-05-29T10:00",
                 start: "2012-06-14T14:00", end: "2012-06-14T17:00", people: 18,
                 purpose: "Atelier sur l'éco-construction", decision: .approve(at: "2012-05-31T09:00")),
        DemoLoan(id: "pret-cridev-2012-07-10", room: "salle-cridev", borrower: "slam-connexion", requestedAt: "2012-06-18T15:00",
                 start: "2012-07-10T18:00", end: "2012-07-10T20:00", people: 12,
                 purpose: "Atelier d'écriture slam",
                 decision: .decline(at: "2012-06-20T10:00",
                                    reason: "Le centre de documentation est fermé en juillet pour inventaire ; nous vous proposons une date en septembre.")),
        DemoLoan(id: "pret-crij-2012-09-20", room: "salle-crij", borrower: "start-air", requestedAt: "2012-09-03T10:00",
                 start: "2012-09-20T09:30", end: "2012-09-20T12:00", people: 15,
                 purpose: "Atelier de préparation aux entretiens d'embauche", decision: .approve(at: "2012-09-04T09:00")),
        DemoLoan(id: "pret-credit-coop-2012-10-09", room: "salle-credit-coop", borrower: "cigales-bretagne", requestedAt: "2012-09-24T17:00",
                 start: "2012-10-09T18:30", end: "2012-10-09T21:00", people: 18,
                 purpose: "Réunion mensuelle d'un club Cigales", decision: .approve(at: "2012-09-25T09:30")),
        DemoLoan(id: "pret-mutualite-2012-11-15", room: "salle-mutualite", borrower: "una-35", requestedAt: "2012-10-22T10:00",
                 start: "2012-11-15T09:00", end: "2012-11-15T17:00", people: 45,
                 purpose: "Journée d'information sur l'aide à domicile", decision: .approve(at: "2012-10-24T11:00")),
        DemoLoan(id: "pret-maison-ess-2012-12-04", room: "salle-maison-ess", borrower: "gaspar", requestedAt: "2012-11-19T14:00",
                 start: "2012-12-04T09:30", end: "2012-12-04T12:30", people: 12,
                 purpose: "Comité de pilotage", decision: .approve(at: "2012-11-20T09:00")),
    ]
}

import Domain

/// A porteur de projet's application to the pépinière. Project names are those of the report;
/// the people and their contacts are invented (emails at example.org).
struct DemoApplication {
    let id: String
    let person: String
    let project: String
    let description: String
    let contactName: String
    let email: String
    let phone: String?
    let submittedAt: String
    /// nil: examined and rejected without being put on the list.
    let waitlistedAt: String?
}

/// What the coordinator does in the pépinière, in time order.
enum DemoPepiniereAction {
    case allocate(at: String, desk: String, application: String, start: String, end: String)
    case extend(at: String, application: String, newEnd: String)
    case recordExit(at: String, application: String, on: String, reason: String)
    /// The desk is offered to the first of the list, who accepts at `acceptedAt`.
    case offerAndAccept(at: String, desk: String, start: String, end: String, holdDays: Int, acceptedAt: String)
    case reject(at: String, application: String, reason: String)
}

enum DemoPepiniere {
    /// Four desks on the 5th floor, added when the pépinière opened in September 2011.
    static let desksAddedAt = "2011-09-01T09:00"
    static let desks: [(id: String, label: String)] = [
        ("bureau-1", "Bureau 1 (côté fenêtre)"),
        ("bureau-2", "Bureau 2 (côté fenêtre)"),
        ("bureau-3", "Bureau 3"),
        ("bureau-4", "Bureau 4 (près de l'accueil)"),
    ]
    static let floor = "5e étage"

    static let applications: [DemoApplication] = [
        DemoApplication(id: "candidature-eco-think", person: "porteur-01", project: "Eco-think",
                        description: "Bureau d'études coopératif en écoconception et sensibilisation au développement durable.",
                        contactName: "Claire Morvan", email: "claire.morvan@example.org", phone: "06 00 00 01 01",
                        submittedAt: "2011-09-05T10:00", waitlistedAt: "2011-09-08T09:00"),
        DemoApplication(id: "candidature-enercoop", person: "porteur-02", project: "Enercoop Bretagne",
                        description: "Création d'une coopérative régionale de fourniture d'électricité d'origine renouvelable (SCIC).",
                        contactName: "Yann Le Goff", email: "yann.legoff@example.org", phone: "06 00 00 01 02",
                        submittedAt: "2011-09-06T14:00", waitlistedAt: "2011-09-08T09:05"),
        DemoApplication(id: "candidature-garage-solidaire", person: "porteur-03", project: "Garage Solidaire",
                        description: "Garage associatif : réparation de véhicules à prix réduit pour les personnes en insertion.",
                        contactName: "Karim Benali", email: "karim.benali@example.org", phone: "06 00 00 01 03",
                        submittedAt: "2011-10-17T11:00", waitlistedAt: "2011-10-19T09:00"),
        DemoApplication(id: "candidature-questions-d-egalite", person: "porteur-04", project: "Questions d'égalité",
                        description: "Formations et interventions sur l'égalité entre les femmes et les hommes.",
                        contactName: "Sophie Tanguy", email: "sophie.tanguy@example.org", phone: nil,
                        submittedAt: "2011-11-14T15:00", waitlistedAt: "2011-11-16T09:00"),
        DemoApplication(id: "candidature-boutique-vintage", person: "porteur-05", project: "Boutique vintage",
                        description: "Ouverture d'une boutique de vêtements d'occasion.",
                        contactName: "Marc Durand", email: "marc.durand@example.org", phone: nil,
                        submittedAt: "2012-02-13T16:00", waitlistedAt: nil),
        DemoApplication(id: "candidature-octopousse", person: "porteur-06", project: "Octopousse",
                        description: "Coopérative de conseil et d'accompagnement de projets culturels.",
                        contactName: "Léa Guillou", email: "lea.guillou@example.org", phone: "06 00 00 01 05",
                        submittedAt: "2012-05-10T10:00", waitlistedAt: "2012-05-14T09:00"),
        DemoApplication(id: "candidature-cantine-quartiers", person: "porteur-07", project: "La Cantine des quartiers",
                        description: "Restaurant associatif et atelier cuisine dans un quartier prioritaire.",
                        contactName: "Nadia Hamon", email: "nadia.hamon@example.org", phone: "06 00 00 01 07",
                        submittedAt: "2012-10-15T10:30", waitlistedAt: "2012-10-17T09:00"),
        DemoApplication(id: "candidature-velo-ecole", person: "porteur-08", project: "Vélo-école solidaire",
                        description: "Apprentissage du vélo pour adultes et remise en selle, avec un atelier de réparation.",
                        contactName: "Thomas Riou", email: "thomas.riou@example.org", phone: nil,
                        submittedAt: "2012-11-26T14:00", waitlistedAt: "2012-11-28T09:00"),
    ]

    /// Four allocations from autumn 2011 (one year at most each), one exit and one entry in 2012.
    static let actions: [DemoPepiniereAction] = [
        .allocate(at: "2011-09-12T10:00", desk: "bureau-1", application: "candidature-eco-think", start: "2011-10-03", end: "2012-04-03"),
        .allocate(at: "2011-09-12T10:05", desk: "bureau-2", application: "candidature-enercoop", start: "2011-10-03", end: "2012-10-03"),
        .allocate(at: "2011-10-24T10:00", desk: "bureau-3", application: "candidature-garage-solidaire", start: "2011-11-07", end: "2012-11-07"),
        .allocate(at: "2011-11-21T10:00", desk: "bureau-4", application: "candidature-questions-d-egalite", start: "2011-12-05", end: "2012-06-05"),
        .reject(at: "2012-02-20T10:00", application: "candidature-boutique-vintage",
                reason: "Projet commercial individuel : la pépinière accueille des projets collectifs de l'ESS. Orientation vers les réseaux d'aide à la création d'entreprise."),
        .extend(at: "2012-03-19T10:00", application: "candidature-eco-think", newEnd: "2012-10-03"),
        .extend(at: "2012-05-21T10:00", application: "candidature-questions-d-egalite", newEnd: "2012-12-05"),
        .recordExit(at: "2012-06-29T17:00", application: "candidature-garage-solidaire", on: "2012-06-29",
                    reason: "Le projet a trouvé son local : un atelier à Saint-Jacques-de-la-Lande."),
        .offerAndAccept(at: "2012-06-29T17:30", desk: "bureau-3", start: "2012-07-02", end: "2013-07-02", holdDays: 7,
                        acceptedAt: "2012-06-30T11:00"),
    ]
}

/// Le Phare: the 4,000 m² planned for 2016 in the Blosne, split by use (split invented), and the
/// requests of 2012 (invented).
struct DemoPhareRequest {
    let id: String
    let structure: String
    let use: PhareUse
    let surface: Double
    let wishedDate: String?
    let notes: String
    let requestedAt: String
}

enum DemoPhare {
    static let capacitySetAt = "2012-01-23T10:00"
    static let total: Double = 4000
    static let perUse: [PhareUse: Double] = [.commerce: 900, .bureaux: 1500, .services: 1000, .hebergement: 600]

    static let requests: [DemoPhareRequest] = [
        DemoPhareRequest(id: "phare-scarabee", structure: "scarabee-biocoop", use: .commerce, surface: 450, wishedDate: "2016-09-01",
                         notes: "Magasin bio de quartier avec un coin restauration.", requestedAt: "2012-03-14T10:00"),
        DemoPhareRequest(id: "phare-cridev", structure: "cridev", use: .bureaux, surface: 80, wishedDate: "2016-01-04",
                         notes: "Bureaux et centre de documentation sur la solidarité internationale.", requestedAt: "2012-04-04T11:00"),
        DemoPhareRequest(id: "phare-una", structure: "una-35", use: .services, surface: 220, wishedDate: "2016-06-01",
                         notes: "Accueil du public et bureaux d'un service d'aide à domicile.", requestedAt: "2012-05-22T15:00"),
        DemoPhareRequest(id: "phare-maison-en-ville", structure: "maison-en-ville", use: .hebergement, surface: 800, wishedDate: nil,
                         notes: "Logements temporaires pour jeunes en insertion (une vingtaine de studios).", requestedAt: "2012-06-12T10:00"),
        DemoPhareRequest(id: "phare-elan-createur", structure: "elan-createur", use: .bureaux, surface: 150, wishedDate: "2016-03-01",
                         notes: "Bureaux partagés pour les entrepreneurs-salariés de la coopérative.", requestedAt: "2012-09-18T09:30"),
        DemoPhareRequest(id: "phare-artisans", structure: "artisans-du-monde", use: .commerce, surface: 120, wishedDate: nil,
                         notes: "Boutique de commerce équitable.", requestedAt: "2012-10-02T18:00"),
    ]

    /// The coordinator's decisions: Scarabée gets part of its request, La Maison en ville is declined.
    static let allocations: [(at: String, request: String, surface: Double)] = [
        ("2012-11-22T10:00", "phare-scarabee", 300),
    ]
    static let declines: [(at: String, request: String, reason: String)] = [
        ("2012-11-22T10:30", "phare-maison-en-ville",
         "La part hébergement du programme est de 600 m² : une demande de 800 m² ne peut pas être retenue en l'état. Une demande ajustée (400 m² au plus) sera étudiée."),
    ]
}

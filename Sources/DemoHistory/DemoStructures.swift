import Domain

/// The legal persons of the demo: the pôle's member structures in 2012 as published in its
/// activity report, plus the pôle itself (it organises trainings and lends its room at the Maison
/// de l'ESS) and the Mutuelle Radiance (not a member, but it lent a room on 27 April 2012).
/// Legal persons' names are public; no individual appears here.
enum DemoStructures {
    /// (slug, published name, kind). Kinds follow the report's count (7 coopératives,
    /// 2 mutuelles, 1 collectivité, 37 associations); GEDES 35, a groupement d'employeurs, is filed
    /// as `other`.
    static let members: [(id: String, name: String, kind: StructureKind)] = [
        ("adec", "ADEC-Maison du théâtre amateur", .association),
        ("ades", "ADES", .association),
        ("amities-sociales", "Amitiés sociales", .association),
        ("apeb-enercoop", "APEB-Enercoop Bretagne", .association),
        ("artisans-du-monde", "Artisans du monde", .association),
        ("asfad", "ASFAD", .association),
        ("apf", "Association des paralysés de France", .association),
        ("emplois-familiaux", "Association emplois familiaux", .association),
        ("au-bout-du-plongeoir", "Au bout du plongeoir", .association),
        ("cerise", "Cerise", .association),
        ("cezam-35", "Cezam Ille-et-Vilaine", .association),
        ("collectif-bresil", "Collectif Brésil", .association),
        ("val-d-ille", "Communauté de communes du Val d'Ille", .collectivite),
        ("alter-ego", "Compagnie Alter Ego", .association),
        ("compagnons-batisseurs", "Compagnons bâtisseurs Bretagne", .association),
        ("coop-de-construction", "Coop de construction", .cooperative),
        ("credit-cooperatif", "Crédit coopératif", .cooperative),
        ("cridev", "CRIDEV", .association),
        ("crij-bretagne", "CRIJ Bretagne", .association),
        ("domi-services", "Domi' services", .association),
        ("ecco", "ECCO", .association),
        ("ecco-terra", "ECCO Terra", .association),
        ("elan-batisseur", "Elan bâtisseur", .cooperative),
        ("elan-createur", "Elan créateur", .cooperative),
        ("enfance-val-d-ille", "Enfance Val d'Ille", .association),
        ("familles-rurales-35", "Familles rurales 35", .association),
        ("gaspar", "GASPAR", .association),
        ("gedes-35", "GEDES 35", .other),
        ("ligue-enseignement-35", "La Ligue de l'enseignement 35", .association),
        ("maison-en-ville", "La Maison en ville", .association),
        ("cigales-bretagne", "Les Cigales de Bretagne", .association),
        ("maif", "MAIF", .mutuelle),
        ("maison-des-squares", "Maison des squares", .association),
        ("maison-internationale", "Maison internationale de Rennes", .association),
        ("mutualite-francaise-35", "Mutualité française 35", .mutuelle),
        ("oxalis", "Oxalis", .cooperative),
        ("parasol", "Parasol", .cooperative),
        ("parenbouge", "Parenbougé", .association),
        ("paysages-services", "Paysages services", .association),
        ("puzzle-compagnie", "Puzzle compagnie", .association),
        ("questions-d-egalite", "Questions d'égalité", .association),
        ("recit-bretagne", "Récit Bretagne", .association),
        ("saint-gilles-solidarite", "Saint-Gilles solidarité", .association),
        ("scarabee-biocoop", "Scarabée biocoop", .cooperative),
        ("slam-connexion", "Slam connexion", .association),
        ("snc", "Solidarités nouvelles face au chômage", .association),
        ("start-air", "Start'air", .association),
        ("una-35", "UNA 35", .association),
    ]

    /// Structures that are not in the published member list but act in the demo.
    static let others: [(id: String, name: String, kind: StructureKind)] = [
        ("reso-solidaire", "Réso solidaire – pôle ESS du Pays de Rennes", .association),
        ("mutuelle-radiance", "Mutuelle Radiance", .mutuelle),
    ]
}

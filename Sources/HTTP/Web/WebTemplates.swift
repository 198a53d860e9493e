/// The Mustache templates of the web application, by name. `{{x}}` is escaped HTML; `{{>field}}`
/// draws one ``FormField``; every form carries `{{csrf}}`. Words are French, for people.
enum WebTemplates {
    static let all: [String: String] = [
        "layout": layout, "field": field, "csrf": csrf, "message": message,
        "home": home, "room": room, "roomForm": roomForm,
        "pepiniere": pepiniere, "phare": phare, "invitation": invitation, "signIn": signIn,
        "structureHome": structureHome, "porteurHome": porteurHome, "coordinatorHome": coordinatorHome,
        "access": access, "desks": desks, "phareAdmin": phareAdmin, "report": report,
        "history": history, "audit": audit, "replay": replay,
    ]

    static let layout = """
    <!doctype html>
    <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} — Mutualisation</title><link rel="stylesheet" href="/app/static/site.css"></head>
    <body><a class="skip" href="#contenu">Aller au contenu</a>
    <header class="site"><div class="bar"><a class="brand" href="/">Mutualisation</a>
    <nav aria-label="Navigation principale"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
    {{#signedIn}}<form method="post" action="/app/deconnexion" class="signout"><input type="hidden" name="csrf" value="{{csrf}}"><span class="who">{{who}}</span> <button type="submit">Se déconnecter</button></form>{{/signedIn}}
    </div></header>
    <main id="contenu" tabindex="-1">
    {{#flash}}<p class="flash" role="status"><strong>C’est fait.</strong> {{flash}}</p>{{/flash}}
    {{#error}}<div class="error-summary" role="alert"><h2>Rien n’a été enregistré</h2><p>{{error}}</p></div>{{/error}}
    {{{content}}}
    </main>
    <footer class="site"><p>Mutualisation — pôle de l’économie sociale et solidaire du Pays de Rennes. Données ouvertes (Licence Ouverte 2.0) : <a href="/carte-ouverte.geojson">GeoJSON</a> · <a href="/carte-ouverte.csv">CSV</a> · <a href="/openapi.json">API</a></p></footer>
    </body></html>
    """

    static let csrf = #"<input type="hidden" name="csrf" value="{{csrf}}">"#

    static let field = """
    <div class="field{{#hasError}} invalid{{/hasError}}{{#isCheckbox}} check{{/isCheckbox}}">\
    {{#isCheckbox}}<input type="checkbox" id="{{id}}{{value}}" name="{{name}}" value="{{#hasValue}}{{value}}{{/hasValue}}{{^hasValue}}on{{/hasValue}}"{{#checked}} checked{{/checked}}{{#hasError}} aria-invalid="true"{{/hasError}}{{#hasDescription}} aria-describedby="{{describedBy}}"{{/hasDescription}}> <label for="{{id}}{{value}}">{{label}}</label>{{#hasError}}<p class="field-error" id="e-{{id}}"><strong>Erreur :</strong> {{error}}</p>{{/hasError}}{{/isCheckbox}}\
    {{^isCheckbox}}<label for="{{id}}">{{label}}{{#required}} <span class="required">(obligatoire)</span>{{/required}}</label>\
    {{#hasHint}}<p class="hint" id="h-{{id}}">{{hint}}</p>{{/hasHint}}\
    {{#hasError}}<p class="field-error" id="e-{{id}}"><strong>Erreur :</strong> {{error}}</p>{{/hasError}}\
    {{#isInput}}<input type="{{type}}" id="{{id}}" name="{{name}}" value="{{value}}"{{#required}} required{{/required}}{{#hasMin}} min="{{min}}"{{/hasMin}}{{#hasMax}} max="{{max}}"{{/hasMax}}{{#hasStep}} step="{{step}}"{{/hasStep}}{{#hasAutocomplete}} autocomplete="{{autocomplete}}"{{/hasAutocomplete}}{{#hasError}} aria-invalid="true"{{/hasError}}{{#hasDescription}} aria-describedby="{{describedBy}}"{{/hasDescription}}>{{/isInput}}\
    {{#isTextarea}}<textarea id="{{id}}" name="{{name}}" rows="4"{{#required}} required{{/required}}{{#hasError}} aria-invalid="true"{{/hasError}}{{#hasDescription}} aria-describedby="{{describedBy}}"{{/hasDescription}}>{{value}}</textarea>{{/isTextarea}}\
    {{#isSelect}}<select id="{{id}}" name="{{name}}"{{#required}} required{{/required}}{{#hasError}} aria-invalid="true"{{/hasError}}{{#hasDescription}} aria-describedby="{{describedBy}}"{{/hasDescription}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}\
    {{/isCheckbox}}</div>
    """

    static let message = """
    <h1>{{heading}}</h1>
    <p>{{text}}</p>
    {{#link}}<p><a href="{{link}}">{{linkLabel}}</a></p>{{/link}}
    """

    static let home = """
    <h1>Salles à partager entre structures de l’ESS</h1>
    <p>Les salles que les associations, coopératives, mutuelles et collectivités du Pays de Rennes se prêtent.
    Pour emprunter une salle, ouvrez sa page ; pour proposer les vôtres, <a href="/app">connectez-vous</a>.</p>
    <form method="get" action="/" class="filters" aria-labelledby="filters-title">
    <h2 id="filters-title">Chercher une salle</h2>
    <div class="row">{{#filterFields}}{{>field}}{{/filterFields}}</div>
    <fieldset><legend>Équipement</legend><div class="row">{{#equipmentFields}}{{>field}}{{/equipmentFields}}</div></fieldset>
    <fieldset><legend>Près d’un lieu (facultatif)</legend><div class="row">{{#nearFields}}{{>field}}{{/nearFields}}</div></fieldset>
    <p><button type="submit">Chercher</button> <a href="/">Tout afficher</a></p>
    </form>
    {{#filterError}}<div class="error-summary" role="alert"><h2>Recherche impossible</h2><p>{{filterError}}</p></div>{{/filterError}}
    <div class="layout">
    <section aria-labelledby="map-title"><h2 id="map-title">Carte</h2>
    <svg id="map" viewBox="0 0 400 400" role="img" aria-label="Carte des {{count}} salles trouvées autour de Rennes" data-rooms="{{roomIDs}}"><rect x="0" y="0" width="400" height="400" class="land"/></svg>
    <p id="map-status" aria-live="polite">La carte se dessine avec JavaScript ; la liste donne les mêmes salles.</p></section>
    <section aria-labelledby="list-title"><h2 id="list-title">{{countLabel}}</h2>
    <ul id="rooms" class="cards">
    {{#rooms}}<li class="room" data-id="{{id}}"><h3><a href="/app/salles/{{id}}">{{name}}</a></h3>
    <p>{{structure}} — {{street}}, {{postcode}} {{city}}{{#distance}} · à {{distance}} km{{/distance}}</p>
    <p>{{capacity}} personnes{{#surface}} · {{surface}} m²{{/surface}}{{#stepFree}} · <span class="tag">accessible de plain-pied</span>{{/stepFree}}{{#equipment}} · {{equipment}}{{/equipment}}</p></li>{{/rooms}}
    {{^rooms}}<li>Aucune salle ne répond à ces critères.</li>{{/rooms}}
    </ul></section></div>
    <script src="/app/static/carte.js" defer></script>
    """

    static let room = """
    <p><a href="/">← Toutes les salles</a></p>
    <h1>{{name}}</h1>
    <p class="lead">{{structure}} — {{street}}, {{postcode}} {{city}}</p>
    {{#withdrawn}}<p class="notice" role="status"><strong>Salle retirée :</strong> elle n’est plus proposée.</p>{{/withdrawn}}
    <dl class="facts"><dt>Capacité</dt><dd>{{capacity}} personnes</dd>{{#surface}}<dt>Surface</dt><dd>{{surface}} m²</dd>{{/surface}}
    <dt>Accès de plain-pied</dt><dd>{{stepFreeLabel}}</dd><dt>Équipement</dt><dd>{{equipmentLabel}}</dd><dt>Conditions</dt><dd>{{conditions}}</dd></dl>
    {{#description}}<p>{{description}}</p>{{/description}}
    <p>S’abonner à l’agenda de la salle (Thunderbird, Nextcloud, Google Agenda) : <a href="{{webcalURL}}">s’abonner</a> · <a href="{{calendarURL}}">fichier iCalendar</a> · <a href="/rooms/{{id}}/freebusy.ifb">libre/occupé</a>
    <br><span class="hint">Adresse à copier dans votre agenda : <code>{{subscribeURL}}</code></span></p>
    <section aria-labelledby="week-title"><h2 id="week-title">Semaine du {{weekLabel}}</h2>
    <p><a href="?semaine={{previousWeek}}">← Semaine précédente</a> · <a href="?semaine={{nextWeek}}">Semaine suivante →</a></p>
    <table class="agenda"><caption>Disponibilités de la salle, heure de Paris</caption>
    <thead><tr><th scope="col">Créneau</th><th scope="col">État</th></tr></thead><tbody>
    {{#slots}}<tr class="{{kind}}"><td>{{when}}</td><td><span class="badge {{kind}}">{{label}}</span></td></tr>{{/slots}}
    {{^slots}}<tr><td colspan="2">Aucune disponibilité cette semaine.</td></tr>{{/slots}}
    </tbody></table></section>
    {{#canRequest}}<section aria-labelledby="request-title"><h2 id="request-title">Demander cette salle</h2>
    <form method="post" action="/app/salles/{{id}}/demandes" class="card" novalidate>{{>csrf}}{{#requestFields}}{{>field}}{{/requestFields}}
    <p><button type="submit">Envoyer la demande</button></p></form></section>{{/canRequest}}
    {{#signInToRequest}}<p class="notice">Pour demander cette salle, <a href="/app">connectez-vous</a> avec le lien d’invitation de votre structure.</p>{{/signInToRequest}}
    {{#isOwner}}<section aria-labelledby="manage-title"><h2 id="manage-title">Gérer la salle</h2>
    <p><a href="/app/salles/{{id}}/modifier">Modifier les informations</a></p>
    <h3>Demandes et prêts</h3>
    <p class="hint" id="h-loan-reasons">Motifs de refus et d’annulation — \(FormField.publicTextHint)</p>
    <ul class="cards">{{#loans}}<li><strong>{{borrower}}</strong> — {{when}} — {{people}} personnes — <span class="badge {{statusClass}}">{{status}}</span><br>{{purpose}}
    {{#pending}}<form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/approuver" class="inline">{{>csrf}}<button type="submit">Approuver</button></form>
    <form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/refuser" class="inline">{{>csrf}}<label for="reason-{{loanID}}">Motif du refus</label> <input id="reason-{{loanID}}" name="reason" required maxlength="1000" aria-describedby="h-loan-reasons"> <button type="submit">Refuser</button></form>{{/pending}}
    {{#approved}}<form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/annuler" class="inline">{{>csrf}}<label for="cancel-{{loanID}}">Motif</label> <input id="cancel-{{loanID}}" name="reason" maxlength="1000" aria-describedby="h-loan-reasons"> <button type="submit">Annuler le prêt</button></form>{{/approved}}</li>{{/loans}}
    {{^loans}}<li>Aucune demande pour l’instant.</li>{{/loans}}</ul>
    <h3>Disponibilités ouvertes</h3>
    <ul class="cards">{{#availabilities}}<li>{{label}} <form method="post" action="/app/salles/{{roomID}}/disponibilites/{{availabilityID}}/fermer" class="inline">{{>csrf}}<button type="submit">Fermer</button></form></li>{{/availabilities}}
    {{^availabilities}}<li>Aucune : la salle n’apparaît pas comme libre.</li>{{/availabilities}}</ul>
    <form method="post" action="/app/salles/{{id}}/disponibilites" class="card" novalidate aria-labelledby="open-title"><h3 id="open-title">Ouvrir des disponibilités</h3>{{>csrf}}
    {{#availabilityFields}}{{>field}}{{/availabilityFields}}
    <p><button type="submit">Ouvrir</button></p></form>
    <form method="post" action="/app/salles/{{id}}/retirer" class="card danger" novalidate aria-labelledby="withdraw-title"><h3 id="withdraw-title">Retirer la salle</h3>{{>csrf}}
    <p>La salle disparaît de la carte et ses prêts à venir sont annulés, avec ce motif.</p>
    <div class="field"><label for="withdraw-reason">Motif</label><p class="hint" id="h-withdraw-reason">\(FormField.publicTextHint)</p><input id="withdraw-reason" name="reason" maxlength="1000" aria-describedby="h-withdraw-reason"></div>
    <p><button type="submit">Retirer la salle</button></p></form></section>{{/isOwner}}
    {{#isCoordinator}}<p><a href="/app/coordination/historique?flux={{stream}}">Historique de la salle</a></p>{{/isCoordinator}}
    """

    static let roomForm = """
    <h1>{{heading}}</h1>
    <form method="post" action="{{action}}" class="card" novalidate>{{>csrf}}
    {{#fields}}{{>field}}{{/fields}}
    <fieldset><legend>Équipement</legend><div class="row">{{#equipmentFields}}{{>field}}{{/equipmentFields}}</div></fieldset>
    <p><button type="submit">{{submit}}</button> <a href="{{cancel}}">Annuler</a></p></form>
    """

    static let pepiniere = """
    <h1>La pépinière d’entreprises</h1>
    <p>Un bureau par projet émergent, pour un an au plus. Le tableau au {{today}}.</p>
    <table class="board"><caption>Bureaux</caption><thead><tr><th scope="col">Bureau</th><th scope="col">État</th><th scope="col">Projet</th><th scope="col">Du</th><th scope="col">Au</th><th scope="col">Jours restants</th></tr></thead><tbody>
    {{#desks}}<tr><th scope="row">{{label}}</th><td><span class="badge {{statusClass}}">{{status}}</span></td><td>{{project}}</td><td>{{from}}</td><td>{{until}}</td><td>{{daysLeft}}</td></tr>{{/desks}}
    {{^desks}}<tr><td colspan="6">Aucun bureau.</td></tr>{{/desks}}</tbody></table>
    <h2>Liste d’attente</h2>
    <p class="hint" id="h-waiting-reasons">Motifs — \(FormField.publicTextHint)</p>
    <ol class="waiting">{{#waiting}}<li value="{{rank}}">{{project}} <span class="muted">(déposée le {{submitted}})</span></li>{{/waiting}}</ol>
    {{^waiting}}<p>Personne n’attend.</p>{{/waiting}}
    """

    static let phare = """
    <h1>Le Phare : la demande face aux surfaces</h1>
    <p>Le futur bâtiment partagé de 4 000 m² : surfaces demandées et allouées par usage.</p>
    <table class="board"><caption>Surfaces en m²</caption><thead><tr><th scope="col">Usage</th><th scope="col">Capacité</th><th scope="col">Demandé</th><th scope="col">Alloué</th><th scope="col">Reste</th><th scope="col">Demandes ouvertes</th></tr></thead><tbody>
    {{#uses}}<tr><th scope="row">{{use}}</th><td>{{capacity}}</td><td>{{requested}}</td><td>{{allocated}}</td><td>{{remaining}}</td><td>{{open}}</td></tr>{{/uses}}</tbody>
    <tfoot>{{#total}}<tr><th scope="row">Total</th><td>{{capacity}}</td><td>{{requested}}</td><td>{{allocated}}</td><td>{{remaining}}</td><td>{{open}}</td></tr>{{/total}}</tfoot></table>
    {{#bars}}<figure><svg role="img" aria-label="Demandé et capacité par usage" viewBox="0 0 520 {{height}}" width="100%">{{#rows}}<text x="0" y="{{textY}}" class="axis">{{use}}</text><rect x="120" y="{{y}}" width="{{capacityWidth}}" height="14" class="capacity"/><rect x="120" y="{{y2}}" width="{{requestedWidth}}" height="14" class="requested"/>{{/rows}}</svg>
    <figcaption>Barre claire : capacité ; barre foncée : surface demandée.</figcaption></figure>{{/bars}}
    """

    static let signIn = """
    <h1>Connexion</h1>
    <p>On se connecte à Mutualisation avec le <strong>lien d’invitation</strong> que la coordination envoie à chaque structure et à chaque porteur de projet.
    Le lien sert une fois ; la session dure sept jours. Sans lien, vous pouvez consulter <a href="/">la carte des salles</a>, <a href="/app/pepiniere">la pépinière</a> et <a href="/app/phare">Le Phare</a>.</p>
    """

    static let invitation = """
    <h1>Invitation</h1>
    <p>Ce lien vous connecte à Mutualisation en tant que <strong>{{roleLabel}}</strong>{{#label}} ({{label}}){{/label}}. Il ne sert qu’une fois.</p>
    <form method="post" action="/app/invitation/{{code}}" class="card" novalidate><p><button type="submit">Me connecter</button></p></form>
    """

    static let structureHome = """
    <h1>{{structureName}}</h1>
    <p><a class="button" href="/app/salles/nouvelle">Proposer une salle</a></p>
    <section aria-labelledby="rooms-title"><h2 id="rooms-title">Nos salles</h2>
    <ul class="cards">{{#rooms}}<li><h3><a href="/app/salles/{{id}}">{{name}}</a>{{#withdrawn}} <span class="badge declined">retirée</span>{{/withdrawn}}</h3>
    <p>{{pending}} demande(s) en attente · {{approved}} prêt(s) confirmé(s) · agenda : <a href="{{webcal}}">s’abonner</a>, <code>{{subscribe}}</code></p></li>{{/rooms}}
    {{^rooms}}<li>Vous ne proposez pas encore de salle.</li>{{/rooms}}</ul></section>
    <section aria-labelledby="incoming-title"><h2 id="incoming-title">Demandes reçues à traiter</h2>
    <p class="hint" id="h-incoming-reasons">Motifs de refus — \(FormField.publicTextHint)</p>
    <ul class="cards">{{#incoming}}<li><a href="/app/salles/{{roomID}}">{{room}}</a> — <strong>{{borrower}}</strong> — {{when}} — {{people}} personnes<br>{{purpose}}
    <form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/approuver" class="inline">{{>csrf}}<button type="submit">Approuver</button></form>
    <form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/refuser" class="inline">{{>csrf}}<label for="r-{{loanID}}">Motif du refus</label> <input id="r-{{loanID}}" name="reason" required maxlength="1000" aria-describedby="h-incoming-reasons"> <button type="submit">Refuser</button></form></li>{{/incoming}}
    {{^incoming}}<li>Aucune demande en attente.</li>{{/incoming}}</ul></section>
    <section aria-labelledby="mine-title"><h2 id="mine-title">Nos demandes de salles</h2>
    <ul class="cards">{{#outgoing}}<li><a href="/app/salles/{{roomID}}">{{room}}</a> — {{when}} — <span class="badge {{statusClass}}">{{status}}</span>{{#reason}} — motif : {{reason}}{{/reason}}
    {{#cancellable}}<form method="post" action="/app/salles/{{roomID}}/prets/{{loanID}}/annuler" class="inline">{{>csrf}}<button type="submit">Annuler</button></form>{{/cancellable}}</li>{{/outgoing}}
    {{^outgoing}}<li>Aucune demande. Cherchez une salle sur <a href="/">la carte</a>.</li>{{/outgoing}}</ul></section>
    <section aria-labelledby="phare-title"><h2 id="phare-title">Nos demandes d’espace au Phare</h2>
    <ul class="cards">{{#phare}}<li>{{use}} — {{surface}} m² — <span class="badge {{statusClass}}">{{status}}</span>
    {{#open}}<form method="post" action="/app/phare/demandes/{{id}}/retirer" class="inline">{{>csrf}}<button type="submit">Retirer</button></form>{{/open}}</li>{{/phare}}
    {{^phare}}<li>Aucune demande.</li>{{/phare}}</ul>
    <form method="post" action="/app/phare/demandes" class="card" novalidate aria-labelledby="phare-form-title"><h3 id="phare-form-title">Demander un espace au Phare</h3>{{>csrf}}
    {{#phareFields}}{{>field}}{{/phareFields}}<p><button type="submit">Envoyer la demande</button></p></form></section>
    """

    static let porteurHome = """
    <h1>Ma candidature à la pépinière</h1>
    {{#application}}<dl class="facts"><dt>Projet</dt><dd>{{project}}</dd><dt>État</dt><dd><span class="badge {{statusClass}}">{{status}}</span></dd>
    {{#rank}}<dt>Place sur la liste d’attente</dt><dd>{{rank}}</dd>{{/rank}}{{#desk}}<dt>Bureau</dt><dd>{{desk}}, du {{from}} au {{until}}</dd>{{/desk}}</dl>
    {{#offer}}<section class="card" aria-labelledby="offer-title"><h2 id="offer-title">Un bureau vous est proposé</h2><p>{{offer}} Répondez avant le {{holdUntil}} ; sans réponse, il est proposé au projet suivant.</p>
    <form method="post" action="/app/pepiniere/candidature/{{id}}/accepter">{{>csrf}}<button type="submit">J’accepte le bureau</button></form></section>{{/offer}}{{/application}}
    {{^application}}<p>Déposez votre candidature : la coordination attribue les bureaux dans l’ordre d’arrivée, un an au plus.</p>
    <form method="post" action="/app/pepiniere/candidature" class="card" novalidate>{{>csrf}}{{#fields}}{{>field}}{{/fields}}<p><button type="submit">Déposer ma candidature</button></p></form>{{/application}}
    """

    static let coordinatorHome = """
    <h1>Coordination</h1>
    <ul class="tiles">
    <li><a href="/app/coordination/acces">Structures et accès</a><p>Inscrire une structure, inviter, révoquer.</p></li>
    <li><a href="/app/coordination/pepiniere">Bureaux de la pépinière</a><p>{{desksTaken}} bureau(x) occupé(s) sur {{desks}}, {{waiting}} projet(s) en attente, {{endingSoon}} fin(s) dans 60 jours.</p></li>
    <li><a href="/app/coordination/phare">Allocations du Phare</a><p>{{phareOpen}} demande(s) ouverte(s).</p></li>
    <li><a href="/app/coordination/rapport">Rapport d’activité</a><p>Les chiffres de l’année, imprimables.</p></li>
    <li><a href="/app/coordination/audit">Audit du journal</a><p>Vérifier que personne n’a modifié l’historique ; revoir une vue à une date.</p></li>
    </ul>
    <h2>Salles</h2>
    <ul class="cards">{{#rooms}}<li><a href="/app/salles/{{id}}">{{name}}</a> — {{structure}} · <a href="/app/coordination/historique?flux={{stream}}">historique</a></li>{{/rooms}}</ul>
    """

    static let access = """
    <h1>Structures et accès</h1>
    {{#newLink}}<section class="card highlight" aria-labelledby="link-title"><h2 id="link-title">Lien d’invitation à transmettre</h2>
    <p>Ce lien ne sera plus affiché. Il sert une fois, avant le {{newLinkExpires}}.</p><p><input aria-label="Lien d’invitation" readonly value="{{newLink}}" class="wide" id="invitation-link"></p></section>{{/newLink}}
    <section aria-labelledby="invite-title"><h2 id="invite-title">Inviter une personne</h2>
    <form method="post" action="/app/coordination/invitations" class="card" novalidate>{{>csrf}}{{#inviteFields}}{{>field}}{{/inviteFields}}<p><button type="submit">Créer le lien</button></p></form></section>
    <section aria-labelledby="structures-title"><h2 id="structures-title">Structures membres</h2>
    <table class="board"><thead><tr><th scope="col">Structure</th><th scope="col">Identifiant</th><th scope="col">Type</th><th scope="col">Historique</th></tr></thead><tbody>
    {{#structures}}<tr><th scope="row">{{name}}</th><td><code>{{id}}</code></td><td>{{kind}}</td><td><a href="/app/coordination/historique?structure={{id}}">historique</a></td></tr>{{/structures}}</tbody></table>
    <form method="post" action="/app/coordination/structures" class="card" novalidate aria-labelledby="register-title"><h3 id="register-title">Inscrire une structure</h3>{{>csrf}}{{#structureFields}}{{>field}}{{/structureFields}}<p><button type="submit">Inscrire</button></p></form></section>
    <section aria-labelledby="invitations-title"><h2 id="invitations-title">Invitations et sessions</h2>
    <table class="board"><thead><tr><th scope="col">Personne</th><th scope="col">Rôle</th><th scope="col">Créée le</th><th scope="col">État</th><th scope="col">Action</th></tr></thead><tbody>
    {{#invitations}}<tr><th scope="row">{{label}}</th><td>{{role}}</td><td>{{created}}</td><td>{{state}}</td><td>{{#active}}<form method="post" action="/app/coordination/invitations/{{id}}/revoquer" class="inline">{{>csrf}}<button type="submit">Révoquer</button></form>{{/active}}</td></tr>{{/invitations}}</tbody></table></section>
    <section aria-labelledby="tokens-title"><h2 id="tokens-title">Jetons d’API (programmes)</h2>
    <table class="board"><thead><tr><th scope="col">Libellé</th><th scope="col">Rôle</th><th scope="col">Pour</th><th scope="col">État</th><th scope="col">Action</th></tr></thead><tbody>
    {{#tokens}}<tr><th scope="row">{{label}}</th><td>{{role}}</td><td>{{subject}}</td><td>{{state}}</td><td>{{#active}}<form method="post" action="/app/coordination/jetons/{{id}}/revoquer" class="inline">{{>csrf}}<button type="submit">Révoquer</button></form>{{/active}}</td></tr>{{/tokens}}</tbody></table></section>
    """

    static let desks = """
    <h1>Bureaux de la pépinière</h1>
    <p>Le tableau au {{today}}. Un bureau par projet, un an au plus ; la liste d’attente est servie dans l’ordre d’arrivée (sinon, un motif écrit est exigé et gardé).</p>
    <table class="board"><caption>Bureaux</caption><thead><tr><th scope="col">Bureau</th><th scope="col">État</th><th scope="col">Projet</th><th scope="col">Du</th><th scope="col">Au</th><th scope="col">Jours restants</th><th scope="col">Actions</th></tr></thead><tbody>
    {{#desks}}<tr><th scope="row">{{label}}</th><td><span class="badge {{statusClass}}">{{status}}</span></td><td>{{project}}</td><td>{{from}}</td><td>{{until}}</td><td>{{daysLeft}}</td><td>
    {{#application}}<form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/prolonger" class="inline">{{>csrf}}<label for="end-{{application}}">Nouvelle fin</label> <input type="date" id="end-{{application}}" name="end" required> <button type="submit">Prolonger</button></form>
    <form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/sortie" class="inline">{{>csrf}}<label for="exit-{{application}}">Date de sortie</label> <input type="date" id="exit-{{application}}" name="date" value="{{todayISO}}"> <button type="submit">Enregistrer la sortie</button></form>{{/application}}
    {{#offerNext}}<form method="post" action="/app/coordination/pepiniere/candidatures/{{nextApplication}}/proposer" class="inline">{{>csrf}}<input type="hidden" name="desk" value="{{deskID}}"><input type="hidden" name="start" value="{{todayISO}}"><input type="hidden" name="end" value="{{yearLater}}"><button type="submit">Proposer au suivant ({{nextProject}})</button></form>{{/offerNext}}
    </td></tr>{{/desks}}</tbody></table>
    <h2>Liste d’attente</h2>
    <p class="hint" id="h-waiting-reasons">Motifs — \(FormField.publicTextHint)</p>
    <table class="board"><thead><tr><th scope="col">Rang</th><th scope="col">Projet</th><th scope="col">Contact</th><th scope="col">Déposée le</th><th scope="col">Proposer un bureau</th><th scope="col">Historique, écart</th></tr></thead><tbody>
    {{#waiting}}<tr><td>{{rank}}</td><th scope="row">{{project}}</th><td>{{contact}}</td><td>{{submitted}}</td><td>{{#canOffer}}<form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/proposer" class="inline">{{>csrf}}<label for="desk-{{application}}">Bureau</label> <select id="desk-{{application}}" name="desk">{{#freeDesks}}<option value="{{id}}">{{label}}</option>{{/freeDesks}}</select><input type="hidden" name="start" value="{{todayISO}}"><input type="hidden" name="end" value="{{yearLater}}">{{#needsReason}} <label for="why-{{application}}">Motif (pas le premier de la liste)</label> <input id="why-{{application}}" name="reason" required maxlength="1000" aria-describedby="h-waiting-reasons">{{/needsReason}} <button type="submit">Proposer</button></form>{{/canOffer}}{{^canOffer}}{{#offered}}bureau proposé, réponse attendue{{/offered}}{{^offered}}aucun bureau libre{{/offered}}{{/canOffer}}</td><td><a href="/app/coordination/historique?candidature={{application}}">historique</a> <details class="reject"><summary>Écarter…</summary><form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/refuser" class="inline">{{>csrf}}<label for="reject-{{application}}">Motif de l’écart (le porteur le lira)</label> <input id="reject-{{application}}" name="reason" required maxlength="1000" aria-describedby="h-waiting-reasons"> <button type="submit">Écarter la candidature</button></form></details></td></tr>{{/waiting}}</tbody></table>
    {{^waiting}}<p>Personne n’attend.</p>{{/waiting}}
    {{#pendingApplications}}<h2>Candidatures à inscrire sur la liste</h2><ul class="cards">{{#items}}<li>{{project}} — {{contact}} <form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/liste" class="inline">{{>csrf}}<button type="submit">Inscrire sur la liste d’attente</button></form> <details class="reject"><summary>Écarter…</summary><form method="post" action="/app/coordination/pepiniere/candidatures/{{application}}/refuser" class="inline">{{>csrf}}<label for="reject-{{application}}-depot">Motif de l’écart (le porteur le lira)</label> <input id="reject-{{application}}-depot" name="reason" required maxlength="1000" aria-describedby="h-waiting-reasons"> <button type="submit">Écarter la candidature</button></form></details></li>{{/items}}</ul>{{/pendingApplications}}
    <form method="post" action="/app/coordination/pepiniere/attribuer" class="card" novalidate aria-labelledby="allocate-title"><h2 id="allocate-title">Attribuer un bureau</h2>{{>csrf}}{{#allocateFields}}{{>field}}{{/allocateFields}}<p><button type="submit">Attribuer</button></p></form>
    <form method="post" action="/app/coordination/pepiniere/bureaux" class="card" novalidate aria-labelledby="desk-title"><h2 id="desk-title">Ajouter un bureau</h2>{{>csrf}}{{#deskFields}}{{>field}}{{/deskFields}}<p><button type="submit">Ajouter</button></p></form>
    """

    static let phareAdmin = """
    <h1>Allocations du Phare</h1>
    <p><a href="/app/phare">Voir la demande face aux surfaces</a></p>
    <p class="hint" id="h-phare-reasons">Motifs de refus — \(FormField.publicTextHint)</p>
    <table class="board"><caption>Demandes ouvertes</caption><thead><tr><th scope="col">Structure</th><th scope="col">Usage</th><th scope="col">Surface demandée</th><th scope="col">Souhaitée pour</th><th scope="col">Décision</th></tr></thead><tbody>
    {{#requests}}<tr><th scope="row">{{structure}}</th><td>{{use}}</td><td>{{surface}} m²</td><td>{{wished}}</td><td>
    <form method="post" action="/app/coordination/phare/demandes/{{id}}/allouer" class="inline">{{>csrf}}<label for="s-{{id}}">Surface (m²)</label> <input id="s-{{id}}" name="surface" inputmode="decimal" value="{{surfaceValue}}" required size="6"> <button type="submit">Allouer</button></form>
    <form method="post" action="/app/coordination/phare/demandes/{{id}}/refuser" class="inline">{{>csrf}}<label for="d-{{id}}">Motif</label> <input id="d-{{id}}" name="reason" maxlength="1000" aria-describedby="h-phare-reasons"> <button type="submit">Refuser</button></form></td></tr>{{/requests}}
    {{^requests}}<tr><td colspan="5">Aucune demande ouverte.</td></tr>{{/requests}}</tbody></table>
    <form method="post" action="/app/coordination/phare/capacite" class="card" novalidate aria-labelledby="capacity-title"><h2 id="capacity-title">Capacité du bâtiment</h2>{{>csrf}}{{#capacityFields}}{{>field}}{{/capacityFields}}<p><button type="submit">Enregistrer</button></p></form>
    """

    static let report = """
    <h1>Rapport d’activité {{year}}</h1>
    <form method="get" action="/app/coordination/rapport" class="noprint"><label for="year">Année</label> <input type="number" id="year" name="annee" value="{{year}}" min="2000" max="2100"> <button type="submit">Afficher</button>
    </form><p class="noprint">Pour imprimer le rapport, utilisez l’impression du navigateur : la page s’imprime sans menus ni formulaires.</p>
    <table class="figures"><caption>Chiffres de l’année</caption><tbody>{{#rows}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/rows}}</tbody></table>
    <h2>Prêts de salles par mois</h2>
    <figure><svg role="img" aria-label="Prêts de salles par mois en {{year}} : {{chartText}}" viewBox="0 0 620 215" width="100%">{{#bars}}<g><rect x="{{x}}" y="{{y}}" width="34" height="{{height}}" class="bar"><title>{{month}} : {{count}} prêt(s)</title></rect><text x="{{labelX}}" y="{{countY}}" text-anchor="middle" class="axis">{{count}}</text><text x="{{labelX}}" y="208" text-anchor="middle" class="axis">{{month}}</text></g>{{/bars}}</svg>
    <figcaption>Nombre de prêts tenus (approuvés et non annulés) par mois.</figcaption></figure>
    <h2>Demande au Phare par usage</h2>
    <table class="board"><thead><tr><th scope="col">Usage</th><th scope="col">Demandes</th><th scope="col">Surface (m²)</th></tr></thead><tbody>{{#phare}}<tr><th scope="row">{{use}}</th><td>{{requests}}</td><td>{{surface}}</td></tr>{{/phare}}</tbody></table>
    """

    static let history = """
    <h1>Historique</h1>
    <form method="get" action="/app/coordination/historique" class="card noprint"><div class="field"><label for="flux">Flux (salle, structure, pépinière, Phare)</label><input id="flux" name="flux" value="{{stream}}" list="streams"></div>
    <datalist id="streams">{{#streams}}<option value="{{.}}">{{/streams}}</datalist><p><button type="submit">Afficher</button></p></form>
    {{#heading}}<h2>{{heading}}</h2>
    <ol class="history">{{#events}}<li><p><time>{{when}}</time> — {{sentence}}</p><details><summary>Références internes</summary><p><code>{{detail}}</code></p></details></li>{{/events}}</ol>
    {{^events}}<p>Aucun événement.</p>{{/events}}{{/heading}}
    """

    static let audit = """
    <h1>Audit du journal</h1>
    <section class="card {{resultClass}}" aria-labelledby="verify-title"><h2 id="verify-title">{{resultTitle}}</h2><p>{{resultText}}</p>
    <dl class="facts"><dt>Enregistrements vérifiés</dt><dd>{{checked}}</dd><dt>Dernière position</dt><dd>{{head}}</dd><dt>Empreinte de tête (SHA-256)</dt><dd><code class="hash">{{hash}}</code></dd></dl></section>
    <form method="get" action="/app/coordination/relecture" class="card" aria-labelledby="replay-title"><h2 id="replay-title">Revoir les vues à une date</h2>
    <div class="field"><label for="date">Date (heure de Paris)</label><p class="hint" id="date-hint">L’historique est rejoué jusqu’à la fin de ce jour, sans toucher aux vues en service.</p><input type="date" id="date" name="date" required aria-describedby="date-hint"></div>
    <p><button type="submit">Rejouer</button></p></form>
    """

    static let replay = """
    <h1>Les vues au {{dateLabel}}</h1>
    <p>Historique rejoué jusqu’à la position {{position}} ({{recordedAt}}), sans toucher aux vues en service. <a href="/app/coordination/audit">Choisir une autre date</a></p>
    <h2>Salles proposées ({{roomCount}})</h2><ul class="cards">{{#rooms}}<li>{{name}} — {{structure}}</li>{{/rooms}}</ul>
    <h2>Bureaux de la pépinière</h2>
    <table class="board"><thead><tr><th scope="col">Bureau</th><th scope="col">État</th><th scope="col">Projet</th><th scope="col">Jusqu’au</th></tr></thead><tbody>{{#desks}}<tr><th scope="row">{{label}}</th><td>{{status}}</td><td>{{project}}</td><td>{{until}}</td></tr>{{/desks}}</tbody></table>
    <h2>Chiffres de l’année {{year}} à cette date</h2>
    <table class="figures"><tbody>{{#rows}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/rows}}</tbody></table>
    """
}

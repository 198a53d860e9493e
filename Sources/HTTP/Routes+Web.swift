import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Projections

extension Routes {
    func registerWeb(on router: Router<ServerRequestContext>) {
        router.get("/") { _, _ in
            let rows: String = runner.withState { state in
                state.availability.offeredRooms.sorted { $0.details.name < $1.details.name }.map { room in
                    let structure = state.structures.name(of: room.owner)
                    return """
                    <li class="room" data-id="\(escapeHTML(room.id.rawValue))" data-capacity="\(room.details.capacity)" data-stepfree="\(room.details.stepFreeAccess)">\
                    <h3><a href="#salle-\(escapeHTML(room.id.rawValue))" data-room="\(escapeHTML(room.id.rawValue))">\(escapeHTML(room.details.name))</a></h3>\
                    <p>\(escapeHTML(structure)) — \(escapeHTML(room.details.address.street)), \(escapeHTML(room.details.address.postcode)) \(escapeHTML(room.details.address.city))</p>\
                    <p>\(room.details.capacity) personnes\(room.details.stepFreeAccess ? " · accessible de plain-pied" : "") · \
                    <a href="/rooms/\(escapeHTML(room.id.rawValue))/calendar.ics">agenda (iCalendar)</a></p></li>
                    """
                }.joined(separator: "\n")
            }
            return JSONResponse.bytes(Array(WebPage.html(roomList: rows).utf8), contentType: "text/html; charset=utf-8")
        }
    }
}

/// The public page: the map of rooms drawn from the Carte-ouverte feed over a plain outline
/// (no tile server is reachable offline), a filtered list, and a room's week of availability.
enum WebPage {
    static func html(roomList: String) -> String {
        """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Mutualisation — salles à partager</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
        header,main{max-width:70rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;margin:.2rem 0}
        .layout{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        @media (max-width:50rem){.layout{grid-template-columns:1fr}}
        #map{background:#e8eef2;border:1px solid #9aa;width:100%;height:auto}
        #map circle{fill:#b3261e;stroke:#fff;stroke-width:1.5;cursor:pointer}
        #map circle:focus{stroke:#000;stroke-width:3}
        ul#rooms{list-style:none;padding:0}
        li.room{background:#fff;border:1px solid #ccc;border-radius:.4rem;padding:.5rem .8rem;margin:.5rem 0}
        li.room h3{margin:.2rem 0;font-size:1.05rem}
        a:focus,button:focus,input:focus{outline:3px solid #1f5f8b;outline-offset:2px}
        fieldset{border:1px solid #ccc;border-radius:.4rem}
        label{margin-right:1rem}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;font-size:.85rem}
        .libre{background:#dff0d8}.occupe{background:#f2dede}
        </style></head>
        <body>
        <header><h1>Salles à partager entre structures de l’ESS</h1>
        <p>Carte-ouverte du Pays de Rennes : les salles que les associations, coopératives, mutuelles et collectivités se prêtent. Flux ouverts : <a href="/carte-ouverte.geojson">GeoJSON</a>, <a href="/carte-ouverte.csv">CSV</a>.</p></header>
        <main>
        <form id="filters" aria-label="Filtres">
        <fieldset><legend>Filtrer</legend>
        <label>Personnes au moins <input type="number" id="people" name="people" min="1" value="1" size="4"></label>
        <label><input type="checkbox" id="stepfree" name="stepfree"> de plain-pied</label>
        <label>Libre le <input type="datetime-local" id="at" name="at"></label>
        <label>pendant (heures) <input type="number" id="hours" name="hours" min="1" max="12" value="2" size="3"></label>
        <button type="submit">Filtrer</button>
        </fieldset></form>
        <div class="layout">
        <section aria-labelledby="map-title"><h2 id="map-title">Carte</h2>
        <svg id="map" viewBox="0 0 400 400" role="img" aria-label="Carte des salles autour de Rennes"><rect x="0" y="0" width="400" height="400" fill="#e8eef2"/></svg>
        <p id="map-status" aria-live="polite"></p></section>
        <section aria-labelledby="list-title"><h2 id="list-title">Salles proposées</h2>
        <ul id="rooms">
        \(roomList)
        </ul></section>
        </div>
        <section aria-labelledby="week-title"><h2 id="week-title">Semaine de disponibilité</h2><div id="week"><p>Choisissez une salle.</p></div></section>
        </main>
        <script>
        const fmt = new Intl.DateTimeFormat('fr-FR', {weekday:'long', day:'numeric', month:'long', hour:'2-digit', minute:'2-digit', timeZone:'Europe/Paris'});
        async function drawMap() {
          const res = await fetch('/carte-ouverte.geojson');
          const data = await res.json();
          const svg = document.getElementById('map');
          const pts = data.features.map(f => f.geometry.coordinates);
          if (!pts.length) { document.getElementById('map-status').textContent = 'Aucune salle proposée.'; return; }
          const lons = pts.map(p => p[0]), lats = pts.map(p => p[1]);
          const minLon = Math.min(...lons) - 0.02, maxLon = Math.max(...lons) + 0.02;
          const minLat = Math.min(...lats) - 0.02, maxLat = Math.max(...lats) + 0.02;
          const scale = 380 / Math.max(maxLon - minLon, (maxLat - minLat) * 1.5);
          for (const f of data.features) {
            const [lon, lat] = f.geometry.coordinates;
            const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
            c.setAttribute('cx', 10 + (lon - minLon) * scale);
            c.setAttribute('cy', 390 - (lat - minLat) * scale * 1.5);
            c.setAttribute('r', 7);
            c.setAttribute('tabindex', '0');
            c.setAttribute('data-id', f.id);
            const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
            t.textContent = f.properties.name;
            c.appendChild(t);
            c.addEventListener('click', () => showWeek(f.id));
            c.addEventListener('keydown', e => { if (e.key === 'Enter') showWeek(f.id); });
            svg.appendChild(c);
          }
          document.getElementById('map-status').textContent = data.features.length + ' salle(s) sur la carte.';
        }
        async function showWeek(id) {
          const res = await fetch('/rooms/' + encodeURIComponent(id) + '/availability');
          const week = document.getElementById('week');
          if (!res.ok) { week.textContent = 'Disponibilités indisponibles.'; return; }
          const data = await res.json();
          const rows = [];
          for (const f of data.free) rows.push(['libre', f.start, f.end, 'Libre']);
          for (const b of data.busy) rows.push(['occupe', b.start, b.end, b.status === 'approved' ? 'Occupée (prêt confirmé)' : 'Demande en attente']);
          rows.sort((a, b) => a[1].localeCompare(b[1]));
          week.innerHTML = '';
          const table = document.createElement('table');
          table.innerHTML = '<caption>Salle ' + id.replace(/[<&>]/g, '') + ', 7 prochains jours</caption><tr><th scope="col">Début</th><th scope="col">Fin</th><th scope="col">État</th></tr>';
          for (const [cls, s, e, label] of rows) {
            const tr = document.createElement('tr'); tr.className = cls;
            for (const text of [fmt.format(new Date(s)), fmt.format(new Date(e)), label]) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }
            table.appendChild(tr);
          }
          week.appendChild(table);
        }
        document.querySelectorAll('a[data-room]').forEach(a => a.addEventListener('click', e => { e.preventDefault(); showWeek(a.dataset.room); }));
        document.getElementById('filters').addEventListener('submit', async e => {
          e.preventDefault();
          const people = +document.getElementById('people').value || 1;
          const stepfree = document.getElementById('stepfree').checked;
          const at = document.getElementById('at').value;
          let free = null;
          if (at) {
            const from = new Date(at), to = new Date(from.getTime() + (+document.getElementById('hours').value || 2) * 3600000);
            const res = await fetch('/availability?from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString()) + '&people=' + people);
            if (res.ok) free = new Set((await res.json()).rooms.map(r => r.id));
          }
          document.querySelectorAll('li.room').forEach(li => {
            const ok = +li.dataset.capacity >= people && (!stepfree || li.dataset.stepfree === 'true') && (!free || free.has(li.dataset.id));
            li.hidden = !ok;
          });
        });
        drawMap();
        </script>
        </body></html>
        """
    }
}

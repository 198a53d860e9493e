/// The style sheet and the one script of the web application, served from `/app/static/`.
/// Colours meet WCAG AA contrast on their backgrounds; status is always written as well as coloured.
enum WebAssets {
    static let css = """
    :root{--ink:#1a1a1a;--muted:#4d4d4d;--accent:#1f5f8b;--accent-dark:#174a6c;--line:#b9c2c9;--bg:#fafafa;--ok:#1e6b35;--bad:#a12622;--warn:#7a5200}
    *{box-sizing:border-box}
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:var(--bg);line-height:1.45}
    .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:10}
    .skip:focus{left:.5rem}
    header.site{background:var(--accent-dark);color:#fff}
    header.site .bar{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
    header.site a{color:#fff}
    header.site a:focus,header.site button:focus{outline-color:#fff}
    .brand{font-weight:700;font-size:1.2rem;text-decoration:none}
    nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
    nav a[aria-current=page]{text-decoration:underline;text-decoration-thickness:3px;font-weight:600}
    .signout{margin-left:auto;display:flex;gap:.5rem;align-items:center}
    .signout button{background:#fff;color:var(--accent-dark);border-color:#fff}
    main{max-width:72rem;margin:0 auto;padding:1rem}
    main:focus{outline:none}
    footer.site{max-width:72rem;margin:2rem auto 1rem;padding:0 1rem;color:var(--muted);font-size:.9rem}
    h1{font-size:1.7rem;margin:.5rem 0 1rem}
    h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
    h3{font-size:1.1rem;margin:.3rem 0}
    a{color:var(--accent)}
    a:focus,button:focus,input:focus,input:focus-within,select:focus,textarea:focus,summary:focus,[tabindex]:focus{outline:3px solid #b35900;outline-offset:2px}
    .layout{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
    ol.history{list-style:none;padding:0}ol.history>li{margin:0 0 .75rem;padding-bottom:.5rem;border-bottom:1px solid #d0d0d0}ol.history time{font-weight:600}ol.history details{font-size:.9em}
    @media (max-width:52rem){.layout{grid-template-columns:1fr}.signout{margin-left:0}table.board{display:block;overflow-x:auto}}
    #map{background:#e8eef2;border:1px solid var(--line);width:100%;height:auto}
    #map .land{fill:#e8eef2}
    #map circle{fill:#b3261e;stroke:#fff;stroke-width:1.5;cursor:pointer}
    #map circle:focus{stroke:#000;stroke-width:3}
    ul.cards{list-style:none;padding:0;margin:0}
    ul.cards>li,.card{background:#fff;border:1px solid var(--line);border-radius:.4rem;padding:.6rem .9rem;margin:.5rem 0}
    .card.danger{border-color:var(--bad)}
    .card.highlight{border:2px solid var(--accent)}
    .card.valid{border-left:6px solid var(--ok)}
    .card.invalid{border-left:6px solid var(--bad)}
    ul.tiles{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.8rem}
    ul.tiles li{background:#fff;border:1px solid var(--line);border-radius:.4rem;padding:.8rem}
    ul.tiles a{font-weight:600;font-size:1.05rem}
    .filters .row,.row{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
    fieldset{border:1px solid var(--line);border-radius:.4rem;margin:.5rem 0}
    .field{margin:.5rem 0;display:flex;flex-direction:column;gap:.2rem;max-width:36rem}
    .field.check{flex-direction:row;align-items:center;flex-wrap:wrap}
    .field label{font-weight:600}
    .field.check label{font-weight:400}
    .required{font-weight:400;color:var(--muted)}
    .hint{margin:0;color:var(--muted);font-size:.9rem}
    .field.invalid input,.field.invalid select,.field.invalid textarea{border:2px solid var(--bad)}
    .field-error{margin:0;color:var(--bad)}
    input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #767676;border-radius:.3rem}
    input.wide{width:100%}
    button,.button{background:var(--accent);color:#fff;border:1px solid var(--accent);cursor:pointer;text-decoration:none;display:inline-block;padding:.4rem .8rem;border-radius:.3rem}
    button:hover,.button:hover{background:var(--accent-dark)}
    form.inline{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:.2rem .5rem .2rem 0}
    form.inline label{font-size:.9rem}
    .flash{background:#e3f1e6;border-left:6px solid var(--ok);padding:.6rem .9rem}
    .error-summary{background:#fbe9e8;border-left:6px solid var(--bad);padding:.4rem .9rem}
    .error-summary h2{margin:.3rem 0;font-size:1.1rem}
    .notice{background:#fff6df;border-left:6px solid var(--warn);padding:.6rem .9rem}
    .badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;border:1px solid currentColor;font-size:.9rem}
    .badge.free,.badge.approved,.badge.occupied{color:var(--ok)}
    .badge.pending,.badge.offered{color:var(--warn)}
    .badge.busy,.badge.declined,.badge.cancelled{color:var(--bad)}
    .tag{font-style:italic}
    .muted{color:var(--muted)}
    table{border-collapse:collapse;width:100%;background:#fff;margin:.5rem 0}
    th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    table.figures td{text-align:right}
    tr.free td:first-child{border-left:6px solid var(--ok)}
    tr.busy td:first-child{border-left:6px solid var(--bad)}
    tr.pending td:first-child{border-left:6px solid var(--warn)}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
    dl.facts dt{font-weight:600}
    dl.facts dd{margin:0}
    code.hash{word-break:break-all}
    svg .bar{fill:var(--accent)}
    svg .capacity{fill:#c9d8e3}
    svg .requested{fill:var(--accent-dark)}
    svg .axis{font-size:12px;fill:var(--ink)}
    @media print{header.site,footer.site,.noprint,.skip,form{display:none}body{background:#fff}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}}
    """

    /// Draws the rooms of the list on the map (progressive: without it the list says everything).
    static let mapScript = """
    (async function () {
      const svg = document.getElementById('map');
      if (!svg) return;
      const wanted = new Set((svg.dataset.rooms || '').split(' ').filter(Boolean));
      const status = document.getElementById('map-status');
      const res = await fetch('/carte-ouverte.geojson');
      if (!res.ok) { status.textContent = 'La carte est indisponible ; la liste reste à jour.'; return; }
      const data = await res.json();
      const features = data.features.filter(f => wanted.has(String(f.id)));
      if (!features.length) { status.textContent = 'Aucune salle sur la carte.'; return; }
      const lons = features.map(f => f.geometry.coordinates[0]), lats = features.map(f => f.geometry.coordinates[1]);
      const minLon = Math.min(...lons) - 0.02, maxLon = Math.max(...lons) + 0.02;
      const minLat = Math.min(...lats) - 0.02, maxLat = Math.max(...lats) + 0.02;
      const scale = 380 / Math.max(maxLon - minLon, (maxLat - minLat) * 1.5);
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates;
        const link = document.createElementNS('http://www.w3.org/2000/svg', 'a');
        link.setAttribute('href', '/app/salles/' + encodeURIComponent(f.id));
        const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        c.setAttribute('cx', 10 + (lon - minLon) * scale);
        c.setAttribute('cy', 390 - (lat - minLat) * scale * 1.5);
        c.setAttribute('r', 7);
        c.setAttribute('data-id', f.id);
        const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        t.textContent = f.properties.name;
        c.appendChild(t);
        link.appendChild(c);
        svg.appendChild(link);
      }
      status.textContent = features.length + ' salle(s) sur la carte ; chaque point ouvre la page de la salle.';
    })();
    """
}

import Foundation
import Projections

/// The printable activity report: figures and a bar chart of loans per month (inline SVG, no script).
enum ReportPage {
    /// The page's stylesheet, served at `/app/static/rapport.css`: the page carries the web
    /// application's Content-Security-Policy, which allows no inline style.
    static let css = """
    body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
    table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}
    td{text-align:right}@media print{body{margin:0}}
    """

    static let months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

    /// The year's figures as (label, value) rows, in French.
    static func rows(_ report: ActivityReport) -> [(String, String)] {
        [
            ("Prêts de salles tenus", "\(report.loansHeld)"),
            ("Heures prêtées", FrenchFormat.number(report.hoursLent, decimals: 1)),
            ("Structures prêteuses", "\(report.lendingStructures)"),
            ("Structures emprunteuses", "\(report.borrowingStructures)"),
            ("Salles proposées au 31 décembre", "\(report.roomsOnOffer)"),
            ("Projets accueillis à la pépinière", "\(report.projectsHosted)"),
            ("Entrées de projets", "\(report.projectEntries)"),
            ("Sorties de projets", "\(report.projectExits)"),
            ("Occupation moyenne des bureaux", FrenchFormat.number(report.averageDeskOccupancyPercent) + " %"),
        ]
    }

    /// One bar of the chart of loans per month (SVG coordinates in a 620 × 215 view box).
    struct Bar {
        let month: String
        let count: Int
        let x: Int
        let height: Double
        var y: Double { 190 - height }
        var labelX: Int { x + 17 }
        var countY: Double { 184 - height }
    }

    /// The chart's bars, scaled to the busiest month.
    static func bars(_ report: ActivityReport) -> [Bar] {
        let maximum = max(report.loansByMonth.max() ?? 0, 1)
        return report.loansByMonth.enumerated().map { index, count in
            Bar(month: months[index], count: count, x: 40 + index * 48, height: Double(count) / Double(maximum) * 160)
        }
    }

    static func html(_ report: ActivityReport) -> String {
        let bars = bars(report).map { bar in
            """
            <g><rect x="\(bar.x)" y="\(bar.y)" width="34" height="\(bar.height)" fill="#1f5f8b"><title>\(bar.month) : \(bar.count) prêt(s)</title></rect>\
            <text x="\(bar.labelX)" y="\(bar.countY)" text-anchor="middle" font-size="12">\(bar.count)</text>\
            <text x="\(bar.labelX)" y="208" text-anchor="middle" font-size="11">\(bar.month)</text></g>
            """
        }.joined(separator: "\n")
        let rows = rows(report)
        let table = rows.map { "<tr><th scope=\"row\">\(escapeHTML($0.0))</th><td>\(escapeHTML($0.1))</td></tr>" }.joined()
        return """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Rapport d’activité \(report.year) — Mutualisation</title>
        <link rel="stylesheet" href="/app/static/rapport.css"></head>
        <body><main><h1>Rapport d’activité \(report.year)</h1>
        <h2>Chiffres de l’année</h2><table>\(table)</table>
        <h2>Prêts de salles par mois</h2>
        <svg role="img" aria-label="Prêts de salles par mois en \(report.year)" viewBox="0 0 620 215" width="100%">\(bars)</svg>
        </main></body></html>
        """
    }
}

import Domain
import EventLog
import Foundation
import Projections
import TestSupport
import Testing

@Suite struct FeedTests {
    let now = ProjectionFixture.date("2012-03-20T08:00:00Z")

    @Test func geoJSONFollowsRFC7946AndOpensInARealReader() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let bytes = state.carteOuverte.geoJSON(now: now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 2)
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            #expect(feature["id"] is String)
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let coordinates = try #require(geometry["coordinates"] as? [NSNumber])
            #expect(coordinates.count == 2)
            #expect((-180...180).contains(coordinates[0].doubleValue) && (-90...90).contains(coordinates[1].doubleValue))
            let p = try #require(feature["properties"] as? [String: Any])
            #expect(p["name"] is String && p["description"] is String)
            #expect(p["capacite"] is NSNumber && !(p["capacite"] is String))
            #expect(p["acces_pmr"] as? Bool == true)
            #expect(p["licence"] as? String == "Licence Ouverte 2.0")
            #expect(p["opening_hours"] as? String == "Tu 14:00-18:00")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        // Longitude first, at most 6 decimals; numbers are numbers, flags are booleans.
        #expect(text.contains("\"coordinates\":[-1.6745,48.113]"))
        #expect(text.contains("\"capacite\":20,"))
        #expect(text.contains("\"surface\":45.5,"))
        #expect(text.contains("\"surface\":null"))
        #expect(text.contains("\"acces_pmr\":true"))
        #expect(text.range(of: #"\d\.\d{7,}"#, options: .regularExpression) == nil)
        let first = try #require(features.first { $0["id"] as? String == f.room.rawValue })
        let p = try #require(first["properties"] as? [String: Any])
        #expect(p["structure"] as? String == "Mutuelle Radiance")
        #expect(p["nom"] as? String == "Salle de formation Émeraude")
        #expect(p["conditions"] as? String == "Payant : 40 € la demi-journée, 70,50 € la journée")
        let slots = try #require(p["prochains_creneaux_libres"] as? [String])
        // Tuesday 20 March (CET), then the spring DST day: 00:00-01:00 CET, and 04:00-06:00 CEST after the approved loan.
        #expect(slots == ["2012-03-20T14:00+01:00/2012-03-20T18:00+01:00", "2012-03-25T00:00+01:00/2012-03-25T01:00+01:00",
                          "2012-03-25T04:00+02:00/2012-03-25T06:00+02:00"])
        #expect(p["date_maj"] as? String == "2012-03-01")
        // Cached per (position, minute): same bytes.
        #expect(state.carteOuverte.geoJSON(now: now.addingTimeInterval(30)) == bytes)

        // A real reader.
        let folder = TemporaryFolder("geojson")
        let path = folder.sub("carte.geojson")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if python(has: "geojson") {
            let check = "import geojson,sys; o=geojson.load(open(sys.argv[1])); assert o.is_valid, o.errors(); assert len(o['features'])==2"
            let result = try #require(run("/usr/bin/python3", ["-c", check, path]))
            #expect(result.status == 0, "python3-geojson: \(result.output)")
        }
        if let result = run("/usr/bin/ogrinfo", ["-ro", "-al", "-so", path]) {
            #expect(result.status == 0 && result.output.contains("Feature Count: 2"), "ogrinfo: \(result.output)")
        }
    }

    @Test func withdrawnRoomsLeaveTheFeedAndCSVQuotes() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        try await f.append(f.room2.streamName, [RoomEvent.withdrawn(RoomWithdrawn(reason: "Vendue"))], at: "2012-03-02T08:00:00Z")
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(state.carteOuverte.geoJSON(now: now))) as? [String: Any])
        #expect((json["features"] as? [Any])?.count == 1)
        let csv = String(decoding: state.carteOuverte.csv(now: now), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,nom,description,structure,structure_id,adresse,code_postal,commune,code_insee,latitude,longitude,capacite"))
        #expect(lines.last == "")
        #expect(csv.contains(",\"Câble HDMI, \"\"adaptateur\"\" fourni\","))
        #expect(csv.contains(",48.113,-1.6745,20,45.5,"))
        #expect(csv.contains("\"Salle claire au 5e étage, accès par l’ascenseur.\nRéservation auprès de l’accueil, merci.\""))
        #expect(!csv.contains("salle-martenot"))
        if python(has: "csv") {
            let folder = TemporaryFolder("csv")
            let path = folder.sub("carte.csv")
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
            let check = "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8'))); assert len(r)==1; assert r[0]['latitude']=='48.113', r[0]; assert r[0]['equipements_notes']=='Câble HDMI, \"adaptateur\" fourni'"
            let result = try #require(run("/usr/bin/python3", ["-c", check, path]))
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test func icsFeedIsFoldedEscapedAndParses() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let bytes = try #require(state.calendar.ics(room: f.room))
        // CRLF only, every line at most 75 octets, folding never splits a character.
        var lineLength = 0
        var previous: UInt8 = 0
        for b in bytes {
            if b == 10 { #expect(previous == 13); lineLength = 0 } else if b != 13 { lineLength += 1 }
            if b != 10 && previous == 13 { Issue.record("bare CR") }
            #expect(lineLength <= 75)
            previous = b
        }
        #expect(String(validating: bytes, as: UTF8.self) != nil)
        let text = String(decoding: bytes, as: UTF8.self)
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nPRODID:"))
        #expect(unfolded.contains("VERSION:2.0\r\n"))
        #expect(unfolded.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"))
        #expect(unfolded.contains("X-PUBLISHED-TTL:PT1H\r\n"))
        #expect(unfolded.contains("X-WR-CALNAME:Salle Salle de formation Émeraude – Mutuelle Radiance\r\n"))
        // UTC instants, no VTIMEZONE to interpret. Spring DST day: 01:00 CET to 04:00 CEST.
        #expect(!unfolded.contains("TZID") && !unfolded.contains("VTIMEZONE"))
        #expect(unfolded.contains("UID:l-spring.salle-radiance@mutualisation\r\nDTSTAMP:20120202T100000Z\r\nSEQUENCE:1\r\nDTSTART:20120325T000000Z\r\nDTEND:20120325T020000Z\r\n"))
        #expect(unfolded.contains("UID:l-autumn.salle-radiance@mutualisation\r\nDTSTAMP:20120301T100000Z\r\nSEQUENCE:2\r\nDTSTART:20121027T230000Z\r\n"))
        #expect(unfolded.contains("STATUS:CANCELLED"))
        // Public: the room is taken, nothing about who borrows it, for what, nor why it was cancelled.
        #expect(unfolded.contains("SUMMARY:Réservé\r\n") && unfolded.contains("SUMMARY:Réservation annulée\r\n"))
        for secret in ["CRIDEV", "Assemblée", "fondations", "Réunion", "Formation reportée", "Personnes", "DESCRIPTION"] {
            #expect(!unfolded.contains(secret), "the public calendar shows « \(secret) »")
        }
        #expect(!unfolded.contains("l-pending") && !unfolded.contains("l-declined"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Long accented lines are folded (the calendar name of the other room is 77 octets).
        let other = String(decoding: try #require(state.calendar.ics(room: f.room2)), as: UTF8.self)
        #expect(other.contains("X-WR-CALNAME:Salle Salle Martenot – CRIDEV – Éducation à la solidarit\r\n é\r\n"))
        // Rebuilding gives the same bytes.
        let again = try ProjectionRunner.replay(f.log, until: .head)
        #expect(again.calendar.ics(room: f.room) == bytes)

        if python(has: "icalendar") {
            let folder = TemporaryFolder("ics")
            let path = folder.sub("salle.ics")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let check = """
            import icalendar,sys
            c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())
            ev=[e for e in c.walk('VEVENT')]
            assert len(ev)==3, len(ev)
            s=[e for e in ev if str(e['UID']).startswith('l-spring')][0]
            assert s['DTSTART'].dt.utcoffset().total_seconds()==0, s['DTSTART'].dt
            assert (s['DTEND'].dt - s['DTSTART'].dt).total_seconds()==7200
            assert str(s['SUMMARY'])=='Réservé', s['SUMMARY']
            a=[e for e in ev if str(e['UID']).startswith('l-autumn')][0]
            assert str(a['STATUS'])=='CANCELLED'
            assert 'Émeraude' in str(c['X-WR-CALNAME'])
            """
            let result = try #require(run("/usr/bin/python3", ["-c", check, path]))
            #expect(result.status == 0, "python3-icalendar: \(result.output)")
        }
    }

    @Test func freeBusyFileListsSortedUTCPeriods() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let bytes = try #require(state.calendar.freeBusy(room: f.room, from: ProjectionFixture.date("2012-03-01T00:00:00Z"),
                                                         to: ProjectionFixture.date("2012-05-01T00:00:00Z")))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("BEGIN:VFREEBUSY\r\n"))
        #expect(text.contains("FREEBUSY;FBTYPE=BUSY:20120325T000000Z/20120325T020000Z\r\nFREEBUSY;FBTYPE=BUSY:20120403T140000Z/20120403T160000Z\r\n"))
        #expect(text.contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20120403T120000Z/20120403T140000Z\r\n"))
        #expect(text.contains("DTSTART:20120301T000000Z\r\nDTEND:20120501T000000Z\r\n"))
        if python(has: "icalendar") {
            let folder = TemporaryFolder("fb")
            let path = folder.sub("fb.ics")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let result = try #require(run("/usr/bin/python3", ["-c", "import icalendar,sys; icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())", path]))
            #expect(result.status == 0, "\(result.output)")
        }
    }
}

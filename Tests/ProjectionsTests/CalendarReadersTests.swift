import Domain
import Foundation
import Projections
import TestSupport
import Testing

/// The public calendar read by two real readers, python3-icalendar and khal, on the two change
/// days of 2027: each must place every loan at exactly its UTC instants.
@Suite struct CalendarReadersTests {
    /// Loans around 02:00–03:00 Paris on both change days, as UTC instants (start, end).
    static let loans: [(id: String, start: String, end: String)] = [
        // 28 March: 01:30 CET to 03:30 CEST, across the skipped hour: one hour.
        ("printemps", "2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"),
        // 31 October: the first 02:30 (CEST) to the second 02:30 (CET), then the second 02:30 to 03:30 CET.
        ("premiere-heure", "2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z"),
        ("seconde-heure", "2027-10-31T01:30:00Z", "2027-10-31T02:30:00Z"),
    ]

    /// What each reader must see: `uid start end seconds`, UTC, sorted.
    static let expected = [
        "premiere-heure 2027-10-31T00:30 2027-10-31T01:30 3600",
        "printemps 2027-03-28T00:30 2027-03-28T01:30 3600",
        "seconde-heure 2027-10-31T01:30 2027-10-31T02:30 3600",
    ]

    func calendarFile() async throws -> (folder: TemporaryFolder, path: String) {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        var requested: [any DomainEvent] = []
        var approved: [any DomainEvent] = []
        for loan in Self.loans {
            let period = try Period(start: ProjectionFixture.date(loan.start), end: ProjectionFixture.date(loan.end))
            requested.append(RoomEvent.loanRequested(LoanRequested(loanID: try LoanID(loan.id), borrower: f.cridev, period: period, people: 4, purpose: "Veille")))
            approved.append(RoomEvent.loanApproved(LoanApproved(loanID: try LoanID(loan.id))))
        }
        try await f.append(f.room.streamName, requested, at: "2027-01-04T09:00:00Z")
        try await f.append(f.room.streamName, approved, at: "2027-01-05T09:00:00Z")
        let state = try ProjectionRunner.replay(f.log, until: .head)
        let bytes = try #require(state.calendar.ics(room: f.room))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("DTSTART:20271031T013000Z\r\nDTEND:20271031T023000Z\r\n"))
        let folder = TemporaryFolder("ics-readers")
        let path = folder.sub("salle.ics")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    @Test func pythonIcalendarReadsEveryChangeDayLoanAtItsUTCInstants() async throws {
        let (folder, path) = try await calendarFile()
        _ = folder
        try #require(python(has: "icalendar"), "python3-icalendar is needed (tools/install-deps)")
        let script = """
        import icalendar,sys,datetime
        c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())
        u=datetime.timezone.utc
        for e in c.walk('VEVENT'):
            s=e['DTSTART'].dt.astimezone(u); t=e['DTEND'].dt.astimezone(u)
            print(str(e['UID']).split('.')[0], s.strftime('%Y-%m-%dT%H:%M'), t.strftime('%Y-%m-%dT%H:%M'), int((t-s).total_seconds()))
        """
        let result = try #require(run("/usr/bin/python3", ["-c", script, path]))
        #expect(result.status == 0, "\(result.output)")
        let seen = result.output.split(separator: "\n").map(String.init).filter { line in Self.loans.contains { line.hasPrefix($0.id + " ") } }
        #expect(seen.sorted() == Self.expected, "\(result.output)")
    }

    @Test func khalReadsEveryChangeDayLoanAtItsUTCInstants() async throws {
        let (folder, path) = try await calendarFile()
        let khal = ["/usr/bin/khal", "/usr/local/bin/khal"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let executable = try #require(khal, "khal is needed (tools/install-deps)")
        let calendars = folder.sub("calendars")
        try FileManager.default.createDirectory(atPath: calendars, withIntermediateDirectories: true)
        let config = folder.sub("khal.conf")
        try """
        [calendars]
        [[salle]]
        path = \(calendars)
        [locale]
        local_timezone = UTC
        default_timezone = UTC
        timeformat = %H:%M
        dateformat = %Y-%m-%d
        longdateformat = %Y-%m-%d
        datetimeformat = %Y-%m-%dT%H:%M
        longdatetimeformat = %Y-%m-%dT%H:%M
        [sqlite]
        path = \(folder.sub("khal.db"))

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try #require(run(executable, ["-c", config, "printics", "--format", "{uid}|{start}|{end}", path]))
        #expect(result.status == 0, "\(result.output)")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let seen = result.output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count == 3, let id = fields[0].split(separator: ".").first.map(String.init), Self.loans.contains(where: { $0.id == id }),
                  let start = formatter.date(from: fields[1]), let end = formatter.date(from: fields[2]) else { return nil }
            return "\(id) \(fields[1]) \(fields[2]) \(Int(end.timeIntervalSince(start)))"
        }
        #expect(seen.sorted() == Self.expected, "\(result.output)")
    }
}

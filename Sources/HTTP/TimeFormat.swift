import Domain
import Foundation

/// Times at the HTTP edge: inputs are Europe/Paris local times (`2012-04-27T10:00`) or RFC 3339
/// instants with `Z` or an offset (`2012-04-27T10:00:00+02:00`), kept exactly as given; outputs are
/// RFC 3339 with the Paris offset.
enum TimeFormat {
    /// Parses a Paris local date-time (no offset) or an RFC 3339 instant (`Z` or `±HH:MM`, kept exactly).
    static func givenTime(_ text: String, field: String) throws -> GivenTime {
        let invalid = Problem.invalid(field, "« \(text.prefix(40)) » n’est pas une date-heure : écrivez AAAA-MM-JJTHH:MM (heure de Paris) ou AAAA-MM-JJTHH:MM:SS+02:00.", code: "value.invalidDate")
        let utf8 = Array(text.utf8)
        guard utf8.count >= 16, utf8.count <= 35 else { throw invalid }
        func number(_ range: Range<Int>) throws -> Int {
            guard range.upperBound <= utf8.count else { throw invalid }
            var value = 0
            for byte in utf8[range] {
                guard byte >= 48, byte <= 57 else { throw invalid }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard utf8[4] == 45, utf8[7] == 45, utf8[10] == 84 || utf8[10] == 32, utf8[13] == 58 else { throw invalid }
        let date: LocalDate
        let time: LocalTime
        do {
            date = try LocalDate(year: try number(0..<4), month: try number(5..<7), day: try number(8..<10))
            time = try LocalTime(hour: try number(11..<13), minute: try number(14..<16))
        } catch let error as DomainError {
            throw Problem.invalid(field, error.message, code: error.code.rawValue)
        }
        var index = 16
        var seconds = 0
        if index < utf8.count, utf8[index] == 58 {
            seconds = try number(17..<19)
            guard seconds < 60 else { throw invalid }
            index = 19
            if index < utf8.count, utf8[index] == 46 {
                index += 1
                while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 { index += 1 }
            }
        }
        if index == utf8.count {
            // Paris local time; seconds, if any, are dropped like everywhere else (times are to the minute).
            return .paris(LocalDateTime(date, time))
        }
        let offsetSeconds: Int
        if utf8[index] == 90 || utf8[index] == 122, index + 1 == utf8.count {
            offsetSeconds = 0
        } else if utf8[index] == 43 || utf8[index] == 45, index + 6 == utf8.count, utf8[index + 3] == 58 {
            let hours = try number((index + 1)..<(index + 3))
            let minutes = try number((index + 4)..<(index + 6))
            guard hours < 24, minutes < 60 else { throw invalid }
            offsetSeconds = (utf8[index] == 43 ? 1 : -1) * (hours * 3600 + minutes * 60)
        } else {
            throw invalid
        }
        let epoch = date.daysSinceEpoch * 86_400 + time.minutesSinceMidnight * 60 + seconds - offsetSeconds
        return .exact(Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    /// Parses `YYYY-MM-DD`.
    static func localDate(_ text: String, field: String) throws -> LocalDate {
        do {
            return try LocalDate(iso: text)
        } catch {
            throw Problem.invalid(field, error.message, code: error.code.rawValue)
        }
    }

    /// Parses `HH:MM`.
    static func localTime(_ text: String, field: String) throws -> LocalTime {
        do {
            return try LocalTime(iso: text)
        } catch {
            throw Problem.invalid(field, error.message, code: error.code.rawValue)
        }
    }

    /// Parses an instant for a query: RFC 3339 with `Z` or an offset (kept exactly), a Paris local
    /// date-time (a skipped time moved an hour forward, a repeated one read as its first occurrence),
    /// or a date (midnight, Paris).
    static func instant(_ text: String, field: String) throws -> Date {
        if text.utf8.count == 10 {
            return ParisTime.startOfDay(try localDate(text, field: field))
        }
        do {
            return try givenTime(text, field: field).instant(policy: .shiftForward)
        } catch let error as DomainError {
            throw Problem.invalid(field, error.message, code: error.code.rawValue)
        }
    }

    /// RFC 3339 with the Paris offset in force: `2012-04-27T10:00:00+02:00`.
    static func rfc3339(_ instant: Date) -> String { ParisTime.rfc3339(instant) }
}

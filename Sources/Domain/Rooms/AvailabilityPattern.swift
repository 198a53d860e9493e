/// When a room is open for loans, in Europe/Paris local time.
public enum AvailabilityPattern: Hashable, Sendable, BinaryCodable {
    /// One period.
    case once(start: LocalDateTime, end: LocalDateTime)
    /// Every `weekday` from `start` to `end` (same day), on dates `from...until` (both included).
    case weekly(weekday: Weekday, start: LocalTime, end: LocalTime, from: LocalDate, until: LocalDate)

    /// Tag `0` once + two date-times; `1` weekly + weekday, two times, two dates.
    public func encode(to writer: inout BinaryWriter) {
        switch self {
        case .once(let s, let e):
            writer.write(UInt8(0))
            writer.write(s)
            writer.write(e)
        case .weekly(let w, let s, let e, let from, let until):
            writer.write(UInt8(1))
            writer.write(w)
            writer.write(s)
            writer.write(e)
            writer.write(from)
            writer.write(until)
        }
    }

    /// Reads the tagged form.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        switch try reader.readUInt8() {
        case 0: self = .once(start: try reader.read(), end: try reader.read())
        case 1: self = .weekly(weekday: try reader.read(), start: try reader.read(), end: try reader.read(),
                               from: try reader.read(), until: try reader.read())
        default: throw .invalidValue("availability pattern")
        }
    }

    /// The UTC periods of the pattern. One-off times in the spring gap are refused; weekly
    /// occurrences in the gap are shifted forward one hour.
    /// - Throws: `DomainError` (`value.endNotAfterStart`, `time.nonexistentLocalTime`, `value.invalidRecurrence`).
    public func periods() throws(DomainError) -> [Period] {
        switch self {
        case .once(let s, let e):
            return [try Period(paris: s, e)]
        case .weekly(let weekday, let s, let e, let from, let until):
            guard e > s else {
                throw DomainError(.endNotAfterStart, field: "end", "L’heure de fin doit suivre l’heure de début.")
            }
            guard from <= until, until <= from.adding(years: 2) else {
                throw DomainError(.invalidRecurrence, field: "until", "La période de récurrence doit aller d’une date à une date postérieure, sur deux ans au plus.")
            }
            var date = from.adding(days: (weekday.rawValue - from.weekday.rawValue + 7) % 7)
            var out: [Period] = []
            while date <= until {
                out.append(try Period(paris: LocalDateTime(date, s), LocalDateTime(date, e), policy: .shiftForward))
                date = date.adding(days: 7)
            }
            return out
        }
    }
}

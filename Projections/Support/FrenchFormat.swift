public import Domain
public import Foundation

/// Dates, times and numbers as French readers write them, in Europe/Paris time (the web pages,
/// the history's sentences, messages):
/// « mardi 30 mars, 14 h – 18 h », « 1 234,5 m² ».
public enum FrenchFormat {
    public static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    public static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

    /// « mardi 30 mars 2027 ».
    public static func day(_ date: LocalDate, withYear: Bool = true) -> String {
        let name = "\(weekdays[date.weekday.rawValue - 1]) \(date.day == 1 ? "1er" : String(date.day)) \(months[date.month - 1])"
        return withYear ? "\(name) \(date.year)" : name
    }

    /// « mardi 30 mars 2027, 14 h – 18 h », or across days « du mardi 30 mars 2027, 14 h au mercredi 31 mars 2027, 9 h ».
    public static func period(_ period: Period) -> String {
        let start = ParisTime.local(period.start), end = ParisTime.local(period.end)
        if start.date == end.date || (end.time.minutesSinceMidnight == 0 && end.date == start.date.adding(days: 1)) {
            let endTime = end.time.minutesSinceMidnight == 0 && end.date != start.date ? "24 h" : end.time.french
            return "\(day(start.date)), \(start.time.french) – \(endTime)"
        }
        return "du \(day(start.date)), \(start.time.french) au \(day(end.date)), \(end.time.french)"
    }

    /// « 27 avril 2012 à 10 h 05 ».
    public static func instant(_ instant: Date) -> String {
        let local = ParisTime.local(instant)
        return "\(local.date.day == 1 ? "1er" : String(local.date.day)) \(months[local.date.month - 1]) \(local.date.year) à \(local.time.french)"
    }

    /// « 1 234,5 » with a narrow no-break space between thousands.
    public static func number(_ value: Double, decimals: Int = 0) -> String {
        value.formatted(.number.precision(.fractionLength(0...decimals)).locale(french))
    }

    public static let french = Locale(identifier: "fr_FR")

    /// The value of an `<input type="datetime-local">` (Paris time).
    public static func inputDateTime(_ instant: Date) -> String { ParisTime.local(instant).description }
}

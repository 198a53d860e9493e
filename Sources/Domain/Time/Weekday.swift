/// ISO weekdays.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    /// Lundi.
    case monday = 1
    /// Mardi.
    case tuesday
    /// Mercredi.
    case wednesday
    /// Jeudi.
    case thursday
    /// Vendredi.
    case friday
    /// Samedi.
    case saturday
    /// Dimanche.
    case sunday
}

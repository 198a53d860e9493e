/// The text form of an ``Domain/Actor`` stored in every record's envelope:
/// `coordinator:LABEL`, `structure:ID`, `porteur:ID` or `system`.
public enum ActorName {
    /// The stored form of `actor`.
    public static func format(_ actor: Actor) -> String {
        switch actor {
        case .coordinator(let label): return "coordinator:\(label)"
        case .structure(let id): return "structure:\(id.rawValue)"
        case .porteur(let id): return "porteur:\(id.rawValue)"
        case .system: return "system"
        }
    }

    /// Parses a stored actor; nil for an unknown form.
    public static func parse(_ text: String) -> Actor? {
        if text == "system" { return .system }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon]
        let value = String(text[text.index(after: colon)...])
        switch kind {
        case "coordinator": return .coordinator(value)
        case "structure": return (try? StructureID(value)).map(Actor.structure)
        case "porteur": return (try? PersonID(value)).map(Actor.porteur)
        default: return nil
        }
    }
}

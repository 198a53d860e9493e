/// Value checks shared by the deciders; each refuses with a typed error before any event.
enum Validate {
    /// Limits on free text.
    static let nameLimit = 200
    static let descriptionLimit = 5000
    static let reasonLimit = 2000

    /// Trims and checks a required text.
    static func text(_ value: String, field: String, label: String, max: Int = nameLimit) throws(DomainError) -> String {
        let t = value.trimmingWhitespace()
        guard !t.isEmpty else {
            throw DomainError(.emptyValue, field: field, "Le champ « \(label) » est obligatoire.")
        }
        guard t.count <= max else {
            throw DomainError(.tooLong, field: field, "Le champ « \(label) » dépasse \(max) caractères (\(t.count)).")
        }
        return t
    }

    /// Trims and checks an optional text; empty becomes `nil`.
    static func optionalText(_ value: String?, field: String, label: String, max: Int) throws(DomainError) -> String? {
        guard let value else { return nil }
        let t = value.trimmingWhitespace()
        if t.isEmpty { return nil }
        guard t.count <= max else {
            throw DomainError(.tooLong, field: field, "Le champ « \(label) » dépasse \(max) caractères (\(t.count)).")
        }
        return t
    }

    /// A text that may be empty but is bounded.
    static func boundedText(_ value: String, field: String, label: String, max: Int) throws(DomainError) -> String {
        try optionalText(value, field: field, label: label, max: max) ?? ""
    }

    /// A plausible email: one `@`, non-empty local part, a dot in the domain, no spaces, ≤ 254.
    static func email(_ value: String, field: String = "email") throws(DomainError) -> String {
        let t = value.trimmingWhitespace()
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        let ok = t.count <= 254 && parts.count == 2 && !parts[0].isEmpty && !t.contains(" ")
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
        guard ok else {
            throw DomainError(.invalidEmail, field: field, "« \(t.prefix(80)) » n’est pas une adresse électronique valide (ex. nom@exemple.fr).")
        }
        return t
    }

    /// A phone number: digits with optional leading `+` and spaces, dots or dashes; 6 to 15 digits.
    static func phone(_ value: String, field: String = "phone") throws(DomainError) -> String {
        let t = value.trimmingWhitespace()
        var digits = 0
        var ok = !t.isEmpty && t.count <= 30
        for (i, c) in t.enumerated() {
            if c.isASCII, c.isNumber { digits += 1 } else if c == "+" && i == 0 { continue } else if c == " " || c == "." || c == "-" { continue } else { ok = false }
        }
        guard ok, (6...15).contains(digits) else {
            throw DomainError(.invalidPhone, field: field, "« \(t.prefix(40)) » n’est pas un numéro de téléphone valide (ex. 02 99 00 00 00).")
        }
        return t
    }

    /// A finite number.
    static func finite(_ value: Double, field: String, label: String) throws(DomainError) {
        guard value.isFinite else {
            throw DomainError(.notFinite, field: field, "Le champ « \(label) » doit être un nombre fini.")
        }
    }

    /// A positive finite surface in m², at most 100,000.
    static func surface(_ value: Double, field: String = "surface") throws(DomainError) {
        try finite(value, field: field, label: "surface")
        guard value > 0, value <= 100_000 else {
            throw DomainError(.invalidSurface, field: field, "La surface doit être positive (en m², au plus 100 000) ; reçu \(value).")
        }
    }

    /// A reason: required, ≤ 2000 characters.
    static func reason(_ value: String, field: String = "reason") throws(DomainError) -> String {
        try text(value, field: field, label: "motif", max: reasonLimit)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// The one check every text from outside goes through, whichever edge it arrives by: a JSON
/// string of the API (``JSONInput``) or a field of a web form (``WebForm``). Control characters
/// and bidirectional overrides are refused with the same problem (422 `value.controlCharacter`)
/// naming the same field, so that a browser and a program are held to the same rules.
enum TextInput {
    /// `text` when it holds no forbidden character (``isForbidden(_:)``).
    /// - Throws: a 422 problem naming `field` and the first forbidden character.
    static func checked(_ text: String, field: String) throws -> String {
        if let bad = text.unicodeScalars.first(where: isForbidden) {
            throw Problem.invalid(field, "Le champ « \(field) » contient un caractère de contrôle interdit (U+\(String(bad.value, radix: 16, uppercase: true))).", code: "value.controlCharacter")
        }
        return text
    }

    /// C0 controls other than tab, newline and carriage return, DEL, C1 controls, and the
    /// bidirectional overrides and isolates that can disguise text (U+202A–202E, U+2066–2069).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}

import App
import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), checked against the session's
/// token against cross-site request forgery before any field is read.
///
/// A form is turned into the same ``JSONInput`` the API reads (``json(_:)``), so that a browser
/// and a program go through the same validation and reach the domain by the same path.
struct WebForm {
    /// Every value of every field, in submission order.
    let fields: [String: [String]]

    /// How a form field becomes a JSON value.
    enum FieldKind {
        /// Text; a blank field is left out (so that a required field is reported missing).
        case text
        /// A whole number.
        case integer
        /// A decimal number; a comma is accepted as the decimal separator.
        case number
        /// An amount in euros (« 12,50 ») sent as whole cents.
        case euros
        /// A checkbox: present is true, absent is false.
        case checkbox
        /// Every checked value of a group of checkboxes.
        case list
    }

    /// Reads the body (at most 1 MiB) and, for a signed-in session, checks the `csrf` field.
    /// - Throws: a 403 problem when the token is missing or wrong, a 415 for another content type.
    static func read(_ request: Request, context: ServerRequestContext, checkCSRF: Bool = true) async throws -> WebForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(.unsupportedMediaType, code: "request.contentType", detail: "Ce formulaire s’envoie encodé en application/x-www-form-urlencoded.")
        }
        let buffer = try await context.body(of: request)
        let form = try parse(String(decoding: buffer.readableBytesView, as: UTF8.self))
        if checkCSRF {
            guard let session = context.session, let sent = form.value("csrf"),
                  constantTimeEquals(Array(sent.utf8), Array(session.csrfToken.utf8)) else {
                throw Problem.forbidden("Formulaire expiré ou envoyé depuis un autre site : rechargez la page puis recommencez.", code: "web.csrf")
            }
        }
        return form
    }

    /// Parses `a=1&b=x+y&c=%C3%A9`.
    static func parse(_ body: String) throws -> WebForm {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw Problem(.badRequest, code: "request.malformedForm", detail: "Le formulaire est mal encodé (UTF-8 attendu).")
            }
            fields[name, default: []].append(value)
        }
        return WebForm(fields: fields)
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The first value of a field, nil when absent.
    func value(_ name: String) -> String? { fields[name]?.first }

    /// The trimmed value of a field, nil when absent or blank; checked as the API checks its
    /// strings (``TextInput/checked(_:field:)``), so that no text reaches a page or the log
    /// from a form that the API would refuse.
    /// - Throws: a 422 problem naming the field when it holds a control character.
    func text(_ name: String) throws -> String? {
        guard let value = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return try TextInput.checked(value, field: name)
    }

    /// The fields named in `schema` as a JSON object (dotted names become nested objects),
    /// read by the API's own parsing code. Fields not in the schema (`csrf`, buttons) are ignored.
    /// - Throws: a 422 problem naming the field when a number is not a number or a text holds a
    ///   control character.
    func json(_ schema: [(String, FieldKind)]) throws -> JSONInput {
        var object: [String: Any] = [:]
        for (name, kind) in schema {
            let value: Any?
            switch kind {
            case .text:
                value = try text(name)
            case .integer:
                value = try text(name).map { raw -> Int in
                    guard let number = Int(Self.frenchNumber(raw)) else {
                        throw Problem.invalid(name, "« \(raw.prefix(40)) » n’est pas un nombre entier (par ex. 12).", code: "value.notANumber")
                    }
                    return number
                }
            case .number:
                value = try text(name).map { raw -> Double in
                    guard let number = Double(Self.frenchNumber(raw)), number.isFinite else {
                        let example = name.hasSuffix("itude") ? "48,1130" : "1 500 ou 12,5"
                        throw Problem.invalid(name, "« \(raw.prefix(40)) » n’est pas un nombre (par ex. \(example)).", code: "value.notANumber")
                    }
                    return number
                }
            case .euros:
                value = try text(name).map { raw -> Int in
                    guard let euros = Double(Self.frenchNumber(raw)),
                          euros.isFinite, euros >= 0, euros <= 100_000 else {
                        throw Problem.invalid(name, "« \(raw.prefix(40)) » n’est pas un montant en euros (par ex. 45 ou 12,50).", code: "value.notANumber")
                    }
                    return Int((euros * 100).rounded())
                }
            case .checkbox:
                value = fields[name] != nil
            case .list:
                value = try (fields[name] ?? []).map { try TextInput.checked($0, field: name) }
            }
            guard let value else { continue }
            Self.insert(value, at: name.split(separator: ".").map(String.init), into: &object)
        }
        return JSONInput(object: object)
    }

    /// A number as French pages display it and people type it, made readable by `Int`/`Double`:
    /// « 4 000 » (thin, narrow or plain no-break spaces between thousands), « 12,5 », « −1,6745 »,
    /// « 45 € », « 450 m² ». Every number a page shows is accepted back as shown.
    static func frenchNumber(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespaces)
        for unit in ["€", "m²", "m2"] where text.hasSuffix(unit) { text = String(text.dropLast(unit.count)) }
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]
        return String(text.filter { !spaces.contains($0) })
            .replacingOccurrences(of: ",", with: ".")
            .replacingOccurrences(of: "\u{2212}", with: "-")
    }

    private static func insert(_ value: Any, at path: [String], into object: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var child = object[first] as? [String: Any] ?? [:]
        insert(value, at: Array(path.dropFirst()), into: &child)
        object[first] = child
    }

    private static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

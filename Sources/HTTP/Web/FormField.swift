import Foundation

/// One input of a form as the `field` template draws it: a label for every input, the hint and
/// the error next to it (tied by `aria-describedby`), the value typed kept after a refusal.
struct FormField {
    enum Kind {
        case input(type: String)
        case textarea
        case checkbox(checked: Bool)
        case select([(value: String, label: String)])
    }

    /// The hint under every field whose text goes into the log as typed (project names, purposes,
    /// reasons): such text is not sealed like a contact, so erasing a person cannot remove it.
    static let publicTextHint = "Ce texte est public dans l’historique et ne pourra pas être effacé : n’y mettez pas de données personnelles."

    let name: String
    let label: String
    var kind: Kind = .input(type: "text")
    var value: String = ""
    var required = false
    var hint: String?
    var error: String?
    var attributes: [String: String] = [:]

    /// The template's view of the field; every key is set so that no value leaks from the page around it.
    var object: [String: Any] {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        var describedBy: [String] = []
        if hint != nil { describedBy.append("h-\(id)") }
        if error != nil { describedBy.append("e-\(id)") }
        var object: [String: Any] = [
            "id": id, "name": name, "label": label, "value": value, "hasValue": !value.isEmpty, "required": required,
            "hasHint": hint != nil, "hint": hint ?? "", "hasError": error != nil, "error": error ?? "",
            "describedBy": describedBy.joined(separator: " "), "hasDescription": !describedBy.isEmpty,
            "isInput": false, "isTextarea": false, "isCheckbox": false, "isSelect": false,
            "type": "text", "checked": false, "options": [[String: Any]](),
            "min": attributes["min"] ?? "", "hasMin": attributes["min"] != nil,
            "max": attributes["max"] ?? "", "hasMax": attributes["max"] != nil,
            "step": attributes["step"] ?? "", "hasStep": attributes["step"] != nil,
            "autocomplete": attributes["autocomplete"] ?? "", "hasAutocomplete": attributes["autocomplete"] != nil,
        ]
        switch kind {
        case .input(let type):
            object["isInput"] = true
            object["type"] = type
        case .textarea:
            object["isTextarea"] = true
        case .checkbox(let checked):
            object["isCheckbox"] = true
            object["checked"] = checked
        case .select(let options):
            object["isSelect"] = true
            object["options"] = options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value] }
        }
        return object
    }
}

/// What a refused form shows: the message next to its field, or at the top when no field is named.
struct FormErrors {
    var byField: [String: String] = [:]
    var general: String?

    init() {}

    init(_ problem: Problem, fields: Set<String>) {
        let named = problem.field.flatMap { field in fields.contains(field) ? field : fields.first { $0.hasSuffix("." + field) } }
        if let named {
            byField[named] = problem.detail
            general = "Le formulaire contient une erreur : corrigez le champ signalé puis renvoyez-le."
        } else {
            general = problem.detail
        }
    }
}

extension Array where Element == FormField {
    /// The fields with the values of a submitted form and the errors of a refusal.
    func filled(from form: WebForm?, errors: FormErrors) -> [[String: Any]] {
        map { field in
            var field = field
            if let form {
                switch field.kind {
                case .checkbox:
                    let sent = form.fields[field.name] ?? []
                    field.kind = .checkbox(checked: field.value.isEmpty ? !sent.isEmpty : sent.contains(field.value))
                default: field.value = form.value(field.name) ?? ""
                }
            }
            field.error = errors.byField[field.name]
            return field.object
        }
    }

    /// Every field name, to know which problem fields the form can show.
    var names: Set<String> { Set(map(\.name)) }
}

import Domain
import Foundation
import Hummingbird

/// A request body read as a JSON object with typed accessors that name the field at fault.
///
/// Strict on purpose: a body that is not a JSON object, a field of the wrong type, a missing
/// required field, or a field the route does not know is refused (400/422) before anything is
/// decided, so that a refused request writes nothing.
struct JSONInput {
    private let object: [String: Any]
    private let path: String
    private var seen: Set<String> = []

    /// Reads and parses the body (at most the context's upload size; more is a 413).
    static func read(_ request: Request, context: ServerRequestContext) async throws -> JSONInput {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(.unsupportedMediaType, code: "request.contentType", detail: "Le corps doit être du JSON (Content-Type: application/json).")
        }
        let buffer = try await context.body(of: request)
        return try parse(Data(buffer.readableBytesView))
    }

    static func parse(_ data: Data) throws -> JSONInput {
        guard !data.isEmpty else { return JSONInput(object: [:], path: "") }
        if let key = DuplicateKeyScanner.firstDuplicate(in: Array(data)) {
            throw Problem(.badRequest, code: "request.duplicateKey", detail: "Le champ « \(key) » apparaît deux fois dans le même objet.", field: key)
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw Problem(.badRequest, code: "request.malformedJSON", detail: "Le corps n’est pas du JSON valide (UTF-8, sans virgule en trop).")
        }
        guard let object = value as? [String: Any] else {
            throw Problem(.badRequest, code: "request.notAnObject", detail: "Le corps doit être un objet JSON { … }.")
        }
        return JSONInput(object: object, path: "")
    }

    /// An input over an object already parsed (a web form turned into JSON, see ``WebForm``).
    init(object: [String: Any]) {
        self.init(object: object, path: "")
    }

    private init(object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func raw(_ key: String) -> Any? {
        seen.insert(key)
        guard let value = object[key], !(value is NSNull) else { return nil }
        return value
    }

    private func typeError(_ key: String, _ expected: String) -> Problem {
        Problem.invalid(name(key), "Le champ « \(name(key)) » doit être \(expected).", code: "request.wrongType")
    }

    private func missing(_ key: String) -> Problem {
        Problem.invalid(name(key), "Le champ « \(name(key)) » est obligatoire.", code: "request.missingField")
    }

    /// A required string of at most `max` characters.
    mutating func string(_ key: String, max: Int = 5000) throws -> String {
        guard let value = try optionalString(key, max: max) else { throw missing(key) }
        return value
    }

    /// An optional string of at most `max` characters.
    mutating func optionalString(_ key: String, max: Int = 5000) throws -> String? {
        guard let value = raw(key) else { return nil }
        guard let string = value as? String, !isBool(value) else { throw typeError(key, "une chaîne de caractères") }
        _ = try TextInput.checked(string, field: name(key))
        guard string.count <= max else {
            throw Problem.invalid(name(key), "Le champ « \(name(key)) » dépasse \(max) caractères.", code: "value.tooLong")
        }
        return string
    }

    /// A required integer within `range`.
    mutating func int(_ key: String, in range: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)) throws -> Int {
        guard let value = try optionalInt(key, in: range) else { throw missing(key) }
        return value
    }

    /// An optional integer within `range`.
    mutating func optionalInt(_ key: String, in range: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)) throws -> Int? {
        guard let value = raw(key) else { return nil }
        guard !isBool(value), let number = value as? NSNumber else { throw typeError(key, "un nombre entier") }
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, double >= Double(range.lowerBound), double <= Double(range.upperBound) else {
            throw Problem.invalid(name(key), "Le champ « \(name(key)) » doit être un entier entre \(range.lowerBound) et \(range.upperBound).", code: "value.outOfRange")
        }
        return Int(double)
    }

    /// A required finite number.
    mutating func double(_ key: String) throws -> Double {
        guard let value = try optionalDouble(key) else { throw missing(key) }
        return value
    }

    /// An optional finite number.
    mutating func optionalDouble(_ key: String) throws -> Double? {
        guard let value = raw(key) else { return nil }
        guard !isBool(value), let number = value as? NSNumber else { throw typeError(key, "un nombre") }
        let double = number.doubleValue
        guard double.isFinite else {
            throw Problem.invalid(name(key), "Le champ « \(name(key)) » doit être un nombre fini.", code: "value.outOfRange")
        }
        guard abs(double) < 1e12 else {
            throw Problem.invalid(name(key), "Le champ « \(name(key)) » est hors limites (moins de mille milliards en valeur absolue).", code: "value.outOfRange")
        }
        return double
    }

    /// A required boolean.
    mutating func bool(_ key: String) throws -> Bool {
        guard let value = try optionalBool(key) else { throw missing(key) }
        return value
    }

    /// An optional boolean.
    mutating func optionalBool(_ key: String) throws -> Bool? {
        guard let value = raw(key) else { return nil }
        guard isBool(value), let bool = value as? Bool else { throw typeError(key, "true ou false") }
        return bool
    }

    /// An optional array of strings.
    mutating func optionalStrings(_ key: String, maxCount: Int = 50, maxLength: Int = 200) throws -> [String]? {
        guard let value = raw(key) else { return nil }
        guard let array = value as? [Any], array.count <= maxCount else { throw typeError(key, "une liste d’au plus \(maxCount) chaînes") }
        return try array.map { item in
            guard let string = item as? String, !isBool(item), string.count <= maxLength else { throw typeError(key, "une liste de chaînes") }
            return try TextInput.checked(string, field: name(key))
        }
    }

    /// A nested object.
    mutating func optionalObject(_ key: String) throws -> JSONInput? {
        guard let value = raw(key) else { return nil }
        guard let object = value as? [String: Any] else { throw typeError(key, "un objet { … }") }
        return JSONInput(object: object, path: name(key))
    }

    /// A required nested object.
    mutating func object(_ key: String) throws -> JSONInput {
        guard let value = try optionalObject(key) else { throw missing(key) }
        return value
    }

    /// True when the key is present (even null).
    func has(_ key: String) -> Bool { object[key] != nil }

    /// Refuses fields the route did not read.
    func finish() throws {
        if let unknown = object.keys.sorted().first(where: { !seen.contains($0) }) {
            throw Problem(.badRequest, code: "request.unknownField", detail: "Champ inconnu : « \(name(unknown)) ».", field: name(unknown))
        }
    }

    /// JSON booleans come back as NSNumbers of objCType "c" (char) on Darwin and Linux alike;
    /// integers are "q"/"i"/"l", so `0` and `1` are never taken for booleans nor the reverse.
    private func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return number.objCType.pointee == 99
    }
}

extension HTTPResponse.Status {
    /// 413 (RFC 9110).
    static let contentTooLarge = HTTPResponse.Status(code: 413, reasonPhrase: "Content Too Large")
}

/// Finds a key repeated within one JSON object, which JSONSerialization would silently resolve
/// (last wins). A small scanner over the bytes: strings, escapes and nesting, nothing else;
/// keys are compared as the parser reads them (escapes resolved); malformed input is left for
/// the parser to refuse.
enum DuplicateKeyScanner {
    static func firstDuplicate(in bytes: [UInt8]) -> String? {
        // One frame per open container: the keys seen, whether it is an object, whether a key is expected next.
        var stack: [(keys: Set<String>, isObject: Bool, expectKey: Bool)] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append((keys: [], isObject: true, expectKey: true))
            case UInt8(ascii: "["):
                stack.append((keys: [], isObject: false, expectKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                if !stack.isEmpty, stack[stack.count - 1].isObject { stack[stack.count - 1].expectKey = true }
            case UInt8(ascii: "\""):
                let start = index + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if !stack.isEmpty, stack[stack.count - 1].isObject, stack[stack.count - 1].expectKey {
                    let key = unescaped(Array(bytes[start..<min(end, bytes.count)]))
                    if !stack[stack.count - 1].keys.insert(key).inserted {
                        return key
                    }
                    stack[stack.count - 1].expectKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// A key as the parser will read it: escapes resolved, so that `"na\u006de"` and `"name"`
    /// are the same key. A key that does not decode is left as written (the parser refuses it).
    static func unescaped(_ key: [UInt8]) -> String {
        let written = String(decoding: key, as: UTF8.self)
        guard key.contains(UInt8(ascii: "\\")) else { return written }
        let quoted = Data([UInt8(ascii: "\"")] + key + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String ?? written
    }
}

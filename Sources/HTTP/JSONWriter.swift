import Foundation

/// Writes the JSON of the dictionaries and arrays the routes build (strings, integers, booleans,
/// null, nested arrays and objects), keys sorted, slashes unescaped: the bytes
/// `JSONSerialization` writes with `[.sortedKeys, .withoutEscapingSlashes]`, without its dynamic
/// casts through Foundation objects, which took a sixth of the server's time on the command
/// round trip. Anything else (floating-point numbers, whose formatting is Foundation's, control
/// characters in strings, Foundation objects) returns nil and the caller uses `JSONSerialization`.
/// Keys must be lowercase ASCII letters only (`id`, `version`, `position`, `status`…): Foundation
/// sorts keys case-insensitively and numerically, which for such keys is plain byte order.
enum JSONWriter {
    /// The JSON of `value`, nil when it holds something this writer leaves to Foundation.
    static func bytes(_ value: Any) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        return write(value, into: &out) ? out : nil
    }

    private static func write(_ value: Any, into out: inout [UInt8]) -> Bool {
        // Scalars by their exact type: a cast would also turn an NSNumber into a Bool or an Int.
        let type = Swift.type(of: value)
        if type == String.self { return write(string: value as! String, into: &out) }
        if type == Bool.self { out.append(contentsOf: (value as! Bool) ? Array("true".utf8) : Array("false".utf8)); return true }
        if type == Int.self { out.append(contentsOf: String(value as! Int).utf8); return true }
        if type == UInt64.self { out.append(contentsOf: String(value as! UInt64).utf8); return true }
        if type == Int64.self { out.append(contentsOf: String(value as! Int64).utf8); return true }
        if type == Int32.self { out.append(contentsOf: String(value as! Int32).utf8); return true }
        if type == NSNull.self { out.append(contentsOf: "null".utf8); return true }
        if let object = value as? [String: Any] {
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }),
                      write(string: key, into: &out) else { return false }
                out.append(UInt8(ascii: ":"))
                guard let element = object[key], write(element, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
            return true
        }
        if let array = value as? [Any] {
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard write(element, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
            return true
        }
        return false
    }

    /// A string with `"` and `\` escaped; false when it holds a control character.
    private static func write(string: String, into out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
        return true
    }
}

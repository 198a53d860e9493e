/// Appends text to a byte array with JSON and CSV escaping and compact number formatting.
struct ByteBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A JSON string literal (RFC 8259 escaping).
    mutating func jsonString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":`
    mutating func key(_ name: String) {
        jsonString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string or `null`.
    mutating func jsonOptional(_ text: String?) {
        if let text { jsonString(text) } else { raw("null") }
    }

    /// A CSV field (RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled).
    mutating func csvField(_ text: String) {
        let needsQuotes = text.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { raw(text); return }
        bytes.append(34)
        for b in text.utf8 {
            if b == 34 { bytes.append(34) }
            bytes.append(b)
        }
        bytes.append(34)
    }
}

/// Decimal text of a double with at most `decimals` digits after the point, trailing zeros trimmed
/// (`-1.6745`, `48.113`, `30`): valid JSON numbers, never exponents.
func decimalText(_ value: Double, decimals: Int = 6) -> String {
    guard value.isFinite else { return "0" }
    var scale: Double = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded()
    let negative = scaled < 0
    let magnitude = UInt64(abs(scaled))
    let unit = UInt64(scale)
    let whole = magnitude / unit
    var fraction = magnitude % unit
    var text = (negative && magnitude != 0 ? "-" : "") + String(whole)
    if fraction != 0 {
        var digits = decimals
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let f = String(fraction)
        text += "." + String(repeating: "0", count: digits - f.count) + f
    }
    return text
}

/// Writes iCalendar content lines: CRLF endings, lines folded at 75 octets without splitting a
/// UTF-8 character, TEXT values escaped (RFC 5545 §3.1, §3.3.11).
struct ICSWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    /// A content line `name:value` (value already in its final form), folded.
    mutating func line(_ name: String, _ value: String) {
        var content = Array(name.utf8)
        content.append(UInt8(ascii: ":"))
        content.append(contentsOf: value.utf8)
        fold(content)
    }

    /// A content line whose value is TEXT, escaped.
    mutating func text(_ name: String, _ value: String) { line(name, Self.escape(value)) }

    /// Escapes `\`, `;`, `,` and newlines of a TEXT value.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var previousCR = false
        for ch in value.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default:
                if ch.value < 0x20 || ch.value == 0x7F { out += " " } else { out.unicodeScalars.append(ch) }
            }
            previousCR = ch == "\r"
        }
        return out
    }

    private mutating func fold(_ content: [UInt8]) {
        var start = 0
        var limit = 75
        while content.count - start > limit {
            var cut = start + limit
            // Never split a multi-byte character: back off over continuation bytes.
            while cut > start && content[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: content[start..<cut])
            bytes.append(contentsOf: [13, 10, 32])
            start = cut
            limit = 74  // the leading space counts
        }
        bytes.append(contentsOf: content[start...])
        bytes.append(contentsOf: [13, 10])
    }
}

/// One measured figure: a line of output and an entry of the JSON file.
struct Figure: Codable, Sendable {
    /// Stable name, e.g. `ours.append.1-per-call`.
    let name: String
    /// The median over the runs.
    let value: Double
    /// The unit, e.g. `events/s` or `ms`.
    let unit: String
    /// The figure this one is compared with, if any.
    var reference: String?
    /// `value / reference value`.
    var ratio: Double?
    /// The target, in words (e.g. `≥ 0.8 × raw`), if this figure has one.
    var target: String?
    /// Whether the target is met (nil without a target).
    var met: Bool?
    /// Every run's value, for anyone who wants the spread.
    var samples: [Double]
    /// Why the figure was not measured in this run (the line then reads `name: skipped: why`).
    var skipped: String?

    /// `name: value unit (ratio to reference)` plus the target when there is one.
    var line: String {
        if let skipped { return "\(name): skipped: \(skipped)" }
        var text = "\(name): \(Self.format(value)) \(unit)"
        if let reference, let ratio {
            text += " (\(Self.format(ratio, digits: 2))× \(reference))"
        }
        if let target, let met {
            text += " [target \(target): \(met ? "met" : "MISSED")]"
        }
        return text
    }

    /// Whole numbers for large values, a few significant digits for small ones.
    static func format(_ value: Double, digits: Int = 3) -> String {
        if value.isNaN || value.isInfinite { return "\(value)" }
        if abs(value) >= 1000 {
            return groupThousands(Int(value.rounded()))
        }
        var scaled = value
        var decimals = digits
        while abs(scaled) >= 10 && decimals > 0 {
            scaled /= 10
            decimals -= 1
        }
        return fixed(value, decimals: max(decimals, digits == 2 ? 2 : 0))
    }

    private static func groupThousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    private static func fixed(_ value: Double, decimals: Int) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = Int((abs(value) * factor).rounded())
        let whole = scaled / Int(factor)
        let fraction = scaled % Int(factor)
        var text = "\(whole)"
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return value < 0 ? "-" + text : text
    }
}

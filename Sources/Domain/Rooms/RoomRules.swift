/// Optional booking rules of a room. All set rules apply together, so the strictest binds.
public struct RoomRules: Hashable, Sendable, BinaryCodable, Encodable {
    /// A loan must start at least this many minutes after the request.
    public var minNoticeMinutes: Int?
    /// A loan may start at most on the Paris date of today plus this many days.
    public var maxAdvanceDays: Int?
    /// Shortest loan, in minutes.
    public var minLengthMinutes: Int?
    /// Longest loan, in minutes.
    public var maxLengthMinutes: Int?
    /// Minutes that must separate two loans (between an approved loan's end and the next start).
    public var bufferMinutes: Int?

    /// No rules.
    public static let none = RoomRules()

    /// Creates rules.
    public init(minNoticeMinutes: Int? = nil, maxAdvanceDays: Int? = nil, minLengthMinutes: Int? = nil,
                maxLengthMinutes: Int? = nil, bufferMinutes: Int? = nil) {
        self.minNoticeMinutes = minNoticeMinutes
        self.maxAdvanceDays = maxAdvanceDays
        self.minLengthMinutes = minLengthMinutes
        self.maxLengthMinutes = maxLengthMinutes
        self.bufferMinutes = bufferMinutes
    }

    func validated() throws(DomainError) -> RoomRules {
        func check(_ v: Int?, _ range: ClosedRange<Int>, _ field: String, _ label: String) throws(DomainError) {
            if let v, !range.contains(v) {
                throw DomainError(.invalidRules, field: field, "La règle « \(label) » doit être comprise entre \(range.lowerBound) et \(range.upperBound).")
            }
        }
        try check(minNoticeMinutes, 0...525_600, "minNoticeMinutes", "préavis minimal (minutes)")
        try check(maxAdvanceDays, 1...730, "maxAdvanceDays", "réservation au plus tôt (jours)")
        try check(minLengthMinutes, 1...20_160, "minLengthMinutes", "durée minimale (minutes)")
        try check(maxLengthMinutes, 1...20_160, "maxLengthMinutes", "durée maximale (minutes)")
        try check(bufferMinutes, 0...1440, "bufferMinutes", "battement entre prêts (minutes)")
        if let lo = minLengthMinutes, let hi = maxLengthMinutes, lo > hi {
            throw DomainError(.invalidRules, field: "maxLengthMinutes", "La durée maximale doit être au moins égale à la durée minimale.")
        }
        return self
    }

    /// Five optional zigzag varints.
    public func encode(to writer: inout BinaryWriter) {
        for v in [minNoticeMinutes, maxAdvanceDays, minLengthMinutes, maxLengthMinutes, bufferMinutes] {
            writer.writeOptional(v) { $0.writeVarint($1) }
        }
    }

    /// Reads five optional integers.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        let read = { (r: inout BinaryReader) throws(DecodingFailure) -> Int in try r.readInt() }
        minNoticeMinutes = try reader.readOptional(read)
        maxAdvanceDays = try reader.readOptional(read)
        minLengthMinutes = try reader.readOptional(read)
        maxLengthMinutes = try reader.readOptional(read)
        bufferMinutes = try reader.readOptional(read)
        // Rules feed date arithmetic: refuse out-of-range values rather than trap later.
        do { _ = try validated() } catch { throw .invalidValue("rules") }
    }
}

import Hummingbird

/// Typed values of query parameters, refused with a 400 problem naming the parameter.
///
/// Every numeric parameter has a documented range, so that no value a client sends, however
/// large, can reach arithmetic that would trap (issue 13: `from=18446744073709551615` once
/// stopped the server).
enum QueryValue {
    /// The largest log position a client may name: 2^53 − 1, the largest integer every JSON
    /// reader keeps exactly, and far beyond any log this server will hold.
    static let maximumPosition: UInt64 = (1 << 53) - 1

    /// A log position (0 … ``maximumPosition``).
    static func position(_ raw: Substring, field: String) throws -> UInt64 {
        guard raw.utf8.count <= 20, let value = UInt64(raw), value <= maximumPosition else {
            throw Problem.invalid(field, "« \(field) » est une position du journal : un entier de 0 à \(maximumPosition).", code: "value.outOfRange", status: .badRequest)
        }
        return value
    }
}

import Foundation

/// A postal address.
public struct Address: Hashable, Sendable, BinaryCodable, Encodable {
    /// Number and street, e.g. "15 rue Martenot".
    public var street: String
    /// French postcode, five digits.
    public var postcode: String
    /// City.
    public var city: String

    /// Creates an address (validated by ``validated(field:)``).
    public init(street: String, postcode: String, city: String) {
        self.street = street
        self.postcode = postcode
        self.city = city
    }

    /// The trimmed, checked address.
    /// - Throws: `DomainError` (`value.empty`, `value.tooLong`, `value.invalidPostcode`).
    public func validated(field: String = "address") throws(DomainError) -> Address {
        let s = try Validate.text(street, field: "\(field).street", label: "rue")
        let c = try Validate.text(city, field: "\(field).city", label: "ville", max: 100)
        let p = postcode.trimmingWhitespace()
        guard p.count == 5, p.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(.invalidPostcode, field: "\(field).postcode", "Le code postal « \(p.prefix(20)) » doit avoir cinq chiffres.")
        }
        return Address(street: s, postcode: p, city: c)
    }

    /// Street, postcode, city as strings.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(street)
        writer.write(postcode)
        writer.write(city)
    }

    /// Reads street, postcode, city.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        self.init(street: try reader.readString(), postcode: try reader.readString(), city: try reader.readString())
    }
}

/// A WGS84 position.
public struct GeoPosition: Hashable, Sendable, BinaryCodable, Encodable {
    /// Degrees north, -90...90.
    public let latitude: Double
    /// Degrees east, -180...180.
    public let longitude: Double

    /// Creates a position.
    /// - Throws: `DomainError` with code `value.notFinite`, `value.invalidLatitude` or `value.invalidLongitude`.
    public init(latitude: Double, longitude: Double) throws(DomainError) {
        try Validate.finite(latitude, field: "latitude", label: "latitude")
        try Validate.finite(longitude, field: "longitude", label: "longitude")
        guard (-90...90).contains(latitude) else {
            throw DomainError(.invalidLatitude, field: "latitude", "La latitude doit être comprise entre -90 et 90 ; reçu \(latitude).")
        }
        guard (-180...180).contains(longitude) else {
            throw DomainError(.invalidLongitude, field: "longitude", "La longitude doit être comprise entre -180 et 180 ; reçu \(longitude).")
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The great-circle distance to `other` in kilometres (haversine, mean Earth radius).
    public func distanceKm(to other: GeoPosition) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians, dLon = (other.longitude - longitude) * radians
        let a = pow(sin(dLat / 2), 2) + cos(latitude * radians) * cos(other.latitude * radians) * pow(sin(dLon / 2), 2)
        return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
    }

    /// Latitude then longitude as doubles.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(latitude)
        writer.write(longitude)
    }

    /// Reads and validates a position.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        let lat = try reader.readDouble(), lon = try reader.readDouble()
        do { try self.init(latitude: lat, longitude: lon) } catch { throw .invalidValue("position") }
    }
}

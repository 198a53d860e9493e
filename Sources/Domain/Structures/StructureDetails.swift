/// The descriptive details of a structure.
public struct StructureDetails: Hashable, Sendable, BinaryCodable, Encodable {
    /// Name, 1...200 characters.
    public var name: String
    /// Legal form.
    public var kind: StructureKind
    /// SIRET, 14 digits (spaces allowed on input).
    public var siret: String?
    /// Postal address.
    public var address: Address?
    /// Contact email of the structure (not personal data: a structure's address).
    public var contactEmail: String?

    /// Creates details (validated by the decider).
    public init(name: String, kind: StructureKind, siret: String? = nil, address: Address? = nil, contactEmail: String? = nil) {
        self.name = name
        self.kind = kind
        self.siret = siret
        self.address = address
        self.contactEmail = contactEmail
    }

    func validated() throws(DomainError) -> StructureDetails {
        let n = try Validate.text(name, field: "name", label: "nom")
        var s: String? = nil
        if let siret, !siret.trimmingWhitespace().isEmpty {
            let digits = siret.filter { $0 != " " }
            guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DomainError(.invalidSiret, field: "siret", "Le SIRET doit compter 14 chiffres.")
            }
            s = digits
        }
        let a = try address?.validated()
        var e: String? = nil
        if let contactEmail, !contactEmail.trimmingWhitespace().isEmpty { e = try Validate.email(contactEmail, field: "contactEmail") }
        return StructureDetails(name: n, kind: kind, siret: s, address: a, contactEmail: e)
    }

    /// Name, kind byte, optional SIRET, address, email.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.writeEnum(kind)
        writer.writeOptional(siret) { $0.write($1) }
        writer.writeOptional(address) { $0.write($1) }
        writer.writeOptional(contactEmail) { $0.write($1) }
    }

    /// Reads the fields in order.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        name = try reader.readString()
        kind = try reader.readEnum(StructureKind.self, "kind")
        siret = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
        address = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try Address(from: &r) }
        contactEmail = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

/// How a porteur de projet can be reached: personal data.
public struct Contact: Hashable, Sendable, BinaryCodable, Encodable {
    /// Full name.
    public var name: String
    /// Email address.
    public var email: String
    /// Phone number, optional.
    public var phone: String?

    /// Creates a contact (validated by the decider).
    public init(name: String, email: String, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }

    func validated() throws(DomainError) -> Contact {
        let n = try Validate.text(name, field: "contact.name", label: "nom")
        let e = try Validate.email(email, field: "contact.email")
        var p: String? = nil
        if let phone, !phone.trimmingWhitespace().isEmpty { p = try Validate.phone(phone, field: "contact.phone") }
        return Contact(name: n, email: e, phone: p)
    }

    /// Name, email, optional phone.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(name)
        writer.write(email)
        writer.writeOptional(phone) { $0.write($1) }
    }

    /// Reads name, email, optional phone.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        name = try reader.readString()
        email = try reader.readString()
        phone = try reader.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() }
    }
}

/// Opaque encrypted bytes (nonce + ciphertext + tag) produced and read by the App layer.
public struct SealedBytes: Hashable, Sendable {
    /// The bytes.
    public let bytes: [UInt8]
    /// Wraps bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// A personal field in an event: clear when decided or after decryption, sealed in the log,
/// erased once the person's key is destroyed.
public enum ContactData: Hashable, Sendable, BinaryCodable {
    /// Readable contact.
    case clear(Contact)
    /// Encrypted contact, as stored.
    case sealed(SealedBytes)
    /// The key was destroyed: the contact is gone for good.
    case erased

    /// The contact when readable.
    public var contact: Contact? {
        if case .clear(let c) = self { return c }
        return nil
    }

    /// Tag byte `0` clear + contact, `1` sealed + length-prefixed bytes, `2` erased.
    public func encode(to writer: inout BinaryWriter) {
        switch self {
        case .clear(let c):
            writer.write(UInt8(0))
            c.encode(to: &writer)
        case .sealed(let s):
            writer.write(UInt8(1))
            writer.writeBytes(s.bytes)
        case .erased:
            writer.write(UInt8(2))
        }
    }

    /// Reads one of the three forms.
    public init(from reader: inout BinaryReader) throws(DecodingFailure) {
        switch try reader.readUInt8() {
        case 0: self = .clear(try Contact(from: &reader))
        case 1: self = .sealed(SealedBytes(try reader.readBytes()))
        case 2: self = .erased
        default: throw .invalidValue("contact data")
        }
    }
}

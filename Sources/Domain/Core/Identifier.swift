import Foundation

/// A phantom tag naming the kind of entity an ``Identifier`` designates.
public protocol IdentifierTag: Sendable {
    /// Field name used in errors, e.g. `"roomId"`.
    static var fieldName: String { get }
}

/// A validated identifier: 1 to 64 characters among `a-z`, `0-9` and `-`.
///
/// The phantom `Tag` keeps a room id from being passed where a loan id is expected.
public struct Identifier<Tag: IdentifierTag>: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The validated raw text.
    public let rawValue: String

    /// Validates `raw` and wraps it.
    /// - Throws: `DomainError` with code `value.invalidIdentifier` when `raw` is empty, longer
    ///   than 64 characters, or holds anything but lowercase ASCII letters, digits and `-`.
    public init(_ raw: String) throws(DomainError) {
        guard Self.isValid(raw) else {
            throw DomainError(.invalidIdentifier, field: Tag.fieldName,
                              "L’identifiant « \(raw.prefix(80)) » est invalide : 1 à 64 caractères parmi a-z, 0-9 et « - ».")
        }
        rawValue = raw
    }

    /// Wraps text already known to be valid (decoded payloads are re-validated by the reader).
    init(unchecked raw: String) { rawValue = raw }

    /// A new random identifier: a lowercased UUID.
    public static func random() -> Self {
        Self(unchecked: UUID().uuidString.lowercased())
    }

    /// Whether `raw` is an acceptable identifier.
    public static func isValid(_ raw: String) -> Bool {
        let utf8 = raw.utf8
        guard (1...64).contains(utf8.count) else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// The raw text.
    public var description: String { rawValue }

    /// Orders by raw text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tag of ``StructureID``.
public enum StructureTag: IdentifierTag { public static let fieldName = "structureId" }
/// Tag of ``RoomID``.
public enum RoomTag: IdentifierTag { public static let fieldName = "roomId" }
/// Tag of ``AvailabilityID``.
public enum AvailabilityTag: IdentifierTag { public static let fieldName = "availabilityId" }
/// Tag of ``LoanID``.
public enum LoanTag: IdentifierTag { public static let fieldName = "loanId" }
/// Tag of ``LoanSeriesID``.
public enum LoanSeriesTag: IdentifierTag { public static let fieldName = "seriesId" }
/// Tag of ``DeskID``.
public enum DeskTag: IdentifierTag { public static let fieldName = "deskId" }
/// Tag of ``ApplicationID``.
public enum ApplicationTag: IdentifierTag { public static let fieldName = "applicationId" }
/// Tag of ``PersonID``.
public enum PersonTag: IdentifierTag { public static let fieldName = "personId" }
/// Tag of ``PhareRequestID``.
public enum PhareRequestTag: IdentifierTag { public static let fieldName = "requestId" }
/// Tag of ``SiteID``.
public enum SiteTag: IdentifierTag { public static let fieldName = "site" }

/// Identifies a structure (association, coopérative, …).
public typealias StructureID = Identifier<StructureTag>
/// Identifies a room offered for loans.
public typealias RoomID = Identifier<RoomTag>
/// Identifies an opened availability of a room.
public typealias AvailabilityID = Identifier<AvailabilityTag>
/// Identifies one loan (one occurrence of a series is one loan).
public typealias LoanID = Identifier<LoanTag>
/// Identifies a recurring loan request.
public typealias LoanSeriesID = Identifier<LoanSeriesTag>
/// Identifies a desk of the pépinière.
public typealias DeskID = Identifier<DeskTag>
/// Identifies an application for a desk.
public typealias ApplicationID = Identifier<ApplicationTag>
/// Identifies a person (a porteur de projet); the key of crypto-shredding.
public typealias PersonID = Identifier<PersonTag>
/// Identifies a Le Phare space request.
public typealias PhareRequestID = Identifier<PhareRequestTag>
/// Identifies a pépinière site (default `maison-ess`).
public typealias SiteID = Identifier<SiteTag>

extension Identifier where Tag == SiteTag {
    /// The pépinière of the Maison de l'ESS, 15 rue Martenot.
    public static let maisonESS = SiteID(unchecked: "maison-ess")
}

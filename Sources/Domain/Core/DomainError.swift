/// A refused command: a stable code, the offending field, and a French message a person can act on.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Broad class of a refusal, mapped by the HTTP layer to a status.
    public enum Kind: String, Sendable, Hashable {
        /// A value is malformed or out of range (422).
        case invalidValue
        /// The actor may not do this (403).
        case forbidden
        /// The thing named does not exist (404).
        case notFound
        /// The command clashes with current state (409).
        case conflict
        /// A business rule refuses it (422).
        case ruleViolated
    }

    /// The stable code, e.g. `loan.overlapsApproved`.
    public let code: DomainErrorCode
    /// The field of the HTTP API at fault, in English camelCase, if one is.
    public let field: String?
    /// A message in French for people.
    public let message: String
    /// The class of refusal, derived from the code.
    public let kind: Kind

    /// Creates an error; the kind comes from the code.
    public init(_ code: DomainErrorCode, field: String?, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
        self.kind = code.kind
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}

/// Stable error codes. Raw values never change once published.
public enum DomainErrorCode: String, Sendable, Hashable, CaseIterable {
    // Values
    /// `value.empty`.
    case emptyValue = "value.empty"
    /// `value.tooLong`.
    case tooLong = "value.tooLong"
    /// `value.invalidIdentifier`.
    case invalidIdentifier = "value.invalidIdentifier"
    /// `value.invalidLatitude`.
    case invalidLatitude = "value.invalidLatitude"
    /// `value.invalidLongitude`.
    case invalidLongitude = "value.invalidLongitude"
    /// `value.notFinite`.
    case notFinite = "value.notFinite"
    /// `value.invalidCapacity`.
    case invalidCapacity = "value.invalidCapacity"
    /// `value.invalidSurface`.
    case invalidSurface = "value.invalidSurface"
    /// `value.invalidEmail`.
    case invalidEmail = "value.invalidEmail"
    /// `value.invalidPhone`.
    case invalidPhone = "value.invalidPhone"
    /// `value.invalidSiret`.
    case invalidSiret = "value.invalidSiret"
    /// `value.invalidPostcode`.
    case invalidPostcode = "value.invalidPostcode"
    /// `value.invalidDate`.
    case invalidDate = "value.invalidDate"
    /// `value.invalidTime`.
    case invalidTime = "value.invalidTime"
    /// `value.endNotAfterStart`.
    case endNotAfterStart = "value.endNotAfterStart"
    /// `value.invalidPeople`.
    case invalidPeople = "value.invalidPeople"
    /// `value.invalidPrice`.
    case invalidPrice = "value.invalidPrice"
    /// `value.invalidRules`.
    case invalidRules = "value.invalidRules"
    /// `value.invalidQuota`.
    case invalidQuota = "value.invalidQuota"
    /// `value.invalidHoldDays`.
    case invalidHoldDays = "value.invalidHoldDays"
    /// `value.invalidRecurrence`.
    case invalidRecurrence = "value.invalidRecurrence"
    /// `time.nonexistentLocalTime`.
    case nonexistentLocalTime = "time.nonexistentLocalTime"
    /// `time.ambiguousLocalTime`: a Paris local time the autumn change repeats, given without offset.
    case ambiguousLocalTime = "time.ambiguousLocalTime"
    // Authorization
    /// `auth.coordinatorOnly`.
    case coordinatorOnly = "auth.coordinatorOnly"
    /// `structure.notSelf`.
    case structureNotSelf = "structure.notSelf"
    /// `room.notOwner`.
    case roomNotOwner = "room.notOwner"
    /// `loan.notParty`.
    case loanNotParty = "loan.notParty"
    /// `loan.notBorrower`.
    case notBorrower = "loan.notBorrower"
    /// `application.notApplicant`.
    case notApplicant = "application.notApplicant"
    /// `phare.notRequester`.
    case notRequester = "phare.notRequester"
    /// `person.erased`: the person's data were erased; the id may not be used again.
    case personErased = "person.erased"
    // Structures
    /// `structure.alreadyRegistered`.
    case structureAlreadyRegistered = "structure.alreadyRegistered"
    /// `structure.notFound`.
    case structureNotFound = "structure.notFound"
    // Rooms
    /// `room.alreadyOffered`.
    case roomAlreadyOffered = "room.alreadyOffered"
    /// `room.notFound`.
    case roomNotFound = "room.notFound"
    /// `room.withdrawn`.
    case roomWithdrawn = "room.withdrawn"
    /// `availability.alreadyExists`.
    case availabilityAlreadyExists = "availability.alreadyExists"
    /// `availability.notFound`.
    case availabilityNotFound = "availability.notFound"
    /// `availability.empty`.
    case availabilityEmpty = "availability.empty"
    // Loans
    /// `loan.alreadyExists`.
    case loanAlreadyExists = "loan.alreadyExists"
    /// `loan.notFound`.
    case loanNotFound = "loan.notFound"
    /// `loan.inPast`.
    case loanInPast = "loan.inPast"
    /// `loan.outsideAvailability`.
    case loanOutsideAvailability = "loan.outsideAvailability"
    /// `loan.overlapsApproved`.
    case loanOverlapsApproved = "loan.overlapsApproved"
    /// `loan.bufferViolated`.
    case loanBufferViolated = "loan.bufferViolated"
    /// `loan.tooManyPeople`.
    case loanTooManyPeople = "loan.tooManyPeople"
    /// `loan.ownRoom`.
    case loanOwnRoom = "loan.ownRoom"
    /// `loan.minNotice`.
    case loanMinNotice = "loan.minNotice"
    /// `loan.maxAdvance`.
    case loanMaxAdvance = "loan.maxAdvance"
    /// `loan.tooShort`.
    case loanTooShort = "loan.tooShort"
    /// `loan.tooLong`.
    case loanTooLong = "loan.tooLong"
    /// `loan.quotaExceeded`.
    case loanQuotaExceeded = "loan.quotaExceeded"
    /// `loan.notPending`.
    case loanNotPending = "loan.notPending"
    /// `loan.notActive`.
    case loanNotActive = "loan.notActive"
    /// `loan.alreadyStarted`.
    case loanAlreadyStarted = "loan.alreadyStarted"
    /// `loan.seriesEmpty`.
    case loanSeriesEmpty = "loan.seriesEmpty"
    /// `loan.seriesTooLong`.
    case loanSeriesTooLong = "loan.seriesTooLong"
    /// `loan.noSuchDate`.
    case loanNoSuchDate = "loan.noSuchDate"
    // Pépinière
    /// `desk.alreadyExists`.
    case deskAlreadyExists = "desk.alreadyExists"
    /// `desk.notFound`.
    case deskNotFound = "desk.notFound"
    /// `site.notFound`: no desk was ever added to this pépinière site.
    case siteNotFound = "site.notFound"
    /// `desk.removed`.
    case deskRemoved = "desk.removed"
    /// `desk.busy`.
    case deskBusy = "desk.busy"
    /// `desk.occupied`.
    case deskOccupied = "desk.occupied"
    /// `desk.underOffer`.
    case deskUnderOffer = "desk.underOffer"
    /// `application.alreadyExists`.
    case applicationAlreadyExists = "application.alreadyExists"
    /// `application.notFound`.
    case applicationNotFound = "application.notFound"
    /// `application.notWaiting`.
    case applicationNotWaiting = "application.notWaiting"
    /// `application.notSubmitted`.
    case applicationNotSubmitted = "application.notSubmitted"
    /// `application.duplicateProject`.
    case applicationDuplicateProject = "application.duplicateProject"
    /// `allocation.projectAlreadyHasDesk`.
    case projectAlreadyHasDesk = "allocation.projectAlreadyHasDesk"
    /// `allocation.overOneYear`.
    case allocationTooLong = "allocation.overOneYear"
    /// `allocation.outOfOrderNeedsReason`.
    case allocationOutOfOrder = "allocation.outOfOrderNeedsReason"
    /// `allocation.notFound`.
    case allocationNotFound = "allocation.notFound"
    /// `allocation.inPast`.
    case allocationInPast = "allocation.inPast"
    /// `allocation.extensionNotLater`.
    case extensionNotLater = "allocation.extensionNotLater"
    /// `allocation.exitOutsidePeriod`.
    case exitOutsideAllocation = "allocation.exitOutsidePeriod"
    /// `offer.notFound`.
    case offerNotFound = "offer.notFound"
    /// `offer.lapsed`.
    case offerLapsed = "offer.lapsed"
    /// `offer.notLapsed`.
    case offerNotLapsed = "offer.notLapsed"
    /// `offer.noCandidate`.
    case offerNoCandidate = "offer.noCandidate"
    // Le Phare
    /// `phare.requestAlreadyExists`.
    case phareRequestAlreadyExists = "phare.requestAlreadyExists"
    /// `phare.requestNotFound`.
    case phareRequestNotFound = "phare.requestNotFound"
    /// `phare.requestNotOpen`.
    case phareRequestNotOpen = "phare.requestNotOpen"
    /// `phare.exceedsUseCapacity`.
    case phareExceedsUseCapacity = "phare.exceedsUseCapacity"
    /// `phare.exceedsTotalCapacity`.
    case phareExceedsTotalCapacity = "phare.exceedsTotalCapacity"
    /// `phare.allocationExceedsRequest`.
    case phareAllocationExceedsRequest = "phare.allocationExceedsRequest"
    /// `phare.capacityBelowAllocated`.
    case phareCapacityBelowAllocated = "phare.capacityBelowAllocated"
    /// `phare.splitExceedsTotal`.
    case phareSplitExceedsTotal = "phare.splitExceedsTotal"

    /// The class of refusal.
    public var kind: DomainError.Kind {
        let raw = rawValue
        if raw.hasPrefix("value.") || raw.hasPrefix("time.") { return .invalidValue }
        switch self {
        case .coordinatorOnly, .structureNotSelf, .roomNotOwner, .loanNotParty, .notBorrower, .notApplicant, .notRequester, .personErased:
            return .forbidden
        case .structureNotFound, .roomNotFound, .availabilityNotFound, .loanNotFound, .deskNotFound, .siteNotFound,
             .applicationNotFound, .allocationNotFound, .offerNotFound, .phareRequestNotFound:
            return .notFound
        case .structureAlreadyRegistered, .roomAlreadyOffered, .availabilityAlreadyExists, .loanAlreadyExists,
             .deskAlreadyExists, .applicationAlreadyExists, .phareRequestAlreadyExists, .loanOverlapsApproved,
             .deskBusy, .deskOccupied, .deskUnderOffer, .roomWithdrawn, .loanNotPending, .loanNotActive,
             .applicationNotWaiting, .applicationNotSubmitted, .phareRequestNotOpen, .deskRemoved:
            return .conflict
        default:
            return .ruleViolated
        }
    }
}

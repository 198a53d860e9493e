import Foundation
@testable import Domain

/// One event of every type, with optional fields both present and absent somewhere.
let sampleEvents: [AnyDomainEvent] = {
    let details = StructureDetails(name: "CRIDEV", kind: .association, siret: "12345678901234",
                                   address: Address(street: "41 avenue Janvier", postcode: "35000", city: "Rennes"),
                                   contactEmail: "contact@cridev.example")
    var s: [AnyDomainEvent] = [
        .structure(.registered(StructureRegistered(id: cridev, details: details))),
        .structure(.detailsChanged(StructureDetailsChanged(details: StructureDetails(name: "Cridev", kind: .other)))),
        .structure(.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: 20))),
        .structure(.borrowingQuotaSet(BorrowingQuotaSet(hoursPerMonth: nil))),
    ]
    var exchange = roomDetails()
    exchange.conditions = .exchange("Animation d’un atelier")
    exchange.surface = nil
    var free = roomDetails()
    free.conditions = .free
    s += [
        .room(offered),
        .room(.detailsChanged(RoomDetailsChanged(details: exchange))),
        .room(.detailsChanged(RoomDetailsChanged(details: free))),
        .room(.rulesSet(RoomRulesSet(rules: RoomRules(minNoticeMinutes: 2880, maxAdvanceDays: 90, minLengthMinutes: 60, maxLengthMinutes: 480, bufferMinutes: 30)))),
        .room(.rulesSet(RoomRulesSet(rules: .none))),
        .room(.withdrawn(RoomWithdrawn(reason: "Travaux"))),
        .room(openSpring),
        .room(.availabilityOpened(AvailabilityOpened(id: aid("mardis"),
            pattern: .weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"), from: ld("2012-03-13"), until: ld("2012-04-03")),
            periods: try! AvailabilityPattern.weekly(weekday: .tuesday, start: lt("14:00"), end: lt("18:00"), from: ld("2012-03-13"), until: ld("2012-04-03")).periods()))),
        .room(.availabilityClosed(AvailabilityClosed(id: aid("mardis")))),
        .room(requested("l1", "2012-04-27T10:00", "2012-04-27T17:00")),
        .room(.loanSeriesRequested(LoanSeriesRequested(
            seriesID: try! LoanSeriesID("serie"), borrower: cridev, recurrence: .monthly, start: ldt("2012-05-31T10:00"),
            end: ldt("2012-05-31T12:00"), until: ld("2012-08-31"), people: 12, purpose: "Conseil d’administration",
            requested: [LoanOccurrence(loanID: lid("serie-1"), period: period("2012-05-31T10:00", "2012-05-31T12:00"))],
            skipped: [SkippedOccurrence(date: ld("2012-06-30"), code: .loanNoSuchDate, message: "Le 31 n’existe pas en 06/2012.")]))),
        .room(approved("l1")),
        .room(.loanDeclined(LoanDeclined(loanID: lid("l2"), reason: "Le créneau a été attribué au prêt l1", supersededBy: lid("l1")))),
        .room(.loanDeclined(LoanDeclined(loanID: lid("l3"), reason: "Salle occupée"))),
        .room(.loanCancelled(LoanCancelled(loanID: lid("l1"), reason: "Reporté"))),
    ]
    s += site.map(AnyDomainEvent.pepiniere)
    s += [
        .pepiniere(.deskRemoved(DeskRemoved(desk: desk2))),
        .pepiniere(.applicationSubmitted(DeskApplicationSubmitted(application: appid("scelle"), person: pid("p9"), projectName: "Scellé",
                                                                  description: "", contact: .sealed(SealedBytes([1, 2, 3, 0, 255])),
                                                                  submittedAt: paris("2012-01-10T10:00")))),
        .pepiniere(.applicationSubmitted(DeskApplicationSubmitted(application: appid("efface"), person: pid("p8"), projectName: "Effacé",
                                                                  description: "", contact: .erased, submittedAt: paris("2012-01-10T10:00")))),
        .pepiniere(.applicationRejected(ApplicationRejected(application: garage, reason: "Hors champ"))),
        .pepiniere(.deskOffered(DeskOffered(desk: desk1, application: ecoThink, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7, expiresAt: paris("2012-02-22T09:00"), outOfOrderReason: nil))),
        .pepiniere(.deskOffered(DeskOffered(desk: desk1, application: garage, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7, expiresAt: paris("2012-02-22T09:00"), outOfOrderReason: "Urgence"))),
        .pepiniere(.deskOfferAccepted(DeskOfferAccepted(desk: desk1, application: ecoThink))),
        .pepiniere(.deskOfferLapsed(DeskOfferLapsed(desk: desk1, application: ecoThink))),
        .pepiniere(allocated(desk1, ecoThink, "2012-02-29", "2013-02-28")),
        .pepiniere(.deskAllocated(DeskAllocated(desk: desk2, application: garage, start: ld("2012-03-01"), end: ld("2012-09-01"), outOfOrderReason: "Atelier"))),
        .pepiniere(.allocationExtended(AllocationExtended(application: ecoThink, desk: desk1, newEnd: ld("2013-02-28")))),
        .pepiniere(.projectLeft(ProjectLeft(application: ecoThink, desk: desk1, date: ld("2012-07-01"), reason: "Locaux trouvés"))),
        .pepiniere(.projectLeft(ProjectLeft(application: garage, desk: desk2, date: ld("2012-07-01"), reason: nil))),
        .phare(.capacitySet(PhareCapacitySet(total: 4000, perUse: [.commerce: 800, .hebergement: 1200.5]))),
        .phare(.capacitySet(PhareCapacitySet(total: 4000, perUse: [:]))),
        .phare(.spaceRequested(SpaceRequested(id: prid("r1"), structure: cridev, use: .bureaux, surface: 120.5, wishedDate: ld("2016-01-01"), notes: "Équipe de 6"))),
        .phare(.spaceRequested(SpaceRequested(id: prid("r2"), structure: oxalis, use: .services, surface: 60, wishedDate: nil, notes: ""))),
        .phare(.spaceRequestAmended(SpaceRequestAmended(id: prid("r1"), use: .commerce, surface: 100, wishedDate: nil, notes: "Boutique"))),
        .phare(.spaceRequestWithdrawn(SpaceRequestWithdrawn(id: prid("r2"), reason: nil))),
        .phare(.spaceRequestWithdrawn(SpaceRequestWithdrawn(id: prid("r2"), reason: "Abandon"))),
        .phare(.spaceAllocated(SpaceAllocated(id: prid("r1"), surface: 80))),
        .phare(.spaceRequestDeclined(SpaceRequestDeclined(id: prid("r1"), reason: "Usage non prévu"))),
    ]
    return s
}()

let allEventTypes: Set<String> = [
    "structure.registered.v1", "structure.detailsChanged.v1", "structure.borrowingQuotaSet.v1",
    "room.offered.v1", "room.detailsChanged.v1", "room.rulesSet.v1", "room.withdrawn.v1", "room.availabilityOpened.v1",
    "room.availabilityClosed.v1", "room.loanRequested.v1", "room.loanSeriesRequested.v1", "room.loanApproved.v1",
    "room.loanDeclined.v1", "room.loanCancelled.v1",
    "pepiniere.deskAdded.v1", "pepiniere.deskRemoved.v1", "pepiniere.applicationSubmitted.v1", "pepiniere.applicationWaitlisted.v1",
    "pepiniere.applicationRejected.v1", "pepiniere.deskOffered.v1", "pepiniere.deskOfferAccepted.v1", "pepiniere.deskOfferLapsed.v1",
    "pepiniere.deskAllocated.v1", "pepiniere.allocationExtended.v1", "pepiniere.projectLeft.v1",
    "phare.capacitySet.v1", "phare.spaceRequested.v1", "phare.spaceRequestAmended.v1", "phare.spaceRequestWithdrawn.v1",
    "phare.spaceAllocated.v1", "phare.spaceRequestDeclined.v1",
]

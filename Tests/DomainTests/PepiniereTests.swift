import Foundation
import Testing
@testable import Domain

let desk1 = did("bureau-1")
let desk2 = did("bureau-2")
let ecoThink = appid("eco-think")
let octopousse = appid("octopousse")
let garage = appid("garage-solidaire")
let porteur1 = pid("porteur-1")

func submission(_ id: ApplicationID, person: PersonID = porteur1, project: String? = nil, email: String = "camille@example.org") -> ApplicationSubmission {
    ApplicationSubmission(id: id, person: person, projectName: project ?? id.rawValue, description: "Projet collectif en phase d’étude",
                          contact: Contact(name: "Camille Martin", email: email, phone: "02 99 00 00 00"))
}

func submitted(_ id: ApplicationID, person: PersonID = porteur1) -> PepiniereEvent {
    .applicationSubmitted(DeskApplicationSubmitted(application: id, person: person, projectName: id.rawValue,
                                                   description: "Projet collectif en phase d’étude",
                                                   contact: .clear(Contact(name: "Camille Martin", email: "camille@example.org", phone: "02 99 00 00 00")),
                                                   submittedAt: paris("2012-01-10T10:00")))
}

func waitlisted(_ id: ApplicationID) -> PepiniereEvent { .applicationWaitlisted(ApplicationWaitlisted(application: id)) }

func allocated(_ desk: DeskID, _ app: ApplicationID, _ start: String, _ end: String) -> PepiniereEvent {
    .deskAllocated(DeskAllocated(desk: desk, application: app, start: ld(start), end: ld(end), outOfOrderReason: nil))
}

/// Two desks; three applications waiting in the order Eco-think, Octopousse, Garage solidaire.
let site: [PepiniereEvent] = [
    .deskAdded(DeskAdded(desk: desk1, label: "Bureau 1", floor: "5e étage")),
    .deskAdded(DeskAdded(desk: desk2, label: "Bureau 2", floor: "5e étage")),
    submitted(ecoThink), submitted(octopousse, person: pid("porteur-2")), submitted(garage, person: pid("porteur-3")),
    waitlisted(ecoThink), waitlisted(octopousse), waitlisted(garage),
]

/// A site the coordinator opened (two desks), no application yet.
let openSite: [PepiniereEvent] = Array(site.prefix(2))

func allocate(_ desk: DeskID, _ app: ApplicationID, _ start: String, _ end: String, reason: String? = nil) -> PepiniereCommand {
    .allocate(desk, application: app, start: ld(start), end: ld(end), outOfOrderReason: reason)
}

let march1 = "2012-02-15T09:00"

@Suite struct PepiniereDeskTests {
    @Test func coordinatorAddsAndRemovesDesks() {
        _ = expectEvents(PepiniereDecider.self, [], .addDesk(id: desk1, label: "Bureau 1", floor: "5e"), ctx(coordinator))
        expectError(PepiniereDecider.self, [], .addDesk(id: desk1, label: "Bureau 1", floor: "5e"), ctx(.porteur(porteur1)), code: .coordinatorOnly)
        expectError(PepiniereDecider.self, site, .addDesk(id: desk1, label: "Bureau 1", floor: "5e"), ctx(coordinator), code: .deskAlreadyExists)
        expectError(PepiniereDecider.self, [], .addDesk(id: desk1, label: "", floor: "5e"), ctx(coordinator), code: .emptyValue)
        _ = expectEvents(PepiniereDecider.self, site, .removeDesk(desk2), ctx(coordinator))
    }

    @Test func deskHoldingAnAllocationCannotBeRemoved() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2013-03-01")]
        expectError(PepiniereDecider.self, events, .removeDesk(desk1), ctx(coordinator, at: march1), code: .deskBusy)
    }

    @Test func removedDeskCannotBeAllocated() {
        let events = site + [.deskRemoved(DeskRemoved(desk: desk1))]
        expectError(PepiniereDecider.self, events, allocate(desk1, ecoThink, "2012-03-01", "2012-09-01"), ctx(coordinator, at: march1), code: .deskRemoved)
    }

    @Test func deskStatusIsDerivedFromTheLog() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-12-01")]
        let state = given(PepiniereDecider.self, events)
        #expect(state.status(of: desk1, on: ld("2012-02-20")) == .reserved)
        #expect(state.status(of: desk1, on: ld("2012-03-01")) == .occupied)
        #expect(state.status(of: desk1, on: ld("2012-10-01")) == .occupied)
        #expect(state.status(of: desk1, on: ld("2012-10-02")) == .availableSoon)
        #expect(state.status(of: desk1, on: ld("2012-12-01")) == .available)
        #expect(state.status(of: desk2, on: ld("2012-03-01")) == .available)
    }
}

@Suite struct PepiniereApplicationTests {
    @Test func porteurAppliesWithItsContactInClear() {
        let out = expectEvents(PepiniereDecider.self, openSite, .submitApplication(submission(ecoThink)), ctx(.porteur(porteur1)))
        guard case .applicationSubmitted(let e)? = out.first else { Issue.record("none"); return }
        #expect(e.contact == .clear(Contact(name: "Camille Martin", email: "camille@example.org", phone: "02 99 00 00 00")))
        #expect(out.first?.personalDataSubjects == [porteur1])
    }

    @Test func porteurCannotApplyForSomeoneElse() {
        expectError(PepiniereDecider.self, openSite, .submitApplication(submission(ecoThink)), ctx(.porteur(pid("autre"))), code: .notApplicant)
        expectError(PepiniereDecider.self, openSite, .submitApplication(submission(ecoThink)), ctx(asCridev), code: .notApplicant)
    }

    @Test func contactIsValidated() {
        expectError(PepiniereDecider.self, openSite, .submitApplication(submission(ecoThink, email: "camille.example.org")), ctx(.porteur(porteur1)), code: .invalidEmail, field: "contact.email")
        var s = submission(ecoThink)
        s.contact.phone = "12"
        expectError(PepiniereDecider.self, openSite, .submitApplication(s), ctx(.porteur(porteur1)), code: .invalidPhone)
        s = submission(ecoThink, project: "")
        expectError(PepiniereDecider.self, openSite, .submitApplication(s), ctx(.porteur(porteur1)), code: .emptyValue, field: "projectName")
    }

    @Test func onlyTheCoordinatorOpensASite() {
        // No desk yet: the site does not exist, and a porteur's application may not create it.
        expectError(PepiniereDecider.self, [], .submitApplication(submission(ecoThink)), ctx(.porteur(porteur1)), code: .siteNotFound, field: "site")
        expectError(PepiniereDecider.self, [], .addDesk(id: desk1, label: "Bureau 1", floor: ""), ctx(.porteur(porteur1)), code: .coordinatorOnly)
        expectError(PepiniereDecider.self, [], .addDesk(id: desk1, label: "Bureau 1", floor: ""), ctx(asCridev), code: .coordinatorOnly)
        _ = expectEvents(PepiniereDecider.self, [], .addDesk(id: desk1, label: "Bureau 1", floor: ""), ctx(coordinator))
    }

    @Test func aProjectAppliesOnceAtATime() {
        expectError(PepiniereDecider.self, site, .submitApplication(submission(appid("eco-think-bis"), project: "ECO-THINK")), ctx(.porteur(porteur1)), code: .applicationDuplicateProject)
    }

    @Test func onlyTheCoordinatorWaitlistsAndOnlySubmittedApplications() {
        let events = Array(site.prefix(3))
        expectEvents(PepiniereDecider.self, events, .waitlist(ecoThink), ctx(coordinator), equal: [waitlisted(ecoThink)])
        expectError(PepiniereDecider.self, events, .waitlist(ecoThink), ctx(.porteur(porteur1)), code: .coordinatorOnly)
        expectError(PepiniereDecider.self, site, .waitlist(ecoThink), ctx(coordinator), code: .applicationNotSubmitted)
    }

    @Test func waitingListIsFirstComeFirstServed() {
        let state = given(PepiniereDecider.self, site)
        #expect(state.waitingList == [ecoThink, octopousse, garage])
        #expect(state.position(of: garage) == 3)
    }

    @Test func rejectingNeedsAReasonAndRemovesFromTheList() {
        expectError(PepiniereDecider.self, site, .reject(octopousse, reason: ""), ctx(coordinator), code: .emptyValue)
        let out = expectEvents(PepiniereDecider.self, site, .reject(octopousse, reason: "Projet hors champ de l’ESS"), ctx(coordinator))
        #expect(given(PepiniereDecider.self, site + out).waitingList == [ecoThink, garage])
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01")]
        expectError(PepiniereDecider.self, events, .reject(ecoThink, reason: "Trop tard"), ctx(coordinator), code: .applicationNotWaiting)
    }
}

@Suite struct PepiniereAllocationTests {
    @Test func coordinatorAllocatesToTheFirstOfTheList() {
        expectEvents(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-03-01", "2012-09-01"), ctx(coordinator, at: march1),
                     equal: [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01")])
        expectError(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-03-01", "2012-09-01"), ctx(.porteur(porteur1), at: march1), code: .coordinatorOnly)
    }

    @Test func allocatingOutOfOrderNeedsAWrittenReason() {
        expectError(PepiniereDecider.self, site, allocate(desk1, garage, "2012-03-01", "2012-09-01"), ctx(coordinator, at: march1), code: .allocationOutOfOrder)
        expectError(PepiniereDecider.self, site, allocate(desk1, garage, "2012-03-01", "2012-09-01", reason: "  "), ctx(coordinator, at: march1), code: .allocationOutOfOrder)
        let out = expectEvents(PepiniereDecider.self, site, allocate(desk1, garage, "2012-03-01", "2012-09-01", reason: "Atelier au rez-de-chaussée requis"), ctx(coordinator, at: march1))
        guard case .deskAllocated(let e)? = out.first else { Issue.record("none"); return }
        #expect(e.outOfOrderReason == "Atelier au rez-de-chaussée requis")
    }

    @Test func oneDeskPerProject() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01")]
        expectError(PepiniereDecider.self, events, allocate(desk2, ecoThink, "2012-03-01", "2012-09-01"), ctx(coordinator, at: march1), code: .projectAlreadyHasDesk)
    }

    @Test func oneProjectPerDeskAtATime() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01")]
        expectError(PepiniereDecider.self, events, allocate(desk1, octopousse, "2012-08-31", "2012-12-01"), ctx(coordinator, at: march1), code: .deskOccupied)
        _ = expectEvents(PepiniereDecider.self, events, allocate(desk1, octopousse, "2012-09-01", "2012-12-01"), ctx(coordinator, at: march1))
    }

    @Test func allocationLastsOneYearAtMost() {
        _ = expectEvents(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-03-01", "2013-03-01"), ctx(coordinator, at: march1))
        expectError(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-03-01", "2013-03-02"), ctx(coordinator, at: march1), code: .allocationTooLong, field: "end")
    }

    @Test func allocationStartingOn29FebruaryEndsOn28FebruaryAtTheLatest() {
        let now = "2012-02-01T09:00"
        _ = expectEvents(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-02-29", "2013-02-28"), ctx(coordinator, at: now))
        expectError(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-02-29", "2013-03-01"), ctx(coordinator, at: now), code: .allocationTooLong)
        #expect(PepiniereDecider.latestEnd(forStart: ld("2012-02-29")) == ld("2013-02-28"))
        #expect(PepiniereDecider.latestEnd(forStart: ld("2011-03-01")) == ld("2012-03-01"))
    }

    @Test func allocationCannotStartInThePastNorEndBeforeItStarts() {
        expectError(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-02-14", "2012-09-01"), ctx(coordinator, at: march1), code: .allocationInPast)
        expectError(PepiniereDecider.self, site, allocate(desk1, ecoThink, "2012-03-01", "2012-03-01"), ctx(coordinator, at: march1), code: .endNotAfterStart)
    }

    @Test func extensionsStayWithinOneYearOfTheStart() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01")]
        expectEvents(PepiniereDecider.self, events, .extend(ecoThink, newEnd: ld("2013-03-01")), ctx(coordinator, at: "2012-08-01T09:00"),
                     equal: [.allocationExtended(AllocationExtended(application: ecoThink, desk: desk1, newEnd: ld("2013-03-01")))])
        expectError(PepiniereDecider.self, events, .extend(ecoThink, newEnd: ld("2013-03-02")), ctx(coordinator, at: "2012-08-01T09:00"), code: .allocationTooLong, field: "newEnd")
        let extended = events + [.allocationExtended(AllocationExtended(application: ecoThink, desk: desk1, newEnd: ld("2012-12-01")))]
        expectError(PepiniereDecider.self, extended, .extend(ecoThink, newEnd: ld("2013-03-02")), ctx(coordinator, at: "2012-08-01T09:00"), code: .allocationTooLong)
        expectError(PepiniereDecider.self, events, .extend(ecoThink, newEnd: ld("2012-09-01")), ctx(coordinator, at: "2012-08-01T09:00"), code: .extensionNotLater)
    }

    @Test func extensionCannotRunIntoTheNextAllocation() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2012-09-01"), allocated(desk1, octopousse, "2012-10-01", "2013-03-01")]
        expectError(PepiniereDecider.self, events, .extend(ecoThink, newEnd: ld("2012-10-02")), ctx(coordinator, at: march1), code: .deskOccupied)
        _ = expectEvents(PepiniereDecider.self, events, .extend(ecoThink, newEnd: ld("2012-10-01")), ctx(coordinator, at: march1))
    }

    @Test func projectExitFreesTheDesk() {
        let events = site + [allocated(desk1, ecoThink, "2012-03-01", "2013-03-01")]
        let out = expectEvents(PepiniereDecider.self, events, .recordExit(ecoThink, on: ld("2012-07-01"), reason: "Locaux trouvés"), ctx(coordinator, at: "2012-06-20T09:00"))
        let state = given(PepiniereDecider.self, events + out)
        #expect(state.status(of: desk1, on: ld("2012-07-01")) == .available)
        #expect(state.applications[ecoThink]?.status == .left)
        expectError(PepiniereDecider.self, events, .recordExit(ecoThink, on: ld("2013-03-02"), reason: nil), ctx(coordinator), code: .exitOutsideAllocation)
        expectError(PepiniereDecider.self, site, .recordExit(ecoThink, on: ld("2012-07-01"), reason: nil), ctx(coordinator), code: .allocationNotFound)
    }
}

@Suite struct PepiniereOfferTests {
    func offer(_ app: ApplicationID? = nil, hold: Int = 7, reason: String? = nil) -> PepiniereCommand {
        .offerDesk(desk1, application: app, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: hold, outOfOrderReason: reason)
    }

    func offered(_ app: ApplicationID = ecoThink) -> PepiniereEvent {
        .deskOffered(DeskOffered(desk: desk1, application: app, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7,
                                 expiresAt: paris("2012-02-22T09:00"), outOfOrderReason: nil))
    }

    @Test func freeDeskIsOfferedToTheFirstOfTheListWithAHold() {
        expectEvents(PepiniereDecider.self, site, offer(), ctx(coordinator, at: march1), equal: [offered()])
        expectError(PepiniereDecider.self, site, offer(hold: 0), ctx(coordinator, at: march1), code: .invalidHoldDays)
        expectError(PepiniereDecider.self, site, offer(hold: 31), ctx(coordinator, at: march1), code: .invalidHoldDays)
        expectError(PepiniereDecider.self, site, offer(octopousse), ctx(coordinator, at: march1), code: .allocationOutOfOrder)
        expectError(PepiniereDecider.self, site + [offered()], offer(octopousse, reason: "x"), ctx(coordinator, at: march1), code: .deskUnderOffer)
    }

    /// Issue 16: after desk 1 was offered to the first of the list, « the next » is the first
    /// project *without* an open offer — no written derogation is asked or kept for offering desk 2
    /// to the second.
    @Test func theNextIsTheFirstProjectWithoutAnOpenOffer() {
        let events = site + [offered()]
        let toNext = PepiniereCommand.offerDesk(desk2, application: nil, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7, outOfOrderReason: nil)
        let out = expectEvents(PepiniereDecider.self, events, toNext, ctx(coordinator, at: march1))
        guard case .deskOffered(let second)? = out.first else { Issue.record("no offer"); return }
        #expect(second.application == octopousse && second.outOfOrderReason == nil)
        let named = PepiniereCommand.offerDesk(desk2, application: octopousse, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7, outOfOrderReason: nil)
        let explicit = expectEvents(PepiniereDecider.self, events, named, ctx(coordinator, at: march1))
        guard case .deskOffered(let same)? = explicit.first else { Issue.record("no offer"); return }
        #expect(same.application == octopousse && same.outOfOrderReason == nil, "no false derogation in the log")
        // Garage solidaire, third, still needs a reason while Octopousse waits without an offer.
        let third = PepiniereCommand.offerDesk(desk2, application: garage, start: ld("2012-03-01"), end: ld("2013-03-01"), holdDays: 7, outOfOrderReason: nil)
        expectError(PepiniereDecider.self, events, third, ctx(coordinator, at: march1), code: .allocationOutOfOrder)
    }

    @Test func acceptedOfferBecomesAnAllocation() {
        let events = site + [offered()]
        expectEvents(PepiniereDecider.self, events, .acceptOffer(ecoThink), ctx(.porteur(porteur1), at: "2012-02-22T08:59"),
                     equal: [.deskOfferAccepted(DeskOfferAccepted(desk: desk1, application: ecoThink)),
                             allocated(desk1, ecoThink, "2012-03-01", "2013-03-01")])
        expectError(PepiniereDecider.self, events, .acceptOffer(ecoThink), ctx(.porteur(porteur1), at: "2012-02-22T09:00"), code: .offerLapsed)
        expectError(PepiniereDecider.self, events, .acceptOffer(ecoThink), ctx(.porteur(pid("porteur-2")), at: "2012-02-20T09:00"), code: .notApplicant)
        expectError(PepiniereDecider.self, events, .acceptOffer(octopousse), ctx(coordinator, at: "2012-02-20T09:00"), code: .offerNotFound)
    }

    @Test func lapsedOfferGoesToTheNextApplication() {
        let events = site + [offered()]
        expectError(PepiniereDecider.self, events, .lapseOffer(desk1), ctx(.system, at: "2012-02-22T08:59"), code: .offerNotLapsed)
        let out = expectEvents(PepiniereDecider.self, events, .lapseOffer(desk1), ctx(.system, at: "2012-02-22T09:00"))
        #expect(out.first == .deskOfferLapsed(DeskOfferLapsed(desk: desk1, application: ecoThink)))
        guard out.count == 2, case .deskOffered(let next) = out[1] else { Issue.record("no next offer"); return }
        #expect(next.application == octopousse)
        #expect(next.expiresAt == paris("2012-02-29T09:00"))
        let state = given(PepiniereDecider.self, events + out)
        #expect(state.waitingList == [octopousse, garage, ecoThink])
        #expect(state.status(of: desk1, on: ld("2012-02-23")) == .reserved)
        expectError(PepiniereDecider.self, events, .lapseOffer(desk1), ctx(asCridev, at: "2012-02-22T09:00"), code: .coordinatorOnly)
    }

    @Test func holdIsCountedInParisDaysAcrossDst() {
        let out = expectEvents(PepiniereDecider.self, site, .offerDesk(desk1, application: nil, start: ld("2012-04-01"), end: ld("2013-04-01"), holdDays: 7, outOfOrderReason: nil), ctx(coordinator, at: "2012-03-22T09:00"))
        guard case .deskOffered(let e)? = out.first else { Issue.record("none"); return }
        #expect(e.expiresAt == paris("2012-03-29T09:00"))
        #expect(e.expiresAt.timeIntervalSince(paris("2012-03-22T09:00")) == 7 * 86_400 - 3600)
    }
}

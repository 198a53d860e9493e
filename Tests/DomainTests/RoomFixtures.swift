import Foundation
@testable import Domain

let room = rid("salle-radiance")

func roomDetails(capacity: Int = 20, latitude: Double = 48.1130, longitude: Double = -1.6745, name: String = "Salle de formation") -> RoomDetails {
    RoomDetails(name: name,
                address: Address(street: "15 rue Martenot", postcode: "35000", city: "Rennes"),
                position: try! GeoPosition(latitude: 48.1130, longitude: -1.6745),
                capacity: capacity, surface: 45, equipment: [.projector, .wifi],
                equipmentNotes: "Paperboard sur demande", stepFreeAccess: true,
                conditions: .price(halfDayCents: 5000, dayCents: 9000), description: "Salle claire au 5e étage.")
}

let offered = RoomEvent.offered(RoomOffered(id: room, owner: radiance, details: roomDetails()))

/// Open from 1 April to 1 July 2012, Paris time.
let openSpring = RoomEvent.availabilityOpened(AvailabilityOpened(
    id: aid("printemps"),
    pattern: .once(start: ldt("2012-04-01T00:00"), end: ldt("2012-07-01T00:00")),
    periods: [period("2012-04-01T00:00", "2012-07-01T00:00")]))

let openRoom: [RoomEvent] = [offered, openSpring]

func loanRequest(_ id: String, _ start: String, _ end: String, by borrower: StructureID = cridev, people: Int = 16,
                 purpose: String = "Formation : trouver des ressources auprès des fondations") -> RoomCommand {
    .requestLoan(LoanRequest(loanID: lid(id), borrower: borrower, start: ldt(start), end: ldt(end), people: people, purpose: purpose))
}

func requested(_ id: String, _ start: String, _ end: String, by borrower: StructureID = cridev, people: Int = 16) -> RoomEvent {
    .loanRequested(LoanRequested(loanID: lid(id), borrower: borrower, period: period(start, end), people: people,
                                 purpose: "Formation : trouver des ressources auprès des fondations"))
}

func approved(_ id: String) -> RoomEvent { .loanApproved(LoanApproved(loanID: lid(id))) }

let asCridev = Actor.structure(cridev)
let asRadiance = Actor.structure(radiance)
let asOxalis = Actor.structure(oxalis)

import Domain

/// The request's field names for the names the domain gives its refusals, per kind of request.
///
/// The domain names what it checks (`until`, `deskId`, `projectName`); a client must read the key
/// it sent (`endDate`, `desk`, `project`). A value of `nil` drops the field: the domain's name
/// then refers to the path (the room of `/rooms/{id}/loans`), not to the body.
enum WireFields {
    /// Renames for one route.
    typealias Renames = [String: String?]

    /// `POST /structures`.
    static let structure: Renames = ["structureId": "id", "contactEmail": "email"]
    /// `PUT /structures/{id}/quota`.
    static let structurePath: Renames = ["structureId": nil]
    /// `POST /rooms`.
    static let newRoom: Renames = ["owner": "structure", "roomId": "id", "conditions.price": "conditions", "conditions.exchange": "conditions.detail"]
    /// `PATCH` and `DELETE /rooms/{id}`.
    static let roomPath: Renames = ["roomId": nil, "conditions.price": "conditions", "conditions.exchange": "conditions.detail"]
    /// `POST /rooms/{id}/availability` with a one-off slot.
    static let onceAvailability: Renames = ["roomId": nil, "availabilityId": "id"]
    /// `POST /rooms/{id}/availability` every week.
    static let weeklyAvailability: Renames = [
        "roomId": nil, "availabilityId": "id", "weekday": "weekly.weekday",
        "start": "weekly.from", "end": "weekly.to", "from": "startDate", "until": "endDate",
    ]
    /// The renames of `POST /rooms/{id}/availability` for `pattern`.
    static func availability(_ pattern: AvailabilityPattern) -> Renames {
        if case .weekly = pattern { return weeklyAvailability }
        return onceAvailability
    }
    /// `POST /rooms/{id}/availability`, by the command its body became.
    static func availability(_ command: RoomCommand) -> Renames {
        if case .openAvailability(_, let pattern) = command { return availability(pattern) }
        return onceAvailability
    }
    /// `DELETE /rooms/{id}/availability/{aid}`.
    static let availabilityPath: Renames = ["roomId": nil, "availabilityId": nil]
    /// `POST /rooms/{id}/loans` (one loan or a series).
    static let loanRequest: Renames = ["roomId": nil, "loanId": "id", "seriesId": "id", "until": "repeat.until"]
    /// `POST /rooms/{id}/loans/{lid}/…`.
    static let loanPath: Renames = ["roomId": nil, "loanId": nil]
    /// `POST /pepiniere/desks`.
    static let desk: Renames = ["deskId": "id"]
    /// `POST /pepiniere/applications`.
    static let application: Renames = ["applicationId": "id", "projectName": "project", "person": nil]
    /// `POST /pepiniere/applications/{id}/…`.
    static let applicationPath: Renames = ["applicationId": nil, "deskId": "desk", "outOfOrderReason": "reason", "newEnd": "end"]
    /// `POST /phare/requests`.
    static let phareRequest: Renames = ["requestId": "id"]
    /// `PATCH`, `DELETE /phare/requests/{id}` and its decisions.
    static let pharePath: Renames = ["requestId": nil]
}

extension Problem {
    /// The same problem naming the request's field instead of the domain's.
    func renamingField(_ renames: WireFields.Renames) -> Problem {
        guard let field, let renamed = renames[field] else { return self }
        var problem = Problem(status, code: code, detail: detail, field: renamed, title: title)
        problem.headers = headers
        problem.cause = cause
        return problem
    }
}

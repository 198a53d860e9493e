public import EventLog
import Domain
import Foundation

/// The `data` of a record: its event in the documented JSON form (``Domain/EventJSON``), with
/// personal data shown as the reader may see them. One function for the API's record answers
/// (`/events`, `/audit/history/…`, the event stream) and for `mutualise export`.
public enum RecordData {
    /// The event of `record` as a JSON object (Foundation's representation); nil for a record this
    /// program cannot decode.
    /// - Parameter openContacts: true to show personal data in clear (the coordinator); otherwise
    ///   they stay `{"sealed": true}`. An erased person's data are `{"erased": true}` either way.
    public static func json(of record: RecordedEvent, vault: PersonalDataVault, openContacts: Bool) -> Any? {
        guard let event = try? AnyDomainEvent.decode(eventType: record.type, schemaVersion: record.schemaVersion, payload: record.payload) else { return nil }
        let shown = event.mappingPersonalData { person, data in
            if openContacts { return vault.unseal(data, of: person) }
            return (try? vault.isErased(person)) == true ? .erased : data
        }
        return try? JSONSerialization.jsonObject(with: Data(EventJSON.encode(shown)))
    }
}

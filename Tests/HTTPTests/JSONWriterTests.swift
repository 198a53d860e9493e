import Foundation
@testable import HTTP
import Testing

/// The routes' JSON writer gives the bytes `JSONSerialization` gives (sorted keys, slashes
/// unescaped) for everything it writes, and leaves the rest to it.
@Suite struct JSONWriterTests {
    static func foundation(_ value: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    @Test func sameBytesAsJSONSerialization() throws {
        let objects: [Any] = [
            [String: Any](),
            [Any](),
            ["id": "pret-1", "version": UInt64(3), "position": UInt64(1_000_001)],
            ["status": "pending", "loans": ["a", "b"], "skipped": [["date": "2012-03-20", "reason": "fermé"]], "room": "salle-radiance"],
            ["rank": NSNull(), "flag": true, "other": false, "count": 0, "negative": -42, "big": Int64.max, "small": Int32.min],
            ["b": 1, "loans": 6, "loan": 7, "e": 9, "declined": ["pret-2"], "a": [String]()],
            ["text": "guillemets \" et barre \\ et / et « accents » et emoji 🏠", "url": "https://exemple.invalid/a/b"],
            [["nested": [["deep": [1, 2, [3, ["x": NSNull()]]]]]]],
        ]
        for object in objects {
            let written = try #require(JSONWriter.bytes(object), "\(object)")
            #expect(written == (try Self.foundation(object)), "\(String(decoding: written, as: UTF8.self))")
        }
    }

    @Test func leavesWhatItDoesNotWriteToFoundation() {
        #expect(JSONWriter.bytes(["latitude": 48.11]) == nil, "floating-point numbers")
        #expect(JSONWriter.bytes(["text": "ligne\nsuivante"]) == nil, "control characters")
        #expect(JSONWriter.bytes(["n": NSNumber(value: 1)]) == nil, "Foundation numbers")
        #expect(JSONWriter.bytes([["date": Date()]]) == nil)
        // Keys Foundation orders its own way (case-insensitively, digits as numbers).
        for key in ["loanId", "a10", "B", "é", "_x", ""] { #expect(JSONWriter.bytes([key: 1, "a": 2]) == nil, "\(key)") }
    }
}

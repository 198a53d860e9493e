import Foundation
import Testing
@testable import Domain

@Suite struct BinaryCodingTests {
    @Test func primitivesRoundTrip() throws {
        var w = BinaryWriter()
        w.write(UInt8(7))
        w.write(UInt16(0xBEEF))
        w.write(UInt32(0xDEAD_BEEF))
        w.write(UInt64.max)
        w.write(Int64.min)
        w.writeVarint(UInt64(300))
        w.writeVarint(-42)
        w.write(true)
        w.write(-0.5)
        w.write("Maison de l’ESS ✓")
        w.write(paris("2012-04-27T10:00"))
        w.writeOptional(Optional<String>.none) { $0.write($1) }
        w.writeOptional("x") { $0.write($1) }
        w.writeArray([1, 2, 3]) { $0.writeVarint($1) }
        var r = BinaryReader(w.bytes)
        #expect(try r.readUInt8() == 7)
        #expect(try r.readUInt16() == 0xBEEF)
        #expect(try r.readUInt32() == 0xDEAD_BEEF)
        #expect(try r.readUInt64() == UInt64.max)
        #expect(try r.readInt64() == Int64.min)
        #expect(try r.readVarint() == 300)
        #expect(try r.readSignedVarint() == -42)
        #expect(try r.readBool() == true)
        #expect(try r.readDouble() == -0.5)
        #expect(try r.readString() == "Maison de l’ESS ✓")
        #expect(try r.readDate() == paris("2012-04-27T10:00"))
        #expect(try r.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() } == nil)
        #expect(try r.readOptional { (r: inout BinaryReader) throws(DecodingFailure) in try r.readString() } == "x")
        #expect(try r.readArray { (r: inout BinaryReader) throws(DecodingFailure) in try r.readSignedVarint() } == [1, 2, 3])
        try r.finish()
    }

    @Test func integersAreLittleEndianAndVarintsLeb128() {
        var w = BinaryWriter()
        w.write(UInt16(0x0102))
        w.writeVarint(UInt64(300))
        #expect(w.bytes == [0x02, 0x01, 0xAC, 0x02])
    }

    @Test func datesAreMicrosecondsSince1970() {
        var w = BinaryWriter()
        w.write(Date(timeIntervalSince1970: 1.5))
        #expect(w.bytes == [0x60, 0xE3, 0x16, 0, 0, 0, 0, 0])
    }

    @Test func truncatedInputThrows() {
        var r = BinaryReader([0x01])
        #expect(throws: DecodingFailure.truncated) { try r.readUInt16() }
        var s = BinaryReader([0x05, 0x61])
        #expect(throws: DecodingFailure.truncated) { try s.readString() }
        var huge = BinaryReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(throws: DecodingFailure.truncated) { try huge.readArray { (r: inout BinaryReader) throws(DecodingFailure) in try r.readUInt8() } }
    }

    @Test func invalidUtf8Throws() {
        var r = BinaryReader([0x02, 0xC3, 0x28])
        #expect(throws: DecodingFailure.invalidUTF8) { try r.readString() }
    }

    @Test func utf8ValidationRefusesOverlongsSurrogatesAndTruncations() throws {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80]] {
            var r = BinaryReader([UInt8(bad.count)] + bad)
            #expect(throws: DecodingFailure.invalidUTF8, "\(bad)") { try r.readString() }
        }
        for good in ["é", "€", "🏠", "Questions d’égalité"] {
            var w = BinaryWriter()
            w.write(good)
            var r = BinaryReader(w.bytes)
            #expect(try r.readString() == good)
        }
    }

    @Test func overlongVarintThrows() {
        var r = BinaryReader(Array(repeating: 0xFF, count: 11))
        #expect(throws: DecodingFailure.self) { try r.readVarint() }
        var r2 = BinaryReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02])
        #expect(throws: DecodingFailure.self) { try r2.readVarint() }
    }

    @Test func invalidTagsAndBoolsThrow() {
        var b = BinaryReader([2])
        #expect(throws: DecodingFailure.self) { try b.readBool() }
        #expect(throws: DecodingFailure.self) { try ContactData.decoded(from: [3]) }
        #expect(throws: DecodingFailure.self) { try RoomID.decoded(from: [3, 0x41, 0x42, 0x43]) }
        #expect(throws: DecodingFailure.self) { try LocalDate.decoded(from: [0xDC, 0x07, 2, 30]) }
        #expect(throws: DecodingFailure.self) { try GeoPosition.decoded(from: BinaryWriterBytes { $0.write(91.0); $0.write(0.0) }) }
    }

    @Test func contactDataEncodesAllThreeForms() throws {
        for value in [ContactData.clear(Contact(name: "Camille", email: "c@example.org", phone: nil)),
                      .clear(Contact(name: "Camille", email: "c@example.org", phone: "0299000000")),
                      .sealed(SealedBytes(Array(0...40))), .erased] {
            #expect(try ContactData.decoded(from: value.encoded()) == value)
        }
    }
}

func BinaryWriterBytes(_ body: (inout BinaryWriter) -> Void) -> [UInt8] {
    var w = BinaryWriter()
    body(&w)
    return w.bytes
}

@Suite struct EventCodingTests {
    @Test func everyEventTypeHasASample() {
        #expect(Set(sampleEvents.map(\.eventType)) == allEventTypes)
        #expect(sampleEvents.allSatisfy { $0.schemaVersion == 1 })
    }

    @Test(arguments: sampleEvents)
    func eventRoundTrips(_ event: AnyDomainEvent) throws {
        let bytes = event.encodedPayload()
        let decoded = try AnyDomainEvent.decode(eventType: event.eventType, schemaVersion: event.schemaVersion, payload: bytes)
        #expect(decoded == event)
        #expect(decoded.encodedPayload() == bytes)
    }

    @Test func aggregateEnumsDecodeTheirOwnTypes() throws {
        let e = requested("l1", "2012-04-27T10:00", "2012-04-27T17:00")
        #expect(try RoomEvent.decode(eventType: e.eventType, schemaVersion: 1, payload: e.encodedPayload()) == e)
        #expect(throws: DecodingFailure.unknownEventType("structure.registered.v1")) {
            try RoomEvent.decode(eventType: "structure.registered.v1", schemaVersion: 1, payload: [])
        }
    }

    @Test func everyTruncationOfEveryPayloadThrows() {
        for event in sampleEvents {
            let bytes = event.encodedPayload()
            for n in 0..<bytes.count {
                #expect(throws: DecodingFailure.self, "\(event.eventType) cut at \(n)") {
                    try AnyDomainEvent.decode(eventType: event.eventType, schemaVersion: 1, payload: Array(bytes.prefix(n)))
                }
            }
        }
    }

    @Test func trailingBytesThrow() {
        for event in sampleEvents {
            #expect(throws: DecodingFailure.trailingBytes) {
                try AnyDomainEvent.decode(eventType: event.eventType, schemaVersion: 1, payload: event.encodedPayload() + [0])
            }
        }
    }

    @Test func garbageNeverCrashes() {
        var rng = SplitMix(seed: 2012)
        var decoded = 0
        var refused = 0
        for event in sampleEvents {
            let original = event.encodedPayload()
            #expect((try? AnyDomainEvent.decode(eventType: event.eventType, schemaVersion: 1, payload: original)) != nil, "\(event.eventType)")
            for _ in 0..<200 {
                var bytes = original
                if bytes.isEmpty || rng.next() % 4 == 0 {
                    bytes = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                } else {
                    for _ in 0..<(1 + Int(rng.next() % 3)) {
                        bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                    }
                }
                if (try? AnyDomainEvent.decode(eventType: event.eventType, schemaVersion: 1, payload: bytes)) != nil { decoded += 1 } else { refused += 1 }
            }
        }
        // None trapped (the test would not end). Random bytes and cut payloads are refused with a
        // decoding failure; a changed letter in a name still decodes: both must happen.
        #expect(refused > sampleEvents.count * 50, "decoded \(decoded), refused \(refused)")
        #expect(decoded > 0, "decoded \(decoded), refused \(refused)")
    }

    @Test func unknownTypesAndVersionsThrow() {
        #expect(throws: DecodingFailure.unknownEventType("tokens.issued.v1")) {
            try AnyDomainEvent.decode(eventType: "tokens.issued.v1", schemaVersion: 1, payload: [])
        }
        #expect(throws: DecodingFailure.unknownEventType("room.teleported.v1")) {
            try AnyDomainEvent.decode(eventType: "room.teleported.v1", schemaVersion: 1, payload: [])
        }
        #expect(throws: DecodingFailure.unknownEventType("")) {
            try AnyDomainEvent.decode(eventType: "", schemaVersion: 1, payload: [])
        }
        #expect(throws: DecodingFailure.unsupportedSchemaVersion(eventType: "room.loanApproved.v1", version: 2)) {
            try AnyDomainEvent.decode(eventType: "room.loanApproved.v1", schemaVersion: 2, payload: [])
        }
    }

    @Test func decodingIsFast() throws {
        let e = requested("l1", "2012-04-27T10:00", "2012-04-27T17:00")
        let payload = e.encodedPayload()
        let type = e.eventType
        let n = 20_000
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<n { _ = try AnyDomainEvent.decode(eventType: type, schemaVersion: 1, payload: payload) }
        }
        // A loose bound that holds in debug builds; release is far faster (see docs/domain.md).
        #expect(elapsed < .seconds(5))
    }
}

/// A small deterministic generator for fuzzing.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

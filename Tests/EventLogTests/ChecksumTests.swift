import CCRC32C
import Testing

/// The record checksum (CRC-32C) against a bit-by-bit reference, over every length a record
/// can take around the three-lane blocks (96 and 192 bytes) of the hardware path.
@Suite struct ChecksumTests {
    /// CRC-32C one bit at a time (reflected polynomial 0x82F63B78), continuing from `crc`.
    static func reference(_ bytes: [UInt8], from crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        }
        return ~c
    }

    static func checksum(_ bytes: [UInt8], from crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { mutualisation_crc32c(crc, $0.baseAddress, $0.count) }
    }

    @Test func theStandardCheckValue() {
        #expect(Self.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(Self.checksum([]) == 0)
    }

    @Test func everyLengthUpTo700BytesMatchesTheReference() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<700).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in 0...700 {
            let slice = Array(bytes[0..<length])
            #expect(Self.checksum(slice) == Self.reference(slice), "length \(length)")
        }
        // Unaligned starts as well.
        for start in 1..<8 {
            let slice = Array(bytes[start..<start + 333])
            #expect(Self.checksum(slice) == Self.reference(slice), "start \(start)")
        }
    }

    @Test func continuingFromAPreviousValueEqualsOnePass() {
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for cut in [0, 1, 95, 96, 191, 192, 500, 999] {
            let first = Self.checksum(Array(bytes[..<cut]))
            #expect(Self.checksum(Array(bytes[cut...]), from: first) == Self.checksum(bytes), "cut \(cut)")
        }
        #expect(Self.checksum(bytes) == Self.reference(bytes))
    }
}

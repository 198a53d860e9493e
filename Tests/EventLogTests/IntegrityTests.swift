import EventLog
import Foundation
import LMDB
import TestSupport
import Testing

@Suite struct IntegrityTests {
    /// Builds a closed log of `count` events whose payloads hold a findable marker.
    func makeLog(in folder: TemporaryFolder, count: Int) async throws {
        let log = try EventLog(directory: folder.path)
        for index in 1...count {
            _ = try await log.append(
                to: "stream-\(index % 5)", expected: .any,
                events: [event(String(format: "MARKER-%05d-payload", index))], metadata: tester
            )
        }
        log.close()
    }

    /// Flips one byte of the marker of the record at `position` in the data file.
    func flipByte(in folder: TemporaryFolder, ofRecord position: Int) throws {
        #expect(try folder.flipByte(after: String(format: "MARKER-%05d", position)) > 0)
    }

    @Test func anUntouchedChainVerifies() async throws {
        let folder = TemporaryFolder()
        try await makeLog(in: folder, count: 50)
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let verification = try log.verifyChain(pageSize: 7)
        #expect(verification.isValid && verification.checkedRecords == 50 && verification.headPosition == 50)
        #expect(verification.lastHash == (try log.head()).hash)
    }

    @Test func aFlippedByteIsFoundWithItsPosition() async throws {
        let folder = TemporaryFolder()
        try await makeLog(in: folder, count: 50)
        try flipByte(in: folder, ofRecord: 42)
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let verification = try log.verifyChain()
        #expect(!verification.isValid)
        #expect(verification.failure?.position == 42)
        #expect(verification.checkedRecords == 41)
        // A damaged record is never decoded silently.
        let error = #expect(throws: EventLogError.self) { try log.read(from: 40, limit: 10) }
        #expect(error?.code == .corruptRecord && error?.position == 42)
        #expect(try log.read(from: 1, limit: 41).count == 41, "records before the damage still read")
    }

    @Test func aRecordRewrittenWithAValidChecksumBreaksTheChain() async throws {
        // An attacker who recomputes the CRC still cannot forge the chain.
        let folder = TemporaryFolder()
        try await makeLog(in: folder, count: 10)
        let url = URL(fileURLWithPath: folder.sub("data.mdb"))
        var data = try Data(contentsOf: url)
        let marker = Data("MARKER-00007".utf8)
        var searchFrom = data.startIndex
        var rewritten = 0
        while let range = data.range(of: marker, in: searchFrom..<data.endIndex) {
            searchFrom = range.upperBound
            data[range.lowerBound + 11] = UInt8(ascii: "8")  // MARKER-00008, same length
            // Find the record's start and recompute its CRC over [5, end), as a careful forger would.
            let recordEnd = range.lowerBound + "MARKER-00007-payload".utf8.count
            guard let recordStart = findRecordStart(in: data, endingAt: recordEnd) else { continue }
            let crc = crc32c(data[(recordStart + 5)..<recordEnd])
            withUnsafeBytes(of: crc.littleEndian) { bytes in
                for i in 0..<4 { data[recordStart + 1 + i] = bytes[i] }
            }
            rewritten += 1
        }
        #expect(rewritten > 0)
        try data.write(to: url)
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        _ = try log.read(from: 7, limit: 1)  // the checksum now passes
        let verification = try log.verifyChain()
        #expect(verification.failure?.position == 7)
        #expect(verification.failure?.reason.contains("chain hash") == true)
    }

    /// Scans back from the payload's end for a record header whose lengths add up.
    func findRecordStart(in data: Data, endingAt end: Int) -> Int? {
        for start in stride(from: end - 72, to: max(0, end - 400), by: -1) where data[start] == 1 {
            let flags = data[start + 71]
            guard flags == 0 else { continue }
            var offset = start + 72
            var ok = true
            for _ in 0..<3 {
                guard offset + 2 <= end else { ok = false; break }
                offset += 2 + Int(data[offset]) + Int(data[offset + 1]) << 8
            }
            guard ok, offset + 4 <= end else { continue }
            let payload = Int(data[offset]) | Int(data[offset + 1]) << 8 | Int(data[offset + 2]) << 16 | Int(data[offset + 3]) << 24
            if offset + 4 + payload == end { return start }
        }
        return nil
    }

    func crc32c(_ bytes: Data) -> UInt32 {
        var crc: UInt32 = ~0
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func aDamagedStreamIndexIsNeverServedAndVerifyFindsIt() async throws {
        let folder = TemporaryFolder()
        try await makeLog(in: folder, count: 20)
        // Point the index entry of stream-1 version 1 at another stream's record.
        do {
            let handle = try LMDBHandle.open(folder.path)
            let streams = try handle.environment.openDatabase(named: "streams")
            let key = Array("stream-1".utf8) + [0] + withUnsafeBytes(of: UInt64(1).bigEndian) { Array($0) }
            try handle.environment.write { txn in
                try txn.put(streams, key: key, value: withUnsafeBytes(of: UInt64(2).bigEndian) { Array($0) })
            }
        }
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        let error = #expect(throws: EventLogError.self) { try log.readStream("stream-1") }
        #expect(error?.code == .corruptRecord)
        let verification = try log.verifyChain()
        #expect(!verification.isValid)
        #expect(verification.failure?.position == 1)
        #expect(verification.failure?.reason.contains("stream index") == true)
    }

    @Test func aBackupTakenWhileWritingVerifiesAndReopens() async throws {
        let folder = TemporaryFolder()
        let log = try EventLog(directory: folder.sub("live"))
        defer { log.close() }
        _ = try await log.append(to: "s", expected: .any, events: (0..<500).map { event("\($0)") }, metadata: tester)
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for index in 0..<100 {
                            _ = try? await log.append(to: "w\(writer)", expected: .any, events: [event("\(index)")], metadata: tester)
                        }
                    }
                }
            }
        }
        try log.backup(to: folder.sub("backup"))
        await writers.value
        let copy = try EventLog(directory: folder.sub("backup"))
        defer { copy.close() }
        let verification = try copy.verifyChain()
        #expect(verification.isValid)
        #expect(verification.checkedRecords >= 500)
        let copiedHead = try copy.head()
        let original = try #require(try log.record(at: copiedHead.position))
        #expect(original.hash == copiedHead.hash, "the backup is a prefix of the live log")
        #expect(throws: EventLogError.self) { try log.backup(to: folder.sub("backup")) }
    }

    @Test func importingAnotherLogsRecordsKeepsTheirChainAndRefusesATamperedOne() async throws {
        let folder = TemporaryFolder()
        let source = try EventLog(directory: folder.sub("source"))
        defer { source.close() }
        for index in 0..<30 {
            _ = try await source.append(to: "s\(index % 3)", expected: .any, events: [event("\(index)")], metadata: AppendMetadata(actor: "a", causationID: UUID()))
        }
        let records = try source.read(from: 1, limit: 100)

        let target = try EventLog(directory: folder.sub("target"))
        defer { target.close() }
        var tampered = records
        let victim = tampered[10]
        tampered[10] = RecordedEvent(
            position: victim.position, streamID: victim.streamID, streamVersion: victim.streamVersion, type: victim.type,
            schemaVersion: victim.schemaVersion, recordedAtMicroseconds: victim.recordedAtMicroseconds, actor: "forger",
            correlationID: victim.correlationID, causationID: victim.causationID, id: victim.id, payload: victim.payload, hash: victim.hash
        )
        let error = await #expect(throws: EventLogError.self) { try await target.importRecords(tampered) }
        #expect(error?.code == .chainBroken && error?.position == 11)
        #expect(try target.headPosition() == 0, "a refused import writes nothing")

        try await target.importRecords(Array(records[0..<20]))
        try await target.importRecords(Array(records[20...]))
        #expect(try target.head().hash == (try source.head()).hash)
        #expect(try target.streamVersion("s1") == 10)
        let next = try await target.append(to: "s1", expected: .exact(10), events: [event("after import")], metadata: tester)
        #expect(next.lastPosition == 31)
        #expect(try target.verifyChain().isValid)
        let gap = await #expect(throws: EventLogError.self) { try await target.importRecords(Array(records[5...6])) }
        #expect(gap?.code == .importMismatch)
    }
}

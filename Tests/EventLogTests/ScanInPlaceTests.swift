import EventLog
import Foundation
import TestSupport
import Testing

/// `scanInPlace` hands out the very records `scan` copies out, checked the same way.
@Suite struct ScanInPlaceTests {
    func makeLog(_ folder: TemporaryFolder, count: Int) async throws -> EventLog {
        let log = try EventLog(directory: folder.path)
        for index in 1...count {
            _ = try await log.append(to: index % 3 == 0 ? "stream-avec-un-nom-assez-long-\(index % 2)" : "s-\(index % 5)", expected: .any,
                                     events: [ProposedEvent(type: "test.événement-\(index % 4).v1", schemaVersion: 1 + UInt16(index % 2),
                                                            payload: Array(String(format: "MARKER-%05d-payload", index).utf8))],
                                     metadata: AppendMetadata(actor: "tester"))
        }
        return log
    }

    @Test func viewsMatchTheCopiedRecords() async throws {
        let folder = TemporaryFolder()
        let log = try await makeLog(folder, count: 40)
        defer { log.close() }
        var copied: [RecordedEvent] = []
        try log.scan(pageSize: 7) { page in copied += page; return true }
        var viewed: [RecordedEvent] = []
        var fields: [String] = []
        try log.scanInPlace(pageSize: 6) { view in
            viewed.append(try view.record())
            fields.append("\(view.position) \(view.streamID) \(view.streamVersion) \(view.type) \(view.schemaVersion) \(view.recordedAtMicroseconds) \(Array(view.payload))")
            return true
        }
        #expect(viewed == copied)
        #expect(fields == copied.map { "\($0.position) \($0.streamID) \($0.streamVersion) \($0.type) \($0.schemaVersion) \($0.recordedAtMicroseconds) \($0.payload)" })
    }

    @Test func aScanStopsWhereAskedAndWhenTold() async throws {
        let folder = TemporaryFolder()
        let log = try await makeLog(folder, count: 30)
        defer { log.close() }
        var positions: [UInt64] = []
        try log.scanInPlace(from: 5, through: 17, pageSize: 4) { positions.append($0.position); return true }
        #expect(positions == Array(5...17))
        positions = []
        try log.scanInPlace(from: 3, pageSize: 4) { positions.append($0.position); return $0.position < 9 }
        #expect(positions == Array(3...9))
        positions = []
        try log.scanInPlace(from: 31) { positions.append($0.position); return true }
        #expect(positions.isEmpty)
        // The pages it read can be dropped from resident memory; reading again still works.
        #expect(log.releaseMappedPages() > 0)
        #expect(try log.read(from: 30, limit: 1).first?.position == 30)
    }

    @Test func aDamagedRecordIsRefusedWithItsPosition() async throws {
        let folder = TemporaryFolder()
        do {
            let log = try await makeLog(folder, count: 20)
            log.close()
        }
        let url = URL(fileURLWithPath: folder.sub("data.mdb"))
        var data = try Data(contentsOf: url)
        var searchFrom = data.startIndex
        while let range = data.range(of: Data("MARKER-00013".utf8), in: searchFrom..<data.endIndex) {
            data[range.lowerBound + 8] ^= 0x01
            searchFrom = range.upperBound
        }
        try data.write(to: url)
        let log = try EventLog(directory: folder.path)
        defer { log.close() }
        var seen: [UInt64] = []
        let error = #expect(throws: EventLogError.self) {
            try log.scanInPlace { seen.append($0.position); return true }
        }
        #expect(error?.code == .corruptRecord && error?.position == 13)
        #expect(seen == Array(1...12))
    }
}

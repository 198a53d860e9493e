import EventLog
import Foundation
import TestSupport
import Testing

/// `mutualise import` on a large export: every line imported, whatever the chunk boundaries.
@Suite struct ImportTests {
    @Test func aTwoHundredThousandLineExportIsImportedWhole() async throws {
        let folder = TemporaryFolder("import")
        let lines = 200_000
        let source = try EventLog(directory: folder.sub("source"), configuration: .init())
        for batch in 0..<(lines / 1000) {
            let events = (0..<1000).map { n in ProposedEvent(type: "test.tick.v1", payload: Array("tick \(batch * 1000 + n)".utf8)) }
            _ = try await source.append(to: "ticks-\(batch % 10)", expected: .any, events: events, metadata: AppendMetadata(actor: "tester"))
        }
        // The export, written as `mutualise export` writes it, without a final newline: the last line is a tail.
        let file = folder.sub("events.jsonl")
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        var position: UInt64 = 0
        var written = 0
        while true {
            let records = try source.read(from: position + 1, limit: 5000)
            guard let last = records.last else { break }
            var text = records.map(\.jsonLine).joined(separator: "\n")
            if last.position < UInt64(lines) { text += "\n" }
            handle.write(Data(text.utf8))
            written += records.count
            position = last.position
        }
        try handle.close()
        #expect(written == lines)
        let sourceHead = try source.head().hash
        source.close()

        let imported = try await mutualise(["import", file, "--data", folder.sub("copy")])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("200000 enregistrements importés"), "\(imported.output)")
        let copy = try EventLog(directory: folder.sub("copy"), configuration: .init())
        defer { copy.close() }
        #expect(try copy.headPosition() == UInt64(lines))
        #expect(try copy.head().hash == sourceHead)
    }
}

import EventLog
import Foundation
import Testing

@Suite struct LineSplitterTests {
    /// Splits `text` fed in chunks of `size` bytes.
    func split(_ text: String, chunk size: Int) -> [String] {
        var splitter = LineSplitter()
        var lines: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            splitter.feed(Data(bytes[offset..<end])) { lines.append(String(decoding: $0, as: UTF8.self)) }
            offset = end
        }
        splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    @Test func linesCutAtEveryChunkBoundaryComeOutWhole() {
        let text = "{\"a\":1}\n\n{\"b\":\"é – ü\"}\nune ligne bien plus longue que les morceaux\nfin sans retour"
        let expected = ["{\"a\":1}", "", "{\"b\":\"é – ü\"}", "une ligne bien plus longue que les morceaux", "fin sans retour"]
        for size in [1, 2, 3, 5, 7, 8, 13, 64, 4096] {
            #expect(split(text, chunk: size) == expected, "chunks of \(size) bytes")
        }
        #expect(split("a\nb\n", chunk: 1) == ["a", "b"], "a final newline adds no empty line")
    }

    @Test func aLargeInputKeepsOnlyTheTailBetweenChunks() {
        var splitter = LineSplitter()
        var count = 0
        let line = Array("{\"position\":1,\"payload\":\"AAAA\"}\n".utf8)
        let chunk = Data((0..<10_000).flatMap { _ in line } + Array("{\"unfinished".utf8))
        splitter.feed(chunk) { _ in count += 1 }
        #expect(count == 10_000)
        #expect(splitter.pendingCount == "{\"unfinished".utf8.count)
    }
}

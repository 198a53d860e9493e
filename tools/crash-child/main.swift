// A child process for the crash-safety test (Tests/EventLogTests/CrashSafetyTests.swift) and
// for tools/crash campaigns: it appends events from several concurrent tasks and prints one
// line per acknowledged event, "ack POSITION EVENT-ID", flushed at once, until it is killed.
//
// Usage: eventlog-crash-child DATA-DIR [WRITERS] [MAX-EVENTS]
import EventLog
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: eventlog-crash-child DATA-DIR [WRITERS] [MAX-EVENTS]\n".utf8))
    exit(2)
}
let directory = arguments[1]
let writers = arguments.count > 2 ? Int(arguments[2]) ?? 8 : 8
let maxEvents = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000

let log: EventLog
do {
    log = try EventLog(directory: directory)
} catch {
    FileHandle.standardError.write(Data("cannot open the log: \(error)\n".utf8))
    exit(1)
}

/// Writes whole lines to standard output without buffering, so that a line printed is a line the test sees.
func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(1, raw.baseAddress! + offset, raw.count - offset)
            if written <= 0 { exit(3) }
            offset += written
        }
    }
}

emit("ready \((try? log.headPosition()) ?? 0)")
await withTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
        group.addTask {
            for index in 0..<(maxEvents / writers) {
                let event = ProposedEvent(type: "crash.test.v1", payload: Array("writer \(writer) event \(index)".utf8))
                do {
                    let result = try await log.append(
                        to: "crash-\(writer)", expected: .any, events: [event],
                        metadata: AppendMetadata(actor: "crash-child")
                    )
                    emit("ack \(result.lastPosition) \(event.id.uuidString)")
                } catch {
                    emit("error \(error)")
                    exit(1)
                }
            }
        }
    }
}
log.close()
emit("done")

import Foundation
import Logging
import Synchronization

/// A swift-log handler that keeps every record in memory, for tests that read what the server logs.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]

        /// The whole record as one line of text, to search for what must never appear.
        var line: String { "\(level) \(message) " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
    }

    private let stored = Mutex<[Record]>([])

    var records: [Record] { stored.withLock { $0 } }

    /// A logger at `level` writing here.
    func logger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "captured") { _ in Handler(store: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ record: Record) { stored.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let store: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            store.append(Record(level: event.level, message: event.message.description, metadata: all.mapValues { "\($0)" }))
        }
    }
}

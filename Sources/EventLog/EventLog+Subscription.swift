extension EventLog {
    /// A live subscription: every record after `position`, then new records as they are
    /// committed, in order, without gaps or duplicates. Records committed by another process
    /// on the same folder arrive within `pollInterval`.
    public func subscribe(after position: UInt64, batchSize: Int = 1024, pollInterval: Duration = .milliseconds(250)) -> Subscription {
        Subscription(log: self, after: position, batchSize: batchSize, pollInterval: pollInterval)
    }

    /// Waits until the head passes `position` (or `timeout` elapses); returns the head then.
    @discardableResult
    public func waitForHead(beyond position: UInt64, timeout: Duration) async throws(EventLogError) -> UInt64 {
        let deadline = ContinuousClock.now + timeout
        while true {
            let head = try headPosition()
            if head > position || ContinuousClock.now >= deadline { return head }
            await notifier.wait(beyond: position, timeout: min(.milliseconds(250), deadline - .now))
        }
    }

    /// The records of the log as an `AsyncSequence` that never ends on its own (cancel the task to stop).
    public struct Subscription: AsyncSequence, Sendable {
        public typealias Element = RecordedEvent
        let log: EventLog
        let after: UInt64
        let batchSize: Int
        let pollInterval: Duration

        public func makeAsyncIterator() -> Iterator {
            Iterator(log: log, position: after, batchSize: batchSize, pollInterval: pollInterval)
        }

        /// Reads pages of records; when caught up, waits for the writer's signal or the poll interval.
        public struct Iterator: AsyncIteratorProtocol {
            let log: EventLog
            var position: UInt64
            let batchSize: Int
            let pollInterval: Duration
            var buffer: [RecordedEvent] = []
            var index = 0

            /// The next record; nil once the task is cancelled.
            public mutating func next() async throws -> RecordedEvent? {
                while true {
                    if index < buffer.count {
                        defer { index += 1 }
                        position = buffer[index].position
                        return buffer[index]
                    }
                    if Task.isCancelled { return nil }
                    buffer = try log.read(from: position + 1, limit: batchSize)
                    index = 0
                    if buffer.isEmpty {
                        await log.notifier.wait(beyond: position, timeout: pollInterval)
                    }
                }
            }
        }
    }
}

/// Runs `body` and returns its result, or nil when it has not finished within `timeout` (the
/// body's task is then cancelled and left behind): a hung wait fails a test instead of hanging it.
public func withinDeadline<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
    let (results, continuation) = AsyncStream<T?>.makeStream()
    let work = Task { continuation.yield(await body()) }
    let timer = Task {
        try? await Task.sleep(for: timeout)
        continuation.yield(nil)
    }
    var iterator = results.makeAsyncIterator()
    let first = await iterator.next() ?? nil
    timer.cancel()
    if first == nil { work.cancel() }
    continuation.finish()
    return first
}

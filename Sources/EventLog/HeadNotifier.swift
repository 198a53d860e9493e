import Synchronization

/// Wakes subscribers when the head moves past the position they wait beyond.
///
/// The writer advances it after each commit; for commits made by another process (a CLI
/// writing while the server runs) a subscriber also re-reads the head after a short timeout.
final class HeadNotifier: Sendable {
    private struct Waiter {
        let id: UInt64
        let beyond: UInt64
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var head: UInt64 = 0
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
        var closed = false
    }

    private let state = Mutex(State())

    /// The highest position announced so far.
    var head: UInt64 { state.withLock { $0.head } }

    /// Announces that the head reached `position`, waking those who wait beyond a lower position.
    func advance(to position: UInt64) {
        let ready: [Waiter] = state.withLock { state in
            guard position > state.head else { return [] }
            state.head = position
            let ready = state.waiters.filter { $0.beyond < position }
            state.waiters.removeAll { $0.beyond < position }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Wakes everyone; later waits return at once.
    func close() {
        let all: [Waiter] = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in all { waiter.continuation.resume() }
    }

    /// Returns once the head passes `position`, after `timeout`, or on cancellation, whichever comes first.
    func wait(beyond position: UInt64, timeout: Duration) async {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.release(id)
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.closed || state.head > position || Task.isCancelled { return true }
                    state.waiters.append(Waiter(id: id, beyond: position, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            release(id)
        }
    }

    private func release(_ id: UInt64) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume()
    }
}

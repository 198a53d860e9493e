import Synchronization

/// A position that only grows, and tasks waiting for it to reach a target, without lost wake-ups.
///
/// Every wait is registered under the mutex, checking the position in the same critical section,
/// before its timeout starts: an advance after the check finds the registration, and a timeout or
/// a cancellation that fires before the continuation is installed leaves the registration settled,
/// so that installing it resumes at once. Each wait is resumed exactly once.
public final class PositionSignal: Sendable {
    private enum Slot {
        /// Registered; the continuation is not installed yet.
        case armed(target: UInt64)
        /// Waiting on its continuation.
        case waiting(target: UInt64, continuation: CheckedContinuation<Bool, Never>)
        /// Settled before its continuation was installed: installing it resumes with this result.
        case settled(Bool)
    }

    private struct State {
        var position: UInt64 = 0
        var closed = false
        var nextID: UInt64 = 0
        var slots: [UInt64: Slot] = [:]
    }

    private enum Registration {
        case done(Bool)
        case registered(UInt64)
    }

    private let state = Mutex(State())

    /// A signal at position 0.
    public init() {}

    /// The highest position announced so far.
    public var position: UInt64 { state.withLock { $0.position } }

    /// Number of waits registered and not yet resumed (for tests and metrics).
    public var waiting: Int { state.withLock { $0.slots.count } }

    /// Announces `position` (lower ones are ignored), resuming with `true` every wait it reaches.
    public func advance(to position: UInt64) {
        let ready: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            guard position > state.position else { return [] }
            state.position = position
            var ready: [CheckedContinuation<Bool, Never>] = []
            for (id, slot) in state.slots {
                switch slot {
                case .armed(let target) where target <= position:
                    state.slots[id] = .settled(true)
                case .waiting(let target, let continuation) where target <= position:
                    state.slots[id] = nil
                    ready.append(continuation)
                default:
                    break
                }
            }
            return ready
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// Resumes every wait with `false`; later waits that are not already reached return at once.
    public func close() {
        let all: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            state.closed = true
            var all: [CheckedContinuation<Bool, Never>] = []
            for (id, slot) in state.slots {
                switch slot {
                case .armed: state.slots[id] = .settled(false)
                case .waiting(_, let continuation):
                    state.slots[id] = nil
                    all.append(continuation)
                case .settled: break
                }
            }
            return all
        }
        for continuation in all { continuation.resume(returning: false) }
    }

    /// Waits until the position reaches `target`: `true` then, `false` after `timeout`, on
    /// cancellation of the calling task, or once closed.
    public func wait(until target: UInt64, timeout: Duration) async -> Bool {
        let registration = state.withLock { state -> Registration in
            if state.position >= target { return .done(true) }
            if state.closed { return .done(false) }
            state.nextID += 1
            state.slots[state.nextID] = .armed(target: target)
            return .registered(state.nextID)
        }
        guard case .registered(let id) = registration else {
            if case .done(let reached) = registration { return reached }
            return false
        }
        // Started once registered: its firing always finds the registration.
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.settle(id, false)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let settled: Bool? = state.withLock { state in
                    switch state.slots[id] {
                    case .armed(let target):
                        state.slots[id] = .waiting(target: target, continuation: continuation)
                        return nil
                    case .settled(let result):
                        state.slots[id] = nil
                        return result
                    case .waiting, nil:
                        // Not reachable: only this task installs the continuation.
                        return false
                    }
                }
                if let settled { continuation.resume(returning: settled) }
            }
        } onCancel: {
            settle(id, false)
        }
    }

    /// Settles wait `id` with `result`: resumes it when waiting, marks it when not yet installed.
    private func settle(_ id: UInt64, _ result: Bool) {
        let continuation: CheckedContinuation<Bool, Never>? = state.withLock { state in
            switch state.slots[id] {
            case .armed:
                state.slots[id] = .settled(result)
                return nil
            case .waiting(_, let continuation):
                state.slots[id] = nil
                return continuation
            case .settled, nil:
                return nil
            }
        }
        continuation?.resume(returning: result)
    }
}
